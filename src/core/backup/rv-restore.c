/* rv-restore.c: restoring a vault from a backup, with a preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rv-restore.h"

#include <glib/gi18n-lib.h>

#include "rv-backup.h"
#include "rv-backup-private.h"
#include "rv-backup-scheduler.h"

static void
restore_item_free (gpointer data)
{
  RvRestoreItem *item = data;

  g_clear_object (&item->current);
  g_clear_object (&item->incoming);
  g_free (item);
}

void
rv_restore_plan_free (RvRestorePlan *plan)
{
  if (plan == NULL)
    return;
  g_clear_pointer (&plan->items, g_ptr_array_unref);
  g_clear_pointer (&plan->requests, g_ptr_array_unref);
  g_clear_pointer (&plan->backup_path, g_free);
  g_free (plan);
}

const char *
rv_restore_action_to_string (RvRestoreAction action)
{
  switch (action)
    {
    case RV_RESTORE_ADD: return "add";
    case RV_RESTORE_UPDATE: return "update";
    case RV_RESTORE_UNCHANGED: return "unchanged";
    case RV_RESTORE_REMOVE: return "remove";
    default: g_return_val_if_reached (NULL);
    }
}

/* Not secret: the secret itself is compared separately. */
static char *
identity_key (RvAccount *account)
{
  return g_strdup_printf ("%d\x1f%s\x1f%s", rv_account_get_kind (account),
                          rv_account_get_issuer (account) ? rv_account_get_issuer (account) : "",
                          rv_account_get_name (account) ? rv_account_get_name (account) : "");
}

typedef struct
{
  GHashTable *by_id;        /* id → RvAccount */
  GHashTable *by_identity;  /* identity key → GPtrArray of RvAccount */
  GHashTable *matched;      /* RvAccount set */
} AccountIndex;

static void
account_index_init (AccountIndex *index,
                    GListModel   *accounts)
{
  index->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  index->by_identity = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) g_ptr_array_unref);
  index->matched = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      RvAccount *account = g_list_model_get_item (accounts, i);
      char *key = identity_key (account);
      GPtrArray *same = g_hash_table_lookup (index->by_identity, key);

      if (same == NULL)
        {
          same = g_ptr_array_new ();
          g_hash_table_insert (index->by_identity, key, same);
        }
      else
        g_free (key);
      g_ptr_array_add (same, account);
      g_hash_table_insert (index->by_id, (gpointer) rv_account_get_id (account), account);
    }
}

static void
account_index_clear (AccountIndex *index)
{
  g_clear_pointer (&index->matched, g_hash_table_unref);
  g_clear_pointer (&index->by_identity, g_hash_table_unref);
  g_clear_pointer (&index->by_id, g_hash_table_unref);
}

/* The vault's account that @incoming is a version of: the same id, or else
 * the same kind, issuer, name and secret (e.g. re-added by hand). */
static RvAccount *
account_index_match (AccountIndex *index,
                     RvAccount    *incoming)
{
  RvAccount *current = g_hash_table_lookup (index->by_id, rv_account_get_id (incoming));
  g_autofree char *key = NULL;
  GPtrArray *same;

  if (current != NULL && !g_hash_table_contains (index->matched, current))
    return current;

  key = identity_key (incoming);
  same = g_hash_table_lookup (index->by_identity, key);
  for (guint i = 0; same != NULL && i < same->len; i++)
    {
      RvAccount *candidate = g_ptr_array_index (same, i);

      if (!g_hash_table_contains (index->matched, candidate) &&
          rv_secret_equal (rv_account_get_secret (candidate), rv_account_get_secret (incoming)))
        return candidate;
    }
  return NULL;
}

static void
plan_add_item (RvRestorePlan   *plan,
               RvRestoreAction  action,
               RvAccount       *current,
               RvAccount       *incoming)
{
  RvRestoreItem *item = g_new0 (RvRestoreItem, 1);

  item->action = action;
  item->current = current ? g_object_ref (current) : NULL;
  item->incoming = incoming ? g_object_ref (incoming) : NULL;
  g_ptr_array_add (plan->items, item);
  switch (action)
    {
    case RV_RESTORE_ADD: plan->n_added++; break;
    case RV_RESTORE_UPDATE: plan->n_updated++; break;
    case RV_RESTORE_UNCHANGED: plan->n_unchanged++; break;
    case RV_RESTORE_REMOVE: plan->n_removed++; break;
    default: g_assert_not_reached ();
    }
}

static void
plan_accounts (RvRestorePlan *plan,
               RvVault       *vault,
               RvVault       *backup)
{
  GListModel *mine = rv_vault_get_accounts (vault);
  GListModel *theirs = rv_vault_get_accounts (backup);
  AccountIndex index;

  account_index_init (&index, mine);
  for (guint i = 0; i < g_list_model_get_n_items (theirs); i++)
    {
      g_autoptr(RvAccount) incoming = g_list_model_get_item (theirs, i);
      RvAccount *current = account_index_match (&index, incoming);

      if (current == NULL)
        plan_add_item (plan, RV_RESTORE_ADD, NULL, incoming);
      else
        {
          g_hash_table_add (index.matched, current);
          plan_add_item (plan, rv_backup_accounts_same_content (current, incoming)
                               ? RV_RESTORE_UNCHANGED : RV_RESTORE_UPDATE,
                         current, incoming);
        }
    }

  if (plan->mode == RV_RESTORE_REPLACE)
    for (guint i = 0; i < g_list_model_get_n_items (mine); i++)
      {
        g_autoptr(RvAccount) current = g_list_model_get_item (mine, i);

        if (!g_hash_table_contains (index.matched, current))
          plan_add_item (plan, RV_RESTORE_REMOVE, current, NULL);
      }
  account_index_clear (&index);
}

/* Requests are records of what happened: restoring only adds missing ones. */
static void
plan_requests (RvRestorePlan *plan,
               RvVault       *vault,
               RvVault       *backup)
{
  GPtrArray *mine = rv_vault_get_requests (vault);
  GPtrArray *theirs = rv_vault_get_requests (backup);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < mine->len; i++)
    {
      RvRequestRecord *request = g_ptr_array_index (mine, i);

      if (request->id != NULL)
        g_hash_table_add (ids, request->id);
    }
  for (guint i = 0; i < theirs->len; i++)
    {
      RvRequestRecord *request = g_ptr_array_index (theirs, i);

      if (request->id != NULL && g_hash_table_contains (ids, request->id))
        continue;
      g_ptr_array_add (plan->requests, rv_request_record_copy (request));
      plan->n_requests_added++;
    }
}

RvRestorePlan *
rv_backup_plan_restore (RvVault       *vault,
                        RvVault       *backup,
                        RvRestoreMode  mode)
{
  RvRestorePlan *plan;

  g_return_val_if_fail (RV_IS_VAULT (vault), NULL);
  g_return_val_if_fail (RV_IS_VAULT (backup), NULL);
  g_return_val_if_fail (mode == RV_RESTORE_MERGE || mode == RV_RESTORE_REPLACE, NULL);

  plan = g_new0 (RvRestorePlan, 1);
  plan->mode = mode;
  plan->items = g_ptr_array_new_with_free_func (restore_item_free);
  plan->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) rv_request_record_free);
  plan->backup_path = g_strdup (rv_vault_get_path (backup));
  plan->n_backup_accounts = g_list_model_get_n_items (rv_vault_get_accounts (backup));
  plan->n_backup_requests = rv_vault_get_requests (backup)->len;
  plan_accounts (plan, vault, backup);
  plan_requests (plan, vault, backup);
  return plan;
}

/* Applying */

static void
copy_recovery_codes (RvAccount *dest,
                     RvAccount *src)
{
  rv_account_clear_recovery_codes (dest);
  for (guint i = 0; i < rv_account_get_n_recovery_codes (src); i++)
    {
      const RvRecoveryCode *code = rv_account_get_recovery_code (src, i);

      /* Codes of one account are distinct, so this cannot fail. */
      rv_account_add_recovery_code (dest, code->code, code->added_at, code->used_at, NULL);
    }
  rv_account_set_recovery_issued_at (dest, rv_account_get_recovery_issued_at (src));
  rv_account_set_recovery_expected_count (dest, rv_account_get_recovery_expected_count (src));
  rv_account_set_recovery_checked_at (dest, rv_account_get_recovery_checked_at (src));
}

/* Everything but the id. Inside a vault, "updated" moves to now with any
 * change: restoring is a change. */
static void
copy_account_fields (RvAccount *dest,
                     RvAccount *src)
{
  g_object_freeze_notify (G_OBJECT (dest));
  rv_account_set_issuer (dest, rv_account_get_issuer (src));
  rv_account_set_name (dest, rv_account_get_name (src));
  rv_account_set_email (dest, rv_account_get_email (src));
  rv_account_set_url (dest, rv_account_get_url (src));
  rv_account_set_notes (dest, rv_account_get_notes (src));
  rv_account_set_tags (dest, rv_account_get_tags (src));
  rv_account_set_kind (dest, rv_account_get_kind (src));
  rv_account_set_algorithm (dest, rv_account_get_algorithm (src));
  rv_account_set_digits (dest, rv_account_get_digits (src));
  rv_account_set_period (dest, rv_account_get_period (src));
  rv_account_set_counter (dest, rv_account_get_counter (src));
  rv_account_set_secret (dest, rv_account_get_secret (src));
  copy_recovery_codes (dest, src);
  rv_account_set_created (dest, rv_account_get_created (src));
  rv_account_set_updated (dest, rv_account_get_updated (src));
  g_object_thaw_notify (G_OBJECT (dest));
}

static RvAccount *
dup_account (RvAccount *src)
{
  RvAccount *copy = rv_account_new ();

  rv_account_set_id (copy, rv_account_get_id (src));
  copy_account_fields (copy, src);
  return copy;
}

/* Every backed-up account is in the vault now (added, updated or kept): with
 * the same numbers, the vault holds nothing else, and the backup file holds
 * exactly the vault, so nothing has changed since that backup. */
static void
record_if_identical (RvVault       *vault,
                     RvRestorePlan *plan)
{
  RvBackupState *state = rv_vault_get_backup_state (vault);

  if (plan->backup_path == NULL ||
      g_list_model_get_n_items (rv_vault_get_accounts (vault)) != plan->n_backup_accounts ||
      rv_vault_get_requests (vault)->len != plan->n_backup_requests)
    return;
  state->exported_at = state->changed_at;
  state->verified_at = state->changed_at;
  g_free (state->export_path);
  state->export_path = g_canonicalize_filename (plan->backup_path, NULL);
}

/* Recovery codes are copied in plain: the backup's recovery-code
 * compartment (if any) must be open, and so must the vault's. */
static gboolean
check_codes_unlocked (RvVault        *vault,
                      RvRestorePlan  *plan,
                      GError        **error)
{
  gboolean vault_locked = rv_vault_get_compartment_enabled (vault) &&
                          !rv_vault_get_compartment_open (vault);

  for (guint i = 0; i < plan->items->len; i++)
    {
      RvRestoreItem *item = g_ptr_array_index (plan->items, i);
      guint n;

      if (item->action != RV_RESTORE_ADD && item->action != RV_RESTORE_UPDATE)
        continue;
      n = rv_account_get_n_recovery_codes (item->incoming);
      for (guint j = 0; j < n; j++)
        if (rv_account_get_recovery_code (item->incoming, j)->code == NULL)
          {
            g_set_error_literal (error, RV_VAULT_ERROR, RV_VAULT_ERROR_COMPARTMENT_LOCKED,
                                 _("The backup's recovery codes are in a locked compartment; "
                                   "open it with its password first"));
            return FALSE;
          }
      if (vault_locked && (n > 0 || (item->current != NULL &&
                                     rv_account_get_n_recovery_codes (item->current) > 0)))
        {
          g_set_error_literal (error, RV_VAULT_ERROR, RV_VAULT_ERROR_COMPARTMENT_LOCKED,
                               _("The recovery codes are in a locked compartment; "
                                 "open it with its password first"));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
rv_backup_apply_restore (RvVault        *vault,
                         RvRestorePlan  *plan,
                         GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (RV_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);

  if (!check_codes_unlocked (vault, plan, error))
    return FALSE;
  for (guint i = 0; i < plan->items->len; i++)
    {
      RvRestoreItem *item = g_ptr_array_index (plan->items, i);

      switch (item->action)
        {
        case RV_RESTORE_ADD:
          {
            g_autoptr(RvAccount) copy = dup_account (item->incoming);

            rv_vault_add_account (vault, copy);
          }
          break;
        case RV_RESTORE_UPDATE:
          copy_account_fields (item->current, item->incoming);
          break;
        case RV_RESTORE_REMOVE:
          rv_vault_remove_account (vault, item->current);
          break;
        case RV_RESTORE_UNCHANGED:
        default:
          break;
        }
    }
  for (guint i = 0; i < plan->requests->len; i++)
    rv_vault_add_request (vault, rv_request_record_copy (g_ptr_array_index (plan->requests, i)));

  rv_vault_mark_changed (vault);
  record_if_identical (vault, plan);
  if (!rv_backup_save (vault, &local_error))
    {
      g_set_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_IO,
                   _("The backup was restored but the vault could not be saved: %s"),
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}
