/* rv-change-password-dialog.h: old password, new password twice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rv-vault.h"

G_BEGIN_DECLS

#define RV_TYPE_CHANGE_PASSWORD_DIALOG (rv_change_password_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RvChangePasswordDialog, rv_change_password_dialog, RV,
                      CHANGE_PASSWORD_DIALOG, AdwWindow)

/* @settings: (nullable): for the automatic backups made under the old key */
GtkWidget *rv_change_password_dialog_new (GtkWindow *parent,
                                          RvVault   *vault,
                                          GSettings *settings);

G_END_DECLS
