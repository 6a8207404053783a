/* test-preferences.c: preferences bound to GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rv-gui-test-util.h"
#include "rv-preferences-window.h"

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

  return g_test_run ();
}
