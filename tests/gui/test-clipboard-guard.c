/* test-clipboard-guard.c: copy, and take back only what we copied
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rv-clipboard-guard.h"
#include "rv-gui-test-util.h"

static void
cleared_cb (RvClipboardGuard *guard,
            gboolean         *cleared)
{
  *cleared = TRUE;
}

static GdkClipboard *
clipboard (void)
{
  return gdk_display_get_clipboard (gdk_display_get_default ());
}

static void
test_clipboard_guard_clears (void)
{
  RvClipboardGuard *guard = rv_clipboard_guard_new (clipboard ());
  g_autofree char *text = NULL;
  gboolean cleared = FALSE;

  g_signal_connect (guard, "cleared", G_CALLBACK (cleared_cb), &cleared);
  rv_clipboard_guard_copy (guard, "123456", 1);
  g_assert_true (rv_clipboard_guard_is_pending (guard));
  text = rv_gui_test_read_clipboard (clipboard ());
  g_assert_cmpstr (text, ==, "123456");

  g_assert_true (rv_gui_test_wait_for (&cleared, 5000));
  g_clear_pointer (&text, g_free);
  text = rv_gui_test_read_clipboard (clipboard ());
  g_assert_cmpstr (text, ==, "");
  g_assert_false (rv_clipboard_guard_is_pending (guard));
  g_assert_finalize_object (guard);
}

static void
test_clipboard_guard_keeps_other (void)
{
  RvClipboardGuard *guard = rv_clipboard_guard_new (clipboard ());
  g_autofree char *text = NULL;
  gboolean cleared = FALSE;

  g_signal_connect (guard, "cleared", G_CALLBACK (cleared_cb), &cleared);
  rv_clipboard_guard_copy (guard, "123456", 1);
  gdk_clipboard_set_text (clipboard (), "something else");
  rv_clipboard_guard_clear_now (guard);
  rv_gui_test_run_for (300);
  g_assert_false (cleared);
  text = rv_gui_test_read_clipboard (clipboard ());
  g_assert_cmpstr (text, ==, "something else");
  g_assert_finalize_object (guard);
}

static void
test_clipboard_guard_recopy (void)
{
  RvClipboardGuard *guard = rv_clipboard_guard_new (clipboard ());
  g_autofree char *text = NULL;

  /* A second copy restarts the delay for the new code. */
  rv_clipboard_guard_copy (guard, "111111", 1);
  rv_clipboard_guard_clear_now (guard);
  rv_clipboard_guard_copy (guard, "222222", 0);
  rv_gui_test_run_for (300);
  text = rv_gui_test_read_clipboard (clipboard ());
  g_assert_cmpstr (text, ==, "222222");
  g_assert_false (rv_clipboard_guard_is_pending (guard));
  g_assert_finalize_object (guard);
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

  g_test_add_func ("/clipboard-guard/clears", test_clipboard_guard_clears);
  g_test_add_func ("/clipboard-guard/keeps-other", test_clipboard_guard_keeps_other);
  g_test_add_func ("/clipboard-guard/recopy", test_clipboard_guard_recopy);

  return g_test_run ();
}
