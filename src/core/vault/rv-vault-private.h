/* rv-vault-private.h: what the files of RvVault share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only rv-vault*.c include this.
 */
#pragma once

#include <sys/types.h>

#include "rv-vault.h"
#include "rv-vault-format.h"

G_BEGIN_DECLS

#define LOCK_TIMEOUT_MS 2000

/* What identifies the file this object last wrote or read without hashing
 * it again: its trailing checksum, and its inode, size and change time
 * (which any write changes and no tool can set back). */
typedef struct
{
  guint8  checksum[RV_VAULT_CHECKSUM_SIZE];
  dev_t   dev;
  ino_t   ino;
  goffset size;
  gint64  ctime_sec;
  gint64  ctime_nsec;
} DiskStamp;

struct _RvVault
{
  GObject        parent_instance;

  char          *path;
  char          *write_path;      /* @path, or the file its symlink points to */
  char          *vault_id;
  RvSecret      *master_key;
  GArray        *slots;           /* of RvVaultSlot */
  RvVaultCompartment *compartment;  /* nullable: the recovery-code compartment is off */
  RvSecret      *compartment_key;   /* nullable: the compartment is closed */

  GListStore    *accounts;
  RvBackupState  backup;
  GPtrArray     *requests;
  GArray        *tombstones;      /* of RvTombstone: removed accounts and requests */
  GHashTable    *request_state;   /* request id -> its content when last stamped */

  /* The trailing checksum of the file as this object last read or wrote
   * it: tells our own saves from another process's. */
  guint8         disk_checksum[RV_VAULT_CHECKSUM_SIZE];
  guint8         notified_checksum[RV_VAULT_CHECKSUM_SIZE];
  gboolean       have_disk_checksum;
  DiskStamp      disk_stamp;
  gboolean       have_disk_stamp;
  GFileMonitor  *monitor;

  guint          dirty : 1;
  guint          closed : 1;
  guint          in_account_changed : 1;
};

RvVault  *_rv_vault_open_file               (const char      *path,
                                             const RvSecret  *password,
                                             GCancellable    *cancellable,
                                             GError         **error);
RvVault  *_rv_vault_new_from_file           (RvVaultFile     *file,
                                             const RvSecret  *master,
                                             const char      *path,
                                             GError         **error);
char     *_rv_vault_resolve_write_path      (const char      *path);
void      _rv_vault_load_model              (RvVault         *self,
                                             GPtrArray       *accounts,
                                             RvBackupState   *backup,
                                             GPtrArray       *requests,
                                             GArray          *tombstones);
void      _rv_vault_stamp_requests          (RvVault         *self);
void      _rv_vault_remember_requests       (RvVault         *self);
char     *_rv_vault_request_content         (const RvRequestRecord *request);
void      _rv_vault_watch_account           (RvVault         *self,
                                             RvAccount       *account);
gboolean  _rv_vault_check_open              (RvVault         *self,
                                             GError         **error);
gboolean  _rv_vault_check_password          (const RvSecret  *password,
                                             GError         **error);
void      _rv_vault_set_dirty               (RvVault         *self,
                                             gboolean         dirty);
GBytes   *_rv_vault_build_file              (RvVault         *self);
gboolean  _rv_vault_write                   (RvVault         *self,
                                             GError         **error);
gboolean  _rv_vault_write_rotated           (RvVault         *self,
                                             GError         **error);
void      _rv_vault_notify_keyring_enabled  (RvVault         *self);
void      _rv_vault_emit_file_changed       (RvVault         *self);

/* rv-vault-slots.c */
RvSecret *_rv_vault_unwrap_with_password    (RvVaultFile     *file,
                                             const RvSecret  *password,
                                             GError         **error);
RvSecret *_rv_vault_unwrap_with_keyring     (RvVaultFile     *file,
                                             GCancellable    *cancellable,
                                             GError         **error);

/* rv-vault-compartment.c */
void      _rv_vault_compartment_update_locks (RvVault        *self);
gboolean  _rv_vault_check_loaded_codes      (RvVaultFile     *file,
                                             GPtrArray       *accounts,
                                             GError         **error);
gboolean  _rv_vault_compartment_seal_pending (RvVault        *self,
                                              GError        **error);
void      _rv_vault_compartment_wipe_codes  (RvVault         *self);
gboolean  _rv_vault_compartment_refresh     (RvVault         *self,
                                             GError         **error);
gboolean  _rv_vault_compartment_check_merge (RvVault         *self,
                                             RvVault         *other,
                                             GError         **error);

/* rv-vault-watch.c */
gboolean  _rv_vault_read_disk_stamp         (const char      *path,
                                             DiskStamp       *stamp);
gboolean  _rv_vault_disk_stamp_equal        (const DiskStamp *a,
                                             const DiskStamp *b);
void      _rv_vault_set_disk_stamp          (RvVault         *self,
                                             GBytes          *contents);
void      _rv_vault_start_monitor           (RvVault         *self);
void      _rv_vault_stop_monitor            (RvVault         *self);

G_END_DECLS
