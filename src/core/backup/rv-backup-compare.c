/* rv-backup-compare.c: whether a backup holds exactly what the vault holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Used to prove a fresh export (re-opened and compared entry by entry) and by
 * restores (which accounts differ).
 */
#include "config.h"

#include "rv-backup.h"

#include <glib/gi18n-lib.h>

#include "rv-backup-private.h"

static gboolean
strvs_equal (const char * const *a,
             const char * const *b)
{
  return g_strv_equal (a, b);
}

static gboolean
recovery_codes_equal (RvAccount *a,
                      RvAccount *b)
{
  guint n = rv_account_get_n_recovery_codes (a);

  if (n != rv_account_get_n_recovery_codes (b) ||
      rv_account_get_recovery_issued_at (a) != rv_account_get_recovery_issued_at (b) ||
      rv_account_get_recovery_expected_count (a) != rv_account_get_recovery_expected_count (b) ||
      rv_account_get_recovery_checked_at (a) != rv_account_get_recovery_checked_at (b))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      const RvRecoveryCode *ca = rv_account_get_recovery_code (a, i);
      const RvRecoveryCode *cb = rv_account_get_recovery_code (b, i);

      if (ca->added_at != cb->added_at || ca->used_at != cb->used_at)
        return FALSE;
      /* A recovery-code compartment closed on one side: the sealed forms. */
      if (ca->code != NULL && cb->code != NULL ? !rv_secret_equal (ca->code, cb->code)
          : (ca->sealed == NULL || cb->sealed == NULL || !g_bytes_equal (ca->sealed, cb->sealed)))
        return FALSE;
    }
  return TRUE;
}

gboolean
rv_backup_accounts_same_content (RvAccount *a,
                                 RvAccount *b)
{
  return g_strcmp0 (rv_account_get_issuer (a), rv_account_get_issuer (b)) == 0 &&
         g_strcmp0 (rv_account_get_name (a), rv_account_get_name (b)) == 0 &&
         g_strcmp0 (rv_account_get_email (a), rv_account_get_email (b)) == 0 &&
         g_strcmp0 (rv_account_get_url (a), rv_account_get_url (b)) == 0 &&
         g_strcmp0 (rv_account_get_notes (a), rv_account_get_notes (b)) == 0 &&
         strvs_equal (rv_account_get_tags (a), rv_account_get_tags (b)) &&
         rv_account_get_kind (a) == rv_account_get_kind (b) &&
         rv_account_get_algorithm (a) == rv_account_get_algorithm (b) &&
         rv_account_get_digits (a) == rv_account_get_digits (b) &&
         rv_account_get_period (a) == rv_account_get_period (b) &&
         rv_account_get_counter (a) == rv_account_get_counter (b) &&
         rv_account_get_created (a) == rv_account_get_created (b) &&
         rv_secret_equal (rv_account_get_secret (a), rv_account_get_secret (b)) &&
         recovery_codes_equal (a, b);
}

gboolean
rv_backup_accounts_equal (RvAccount *a,
                          RvAccount *b)
{
  g_return_val_if_fail (RV_IS_ACCOUNT (a), FALSE);
  g_return_val_if_fail (RV_IS_ACCOUNT (b), FALSE);

  return g_strcmp0 (rv_account_get_id (a), rv_account_get_id (b)) == 0 &&
         rv_account_get_updated (a) == rv_account_get_updated (b) &&
         rv_backup_accounts_same_content (a, b);
}

static gboolean
requests_equal (const RvRequestRecord *a,
                const RvRequestRecord *b)
{
  return g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->account_id, b->account_id) == 0 &&
         g_strcmp0 (a->service_name, b->service_name) == 0 &&
         g_strcmp0 (a->provider_id, b->provider_id) == 0 &&
         g_strcmp0 (a->draft, b->draft) == 0 &&
         g_strcmp0 (a->ticket_url, b->ticket_url) == 0 &&
         a->created_at == b->created_at &&
         a->submitted_at == b->submitted_at &&
         a->status == b->status &&
         a->follow_up_at == b->follow_up_at;
}

/* Sets a MISMATCH error naming the first difference (never its content). */
gboolean
rv_backup_compare (RvVault  *vault,
                   RvVault  *copy,
                   GError  **error)
{
  GListModel *a = rv_vault_get_accounts (vault);
  GListModel *b = rv_vault_get_accounts (copy);
  GPtrArray *ra = rv_vault_get_requests (vault);
  GPtrArray *rb = rv_vault_get_requests (copy);
  guint n = g_list_model_get_n_items (a);

  if (n != g_list_model_get_n_items (b))
    {
      g_set_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_MISMATCH,
                   _("The backup holds %u accounts instead of %u"),
                   g_list_model_get_n_items (b), n);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RvAccount) x = g_list_model_get_item (a, i);
      g_autoptr(RvAccount) y = g_list_model_get_item (b, i);

      if (!rv_backup_accounts_equal (x, y))
        {
          g_autofree char *name = rv_account_dup_display_name (x);

          g_set_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_MISMATCH,
                       _("The account “%s” differs in the backup"), name);
          return FALSE;
        }
    }

  if (ra->len != rb->len)
    {
      g_set_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_MISMATCH,
                   _("The backup holds %u recovery requests instead of %u"), rb->len, ra->len);
      return FALSE;
    }
  for (guint i = 0; i < ra->len; i++)
    if (!requests_equal (g_ptr_array_index (ra, i), g_ptr_array_index (rb, i)))
      {
        g_set_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_MISMATCH,
                     _("A recovery request differs in the backup"));
        return FALSE;
      }
  return TRUE;
}
