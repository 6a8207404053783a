/* rv-bench-util.h: what the benchmarks share (medians, CPU time, the four
 * desktop set-ups, a painted frame, the bare window they are compared with)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Sorts @values and returns the middle one. */
double      rv_bench_median          (double     *values,
                                      guint       n);
/* CPU time of the calling thread, in milliseconds. */
double      rv_bench_thread_cpu_ms   (void);

/* Runs this benchmark once per desktop set-up (accessibility on, as on a
 * real desktop, and off; the default renderer and cairo), each in a child
 * process of its own since GTK reads both at start-up, and prints a
 * "## set-up: ..." line before each. Returns -1 in the child (go on and
 * measure), else the status to exit with. The set-up's name is
 * rv_bench_setup_name(). */
int         rv_bench_run_setups      (int         argc,
                                      char      **argv);
const char *rv_bench_setup_name      (void);

/* Iterates the main loop until @widget's frame clock has painted a frame
 * (one that starts after this call). */
void        rv_bench_wait_frame      (GtkWidget  *widget);

/* The comparison: a bare libadwaita window, a header bar and a list of 12
 * rows (title, subtitle, a button), as small as a real app gets; an
 * AdwApplicationWindow of @app, or an AdwWindow for %NULL. */
GtkWidget  *rv_bench_bare_window_new (GtkApplication *app);

/* When the benchmark that spawned this process started it
 * (RV_BENCH_SPAWNED_AT, monotonic µs), or @fallback. */
gint64      rv_bench_spawned_at      (gint64      fallback);

/* VmRSS of this process in KiB (Linux), or -1. */
gint64      rv_bench_rss_kb          (void);

G_END_DECLS
