/* test-preferences.c: preferences bound to GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rv-backup.h"
#include "rv-change-password-dialog.h"
#include "rv-gui-test-util.h"
#include "rv-preferences-window.h"
#include "rv-test-util.h"

static void
test_preferences_bindings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GPtrArray) spins = NULL;
  g_autoptr(GPtrArray) switches = NULL;
  GtkWidget *prefs;

  g_settings_set_uint (settings, "auto-lock-delay", 600);
  prefs = rv_preferences_window_new (settings, NULL);
  g_object_ref_sink (prefs);

  spins = rv_gui_test_find_all (prefs, GTK_TYPE_SPIN_BUTTON);
  g_assert_cmpuint (spins->len, ==, 4);
  /* Auto-lock is stored in seconds, shown in minutes. */
  g_assert_cmpfloat (gtk_spin_button_get_value (g_ptr_array_index (spins, 0)), ==, 10);
  gtk_spin_button_set_value (g_ptr_array_index (spins, 0), 2);
  g_assert_cmpuint (g_settings_get_uint (settings, "auto-lock-delay"), ==, 120);

  gtk_spin_button_set_value (g_ptr_array_index (spins, 1), 45);
  g_assert_cmpuint (g_settings_get_uint (settings, "clipboard-clear-delay"), ==, 45);
  g_settings_set_uint (settings, "backup-max-age", 14);
  g_assert_cmpfloat (gtk_spin_button_get_value (g_ptr_array_index (spins, 2)), ==, 14);

  switches = rv_gui_test_find_all (prefs, GTK_TYPE_SWITCH);
  g_assert_cmpuint (switches->len, ==, 3);
  /* Automatic backups cannot be switched on without a folder… */
  g_assert_false (gtk_widget_get_sensitive (g_ptr_array_index (switches, 2)));
  gtk_switch_set_active (g_ptr_array_index (switches, 2), TRUE);
  g_assert_false (g_settings_get_boolean (settings, "automatic-backups"));
  /* …and can once one is chosen. */
  g_settings_set_string (settings, "backup-folder", "/tmp/rvault-test-backups");
  g_assert_true (gtk_widget_get_sensitive (g_ptr_array_index (switches, 2)));
  gtk_switch_set_active (g_ptr_array_index (switches, 2), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "automatic-backups"));
  /* Without an open vault, keyring unlock cannot be changed. */
  g_assert_false (gtk_widget_is_sensitive (g_ptr_array_index (switches, 1)));

  gtk_window_destroy (GTK_WINDOW (prefs));
  g_assert_finalize_object (prefs);

  g_settings_reset (settings, "auto-lock-delay");
  g_settings_reset (settings, "clipboard-clear-delay");
  g_settings_reset (settings, "backup-max-age");
  g_settings_reset (settings, "automatic-backups");
  g_settings_reset (settings, "backup-folder");
}

/* A visible message dialog with that heading (%NULL: any): the prompt the
 * switch opens, the old-backups dialog. */
static AdwMessageDialog *
visible_dialog (const char *heading)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (window) &&
          (heading == NULL ||
           g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)),
                      heading) == 0))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static GtkWidget *
prompt_dialog (void)
{
  return (GtkWidget *) visible_dialog (NULL);
}

static void
answer_prompt (const char *password)
{
  GtkWidget *dialog = NULL;
  GtkWidget *entry;

  for (guint i = 0; i < 500 && (dialog = prompt_dialog ()) == NULL; i++)
    rv_gui_test_run_for (10);
  g_assert_nonnull (dialog);
  g_assert_true (rv_gui_test_wait_mapped (dialog));
  entry = rv_gui_test_find_first (dialog, GTK_TYPE_TEXT);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), password);
  g_signal_emit_by_name (entry, "activate");
}

static gboolean
wait_switch (GtkSwitch *sw,
             gboolean   state)
{
  for (guint i = 0; i < 1000; i++)
    {
      if (gtk_switch_get_state (sw) == state && gtk_switch_get_active (sw) == state &&
          gtk_widget_is_sensitive (GTK_WIDGET (sw)) && prompt_dialog () == NULL)
        return TRUE;
      rv_gui_test_run_for (10);
    }
  return FALSE;
}

/* Turning keyring unlock off asks the password and gives the vault a new
 * key, its derivations in a thread: a wrong password leaves it on. */
static void
test_keyring_off (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *dir = rv_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "vault.rvault", NULL);
  g_autoptr(RvVault) vault = rv_gui_test_create_vault (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) switches = NULL;
  GtkSwitch *keyring;
  GtkWidget *prefs;

  if (!rv_test_have_secret_service () || !rv_vault_enable_keyring (vault, NULL, &error))
    {
      g_test_skip ("No Secret Service on the session bus");
      rv_test_rm_rf (dir);
      return;
    }
  prefs = rv_preferences_window_new (settings, vault);
  gtk_window_present (GTK_WINDOW (prefs));
  switches = rv_gui_test_find_all (prefs, GTK_TYPE_SWITCH);
  keyring = g_ptr_array_index (switches, 1);
  g_assert_true (gtk_switch_get_active (keyring));

  gtk_switch_set_active (keyring, FALSE);
  answer_prompt ("not the password");
  g_assert_true (wait_switch (keyring, TRUE));
  g_assert_true (rv_vault_get_keyring_enabled (vault));
  g_assert_true (rv_vault_has_keyring_slot_file (path));

  gtk_switch_set_active (keyring, FALSE);
  answer_prompt (RV_GUI_TEST_PASSWORD);
  g_assert_true (wait_switch (keyring, FALSE));
  g_assert_false (rv_vault_get_keyring_enabled (vault));
  g_assert_false (rv_vault_has_keyring_slot_file (path));

  gtk_window_destroy (GTK_WINDOW (prefs));
  rv_test_rm_rf (dir);
}

static AdwMessageDialog *
old_backups_dialog (void)
{
  return visible_dialog ("Older Backups Still Open");
}

/* After keyring unlock is off, the automatic backups that still hold its
 * old key are named, and replaced on request by one without it. */
static void
test_keyring_off_old_backups (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *dir = rv_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "vault.rvault", NULL);
  g_autofree char *folder = g_build_filename (dir, "auto", NULL);
  g_autoptr(RvVault) vault = rv_gui_test_create_vault (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) switches = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autofree char *old = NULL;
  AdwMessageDialog *dialog = NULL;
  GtkWidget *prefs;

  if (!rv_test_have_secret_service () || !rv_vault_enable_keyring (vault, NULL, &error))
    {
      g_test_skip ("No Secret Service on the session bus");
      rv_test_rm_rf (dir);
      return;
    }
  old = rv_backup_auto (vault, folder, 5, &error);
  g_assert_no_error (error);
  g_assert_true (rv_vault_has_keyring_slot_file (old));
  g_settings_set_string (settings, "backup-folder", folder);

  prefs = rv_preferences_window_new (settings, vault);
  gtk_window_present (GTK_WINDOW (prefs));
  switches = rv_gui_test_find_all (prefs, GTK_TYPE_SWITCH);
  gtk_switch_set_active (g_ptr_array_index (switches, 1), FALSE);
  answer_prompt (RV_GUI_TEST_PASSWORD);
  for (guint i = 0; i < 1000 && (dialog = old_backups_dialog ()) == NULL; i++)
    rv_gui_test_run_for (10);
  g_assert_nonnull (dialog);
  g_assert_false (rv_vault_get_keyring_enabled (vault));
  g_assert_true (adw_message_dialog_has_response (dialog, "replace"));
  adw_message_dialog_response (dialog, "replace");

  for (guint i = 0; i < 1000 && g_file_test (old, G_FILE_TEST_EXISTS); i++)
    rv_gui_test_run_for (10);
  g_assert_false (g_file_test (old, G_FILE_TEST_EXISTS));
  listed = rv_backup_list_auto (folder, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_false (rv_vault_has_keyring_slot_file (g_ptr_array_index (listed, 0)));

  gtk_window_destroy (GTK_WINDOW (prefs));
  g_settings_reset (settings, "backup-folder");
  rv_test_rm_rf (dir);
}

/* After a password change, the copies that still open with the old
 * password are named over the window the dialog came from. */
static void
test_change_password_old_backups (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *dir = rv_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "vault.rvault", NULL);
  g_autofree char *folder = g_build_filename (dir, "auto", NULL);
  g_autoptr(RvVault) vault = rv_gui_test_create_vault (path);
  g_autoptr(RvSecret) new_password = rv_secret_new_from_string ("correct horse battery 42");
  g_autoptr(RvVault) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *old = NULL;
  AdwMessageDialog *dialog = NULL;
  GtkWidget *parent;
  GtkWidget *change;
  GtkWidget *button;

  old = rv_backup_auto (vault, folder, 5, &error);
  g_assert_no_error (error);
  g_settings_set_string (settings, "backup-folder", folder);
  parent = rv_preferences_window_new (settings, vault);
  gtk_window_present (GTK_WINDOW (parent));
  change = rv_change_password_dialog_new (GTK_WINDOW (parent), vault, settings);
  gtk_window_present (GTK_WINDOW (change));
  g_assert_true (rv_gui_test_wait_mapped (change));

  rows = rv_gui_test_find_all (change, ADW_TYPE_PASSWORD_ENTRY_ROW);
  g_assert_cmpuint (rows->len, ==, 3);
  gtk_editable_set_text (g_ptr_array_index (rows, 0), RV_GUI_TEST_PASSWORD);
  gtk_editable_set_text (g_ptr_array_index (rows, 1), "correct horse battery 42");
  gtk_editable_set_text (g_ptr_array_index (rows, 2), "correct horse battery 42");
  button = NULL;
  {
    g_autoptr(GPtrArray) buttons = rv_gui_test_find_all (change, GTK_TYPE_BUTTON);

    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), "C_hange") == 0)
        button = g_ptr_array_index (buttons, i);
  }
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");

  for (guint i = 0; i < 1000 && (dialog = old_backups_dialog ()) == NULL; i++)
    rv_gui_test_run_for (10);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (parent));
  back = rv_vault_open (path, new_password, &error);
  g_assert_no_error (error);
  adw_message_dialog_response (dialog, "keep");
  rv_gui_test_run_for (50);
  g_assert_true (g_file_test (old, G_FILE_TEST_IS_REGULAR));

  gtk_window_destroy (GTK_WINDOW (parent));
  g_settings_reset (settings, "backup-folder");
  rv_test_rm_rf (dir);
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

  g_test_add_func ("/preferences/bindings", test_preferences_bindings);
  g_test_add_func ("/preferences/keyring-off", test_keyring_off);
  g_test_add_func ("/preferences/keyring-off-old-backups", test_keyring_off_old_backups);
  g_test_add_func ("/preferences/change-password-old-backups", test_change_password_old_backups);

  return g_test_run ();
}
