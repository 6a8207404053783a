/* rv-status-icon.c: a status page's large icon, loaded when it is shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A status page's icon is drawn at 128 px, from an SVG: GTK looks it up
 * (and, for the first SVG, loads gdk-pixbuf's loader and librsvg) as soon
 * as the page is built, shown or not. The window builds pages a start-up
 * usually never shows (the unlock page of a vault the keyring opens, the
 * list's "No Results" and "No Accounts Yet"), so their icons wait until
 * the page is mapped (tests/bench/bench-gui-startup.c).
 */
#include "config.h"

#include "rv-status-icon.h"

static void
page_mapped_cb (AdwStatusPage *page,
                const char    *icon_name)
{
  adw_status_page_set_icon_name (page, icon_name);
  g_signal_handlers_disconnect_by_func (page, page_mapped_cb, (gpointer) icon_name);
}

void
rv_status_page_set_icon_when_shown (AdwStatusPage *page,
                                    const char    *icon_name)
{
  g_return_if_fail (ADW_IS_STATUS_PAGE (page));
  g_return_if_fail (icon_name != NULL);

  if (gtk_widget_get_mapped (GTK_WIDGET (page)))
    {
      adw_status_page_set_icon_name (page, icon_name);
      return;
    }
  g_signal_connect_data (page, "map", G_CALLBACK (page_mapped_cb), g_strdup (icon_name),
                         (GClosureNotify) G_CALLBACK (g_free), 0);
}
