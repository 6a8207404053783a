/* rv-a11y.h: accessible names GTK 4.8 gets wrong, put right for every widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Once per process (the application's startup; GUI tests call it too). */
void rv_a11y_install (void);

/* The same for one button, now (what the hook does when it is mapped). */
void rv_a11y_fix_button (GtkButton *button);

G_END_DECLS
