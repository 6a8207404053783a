/* rv-backups-page.h: backup health, state, export, verify and restore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rv-health.h"

G_BEGIN_DECLS

#define RV_TYPE_BACKUPS_PAGE (rv_backups_page_get_type ())

G_DECLARE_FINAL_TYPE (RvBackupsPage, rv_backups_page, RV, BACKUPS_PAGE, AdwBin)

GtkWidget *rv_backups_page_new          (RvVault       *vault);
RvVault   *rv_backups_page_get_vault    (RvBackupsPage *self);
void       rv_backups_page_refresh      (RvBackupsPage *self);
/* Returns: (transfer none) (element-type RvHealthWarning): what is listed. */
GPtrArray *rv_backups_page_get_warnings (RvBackupsPage *self);

G_END_DECLS
