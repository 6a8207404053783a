/* rv-vault.h: the encrypted vault: accounts, backup state, requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * API agreed between the areas; the implementation lives in rv-vault.c and
 * its helpers (format, storage, keyring). See docs/vault-format.md.
 */
#pragma once

#include <gio/gio.h>

#include "rv-account.h"
#include "rv-backup-state.h"
#include "rv-kdf.h"
#include "rv-request-record.h"
#include "rv-secret.h"

G_BEGIN_DECLS

#define RV_VAULT_ERROR (rv_vault_error_quark ())

typedef enum
{
  RV_VAULT_ERROR_NOT_FOUND,            /* no file at that path */
  RV_VAULT_ERROR_EXISTS,               /* create: a file is already there */
  RV_VAULT_ERROR_NOT_A_VAULT,          /* wrong magic */
  RV_VAULT_ERROR_UNSUPPORTED_VERSION,  /* written by a newer version */
  RV_VAULT_ERROR_TRUNCATED,            /* shorter than its header says */
  RV_VAULT_ERROR_CORRUPT,              /* checksum or structure is wrong */
  RV_VAULT_ERROR_WRONG_PASSWORD,       /* file intact, password does not unwrap the key */
  RV_VAULT_ERROR_TAMPERED,             /* key unwrapped but the payload fails authentication */
  RV_VAULT_ERROR_BUSY,                 /* another process holds the write lock */
  RV_VAULT_ERROR_KEYRING,              /* keyring slot missing or Secret Service unavailable */
  RV_VAULT_ERROR_IO,                   /* reading or writing failed (disk full, read-only…) */
  RV_VAULT_ERROR_WEAK_PASSWORD,        /* empty password */
  RV_VAULT_ERROR_NO_SUCH_ACCOUNT,
  RV_VAULT_ERROR_COMPARTMENT_LOCKED,   /* recovery codes needed, their compartment is closed */
  RV_VAULT_ERROR_COMPARTMENT_CONFLICT, /* merge: the copies' compartments differ */
} RvVaultError;

/* The recovery-code compartment, for `rvault compartment status` and the
 * preferences: nothing secret. */
typedef struct
{
  gboolean    enabled;
  gboolean    open;
  gboolean    has_paper_key;
  RvKdfParams kdf;          /* its password slot's */
  guint       n_codes;
  guint       n_unused;
} RvCompartmentStatus;

#define RV_TYPE_VAULT (rv_vault_get_type ())

G_DECLARE_FINAL_TYPE (RvVault, rv_vault, RV, VAULT, GObject)

GQuark               rv_vault_error_quark            (void);

char                *rv_vault_default_path           (void);

/* Creating and opening. Slow (key derivation): call from a thread or use the
 * _async variants. */
RvVault             *rv_vault_create                 (const char       *path,
                                                      const RvSecret   *password,
                                                      GError          **error);
/* Like rv_vault_create() with explicit Argon2id parameters (tests, fuzzing). */
RvVault             *rv_vault_create_full            (const char       *path,
                                                      const RvSecret   *password,
                                                      const RvKdfParams *kdf,
                                                      GError          **error);
/* PATH.prev: the generation before the last save; open it with rv_vault_open(). */
char                *rv_vault_get_previous_generation_path (const char *path);
/* Opens PATH.prev with @password and, if it opens, makes it PATH again (the
 * damaged file is kept as PATH.damaged). Returns the vault, opened at PATH. */
RvVault             *rv_vault_restore_previous_generation (const char     *path,
                                                           const RvSecret *password,
                                                           GError        **error);
RvVault             *rv_vault_open                   (const char       *path,
                                                      const RvSecret   *password,
                                                      GError          **error);
RvVault             *rv_vault_open_with_keyring      (const char       *path,
                                                      GCancellable     *cancellable,
                                                      GError          **error);
void                 rv_vault_open_async             (const char       *path,
                                                      const RvSecret   *password,   /* NULL: keyring */
                                                      GCancellable     *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer          user_data);
RvVault             *rv_vault_open_finish            (GAsyncResult     *result,
                                                      GError          **error);
gboolean             rv_vault_has_keyring_slot_file  (const char       *path);

/* Re-reads the file after "file-changed" (another program saved), with the
 * master key already in memory: no password needed. Unsaved changes here are
 * dropped. */
gboolean             rv_vault_reload                 (RvVault          *self,
                                                      GError          **error);

/* Saving: atomic and durable; the previous generation is kept as PATH.prev. */
gboolean             rv_vault_save                   (RvVault          *self,
                                                      GError          **error);
/* Writes the same content to @path under another password (an encrypted
 * backup); the vault's own file and slots are untouched. */
gboolean             rv_vault_save_copy              (RvVault          *self,
                                                      const char       *path,
                                                      const RvSecret   *password,
                                                      GError          **error);
RvVault             *rv_vault_snapshot               (RvVault          *self,
                                                      GError          **error);
gboolean             rv_vault_change_password        (RvVault          *self,
                                                      const RvSecret   *old_password,
                                                      const RvSecret   *new_password,
                                                      GError          **error);
/* A new master key: see rv-vault-slots.c. */
gboolean             rv_vault_rotate_key             (RvVault          *self,
                                                      const RvSecret   *password,
                                                      const RvSecret   *new_password,
                                                      GCancellable     *cancellable,
                                                      GError          **error);
GStrv                rv_vault_find_old_backups       (RvVault          *self,
                                                      const RvSecret   *old_password,
                                                      const char       *backup_folder);
void                 rv_vault_find_old_backups_async (RvVault             *self,
                                                      const RvSecret      *old_password,
                                                      const char          *backup_folder,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GStrv                rv_vault_find_old_backups_finish (RvVault         *self,
                                                       GAsyncResult    *result,
                                                       GError         **error);
gboolean             rv_vault_enable_keyring         (RvVault          *self,
                                                      GCancellable     *cancellable,
                                                      GError          **error);
gboolean             rv_vault_disable_keyring        (RvVault          *self,
                                                      const RvSecret   *password,
                                                      GCancellable     *cancellable,
                                                      GError          **error);
/* The same with the key derivations (~1 s each) in a thread. */
void                 rv_vault_change_password_async  (RvVault             *self,
                                                      const RvSecret      *old_password,
                                                      const RvSecret      *new_password,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean             rv_vault_change_password_finish (RvVault          *self,
                                                      GAsyncResult     *result,
                                                      GError          **error);
void                 rv_vault_disable_keyring_async  (RvVault             *self,
                                                      const RvSecret      *password,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean             rv_vault_disable_keyring_finish (RvVault          *self,
                                                      GAsyncResult     *result,
                                                      GError          **error);
gboolean             rv_vault_get_keyring_enabled    (RvVault          *self);

/* Wipes the decrypted state; the object is unusable afterwards. */
void                 rv_vault_close                  (RvVault          *self);

const char          *rv_vault_get_path               (RvVault          *self);
/* The vault's uuid (in its header; names its keyring item). */
const char          *rv_vault_get_id                 (RvVault          *self);
gboolean             rv_vault_is_dirty               (RvVault          *self);

/* The accounts, a GListModel of RvAccount, in the user's order. */
GListModel          *rv_vault_get_accounts           (RvVault          *self);
void                 rv_vault_add_account            (RvVault          *self,
                                                      RvAccount        *account);
gboolean             rv_vault_remove_account         (RvVault          *self,
                                                      RvAccount        *account);
RvAccount           *rv_vault_find_account_by_id     (RvVault          *self,
                                                      const char       *id);
/* Accounts whose issuer, name, email or tags contain @query (case-folded). */
GPtrArray           *rv_vault_find_accounts          (RvVault          *self,
                                                      const char       *query);

RvBackupState       *rv_vault_get_backup_state       (RvVault          *self);
void                 rv_vault_mark_changed           (RvVault          *self);
/* Needs saving, but not a change to back up (e.g. the backup times). */
void                 rv_vault_mark_dirty             (RvVault          *self);

/* Recovery requests (RvRequestRecord, owned by the vault: add_request
 * takes ownership of @request). */
GPtrArray           *rv_vault_get_requests           (RvVault          *self);
void                 rv_vault_add_request            (RvVault          *self,
                                                      RvRequestRecord *request);

/* The recovery-code compartment (rv-vault-compartment.c, docs/vault-format.md):
 * the codes sealed under their own key and password. Enabling, opening,
 * changing and disabling derive a key: slow, call from a thread. */
gboolean             rv_vault_get_compartment_enabled (RvVault        *self);
gboolean             rv_vault_get_compartment_open   (RvVault          *self);
const char          *rv_vault_get_compartment_id     (RvVault          *self);
void                 rv_vault_get_compartment_status (RvVault          *self,
                                                      RvCompartmentStatus *status);
gboolean             rv_vault_enable_compartment     (RvVault          *self,
                                                      const RvSecret   *password,
                                                      RvSecret        **paper_key,
                                                      GError          **error);
gboolean             rv_vault_open_compartment       (RvVault          *self,
                                                      const RvSecret   *password,
                                                      GCancellable     *cancellable,
                                                      GError          **error);
void                 rv_vault_close_compartment      (RvVault          *self);
/* rv_vault_open_compartment() in two halves, for a worker thread: the key
 * unwrapped from a copy of the header (rv-vault-format.h), then opened. */
struct _RvVaultCompartment *rv_vault_dup_compartment (RvVault          *self);
RvSecret            *rv_vault_compartment_unwrap_key (const struct _RvVaultCompartment *compartment,
                                                      const RvSecret   *password,
                                                      const char       *display_name,
                                                      GError          **error);
gboolean             rv_vault_open_compartment_with_key (RvVault       *self,
                                                      const char       *compartment_id,
                                                      const RvSecret   *key,
                                                      GError          **error);
gboolean             rv_vault_change_compartment_password (RvVault      *self,
                                                      const RvSecret   *old_password,
                                                      const RvSecret   *new_password,
                                                      RvSecret        **paper_key,
                                                      GError          **error);
gboolean             rv_vault_disable_compartment    (RvVault          *self,
                                                      const RvSecret   *password,
                                                      GError          **error);
RvSecret            *rv_vault_reveal_recovery_code   (RvVault          *self,
                                                      RvAccount        *account,
                                                      guint             index,
                                                      GError          **error);

/* Whether any stored secret (OTP seed, recovery code) occurs in @text. */
gboolean             rv_vault_text_contains_secret   (RvVault          *self,
                                                      const char       *text);

G_END_DECLS
