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
/* What "Verify a Backup…" and "Restore…" do once a file and its password
 * are chosen: open it in a thread, then show what it holds (verify) or a
 * preview with "Merge" and "Replace" (restore). */
void       rv_backups_page_verify       (RvBackupsPage  *self,
                                         const char     *path,
                                         const RvSecret *password);
void       rv_backups_page_restore      (RvBackupsPage  *self,
                                         const char     *path,
                                         const RvSecret *password);
/* Returns: (transfer none) (element-type RvHealthWarning): what is listed. */
GPtrArray *rv_backups_page_get_warnings (RvBackupsPage *self);

G_END_DECLS
