/* rv-restore.h: restoring a vault from a backup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rv-vault.h"

G_BEGIN_DECLS

typedef enum
{
  RV_RESTORE_MERGE,     /* add new accounts, update those that differ, keep the rest */
  RV_RESTORE_REPLACE,   /* the vault's accounts become exactly the backup's */
} RvRestoreMode;

typedef enum
{
  RV_RESTORE_ADD,
  RV_RESTORE_UPDATE,
  RV_RESTORE_UNCHANGED,
  RV_RESTORE_REMOVE,    /* REPLACE only */
} RvRestoreAction;

typedef struct
{
  RvRestoreAction  action;
  RvAccount       *current;    /* in the vault; NULL for ADD */
  RvAccount       *incoming;   /* from the backup; NULL for REMOVE */
} RvRestoreItem;

/* A preview of a restore; holds references to both vaults' accounts. */
typedef struct
{
  RvRestoreMode  mode;
  GPtrArray     *items;              /* (element-type RvRestoreItem) */
  guint          n_added;
  guint          n_updated;
  guint          n_unchanged;
  guint          n_removed;
  guint          n_requests_added;   /* recovery requests the vault does not have yet */
  GPtrArray     *requests;           /* (element-type RvRequestRecord) copies to add */
  char          *backup_path;        /* the backup file planned from */
  guint          n_backup_accounts;
  guint          n_backup_requests;
} RvRestorePlan;

/* Accounts are matched by id, then by issuer, name, kind and secret. */
RvRestorePlan  *rv_backup_plan_restore       (RvVault         *vault,
                                              RvVault         *backup,
                                              RvRestoreMode    mode);
/* Applies @plan to @vault (the same vault it was planned for) and saves
 * (rv_backup_save). When the vault then holds exactly the backup's accounts
 * and requests, the backup file counts as its latest, verified backup. */
gboolean        rv_backup_apply_restore      (RvVault         *vault,
                                              RvRestorePlan   *plan,
                                              GError         **error);
void            rv_restore_plan_free         (RvRestorePlan   *plan);
const char     *rv_restore_action_to_string  (RvRestoreAction  action);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RvRestorePlan, rv_restore_plan_free)

G_END_DECLS
