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

/**
 * rv_vault_change_password:
 *
 * Re-wraps the same master key under @new_password (new salt, calibrated
 * parameters) and saves. The keyring slot, if any, stays valid.
 */
gboolean
rv_vault_change_password (RvVault         *self,
                          const RvSecret  *old_password,
                          const RvSecret  *new_password,
                          GError         **error)
{
  const RvVaultSlot *current;
  g_autoptr(RvSecret) key = NULL;
  g_autoptr(RvSecret) master = NULL;
  RvVaultSlot slot;
  RvKdfParams kdf;

  g_return_val_if_fail (RV_IS_VAULT (self), FALSE);
  g_return_val_if_fail (old_password != NULL, FALSE);

  if (!_rv_vault_check_open (self, error) || !_rv_vault_check_password (new_password, error))
    return FALSE;

  current = &g_array_index (self->slots, RvVaultSlot, find_slot (self, RV_VAULT_SLOT_PASSWORD));
  key = rv_vault_slot_derive_key (current, old_password, error);
  if (key == NULL)
    return FALSE;
  master = rv_vault_slot_unwrap (current, self->vault_id, key);
  if (master == NULL || !rv_secret_equal (master, self->master_key))
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD,
                   _("The current password is wrong for the vault %s"), self->path);
      return FALSE;
    }

  rv_kdf_get_calibrated (&kdf);
  if (!rv_vault_slot_init_password (&slot, self->vault_id, new_password, &kdf, self->master_key, error))
    return FALSE;
  if (!save_with_slot (self, RV_VAULT_SLOT_PASSWORD, &slot, error))
    return FALSE;
  self->backup.password_entered_at = rv_now ();
  return TRUE;
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
 *
 * Removes the keyring slot from the file (saving), then the key from the
 * Secret Service.
 */
gboolean
rv_vault_disable_keyring (RvVault       *self,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_return_val_if_fail (RV_IS_VAULT (self), FALSE);

  if (!_rv_vault_check_open (self, error))
    return FALSE;
  if (find_slot (self, RV_VAULT_SLOT_KEYRING) >= 0)
    {
      if (!save_with_slot (self, RV_VAULT_SLOT_KEYRING, NULL, error))
        return FALSE;
      _rv_vault_notify_keyring_enabled (self);
    }
  return rv_keyring_clear (self->vault_id, cancellable, error);
}

gboolean
rv_vault_get_keyring_enabled (RvVault *self)
{
  g_return_val_if_fail (RV_IS_VAULT (self), FALSE);

  return find_slot (self, RV_VAULT_SLOT_KEYRING) >= 0;
}
