/* bench-gui-bare.c: the bare libadwaita window bench-gui-startup compares
 * the app with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Linked with libadwaita alone, so that it loads what any libadwaita app
 * loads and nothing of ours. Prints the time from RV_BENCH_SPAWNED_AT (the
 * spawning benchmark's monotonic clock, in µs) to main() and to its first
 * painted frame, and VmRSS then, in the format the app's probe uses.
 */
#include "config.h"

#include <adwaita.h>

#include "rv-bench-util.h"

static gint64 spawned_at;

static void
painted_cb (GdkFrameClock *clock,
            GApplication  *app)
{
  g_print ("startup-ms %.1f\nrss-kb %" G_GINT64_FORMAT "\n",
           (g_get_monotonic_time () - spawned_at) / 1000.0, rv_bench_rss_kb ());
  g_signal_handlers_disconnect_by_func (clock, painted_cb, app);
  g_application_quit (app);
}

static void
map_cb (GtkWidget    *window,
        GApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (painted_cb), app);
}

static void
activate_cb (GApplication *app)
{
  GtkWidget *window = rv_bench_bare_window_new (GTK_APPLICATION (app));

  g_signal_connect (window, "map", G_CALLBACK (map_cb), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (void)
{
  g_autoptr(AdwApplication) app = NULL;
  gint64 main_at = g_get_monotonic_time ();

  spawned_at = rv_bench_spawned_at (main_at);
  g_print ("main-ms %.1f\n", (main_at - spawned_at) / 1000.0);
  app = adw_application_new ("com.example.RecoveryVault.BenchBare", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), 0, NULL);
}
