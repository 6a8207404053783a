/* rv-bench-probe.c: the startup benchmark's probe
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads the resident memory from /proc/self/status (Linux): GLib has no
 * portable call for it, and the benchmark only runs on Linux.
 */
#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include "rv-application.h"
#include "rv-bench-probe.h"

typedef struct
{
  RvAccountList *list;       /* weak: the window owns it */
  gint64         spawned_at;
  gint64         unlocked_at;
} Probe;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  Probe *probe = g_object_get_data (G_OBJECT (clock), "rv-bench-probe");
  g_autofree char *status = NULL;
  struct rusage usage;
  const char *rss;
  gint64 elapsed;

  if (probe == NULL || rv_account_list_get_n_bound_rows (probe->list) == 0)
    return;

  elapsed = g_get_monotonic_time () - probe->spawned_at;
  g_file_get_contents ("/proc/self/status", &status, NULL, NULL);
  rss = status ? strstr (status, "VmRSS:") : NULL;
  getrusage (RUSAGE_SELF, &usage);
  g_print ("startup-ms %.1f\nmain-ms %.1f\nunlocked-ms %.1f\ncpu-ms %.1f\n"
           "rss-kb %" G_GINT64_FORMAT "\n",
           elapsed / 1000.0,
           (rv_application_get_launch_time () - probe->spawned_at) / 1000.0,
           (probe->unlocked_at - probe->spawned_at) / 1000.0,
           (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0,
           rss ? g_ascii_strtoll (rss + strlen ("VmRSS:"), NULL, 10) : (gint64) -1);
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, user_data);
  g_object_set_data (G_OBJECT (clock), "rv-bench-probe", NULL);
  g_application_quit (g_application_get_default ());
}

static void
attach_to_clock (GtkWidget *window,
                 Probe     *probe)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_object_set_data_full (G_OBJECT (clock), "rv-bench-probe", probe, g_free);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  gtk_widget_queue_draw (window);
}

static void
realized_cb (GtkWidget *window,
             Probe     *probe)
{
  g_signal_handlers_disconnect_by_func (window, realized_cb, probe);
  attach_to_clock (window, probe);
}

void
rv_bench_probe_arm (GtkWidget     *window,
                    RvAccountList *list)
{
  const char *spawned;
  Probe *probe;

  if (g_getenv ("RV_BENCH_STARTUP") == NULL)
    return;

  probe = g_new0 (Probe, 1);
  probe->list = list;
  probe->unlocked_at = g_get_monotonic_time ();
  /* Counted from the benchmark's spawn (RV_BENCH_SPAWNED_AT), as a user
   * counts from the click; from main() when run by hand. */
  spawned = g_getenv ("RV_BENCH_SPAWNED_AT");
  probe->spawned_at = spawned != NULL ? g_ascii_strtoll (spawned, NULL, 10) : 0;
  if (probe->spawned_at <= 0)
    probe->spawned_at = rv_application_get_launch_time ();
  /* The vault can be shown before the window is: it has a frame clock
   * once realized. */
  if (gtk_widget_get_realized (window))
    attach_to_clock (window, probe);
  else
    g_signal_connect (window, "realize", G_CALLBACK (realized_cb), probe);
}
