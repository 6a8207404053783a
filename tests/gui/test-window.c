/* test-window.c: the whole flow in one window: create, lock, unlock (wrong
 * password first), add, see codes, filter, copy, recovery codes, backup
 * warning, auto-lock and session lock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "rv-account-list.h"
#include "rv-account-page.h"
#include "rv-account-row.h"
#include "rv-backup.h"
#include "rv-create-page.h"
#include "rv-gui-test-util.h"
#include "rv-test-util.h"
#include "rv-unlock-page.h"
#include "rv-window.h"
#include "rv-util.h"

#define URI_PYPI "otpauth://totp/PyPI:alice?secret=JBSWY3DPEHPK3PXP&issuer=PyPI"
#define URI_GITHUB "otpauth://totp/GitHub:alice?secret=KRUGKIDROVUWG2ZA&issuer=GitHub"
#define URI_GITLAB "otpauth://totp/GitLab:bob?secret=MFRGGZDFMZTWQ2LK&issuer=GitLab"

static RvApplication *app;

typedef struct
{
  char          *dir;
  char          *path;
  RvWindow      *window;
  GSettings     *settings;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = rv_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "vault.rvault", NULL);
  f->settings = g_settings_new (APP_ID);
  g_settings_set_uint (f->settings, "auto-lock-delay", 0);
  g_settings_set_uint (f->settings, "clipboard-clear-delay", 1);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    {
      /* A text entry destroyed while its cursor blinks warns. */
      gtk_window_set_focus (GTK_WINDOW (f->window), NULL);
      gtk_window_destroy (GTK_WINDOW (f->window));
      g_assert_finalize_object (f->window);
    }
  g_settings_reset (f->settings, "auto-lock-delay");
  g_settings_reset (f->settings, "clipboard-clear-delay");
  g_clear_object (&f->settings);
  rv_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
open_window (Fixture *f)
{
  f->window = g_object_ref_sink (rv_window_new (app, f->path, TRUE));
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (rv_gui_test_wait_mapped (GTK_WIDGET (f->window)));
}

static gboolean
wait_for_page (RvWindow   *window,
               const char *name)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_strcmp0 (rv_window_get_page_name (window), name) != 0 &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  return g_strcmp0 (rv_window_get_page_name (window), name) == 0;
}

static gboolean
focus_is_inside (RvWindow  *window,
                 GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* The account row the focus is on: the row, a widget in it, or the list
 * item that holds it. */
static RvAccountRow *
focused_account_row (Fixture *f)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));
  GtkWidget *child = focus != NULL ? gtk_widget_get_first_child (focus) : NULL;

  if (focus == NULL)
    return NULL;
  if (RV_IS_ACCOUNT_ROW (focus))
    return RV_ACCOUNT_ROW (focus);
  if (RV_IS_ACCOUNT_ROW (child))
    return RV_ACCOUNT_ROW (child);
  return (RvAccountRow *) gtk_widget_get_ancestor (focus, RV_TYPE_ACCOUNT_ROW);
}

static void
first_row_focused (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  g_autoptr(RvAccount) first = NULL;
  RvAccountRow *row = NULL;
  GListModel *model;

  while ((row = focused_account_row (f)) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (row);
  model = rv_account_list_get_model (RV_ACCOUNT_LIST (rv_window_get_account_list (f->window)));
  first = g_list_model_get_item (model, 0);
  g_assert_true (rv_account_row_get_account (row) == first);
}

static GtkWidget *
nth_password_row (GtkWidget *page,
                  guint      n)
{
  g_autoptr(GPtrArray) rows = rv_gui_test_find_all (page, ADW_TYPE_PASSWORD_ENTRY_ROW);

  g_assert_cmpuint (rows->len, >, n);
  return g_ptr_array_index (rows, n);
}

static gboolean
wait_filtered (GListModel *model)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (gtk_filter_list_model_get_pending (GTK_FILTER_LIST_MODEL (model)) > 0 &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  return gtk_filter_list_model_get_pending (GTK_FILTER_LIST_MODEL (model)) == 0;
}

static gboolean
wait_saved (RvVault *vault)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (rv_vault_is_dirty (vault) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  return !rv_vault_is_dirty (vault);
}

static RvAccountRow *
find_row_now (RvWindow  *window,
              RvAccount *account)
{
  g_autoptr(GPtrArray) rows = rv_gui_test_find_all (GTK_WIDGET (window), RV_TYPE_ACCOUNT_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      RvAccountRow *row = g_ptr_array_index (rows, i);

      if (rv_account_row_get_account (row) == account)
        return row;
    }

  return NULL;
}

/* Rows appear once the list view has laid out the new item. */
static RvAccountRow *
find_row (RvWindow  *window,
          RvAccount *account)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  RvAccountRow *row;

  while ((row = find_row_now (window, account)) == NULL && g_get_monotonic_time () < deadline)
    rv_gui_test_run_for (20);

  return row;
}

/* Create a vault on the first-run page: weak passwords keep the button off. */
static void
test_window_create (Fixture       *f,
                    gconstpointer  data)
{
  RvCreatePage *page;

  open_window (f);
  g_assert_cmpstr (rv_window_get_page_name (f->window), ==, "create");
  page = RV_CREATE_PAGE (rv_window_get_create_page (f->window));

  gtk_editable_set_text (GTK_EDITABLE (nth_password_row (GTK_WIDGET (page), 0)), "abc");
  gtk_editable_set_text (GTK_EDITABLE (nth_password_row (GTK_WIDGET (page), 1)), "abc");
  g_assert_false (rv_create_page_get_valid (page));
  g_assert_true (g_str_has_prefix (rv_create_page_get_hint (page), "Weak"));

  gtk_editable_set_text (GTK_EDITABLE (nth_password_row (GTK_WIDGET (page), 0)),
                         RV_GUI_TEST_PASSWORD);
  g_assert_false (rv_create_page_get_valid (page));
  gtk_editable_set_text (GTK_EDITABLE (nth_password_row (GTK_WIDGET (page), 1)),
                         RV_GUI_TEST_PASSWORD);
  g_assert_true (rv_create_page_get_valid (page));

  rv_create_page_create (page);
  g_assert_true (wait_for_page (f->window, "vault"));
  g_assert_nonnull (rv_window_get_vault (f->window));
  g_assert_true (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

static void
prepare_vault (Fixture *f)
{
  g_autoptr(RvVault) vault = rv_gui_test_create_vault (f->path);
  g_autoptr(GError) error = NULL;

  rv_gui_test_add_uri (vault, URI_PYPI);
  rv_gui_test_add_uri (vault, URI_GITHUB);
  rv_gui_test_add_uri (vault, URI_GITLAB);
  rv_vault_save (vault, &error);
  g_assert_no_error (error);
  rv_vault_close (vault);
}

static void
unlock (Fixture    *f,
        const char *password)
{
  RvUnlockPage *page = RV_UNLOCK_PAGE (rv_window_get_unlock_page (f->window));

  gtk_editable_set_text (GTK_EDITABLE (nth_password_row (GTK_WIDGET (page), 0)), password);
  rv_unlock_page_unlock (page);
  g_assert_true (rv_unlock_page_get_busy (page));
  while (rv_unlock_page_get_busy (page))
    g_main_context_iteration (NULL, TRUE);
}

/* Wrong password: says so and keeps the entry focused; then lock wipes. */
static void
test_window_unlock_lock (Fixture       *f,
                         gconstpointer  data)
{
  RvUnlockPage *page;
  GtkWidget *entry;
  RvVault *vault;

  prepare_vault (f);
  open_window (f);
  g_assert_cmpstr (rv_window_get_page_name (f->window), ==, "unlock");
  /* A window that opens a vault never builds the first-run page. */
  g_assert_null (rv_window_get_create_page (f->window));
  page = RV_UNLOCK_PAGE (rv_window_get_unlock_page (f->window));
  entry = nth_password_row (GTK_WIDGET (page), 0);

  unlock (f, "not the password");
  g_assert_cmpstr (rv_window_get_page_name (f->window), ==, "unlock");
  g_assert_cmpstr (rv_unlock_page_get_error (page), ==, "Wrong password. Try again.");
  g_assert_true (focus_is_inside (f->window, entry));
  g_assert_null (rv_window_get_vault (f->window));

  unlock (f, RV_GUI_TEST_PASSWORD);
  g_assert_true (wait_for_page (f->window, "vault"));
  vault = rv_window_get_vault (f->window);
  g_assert_nonnull (vault);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  /* The focus is on the first account, so that Enter copies its code; the
   * rows come in the first frame, so it follows then, not on the window's
   * first button. */
  first_row_focused (f);

  /* Locking drops every reference: the vault object (and with it the
   * decrypted state) is gone, not just hidden. */
  g_object_add_weak_pointer (G_OBJECT (vault), (gpointer *) &vault);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "app.lock", NULL);
  g_assert_cmpstr (rv_window_get_page_name (f->window), ==, "unlock");
  g_assert_null (rv_window_get_vault (f->window));
  g_assert_cmpuint (g_list_model_get_n_items (rv_account_list_get_model (
                      RV_ACCOUNT_LIST (rv_window_get_account_list (f->window)))), ==, 0);
  rv_gui_test_run_for (50);
  g_assert_null (vault);

  unlock (f, RV_GUI_TEST_PASSWORD);
  g_assert_true (wait_for_page (f->window, "vault"));
}

static void
open_unlocked (Fixture *f)
{
  prepare_vault (f);
  open_window (f);
  unlock (f, RV_GUI_TEST_PASSWORD);
  g_assert_true (wait_for_page (f->window, "vault"));
}

/* An account added by URI shows the code core computes, in groups. */
static void
test_window_codes (Fixture       *f,
                   gconstpointer  data)
{
  RvVault *vault;
  RvAccount *account;
  RvAccountRow *row;
  char code[RV_OTP_CODE_BUFFER];
  g_autofree char *grouped = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now;

  open_unlocked (f);
  vault = rv_window_get_vault (f->window);
  account = rv_gui_test_add_uri (vault, "otpauth://totp/npm:carol?secret=GEZDGNBVGY3TQOJQ"
                                        "&issuer=npm&digits=8");
  row = find_row (f->window, account);
  g_assert_nonnull (row);

  now = rv_now ();
  rv_account_list_update_codes (RV_ACCOUNT_LIST (rv_window_get_account_list (f->window)), now);
  rv_account_generate_code (account, now, code, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rv_account_row_get_code (row), ==, code);
  grouped = rv_account_row_group_digits (code);
  g_assert_cmpuint (strlen (grouped), ==, 9);
  g_assert_cmpint (grouped[4], ==, ' ');

  /* The next code is what core gives for the next period. */
  rv_account_generate_code (account, now + 30, code, &error);
  g_assert_cmpstr (rv_account_row_get_next_code (row), ==, code);

  /* Adding saved the vault. */
  g_assert_true (wait_saved (vault));
}

/* The HOTP button moves to the next counter, saves and copies that code. */
static void
test_window_hotp (Fixture       *f,
                  gconstpointer  data)
{
  RvVault *vault;
  RvAccount *account;
  RvAccountRow *row;
  g_autofree char *copied = NULL;
  char code[RV_OTP_CODE_BUFFER];

  open_unlocked (f);
  vault = rv_window_get_vault (f->window);
  account = rv_gui_test_add_uri (vault, "otpauth://hotp/Bank:carol?secret=GEZDGNBVGY3TQOJQ"
                                        "&issuer=Bank&counter=7");
  row = find_row (f->window, account);
  g_assert_nonnull (row);
  g_assert_true (rv_account_generate_code (account, 0, code, NULL));
  g_assert_cmpstr (rv_account_row_get_code (row), ==, code);
  g_assert_true (wait_saved (vault));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.next-hotp-code", "s",
                              rv_account_get_id (account));
  g_assert_cmpuint (rv_account_get_counter (account), ==, 8);
  g_assert_false (rv_vault_is_dirty (vault));
  g_assert_true (rv_account_generate_code (account, 0, code, NULL));
  g_assert_cmpstr (rv_account_row_get_code (row), ==, code);
  copied = rv_gui_test_read_clipboard (gtk_widget_get_clipboard (GTK_WIDGET (f->window)));
  g_assert_cmpstr (copied, ==, code);
}

/* Typing a query filters the model. */
static void
test_window_filter (Fixture       *f,
                    gconstpointer  data)
{
  RvAccountList *list;
  GListModel *model;
  GtkWidget *entry;

  open_unlocked (f);
  list = RV_ACCOUNT_LIST (rv_window_get_account_list (f->window));
  model = rv_account_list_get_model (list);
  g_assert_true (wait_filtered (model));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL);
  entry = rv_gui_test_find_first (GTK_WIDGET (list), GTK_TYPE_SEARCH_ENTRY);
  g_assert_true (focus_is_inside (f->window, entry));

  gtk_editable_set_text (GTK_EDITABLE (entry), "GIT");
  rv_gui_test_run_for (400);  /* the search entry waits before "search-changed" */
  g_assert_true (wait_filtered (model));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);

  gtk_editable_set_text (GTK_EDITABLE (entry), "gitlab");
  rv_gui_test_run_for (400);
  g_assert_true (wait_filtered (model));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  gtk_editable_set_text (GTK_EDITABLE (entry), "nothing like this");
  rv_gui_test_run_for (400);
  g_assert_true (wait_filtered (model));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  rv_gui_test_run_for (400);
  g_assert_true (wait_filtered (model));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
}

static gboolean
wait_clipboard_empty (GdkClipboard *clipboard)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autofree char *text = rv_gui_test_read_clipboard (clipboard);

      if (text == NULL || *text == '\0')
        return TRUE;
      rv_gui_test_run_for (100);
    }

  return FALSE;
}

/* Activating a row copies its code; the clipboard is cleared after the delay. */
static void
test_window_copy (Fixture       *f,
                  gconstpointer  data)
{
  RvAccountList *list;
  GdkClipboard *clipboard;
  g_autoptr(RvAccount) account = NULL;
  g_autofree char *copied = NULL;
  char code[RV_OTP_CODE_BUFFER];
  gint64 now;

  open_unlocked (f);
  list = RV_ACCOUNT_LIST (rv_window_get_account_list (f->window));
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->window));
  g_assert_true (wait_filtered (rv_account_list_get_model (list)));
  account = g_list_model_get_item (rv_account_list_get_model (list), 0);

  /* Not across a period boundary between copy and check. */
  while (rv_otp_seconds_left (rv_now (), 30) < 3)
    rv_gui_test_run_for (200);

  now = rv_now ();
  rv_account_list_activate_position (list, 0);
  copied = rv_gui_test_read_clipboard (clipboard);
  rv_account_generate_code (account, now, code, NULL);
  g_assert_cmpstr (copied, ==, code);

  /* Cleared after the delay (1 s here). */
  g_assert_true (wait_clipboard_empty (clipboard));
}

/* Something else copied in the meantime survives the clear. */
static void
test_window_copy_replaced (Fixture       *f,
                           gconstpointer  data)
{
  RvAccountList *list;
  GdkClipboard *clipboard;
  g_autofree char *after = NULL;

  open_unlocked (f);
  list = RV_ACCOUNT_LIST (rv_window_get_account_list (f->window));
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->window));
  g_assert_true (wait_filtered (rv_account_list_get_model (list)));

  rv_account_list_activate_position (list, 0);
  gdk_clipboard_set_text (clipboard, "my own text");
  rv_gui_test_run_for (2500);
  after = rv_gui_test_read_clipboard (clipboard);
  g_assert_cmpstr (after, ==, "my own text");
}

/* Marking a recovery code used is saved and shows in the row. */
static void
test_window_recovery_codes (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(RvAccount) account = rv_account_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *label_text = NULL;
  RvVault *vault;
  RvAccountRow *row;
  GtkWidget *code_label;
  GtkWidget *page;

  open_unlocked (f);
  vault = rv_window_get_vault (f->window);
  rv_account_set_issuer (account, "Old Forum");
  rv_account_set_name (account, "alice");
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *text = g_strdup_printf ("code-%u", i);
      g_autoptr(RvSecret) code = rv_secret_new_from_string (text);

      rv_account_add_recovery_code (account, code, 1, 0, &error);
      g_assert_no_error (error);
    }
  rv_vault_add_account (vault, account);
  row = find_row (f->window, account);
  g_assert_nonnull (row);
  /* Labels: the avatar's initials, issuer, name, then the code. */
  code_label = g_ptr_array_index (rv_gui_test_find_all (GTK_WIDGET (row), GTK_TYPE_LABEL), 3);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (code_label)), ==, "3 recovery codes");

  /* The details button shows the account page with its recovery codes. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-account", "s",
                              rv_account_get_id (account));
  page = rv_gui_test_find_first (GTK_WIDGET (f->window), RV_TYPE_ACCOUNT_PAGE);
  g_assert_nonnull (page);
  g_assert_true (rv_account_page_get_account (RV_ACCOUNT_PAGE (page)) == account);

  rv_account_mark_recovery_code_used (account, 1, rv_now (), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (code_label)), ==, "2 recovery codes");

  g_assert_true (wait_saved (vault));

  /* Locking leaves the page and forgets it. */
  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &page);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "app.lock", NULL);
  rv_gui_test_run_for (50);
  g_assert_null (page);
}

static void
add_codes (RvAccount *account)
{
  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *text = g_strdup_printf ("%s-%u", rv_account_get_issuer (account), i);
      g_autoptr(RvSecret) code = rv_secret_new_from_string (text);

      g_assert_true (rv_account_add_recovery_code (account, code, 1, 0, NULL));
    }
}

/* Never backed up: the banner shows; an export makes it go away. */
static void
test_window_backup_warning (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(RvSecret) password = rv_secret_new_from_string ("backup password 123");
  g_autofree char *backup = NULL;
  g_autoptr(GError) error = NULL;
  RvAccountList *list;
  GListModel *accounts;
  RvVault *vault;

  open_unlocked (f);
  vault = rv_window_get_vault (f->window);
  list = RV_ACCOUNT_LIST (rv_window_get_account_list (f->window));
  accounts = rv_vault_get_accounts (vault);
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (accounts, i);

      add_codes (account);
    }
  rv_gui_test_run_for (100);
  g_assert_true (rv_account_list_get_health_shown (list));

  backup = g_build_filename (f->dir, "backup.rvault", NULL);
  rv_backup_export (vault, backup, password, NULL, &error);
  g_assert_no_error (error);
  g_object_notify (G_OBJECT (vault), "dirty");
  rv_gui_test_run_for (100);
  g_assert_false (rv_account_list_get_health_shown (list));
}

/* With automatic backups on, a change is followed by a copy in the chosen
 * folder, recorded in the vault. */
static void
test_window_auto_backup (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "auto", NULL);
  g_autoptr(RvAccount) account = rv_account_new ();
  g_autoptr(GPtrArray) files = NULL;
  gint64 deadline;
  RvVault *vault;

  g_settings_set_boolean (f->settings, "automatic-backups", TRUE);
  g_settings_set_string (f->settings, "backup-folder", folder);
  open_unlocked (f);
  vault = rv_window_get_vault (f->window);

  rv_account_set_issuer (account, "Later");
  rv_vault_add_account (vault, account);
  deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  while (rv_vault_get_backup_state (vault)->export_path == NULL &&
         g_get_monotonic_time () < deadline)
    rv_gui_test_run_for (100);

  files = rv_backup_list_auto (folder, NULL);
  g_assert_nonnull (files);
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_true (g_str_has_prefix (rv_vault_get_backup_state (vault)->export_path, folder));

  g_settings_reset (f->settings, "automatic-backups");
  g_settings_reset (f->settings, "backup-folder");
}

/* An edit saved by the account page itself (not by the window) is followed
 * by an automatic backup too: every widget saves through the scheduler. */
static void
test_window_auto_backup_account_page (Fixture       *f,
                                      gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "auto", NULL);
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GPtrArray) files = NULL;
  RvAccount *account;
  AdwEntryRow *issuer;
  gint64 deadline;
  RvVault *vault;

  g_settings_set_boolean (f->settings, "automatic-backups", TRUE);
  g_settings_set_string (f->settings, "backup-folder", folder);
  open_unlocked (f);
  vault = rv_window_get_vault (f->window);
  account = rv_gui_test_add_uri (vault, "otpauth://totp/npm:carol?secret=GEZDGNBVGY3TQOJQ"
                                        "&issuer=npm");
  g_assert_true (wait_saved (vault));
  /* The window's own save is followed by one copy; wait for it. */
  deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  while (rv_vault_get_backup_state (vault)->export_path == NULL &&
         g_get_monotonic_time () < deadline)
    rv_gui_test_run_for (100);
  g_assert_nonnull (rv_vault_get_backup_state (vault)->export_path);
  rv_gui_test_run_for (1100);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-account", "s",
                              rv_account_get_id (account));
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while ((pages = rv_gui_test_find_all (GTK_WIDGET (f->window), RV_TYPE_ACCOUNT_PAGE))->len == 0 &&
         g_get_monotonic_time () < deadline)
    {
      g_clear_pointer (&pages, g_ptr_array_unref);
      rv_gui_test_run_for (50);
    }
  g_assert_cmpuint (pages->len, ==, 1);
  issuer = (AdwEntryRow *) gtk_widget_get_template_child (g_ptr_array_index (pages, 0),
                                                          RV_TYPE_ACCOUNT_PAGE,
                                                          "issuer_row");
  gtk_editable_set_text (GTK_EDITABLE (issuer), "npm, Inc.");
  g_signal_emit_by_name (issuer, "apply");
  g_assert_false (rv_vault_is_dirty (vault));

  deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  do
    {
      g_clear_pointer (&files, g_ptr_array_unref);
      rv_gui_test_run_for (100);
      files = rv_backup_list_auto (folder, NULL);
    }
  while ((files == NULL || files->len < 2) && g_get_monotonic_time () < deadline);
  g_assert_nonnull (files);
  g_assert_cmpuint (files->len, ==, 2);

  g_settings_reset (f->settings, "automatic-backups");
  g_settings_reset (f->settings, "backup-folder");
}

/* No input for the configured delay locks the vault. */
static void
test_window_auto_lock (Fixture       *f,
                       gconstpointer  data)
{
  open_unlocked (f);
  g_settings_set_uint (f->settings, "auto-lock-delay", 1);
  g_assert_true (wait_for_page (f->window, "unlock"));
  g_assert_null (rv_window_get_vault (f->window));
}

/* The desktop session locking locks the vault too. */
static void
test_window_session_lock (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GError) error = NULL;

  if (bus == NULL)
    {
      g_test_skip ("no session bus");
      return;
    }

  open_unlocked (f);
  rv_gui_test_run_for (200);  /* the window subscribes once the bus is there */
  g_dbus_connection_emit_signal (bus, NULL, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver",
                                 "ActiveChanged", g_variant_new ("(b)", TRUE), &error);
  g_assert_no_error (error);
  g_assert_true (wait_for_page (f->window, "unlock"));
  g_assert_null (rv_window_get_vault (f->window));
}

/* With keyring unlock on, the window opens without asking. */
/* The test vault, with keyring unlock on; FALSE (the test skipped) without
 * a Secret Service. */
static gboolean
prepare_keyring_vault (Fixture *f)
{
  g_autoptr(RvSecret) password = rv_secret_new_from_string (RV_GUI_TEST_PASSWORD);
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVault) vault = NULL;

  prepare_vault (f);
  vault = rv_vault_open (f->path, password, &error);
  g_assert_no_error (error);
  if (!rv_vault_enable_keyring (vault, NULL, &error))
    {
      g_test_skip_printf ("no Secret Service: %s", error->message);
      return FALSE;
    }
  rv_vault_close (vault);
  return TRUE;
}

static void
test_window_keyring (Fixture       *f,
                     gconstpointer  data)
{
  if (!prepare_keyring_vault (f))
    return;

  open_window (f);
  g_assert_true (wait_for_page (f->window, "vault"));
  g_assert_true (rv_vault_get_keyring_enabled (rv_window_get_vault (f->window)));

  /* After an explicit lock the password is asked again. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "app.lock", NULL);
  rv_gui_test_run_for (300);
  g_assert_cmpstr (rv_window_get_page_name (f->window), ==, "unlock");
}

static void
count_signal (guint *count)
{
  (*count)++;
}

/* The keyring open started at launch is done by the time the window is
 * built (the usual case): the window shows the accounts from its first
 * frame, with no unlock page built or fading out, and the first one has the
 * focus; the unlock page comes with the first lock. */
static void
test_window_keyring_first_frame (Fixture       *f,
                                 gconstpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  GtkWidget *stack;

  if (!prepare_keyring_vault (f))
    return;

  rv_unlock_page_prefetch_keyring (f->path);
  while (rv_unlock_page_prefetch_pending () && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (rv_unlock_page_prefetch_pending ());

  f->window = g_object_ref_sink (rv_window_new (app, f->path, TRUE));
  /* Before it is shown at all, and without building an unlock page. */
  g_assert_cmpstr (rv_window_get_page_name (f->window), ==, "vault");
  g_assert_nonnull (rv_window_get_vault (f->window));
  g_assert_null (rv_window_get_unlock_page (f->window));
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (rv_gui_test_wait_mapped (GTK_WIDGET (f->window)));
  stack = gtk_widget_get_ancestor (rv_window_get_account_list (f->window), GTK_TYPE_STACK);
  g_assert_nonnull (stack);
  g_assert_false (gtk_stack_get_transition_running (GTK_STACK (stack)));
  first_row_focused (f);

  /* The file is watched as after any other open (the monitor was made in
   * the worker, and signals in the main context): another program's save
   * is noticed. */
  {
    g_autoptr(RvSecret) password = rv_secret_new_from_string (RV_GUI_TEST_PASSWORD);
    g_autoptr(GError) error = NULL;
    g_autoptr(RvVault) other = rv_vault_open (f->path, password, &error);
    RvVault *shown = rv_window_get_vault (f->window);
    guint changed = 0;

    g_assert_no_error (error);
    g_signal_connect_swapped (shown, "file-changed", G_CALLBACK (count_signal), &changed);
    rv_vault_mark_changed (other);
    g_assert_true (rv_vault_save (other, &error));
    g_assert_no_error (error);
    rv_vault_close (other);
    deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    while (changed == 0 && g_get_monotonic_time () < deadline)
      rv_gui_test_run_for (50);
    g_assert_cmpuint (changed, ==, 1);
    g_signal_handlers_disconnect_by_func (shown, count_signal, &changed);
  }

  /* Locking builds it, and it asks for the password. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "app.lock", NULL);
  g_assert_true (wait_for_page (f->window, "unlock"));
  g_assert_nonnull (rv_window_get_unlock_page (f->window));
  unlock (f, RV_GUI_TEST_PASSWORD);
  g_assert_true (wait_for_page (f->window, "vault"));
}

static gboolean
is_concealed (GtkWidget *widget)
{
  GtkWidget *revealer = gtk_widget_get_ancestor (widget, GTK_TYPE_REVEALER);

  return revealer != NULL && !gtk_revealer_get_reveal_child (GTK_REVEALER (revealer));
}

static gboolean
is_internal (GtkWidget *widget)
{
  /* Parts of composite widgets that name themselves (window controls, the
   * reveal button of a password row, the toggle inside a menu button), and
   * hidden ones (the search bar's unused close button). */
  return !gtk_widget_get_visible (widget) || is_concealed (widget) ||
         gtk_widget_get_ancestor (widget, GTK_TYPE_WINDOW_CONTROLS) != NULL ||
         gtk_widget_get_ancestor (widget, ADW_TYPE_ENTRY_ROW) != NULL ||
         GTK_IS_MENU_BUTTON (gtk_widget_get_parent (widget));
}

/* Every button on the shell's pages has a visible label or an accessible
 * name (icon-only buttons). */
static void
assert_buttons_named (GtkWidget *root)
{
  g_autoptr(GPtrArray) buttons = rv_gui_test_find_all (root, GTK_TYPE_BUTTON);
  g_autoptr(GPtrArray) menus = rv_gui_test_find_all (root, GTK_TYPE_MENU_BUTTON);

  g_ptr_array_extend_and_steal (buttons, g_steal_pointer (&menus));
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);
      const char *label = GTK_IS_BUTTON (button) ? gtk_button_get_label (GTK_BUTTON (button))
                                                 : NULL;

      if (is_internal (button) || (label != NULL && *label != '\0'))
        continue;
      if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (button),
                                             GTK_ACCESSIBLE_PROPERTY_LABEL))
        g_error ("%s in %s (icon %s) has no accessible name", G_OBJECT_TYPE_NAME (button),
                 G_OBJECT_TYPE_NAME (gtk_widget_get_parent (gtk_widget_get_parent (button))),
                 GTK_IS_BUTTON (button) ?
                   gtk_button_get_icon_name (GTK_BUTTON (button)) : "");
    }
}

static void
test_window_accessible_names (Fixture       *f,
                              gconstpointer  data)
{
  open_window (f);
  assert_buttons_named (GTK_WIDGET (f->window));   /* create page */
  gtk_window_set_focus (GTK_WINDOW (f->window), NULL);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->window);
  f->window = NULL;

  open_unlocked (f);
  rv_gui_test_run_for (200);
  assert_buttons_named (GTK_WIDGET (f->window));   /* unlock and list pages, rows */
}

/* Keyboard Shortcuts: the shortcuts window is built when first asked for,
 * not with the window (GtkApplication would build gtk/help-overlay.ui on
 * every start-up), and then shows. */
static void
test_window_shortcuts (Fixture       *f,
                       gconstpointer  data)
{
  GtkApplicationWindow *window;
  GtkShortcutsWindow *overlay;

  open_window (f);
  window = GTK_APPLICATION_WINDOW (f->window);
  g_assert_null (gtk_application_window_get_help_overlay (window));

  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  overlay = gtk_application_window_get_help_overlay (window);
  g_assert_nonnull (overlay);
  g_assert_true (rv_gui_test_wait_mapped (GTK_WIDGET (overlay)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (overlay)) == GTK_WINDOW (window));

  /* A second time shows the same window. */
  gtk_widget_set_visible (GTK_WIDGET (overlay), FALSE);
  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  g_assert_true (gtk_application_window_get_help_overlay (window) == overlay);
  g_assert_true (rv_gui_test_wait_mapped (GTK_WIDGET (overlay)));
  gtk_widget_set_visible (GTK_WIDGET (overlay), FALSE);
}

int
main (int   argc,
      char *argv[])
{
  if (!rv_gui_test_init (&argc, &argv))
    {
      g_test_skip ("no display");
      return g_test_run ();
    }

  app = rv_gui_test_app_new ();

#define ADD(name, func) \
  g_test_add ("/window/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("create", test_window_create);
  ADD ("unlock-lock", test_window_unlock_lock);
  ADD ("codes", test_window_codes);
  ADD ("hotp", test_window_hotp);
  ADD ("filter", test_window_filter);
  ADD ("copy", test_window_copy);
  ADD ("copy-replaced", test_window_copy_replaced);
  ADD ("recovery-codes", test_window_recovery_codes);
  ADD ("backup-warning", test_window_backup_warning);
  ADD ("auto-backup", test_window_auto_backup);
  ADD ("auto-backup-account-page", test_window_auto_backup_account_page);
  ADD ("auto-lock", test_window_auto_lock);
  ADD ("session-lock", test_window_session_lock);
  ADD ("keyring", test_window_keyring);
  ADD ("keyring-first-frame", test_window_keyring_first_frame);
  ADD ("accessible-names", test_window_accessible_names);
  ADD ("shortcuts", test_window_shortcuts);
#undef ADD

  return g_test_run ();
}
