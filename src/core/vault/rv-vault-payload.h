/* rv-vault-payload.h: the vault's decrypted content, as a GVariant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rv-account.h"
#include "rv-backup-state.h"
#include "rv-request-record.h"
#include "rv-secret.h"

G_BEGIN_DECLS

/* A sealed recovery code: a 24-byte nonce, then the code's ciphertext and
 * its 16-byte tag. */
#define RV_SEALED_CODE_OVERHEAD (24 + 16)

/* A removed account, request or recovery code (docs/vault-format.md). */
typedef struct
{
  char    *id;
  char    *type;      /* "account", "request", "recovery-code" */
  char    *parent;    /* the account, for a recovery code */
  RvStamp  removed;
} RvTombstone;

#define RV_TOMBSTONE_ACCOUNT        "account"
#define RV_TOMBSTONE_REQUEST        "request"
#define RV_TOMBSTONE_RECOVERY_CODE  "recovery-code"
/* Tombstones are kept this long after the removal, then dropped on save. */
#define RV_TOMBSTONE_KEEP_DAYS      180

GArray   *rv_tombstones_new           (void);   /* of RvTombstone, clearing */
void      rv_tombstones_add           (GArray               *tombstones,
                                       const char           *id,
                                       const char           *type,
                                       const RvStamp        *removed);
/* Returns: (nullable) (transfer none) */
RvTombstone *rv_tombstones_find       (GArray               *tombstones,
                                       const char           *id,
                                       const char           *type);
void      rv_tombstones_remove        (GArray               *tombstones,
                                       const char           *id,
                                       const char           *type);

/* Returns: (transfer full): the serialized model, in guarded memory. */
RvSecret *rv_vault_payload_serialize  (GListModel           *accounts,
                                       const RvBackupState  *backup,
                                       GPtrArray            *requests);
/* On success fills @accounts (RvAccount), @backup and @requests
 * (RvRequestRecord); @backup's strings are newly allocated. */
gboolean  rv_vault_payload_parse      (const RvSecret       *payload,
                                       GPtrArray           **accounts,
                                       RvBackupState        *backup,
                                       GPtrArray           **requests,
                                       GError              **error);
/* With the sync metadata: @tombstones (RvTombstone) of accounts and requests
 * (the accounts hold their codes'), NULL for none. Parsing gives the
 * accounts their code tombstones and the rest in *@tombstones. */
RvSecret *rv_vault_payload_serialize_full (GListModel       *accounts,
                                           const RvBackupState *backup,
                                           GPtrArray        *requests,
                                           GArray           *tombstones);
gboolean  rv_vault_payload_parse_full (const RvSecret       *payload,
                                       GPtrArray           **accounts,
                                       RvBackupState        *backup,
                                       GPtrArray           **requests,
                                       GArray              **tombstones,
                                       GError              **error);

G_END_DECLS
