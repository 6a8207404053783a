/* rv-export-dialog.h: encrypted backups and plain exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rv-vault.h"

G_BEGIN_DECLS

#define RV_TYPE_EXPORT_DIALOG (rv_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RvExportDialog, rv_export_dialog, RV, EXPORT_DIALOG, AdwWindow)

GtkWidget *rv_export_dialog_new             (GtkWindow      *parent,
                                             RvVault        *vault);
/* Where the encrypted backup goes (the "Choose…" button sets it too). */
void       rv_export_dialog_set_destination (RvExportDialog *self,
                                             GFile          *file);
GFile     *rv_export_dialog_get_destination (RvExportDialog *self);

G_END_DECLS
