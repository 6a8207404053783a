/* rv-vault-payload.h: the vault's decrypted content, as a GVariant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rv-account.h"
#include "rv-backup-state.h"
#include "rv-recovery-request.h"
#include "rv-secret.h"

G_BEGIN_DECLS

/* Returns: (transfer full): the serialized model, in guarded memory. */
RvSecret *rv_vault_payload_serialize  (GListModel           *accounts,
                                       const RvBackupState  *backup,
                                       GPtrArray            *requests);
/* On success fills @accounts (RvAccount), @backup and @requests
 * (RvRecoveryRequest); @backup's strings are newly allocated. */
gboolean  rv_vault_payload_parse      (const RvSecret       *payload,
                                       GPtrArray           **accounts,
                                       RvBackupState        *backup,
                                       GPtrArray           **requests,
                                       GError              **error);

G_END_DECLS
