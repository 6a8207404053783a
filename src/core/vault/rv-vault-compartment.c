/* rv-vault-compartment.c: the recovery-code compartment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With the compartment on, every recovery code in the payload is sealed
 * (XChaCha20-Poly1305) under the compartment's own random key, which its
 * slots wrap: a password slot (Argon2id, the vault slots' calibration and
 * bounds, rv-vault-format.c) and optionally a paper key. Opening the vault
 * never opens the compartment: the codes' plaintext reaches memory only in
 * rv_vault_open_compartment(), and rv_vault_close_compartment() wipes it.
 * Everything else about a code (id, dates, used or not) stays outside, so
 * counts and health work while it is closed. See docs/vault-format.md.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "rv-base32.h"
#include "rv-vault-payload.h"
#include "rv-vault-private.h"

static GBytes *
seal_code (RvVault        *self,
           const char     *account_id,
           const char     *code_id,
           const RvSecret *code)
{
  return rv_vault_compartment_seal (self->compartment, self->compartment_key, account_id,
                                    code_id, code);
}

static RvSecret *
unseal_code (RvVault        *self,
             const RvSecret *key,
             const char     *account_id,
             const char     *code_id,
             GBytes         *sealed)
{
  return rv_vault_compartment_unseal (self->compartment, key, account_id, code_id, sealed);
}

static guint
n_accounts (RvVault *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
}

static char *
account_label (RvAccount *account)
{
  const char *issuer = rv_account_get_issuer (account);
  const char *name = rv_account_get_name (account);

  if (issuer != NULL && name != NULL)
    return g_strdup_printf ("%s (%s)", issuer, name);
  return g_strdup (issuer != NULL ? issuer : name != NULL ? name : rv_account_get_id (account));
}

void
_rv_vault_compartment_update_locks (RvVault *self)
{
  gboolean locked = self->compartment != NULL && self->compartment_key == NULL;

  for (guint i = 0; i < n_accounts (self); i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

      rv_account_set_recovery_codes_locked (account, locked);
    }
}

/* Each code sealed with the compartment on and plain with it off; anything
 * else was written by a broken program. */
gboolean
_rv_vault_check_loaded_codes (RvVaultFile  *file,
                              GPtrArray    *accounts,
                              GError      **error)
{
  for (guint i = 0; i < accounts->len; i++)
    {
      RvAccount *account = g_ptr_array_index (accounts, i);

      for (guint j = 0; j < rv_account_get_n_recovery_codes (account); j++)
        {
          const RvRecoveryCode *code = rv_account_get_recovery_code (account, j);

          if ((code->sealed != NULL) != (file->compartment != NULL))
            {
              g_autofree char *label = account_label (account);

              g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT,
                           file->compartment != NULL
                           ? _("The vault file %s is damaged: account %s has a recovery code "
                               "outside its recovery-code compartment")
                           : _("The vault file %s is damaged: account %s has a sealed recovery "
                               "code but the vault has no recovery-code compartment"),
                           file->display_name, label);
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* Codes added since the last save get sealed; with the compartment closed
 * that cannot be done, and the save is refused (nothing is lost: the codes
 * stay in memory). */
gboolean
_rv_vault_compartment_seal_pending (RvVault  *self,
                                    GError  **error)
{
  if (self->compartment == NULL)
    return TRUE;
  for (guint i = 0; i < n_accounts (self); i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

      for (guint j = 0; j < rv_account_get_n_recovery_codes (account); j++)
        {
          const RvRecoveryCode *code = rv_account_get_recovery_code (account, j);
          g_autoptr(GBytes) sealed = NULL;

          if (code->sealed != NULL)
            continue;
          if (self->compartment_key == NULL)
            {
              g_autofree char *label = account_label (account);

              g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_COMPARTMENT_LOCKED,
                           _("New recovery codes of %s cannot be saved while the recovery-code "
                             "compartment is locked; open it first"), label);
              return FALSE;
            }
          sealed = seal_code (self, rv_account_get_id (account), code->id, code->code);
          rv_account_set_recovery_code_sealed (account, j, sealed);
        }
    }
  return TRUE;
}

/* Decrypts every sealed code whose plaintext is not in memory with @key. On
 * failure the codes decrypted here are wiped again. */
static gboolean
unseal_all (RvVault         *self,
            const RvSecret  *key,
            GError         **error)
{
  for (guint i = 0; i < n_accounts (self); i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

      for (guint j = 0; j < rv_account_get_n_recovery_codes (account); j++)
        {
          const RvRecoveryCode *code = rv_account_get_recovery_code (account, j);
          RvSecret *plain;

          if (code->code != NULL || code->sealed == NULL)
            continue;
          plain = unseal_code (self, key, rv_account_get_id (account), code->id, code->sealed);
          if (plain == NULL)
            {
              g_autofree char *label = account_label (account);

              g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_TAMPERED,
                           _("Recovery code %u of %s fails authentication: the recovery-code "
                             "compartment's key is right but the code was altered"),
                           j + 1, label);
              if (self->compartment_key == NULL)
                _rv_vault_compartment_wipe_codes (self);
              return FALSE;
            }
          rv_account_set_recovery_code_plain (account, j, plain);
        }
    }
  return TRUE;
}

/* Wipes the plaintext of every sealed code (unsealed ones stay). */
void
_rv_vault_compartment_wipe_codes (RvVault *self)
{
  for (guint i = 0; i < n_accounts (self); i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

      for (guint j = 0; j < rv_account_get_n_recovery_codes (account); j++)
        if (rv_account_get_recovery_code (account, j)->sealed != NULL)
          rv_account_set_recovery_code_plain (account, j, NULL);
    }
}

/* After a reload or a merge brought sealed codes in: decrypt them too if
 * the compartment is open, and wipe any plaintext that came with them if
 * it is closed. */
gboolean
_rv_vault_compartment_refresh (RvVault  *self,
                               GError  **error)
{
  _rv_vault_compartment_update_locks (self);
  if (self->compartment_key == NULL)
    {
      _rv_vault_compartment_wipe_codes (self);
      return TRUE;
    }
  return unseal_all (self, self->compartment_key, error);
}

gboolean
rv_vault_get_compartment_enabled (RvVault *self)
{
  g_return_val_if_fail (RV_IS_VAULT (self), FALSE);

  return self->compartment != NULL;
}

gboolean
rv_vault_get_compartment_open (RvVault *self)
{
  g_return_val_if_fail (RV_IS_VAULT (self), FALSE);

  return self->compartment != NULL && self->compartment_key != NULL;
}

const char *
rv_vault_get_compartment_id (RvVault *self)
{
  g_return_val_if_fail (RV_IS_VAULT (self), NULL);

  return self->compartment != NULL ? self->compartment->id : NULL;
}

void
rv_vault_get_compartment_status (RvVault             *self,
                                 RvCompartmentStatus *status)
{
  const RvVaultSlot *slot;

  g_return_if_fail (RV_IS_VAULT (self));
  g_return_if_fail (status != NULL);

  memset (status, 0, sizeof *status);
  status->enabled = self->compartment != NULL;
  status->open = rv_vault_get_compartment_open (self);
  for (guint i = 0; i < n_accounts (self); i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

      status->n_codes += rv_account_get_n_recovery_codes (account);
      status->n_unused += rv_account_get_n_unused_recovery_codes (account);
    }
  if (self->compartment == NULL)
    return;
  slot = rv_vault_compartment_find_slot (self->compartment, RV_VAULT_SLOT_PASSWORD);
  status->kdf = slot->kdf;
  status->has_paper_key =
    rv_vault_compartment_find_slot (self->compartment, RV_VAULT_SLOT_PAPER_KEY) != NULL;
}

static gboolean
check_enabled (RvVault  *self,
               GError  **error)
{
  if (!_rv_vault_check_open (self, error))
    return FALSE;
  if (self->compartment == NULL)
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_COMPARTMENT_LOCKED,
                   _("The vault %s has no recovery-code compartment"), self->path);
      return FALSE;
    }
  return TRUE;
}

/* The text of a paper key: 26 base32 characters in groups of 4. */
static RvSecret *
format_paper_key (const RvSecret *paper_key)
{
  g_autoptr(RvSecret) plain = rv_base32_encode_secret (paper_key);
  const char *text = rv_secret_get_string (plain);
  gsize len = strlen (text);
  RvSecret *out = rv_secret_new (len + (len - 1) / 4);
  guint8 *p = rv_secret_get_mutable_data (out);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && i % 4 == 0)
        *p++ = ' ';
      *p++ = (guint8) text[i];
    }
  return out;
}

/**
 * rv_vault_compartment_unwrap_key:
 * @compartment: the vault's compartment (a copy, from rv_vault_dup_compartment(),
 *   when this runs in a thread)
 * @password: its password, or its paper key (grouped or not)
 *
 * The slow half of rv_vault_open_compartment(), safe in a worker thread.
 *
 * Returns: (transfer full) (nullable): the compartment's key.
 */
RvSecret *
rv_vault_compartment_unwrap_key (const RvVaultCompartment  *compartment,
                                 const RvSecret            *password,
                                 const char                *display_name,
                                 GError                   **error)
{
  const RvVaultSlot *paper = rv_vault_compartment_find_slot (compartment,
                                                             RV_VAULT_SLOT_PAPER_KEY);
  const RvVaultSlot *slot = rv_vault_compartment_find_slot (compartment,
                                                            RV_VAULT_SLOT_PASSWORD);
  g_autoptr(RvSecret) wrapping = NULL;
  RvSecret *key;

  if (paper != NULL)
    {
      g_autoptr(RvSecret) bytes = rv_base32_decode (rv_secret_get_string (password),
                                                    rv_secret_get_size (password), NULL);

      if (bytes != NULL && rv_secret_get_size (bytes) == RV_PAPER_KEY_SIZE)
        {
          g_autoptr(RvSecret) paper_wrapping = rv_vault_paper_slot_derive_key (paper, bytes);

          key = rv_vault_compartment_slot_unwrap (paper, compartment, paper_wrapping);
          if (key != NULL)
            return key;
        }
    }
  wrapping = rv_vault_slot_derive_key (slot, password, error);
  if (wrapping == NULL)
    return NULL;
  key = rv_vault_compartment_slot_unwrap (slot, compartment, wrapping);
  if (key == NULL)
    g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD,
                 _("The password of the recovery-code compartment is wrong for the vault %s"),
                 display_name);
  return key;
}

static RvSecret *
unwrap_key (RvVault         *self,
            const RvSecret  *password,
            GError         **error)
{
  return rv_vault_compartment_unwrap_key (self->compartment, password, self->path, error);
}

/* Returns: (transfer full) (nullable): a copy of the compartment's header. */
RvVaultCompartment *
rv_vault_dup_compartment (RvVault *self)
{
  g_return_val_if_fail (RV_IS_VAULT (self), NULL);

  return rv_vault_compartment_copy (self->compartment);
}

/**
 * rv_vault_open_compartment_with_key:
 * @compartment_id: the id of the compartment @key was unwrapped from
 *
 * The fast half of rv_vault_open_compartment(), in the vault's thread:
 * refused (WRONG_PASSWORD) if the compartment changed meanwhile.
 */
gboolean
rv_vault_open_compartment_with_key (RvVault         *self,
                                    const char      *compartment_id,
                                    const RvSecret  *key,
                                    GError         **error)
{
  g_return_val_if_fail (RV_IS_VAULT (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!check_enabled (self, error))
    return FALSE;
  if (self->compartment_key != NULL)
    return TRUE;
  if (g_strcmp0 (compartment_id, self->compartment->id) != 0)
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD,
                   _("The recovery-code compartment of the vault %s changed; "
                     "enter its password again"), self->path);
      return FALSE;
    }
  if (!unseal_all (self, key, error))
    return FALSE;
  self->compartment_key = rv_secret_copy (key);
  _rv_vault_compartment_update_locks (self);
  return TRUE;
}

/* A new compartment (new id, new key) with a password slot for @password
 * and, if @paper_key is not %NULL, a paper key (its text returned). */
static RvVaultCompartment *
new_compartment (RvVault         *self,
                 const RvSecret  *password,
                 RvSecret       **key_out,
                 RvSecret       **paper_key,
                 GError         **error)
{
  g_autoptr(RvVaultCompartment) compartment = rv_vault_compartment_new (self->vault_id);
  g_autoptr(RvSecret) key = rv_vault_new_master_key ();
  RvVaultSlot slot;
  RvKdfParams kdf;

  /* A backup copy keeps the id of the vault its compartment was made in. */
  if (self->compartment != NULL)
    {
      g_free (compartment->vault_id);
      compartment->vault_id = g_strdup (self->compartment->vault_id);
    }
  rv_kdf_get_calibrated (&kdf);
  if (!rv_vault_compartment_slot_init_password (&slot, compartment, password, &kdf, key, error))
    return NULL;
  g_array_append_val (compartment->slots, slot);
  if (paper_key != NULL)
    {
      g_autoptr(RvSecret) bytes = rv_secret_new (RV_PAPER_KEY_SIZE);

      randombytes_buf (rv_secret_get_mutable_data (bytes), RV_PAPER_KEY_SIZE);
      rv_vault_compartment_slot_init_paper (&slot, compartment, bytes, key);
      g_array_append_val (compartment->slots, slot);
      *paper_key = format_paper_key (bytes);
    }
  *key_out = g_steal_pointer (&key);
  return g_steal_pointer (&compartment);
}

/* Replaces the compartment (and key) and saves, every code sealed again
 * under the new key (@compartment %NULL: unsealed). On failure everything
 * is as before. */
static gboolean
replace_and_save (RvVault             *self,
                  RvVaultCompartment  *compartment,  /* transfer full, nullable */
                  RvSecret            *key,          /* transfer full, nullable */
                  GError             **error)
{
  RvVaultCompartment *old_compartment = self->compartment;
  RvSecret *old_key = self->compartment_key;
  g_autoptr(GPtrArray) old_sealed = g_ptr_array_new_with_free_func (
    (GDestroyNotify) g_bytes_unref);
  gboolean ok;

  for (guint i = 0; i < n_accounts (self); i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

      for (guint j = 0; j < rv_account_get_n_recovery_codes (account); j++)
        {
          const RvRecoveryCode *code = rv_account_get_recovery_code (account, j);

          g_ptr_array_add (old_sealed, code->sealed ? g_bytes_ref (code->sealed) : NULL);
          rv_account_set_recovery_code_sealed (account, j, NULL);
        }
    }
  self->compartment = compartment;
  self->compartment_key = key;
  ok = _rv_vault_compartment_seal_pending (self, error) && _rv_vault_write (self, error);
  if (!ok)
    {
      guint k = 0;

      self->compartment = old_compartment;
      self->compartment_key = old_key;
      old_compartment = compartment;
      old_key = key;
      for (guint i = 0; i < n_accounts (self); i++)
        {
          g_autoptr(RvAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

          for (guint j = 0; j < rv_account_get_n_recovery_codes (account); j++)
            rv_account_set_recovery_code_sealed (account, j, g_ptr_array_index (old_sealed, k++));
        }
    }
  rv_vault_compartment_free (old_compartment);
  g_clear_pointer (&old_key, rv_secret_free);
  _rv_vault_compartment_update_locks (self);
  if (ok)
    _rv_vault_set_dirty (self, FALSE);
  return ok;
}

/* A new compartment (and key) under @password, every code sealed under it,
 * saved; @paper_key, if asked, gets the new paper key. */
static gboolean
install_new (RvVault         *self,
             const RvSecret  *password,
             RvSecret       **paper_key,
             GError         **error)
{
  g_autoptr(RvSecret) paper = NULL;
  RvVaultCompartment *compartment;
  RvSecret *key = NULL;

  compartment = new_compartment (self, password, &key, paper_key ? &paper : NULL, error);
  if (compartment == NULL)
    return FALSE;
  if (!replace_and_save (self, compartment, key, error))
    return FALSE;
  if (paper_key != NULL)
    *paper_key = g_steal_pointer (&paper);
  return TRUE;
}

/**
 * rv_vault_enable_compartment:
 * @password: the compartment's own password
 * @paper_key: (out) (optional): with a paper-key slot, its text (a secret:
 *   print it, never log it)
 *
 * Turns the compartment on, sealing every recovery code, and saves. The
 * compartment is open afterwards.
 */
gboolean
rv_vault_enable_compartment (RvVault         *self,
                             const RvSecret  *password,
                             RvSecret       **paper_key,
                             GError         **error)
{

  g_return_val_if_fail (RV_IS_VAULT (self), FALSE);

  if (!_rv_vault_check_open (self, error) || !_rv_vault_check_password (password, error))
    return FALSE;
  if (self->compartment != NULL)
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_EXISTS,
                   _("The vault %s already has a recovery-code compartment"), self->path);
      return FALSE;
    }
  return install_new (self, password, paper_key, error);
}

/**
 * rv_vault_open_compartment:
 * @password: the compartment's password or its paper key
 *
 * Unwraps the compartment's key and decrypts the recovery codes. Slow (key
 * derivation): call from a thread. A sealed code that fails authentication
 * is TAMPERED, naming its account, and nothing stays decrypted.
 */
gboolean
rv_vault_open_compartment (RvVault         *self,
                           const RvSecret  *password,
                           GCancellable    *cancellable,
                           GError         **error)
{
  g_autoptr(RvSecret) key = NULL;

  g_return_val_if_fail (RV_IS_VAULT (self), FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  if (!check_enabled (self, error))
    return FALSE;
  if (self->compartment_key != NULL)
    return TRUE;
  key = unwrap_key (self, password, error);
  if (key == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!unseal_all (self, key, error))
    return FALSE;
  self->compartment_key = g_steal_pointer (&key);
  _rv_vault_compartment_update_locks (self);
  return TRUE;
}

/**
 * rv_vault_close_compartment:
 *
 * Seals codes added since the last save, then wipes the compartment's key
 * and every code's plaintext.
 */
void
rv_vault_close_compartment (RvVault *self)
{
  g_return_if_fail (RV_IS_VAULT (self));

  if (self->compartment == NULL || self->compartment_key == NULL)
    return;
  _rv_vault_compartment_seal_pending (self, NULL);
  _rv_vault_compartment_wipe_codes (self);
  g_clear_pointer (&self->compartment_key, rv_secret_free);
  _rv_vault_compartment_update_locks (self);
}

/**
 * rv_vault_change_compartment_password:
 * @paper_key: (out) (optional): a new paper key, if wanted
 *
 * A new compartment key (and id) under @new_password: every code is sealed
 * again, the old password and the old paper key open nothing afterwards.
 * Saves.
 */
gboolean
rv_vault_change_compartment_password (RvVault         *self,
                                      const RvSecret  *old_password,
                                      const RvSecret  *new_password,
                                      RvSecret       **paper_key,
                                      GError         **error)
{

  g_return_val_if_fail (RV_IS_VAULT (self), FALSE);
  g_return_val_if_fail (old_password != NULL, FALSE);

  if (!check_enabled (self, error) || !_rv_vault_check_password (new_password, error))
    return FALSE;
  if (!rv_vault_open_compartment (self, old_password, NULL, error))
    return FALSE;
  /* Opening with the paper key is fine to open, not to change the password. */
  {
    g_autoptr(RvSecret) check = NULL;
    const RvVaultSlot *slot = rv_vault_compartment_find_slot (self->compartment,
                                                              RV_VAULT_SLOT_PASSWORD);
    g_autoptr(RvSecret) wrapping = rv_vault_slot_derive_key (slot, old_password, error);

    if (wrapping == NULL)
      return FALSE;
    check = rv_vault_compartment_slot_unwrap (slot, self->compartment, wrapping);
    if (check == NULL || !rv_secret_equal (check, self->compartment_key))
      {
        g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD,
                     _("The current password of the recovery-code compartment is wrong for the "
                       "vault %s"), self->path);
        return FALSE;
      }
  }
  return install_new (self, new_password, paper_key, error);
}

/**
 * rv_vault_disable_compartment:
 *
 * Unseals every code into the payload (needs the compartment's password or
 * paper key) and removes the compartment; saves.
 */
gboolean
rv_vault_disable_compartment (RvVault         *self,
                              const RvSecret  *password,
                              GError         **error)
{
  g_return_val_if_fail (RV_IS_VAULT (self), FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  if (!check_enabled (self, error))
    return FALSE;
  if (self->compartment_key != NULL)
    {
      /* Open already: the password must still be the right one. */
      g_autoptr(RvSecret) key = unwrap_key (self, password, error);

      if (key == NULL)
        return FALSE;
    }
  else if (!rv_vault_open_compartment (self, password, NULL, error))
    return FALSE;
  return replace_and_save (self, NULL, NULL, error);
}

/**
 * rv_vault_reveal_recovery_code:
 *
 * Returns: (transfer full) (nullable): a copy of the code, or %NULL with
 * COMPARTMENT_LOCKED while the compartment is closed.
 */
RvSecret *
rv_vault_reveal_recovery_code (RvVault    *self,
                               RvAccount  *account,
                               guint       index,
                               GError    **error)
{
  const RvRecoveryCode *code;

  g_return_val_if_fail (RV_IS_VAULT (self), NULL);
  g_return_val_if_fail (RV_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (index < rv_account_get_n_recovery_codes (account), NULL);

  code = rv_account_get_recovery_code (account, index);
  if (code->code == NULL)
    {
      g_set_error_literal (error, RV_VAULT_ERROR, RV_VAULT_ERROR_COMPARTMENT_LOCKED,
                           _("The recovery codes are in a locked compartment; "
                             "open it with its password first"));
      return NULL;
    }
  return rv_secret_copy (code->code);
}

/* Merging: compartments must agree (docs/sync.md). */
gboolean
_rv_vault_compartment_check_merge (RvVault  *self,
                                   RvVault  *other,
                                   GError  **error)
{
  const char *mine = rv_vault_get_compartment_id (self);
  const char *theirs = rv_vault_get_compartment_id (other);

  if (g_strcmp0 (mine, theirs) == 0)
    return TRUE;
  /* Turned on here, off there: their plain codes are sealed here on save. */
  if (theirs == NULL && self->compartment_key != NULL)
    return TRUE;
  if (theirs == NULL)
    g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_COMPARTMENT_LOCKED,
                 _("%s has no recovery-code compartment and this copy's is locked; "
                   "open it and merge again"), other->path ? other->path : "?");
  else
    g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_COMPARTMENT_CONFLICT,
                 mine == NULL
                 ? _("%s has a recovery-code compartment (id %s) that this copy has not; it "
                     "was not merged: turn the compartment off in that copy and merge again")
                 : _("%s has another recovery-code compartment (id %s; this copy's was "
                     "made or re-keyed separately); it was not merged: turn the "
                     "compartment off in that copy and merge again"),
                 other->path ? other->path : "?", theirs);
  return FALSE;
}
