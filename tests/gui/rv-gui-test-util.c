/* rv-gui-test-util.c: helpers for the in-process GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rv-gui-test-util.h"

gboolean
rv_gui_test_init (int    *argc,
                  char ***argv)
{
  const char *display = g_getenv ("DISPLAY");
  const char *wayland = g_getenv ("WAYLAND_DISPLAY");
  const char *backend = g_getenv ("GDK_BACKEND");

  /* gtk_test_init aborts without a display: skip instead. */
  if ((display == NULL || *display == '\0') &&
      (wayland == NULL || *wayland == '\0') &&
      (backend == NULL || *backend == '\0'))
    {
      g_test_init (argc, argv, NULL);
      return FALSE;
    }

  gtk_test_init (argc, argv, NULL);
  adw_init ();
  return TRUE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
rv_gui_test_wait_for (gboolean *flag,
                      guint     timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);

  return *flag;
}

void
rv_gui_test_run_for (guint ms)
{
  gboolean never = FALSE;

  rv_gui_test_wait_for (&never, ms);
}

gboolean
rv_gui_test_wait_mapped (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while ((!gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) <= 0) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

RvApplication *
rv_gui_test_app_new (void)
{
  g_autoptr(GError) error = NULL;
  RvApplication *app = rv_application_new ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  return app;
}
