/* rv-import-apply.c: adding imported accounts to a vault, skipping duplicates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Kept apart from the parsers so that code which only parses (fuzzers,
 * previews of a file) does not pull in the vault.
 */
#include "config.h"

#include "rv-import.h"

static guint
account_hash (gconstpointer key)
{
  RvAccount *account = (RvAccount *) key;
  const RvSecret *secret = rv_account_get_secret (account);
  const guint8 *data = rv_secret_get_data (secret);
  guint hash = 2166136261u ^ rv_account_get_kind (account);

  for (gsize i = 0; i < rv_secret_get_size (secret); i++)
    hash = (hash ^ data[i]) * 16777619u;
  return hash;
}

/* Same kind and same secret: the same authenticator, whatever its label. */
static gboolean
account_equal (gconstpointer a,
               gconstpointer b)
{
  return rv_account_same_otp ((RvAccount *) a, (RvAccount *) b);
}

static gboolean
has_otp (RvAccount *account)
{
  return rv_account_get_kind (account) != RV_OTP_KIND_NONE &&
         rv_account_get_secret (account) != NULL;
}

static void
merge (RvVault         *vault,
       RvImportResult  *result,
       gboolean         apply,
       RvImportSummary *summary)
{
  g_autoptr(GHashTable) known = g_hash_table_new (account_hash, account_equal);
  GListModel *existing = rv_vault_get_accounts (vault);
  guint n_existing = g_list_model_get_n_items (existing);

  if (summary->imported == NULL)
    {
      summary->imported = g_ptr_array_new_with_free_func (g_free);
      summary->duplicates = g_ptr_array_new_with_free_func (g_free);
      summary->rejected = g_ptr_array_new_with_free_func ((GDestroyNotify) rv_import_rejected_free);
      summary->warnings = g_ptr_array_new_with_free_func (g_free);
    }

  for (guint i = 0; i < n_existing; i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (existing, i);

      if (has_otp (account))
        g_hash_table_add (known, account);
    }

  for (guint i = 0; i < result->accounts->len; i++)
    {
      RvAccount *account = g_ptr_array_index (result->accounts, i);

      if (!has_otp (account))
        continue;
      if (g_hash_table_contains (known, account))
        {
          g_ptr_array_add (summary->duplicates, rv_account_dup_display_name (account));
          continue;
        }
      g_hash_table_add (known, account);
      g_ptr_array_add (summary->imported, rv_account_dup_display_name (account));
      summary->n_imported++;
      if (apply)
        rv_vault_add_account (vault, account);
    }

  for (guint i = 0; i < result->rejected->len; i++)
    {
      RvImportRejected *rejected = g_ptr_array_index (result->rejected, i);
      RvImportRejected *copy = g_new0 (RvImportRejected, 1);

      copy->label = g_strdup (rejected->label);
      copy->reason = g_strdup (rejected->reason);
      g_ptr_array_add (summary->rejected, copy);
    }
  for (guint i = 0; i < result->warnings->len; i++)
    g_ptr_array_add (summary->warnings, g_strdup (g_ptr_array_index (result->warnings, i)));
}

void
rv_import_apply (RvVault         *vault,
                 RvImportResult  *result,
                 RvImportSummary *summary)
{
  g_return_if_fail (RV_IS_VAULT (vault));
  g_return_if_fail (result != NULL);
  g_return_if_fail (summary != NULL);

  merge (vault, result, TRUE, summary);
}

void
rv_import_preview (RvVault         *vault,
                   RvImportResult  *result,
                   RvImportSummary *summary)
{
  g_return_if_fail (RV_IS_VAULT (vault));
  g_return_if_fail (result != NULL);
  g_return_if_fail (summary != NULL);

  merge (vault, result, FALSE, summary);
  summary->preview = TRUE;
}

void
rv_import_summary_clear (RvImportSummary *summary)
{
  g_clear_pointer (&summary->imported, g_ptr_array_unref);
  g_clear_pointer (&summary->duplicates, g_ptr_array_unref);
  g_clear_pointer (&summary->rejected, g_ptr_array_unref);
  g_clear_pointer (&summary->warnings, g_ptr_array_unref);
  summary->n_imported = 0;
  summary->preview = FALSE;
}

static guint
array_len (GPtrArray *array)
{
  return array != NULL ? array->len : 0;
}

char *
rv_import_summary_to_string (const RvImportSummary *summary)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (summary != NULL, NULL);

  g_string_append_printf (text, "%u %s, %u skipped as duplicate%s, %u rejected\n",
                          summary->n_imported, summary->preview ? "to import" : "imported",
                          array_len (summary->duplicates),
                          array_len (summary->duplicates) == 1 ? "" : "s",
                          array_len (summary->rejected));
  for (guint i = 0; i < array_len (summary->imported); i++)
    g_string_append_printf (text, "%s: %s\n", summary->preview ? "To import" : "Imported",
                            (char *) g_ptr_array_index (summary->imported, i));
  for (guint i = 0; i < array_len (summary->duplicates); i++)
    g_string_append_printf (text, "Duplicate: %s\n",
                            (char *) g_ptr_array_index (summary->duplicates, i));
  for (guint i = 0; i < array_len (summary->rejected); i++)
    {
      RvImportRejected *rejected = g_ptr_array_index (summary->rejected, i);

      g_string_append_printf (text, "Rejected: %s: %s\n", rejected->label, rejected->reason);
    }
  for (guint i = 0; i < array_len (summary->warnings); i++)
    g_string_append_printf (text, "Note: %s\n", (char *) g_ptr_array_index (summary->warnings, i));
  return g_string_free (text, FALSE);
}
