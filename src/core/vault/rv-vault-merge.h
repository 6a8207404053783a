/* rv-vault-merge.h: merging another copy of the same vault (sync, docs/sync.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rv-vault.h"

G_BEGIN_DECLS

typedef struct
{
  guint changes;     /* items of this vault changed, added or removed by the merge */
  guint history;     /* older values kept in accounts' history */
} RvMergeReport;

void      rv_merge_report_free  (RvMergeReport   *report);

/* Opens @path, another copy of @self's vault, with the master key already in
 * memory; when that copy's key differs (rotated there), with @password
 * (nullable). The copy has no file watch and is never saved. Errors as for
 * rv_vault_open(); another vault's copy is RV_VAULT_ERROR_WRONG_PASSWORD. */
RvVault  *rv_vault_open_copy    (RvVault         *self,
                                 const char      *path,
                                 const RvSecret  *password,
                                 GError         **error);

/* Merges @other (the same vault id) into @self: per item the newer change
 * wins, a used recovery code stays used, removals win over older edits and
 * lose to newer ones, replaced values go to the account's history. The same
 * result whatever the order; merging twice changes nothing. @self is left
 * dirty when anything changed; the caller saves. */
gboolean  rv_vault_merge        (RvVault         *self,
                                 RvVault         *other,
                                 RvMergeReport  **report,
                                 GError         **error);

/* (element-type RvTombstone) (transfer none): removed accounts and requests
 * (rv-vault-payload.h); the accounts hold their codes' tombstones. */
GArray   *rv_vault_get_tombstones (RvVault       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RvMergeReport, rv_merge_report_free)

G_END_DECLS
