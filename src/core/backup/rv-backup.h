/* rv-backup.h: encrypted backups that provably open, automatic backups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rv-vault.h"

G_BEGIN_DECLS

#define RV_BACKUP_ERROR (rv_backup_error_quark ())

typedef enum
{
  RV_BACKUP_ERROR_NOT_FOUND,        /* no backup file at that path */
  RV_BACKUP_ERROR_DAMAGED,          /* not a vault, truncated, corrupt or tampered with */
  RV_BACKUP_ERROR_WRONG_PASSWORD,   /* file intact, the backup password does not open it */
  RV_BACKUP_ERROR_UNSUPPORTED,      /* written by a newer version */
  RV_BACKUP_ERROR_MISMATCH,         /* re-opened copy differs from the vault */
  RV_BACKUP_ERROR_IO,               /* reading, writing or renaming failed */
  RV_BACKUP_ERROR_INVALID,          /* bad argument: empty password, keep = 0, not a folder… */
} RvBackupError;

/* What a successful (verified) export did. */
typedef struct
{
  char   *path;
  guint   n_accounts;
  guint   n_recovery_codes;
  guint   n_requests;
  gint64  written_at;
  gint64  verified_at;
} RvBackupReport;

/* What a backup file holds; nothing secret. */
typedef struct
{
  char    *path;
  guint    n_accounts;
  guint    n_otp_accounts;          /* kind != NONE */
  guint    n_recovery_codes;
  guint    n_unused_recovery_codes;
  guint    n_requests;
  char   **issuers;                 /* sorted, unique, non-empty */
  gint64   written_at;              /* file modification time */
  gint64   changed_at;              /* last change recorded in the backed-up vault */
  goffset  size;
  gboolean recorded;                /* verify_and_record: the vault's latest backup, whose
                                     * verification the vault now records */
} RvBackupInfo;

GQuark          rv_backup_error_quark        (void);

void            rv_backup_report_clear       (RvBackupReport  *report);
void            rv_backup_info_clear         (RvBackupInfo    *info);

/* Writes an encrypted copy of @vault to @path under @backup_password
 * (atomically: a temporary file that replaces @path only once verified),
 * re-opens it and compares it with @vault entry by entry. Only then the
 * vault's backup state is updated and the vault saved. Slow (key
 * derivation, twice): prefer the async variant from a GUI. Do not modify
 * @vault while an export runs. */
gboolean        rv_backup_export             (RvVault         *vault,
                                              const char      *path,
                                              const RvSecret  *backup_password,
                                              RvBackupReport  *report,
                                              GError         **error);
void            rv_backup_export_async       (RvVault         *vault,
                                              const char      *path,
                                              const RvSecret  *backup_password,
                                              GCancellable    *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer         user_data);
gboolean        rv_backup_export_finish      (RvVault         *vault,
                                              GAsyncResult    *result,
                                              RvBackupReport  *report,
                                              GError         **error);

/* Opens any backup file read-only and reports what it holds; imports
 * nothing. Damaged files fail with RV_BACKUP_ERROR_DAMAGED. Slow. */
gboolean        rv_backup_verify             (const char      *path,
                                              const RvSecret  *password,
                                              RvBackupInfo    *info,
                                              GError         **error);
void            rv_backup_verify_async       (const char      *path,
                                              const RvSecret  *password,
                                              GCancellable    *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer         user_data);
gboolean        rv_backup_verify_finish      (GAsyncResult    *result,
                                              RvBackupInfo    *info,
                                              GError         **error);

/* Verifies @path like rv_backup_verify and, when it is the backup @vault
 * last wrote (its latest export or automatic backup), records in @vault that
 * it was verified and saves @vault (@info->recorded). The one verification
 * of every front end: a failed save is an error. The async variant opens the
 * backup in a worker thread and records it in the caller's (the vault's)
 * thread. */
gboolean        rv_backup_verify_and_record        (RvVault         *vault,
                                                    const char      *path,
                                                    const RvSecret  *password,
                                                    RvBackupInfo    *info,
                                                    GError         **error);
void            rv_backup_verify_and_record_async  (RvVault         *vault,
                                                    const char      *path,
                                                    const RvSecret  *password,
                                                    GCancellable    *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer         user_data);
gboolean        rv_backup_verify_and_record_finish (RvVault         *vault,
                                                    GAsyncResult    *result,
                                                    RvBackupInfo    *info,
                                                    GError         **error);

/* Opens a backup file (like rv_vault_open, with backup errors). */
RvVault        *rv_backup_open               (const char      *path,
                                              const RvSecret  *password,
                                              GError         **error);
void            rv_backup_open_async         (const char      *path,
                                              const RvSecret  *password,
                                              GCancellable    *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer         user_data);
RvVault        *rv_backup_open_finish        (GAsyncResult    *result,
                                              GError         **error);
/* Fills @info from an opened vault (used by verify). */
void            rv_backup_info_fill          (RvBackupInfo    *info,
                                              RvVault         *backup);

/* Whether two accounts are equal in every stored field, secret and recovery
 * code. */
gboolean        rv_backup_accounts_equal     (RvAccount       *a,
                                              RvAccount       *b);

/* Copies the saved (encrypted) vault file into @folder as
 * recovery-vault-YYYYMMDD-HHMMSS.rvault (UTC; -N added on a clash),
 * atomically and durably, checks the copy, deletes all but the newest @keep
 * such files, records it in the backup state and saves. A dirty vault is
 * saved first. Returns: (transfer full): the path of the new copy. */
char           *rv_backup_auto               (RvVault         *vault,
                                              const char      *folder,
                                              guint            keep,
                                              GError         **error);
void            rv_backup_auto_async         (RvVault         *vault,
                                              const char      *folder,
                                              guint            keep,
                                              GCancellable    *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer         user_data);
char           *rv_backup_auto_finish        (RvVault         *vault,
                                              GAsyncResult    *result,
                                              GError         **error);
/* The automatic backups in @folder, newest first. */
GPtrArray      *rv_backup_list_auto          (const char      *folder,
                                              GError         **error);
guint           rv_backup_auto_remove        (const char      *folder,
                                              const char * const *paths,
                                              GError         **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RvBackupReport, rv_backup_report_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RvBackupInfo, rv_backup_info_clear)

G_END_DECLS
