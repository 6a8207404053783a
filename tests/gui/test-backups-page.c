/* test-backups-page.c: health banner, Backups page and the export dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "../rv-test-util.h"
#include "rv-backup.h"
#include "rv-backups-page.h"
#include "rv-base32.h"
#include "rv-export-dialog.h"
#include "rv-gui-test-util.h"
#include "rv-health-banner.h"
#include "rv-health-common.h"

typedef struct
{
  char     *dir;
  RvVault  *vault;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvSecret) password = rv_secret_new_from_string ("test password");
  g_autoptr(RvSecret) secret = rv_base32_decode ("JBSWY3DPEHPK3PXP", 16, NULL);
  g_autoptr(RvAccount) account = rv_account_new ();
  g_autofree char *path = NULL;

  fixture->dir = rv_test_make_tmpdir ();
  path = g_build_filename (fixture->dir, "vault.rvault", NULL);
  fixture->vault = rv_vault_create (path, password, &error);
  g_assert_no_error (error);

  rv_account_set_issuer (account, "ACME Co");
  rv_account_set_kind (account, RV_OTP_KIND_TOTP);
  rv_account_set_secret (account, secret);
  rv_vault_add_account (fixture->vault, account);
  g_assert_true (rv_vault_save (fixture->vault, NULL));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  rv_vault_close (fixture->vault);
  g_assert_finalize_object (fixture->vault);
  rv_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
}

static gboolean
has_warning (GPtrArray    *warnings,
             RvHealthKind  kind)
{
  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    if (((RvHealthWarning *) g_ptr_array_index (warnings, i))->kind == kind)
      return TRUE;
  return FALSE;
}

static char *
never_backed_up_title (RvVault *vault)
{
  g_autoptr(GPtrArray) warnings = rv_health_check (vault, NULL);

  for (guint i = 0; i < warnings->len; i++)
    {
      RvHealthWarning *warning = g_ptr_array_index (warnings, i);

      if (warning->kind == RV_HEALTH_NEVER_BACKED_UP)
        return g_strdup (warning->title);
    }
  return NULL;
}

static gpointer
export_child (GtkWidget  *dialog,
              const char *name)
{
  return gtk_widget_get_template_child (dialog, RV_TYPE_EXPORT_DIALOG, name);
}

static gboolean
wait_for_page (GtkWidget  *dialog,
               const char *name)
{
  GtkStack *stack = export_child (dialog, "stack");
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!g_str_equal (gtk_stack_get_visible_child_name (stack), name) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
  return g_str_equal (gtk_stack_get_visible_child_name (stack), name);
}

static void
on_exported (RvExportDialog *dialog,
             const char     *path,
             char          **out)
{
  *out = g_strdup (path);
}

static void
export_through_dialog (Fixture    *fixture,
                       const char *path)
{
  GtkWidget *dialog = rv_export_dialog_new (NULL, fixture->vault);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *exported = NULL;

  g_object_ref_sink (dialog);
  g_signal_connect (dialog, "exported", G_CALLBACK (on_exported), &exported);
  gtk_window_present (GTK_WINDOW (dialog));
  rv_export_dialog_set_destination (RV_EXPORT_DIALOG (dialog), file);
  gtk_editable_set_text (export_child (dialog, "password_row"), "backup password");
  gtk_editable_set_text (export_child (dialog, "confirm_row"), "backup password");
  g_assert_true (gtk_widget_activate_action (dialog, "export.export-encrypted", NULL));
  g_assert_cmpstr (gtk_editable_get_text (export_child (dialog, "password_row")), ==, "");
  g_assert_true (wait_for_page (dialog, "done"));
  g_assert_cmpstr (exported, ==, path);
  /* Watchers refresh from an idle callback. */
  rv_gui_test_run_for (100);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
}

static void
test_warning_goes_after_export (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.rvault", NULL);
  g_autofree char *title = never_backed_up_title (fixture->vault);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *banner = rv_health_banner_new (fixture->vault);
  GtkWidget *page = rv_backups_page_new (fixture->vault);
  g_autoptr(RvSecret) password = rv_secret_new_from_string ("backup password");
  RvBackupInfo info = { 0 };
  g_autoptr(GError) error = NULL;

  g_object_ref_sink (banner);
  g_object_ref_sink (page);
  gtk_box_append (GTK_BOX (box), banner);
  gtk_box_append (GTK_BOX (box), page);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rv_gui_test_wait_mapped (page));

  g_assert_nonnull (title);
  g_assert_cmpstr (rv_health_banner_get_title (RV_HEALTH_BANNER (banner)), ==, title);
  g_assert_true (has_warning (rv_backups_page_get_warnings (RV_BACKUPS_PAGE (page)),
                              RV_HEALTH_NEVER_BACKED_UP));

  export_through_dialog (fixture, backup);

  g_assert_false (has_warning (rv_backups_page_get_warnings (RV_BACKUPS_PAGE (page)),
                               RV_HEALTH_NEVER_BACKED_UP));
  g_assert_false (has_warning (rv_backups_page_get_warnings (RV_BACKUPS_PAGE (page)),
                               RV_HEALTH_CHANGED_SINCE_BACKUP));
  g_assert_cmpstr (rv_health_banner_get_title (RV_HEALTH_BANNER (banner)), !=, title);
  g_assert_cmpint (rv_vault_get_backup_state (fixture->vault)->verified_at, >, 0);

  /* What the dialog called "verified" really opens. */
  g_assert_true (rv_backup_verify (backup, password, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (info.n_accounts, ==, 1);
  rv_backup_info_clear (&info);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (banner);
  g_assert_finalize_object (page);
}

static void
test_banner_follows_vault (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) warnings = NULL;
  GtkWidget *banner = rv_health_banner_new (NULL);

  g_object_ref_sink (banner);
  g_assert_null (rv_health_banner_get_title (RV_HEALTH_BANNER (banner)));
  g_object_set (banner, "vault", fixture->vault, NULL);
  g_assert_nonnull (rv_health_banner_get_title (RV_HEALTH_BANNER (banner)));

  /* The account has no recovery codes: after a backup, that is what is left. */
  warnings = rv_health_check (fixture->vault, NULL);
  g_assert_true (has_warning (warnings, RV_HEALTH_NO_RECOVERY_CODES));

  g_object_set (banner, "vault", NULL, NULL);
  g_assert_null (rv_health_banner_get_title (RV_HEALTH_BANNER (banner)));
  g_assert_finalize_object (banner);
}

static void
test_export_needs_matching_passwords (Fixture       *fixture,
                                      gconstpointer  data)
{
  GtkWidget *dialog = rv_export_dialog_new (NULL, fixture->vault);
  g_autofree char *path = g_build_filename (fixture->dir, "never.rvault", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_object_ref_sink (dialog);
  rv_export_dialog_set_destination (RV_EXPORT_DIALOG (dialog), file);
  gtk_editable_set_text (export_child (dialog, "password_row"), "one password");
  gtk_editable_set_text (export_child (dialog, "confirm_row"), "another one");
  g_assert_cmpstr (gtk_label_get_text (export_child (dialog, "strength_label")), ==,
                   "The two passwords do not match.");
  gtk_widget_activate_action (dialog, "export.export-encrypted", NULL);
  rv_gui_test_run_for (50);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (export_child (dialog, "stack")), ==,
                   "choose");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
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

static guint
count_toplevels (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  guint n = g_list_length (toplevels);

  g_list_free (toplevels);
  return n;
}

static void
test_plain_export_needs_confirmation (Fixture       *fixture,
                                      gconstpointer  data)
{
  GtkWidget *dialog = rv_export_dialog_new (NULL, fixture->vault);
  AdwMessageDialog *confirm;
  guint before;

  g_object_ref_sink (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  before = count_toplevels ();

  /* Every plain format asks first; declining writes and shows nothing. */
  gtk_widget_activate_action (dialog, "export.plain", "s", "uri-list");
  confirm = find_message_dialog ();
  g_assert_nonnull (confirm);
  g_assert_cmpstr (adw_message_dialog_get_heading (confirm), ==, "This File Is Not Encrypted");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (confirm, "export"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_default_response (confirm), ==, "cancel");
  adw_message_dialog_response (confirm, "cancel");
  gtk_window_destroy (GTK_WINDOW (confirm));
  rv_gui_test_run_for (50);
  g_assert_cmpuint (count_toplevels (), ==, before);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (export_child (dialog, "stack")), ==,
                   "choose");

  gtk_widget_activate_action (dialog, "export.plain", "s", "google");
  confirm = find_message_dialog ();
  g_assert_nonnull (confirm);
  adw_message_dialog_response (confirm, "cancel");
  gtk_window_destroy (GTK_WINDOW (confirm));
  g_assert_null (gtk_picture_get_paintable (export_child (dialog, "qr_picture")));

  /* Confirmed, the Google codes are shown one by one. */
  gtk_widget_activate_action (dialog, "export.plain", "s", "google");
  confirm = find_message_dialog ();
  adw_message_dialog_response (confirm, "export");
  gtk_window_destroy (GTK_WINDOW (confirm));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (export_child (dialog, "stack")), ==, "qr");
  g_assert_true (GDK_IS_TEXTURE (gtk_picture_get_paintable (export_child (dialog, "qr_picture"))));
  g_assert_cmpstr (gtk_label_get_text (export_child (dialog, "qr_label")), ==, "Code 1 of 1");

  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_null (gtk_picture_get_paintable (export_child (dialog, "qr_picture")));
  g_assert_finalize_object (dialog);
}

static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  g_autoptr(GPtrArray) labels = rv_gui_test_find_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, i)), text) == 0)
      return TRUE;
  return FALSE;
}

/* Toasts leave with an animation. */
static gboolean
wait_label_gone (GtkWidget  *root,
                 const char *text)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (has_label (root, text) && g_get_monotonic_time () < deadline)
    rv_gui_test_run_for (50);
  return !has_label (root, text);
}

static AdwMessageDialog *
wait_for_message_dialog (void)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  AdwMessageDialog *dialog = NULL;

  while ((dialog = find_message_dialog ()) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
  return dialog;
}

static GtkWidget *
page_in_window (RvVault    *vault,
                GtkWidget **window)
{
  GtkWidget *page = rv_backups_page_new (vault);

  g_object_ref_sink (page);
  *window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (*window), page);
  gtk_window_present (GTK_WINDOW (*window));
  g_assert_true (rv_gui_test_wait_mapped (page));
  return page;
}

static void
test_verify (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.rvault", NULL);
  g_autoptr(RvSecret) password = rv_secret_new_from_string ("backup password");
  g_autoptr(RvSecret) wrong = rv_secret_new_from_string ("not the password");
  g_autoptr(GError) expected = NULL;
  RvBackupInfo info = { 0 };
  GtkWidget *window;
  GtkWidget *page = page_in_window (fixture->vault, &window);
  AdwMessageDialog *dialog;

  g_assert_true (rv_backup_export (fixture->vault, backup, password, NULL, NULL));

  rv_backups_page_verify (RV_BACKUPS_PAGE (page), backup, password);
  dialog = wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Backup Opens");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 account (1 with codes), 0 recovery codes (0 unused)"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "ACME Co"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_false (rv_backup_verify (backup, wrong, &info, &expected));
  rv_backups_page_verify (RV_BACKUPS_PAGE (page), backup, wrong);
  dialog = wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "This Backup Does Not Open");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, expected->message);
  gtk_window_destroy (GTK_WINDOW (dialog));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (page);
}

static void
test_restore_merge (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.rvault", NULL);
  g_autoptr(RvSecret) password = rv_secret_new_from_string ("backup password");
  GListModel *accounts = rv_vault_get_accounts (fixture->vault);
  g_autoptr(RvAccount) original = g_list_model_get_item (accounts, 0);
  g_autoptr(RvAccount) added = rv_account_new ();
  GtkWidget *window;
  GtkWidget *page = page_in_window (fixture->vault, &window);
  AdwMessageDialog *dialog;

  g_assert_true (rv_backup_export (fixture->vault, backup, password, NULL, NULL));
  g_assert_true (rv_vault_remove_account (fixture->vault, original));
  rv_account_set_issuer (added, "Added later");
  rv_vault_add_account (fixture->vault, added);
  g_assert_true (rv_vault_save (fixture->vault, NULL));

  rv_backups_page_restore (RV_BACKUPS_PAGE (page), backup, password);
  dialog = wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Restore the Backup?");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog),
                                   "Merge: 1 added, 0 updated, 0 kept"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 removed"));
  /* Which accounts, not only how many. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Added: ACME Co."));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Removed: Added later."));
  /* The result came: "Opening the backup…" is gone. */
  g_assert_true (wait_label_gone (page, "Opening the backup…"));
  adw_message_dialog_response (dialog, "merge");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 2);
  g_assert_nonnull (rv_vault_find_account_by_id (fixture->vault, rv_account_get_id (original)));
  g_assert_nonnull (rv_vault_find_account_by_id (fixture->vault, rv_account_get_id (added)));
  g_assert_false (rv_vault_is_dirty (fixture->vault));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (page);
}

/* Many accounts without recovery codes make one row, not one each; the
 * accounts show when it is opened. */
static void
test_warnings_grouped (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *window;
  GtkWidget *page;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint n_before;

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(RvAccount) account = rv_account_new ();
      g_autofree char *issuer = g_strdup_printf ("Service %u", i);

      rv_account_set_issuer (account, issuer);
      rv_account_set_kind (account, RV_OTP_KIND_TOTP);
      rv_vault_add_account (fixture->vault, account);
    }
  g_assert_true (rv_vault_save (fixture->vault, NULL));
  page = page_in_window (fixture->vault, &window);

  groups = rv_gui_test_find_all (page, ADW_TYPE_EXPANDER_ROW);
  g_assert_cmpuint (groups->len, ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (groups, 0)), ==,
                   "5 accounts have no recovery codes");
  rows = rv_gui_test_find_all (page, ADW_TYPE_ACTION_ROW);
  n_before = rows->len;
  g_clear_pointer (&rows, g_ptr_array_unref);

  adw_expander_row_set_expanded (g_ptr_array_index (groups, 0), TRUE);
  rows = rv_gui_test_find_all (page, ADW_TYPE_ACTION_ROW);
  g_assert_cmpuint (rows->len, ==, n_before + 5);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (page);
}

/* The Sync line says what `rvault sync-status` says: the synced folder and
 * the conflict copies waiting (issue 12). */
static void
test_sync_line (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *marker = g_build_filename (fixture->dir, ".stfolder", NULL);
  g_autofree char *copy = g_build_filename (fixture->dir,
                                            "vault.sync-conflict-20261207-101500-BADC0FE.rvault",
                                            NULL);
  GtkWidget *window;
  GtkWidget *page = page_in_window (fixture->vault, &window);
  AdwActionRow *row = ADW_ACTION_ROW (gtk_widget_get_template_child (page, RV_TYPE_BACKUPS_PAGE,
                                                                     "sync_row"));

  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "Not in a synced folder");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "warning"));

  g_assert_cmpint (g_mkdir (marker, 0700), ==, 0);
  g_assert_true (g_file_set_contents (copy, "not merged by this test", -1, NULL));
  rv_backups_page_refresh (RV_BACKUPS_PAGE (page));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "Syncthing folder: "));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), fixture->dir));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row),
                            "1 conflict copy waiting to be merged"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "warning"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (page);
}

/* Dates name the month (no "12/06/26") and say "yesterday" while recent. */
static void
test_format_date (void)
{
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 12, 6, 19, 51, 9);
  g_autoptr(GDateTime) later = g_date_time_new_local (2026, 12, 6, 21, 0, 0);
  g_autoptr(GDateTime) next_morning = g_date_time_new_local (2026, 12, 7, 8, 0, 0);
  g_autoptr(GDateTime) days_later = g_date_time_new_local (2026, 12, 9, 8, 0, 0);
  g_autoptr(GDateTime) month_later = g_date_time_new_local (2027, 1, 6, 8, 0, 0);
  gint64 t = g_date_time_to_unix (when);
  g_autofree char *full = rv_format_date_full (t);
  g_autofree char *today = rv_format_date (t, g_date_time_to_unix (later));
  g_autofree char *yesterday = rv_format_date (t, g_date_time_to_unix (next_morning));
  g_autofree char *days = rv_format_date (t, g_date_time_to_unix (days_later));
  g_autofree char *old = rv_format_date (t, g_date_time_to_unix (month_later));
  g_autofree char *never = rv_format_date (0, t);

  g_assert_cmpstr (full, ==, "6 December 2026, 19:51");
  g_assert_cmpstr (today, ==, "Today at 19:51");
  g_assert_cmpstr (yesterday, ==, "Yesterday at 19:51");
  g_assert_cmpstr (days, ==, "3 days ago");
  g_assert_cmpstr (old, ==, "6 December 2026, 19:51");
  g_assert_cmpstr (never, ==, "Never");
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

  g_test_add ("/backups/warning-goes-after-export", Fixture, NULL, fixture_setup,
              test_warning_goes_after_export, fixture_teardown);
  g_test_add ("/backups/banner-follows-vault", Fixture, NULL, fixture_setup,
              test_banner_follows_vault, fixture_teardown);
  g_test_add ("/backups/verify", Fixture, NULL, fixture_setup, test_verify, fixture_teardown);
  g_test_add ("/backups/sync-line", Fixture, NULL, fixture_setup, test_sync_line,
              fixture_teardown);
  g_test_add ("/backups/warnings-grouped", Fixture, NULL, fixture_setup, test_warnings_grouped,
              fixture_teardown);
  g_test_add_func ("/backups/format-date", test_format_date);
  g_test_add ("/backups/restore-merge", Fixture, NULL, fixture_setup, test_restore_merge,
              fixture_teardown);
  g_test_add ("/export/needs-matching-passwords", Fixture, NULL, fixture_setup,
              test_export_needs_matching_passwords, fixture_teardown);
  g_test_add ("/export/plain-needs-confirmation", Fixture, NULL, fixture_setup,
              test_plain_export_needs_confirmation, fixture_teardown);

  return g_test_run ();
}
