/* rv-confirm-password.h: re-enter the vault password (health fix)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rv-vault.h"

G_BEGIN_DECLS

/* Asks for the password and checks it against the vault file; on success
 * records in the backup state that it was entered (the vault is dirty). */
void     rv_confirm_password_run_async  (GtkWindow           *parent,
                                         RvVault             *vault,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean rv_confirm_password_run_finish (GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
