/* rv-auto-lock.h: asks to lock after idle time or when the session locks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RV_TYPE_AUTO_LOCK (rv_auto_lock_get_type ())

G_DECLARE_FINAL_TYPE (RvAutoLock, rv_auto_lock, RV, AUTO_LOCK, GObject)

/* Watches input on @window (not owned). */
RvAutoLock *rv_auto_lock_new          (GtkWidget  *window);
void        rv_auto_lock_set_active   (RvAutoLock *self,
                                       gboolean    active);
gboolean    rv_auto_lock_get_active   (RvAutoLock *self);
void        rv_auto_lock_set_delay    (RvAutoLock *self,
                                       guint       seconds);
guint       rv_auto_lock_get_delay    (RvAutoLock *self);
/* Counts as user input: restarts the idle time. */
void        rv_auto_lock_poke         (RvAutoLock *self);

G_END_DECLS
