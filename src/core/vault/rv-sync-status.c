/* rv-sync-status.c: one reading of a vault's sync state, for both fronts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rv-sync-status.h"

RvSyncStatus *
rv_sync_status_read (const char *vault_path,
                     const char *vault_id)
{
  RvSyncStatus *status;

  g_return_val_if_fail (vault_path != NULL, NULL);

  status = g_new0 (RvSyncStatus, 1);
  status->engine = rv_sync_detect_engine (vault_path, &status->root);
  status->copies = rv_sync_find_conflict_copies (vault_path);
  if (vault_id != NULL)
    status->merged_before = rv_sync_get_last_merge (vault_id, &status->last_merge,
                                                    &status->last_merge_copies,
                                                    &status->last_merge_changes);
  return status;
}

void
rv_sync_status_free (RvSyncStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->root);
  g_clear_pointer (&status->copies, g_ptr_array_unref);
  g_free (status);
}
