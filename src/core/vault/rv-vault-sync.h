/* rv-vault-sync.h: a vault in a synced folder: conflict copies, status (docs/sync.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rv-vault.h"

G_BEGIN_DECLS

typedef enum
{
  RV_SYNC_ENGINE_NONE,
  RV_SYNC_ENGINE_SYNCTHING,
  RV_SYNC_ENGINE_NEXTCLOUD,
  RV_SYNC_ENGINE_DROPBOX,
} RvSyncEngine;

typedef struct
{
  guint      merged;     /* conflict copies merged (and moved to conflicts/merged/) */
  guint      changes;    /* changes they brought */
  GPtrArray *problems;   /* (element-type utf8): copies left in place, and why */
} RvSyncResult;

void          rv_sync_result_free             (RvSyncResult   *result);

/* The file names the sync engines give a conflict copy of @vault_path
 * (Syncthing, Nextcloud, Dropbox), found beside it; sorted.
 * Returns: (transfer full) (element-type filename) */
GPtrArray    *rv_sync_find_conflict_copies    (const char     *vault_path);
gboolean      rv_sync_is_conflict_copy_name   (const char     *vault_name,
                                               const char     *name);

/* Merges every conflict copy of @vault's file into it, saves it, and only
 * then moves each merged copy to conflicts/merged/ beside the vault. Copies
 * that are damaged, of another vault or of a newer format are reported in
 * the result and left where they are. @password (nullable) opens a copy
 * whose master key differs. FALSE only when saving the vault failed. */
gboolean      rv_sync_merge_conflict_copies   (RvVault        *vault,
                                               const RvSecret *password,
                                               RvSyncResult  **result,
                                               GError        **error);

/* Which engine syncs the folder of @vault_path (its marker in the folder or
 * an ancestor), and that folder's root (nullable out). */
RvSyncEngine  rv_sync_detect_engine           (const char     *vault_path,
                                               char          **root);
const char   *rv_sync_engine_to_string        (RvSyncEngine    engine);

/* In a Syncthing folder, makes sure its .stignore keeps the vault's lock,
 * previous generation and temporary files on this machine. */
gboolean      rv_sync_write_ignore_rules      (const char     *vault_path,
                                               GError        **error);

/* The last merge of the vault @vault_id on this machine: FALSE if none. */
gboolean      rv_sync_get_last_merge          (const char     *vault_id,
                                               gint64         *when,
                                               guint          *copies,
                                               guint          *changes);

/* Called after conflict copies appeared beside the vault and were merged
 * (@result), or when merging failed (@error). */
typedef void (*RvSyncMergedFunc) (RvVault      *vault,
                                  RvSyncResult *result,
                                  const GError *error,
                                  gpointer      user_data);

/* Watches the vault's folder: conflict copies that appear there (and any
 * present now) are merged a second later, then @func is called. Stop with
 * rv_sync_watch_stop(), which also drops @func. */
GFileMonitor *rv_sync_watch_folder            (RvVault         *vault,
                                               RvSyncMergedFunc func,
                                               gpointer         user_data);
void          rv_sync_watch_stop              (GFileMonitor    *monitor);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RvSyncResult, rv_sync_result_free)

G_END_DECLS
