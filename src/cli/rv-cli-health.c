/* rv-cli-health.c: rvault health
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rv-cli.h"

#include <stdio.h>

#include "rv-cli-unlock.h"
#include "rv-health.h"

static const char *
kind_name (RvHealthKind kind)
{
  switch (kind)
    {
    case RV_HEALTH_NEVER_BACKED_UP: return "never-backed-up";
    case RV_HEALTH_CHANGED_SINCE_BACKUP: return "changed-since-backup";
    case RV_HEALTH_BACKUP_TOO_OLD: return "backup-too-old";
    case RV_HEALTH_NO_RECOVERY_CODES: return "no-recovery-codes";
    case RV_HEALTH_FEW_RECOVERY_CODES: return "few-recovery-codes";
    case RV_HEALTH_PASSWORD_NOT_ENTERED: return "password-not-entered";
    case RV_HEALTH_SHEET_OUT_OF_DATE: return "sheet-out-of-date";
    default: return "unknown";
    }
}

static const char *
fix_name (RvHealthFix fix)
{
  switch (fix)
    {
    case RV_HEALTH_FIX_EXPORT_BACKUP: return "export-backup";
    case RV_HEALTH_FIX_ADD_RECOVERY_CODES: return "add-recovery-codes";
    case RV_HEALTH_FIX_REGENERATE_RECOVERY_CODES: return "regenerate-recovery-codes";
    case RV_HEALTH_FIX_CONFIRM_PASSWORD: return "confirm-password";
    case RV_HEALTH_FIX_PRINT_SHEET: return "print-emergency-sheet";
    default: return "unknown";
    }
}

static void
print_json (GPtrArray *warnings)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < warnings->len; i++)
    {
      const RvHealthWarning *warning = g_ptr_array_index (warnings, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, kind_name (warning->kind));
      json_builder_set_member_name (builder, "fix");
      json_builder_add_string_value (builder, fix_name (warning->fix));
      json_builder_set_member_name (builder, "account_id");
      if (warning->account_id != NULL)
        json_builder_add_string_value (builder, warning->account_id);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, warning->title);
      json_builder_set_member_name (builder, "detail");
      json_builder_add_string_value (builder, warning->detail);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  rv_cli_print_json (root);
}

static void
print_text (GPtrArray *warnings)
{
  if (warnings->len == 0)
    {
      rv_cli_print (_("No warnings: backups and recovery codes look fine\n"));
      return;
    }
  for (guint i = 0; i < warnings->len; i++)
    {
      const RvHealthWarning *warning = g_ptr_array_index (warnings, i);

      rv_cli_print (_("%s\n  %s\n  Fix: %s\n"), warning->title, warning->detail, fix_name (warning->fix));
    }
}

int
rv_cli_health (RvCliGlobal  *global,
               int           argc,
               char        **argv)
{
  gboolean json = FALSE;
  int max_age_days = 30;
  int few_codes = 2;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "max-age-days", 0, 0, G_OPTION_ARG_INT, &max_age_days,
      N_("Warn when the last backup is older (0: never; default 30)"), "DAYS" },
    { "few-codes", 0, 0, G_OPTION_ARG_INT, &few_codes,
      N_("Warn at this many unused recovery codes or fewer (default 2)"), "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("- list backup health warnings"));
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(RvVault) vault = NULL;
  RvHealthPolicy policy;
  int status = RV_CLI_EXIT_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rv_cli_parse_options (context, &argc, &argv))
    return RV_CLI_EXIT_USAGE;
  if (argc > 1 || max_age_days < 0 || few_codes < 0)
    {
      rv_cli_error (_("Unexpected argument or negative number (see rvault health --help)"));
      return RV_CLI_EXIT_USAGE;
    }

  vault = rv_cli_open_vault (global, RV_CLI_UNLOCK_DEFAULT, &status);
  if (vault == NULL)
    return status;
  rv_health_policy_init (&policy);
  policy.max_backup_age_days = (guint) max_age_days;
  policy.few_codes_threshold = (guint) few_codes;
  warnings = rv_health_check (vault, &policy);
  if (json)
    print_json (warnings);
  else
    print_text (warnings);
  rv_vault_close (vault);
  return RV_CLI_EXIT_OK;
}

RvVault *
rv_cli_record_password_entered (RvVault *vault)
{
  GError *error = NULL;

  if (vault != NULL && !rv_health_record_password_entered (vault, &error))
    {
      /* The unlock worked: only the reminder's date is lost. */
      rv_cli_error (_("Could not record that the password was entered: %s"), error->message);
      g_error_free (error);
    }
  return vault;
}
