/* rv-toasts.h: toasts one at a time, around a libadwaita 1.2 crash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Shows @toast (taking it) in @overlay: instead of adw_toast_overlay_add_toast
 * for every toast of the app. */
void rv_toasts_add (AdwToastOverlay *overlay,
                    AdwToast        *toast);

void rv_toasts_dismiss (AdwToastOverlay *overlay,
                        AdwToast        *toast);

G_END_DECLS
