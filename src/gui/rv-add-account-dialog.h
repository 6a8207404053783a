/* rv-add-account-dialog.h: add an account from a link, a form or a QR image
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rv-vault.h"

G_BEGIN_DECLS

#define RV_TYPE_ADD_ACCOUNT_DIALOG (rv_add_account_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RvAddAccountDialog, rv_add_account_dialog, RV, ADD_ACCOUNT_DIALOG, AdwWindow)

GtkWidget *rv_add_account_dialog_new        (GtkWindow          *parent,
                                             RvVault            *vault);
RvVault   *rv_add_account_dialog_get_vault  (RvAddAccountDialog *self);
/* Decodes the QR codes in the image at @file in a thread and lists what
 * they hold; the "Add" action then adds them. */
void       rv_add_account_dialog_load_image (RvAddAccountDialog *self,
                                             GFile              *file);

G_END_DECLS
