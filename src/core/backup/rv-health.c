/* rv-health.c: backup health warnings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rv-health.h"
#include "rv-util.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#define SECONDS_PER_DAY (24 * 60 * 60)

void
rv_health_policy_init (RvHealthPolicy *policy)
{
  g_return_if_fail (policy != NULL);

  policy->now = rv_now ();
  policy->max_backup_age_days = 30;
  policy->few_codes_threshold = 2;
  policy->password_reminder_days = 30;
}

void
rv_health_warning_free (RvHealthWarning *warning)
{
  if (warning == NULL)
    return;
  g_free (warning->account_id);
  g_free (warning->title);
  g_free (warning->detail);
  g_free (warning);
}

static void
add_warning (GPtrArray    *warnings,
             RvHealthKind  kind,
             RvHealthFix   fix,
             RvAccount    *account,
             char         *title,
             char         *detail)
{
  RvHealthWarning *warning = g_new0 (RvHealthWarning, 1);

  warning->kind = kind;
  warning->fix = fix;
  warning->account_id = account ? g_strdup (rv_account_get_id (account)) : NULL;
  warning->title = title;
  warning->detail = detail;
  g_ptr_array_add (warnings, warning);
}

static void
check_backup (GPtrArray            *warnings,
              RvVault              *vault,
              const RvHealthPolicy *policy)
{
  RvBackupState *state = rv_vault_get_backup_state (vault);
  gint64 max_age = (gint64) policy->max_backup_age_days * SECONDS_PER_DAY;

  /* An empty vault has nothing to lose yet. */
  if (state->exported_at == 0)
    {
      if (g_list_model_get_n_items (rv_vault_get_accounts (vault)) > 0)
        add_warning (warnings, RV_HEALTH_NEVER_BACKED_UP, RV_HEALTH_FIX_EXPORT_BACKUP, NULL,
                     g_strdup (_("Never backed up")),
                     g_strdup (_("If this computer is lost, so are your codes. "
                                 "Export an encrypted backup and keep it elsewhere.")));
      return;
    }

  if (state->changed_at > state->exported_at)
    add_warning (warnings, RV_HEALTH_CHANGED_SINCE_BACKUP, RV_HEALTH_FIX_EXPORT_BACKUP, NULL,
                 g_strdup (_("Changed since the last backup")),
                 g_strdup (_("Your last backup lacks recent changes. "
                             "Export a new encrypted backup.")));

  if (max_age > 0 && policy->now - state->exported_at > max_age)
    {
      gint64 days = (policy->now - state->exported_at) / SECONDS_PER_DAY;

      add_warning (warnings, RV_HEALTH_BACKUP_TOO_OLD, RV_HEALTH_FIX_EXPORT_BACKUP, NULL,
                   g_strdup (_("Backup is old")),
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "The last backup is %d day old. "
                                                 "Export a new encrypted backup.",
                                                 "The last backup is %d days old. "
                                                 "Export a new encrypted backup.",
                                                 (gulong) days),
                                    (int) MIN (days, G_MAXINT)));
    }
}

/* "Few" means at most the threshold, unless the provider issues no more
 * than that in the first place (Microsoft issues one code): then only a
 * used-up code counts. */
static gboolean
has_few_codes (RvAccount *account,
               guint      threshold)
{
  guint expected = rv_account_get_recovery_expected_count (account);
  guint unused = rv_account_get_n_unused_recovery_codes (account);

  if (expected > 0 && expected <= threshold)
    return unused < expected;
  return unused <= threshold;
}

static void
check_account (GPtrArray            *warnings,
               RvAccount            *account,
               const RvHealthPolicy *policy)
{
  g_autofree char *name = NULL;
  guint n_codes = rv_account_get_n_recovery_codes (account);
  guint unused;

  if (rv_account_get_kind (account) == RV_OTP_KIND_NONE && n_codes == 0)
    return;

  name = rv_account_dup_display_name (account);
  if (n_codes == 0)
    {
      add_warning (warnings, RV_HEALTH_NO_RECOVERY_CODES, RV_HEALTH_FIX_ADD_RECOVERY_CODES, account,
                   g_strdup_printf (_("No recovery codes for %s"), name),
                   g_strdup (_("Without recovery codes, losing this device locks you out. "
                               "Add the codes the service gave you.")));
      return;
    }

  if (!has_few_codes (account, policy->few_codes_threshold))
    return;
  unused = rv_account_get_n_unused_recovery_codes (account);
  add_warning (warnings, RV_HEALTH_FEW_RECOVERY_CODES, RV_HEALTH_FIX_REGENERATE_RECOVERY_CODES,
               account,
               g_strdup_printf (_("Few recovery codes left for %s"), name),
               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Only %u unused code is left. Generate a new set "
                                             "on the service and store it here.",
                                             "Only %u unused codes are left. Generate a new set "
                                             "on the service and store it here.",
                                             unused),
                                unused));
}

static void
check_password (GPtrArray            *warnings,
                RvVault              *vault,
                const RvHealthPolicy *policy)
{
  RvBackupState *state = rv_vault_get_backup_state (vault);
  gint64 limit = (gint64) policy->password_reminder_days * SECONDS_PER_DAY;

  if (limit == 0 || !rv_vault_get_keyring_enabled (vault))
    return;
  if (state->password_entered_at != 0 && policy->now - state->password_entered_at <= limit)
    return;
  add_warning (warnings, RV_HEALTH_PASSWORD_NOT_ENTERED, RV_HEALTH_FIX_CONFIRM_PASSWORD, NULL,
               g_strdup (_("Vault password not used for a long time")),
               g_strdup (_("The vault opens with your login keyring, so the password is easy "
                           "to forget. Type it once to confirm you still know it.")));
}

/* The digest of every code of @account, used or not (crossing out a used
 * code does not make the paper wrong; a new or replaced code does). It is
 * kept only inside the encrypted vault, like the codes. */
static char *
sheet_digest (RvAccount *account)
{
  crypto_generichash_state state;
  guint8 digest[16];
  char hex[2 * sizeof digest + 1];

  /* Sealed codes (the recovery-code compartment closed): unknown. */
  for (guint i = 0; i < rv_account_get_n_recovery_codes (account); i++)
    if (rv_account_get_recovery_code (account, i)->code == NULL)
      return NULL;
  crypto_generichash_init (&state, NULL, 0, sizeof digest);
  for (guint i = 0; i < rv_account_get_n_recovery_codes (account); i++)
    {
      const RvSecret *code = rv_account_get_recovery_code (account, i)->code;
      guint8 size[8];
      guint64 n = rv_secret_get_size (code);

      for (guint b = 0; b < 8; b++)
        size[b] = (guint8) (n >> (8 * b));
      crypto_generichash_update (&state, size, sizeof size);
      crypto_generichash_update (&state, rv_secret_get_data (code), n);
    }
  crypto_generichash_final (&state, digest, sizeof digest);
  return g_strdup (sodium_bin2hex (hex, sizeof hex, digest, sizeof digest));
}

void
rv_health_record_sheet (RvVault   *vault,
                        GPtrArray *accounts,
                        gint64     when)
{
  RvBackupState *state;
  g_autoptr(GHashTable) printed = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) old = NULL;
  GString *codes = g_string_new (NULL);

  g_return_if_fail (RV_IS_VAULT (vault));
  g_return_if_fail (accounts != NULL);

  state = rv_vault_get_backup_state (vault);
  for (guint i = 0; i < accounts->len; i++)
    {
      RvAccount *account = g_ptr_array_index (accounts, i);
      g_autofree char *digest = sheet_digest (account);

      if (digest == NULL)
        continue;
      g_hash_table_add (printed, (gpointer) rv_account_get_id (account));
      g_string_append_printf (codes, "%s%s:%s", codes->len > 0 ? " " : "",
                              rv_account_get_id (account), digest);
    }
  /* Accounts printed on an earlier sheet and not on this one keep their entry. */
  old = g_strsplit (state->sheet_codes != NULL ? state->sheet_codes : "", " ", -1);
  for (guint i = 0; old[i] != NULL; i++)
    {
      g_autofree char *id = g_strndup (old[i], strcspn (old[i], ":"));

      if (*old[i] != '\0' && !g_hash_table_contains (printed, id) &&
          rv_vault_find_account_by_id (vault, id) != NULL)
        g_string_append_printf (codes, "%s%s", codes->len > 0 ? " " : "", old[i]);
    }
  g_free (state->sheet_codes);
  state->sheet_codes = g_string_free (codes, FALSE);
  state->sheet_printed_at = when;
  rv_vault_mark_dirty (vault);
}

static void
check_sheet (GPtrArray *warnings,
             RvVault   *vault)
{
  RvBackupState *state = rv_vault_get_backup_state (vault);
  g_auto(GStrv) entries = NULL;
  g_autoptr(GDateTime) printed = NULL;
  g_autofree char *date = NULL;

  if (state->sheet_codes == NULL)
    return;
  printed = g_date_time_new_from_unix_local (state->sheet_printed_at);
  date = printed != NULL ? g_date_time_format (printed, "%Y-%m-%d") : g_strdup ("?");
  entries = g_strsplit (state->sheet_codes, " ", -1);
  for (guint i = 0; entries[i] != NULL; i++)
    {
      const char *colon = strchr (entries[i], ':');
      g_autofree char *id = NULL;
      g_autofree char *digest = NULL;
      g_autofree char *name = NULL;
      RvAccount *account;

      if (colon == NULL)
        continue;
      id = g_strndup (entries[i], colon - entries[i]);
      account = rv_vault_find_account_by_id (vault, id);
      if (account == NULL)
        continue;
      digest = sheet_digest (account);
      if (digest == NULL || g_str_equal (digest, colon + 1))
        continue;
      name = rv_account_dup_display_name (account);
      add_warning (warnings, RV_HEALTH_SHEET_OUT_OF_DATE, RV_HEALTH_FIX_PRINT_SHEET, account,
                   g_strdup_printf (_("Emergency sheet out of date for %s"), name),
                   /* TRANSLATORS: %s is a date such as 2026-12-06 */
                   g_strdup_printf (_("Its recovery codes changed after the sheet of %s was "
                                      "printed. Print a new emergency sheet and destroy the "
                                      "old one."), date));
    }
}

GPtrArray *
rv_health_check (RvVault              *vault,
                 const RvHealthPolicy *policy)
{
  GPtrArray *warnings;
  RvHealthPolicy defaults;
  GListModel *accounts;

  g_return_val_if_fail (RV_IS_VAULT (vault), NULL);

  if (policy == NULL)
    {
      rv_health_policy_init (&defaults);
      policy = &defaults;
    }

  warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) rv_health_warning_free);
  check_backup (warnings, vault, policy);
  check_password (warnings, vault, policy);
  check_sheet (warnings, vault);

  accounts = rv_vault_get_accounts (vault);
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (accounts, i);

      check_account (warnings, account, policy);
    }
  return warnings;
}

/* The one bookkeeping of "the user typed the vault password": the
 * reminder (RV_HEALTH_PASSWORD_NOT_ENTERED) starts again from now. Saved at
 * once when keyring unlock is on (only then does the reminder apply, and a
 * keyring unlock may never save otherwise); else it is only kept in memory
 * and goes with the next save (a read-only command writes nothing). */
gboolean
rv_health_record_password_entered (RvVault  *vault,
                                   GError  **error)
{
  g_return_val_if_fail (RV_IS_VAULT (vault), FALSE);

  rv_vault_get_backup_state (vault)->password_entered_at = rv_now ();
  if (!rv_vault_get_keyring_enabled (vault))
    return TRUE;
  rv_vault_mark_dirty (vault);
  return rv_vault_save (vault, error);
}

/* A confirmation is the user's own act: saved in any case. */
static gboolean
record_confirmed (RvVault  *vault,
                  GError  **error)
{
  if (!rv_health_record_password_entered (vault, error))
    return FALSE;
  if (rv_vault_get_keyring_enabled (vault))
    return TRUE;   /* saved already */
  rv_vault_mark_dirty (vault);
  return rv_vault_save (vault, error);
}

/* Opening a second, read-only instance is the vault API's way to check a
 * password without changing the file. */
static gboolean
check_password_file (const char      *path,
                     const RvSecret  *password,
                     GError         **error)
{
  g_autoptr(RvVault) check = NULL;
  GError *local_error = NULL;

  check = rv_vault_open (path, password, &local_error);
  if (check == NULL)
    {
      if (g_error_matches (local_error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD))
        {
          g_clear_error (&local_error);
          g_set_error_literal (&local_error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD,
                               _("Wrong password. Try again."));
        }
      g_propagate_error (error, local_error);
      return FALSE;
    }
  rv_vault_close (check);
  return TRUE;
}

gboolean
rv_health_confirm_password (RvVault         *vault,
                            const RvSecret  *password,
                            GError         **error)
{
  g_return_val_if_fail (RV_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  return check_password_file (rv_vault_get_path (vault), password, error) &&
         record_confirmed (vault, error);
}

/* The worker only reads the file; the vault is touched in finish. */
static void
confirm_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RvFileKey *key = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (check_password_file (key->path, key->password, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
rv_health_confirm_password_async (RvVault             *vault,
                                  const RvSecret      *password,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (RV_IS_VAULT (vault));
  g_return_if_fail (password != NULL);

  rv_file_key_run_in_thread (vault, rv_vault_get_path (vault), password,
                             rv_health_confirm_password_async, cancellable, callback, user_data,
                             confirm_thread);
}

gboolean
rv_health_confirm_password_finish (RvVault       *vault,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, vault), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        rv_health_confirm_password_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error) &&
         record_confirmed (vault, error);
}
