/* rv-clipboard-guard.h: copy a code, and take it back later
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The MIME type that asks clipboard managers not to keep a copy. */
#define RV_CLIPBOARD_SECRET_HINT "x-kde-passwordManagerHint"

#define RV_TYPE_CLIPBOARD_GUARD (rv_clipboard_guard_get_type ())

G_DECLARE_FINAL_TYPE (RvClipboardGuard, rv_clipboard_guard, RV, CLIPBOARD_GUARD, GObject)

RvClipboardGuard *rv_clipboard_guard_new        (GdkClipboard     *clipboard);
/* Copies @text; after @clear_after seconds (0: never), clears the clipboard
 * if it still holds @text. */
void              rv_clipboard_guard_copy       (RvClipboardGuard *self,
                                                 const char       *text,
                                                 guint             clear_after);
/* Clears now, if the clipboard still holds the last copied text. */
void              rv_clipboard_guard_clear_now  (RvClipboardGuard *self);
gboolean          rv_clipboard_guard_is_pending (RvClipboardGuard *self);

G_END_DECLS
