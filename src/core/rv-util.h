/* rv-util.h: the two tiny rules every layer needs (what "now" is, what "blank" is)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Wall-clock time in Unix seconds: the unit of every date the vault stores. */
gint64   rv_now          (void);

/* TRUE for NULL, "" and text made only of ASCII white space. */
gboolean rv_str_is_blank (const char *text);

G_END_DECLS
