/* test-window.c: the main window's pages, lock and lifecycle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rv-gui-test-util.h"
#include "rv-window.h"

static void
test_window_lifecycle (void)
{
  g_autoptr(RvApplication) app = rv_gui_test_app_new ();
  RvWindow *window;

  window = rv_window_new (app, "/nonexistent/vault.rvault", TRUE);
  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rv_gui_test_wait_mapped (GTK_WIDGET (window)));
  g_assert_null (rv_window_get_vault (window));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
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

  g_test_add_func ("/window/lifecycle", test_window_lifecycle);

  return g_test_run ();
}
