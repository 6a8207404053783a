/* rv-sync-status.h: what `rvault sync-status` and the Backups page say about a
 * vault in a synced folder (docs/sync.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rv-vault-sync.h"

G_BEGIN_DECLS

typedef struct
{
  RvSyncEngine  engine;        /* NONE: no Syncthing, Nextcloud or Dropbox marker found */
  char         *root;          /* the synced folder's root, or NULL */
  GPtrArray    *copies;        /* (element-type filename): conflict copies waiting */
  gboolean      merged_before; /* the fields below are set */
  gint64        last_merge;    /* Unix seconds */
  guint         last_merge_copies;
  guint         last_merge_changes;
} RvSyncStatus;

/* Reads the state of @vault_path's folder now, and the last merge recorded
 * on this machine for @vault_id (nullable: unknown, "never"). No password:
 * nothing is decrypted. */
RvSyncStatus *rv_sync_status_read (const char   *vault_path,
                                   const char   *vault_id);
void          rv_sync_status_free (RvSyncStatus *status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RvSyncStatus, rv_sync_status_free)

G_END_DECLS
