/* rv-backup-scheduler.h: "the vault changed: save it, back it up soon"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rv-vault.h"

G_BEGIN_DECLS

#define RV_TYPE_BACKUP_SCHEDULER (rv_backup_scheduler_get_type ())

G_DECLARE_FINAL_TYPE (RvBackupScheduler, rv_backup_scheduler, RV, BACKUP_SCHEDULER, GObject)

/* The automatic-backup policy of one open vault, for every front end. The
 * settings come in as properties ("enabled", "folder", "keep", "delay"):
 * the caller reads them wherever they live (GSettings for the app).
 *
 * After each save that holds a change worth backing up, an automatic backup
 * (rv_backup_auto_async) runs once the vault has been quiet for "delay"
 * seconds, so a burst of edits makes one copy; "backup-finished" reports
 * each result. rv_backup_scheduler_flush() makes a pending one at once (lock,
 * quit, or a command-line program that changed the vault). Backups need
 * "enabled" and a non-empty "folder".
 *
 * While a scheduler exists, rv_backup_save() on its vault goes through it. */
RvBackupScheduler *rv_backup_scheduler_new          (RvVault            *vault);
RvVault           *rv_backup_scheduler_get_vault    (RvBackupScheduler  *self);
/* Whether backups are on and have a folder. */
gboolean           rv_backup_scheduler_is_active    (RvBackupScheduler  *self);
/* Whether a change has not been backed up yet. */
gboolean           rv_backup_scheduler_get_pending  (RvBackupScheduler  *self);
/* Whether an automatic backup runs right now. */
gboolean           rv_backup_scheduler_get_running  (RvBackupScheduler  *self);
/* Saves the vault when dirty; a change makes a backup pending and (re)starts
 * the quiet timer. */
gboolean           rv_backup_scheduler_save         (RvBackupScheduler  *self,
                                                     GError            **error);
/* Saves, then makes the pending backup now and waits for it (also for one
 * already running). TRUE when nothing was pending or backups are off. */
gboolean           rv_backup_scheduler_flush        (RvBackupScheduler  *self,
                                                     GError            **error);

/* The one "save" of every front end: saves @vault and, when a scheduler runs
 * for it, lets it schedule the automatic backup. */
gboolean           rv_backup_save                   (RvVault            *vault,
                                                     GError            **error);

G_END_DECLS
