/* rv-status-icon.h: a status page's large icon, loaded when it is shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Gives @page the icon @icon_name when it is first mapped (at once if it
 * is mapped already). */
void rv_status_page_set_icon_when_shown (AdwStatusPage *page,
                                         const char    *icon_name);

G_END_DECLS
