/* rv-gui-test-util.h: helpers for the in-process GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rv-application.h"

G_BEGIN_DECLS

/* Initialises GTK and libadwaita for tests; returns FALSE (and the test
 * program should skip) when no display is available. */
gboolean rv_gui_test_init          (int        *argc,
                                    char     ***argv);
/* A registered, non-unique RvApplication (startup has run). */
RvApplication *rv_gui_test_app_new (void);
/* Iterates the default main context until *@flag is TRUE or @timeout_ms
 * passes; returns *@flag. */
gboolean rv_gui_test_wait_for      (gboolean   *flag,
                                    guint       timeout_ms);
/* Iterates the main context for @ms milliseconds. */
void     rv_gui_test_run_for       (guint       ms);
/* Waits until @widget is mapped and has a size. */
gboolean rv_gui_test_wait_mapped   (GtkWidget  *widget);

G_END_DECLS
