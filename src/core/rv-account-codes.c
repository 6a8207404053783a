/* rv-account-codes.c: an account's recovery codes (added, used, unused,
 * removed) and the tombstones that let a removal travel through a merge
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rv-account-private.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

guint
rv_account_get_n_recovery_codes (RvAccount *self)
{
  g_return_val_if_fail (RV_IS_ACCOUNT (self), 0);

  return self->recovery_codes->len;
}

guint
rv_account_get_n_unused_recovery_codes (RvAccount *self)
{
  guint n = 0;

  g_return_val_if_fail (RV_IS_ACCOUNT (self), 0);

  for (guint i = 0; i < self->recovery_codes->len; i++)
    if (g_array_index (self->recovery_codes, RvRecoveryCode, i).used_at == 0)
      n++;
  return n;
}

const RvRecoveryCode *
rv_account_get_recovery_code (RvAccount *self,
                              guint      index)
{
  g_return_val_if_fail (RV_IS_ACCOUNT (self), NULL);
  g_return_val_if_fail (index < self->recovery_codes->len, NULL);

  return &g_array_index (self->recovery_codes, RvRecoveryCode, index);
}

static void
new_code_id (char id[RV_RECOVERY_CODE_ID_LEN + 1])
{
  guint8 bytes[RV_RECOVERY_CODE_ID_LEN / 2];

  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2hex (id, RV_RECOVERY_CODE_ID_LEN + 1, bytes, sizeof bytes);
}

/* Sealed codes whose plaintext is not in memory never match. */
gint
_rv_account_find_code (RvAccount      *self,
                       const RvSecret *code)
{
  if (code == NULL)
    return -1;
  for (guint i = 0; i < self->recovery_codes->len; i++)
    if (rv_secret_equal (g_array_index (self->recovery_codes, RvRecoveryCode, i).code, code))
      return (gint) i;
  return -1;
}

static gboolean
check_unlocked (RvAccount  *self,
                GError    **error)
{
  if (!self->codes_locked)
    return TRUE;
  g_set_error_literal (error, RV_ACCOUNT_ERROR, RV_ACCOUNT_ERROR_CODES_LOCKED,
                       _("The recovery codes are in a locked compartment; "
                         "open it with its password first"));
  return FALSE;
}

void
rv_account_set_recovery_codes_locked (RvAccount *self,
                                      gboolean   locked)
{
  g_return_if_fail (RV_IS_ACCOUNT (self));

  self->codes_locked = !!locked;
}

gboolean
rv_account_get_recovery_codes_locked (RvAccount *self)
{
  g_return_val_if_fail (RV_IS_ACCOUNT (self), FALSE);

  return self->codes_locked;
}

void
rv_account_set_recovery_code_plain (RvAccount *self,
                                    guint      index,
                                    RvSecret  *code)
{
  RvRecoveryCode *entry;

  g_return_if_fail (RV_IS_ACCOUNT (self));
  g_return_if_fail (index < self->recovery_codes->len);

  entry = &g_array_index (self->recovery_codes, RvRecoveryCode, index);
  g_clear_pointer (&entry->code, rv_secret_free);
  entry->code = code;
}

void
rv_account_set_recovery_code_sealed (RvAccount *self,
                                     guint      index,
                                     GBytes    *sealed)
{
  RvRecoveryCode *entry;

  g_return_if_fail (RV_IS_ACCOUNT (self));
  g_return_if_fail (index < self->recovery_codes->len);

  entry = &g_array_index (self->recovery_codes, RvRecoveryCode, index);
  g_clear_pointer (&entry->sealed, g_bytes_unref);
  entry->sealed = sealed != NULL ? g_bytes_ref (sealed) : NULL;
}

/* Adds a copy of @code; refuses one already stored for this account. */
gboolean
rv_account_add_recovery_code (RvAccount       *self,
                              const RvSecret  *code,
                              gint64           added_at,
                              gint64           used_at,
                              GError         **error)
{
  RvRecoveryCode entry = { 0 };

  g_return_val_if_fail (RV_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  if (!check_unlocked (self, error))
    return FALSE;
  if (_rv_account_find_code (self, code) >= 0)
    {
      g_set_error_literal (error, RV_ACCOUNT_ERROR, RV_ACCOUNT_ERROR_DUPLICATE_CODE,
                           _("This recovery code is already stored"));
      return FALSE;
    }

  entry.code = rv_secret_copy (code);
  entry.added_at = added_at;
  entry.used_at = used_at;
  new_code_id (entry.id);
  entry.modified = rv_stamp_next (&self->modified);
  _rv_account_touch (self, &entry.modified);
  g_array_append_val (self->recovery_codes, entry);
  if (self->recovery_issued_at == 0 || (added_at != 0 && added_at < self->recovery_issued_at))
    {
      self->recovery_issued_at = added_at;
      _rv_account_stamp_field (self, RV_ACCOUNT_FIELD_RECOVERY_META);
    }
  _rv_account_notify_recovery_counts (self);
  return TRUE;
}

/* The code at @index, or %NULL with @error set. */
static RvRecoveryCode *
find_code (RvAccount  *self,
           guint       index,
           GError    **error)
{
  if (index >= self->recovery_codes->len)
    {
      g_set_error (error, RV_ACCOUNT_ERROR, RV_ACCOUNT_ERROR_NO_SUCH_CODE,
                   _("There is no recovery code number %u"), index + 1);
      return NULL;
    }
  return &g_array_index (self->recovery_codes, RvRecoveryCode, index);
}

gboolean
rv_account_mark_recovery_code_used (RvAccount  *self,
                                    guint       index,
                                    gint64      when,
                                    GError    **error)
{
  RvRecoveryCode *entry;

  g_return_val_if_fail (RV_IS_ACCOUNT (self), FALSE);

  entry = find_code (self, index, error);
  if (entry == NULL)
    return FALSE;
  if (entry->used_at != 0)
    {
      g_set_error (error, RV_ACCOUNT_ERROR, RV_ACCOUNT_ERROR_CODE_ALREADY_USED,
                   _("Recovery code number %u is already marked used"), index + 1);
      return FALSE;
    }
  entry->used_at = when > 0 ? when : 1;
  entry->modified = rv_stamp_next (&self->modified);
  _rv_account_touch (self, &entry->modified);
  _rv_account_notify_recovery_counts (self);
  return TRUE;
}

/* Undoes rv_account_mark_recovery_code_used(): the code counts as unused
 * again. Stamped like marking it used, so the newer of the two wins a merge. */
gboolean
rv_account_mark_recovery_code_unused (RvAccount  *self,
                                      guint       index,
                                      GError    **error)
{
  RvRecoveryCode *entry;

  g_return_val_if_fail (RV_IS_ACCOUNT (self), FALSE);

  entry = find_code (self, index, error);
  if (entry == NULL)
    return FALSE;
  if (entry->used_at == 0)
    {
      g_set_error (error, RV_ACCOUNT_ERROR, RV_ACCOUNT_ERROR_CODE_NOT_USED,
                   _("Recovery code number %u is not marked used"), index + 1);
      return FALSE;
    }
  entry->used_at = 0;
  entry->modified = rv_stamp_next (&self->modified);
  _rv_account_touch (self, &entry->modified);
  _rv_account_notify_recovery_counts (self);
  return TRUE;
}

/* Marks the stored code equal to @code as used. */
gboolean
rv_account_use_recovery_code (RvAccount       *self,
                              const RvSecret  *code,
                              gint64           when,
                              GError         **error)
{
  gint index;

  g_return_val_if_fail (RV_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  if (!check_unlocked (self, error))
    return FALSE;
  index = _rv_account_find_code (self, code);
  if (index < 0)
    {
      g_set_error_literal (error, RV_ACCOUNT_ERROR, RV_ACCOUNT_ERROR_NO_SUCH_CODE,
                           _("That recovery code is not stored for this account"));
      return FALSE;
    }
  return rv_account_mark_recovery_code_used (self, index, when, error);
}

void
rv_account_clear_recovery_codes (RvAccount *self)
{
  g_return_if_fail (RV_IS_ACCOUNT (self));

  if (self->recovery_codes->len == 0)
    return;
  if (!self->no_stamp)
    {
      RvStamp removed = rv_stamp_next (&self->modified);

      for (guint i = 0; i < self->recovery_codes->len; i++)
        rv_account_add_code_tombstone (self,
                                       g_array_index (self->recovery_codes, RvRecoveryCode, i).id,
                                       &removed);
      _rv_account_touch (self, &removed);
    }
  g_array_set_size (self->recovery_codes, 0);
  if (self->recovery_issued_at != 0)
    {
      self->recovery_issued_at = 0;
      _rv_account_stamp_field (self, RV_ACCOUNT_FIELD_RECOVERY_META);
    }
  _rv_account_notify_recovery_counts (self);
}

gint
rv_account_find_recovery_code_id (RvAccount  *self,
                                  const char *id)
{
  g_return_val_if_fail (RV_IS_ACCOUNT (self), -1);

  for (guint i = 0; i < self->recovery_codes->len; i++)
    if (g_str_equal (g_array_index (self->recovery_codes, RvRecoveryCode, i).id, id))
      return (gint) i;
  return -1;
}

gint
rv_account_find_recovery_code (RvAccount      *self,
                               const RvSecret *code)
{
  g_return_val_if_fail (RV_IS_ACCOUNT (self), -1);

  return _rv_account_find_code (self, code);
}

/* Adds a copy of @code, or replaces the code with its id (or its bytes). */
void
rv_account_put_recovery_code (RvAccount            *self,
                              const RvRecoveryCode *code)
{
  RvRecoveryCode copy = *code;
  gint index;

  g_return_if_fail (RV_IS_ACCOUNT (self));

  index = rv_account_find_recovery_code_id (self, code->id);
  if (index < 0)
    index = _rv_account_find_code (self, code->code);
  copy.code = code->code != NULL ? rv_secret_copy (code->code) : NULL;
  copy.sealed = code->sealed != NULL ? g_bytes_ref (code->sealed) : NULL;
  if (index >= 0)
    {
      RvRecoveryCode *old = &g_array_index (self->recovery_codes, RvRecoveryCode, index);

      g_clear_pointer (&old->code, rv_secret_free);
      g_clear_pointer (&old->sealed, g_bytes_unref);
      *old = copy;
    }
  else
    g_array_append_val (self->recovery_codes, copy);
  _rv_account_touch (self, &code->modified);
  _rv_account_notify_recovery_counts (self);
}

void
rv_account_remove_recovery_code_at (RvAccount     *self,
                                    guint          index,
                                    const RvStamp *removed)
{
  g_return_if_fail (RV_IS_ACCOUNT (self));
  g_return_if_fail (index < self->recovery_codes->len);

  rv_account_add_code_tombstone (self, g_array_index (self->recovery_codes,
                                                      RvRecoveryCode, index).id, removed);
  g_array_remove_index (self->recovery_codes, index);
  _rv_account_touch (self, removed);
  _rv_account_notify_recovery_counts (self);
}

GArray *
rv_account_get_code_tombstones (RvAccount *self)
{
  g_return_val_if_fail (RV_IS_ACCOUNT (self), NULL);

  return self->code_tombstones;
}

/* Adds the tombstone, or moves an existing one's time forward. */
void
rv_account_add_code_tombstone (RvAccount     *self,
                               const char    *id,
                               const RvStamp *removed)
{
  RvCodeTombstone tomb = { { 0 }, *removed };

  g_return_if_fail (RV_IS_ACCOUNT (self));

  for (guint i = 0; i < self->code_tombstones->len; i++)
    {
      RvCodeTombstone *old = &g_array_index (self->code_tombstones, RvCodeTombstone, i);

      if (g_str_equal (old->id, id))
        {
          old->removed = rv_stamp_max (&old->removed, removed);
          _rv_account_touch (self, removed);
          return;
        }
    }
  _rv_account_touch (self, removed);
  g_strlcpy (tomb.id, id, sizeof tomb.id);
  g_array_append_val (self->code_tombstones, tomb);
}

void
rv_account_drop_code_tombstone (RvAccount  *self,
                                const char *id)
{
  g_return_if_fail (RV_IS_ACCOUNT (self));

  for (guint i = 0; i < self->code_tombstones->len; i++)
    if (g_str_equal (g_array_index (self->code_tombstones, RvCodeTombstone, i).id, id))
      {
        g_array_remove_index (self->code_tombstones, i);
        return;
      }
}

void
rv_account_expire_code_tombstones (RvAccount *self,
                                   gint64     before_ms)
{
  g_return_if_fail (RV_IS_ACCOUNT (self));

  for (guint i = self->code_tombstones->len; i > 0; i--)
    if (g_array_index (self->code_tombstones, RvCodeTombstone, i - 1).removed.ms < before_ms)
      g_array_remove_index (self->code_tombstones, i - 1);
}

void
rv_recovery_code_derive_id (const char     *account_id,
                            const RvSecret *code,
                            char            id[RV_RECOVERY_CODE_ID_LEN + 1])
{
  crypto_generichash_state state;
  guint8 hash[crypto_generichash_BYTES];

  crypto_generichash_init (&state, NULL, 0, sizeof hash);
  crypto_generichash_update (&state, (const guint8 *) account_id, strlen (account_id));
  crypto_generichash_update (&state, rv_secret_get_data (code), rv_secret_get_size (code));
  crypto_generichash_final (&state, hash, sizeof hash);
  sodium_bin2hex (id, RV_RECOVERY_CODE_ID_LEN + 1, hash, RV_RECOVERY_CODE_ID_LEN / 2);
  sodium_memzero (&state, sizeof state);
}

