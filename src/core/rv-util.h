/* rv-util.h: the tiny rules every layer needs (what "now" is, what "blank" is,
 * how a failed system call is told)
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

/* Sets @error (@domain, @code) to "WHAT: CAUSE", WHAT made from @format and
 * CAUSE the text of @saved_errno. Returns FALSE, for `return rv_set_errno_error (...)`. */
gboolean rv_set_errno_error (GError     **error,
                             GQuark       domain,
                             gint         code,
                             int          saved_errno,
                             const char  *format,
                             ...) G_GNUC_PRINTF (5, 6);

G_END_DECLS
