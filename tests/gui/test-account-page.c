/* test-account-page.c: account details, revealing the secret, recovery codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "../rv-test-util.h"
#include "rv-account-page.h"
#include "rv-base32.h"
#include "rv-gui-test-util.h"
#include "rv-util.h"
#include "rv-otp-uri.h"
#include "rv-qr.h"
#include "rv-recovery-codes-view.h"

#define SECRET "JBSWY3DPEHPK3PXPJBSWY3DP"

static const char *codes[] = {
  "aaaa-1111", "bbbb-2222", "cccc-3333", "dddd-4444",
  "eeee-5555", "ffff-6666", "gggg-7777", "hhhh-8888", NULL,
};

typedef struct
{
  char      *dir;
  RvVault   *vault;
  RvAccount *account;
  GtkWidget *window;
  GtkWidget *page;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvSecret) password = rv_secret_new_from_string ("test password");
  g_autofree char *path = NULL;
  g_autoptr(RvSecret) secret = rv_base32_decode (SECRET, strlen (SECRET), NULL);

  fixture->dir = rv_test_make_tmpdir ();
  path = g_build_filename (fixture->dir, "vault.rvault", NULL);
  fixture->vault = rv_vault_create (path, password, &error);
  g_assert_no_error (error);

  fixture->account = rv_account_new ();
  rv_account_set_issuer (fixture->account, "ACME Co");
  rv_account_set_name (fixture->account, "alice@example.com");
  rv_account_set_kind (fixture->account, RV_OTP_KIND_TOTP);
  rv_account_set_secret (fixture->account, secret);
  rv_vault_add_account (fixture->vault, fixture->account);
  g_assert_true (rv_vault_save (fixture->vault, NULL));

  fixture->page = rv_account_page_new (fixture->vault, fixture->account);
  g_object_ref_sink (fixture->page);
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 600, 900);
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->page);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (rv_gui_test_wait_mapped (fixture->page));
}

static void
close_dialogs (void)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      gtk_window_destroy (l->data);
  g_list_free (toplevels);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  close_dialogs ();
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->page);
  rv_vault_close (fixture->vault);
  g_clear_object (&fixture->account);
  g_assert_finalize_object (fixture->vault);
  rv_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
}

static gpointer
page_child (Fixture    *fixture,
            const char *name)
{
  return gtk_widget_get_template_child (fixture->page, RV_TYPE_ACCOUNT_PAGE, name);
}

static gpointer
codes_child (Fixture    *fixture,
             const char *name)
{
  return gtk_widget_get_template_child (page_child (fixture, "codes_view"),
                                        RV_TYPE_RECOVERY_CODES_VIEW, name);
}

/* The QR code shown carries exactly the account's otpauth URI. */
static void
assert_qr_holds_account_uri (Fixture    *fixture,
                             GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *pixels = g_malloc (width * height * 4);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(RvOtpParams) params = rv_account_dup_otp_params (fixture->account);
  g_autoptr(RvSecret) uri = rv_otp_uri_build (params);
  g_autoptr(GError) error = NULL;

  gdk_texture_download (texture, pixels, width * 4);
  pixbuf = gdk_pixbuf_new_from_data (pixels, GDK_COLORSPACE_RGB, TRUE, 8, width, height,
                                     width * 4, NULL, NULL);
  texts = rv_qr_decode_pixbuf (pixbuf, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (texts->len, ==, 1);
  g_assert_true (rv_secret_equal (g_ptr_array_index (texts, 0), uri));
}

static void
on_back (RvAccountPage *page,
         gboolean      *called)
{
  *called = TRUE;
}

static void
test_reveal_secret (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkLabel *label = page_child (fixture, "secret_label");
  GtkPicture *picture = page_child (fixture, "qr_picture");
  RvAccountPage *page = RV_ACCOUNT_PAGE (fixture->page);
  GdkPaintable *paintable;
  gboolean back = FALSE;

  g_signal_connect (page, "back", G_CALLBACK (on_back), &back);
  g_assert_false (rv_account_page_get_secret_revealed (page));
  g_assert_cmpstr (gtk_label_get_text (label), ==, "");
  g_assert_null (gtk_picture_get_paintable (picture));

  gtk_widget_activate_action (fixture->page, "account.reveal-secret", NULL);
  g_assert_true (rv_account_page_get_secret_revealed (page));
  g_assert_cmpstr (gtk_label_get_text (label), ==, "JBSW Y3DP EHPK 3PXP JBSW Y3DP");
  paintable = gtk_picture_get_paintable (picture);
  g_assert_true (GDK_IS_TEXTURE (paintable));
  g_assert_cmpint (gdk_texture_get_width (GDK_TEXTURE (paintable)), >, 100);
  assert_qr_holds_account_uri (fixture, GDK_TEXTURE (paintable));

  gtk_widget_activate_action (fixture->page, "account.back", NULL);
  g_assert_true (back);
  g_assert_false (rv_account_page_get_secret_revealed (page));
  g_assert_cmpstr (gtk_label_get_text (label), ==, "");
  g_assert_null (gtk_picture_get_paintable (picture));

  /* Leaving the page any other way (the leaflet hides it) hides it too. */
  gtk_widget_activate_action (fixture->page, "account.reveal-secret", NULL);
  g_assert_true (rv_account_page_get_secret_revealed (page));
  gtk_widget_set_visible (fixture->page, FALSE);
  g_assert_false (rv_account_page_get_secret_revealed (page));
  g_assert_cmpstr (gtk_label_get_text (label), ==, "");
  g_assert_null (gtk_picture_get_paintable (picture));
}

static void
test_edit_details (Fixture       *fixture,
                   gconstpointer  data)
{
  AdwEntryRow *issuer = page_child (fixture, "issuer_row");
  AdwEntryRow *tags = page_child (fixture, "tags_row");
  const char * const *stored;

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (issuer)), ==, "ACME Co");
  gtk_editable_set_text (GTK_EDITABLE (issuer), "  ACME Corp ");
  g_signal_emit_by_name (issuer, "apply");
  gtk_editable_set_text (GTK_EDITABLE (tags), "work, , dev ");
  g_signal_emit_by_name (tags, "apply");

  g_assert_cmpstr (rv_account_get_issuer (fixture->account), ==, "ACME Corp");
  stored = rv_account_get_tags (fixture->account);
  g_assert_cmpuint (g_strv_length ((char **) stored), ==, 2);
  g_assert_cmpstr (stored[0], ==, "work");
  g_assert_cmpstr (stored[1], ==, "dev");
  g_assert_false (rv_vault_is_dirty (fixture->vault));
}

static void
on_deleted (RvAccountPage *page,
            RvAccount     *account,
            RvAccount    **out)
{
  *out = account;
}

static void
test_delete_and_undo (Fixture       *fixture,
                      gconstpointer  data)
{
  GListModel *accounts = rv_vault_get_accounts (fixture->vault);
  RvAccount *deleted = NULL;

  g_signal_connect (fixture->page, "deleted", G_CALLBACK (on_deleted), &deleted);
  gtk_widget_activate_action (fixture->page, "account.delete", NULL);
  g_assert_true (deleted == fixture->account);
  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 0);
  g_assert_false (rv_vault_is_dirty (fixture->vault));

  gtk_widget_activate_action (fixture->page, "account.undo-delete", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 1);
  g_assert_nonnull (rv_vault_find_account_by_id (fixture->vault,
                                                 rv_account_get_id (fixture->account)));
  g_assert_false (rv_vault_is_dirty (fixture->vault));
}

static void
paste_codes (Fixture    *fixture,
             const char *text)
{
  GtkTextView *view = codes_child (fixture, "codes_text");

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
  gtk_widget_activate_action (page_child (fixture, "codes_view"), "recovery.save-codes", NULL);
}

static const char *
count_title (Fixture *fixture)
{
  return adw_preferences_row_get_title (codes_child (fixture, "count_row"));
}

static gboolean
label_shown (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text))
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (label_shown (c, text))
      return TRUE;
  return FALSE;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static void
mark_used (Fixture *fixture,
           guint    index)
{
  AdwMessageDialog *dialog;

  gtk_widget_activate_action (page_child (fixture, "codes_view"), "recovery.mark-used", "u",
                              index);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "mark");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Issue 10 item 5: a revealed code marked used is hidden at once and stays
 * hidden; Mark Unused undoes Mark Used, stamped so a merge keeps it. */
static void
test_recovery_codes_mark_unused (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *text = g_strjoinv ("\n", (char **) codes);
  GtkWidget *view = page_child (fixture, "codes_view");
  RvStamp before;

  paste_codes (fixture, text);
  gtk_widget_activate_action (view, "recovery.reveal", "u", 3);
  g_assert_true (label_shown (view, codes[3]));
  mark_used (fixture, 3);
  g_assert_cmpint (rv_recovery_codes_view_get_revealed (RV_RECOVERY_CODES_VIEW (view)), ==, -1);
  g_assert_false (label_shown (view, codes[3]));
  /* Revealing it again and hiding it works like any other code. */
  gtk_widget_activate_action (view, "recovery.reveal", "u", 3);
  g_assert_true (label_shown (view, codes[3]));
  gtk_widget_activate_action (view, "recovery.reveal", "u", 3);
  g_assert_false (label_shown (view, codes[3]));
  g_assert_cmpstr (count_title (fixture), ==, "7 of 8 unused");

  before = rv_account_get_recovery_code (fixture->account, 3)->modified;
  gtk_widget_activate_action (view, "recovery.mark-unused", "u", 3);
  g_assert_cmpint (rv_account_get_recovery_code (fixture->account, 3)->used_at, ==, 0);
  g_assert_cmpint (rv_stamp_compare (&rv_account_get_recovery_code (fixture->account, 3)->modified,
                                     &before), >, 0);
  g_assert_cmpstr (count_title (fixture), ==, "8 of 8 unused");
  g_assert_false (rv_vault_is_dirty (fixture->vault));
  /* Unmarking an unused code is refused, not a second change. */
  gtk_widget_activate_action (view, "recovery.mark-unused", "u", 3);
  g_assert_cmpuint (rv_account_get_n_unused_recovery_codes (fixture->account), ==, 8);
}

static void
test_recovery_codes (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *text = g_strjoinv ("\n", (char **) codes);
  GtkWidget *view = page_child (fixture, "codes_view");
  GtkWidget *warning = codes_child (fixture, "warning_row");
  AdwMessageDialog *dialog;

  g_assert_cmpstr (count_title (fixture), ==, "No recovery codes stored");
  paste_codes (fixture, text);
  g_assert_cmpuint (rv_account_get_n_recovery_codes (fixture->account), ==, 8);
  g_assert_cmpstr (count_title (fixture), ==, "8 of 8 unused");
  g_assert_false (rv_vault_is_dirty (fixture->vault));
  g_assert_false (gtk_widget_get_visible (warning));
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (codes_child (fixture, "codes_text"));

    g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, 0);
  }

  /* Revealed one at a time, only on request. */
  g_assert_false (label_shown (view, codes[1]));
  gtk_widget_activate_action (view, "recovery.reveal", "u", 1);
  g_assert_cmpint (rv_recovery_codes_view_get_revealed (RV_RECOVERY_CODES_VIEW (view)), ==, 1);
  g_assert_true (label_shown (view, codes[1]));
  gtk_widget_activate_action (view, "recovery.reveal", "u", 2);
  g_assert_false (label_shown (view, codes[1]));
  g_assert_true (label_shown (view, codes[2]));

  /* Cancelling the confirmation changes nothing. */
  gtk_widget_activate_action (view, "recovery.mark-used", "u", 0);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (rv_account_get_n_unused_recovery_codes (fixture->account), ==, 8);

  mark_used (fixture, 0);
  g_assert_cmpint (rv_account_get_recovery_code (fixture->account, 0)->used_at, >, 0);
  g_assert_cmpuint (rv_account_get_n_unused_recovery_codes (fixture->account), ==, 7);
  g_assert_cmpstr (count_title (fixture), ==, "7 of 8 unused");
  g_assert_false (rv_vault_is_dirty (fixture->vault));

  for (guint i = 1; i < 5; i++)
    mark_used (fixture, i);
  g_assert_cmpstr (count_title (fixture), ==, "3 of 8 unused");
  g_assert_false (gtk_widget_get_visible (warning));
  mark_used (fixture, 5);
  g_assert_cmpstr (count_title (fixture), ==, "2 of 8 unused");
  g_assert_true (gtk_widget_get_visible (warning));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (warning)), ==,
                   "Only 2 unused codes left");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (warning)), ==,
                   "Generate new codes at the provider and paste them here.");

  /* Leaving the page hides a revealed code. */
  gtk_widget_activate_action (view, "recovery.reveal", "u", 7);
  gtk_widget_activate_action (fixture->page, "account.back", NULL);
  g_assert_cmpint (rv_recovery_codes_view_get_revealed (RV_RECOVERY_CODES_VIEW (view)), ==, -1);
  g_assert_false (label_shown (view, codes[7]));
}

static void
test_recovery_codes_duplicates (Fixture       *fixture,
                                gconstpointer  data)
{
  GtkLabel *message = codes_child (fixture, "codes_message");

  paste_codes (fixture, "one-1111\ntwo-2222\n\n  one-1111  \n");
  g_assert_cmpstr (gtk_label_get_text (message), ==, "Code 3 is the same as code 1.");
  g_assert_cmpuint (rv_account_get_n_recovery_codes (fixture->account), ==, 0);

  paste_codes (fixture, " \n\n ");
  g_assert_cmpstr (gtk_label_get_text (message), ==, "Paste or type at least one code.");
  g_assert_cmpuint (rv_account_get_n_recovery_codes (fixture->account), ==, 0);

  /* Normalised the way the generic profile says (spaces dropped). */
  paste_codes (fixture, "one-1111, two-2222;three 3333");
  g_assert_cmpuint (rv_account_get_n_recovery_codes (fixture->account), ==, 3);
  g_assert_cmpstr (rv_secret_get_string (rv_account_get_recovery_code (fixture->account, 2)->code),
                   ==, "three3333");
}

static void
test_recovery_codes_provider_format (Fixture       *fixture,
                                     gconstpointer  data)
{
  GtkLabel *message = codes_child (fixture, "codes_message");
  const RvRecoveryCode *code;

  /* PyPI codes are 16 hexadecimal characters, printed in lower case. */
  rv_account_set_issuer (fixture->account, "PyPI");
  paste_codes (fixture, "BADC 0FFE E0DD F00D\nnot-a-pypi-code\n0123456789abcdef");
  g_assert_true (g_str_has_prefix (gtk_label_get_text (message), "Code 2: "));
  g_assert_null (strstr (gtk_label_get_text (message), "not-a-pypi-code"));
  g_assert_cmpuint (rv_account_get_n_recovery_codes (fixture->account), ==, 0);

  paste_codes (fixture, "BADC 0FFE E0DD F00D\n0123456789abcdef\nbadc0ffee0ddf00d");
  g_assert_cmpstr (gtk_label_get_text (message), ==, "Code 3 is the same as code 1.");

  paste_codes (fixture, "BADC 0FFE E0DD F00D\n0123456789abcdef");
  g_assert_cmpuint (rv_account_get_n_recovery_codes (fixture->account), ==, 2);
  code = rv_account_get_recovery_code (fixture->account, 0);
  g_assert_cmpstr (rv_secret_get_string (code->code), ==, "badc0ffee0ddf00d");
  /* PyPI issues 8: the set is known to be incomplete. */
  g_assert_cmpuint (rv_account_get_recovery_expected_count (fixture->account), ==, 8);
}

/* The page shows the current code and when it changes. */
static void
test_current_code (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkLabel *label = page_child (fixture, "current_code_label");
  AdwActionRow *row = page_child (fixture, "current_code_row");
  char code[RV_OTP_CODE_BUFFER];
  char before[RV_OTP_CODE_BUFFER];
  gint64 now = rv_now ();

  /* The label may lag one tick behind a period boundary. */
  g_assert_true (rv_account_generate_code (fixture->account, now, code, NULL));
  g_assert_true (rv_account_generate_code (fixture->account, now - 2, before, NULL));
  g_assert_true (g_str_equal (gtk_label_get_text (label), code) ||
                 g_str_equal (gtk_label_get_text (label), before));
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row), "Changes in "));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
  g_assert_true (gtk_widget_get_visible (page_child (fixture, "copy_code_button")));
}

/* A revealed secret hides itself again after a while. */
static void
test_reveal_times_out (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkLabel *secret = page_child (fixture, "secret_label");
  gint64 deadline;

  g_object_set (fixture->page, "reveal-timeout", 1, NULL);
  gtk_widget_activate_action (fixture->page, "account.reveal-secret", NULL);
  g_assert_true (rv_account_page_get_secret_revealed (RV_ACCOUNT_PAGE (fixture->page)));
  g_assert_cmpstr (gtk_label_get_text (secret), !=, "");

  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (rv_account_page_get_secret_revealed (RV_ACCOUNT_PAGE (fixture->page)) &&
         g_get_monotonic_time () < deadline)
    rv_gui_test_run_for (100);
  g_assert_false (rv_account_page_get_secret_revealed (RV_ACCOUNT_PAGE (fixture->page)));
  g_assert_cmpstr (gtk_label_get_text (secret), ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("RV_KDF_TARGET_MS", "1", TRUE);
  if (!rv_gui_test_init (&argc, &argv))
    {
      g_test_skip ("no display");
      return g_test_run ();
    }

  g_test_add ("/account-page/current-code", Fixture, NULL, fixture_setup, test_current_code,
              fixture_teardown);
  g_test_add ("/account-page/reveal-times-out", Fixture, NULL, fixture_setup,
              test_reveal_times_out, fixture_teardown);
  g_test_add ("/account-page/reveal-secret", Fixture, NULL, fixture_setup, test_reveal_secret,
              fixture_teardown);
  g_test_add ("/account-page/edit-details", Fixture, NULL, fixture_setup, test_edit_details,
              fixture_teardown);
  g_test_add ("/account-page/delete-and-undo", Fixture, NULL, fixture_setup,
              test_delete_and_undo, fixture_teardown);
  g_test_add ("/account-page/recovery-codes", Fixture, NULL, fixture_setup,
              test_recovery_codes, fixture_teardown);
  g_test_add ("/account-page/recovery-codes-mark-unused", Fixture, NULL, fixture_setup,
              test_recovery_codes_mark_unused, fixture_teardown);
  g_test_add ("/account-page/recovery-codes-duplicates", Fixture, NULL, fixture_setup,
              test_recovery_codes_duplicates, fixture_teardown);

  g_test_add ("/account-page/recovery-codes-provider-format", Fixture, NULL, fixture_setup,
              test_recovery_codes_provider_format, fixture_teardown);

  return g_test_run ();
}
