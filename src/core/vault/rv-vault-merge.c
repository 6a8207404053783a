/* rv-vault-merge.c: merging another copy of the same vault
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two machines that edit one vault between syncs leave two copies; merging
 * them is a per-item "newer stamp wins" (stamps: rv-stamp.h) with three
 * extra rules: a used recovery code stays used, a removal (tombstone) wins
 * over an older change and loses to a newer one, and a value replaced by a
 * newer one is kept in the account's history. Every rule is a function of
 * the two values and their stamps alone, so the result is the same in either
 * order and merging twice changes nothing (tests/test-vault-merge.c).
 * The one thing that depends on the order is the order of accounts: this
 * vault's order is kept and accounts new to it follow in the other's order.
 */
#include "config.h"

#include "rv-vault-merge.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rv-util.h"
#include "rv-vault-payload.h"
#include "rv-vault-private.h"
#include "rv-storage.h"

void
rv_merge_report_free (RvMergeReport *report)
{
  g_free (report);
}

GArray *
rv_vault_get_tombstones (RvVault *self)
{
  g_return_val_if_fail (RV_IS_VAULT (self), NULL);

  return self->tombstones;
}

RvVault *
rv_vault_open_copy (RvVault         *self,
                    const char      *path,
                    const RvSecret  *password,
                    GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RvVaultFile) file = NULL;
  g_autoptr(GError) key_error = NULL;
  RvVault *copy;

  g_return_val_if_fail (RV_IS_VAULT (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!_rv_vault_check_open (self, error))
    return NULL;
  bytes = rv_storage_read (path, error);
  if (bytes == NULL)
    return NULL;
  file = rv_vault_file_parse (bytes, path, error);
  if (file == NULL)
    return NULL;
  if (!g_str_equal (file->vault_id, self->vault_id))
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD,
                   _("%s holds another vault (id %s, not %s)"), path, file->vault_id,
                   self->vault_id);
      return NULL;
    }
  copy = _rv_vault_new_from_file (file, self->master_key, path, &key_error);
  if (copy == NULL && password != NULL &&
      g_error_matches (key_error, RV_VAULT_ERROR, RV_VAULT_ERROR_TAMPERED))
    {
      /* The key was rotated on the other device: its own slot opens it. */
      g_autoptr(RvSecret) other_key = _rv_vault_unwrap_with_password (file, password, error);

      if (other_key == NULL)
        return NULL;
      return _rv_vault_new_from_file (file, other_key, path, error);
    }
  if (copy == NULL)
    g_propagate_error (error, g_steal_pointer (&key_error));
  return copy;
}

typedef struct
{
  RvVault       *self;
  RvMergeReport *report;
} Merge;

static void
merge_codes (Merge     *m,
             RvAccount *mine,
             RvAccount *theirs)
{
  guint n = rv_account_get_n_recovery_codes (theirs);
  GArray *their_tombs = rv_account_get_code_tombstones (theirs);

  for (guint i = 0; i < n; i++)
    {
      const RvRecoveryCode *code = rv_account_get_recovery_code (theirs, i);
      gint index = rv_account_find_recovery_code_id (mine, code->id);
      RvCodeTombstone *tomb = NULL;
      GArray *my_tombs = rv_account_get_code_tombstones (mine);

      if (index < 0)
        index = rv_account_find_recovery_code (mine, code->code);
      if (index >= 0)
        {
          const RvRecoveryCode *old = rv_account_get_recovery_code (mine, index);
          RvRecoveryCode merged = *old;

          /* Used once is used for good: the earlier use is kept. */
          if (code->used_at != 0 && (old->used_at == 0 || code->used_at < old->used_at))
            merged.used_at = code->used_at;
          if (code->added_at != 0 && (old->added_at == 0 || code->added_at < old->added_at))
            merged.added_at = code->added_at;
          merged.modified = rv_stamp_max (&old->modified, &code->modified);
          /* The same code added on two devices: the smaller id names it. */
          if (strcmp (code->id, old->id) < 0)
            {
              memcpy (merged.id, code->id, sizeof merged.id);
              /* Its sealed form names the old id: sealed again on save. */
              merged.sealed = NULL;
            }
          if (merged.used_at != old->used_at || merged.added_at != old->added_at ||
              rv_stamp_compare (&merged.modified, &old->modified) != 0 ||
              strcmp (merged.id, old->id) != 0)
            {
              if (strcmp (merged.id, old->id) != 0)
                rv_account_drop_code_tombstone (mine, merged.id);
              rv_account_put_recovery_code (mine, &merged);
              m->report->changes++;
            }
          continue;
        }
      for (guint j = 0; j < my_tombs->len; j++)
        if (g_str_equal (g_array_index (my_tombs, RvCodeTombstone, j).id, code->id))
          tomb = &g_array_index (my_tombs, RvCodeTombstone, j);
      if (tomb != NULL && rv_stamp_compare (&code->modified, &tomb->removed) <= 0)
        continue;  /* removed here after their last change */
      if (tomb != NULL)
        rv_account_drop_code_tombstone (mine, code->id);
      rv_account_put_recovery_code (mine, code);
      m->report->changes++;
    }

  for (guint i = 0; i < their_tombs->len; i++)
    {
      const RvCodeTombstone *tomb = &g_array_index (their_tombs, RvCodeTombstone, i);
      gint index = rv_account_find_recovery_code_id (mine, tomb->id);

      if (index >= 0)
        {
          const RvRecoveryCode *code = rv_account_get_recovery_code (mine, index);

          if (rv_stamp_compare (&code->modified, &tomb->removed) <= 0)
            {
              rv_account_remove_recovery_code_at (mine, index, &tomb->removed);
              m->report->changes++;
            }
          /* else: changed here after that removal; the removal loses. */
        }
      else
        rv_account_add_code_tombstone (mine, tomb->id, &tomb->removed);
    }
}

/* Keeps @loser's value of @field in @mine's history, unless it is empty
 * (nothing typed to lose). Both merge orders record the same entry. */
static void
keep_history (Merge          *m,
              RvAccount      *mine,
              RvAccount      *loser,
              RvAccountField  field,
              const RvStamp  *replaced)
{
  RvAccountHistoryEntry *entry;

  if (field > RV_ACCOUNT_FIELD_OTP)
    return;  /* numbers: the counter and recovery dates are not typed text */
  entry = rv_account_dup_history_entry (loser, field, replaced);
  if (entry->text == NULL && entry->tags == NULL && entry->secret == NULL)
    {
      rv_account_history_entry_free (entry);
      return;
    }
  if (rv_account_add_history (mine, entry))
    m->report->history++;
}

static void
merge_account (Merge     *m,
               RvAccount *mine,
               RvAccount *theirs)
{
  GPtrArray *their_history = rv_account_get_history (theirs);

  for (guint f = 0; f < RV_ACCOUNT_N_FIELDS; f++)
    {
      RvStamp a = rv_account_get_field_stamp (mine, f);
      RvStamp b = rv_account_get_field_stamp (theirs, f);
      int order = rv_stamp_compare (&b, &a);
      gboolean same = rv_account_field_equal (mine, theirs, f);

      if (order > 0)
        {
          if (!same)
            {
              keep_history (m, mine, mine, f, &b);
              m->report->changes++;
            }
          rv_account_copy_field (mine, theirs, f);
        }
      else if (order < 0 && !same)
        {
          guint before = m->report->history;

          /* Ours is newer; theirs is kept as history (as their merge will). */
          keep_history (m, mine, theirs, f, &a);
          m->report->changes += m->report->history - before;
        }
    }
  for (guint i = 0; i < their_history->len; i++)
    if (rv_account_add_history (mine, rv_account_history_entry_copy (
                                  g_ptr_array_index (their_history, i))))
      m->report->changes++;
  merge_codes (m, mine, theirs);
}

static void
merge_accounts (Merge   *m,
                RvVault *other)
{
  RvVault *self = m->self;
  GListModel *theirs = G_LIST_MODEL (other->accounts);
  guint n = g_list_model_get_n_items (theirs);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (theirs, i);
      const char *id = rv_account_get_id (account);
      RvAccount *mine = rv_vault_find_account_by_id (self, id);
      RvTombstone *tomb;

      if (mine != NULL)
        {
          merge_account (m, mine, account);
          continue;
        }
      tomb = rv_tombstones_find (self->tombstones, id, RV_TOMBSTONE_ACCOUNT);
      if (tomb != NULL)
        {
          RvStamp modified = rv_account_get_modified (account);

          if (rv_stamp_compare (&modified, &tomb->removed) <= 0)
            continue;  /* removed here after its last change there */
          rv_tombstones_remove (self->tombstones, id, RV_TOMBSTONE_ACCOUNT);
        }
      {
        g_autoptr(RvAccount) copy = rv_account_copy (account);

        rv_account_set_owner (copy, NULL, NULL);
        g_list_store_append (self->accounts, copy);
        m->report->changes++;
      }
    }
}

static void
merge_tombstones (Merge   *m,
                  RvVault *other)
{
  RvVault *self = m->self;

  for (guint i = 0; i < other->tombstones->len; i++)
    {
      const RvTombstone *t = &g_array_index (other->tombstones, RvTombstone, i);

      if (g_str_equal (t->type, RV_TOMBSTONE_ACCOUNT))
        {
          RvAccount *mine = rv_vault_find_account_by_id (self, t->id);

          if (mine != NULL)
            {
              RvStamp modified = rv_account_get_modified (mine);
              guint position;

              if (rv_stamp_compare (&modified, &t->removed) > 0)
                continue;  /* changed here after that removal: it stays */
              if (rv_account_get_owner (mine) == self)
                rv_account_set_owner (mine, NULL, NULL);
              if (g_list_store_find (self->accounts, mine, &position))
                g_list_store_remove (self->accounts, position);
              m->report->changes++;
            }
          rv_tombstones_add (self->tombstones, t->id, t->type, &t->removed);
        }
      else if (g_str_equal (t->type, RV_TOMBSTONE_REQUEST))
        {
          gboolean keep = TRUE;

          for (guint j = 0; j < self->requests->len; j++)
            {
              RvRequestRecord *r = g_ptr_array_index (self->requests, j);

              if (!g_str_equal (r->id, t->id))
                continue;
              keep = rv_stamp_compare (&r->modified, &t->removed) <= 0;
              if (keep)
                {
                  g_ptr_array_remove_index (self->requests, j);
                  m->report->changes++;
                }
              break;
            }
          if (keep)
            rv_tombstones_add (self->tombstones, t->id, t->type, &t->removed);
        }
      else if (rv_vault_find_account_by_id (self, t->parent) != NULL)
        {
          RvAccount *mine = rv_vault_find_account_by_id (self, t->parent);
          gint index = rv_account_find_recovery_code_id (mine, t->id);

          if (index < 0)
            rv_account_add_code_tombstone (mine, t->id, &t->removed);
          else if (rv_stamp_compare (&rv_account_get_recovery_code (mine, index)->modified,
                                     &t->removed) <= 0)
            {
              rv_account_remove_recovery_code_at (mine, index, &t->removed);
              m->report->changes++;
            }
        }
      else
        {
          RvTombstone *old = rv_tombstones_find (self->tombstones, t->id, t->type);

          if (old == NULL)
            {
              RvTombstone copy = { g_strdup (t->id), g_strdup (t->type), g_strdup (t->parent),
                                   t->removed };

              g_array_append_val (self->tombstones, copy);
            }
          else
            old->removed = rv_stamp_max (&old->removed, &t->removed);
        }
    }
}

/* The newer stamp; two different contents with one stamp (changes stamped in
 * the same millisecond) are ordered by their content, so both sides agree. */
static gboolean
request_newer (const RvRequestRecord *a,
               const RvRequestRecord *b)
{
  int order = rv_stamp_compare (&a->modified, &b->modified);
  g_autofree char *ca = NULL;
  g_autofree char *cb = NULL;

  if (order != 0)
    return order > 0;
  ca = _rv_vault_request_content (a);
  cb = _rv_vault_request_content (b);
  return strcmp (ca, cb) > 0;
}

static void
merge_requests (Merge   *m,
                RvVault *other)
{
  RvVault *self = m->self;

  for (guint i = 0; i < other->requests->len; i++)
    {
      const RvRequestRecord *theirs = g_ptr_array_index (other->requests, i);
      RvTombstone *tomb;
      gboolean found = FALSE;

      for (guint j = 0; j < self->requests->len; j++)
        {
          RvRequestRecord *mine = g_ptr_array_index (self->requests, j);

          if (!g_str_equal (mine->id, theirs->id))
            continue;
          found = TRUE;
          if (request_newer (theirs, mine))
            {
              g_ptr_array_index (self->requests, j) = rv_request_record_copy (theirs);
              rv_request_record_free (mine);
              m->report->changes++;
            }
          break;
        }
      if (found)
        continue;
      tomb = rv_tombstones_find (self->tombstones, theirs->id, RV_TOMBSTONE_REQUEST);
      if (tomb != NULL)
        {
          if (rv_stamp_compare (&theirs->modified, &tomb->removed) <= 0)
            continue;
          rv_tombstones_remove (self->tombstones, theirs->id, RV_TOMBSTONE_REQUEST);
        }
      g_ptr_array_add (self->requests, rv_request_record_copy (theirs));
      m->report->changes++;
    }
}

/* Times only move forward; the export path goes with the latest export. */
static void
merge_backup_state (Merge   *m,
                    RvVault *other)
{
  RvBackupState *mine = &m->self->backup;
  const RvBackupState *theirs = &other->backup;

  if (theirs->exported_at > mine->exported_at ||
      (theirs->exported_at == mine->exported_at &&
       g_strcmp0 (theirs->export_path, mine->export_path) > 0))
    {
      mine->exported_at = theirs->exported_at;
      g_free (mine->export_path);
      mine->export_path = g_strdup (theirs->export_path);
    }
  mine->verified_at = MAX (mine->verified_at, theirs->verified_at);
  mine->password_entered_at = MAX (mine->password_entered_at, theirs->password_entered_at);
  mine->changed_at = MAX (mine->changed_at, theirs->changed_at);
}

gboolean
rv_vault_merge (RvVault        *self,
                RvVault        *other,
                RvMergeReport **report,
                GError        **error)
{
  g_autoptr(RvMergeReport) result = g_new0 (RvMergeReport, 1);
  Merge m = { self, result };
  guint n;

  g_return_val_if_fail (RV_IS_VAULT (self), FALSE);
  g_return_val_if_fail (RV_IS_VAULT (other), FALSE);

  if (!_rv_vault_check_open (self, error) || !_rv_vault_check_open (other, error))
    return FALSE;
  if (g_strcmp0 (self->vault_id, other->vault_id) != 0)
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD,
                   _("%s is a copy of another vault (id %s, not %s); it was not merged"),
                   other->path ? other->path : "?", other->vault_id, self->vault_id);
      return FALSE;
    }
  if (!_rv_vault_compartment_check_merge (self, other, error))
    return FALSE;

  /* Changes made in place since the last save get their stamps first. */
  _rv_vault_stamp_requests (self);
  _rv_vault_stamp_requests (other);

  merge_accounts (&m, other);
  merge_tombstones (&m, other);
  merge_requests (&m, other);
  merge_backup_state (&m, other);

  /* Accounts taken from the other copy are watched like the others. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

      if (rv_account_get_owner (account) == NULL)
        _rv_vault_watch_account (self, account);
    }

  /* Sealed codes that came in are decrypted too if the compartment is open. */
  if (!_rv_vault_compartment_refresh (self, error))
    return FALSE;
  if (result->changes > 0)
    _rv_vault_set_dirty (self, TRUE);
  /* What the merge took counts as stamped, not as a change made here. */
  _rv_vault_remember_requests (self);
  if (report != NULL)
    *report = g_steal_pointer (&result);
  return TRUE;
}
