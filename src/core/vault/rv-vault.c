/* rv-vault.c: the encrypted vault: accounts, backup state, requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The vault owns the decrypted model and the master key. Here: the object,
 * saving, reloading and the model; its recovery requests and the search for
 * its secrets in a text are in rv-vault-requests.c. Creating and opening files is in
 * rv-vault-open.c, slots and keys in rv-vault-slots.c, watching the file in
 * rv-vault-watch.c (their shared parts in rv-vault-private.h). The file
 * layout is in rv-vault-format.c, the model's serialization in
 * rv-vault-payload*.c, the disk protocol in rv-storage.c and the keyring in
 * rv-keyring.c.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rv-vault.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rv-secret-scan.h"
#include "rv-storage.h"
#include "rv-util.h"
#include "rv-vault-payload.h"
#include "rv-vault-private.h"

G_DEFINE_FINAL_TYPE (RvVault, rv_vault, G_TYPE_OBJECT)
G_DEFINE_QUARK (rv-vault-error-quark, rv_vault_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_DIRTY,
  PROP_KEYRING_ENABLED,
  N_PROPS
};

enum {
  FILE_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
_rv_vault_notify_keyring_enabled (RvVault *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEYRING_ENABLED]);
}

void
_rv_vault_emit_file_changed (RvVault *self)
{
  g_signal_emit (self, signals[FILE_CHANGED], 0);
}

/* A vault kept elsewhere through a symlink stays there: saves replace the
 * symlink's target, not the symlink. */
char *
_rv_vault_resolve_write_path (const char *path)
{
  struct stat st;
  char *real;
  char *result;

  if (lstat (path, &st) != 0 || !S_ISLNK (st.st_mode))
    return g_strdup (path);
  real = realpath (path, NULL);
  if (real == NULL)
    return g_strdup (path);
  result = g_strdup (real);
  free (real);
  return result;
}

void
_rv_vault_set_dirty (RvVault  *self,
                     gboolean  dirty)
{
  if (self->dirty == !!dirty)
    return;
  self->dirty = !!dirty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

/* Any change stamps the account's "updated" time, unless the change was
 * to set that time (an import keeps the original). */
static void
on_account_changed (RvAccount *account,
                    gboolean   updated_only,
                    gpointer   user_data)
{
  RvVault *self = user_data;

  if (self->in_account_changed)
    return;
  if (!updated_only)
    {
      self->in_account_changed = TRUE;
      rv_account_set_updated (account, rv_now ());
      self->in_account_changed = FALSE;
    }
  rv_vault_mark_changed (self);
}

static void
watch_account (RvVault   *self,
               RvAccount *account)
{
  rv_account_set_owner (account, on_account_changed, self);
  rv_account_set_recovery_codes_locked (account,
                                        self->compartment != NULL && self->compartment_key == NULL);
}

void
_rv_vault_watch_account (RvVault   *self,
                         RvAccount *account)
{
  watch_account (self, account);
}

static void
unwatch_account (RvVault   *self,
                 RvAccount *account)
{
  if (rv_account_get_owner (account) == self)
    rv_account_set_owner (account, NULL, NULL);
}

static void
backup_state_clear (RvBackupState *backup)
{
  g_clear_pointer (&backup->export_path, g_free);
  g_clear_pointer (&backup->sheet_codes, g_free);
  memset (backup, 0, sizeof *backup);
}

static void
rv_vault_finalize (GObject *object)
{
  RvVault *self = (RvVault *) object;

  rv_vault_close (self);
  /* A closed vault's backup state may have been written to since. */
  backup_state_clear (&self->backup);
  g_clear_object (&self->accounts);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_clear_pointer (&self->tombstones, g_array_unref);
  g_clear_pointer (&self->request_state, g_hash_table_unref);
  g_clear_pointer (&self->slots, g_array_unref);
  g_clear_pointer (&self->vault_id, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->write_path, g_free);

  G_OBJECT_CLASS (rv_vault_parent_class)->finalize (object);
}

static void
rv_vault_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  RvVault *self = RV_VAULT (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;
    case PROP_KEYRING_ENABLED:
      g_value_set_boolean (value, rv_vault_get_keyring_enabled (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rv_vault_class_init (RvVaultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rv_vault_finalize;
  object_class->get_property = rv_vault_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEYRING_ENABLED] =
    g_param_spec_boolean ("keyring-enabled", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RvVault::file-changed:
   *
   * Another process replaced the vault file (this object's own saves do not
   * count): reopen it to see its changes.
   */
  signals[FILE_CHANGED] = g_signal_new ("file-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 0);
}

static void
rv_vault_init (RvVault *self)
{
  self->accounts = g_list_store_new (RV_TYPE_ACCOUNT);
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) rv_request_record_free);
  self->slots = g_array_new (FALSE, TRUE, sizeof (RvVaultSlot));
  self->tombstones = rv_tombstones_new ();
  self->request_state = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

char *
rv_vault_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "recovery-vault", "vault.rvault", NULL);
}

/**
 * rv_vault_get_previous_generation_path:
 *
 * Returns: (transfer full): where the save before the last one is kept
 * (PATH.prev); rv_vault_open() opens it like any vault.
 */
char *
rv_vault_get_previous_generation_path (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return rv_storage_previous_path (path);
}

static void
set_tombstones (RvVault *self,
                GArray  *tombstones)  /* transfer full, nullable */
{
  g_clear_pointer (&self->tombstones, g_array_unref);
  self->tombstones = tombstones != NULL ? tombstones : rv_tombstones_new ();
}

void
_rv_vault_load_model (RvVault       *self,
                      GPtrArray     *accounts,
                      RvBackupState *backup,
                      GPtrArray     *requests,    /* transfer full */
                      GArray        *tombstones)  /* transfer full, nullable */
{
  for (guint i = 0; i < accounts->len; i++)
    watch_account (self, g_ptr_array_index (accounts, i));
  g_list_store_splice (self->accounts, 0, 0, accounts->pdata, accounts->len);
  self->backup = *backup;
  g_ptr_array_extend_and_steal (self->requests, requests);
  set_tombstones (self, tombstones);
  _rv_vault_remember_requests (self);
}

/* Removals older than RV_TOMBSTONE_KEEP_DAYS are forgotten (docs/sync.md). */
static void
expire_tombstones (RvVault *self)
{
  gint64 before = g_get_real_time () / 1000 - (gint64) RV_TOMBSTONE_KEEP_DAYS * 86400 * 1000;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));

  for (guint i = self->tombstones->len; i > 0; i--)
    if (g_array_index (self->tombstones, RvTombstone, i - 1).removed.ms < before)
      g_array_remove_index (self->tombstones, i - 1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

      rv_account_expire_code_tombstones (account, before);
    }
}

gboolean
_rv_vault_check_password (const RvSecret  *password,
                          GError         **error)
{
  if (password == NULL || rv_secret_get_size (password) == 0)
    {
      g_set_error_literal (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WEAK_PASSWORD,
                           _("The password must not be empty"));
      return FALSE;
    }
  return TRUE;
}

GBytes *
_rv_vault_build_file (RvVault *self)
{
  g_autoptr(RvSecret) plaintext = NULL;

  _rv_vault_stamp_requests (self);
  expire_tombstones (self);
  plaintext = rv_vault_payload_serialize_full (G_LIST_MODEL (self->accounts), &self->backup,
                                               self->requests, self->tombstones);
  return rv_vault_file_build_full (self->vault_id, self->slots, self->compartment,
                                   self->master_key, plaintext);
}

/* What is on disk now, under the lock: whether it may become the previous
 * generation (only an intact vault does), and whether it is still the file
 * this object last read or wrote (else another program changed it). The
 * file this object wrote is recognised by its size and trailing checksum
 * without hashing it all again. */
static gboolean
check_disk_before_save (RvVault   *self,
                        gboolean  *keep_previous,
                        GError   **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RvVaultFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  DiskStamp now;

  *keep_previous = FALSE;
  if (self->have_disk_stamp && _rv_vault_read_disk_stamp (self->write_path, &now) &&
      _rv_vault_disk_stamp_equal (&now, &self->disk_stamp))
    {
      *keep_previous = TRUE;
      return TRUE;
    }

  bytes = rv_storage_read (self->write_path, &local_error);
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, RV_VAULT_ERROR, RV_VAULT_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  file = rv_vault_file_parse (bytes, self->path, NULL);
  if (file == NULL)
    return TRUE;  /* damaged: overwrite it, but never rotate it into PATH.prev */
  if (self->have_disk_checksum &&
      memcmp (file->checksum, self->disk_checksum, sizeof self->disk_checksum) != 0)
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_BUSY,
                   _("Another program changed the vault %s since it was opened; "
                   "open it again before saving"), self->path);
      return FALSE;
    }
  *keep_previous = TRUE;
  return TRUE;
}

/* @rotated: after a new master key, the file is written without keeping the
 * old one as PATH.prev (it opens with the old key), and PATH.prev is
 * replaced by the same new file. */
static gboolean
write_vault (RvVault   *self,
             gboolean   rotated,
             GError   **error)
{
  g_autoptr(RvStorageLock) lock = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *prev = NULL;
  gboolean keep_previous;

  if (!_rv_vault_compartment_seal_pending (self, error))
    return FALSE;
  if (!rv_storage_ensure_folder (self->write_path, error))
    return FALSE;
  lock = rv_storage_lock (self->write_path, LOCK_TIMEOUT_MS, error);
  if (lock == NULL)
    return FALSE;
  if (!check_disk_before_save (self, &keep_previous, error))
    return FALSE;

  contents = _rv_vault_build_file (self);
  if (!rv_storage_write (self->write_path, contents, keep_previous && !rotated, error))
    return FALSE;
  prev = rv_storage_previous_path (self->write_path);
  if (rotated && !rv_storage_write (prev, contents, FALSE, error))
    return FALSE;
  _rv_vault_set_disk_stamp (self, contents);
  return TRUE;
}

gboolean
_rv_vault_write (RvVault   *self,
                 GError   **error)
{
  return write_vault (self, FALSE, error);
}

gboolean
_rv_vault_write_rotated (RvVault  *self,
                         GError  **error)
{
  return write_vault (self, TRUE, error);
}


gboolean
_rv_vault_check_open (RvVault  *self,
                      GError  **error)
{
  if (self->closed)
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_IO, _("The vault %s is closed"), self->path);
      return FALSE;
    }
  return TRUE;
}

/**
 * rv_vault_reload:
 *
 * Replaces the model, the slots and the backup state with what the file holds
 * now, with the master key in memory. A password change or key rotation
 * elsewhere gives the file a new master key: then the reload fails with
 * WRONG_PASSWORD and the vault must be opened again with its password; a file
 * that now holds another vault is refused.
 */
gboolean
rv_vault_reload (RvVault  *self,
                 GError  **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RvVaultFile) file = NULL;
  g_autoptr(RvSecret) payload = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GArray) tombstones = NULL;
  RvBackupState backup;
  guint n;

  g_return_val_if_fail (RV_IS_VAULT (self), FALSE);

  if (!_rv_vault_check_open (self, error))
    return FALSE;
  bytes = rv_storage_read (self->write_path, error);
  if (bytes == NULL)
    return FALSE;
  file = rv_vault_file_parse (bytes, self->path, error);
  if (file == NULL)
    return FALSE;
  if (!g_str_equal (file->vault_id, self->vault_id))
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD,
                   _("%s now holds another vault; open it with its password"), self->path);
      return FALSE;
    }
  payload = rv_vault_file_decrypt_payload (file, self->master_key, NULL);
  if (payload == NULL)
    {
      /* A password change or key rotation elsewhere gave the file a new
       * master key: only a password opens it now. */
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD,
                   _("Another program changed the key of the vault %s (its password was "
                     "changed); unlock it again"), self->path);
      return FALSE;
    }
  if (!rv_vault_payload_parse_full (payload, &accounts, &backup, &requests, &tombstones, error))
    return FALSE;
  if (!_rv_vault_check_loaded_codes (file, accounts, error))
    return FALSE;

  /* Accounts others still hold keep their secrets until they let go. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

      unwatch_account (self, account);
    }
  for (guint i = 0; i < accounts->len; i++)
    watch_account (self, g_ptr_array_index (accounts, i));
  g_list_store_splice (self->accounts, 0, n, accounts->pdata, accounts->len);

  g_ptr_array_set_size (self->requests, 0);
  g_ptr_array_extend_and_steal (self->requests, g_steal_pointer (&requests));
  set_tombstones (self, g_steal_pointer (&tombstones));
  _rv_vault_remember_requests (self);
  backup_state_clear (&self->backup);
  self->backup = backup;
  g_array_set_size (self->slots, 0);
  g_array_append_vals (self->slots, file->slots->data, file->slots->len);
  /* The compartment's key stays only if it is still the same compartment. */
  if (g_strcmp0 (rv_vault_get_compartment_id (self),
                 file->compartment ? file->compartment->id : NULL) != 0)
    g_clear_pointer (&self->compartment_key, rv_secret_free);
  g_clear_pointer (&self->compartment, rv_vault_compartment_free);
  self->compartment = rv_vault_compartment_copy (file->compartment);
  if (!_rv_vault_compartment_refresh (self, NULL))
    {
      g_clear_pointer (&self->compartment_key, rv_secret_free);
      _rv_vault_compartment_update_locks (self);
    }
  _rv_vault_set_disk_stamp (self, bytes);
  memcpy (self->notified_checksum, file->checksum, sizeof self->notified_checksum);
  _rv_vault_set_dirty (self, FALSE);
  _rv_vault_notify_keyring_enabled (self);
  return TRUE;
}

gboolean
rv_vault_save (RvVault  *self,
               GError  **error)
{
  g_return_val_if_fail (RV_IS_VAULT (self), FALSE);

  if (!_rv_vault_check_open (self, error) || !_rv_vault_write (self, error))
    return FALSE;
  _rv_vault_set_dirty (self, FALSE);
  return TRUE;
}

/**
 * rv_vault_snapshot:
 *
 * Returns: (transfer full): an in-memory copy of the content (accounts,
 * secrets, backup state, requests), with no file, slots or key. Slow work on
 * the content (writing an encrypted backup, comparing it) runs on a snapshot
 * in a worker thread, while the vault itself stays in its own thread, free to
 * change or close.
 */
RvVault *
rv_vault_snapshot (RvVault  *self,
                   GError  **error)
{
  g_autoptr(RvSecret) payload = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GArray) tombstones = NULL;
  RvBackupState backup = { 0 };
  RvVault *copy;

  g_return_val_if_fail (RV_IS_VAULT (self), NULL);

  if (!_rv_vault_check_open (self, error) || !_rv_vault_compartment_seal_pending (self, error))
    return NULL;

  _rv_vault_stamp_requests (self);
  payload = rv_vault_payload_serialize_full (G_LIST_MODEL (self->accounts), &self->backup,
                                             self->requests, self->tombstones);
  if (!rv_vault_payload_parse_full (payload, &accounts, &backup, &requests, &tombstones, error))
    return NULL;

  copy = g_object_new (RV_TYPE_VAULT, NULL);
  copy->vault_id = g_strdup (self->vault_id);
  copy->compartment = rv_vault_compartment_copy (self->compartment);
  if (self->compartment_key != NULL)
    copy->compartment_key = rv_secret_copy (self->compartment_key);
  _rv_vault_load_model (copy, accounts, &backup, g_steal_pointer (&requests),
                        g_steal_pointer (&tombstones));
  if (!_rv_vault_compartment_refresh (copy, error))
    {
      g_object_unref (copy);
      return NULL;
    }
  return copy;
}

/**
 * rv_vault_close:
 *
 * Wipes the master key and every account's secret and recovery codes (also
 * in accounts that others still hold), and empties the lists.
 */
void
rv_vault_close (RvVault *self)
{
  guint n;

  g_return_if_fail (RV_IS_VAULT (self));

  if (self->closed)
    return;
  self->closed = TRUE;

  _rv_vault_stop_monitor (self);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

      unwatch_account (self, account);
      rv_account_set_secret (account, NULL);
      rv_account_clear_recovery_codes (account);
    }
  g_list_store_remove_all (self->accounts);
  /* Emptied, not freed: getters stay safe on a closed vault. */
  g_ptr_array_set_size (self->requests, 0);
  g_array_set_size (self->slots, 0);
  g_clear_pointer (&self->master_key, rv_secret_free);
  g_clear_pointer (&self->compartment_key, rv_secret_free);
  g_clear_pointer (&self->compartment, rv_vault_compartment_free);
  backup_state_clear (&self->backup);
}

const char *
rv_vault_get_path (RvVault *self)
{
  g_return_val_if_fail (RV_IS_VAULT (self), NULL);

  return self->path;
}

const char *
rv_vault_get_id (RvVault *self)
{
  g_return_val_if_fail (RV_IS_VAULT (self), NULL);

  return self->vault_id;
}

gboolean
rv_vault_is_dirty (RvVault *self)
{
  g_return_val_if_fail (RV_IS_VAULT (self), FALSE);

  return self->dirty;
}

GListModel *
rv_vault_get_accounts (RvVault *self)
{
  g_return_val_if_fail (RV_IS_VAULT (self), NULL);

  return G_LIST_MODEL (self->accounts);
}

void
rv_vault_add_account (RvVault   *self,
                      RvAccount *account)
{
  g_return_if_fail (RV_IS_VAULT (self));
  g_return_if_fail (RV_IS_ACCOUNT (account));
  g_return_if_fail (!self->closed);

  watch_account (self, account);
  g_list_store_append (self->accounts, account);
  rv_vault_mark_changed (self);
}

gboolean
rv_vault_remove_account (RvVault   *self,
                         RvAccount *account)
{
  guint position;

  g_return_val_if_fail (RV_IS_VAULT (self), FALSE);
  g_return_val_if_fail (RV_IS_ACCOUNT (account), FALSE);

  if (!g_list_store_find (self->accounts, account, &position))
    return FALSE;
  /* A removal another copy of the vault can learn of (rv_vault_merge()). */
  {
    RvStamp modified = rv_account_get_modified (account);
    RvStamp removed = rv_stamp_next (&modified);

    rv_tombstones_add (self->tombstones, rv_account_get_id (account), RV_TOMBSTONE_ACCOUNT,
                       &removed);
  }
  unwatch_account (self, account);
  g_list_store_remove (self->accounts, position);
  rv_vault_mark_changed (self);
  return TRUE;
}

RvAccount *
rv_vault_find_account_by_id (RvVault    *self,
                             const char *id)
{
  guint n;

  g_return_val_if_fail (RV_IS_VAULT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
  for (guint i = 0; i < n; i++)
    {
      RvAccount *account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

      /* The store keeps its own reference: return a borrowed pointer. */
      g_object_unref (account);
      if (g_strcmp0 (rv_account_get_id (account), id) == 0)
        return account;
    }
  return NULL;
}

/**
 * rv_vault_find_accounts:
 *
 * Returns: (transfer container) (element-type RvAccount): the matching
 * accounts, in the vault's order; the array holds references.
 */
GPtrArray *
rv_vault_find_accounts (RvVault    *self,
                        const char *query)
{
  g_autofree char *folded = NULL;
  GPtrArray *found;
  guint n;

  g_return_val_if_fail (RV_IS_VAULT (self), NULL);

  folded = g_utf8_casefold (query ? query : "", -1);
  found = g_ptr_array_new_with_free_func (g_object_unref);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

      if (rv_account_matches (account, folded))
        g_ptr_array_add (found, g_steal_pointer (&account));
    }
  return found;
}

/* Returns: (transfer none): the vault's own backup state; change it, then
 * call rv_vault_mark_changed() or rv_vault_mark_dirty(). */
RvBackupState *
rv_vault_get_backup_state (RvVault *self)
{
  g_return_val_if_fail (RV_IS_VAULT (self), NULL);

  return &self->backup;
}

/* Something worth backing up changed: needs saving, and the backup state's
 * changed_at moves to now. */
void
rv_vault_mark_changed (RvVault *self)
{
  g_return_if_fail (RV_IS_VAULT (self));

  self->backup.changed_at = rv_now ();
  _rv_vault_set_dirty (self, TRUE);
}

/* Needs saving, without counting as a change to back up (for example the
 * backup state's own times). */
void
rv_vault_mark_dirty (RvVault *self)
{
  g_return_if_fail (RV_IS_VAULT (self));

  _rv_vault_set_dirty (self, TRUE);
}
