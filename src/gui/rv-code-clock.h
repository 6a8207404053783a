/* rv-code-clock.h: one timer, aligned to whole seconds, for all codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RV_TYPE_CODE_CLOCK (rv_code_clock_get_type ())

G_DECLARE_FINAL_TYPE (RvCodeClock, rv_code_clock, RV, CODE_CLOCK, GObject)

RvCodeClock *rv_code_clock_new         (void);
void         rv_code_clock_start       (RvCodeClock *self);
void         rv_code_clock_stop        (RvCodeClock *self);
gboolean     rv_code_clock_is_running  (RvCodeClock *self);
/* The Unix time of the last tick (or now, when stopped). */
gint64       rv_code_clock_get_now     (RvCodeClock *self);

G_END_DECLS
