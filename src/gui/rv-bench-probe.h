/* rv-bench-probe.h: the startup benchmark's probe (tests/bench/bench-gui-startup.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rv-account-list.h"

G_BEGIN_DECLS

/* With RV_BENCH_STARTUP set, the first frame of @window painted with codes
 * on screen in @list prints the time since main() and the resident memory,
 * then quits the application. Does nothing otherwise. */
void  rv_bench_probe_arm  (GtkWidget     *window,
                           RvAccountList *list);

G_END_DECLS
