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

typedef struct
{
  GBytes   *bytes;
  gboolean  done;
} HintRead;

static void
hint_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  HintRead *read = user_data;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, NULL, &error);
  g_assert_no_error (error);
  read->bytes = g_input_stream_read_bytes (stream, 64, NULL, &error);
  g_assert_no_error (error);
  read->done = TRUE;
}

/* The copied code tells clipboard managers to keep no copy of it, and is
 * still plain text for every application. */
static void
test_clipboard_guard_secret_hint (void)
{
  const char *mime_types[] = { RV_CLIPBOARD_SECRET_HINT, NULL };
  RvClipboardGuard *guard = rv_clipboard_guard_new (clipboard ());
  g_autofree char *text = NULL;
  HintRead read = { NULL, FALSE };
  GdkContentFormats *formats;

  rv_clipboard_guard_copy (guard, "654321", 0);
  formats = gdk_clipboard_get_formats (clipboard ());
  g_assert_true (gdk_content_formats_contain_mime_type (formats, RV_CLIPBOARD_SECRET_HINT));
  g_assert_true (gdk_content_formats_contain_gtype (formats, G_TYPE_STRING));

  gdk_clipboard_read_async (clipboard (), mime_types, G_PRIORITY_DEFAULT, NULL, hint_read_cb,
                            &read);
  g_assert_true (rv_gui_test_wait_for (&read.done, 5000));
  g_assert_cmpmem (g_bytes_get_data (read.bytes, NULL), g_bytes_get_size (read.bytes),
                   "secret", 6);
  g_bytes_unref (read.bytes);

  text = rv_gui_test_read_clipboard (clipboard ());
  g_assert_cmpstr (text, ==, "654321");
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
  g_test_add_func ("/clipboard-guard/secret-hint", test_clipboard_guard_secret_hint);

  return g_test_run ();
}
