/* rv-vault-open.c: creating, opening and restoring vault files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "rv-storage.h"
#include "rv-util.h"
#include "rv-vault-payload.h"
#include "rv-vault-private.h"
/* Whether PATH.prev opens with @password (a second key derivation). */
static gboolean
previous_opens (const char     *prev,
                const RvSecret *password,
                GCancellable   *cancellable)
{
  g_autoptr(RvVault) previous = NULL;

  if (password == NULL || g_cancellable_is_cancelled (cancellable) ||
      !g_file_test (prev, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  previous = _rv_vault_open_file (prev, password, cancellable, NULL);
  if (previous == NULL)
    return FALSE;
  rv_vault_close (previous);
  return TRUE;
}

/* Damage to the main file: say where the previous generation is. A
 * password that the main file refuses but its previous generation accepts
 * points at a forged or altered slot (unless the password was changed in
 * the last save): that is said, not "the password is wrong". */
static void
propagate_open_error (GError         **error,
                      GError          *local_error,
                      const char      *path,
                      const RvSecret  *password,
                      GCancellable    *cancellable)
{
  g_autofree char *prev = rv_storage_previous_path (path);

  if (g_error_matches (local_error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD) &&
      previous_opens (prev, password, cancellable))
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_TAMPERED,
                   _("The vault %s does not open with this password, but its previous copy %s "
                     "does: unless the password was changed since (here or on another device), "
                     "the file looks altered; restore the previous copy"), path, prev);
      g_error_free (local_error);
      return;
    }
  if (local_error->domain == RV_VAULT_ERROR &&
      (local_error->code == RV_VAULT_ERROR_TRUNCATED ||
       local_error->code == RV_VAULT_ERROR_CORRUPT ||
       local_error->code == RV_VAULT_ERROR_TAMPERED ||
       local_error->code == RV_VAULT_ERROR_NOT_A_VAULT) &&
      g_file_test (prev, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("%s; the previous copy %s may still open"), local_error->message, prev);
      g_error_free (local_error);
      return;
    }
  g_propagate_error (error, local_error);
}

/* A vault object for @file, decrypted with @master (copied): its model,
 * slots, id and path; no watch, no disk stamp. */
RvVault *
_rv_vault_new_from_file (RvVaultFile     *file,
                         const RvSecret  *master,
                         const char      *path,
                         GError         **error)
{
  g_autoptr(RvSecret) payload = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GArray) tombstones = NULL;
  RvBackupState backup;
  RvVault *self;

  payload = rv_vault_file_decrypt_payload (file, master, error);
  if (payload == NULL)
    return NULL;
  if (!rv_vault_payload_parse_full (payload, &accounts, &backup, &requests, &tombstones, error))
    return NULL;
  if (!_rv_vault_check_loaded_codes (file, accounts, error))
    return NULL;

  self = g_object_new (RV_TYPE_VAULT, NULL);
  self->path = g_strdup (path);
  self->write_path = g_strdup (path);
  self->vault_id = g_strdup (file->vault_id);
  self->master_key = rv_secret_copy (master);
  g_array_append_vals (self->slots, file->slots->data, file->slots->len);
  self->compartment = rv_vault_compartment_copy (file->compartment);
  _rv_vault_load_model (self, accounts, &backup, g_steal_pointer (&requests),
                        g_steal_pointer (&tombstones));
  return self;
}

/* A step after parsing failed on @file: if its checksum was deferred and
 * shows accidental damage, that is the error, as when it is checked first. */
static void
propagate_step_error (RvVaultFile  *file,
                      GError      **error,
                      GError       *step_error)
{
  if (!rv_vault_file_check_checksum (file, error))
    {
      g_error_free (step_error);
      return;
    }
  g_propagate_error (error, step_error);
}

RvVault *
_rv_vault_open_file (const char      *path,
                     const RvSecret  *password,
                     GCancellable    *cancellable,
                     GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RvVaultFile) file = NULL;
  g_autoptr(RvSecret) master = NULL;
  g_autoptr(GError) local_error = NULL;
  RvVault *self;

  bytes = rv_storage_read (path, error);
  if (bytes == NULL)
    return NULL;
  /* With a password the checksum comes first, before the key derivation
   * runs on the header's parameters. With the keyring it is only hashed
   * when a step fails: the payload's authentication already proves every
   * byte before the checksum intact, and hashing the 9 MB of 10,000 accounts
   * costs ~27 ms of CPU on the way to the first frame. */
  file = rv_vault_file_parse_full (bytes, path, password == NULL, error);
  if (file == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (password != NULL)
    master = _rv_vault_unwrap_with_password (file, password, &local_error);
  else
    master = _rv_vault_unwrap_with_keyring (file, cancellable, &local_error);
  /* Cancelled during the derivation: nothing more is tried or decrypted. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (master == NULL)
    {
      propagate_step_error (file, error, g_steal_pointer (&local_error));
      return NULL;
    }

  self = _rv_vault_new_from_file (file, master, path, &local_error);
  if (self == NULL)
    {
      propagate_step_error (file, error, g_steal_pointer (&local_error));
      return NULL;
    }
  g_free (self->write_path);
  self->write_path = _rv_vault_resolve_write_path (path);
  _rv_vault_set_disk_stamp (self, bytes);
  memcpy (self->notified_checksum, file->checksum, sizeof self->notified_checksum);
  if (password != NULL)
    self->backup.password_entered_at = rv_now ();
  return self;
}

RvVault *
rv_vault_open (const char      *path,
               const RvSecret  *password,
               GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  RvVault *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (password != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = _rv_vault_open_file (path, password, NULL, &local_error);
  if (self == NULL)
    {
      propagate_open_error (error, g_steal_pointer (&local_error), path, password, NULL);
      return NULL;
    }
  _rv_vault_start_monitor (self);
  return self;
}

/**
 * rv_vault_restore_previous_generation:
 *
 * The way out offered when PATH is damaged: PATH.prev is opened first (so
 * nothing changes if it does not open either), then written to PATH with the
 * usual atomic protocol under the lock. The damaged file is moved to
 * PATH.damaged rather than deleted. PATH.prev stays as it was.
 */
RvVault *
rv_vault_restore_previous_generation (const char      *path,
                                      const RvSecret  *password,
                                      GError         **error)
{
  g_autofree char *prev = NULL;
  g_autofree char *damaged = NULL;
  g_autoptr(RvVault) self = NULL;
  g_autoptr(RvStorageLock) lock = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (password != NULL, NULL);

  prev = rv_storage_previous_path (path);
  self = _rv_vault_open_file (prev, password, NULL, error);
  if (self == NULL)
    return NULL;
  bytes = rv_storage_read (prev, error);
  if (bytes == NULL)
    return NULL;

  g_free (self->path);
  self->path = g_strdup (path);
  g_free (self->write_path);
  self->write_path = _rv_vault_resolve_write_path (path);

  lock = rv_storage_lock (self->write_path, LOCK_TIMEOUT_MS, error);
  if (lock == NULL)
    return NULL;
  damaged = g_strconcat (self->write_path, ".damaged", NULL);
  if (rename (self->write_path, damaged) != 0 && errno != ENOENT)
    {
      int saved = errno;

      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_IO,
                   _("Could not move the damaged vault aside to %s: %s"), damaged, g_strerror (saved));
      return NULL;
    }
  if (!rv_storage_write (self->write_path, bytes, FALSE, error))
    {
      /* Put the damaged file back rather than leave no file at PATH. */
      rename (damaged, self->write_path);
      return NULL;
    }
  _rv_vault_set_disk_stamp (self, bytes);
  memcpy (self->notified_checksum, self->disk_checksum, sizeof self->disk_checksum);
  g_clear_pointer (&lock, rv_storage_unlock);
  _rv_vault_start_monitor (self);
  return g_steal_pointer (&self);
}

RvVault *
rv_vault_open_with_keyring (const char    *path,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  RvVault *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = _rv_vault_open_file (path, NULL, cancellable, &local_error);
  if (self == NULL)
    {
      propagate_open_error (error, g_steal_pointer (&local_error), path, NULL, cancellable);
      return NULL;
    }
  _rv_vault_start_monitor (self);
  return self;
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  RvFileKey *data = task_data;
  GError *local_error = NULL;
  GError *error = NULL;
  RvVault *self;

  self = _rv_vault_open_file (data->path, data->password, cancellable, &local_error);
  if (self == NULL)
    {
      propagate_open_error (&error, local_error, data->path, data->password, cancellable);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, self, g_object_unref);
}

/**
 * rv_vault_open_async:
 * @password: (nullable): the password, or %NULL to unlock with the keyring
 *
 * Opens the vault in a worker thread (the key derivation takes about half a
 * second). @password is copied.
 */
void
rv_vault_open_async (const char          *path,
                     const RvSecret      *password,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_return_if_fail (path != NULL);

  rv_file_key_run_in_thread (NULL, path, password, rv_vault_open_async, cancellable, callback,
                             user_data, open_thread);
}

RvVault *
rv_vault_open_finish (GAsyncResult  *result,
                      GError       **error)
{
  RvVault *self;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rv_vault_open_async, NULL);

  self = g_task_propagate_pointer (G_TASK (result), error);
  if (self != NULL)
    _rv_vault_start_monitor (self);
  return self;
}

/**
 * rv_vault_create_full:
 * @kdf: the password slot's Argon2id parameters; rv_vault_create() uses
 *   rv_kdf_get_calibrated(). Lower ones are for tests and fuzzing only.
 */
RvVault *
rv_vault_create_full (const char         *path,
                      const RvSecret     *password,
                      const RvKdfParams  *kdf,
                      GError            **error)
{
  g_autoptr(RvVault) self = NULL;
  RvVaultSlot slot;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (kdf != NULL, NULL);

  if (!_rv_vault_check_password (password, error))
    return NULL;
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_EXISTS,
                   _("There is already a file at %s"), path);
      return NULL;
    }

  self = g_object_new (RV_TYPE_VAULT, NULL);
  self->path = g_strdup (path);
  self->write_path = g_strdup (path);
  self->vault_id = g_uuid_string_random ();
  self->master_key = rv_vault_new_master_key ();
  if (!rv_vault_slot_init_password (&slot, self->vault_id, password, kdf, self->master_key, error))
    return NULL;
  g_array_append_val (self->slots, slot);
  self->backup.changed_at = rv_now ();
  self->backup.password_entered_at = self->backup.changed_at;

  /* have_disk_checksum is FALSE, so a file that appeared meanwhile is
   * caught by the check under the lock only if it is a vault: test again. */
  if (!rv_storage_ensure_folder (path, error))
    return NULL;
  {
    g_autoptr(RvStorageLock) lock = rv_storage_lock (path, LOCK_TIMEOUT_MS, error);
    g_autoptr(GBytes) contents = NULL;

    if (lock == NULL)
      return NULL;
    if (g_file_test (path, G_FILE_TEST_EXISTS))
      {
        g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_EXISTS,
                     _("There is already a file at %s"), path);
        return NULL;
      }
    contents = _rv_vault_build_file (self);
    if (!rv_storage_write (path, contents, FALSE, error))
      return NULL;
    _rv_vault_set_disk_stamp (self, contents);
    memcpy (self->notified_checksum, self->disk_checksum, RV_VAULT_CHECKSUM_SIZE);
  }
  _rv_vault_start_monitor (self);
  return g_steal_pointer (&self);
}

RvVault *
rv_vault_create (const char      *path,
                 const RvSecret  *password,
                 GError         **error)
{
  RvKdfParams kdf;

  g_return_val_if_fail (path != NULL, NULL);

  rv_kdf_get_calibrated (&kdf);
  return rv_vault_create_full (path, password, &kdf, error);
}

/**
 * rv_vault_save_copy:
 *
 * Writes the same content to @path as a separate vault: its own master key,
 * vault id and password slot (calibrated), no keyring slot. An existing
 * file at @path is replaced atomically.
 */
gboolean
rv_vault_save_copy (RvVault         *self,
                    const char      *path,
                    const RvSecret  *password,
                    GError         **error)
{
  g_autoptr(RvStorageLock) lock = NULL;
  g_autoptr(RvSecret) master = NULL;
  g_autoptr(RvSecret) plaintext = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GArray) slots = NULL;
  g_autofree char *vault_id = NULL;
  RvKdfParams kdf;
  RvVaultSlot slot;

  g_return_val_if_fail (RV_IS_VAULT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!_rv_vault_check_open (self, error) || !_rv_vault_check_password (password, error) ||
      !_rv_vault_compartment_seal_pending (self, error))
    return FALSE;
  if (g_strcmp0 (path, self->path) == 0)
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_EXISTS,
                   _("A copy cannot replace the vault itself (%s)"), path);
      return FALSE;
    }

  vault_id = g_uuid_string_random ();
  master = rv_vault_new_master_key ();
  rv_kdf_get_calibrated (&kdf);
  if (!rv_vault_slot_init_password (&slot, vault_id, password, &kdf, master, error))
    return FALSE;
  slots = g_array_new (FALSE, TRUE, sizeof (RvVaultSlot));
  g_array_append_val (slots, slot);

  plaintext = rv_vault_payload_serialize (G_LIST_MODEL (self->accounts), &self->backup,
                                          self->requests);
  /* The compartment travels as it is: its slots and sealed codes name the
   * vault it was made in, not this copy's new id. */
  contents = rv_vault_file_build_full (vault_id, slots, self->compartment, master, plaintext);

  if (!rv_storage_ensure_folder (path, error))
    return FALSE;
  lock = rv_storage_lock (path, LOCK_TIMEOUT_MS, error);
  if (lock == NULL)
    return FALSE;
  return rv_storage_write (path, contents, FALSE, error);
}
