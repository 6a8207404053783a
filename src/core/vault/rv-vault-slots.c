/* rv-vault-slots.c: the vault's slots: unwrapping the master key, password, keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rv-keyring.h"
#include "rv-storage.h"
#include "rv-util.h"
#include "rv-vault-private.h"
RvSecret *
_rv_vault_unwrap_with_password (RvVaultFile     *file,
                                const RvSecret  *password,
                                GError         **error)
{
  const RvVaultSlot *slot = rv_vault_file_find_slot (file, RV_VAULT_SLOT_PASSWORD);
  g_autoptr(RvSecret) key = rv_vault_slot_derive_key (slot, password, error);
  RvSecret *master;

  if (key == NULL)
    return NULL;
  master = rv_vault_slot_unwrap (slot, file->vault_id, key);
  if (master == NULL)
    g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD,
                 _("The password is wrong for the vault %s"), file->display_name);
  return master;
}

RvSecret *
_rv_vault_unwrap_with_keyring (RvVaultFile   *file,
                               GCancellable  *cancellable,
                               GError       **error)
{
  const RvVaultSlot *slot = rv_vault_file_find_slot (file, RV_VAULT_SLOT_KEYRING);
  g_autoptr(RvSecret) key = NULL;
  RvSecret *master;

  if (slot == NULL)
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_KEYRING,
                   _("Keyring unlock is not enabled for the vault %s; open it with its password"),
                   file->display_name);
      return NULL;
    }
  key = rv_keyring_lookup (file->vault_id, cancellable, error);
  if (key == NULL)
    return NULL;
  master = rv_vault_slot_unwrap (slot, file->vault_id, key);
  if (master == NULL)
    g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_KEYRING,
                 _("The keyring's unlock key does not open the vault %s; "
                 "open it with its password"), file->display_name);
  return master;
}

gboolean
rv_vault_has_keyring_slot_file (const char *path)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RvVaultFile) file = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  bytes = rv_storage_read (path, NULL);
  if (bytes != NULL)
    file = rv_vault_file_parse (bytes, path, NULL);
  return file != NULL && rv_vault_file_find_slot (file, RV_VAULT_SLOT_KEYRING) != NULL;
}

static gint
find_slot (RvVault         *self,
           RvVaultSlotType  type)
{
  for (guint i = 0; i < self->slots->len; i++)
    if (g_array_index (self->slots, RvVaultSlot, i).type == type)
      return (gint) i;
  return -1;
}

/* Replaces (or adds, or with @slot %NULL removes) the slot of that type and
 * saves; on failure the slots are as before. */
static gboolean
save_with_slot (RvVault            *self,
                RvVaultSlotType     type,
                const RvVaultSlot  *slot,
                GError            **error)
{
  g_autoptr(GArray) saved = g_array_copy (self->slots);
  gint index = find_slot (self, type);

  if (index >= 0)
    g_array_remove_index (self->slots, index);
  if (slot != NULL)
    g_array_append_vals (self->slots, slot, 1);
  if (!_rv_vault_write (self, error))
    {
      g_array_set_size (self->slots, 0);
      g_array_append_vals (self->slots, saved->data, saved->len);
      return FALSE;
    }
  _rv_vault_set_dirty (self, FALSE);
  return TRUE;
}

/* A rotation in two halves: the slow one (two key derivations, ~1 s each)
 * reads only the copies made here, so the _async functions run it in a
 * thread; the quick one (swap, write, keyring) runs where the vault lives. */
typedef struct
{
  char        *vault_id;
  char        *path;
  RvVaultSlot  current;         /* the password slot the password is checked on */
  RvSecret    *current_master;
  RvSecret    *password;
  RvSecret    *new_password;    /* the one the new slot is made under */
  gboolean     keep_keyring;
  RvSecret    *master;          /* made by rotation_prepare() */
  RvVaultSlot  slot;
} Rotation;

static void
rotation_free (Rotation *r)
{
  g_free (r->vault_id);
  g_free (r->path);
  rv_secret_free (r->current_master);
  rv_secret_free (r->password);
  rv_secret_free (r->new_password);
  rv_secret_free (r->master);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Rotation, rotation_free)

/* Checks what can be checked at once; %NULL with @error set otherwise. */
static Rotation *
rotation_new (RvVault         *self,
              const RvSecret  *password,
              const RvSecret  *new_password,
              gboolean         keep_keyring,
              GError         **error)
{
  Rotation *r;
  gint current;

  if (!_rv_vault_check_open (self, error))
    return NULL;
  current = find_slot (self, RV_VAULT_SLOT_PASSWORD);
  if (current < 0)
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT,
                   _("The vault %s has no password slot"), self->path);
      return NULL;
    }
  if (new_password != NULL && !_rv_vault_check_password (new_password, error))
    return NULL;
  r = g_new0 (Rotation, 1);
  r->vault_id = g_strdup (self->vault_id);
  r->path = g_strdup (self->path);
  r->current = g_array_index (self->slots, RvVaultSlot, current);
  r->current_master = rv_secret_copy (self->master_key);
  r->password = rv_secret_copy (password);
  r->new_password = rv_secret_copy (new_password ? new_password : password);
  r->keep_keyring = keep_keyring;
  return r;
}

/* The slow half: the current password checked, a new master key and its
 * password slot made. Touches nothing but @r. */
static gboolean
rotation_prepare (Rotation      *r,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(RvSecret) key = rv_vault_slot_derive_key (&r->current, r->password, error);
  g_autoptr(RvSecret) master = NULL;
  RvKdfParams kdf;

  if (key == NULL)
    return FALSE;
  master = rv_vault_slot_unwrap (&r->current, r->vault_id, key);
  if (master == NULL || !rv_secret_equal (master, r->current_master))
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD,
                   _("The current password is wrong for the vault %s"), r->path);
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  r->master = rv_vault_new_master_key ();
  rv_kdf_get_calibrated (&kdf);
  return rv_vault_slot_init_password (&r->slot, r->vault_id, r->new_password, &kdf,
                                      r->master, error) &&
         !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* The quick half: a new keyring slot (and keyring item) if @keep_keyring and
 * there was one, the payload re-encrypted under the new master key, and
 * PATH.prev replaced by the same new file, so nothing on disk opens with the
 * old key any more. On failure nothing changed. */
static gboolean
rotation_apply (RvVault       *self,
                Rotation      *r,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(RvSecret) keyring_key = NULL;
  g_autoptr(GArray) slots = g_array_new (FALSE, TRUE, sizeof (RvVaultSlot));
  g_autoptr(RvSecret) master = NULL;
  gboolean had_keyring;
  gint current;
  RvSecret *old_master;
  GArray *old_slots;

  if (!_rv_vault_check_open (self, error))
    return FALSE;
  /* Checked against a slot that another change has replaced meanwhile. */
  current = find_slot (self, RV_VAULT_SLOT_PASSWORD);
  if (current < 0 ||
      memcmp (g_array_index (self->slots, RvVaultSlot, current).wrapped, r->current.wrapped,
              sizeof r->current.wrapped) != 0 ||
      memcmp (g_array_index (self->slots, RvVaultSlot, current).nonce, r->current.nonce,
              sizeof r->current.nonce) != 0 ||
      !rv_secret_equal (self->master_key, r->current_master))
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_BUSY,
                   _("The password of the vault %s changed meanwhile; try again"), self->path);
      return FALSE;
    }
  had_keyring = find_slot (self, RV_VAULT_SLOT_KEYRING) >= 0;
  g_array_append_val (slots, r->slot);
  if (r->keep_keyring && had_keyring)
    {
      RvVaultSlot kslot = { 0 };

      keyring_key = rv_vault_new_master_key ();
      kslot.type = RV_VAULT_SLOT_KEYRING;
      rv_vault_slot_wrap (&kslot, self->vault_id, keyring_key, r->master);
      g_array_append_val (slots, kslot);
    }

  old_master = self->master_key;
  old_slots = self->slots;
  self->master_key = rv_secret_copy (r->master);
  self->slots = g_steal_pointer (&slots);
  if (!_rv_vault_write_rotated (self, error))
    {
      slots = self->slots;
      master = self->master_key;
      self->master_key = old_master;
      self->slots = old_slots;
      return FALSE;
    }
  rv_secret_free (old_master);
  g_array_unref (old_slots);
  _rv_vault_set_dirty (self, FALSE);
  self->backup.password_entered_at = rv_now ();

  /* The file no longer opens with the old keyring key: replace or drop it. */
  if (keyring_key != NULL)
    return rv_keyring_store (self->vault_id, self->path, keyring_key, cancellable, error);
  if (had_keyring)
    {
      _rv_vault_notify_keyring_enabled (self);
      return rv_keyring_clear (self->vault_id, cancellable, error);
    }
  return TRUE;
}

static gboolean
rotate (RvVault         *self,
        const RvSecret  *password,
        const RvSecret  *new_password,
        gboolean         keep_keyring,
        GCancellable    *cancellable,
        GError         **error)
{
  g_autoptr(Rotation) r = rotation_new (self, password, new_password, keep_keyring, error);

  return r != NULL && rotation_prepare (r, cancellable, error) &&
         rotation_apply (self, r, cancellable, error);
}

static void
rotation_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GError *error = NULL;

  if (rotation_prepare (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
rotation_prepared_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error) &&
      rotation_apply (RV_VAULT (source), g_task_get_task_data (G_TASK (result)),
                      g_task_get_cancellable (task), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* The key derivations in a thread, the rest in the caller's main context
 * (the vault is used from one thread only). */
static void
rotate_async (RvVault             *self,
              const RvSecret      *password,
              const RvSecret      *new_password,
              gboolean             keep_keyring,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data,
              gpointer             source_tag)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) prepare = NULL;
  GError *error = NULL;
  Rotation *r;

  g_task_set_source_tag (task, source_tag);
  r = rotation_new (self, password, new_password, keep_keyring, &error);
  if (r == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  prepare = g_task_new (self, cancellable, rotation_prepared_cb, g_steal_pointer (&task));
  g_task_set_task_data (prepare, r, (GDestroyNotify) rotation_free);
  g_task_run_in_thread (prepare, rotation_thread);
}

/**
 * rv_vault_change_password:
 *
 * Changes the password and, with it, the master key (rv_vault_rotate_key()):
 * the old password then opens neither the vault nor PATH.prev. A keyring
 * slot, if any, gets a new key. Older backups keep their own keys: see
 * rv_vault_find_old_backups().
 */
gboolean
rv_vault_change_password (RvVault         *self,
                          const RvSecret  *old_password,
                          const RvSecret  *new_password,
                          GError         **error)
{
  g_return_val_if_fail (RV_IS_VAULT (self), FALSE);
  g_return_val_if_fail (old_password != NULL, FALSE);

  return rotate (self, old_password, new_password, TRUE, NULL, error);
}

/**
 * rv_vault_rotate_key:
 *
 * "My password may have leaked": a new master key and a new password slot
 * under @new_password (%NULL: the same password), the payload re-encrypted,
 * PATH.prev replaced; the keyring slot, if any, is dropped and its item
 * deleted (re-enable it afterwards if wanted).
 */
gboolean
rv_vault_rotate_key (RvVault         *self,
                     const RvSecret  *password,
                     const RvSecret  *new_password,
                     GCancellable    *cancellable,
                     GError         **error)
{
  g_return_val_if_fail (RV_IS_VAULT (self), FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  return rotate (self, password, new_password, FALSE, cancellable, error);
}

/* The copies a key change leaves behind: the last export recorded in the
 * vault's backup state and the files in @backup_folder, once each. */
static GPtrArray *
backup_candidates (RvVault    *self,
                   const char *backup_folder)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);

  if (self->backup.export_path != NULL &&
      g_file_test (self->backup.export_path, G_FILE_TEST_IS_REGULAR))
    g_ptr_array_add (found, g_strdup (self->backup.export_path));
  if (backup_folder != NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (backup_folder, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (backup_folder, name, NULL);

          if (g_file_test (path, G_FILE_TEST_IS_REGULAR) &&
              !g_ptr_array_find_with_equal_func (found, path, g_str_equal, NULL))
            g_ptr_array_add (found, g_steal_pointer (&path));
        }
    }
  return found;
}

/* Whether the copy at @path still opens with what the change replaced:
 * @old_password, or (%NULL) a keyring slot of vault @vault_id. Slow with a
 * password (a key derivation). */
static gboolean
still_opens (const char     *path,
             const char     *vault_id,
             const RvSecret *old_password)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RvVaultFile) file = NULL;
  g_autoptr(RvVault) old = NULL;

  if (old_password != NULL)
    {
      old = _rv_vault_open_file (path, old_password, NULL, NULL);
      return old != NULL;
    }
  bytes = rv_storage_read (path, NULL);
  if (bytes != NULL)
    file = rv_vault_file_parse (bytes, path, NULL);
  return file != NULL && g_strcmp0 (file->vault_id, vault_id) == 0 &&
         rv_vault_file_find_slot (file, RV_VAULT_SLOT_KEYRING) != NULL;
}

static GStrv
filter_still_opening (GPtrArray      *candidates,
                      const char     *vault_id,
                      const RvSecret *old_password,
                      GCancellable   *cancellable)
{
  g_autoptr(GStrvBuilder) found = g_strv_builder_new ();

  for (guint i = 0; i < candidates->len; i++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        break;
      if (still_opens (g_ptr_array_index (candidates, i), vault_id, old_password))
        g_strv_builder_add (found, g_ptr_array_index (candidates, i));
    }
  return g_strv_builder_end (found);
}

/**
 * rv_vault_find_old_backups:
 * @old_password: (nullable): the password before a change or rotation;
 *   %NULL after keyring unlock was turned off: the copies that hold a
 *   keyring slot of this vault (its old key opens them)
 * @backup_folder: (nullable): the automatic backups' folder
 *
 * Returns: (transfer full): the backups that still open with what the
 * change replaced: the last export recorded in the vault's backup state,
 * and the files in @backup_folder. Call after rv_vault_change_password(),
 * rv_vault_rotate_key() or rv_vault_disable_keyring() to tell the user
 * which copies to replace or delete. Slow (a key derivation per file):
 * see rv_vault_find_old_backups_async().
 */
GStrv
rv_vault_find_old_backups (RvVault        *self,
                           const RvSecret *old_password,
                           const char     *backup_folder)
{
  g_autoptr(GPtrArray) candidates = NULL;

  g_return_val_if_fail (RV_IS_VAULT (self), NULL);

  candidates = backup_candidates (self, backup_folder);
  return filter_still_opening (candidates, self->vault_id, old_password, NULL);
}

typedef struct
{
  GPtrArray *candidates;
  char      *vault_id;
  RvSecret  *old_password;
} FindData;

static void
find_data_free (FindData *data)
{
  g_ptr_array_unref (data->candidates);
  g_free (data->vault_id);
  rv_secret_free (data->old_password);
  g_free (data);
}

static void
find_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  FindData *data = task_data;

  g_task_return_pointer (task, filter_still_opening (data->candidates, data->vault_id,
                                                     data->old_password, cancellable),
                         (GDestroyNotify) g_strfreev);
}

/* rv_vault_find_old_backups() with the files opened in a thread. */
void
rv_vault_find_old_backups_async (RvVault             *self,
                                 const RvSecret      *old_password,
                                 const char          *backup_folder,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FindData *data;

  g_return_if_fail (RV_IS_VAULT (self));

  data = g_new0 (FindData, 1);
  data->candidates = backup_candidates (self, backup_folder);
  data->vault_id = g_strdup (self->vault_id);
  data->old_password = old_password ? rv_secret_copy (old_password) : NULL;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rv_vault_find_old_backups_async);
  g_task_set_task_data (task, data, (GDestroyNotify) find_data_free);
  g_task_run_in_thread (task, find_thread);
}

/* Returns: (transfer full): as rv_vault_find_old_backups() */
GStrv
rv_vault_find_old_backups_finish (RvVault       *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * rv_vault_enable_keyring:
 *
 * Stores a new random key in the Secret Service and adds a keyring slot
 * wrapping the master key under it; saves.
 */
gboolean
rv_vault_enable_keyring (RvVault       *self,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(RvSecret) key = NULL;
  RvVaultSlot slot = { 0 };

  g_return_val_if_fail (RV_IS_VAULT (self), FALSE);

  if (!_rv_vault_check_open (self, error))
    return FALSE;

  key = rv_vault_new_master_key ();
  slot.type = RV_VAULT_SLOT_KEYRING;
  rv_vault_slot_wrap (&slot, self->vault_id, key, self->master_key);

  if (!rv_keyring_clear (self->vault_id, cancellable, error) ||
      !rv_keyring_store (self->vault_id, self->path, key, cancellable, error))
    return FALSE;
  if (!save_with_slot (self, RV_VAULT_SLOT_KEYRING, &slot, error))
    {
      rv_keyring_clear (self->vault_id, NULL, NULL);
      return FALSE;
    }
  _rv_vault_notify_keyring_enabled (self);
  return TRUE;
}

/**
 * rv_vault_disable_keyring:
 * @password: the vault's password
 *
 * Turns keyring unlock off and, like a password change, gives the vault a new
 * master key (rv_vault_rotate_key() with the same password): the payload and
 * PATH.prev are re-encrypted without a keyring slot and the key is deleted
 * from the Secret Service, so a copy of that key (or of a file from before)
 * opens nothing written afterwards. Older backups keep their own keys: see
 * rv_vault_find_old_backups(). Without a keyring slot, only a stale key left
 * in the Secret Service is deleted.
 */
gboolean
rv_vault_disable_keyring (RvVault         *self,
                          const RvSecret  *password,
                          GCancellable    *cancellable,
                          GError         **error)
{
  g_return_val_if_fail (RV_IS_VAULT (self), FALSE);

  if (!_rv_vault_check_open (self, error))
    return FALSE;
  if (find_slot (self, RV_VAULT_SLOT_KEYRING) < 0)
    return rv_keyring_clear (self->vault_id, cancellable, error);
  if (password == NULL)
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD,
                   _("Turning keyring unlock off gives the vault %s a new key: enter its "
                     "password"), self->path);
      return FALSE;
    }
  /* rotate() drops the keyring slot, tells "keyring-enabled" and clears the key. */
  return rv_vault_rotate_key (self, password, NULL, cancellable, error);
}

/**
 * rv_vault_change_password_async:
 *
 * rv_vault_change_password() with its two key derivations in a thread; the
 * vault itself is changed (and saved) in the caller's main context when they
 * are done. Finish with rv_vault_change_password_finish().
 */
void
rv_vault_change_password_async (RvVault             *self,
                                const RvSecret      *old_password,
                                const RvSecret      *new_password,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (RV_IS_VAULT (self));
  g_return_if_fail (old_password != NULL && new_password != NULL);

  rotate_async (self, old_password, new_password, TRUE, cancellable, callback, user_data,
                rv_vault_change_password_async);
}

gboolean
rv_vault_change_password_finish (RvVault       *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * rv_vault_disable_keyring_async:
 *
 * rv_vault_disable_keyring() with the key derivations in a thread, as
 * rv_vault_change_password_async(). Finish with
 * rv_vault_disable_keyring_finish().
 */
void
rv_vault_disable_keyring_async (RvVault             *self,
                                const RvSecret      *password,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (RV_IS_VAULT (self));

  if (_rv_vault_check_open (self, NULL) && find_slot (self, RV_VAULT_SLOT_KEYRING) >= 0 &&
      password != NULL)
    {
      rotate_async (self, password, NULL, FALSE, cancellable, callback, user_data,
                    rv_vault_disable_keyring_async);
      return;
    }
  /* Nothing to derive: the same answers as the blocking call, at once. */
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rv_vault_disable_keyring_async);
  if (rv_vault_disable_keyring (self, password, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

gboolean
rv_vault_disable_keyring_finish (RvVault       *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
rv_vault_get_keyring_enabled (RvVault *self)
{
  g_return_val_if_fail (RV_IS_VAULT (self), FALSE);

  return find_slot (self, RV_VAULT_SLOT_KEYRING) >= 0;
}
