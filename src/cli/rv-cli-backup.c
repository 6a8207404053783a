/* rv-cli-backup.c: rvault export, verify-backup and restore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rv-cli.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "rv-backup.h"
#include "rv-backup-scheduler.h"
#include "rv-restore.h"
#include "rv-cli-output.h"
#include "rv-cli-prompt.h"
#include "rv-cli-query.h"
#include "rv-cli-unlock.h"
#include "rv-export.h"
#include "rv-qr.h"

/* Parses options and expects exactly @n_args arguments after the command. */
static gboolean
parse_with_args (GOptionContext   *context,
                 GOptionEntry     *entries,
                 int              *argc,
                 char           ***argv,
                 int               n_args)
{
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rv_cli_parse_options (context, argc, argv))
    return FALSE;
  if (*argc - 1 != n_args)
    {
      if (*argc - 1 > n_args)
        rv_cli_error (_("Unexpected argument “%s” (see rvault %s --help)"), (*argv)[n_args + 1],
                      (*argv)[0]);
      else
        rv_cli_error (_("Missing an argument (see rvault %s --help)"), (*argv)[0]);
      return FALSE;
    }
  return TRUE;
}

/* The password of a backup file: read from @fd when one was given, else
 * typed on the terminal (twice for a new backup, @is_new). */
static RvSecret *
get_file_password (int          fd,
                   gboolean     is_new,
                   int         *status)
{
  return rv_cli_get_other_password (fd, _("Backup password: "),
                                    is_new ? _("Repeat the backup password: ") : NULL,
                                    _("No backup password given: use --file-password-fd N, or "
                                      "run rvault in a terminal"),
                                    _("The backup password is empty"), status);
}

static int
backup_error_status (const GError *error)
{
  if (g_error_matches (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_INVALID))
    return RV_CLI_EXIT_USAGE;
  return RV_CLI_EXIT_FAILURE;
}

/* rvault export */

static void
print_skipped (const RvExportReport *report)
{
  for (guint i = 0; report->skipped != NULL && i < report->skipped->len; i++)
    {
      const RvExportSkipped *skipped = g_ptr_array_index (report->skipped, i);

      rv_cli_eprint ("Skipped %s: %s\n", skipped->display_name, skipped->reason);
    }
}

static int
export_encrypted (RvVault    *vault,
                  const char *output,
                  int         file_password_fd)
{
  g_auto(RvBackupReport) report = { 0 };
  g_autoptr(RvSecret) password = NULL;
  GError *error = NULL;
  int status = RV_CLI_EXIT_OK;

  password = get_file_password (file_password_fd, TRUE, &status);
  if (password == NULL)
    return status;
  if (!rv_backup_export (vault, output, password, &report, &error))
    return rv_cli_fail (error, backup_error_status (error));

  rv_cli_print (_("Encrypted backup written to %s and verified: it opens with the "
                  "backup password and holds %u accounts, %u recovery codes and %u "
                  "recovery requests\n"),
          report.path, report.n_accounts, report.n_recovery_codes, report.n_requests);
  return RV_CLI_EXIT_OK;
}

/* The text of a plain export (URIs or JSON), in guarded memory. */
static RvSecret *
build_plain (RvVault         *vault,
             const char      *format,
             RvExportReport  *report,
             GError         **error)
{
  GListModel *accounts = rv_vault_get_accounts (vault);
  g_autoptr(GPtrArray) uris = NULL;
  g_autoptr(GPtrArray) lines = NULL;

  if (g_str_equal (format, "uri-list"))
    return rv_export_uri_list (accounts, RV_EXPORT_CONFIRM_UNENCRYPTED, report, error);
  if (g_str_equal (format, "aegis-json"))
    return rv_export_aegis_json (accounts, RV_EXPORT_CONFIRM_UNENCRYPTED, report, error);

  uris = rv_export_google_migration (accounts, RV_EXPORT_GOOGLE_DEFAULT_BATCH_SIZE,
                                     RV_EXPORT_CONFIRM_UNENCRYPTED, report, error);
  if (uris == NULL)
    return NULL;
  return rv_export_join_lines (uris);
}

static int
export_plain (RvVault    *vault,
              const char *format,
              const char *output)
{
  g_auto(RvExportReport) report = { 0 };
  g_autoptr(RvSecret) text = NULL;
  GError *error = NULL;

  rv_export_report_init (&report);
  text = build_plain (vault, format, &report, &error);
  print_skipped (&report);
  if (text == NULL || !rv_export_write_file (output, text, &error))
    return rv_cli_fail (error, RV_CLI_EXIT_FAILURE);

  rv_cli_print (_("Wrote %u accounts to %s (NOT encrypted: keep it safe and delete it "
                  "after use)\n"),
          report.n_exported, output);
  return RV_CLI_EXIT_OK;
}

/* Pixels per QR module: large enough for a phone camera at arm's length. */
#define QR_SCALE 8

/* The QR codes of the migration URIs in batches of @batch_size, or NULL
 * with @error set (RV_QR_ERROR_TOO_LONG when a batch does not fit). */
static GPtrArray *
encode_google_batches (RvVault         *vault,
                       guint            batch_size,
                       RvExportReport  *report,
                       GError         **error)
{
  g_autoptr(GPtrArray) uris = NULL;
  g_autoptr(GPtrArray) matrices = NULL;

  rv_export_report_clear (report);
  rv_export_report_init (report);
  uris = rv_export_google_migration (rv_vault_get_accounts (vault), batch_size,
                                     RV_EXPORT_CONFIRM_UNENCRYPTED, report, error);
  if (uris == NULL)
    return NULL;
  matrices = g_ptr_array_new_with_free_func ((GDestroyNotify) rv_qr_matrix_free);
  for (guint i = 0; i < uris->len; i++)
    {
      RvQrMatrix *matrix = rv_qr_encode (g_ptr_array_index (uris, i), error);

      if (matrix == NULL)
        return NULL;
      g_ptr_array_add (matrices, matrix);
    }
  return g_steal_pointer (&matrices);
}

/* FILE-1.png, FILE-2.png…: one Google Authenticator QR code per batch of
 * at most ten accounts, fewer when long names make ten too big for one code. */
static int
export_google_qr (RvVault    *vault,
                  const char *output)
{
  g_auto(RvExportReport) report = { 0 };
  g_autoptr(GPtrArray) matrices = NULL;
  GError *error = NULL;

  for (guint size = RV_EXPORT_GOOGLE_DEFAULT_BATCH_SIZE; matrices == NULL; size /= 2)
    {
      g_clear_error (&error);
      matrices = encode_google_batches (vault, size, &report, &error);
      if (matrices == NULL && (size == 1 ||
                               !g_error_matches (error, RV_QR_ERROR, RV_QR_ERROR_TOO_LONG)))
        break;
    }
  print_skipped (&report);
  if (matrices == NULL)
    return rv_cli_fail (error, RV_CLI_EXIT_FAILURE);

  for (guint i = 0; i < matrices->len; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s-%u.png", output, i + 1);

      if (!rv_qr_matrix_save_png (g_ptr_array_index (matrices, i), path, QR_SCALE, &error))
        return rv_cli_fail (error, RV_CLI_EXIT_FAILURE);
      rv_cli_print ("Wrote %s\n", path);
    }
  rv_cli_print (_("%u accounts in %u QR codes for Google Authenticator (NOT encrypted: delete the "
          "images after scanning them)\n"), report.n_exported, matrices->len);
  return RV_CLI_EXIT_OK;
}

/* One account's otpauth URI as a QR image, for an authenticator app. */
static int
export_account_qr (RvVault    *vault,
                   const char *query,
                   const char *output)
{
  g_autoptr(RvSecret) uri = NULL;
  g_autoptr(RvQrMatrix) matrix = NULL;
  g_autofree char *name = NULL;
  RvAccount *account;
  GError *error = NULL;
  int status = RV_CLI_EXIT_OK;

  account = rv_cli_find_account (vault, query, &status);
  if (account == NULL)
    return status;
  uri = rv_export_account_uri (account, RV_EXPORT_CONFIRM_UNENCRYPTED, &error);
  if (uri == NULL)
    return rv_cli_fail (error, RV_CLI_EXIT_FAILURE);
  matrix = rv_qr_encode (uri, &error);
  if (matrix == NULL || !rv_qr_matrix_save_png (matrix, output, QR_SCALE, &error))
    return rv_cli_fail (error, RV_CLI_EXIT_FAILURE);

  name = rv_account_dup_display_name (account);
  rv_cli_print (_("Wrote the QR code of %s to %s (NOT encrypted: delete it after scanning)\n"),
          name, output);
  return RV_CLI_EXIT_OK;
}

static gboolean
is_plain_format (const char *format)
{
  return g_str_equal (format, "uri-list") || g_str_equal (format, "aegis-json") ||
         g_str_equal (format, "google-uri") || g_str_equal (format, "google-qr") ||
         g_str_equal (format, "account-qr");
}

static int
export_to (RvCliGlobal *global,
           const char  *format,
           const char  *output,
           const char  *account,
           int          file_password_fd)
{
  g_autoptr(RvVault) vault = NULL;
  int status = RV_CLI_EXIT_OK;

  vault = rv_cli_open_vault (global, RV_CLI_UNLOCK_DEFAULT, &status);
  if (vault == NULL)
    return status;
  if (g_str_equal (format, "encrypted"))
    status = export_encrypted (vault, output, file_password_fd);
  else if (g_str_equal (format, "google-qr"))
    status = export_google_qr (vault, output);
  else if (g_str_equal (format, "account-qr"))
    status = export_account_qr (vault, account, output);
  else
    status = export_plain (vault, format, output);
  rv_vault_close (vault);
  return status;
}

int
rv_cli_export (RvCliGlobal  *global,
               int           argc,
               char        **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *account = NULL;
  gboolean yes_unencrypted = FALSE;
  int file_password_fd = -1;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("encrypted (default), uri-list, aegis-json, google-uri, google-qr or "
         "account-qr"), "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE"), "FILE" },
    { "account", 'a', 0, G_OPTION_ARG_STRING, &account,
      N_("The account for account-qr (part of its issuer, name, email or tag, or its "
         "id)"), "QUERY" },
    { "file-password-fd", 0, 0, G_OPTION_ARG_INT, &file_password_fd,
      N_("Read the backup password from this file descriptor"), "N" },
    { "yes-unencrypted", 0, 0, G_OPTION_ARG_NONE, &yes_unencrypted,
      N_("Confirm that a plain (unencrypted) export is wanted"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("- export the vault"));

  g_option_context_set_description (context,
    _("An encrypted export is a vault file under its own backup password; it is\n"
    "re-opened and compared with the vault before success is reported.\n"
    "Plain formats hold every secret in the clear and need --yes-unencrypted.\n"
    "google-uri writes Google Authenticator migration URIs, one per batch;\n"
    "google-qr writes them as QR images FILE-1.png, FILE-2.png…;\n"
    "account-qr writes the QR code of one account (--account) to FILE."));
  if (!parse_with_args (context, entries, &argc, &argv, 0))
    return RV_CLI_EXIT_USAGE;
  if (format == NULL)
    format = g_strdup ("encrypted");
  if (output == NULL)
    {
      rv_cli_error (_("Say where to write the export with --output FILE"));
      return RV_CLI_EXIT_USAGE;
    }
  if (!g_str_equal (format, "encrypted") && !is_plain_format (format))
    {
      rv_cli_error (_("Unknown export format “%s” (encrypted, uri-list, aegis-json, google-uri, "
                    "google-qr, account-qr)"), format);
      return RV_CLI_EXIT_USAGE;
    }
  if (is_plain_format (format) && !yes_unencrypted)
    {
      rv_cli_error (_("A %s export is not encrypted: anyone who reads it can generate your codes. "
                    "Add --yes-unencrypted to write it anyway, or use --format encrypted"),
                    format);
      return RV_CLI_EXIT_USAGE;
    }
  if (g_str_equal (format, "account-qr") != (account != NULL))
    {
      rv_cli_error (_("--account QUERY goes with --format account-qr, and only with it"));
      return RV_CLI_EXIT_USAGE;
    }
  return export_to (global, format, output, account, file_password_fd);
}

/* rvault verify-backup */

static void
print_backup_info (const RvBackupInfo *info)
{
  g_autofree char *written = rv_cli_format_time (info->written_at);
  g_autofree char *changed = rv_cli_format_time (info->changed_at);
  g_autofree char *issuers = g_strjoinv (", ", info->issuers);

  g_autofree char *accounts = g_strdup_printf (_("%u (%u with one-time codes)"), info->n_accounts,
                                               info->n_otp_accounts);
  g_autofree char *codes = g_strdup_printf (_("%u (%u unused)"), info->n_recovery_codes,
                                            info->n_unused_recovery_codes);
  g_autofree char *requests = g_strdup_printf ("%u", info->n_requests);

  rv_cli_print (_("Backup %s opens and is intact\n"), info->path);
  rv_cli_print_field (_("Written"), written);
  rv_cli_print_field (_("Vault changed"), changed);
  rv_cli_print_field (_("Accounts"), accounts);
  rv_cli_print_field (_("Recovery codes"), codes);
  rv_cli_print_field (_("Requests"), requests);
  rv_cli_print_field (_("Issuers"), issuers[0] ? issuers : _("none"));
}

/* The vault that records a verification, or NULL when there is none or it
 * cannot be unlocked without asking (a verification needs no vault). With
 * @fd_taken, the --password-fd was read for the backup: an automatic backup
 * opens with the vault's own password, so that one is tried. */
static RvVault *
open_vault_to_record (RvCliGlobal    *global,
                      const RvSecret *backup_password,
                      gboolean        fd_taken)
{
  const char *path = rv_cli_vault_path (global);
  RvVault *vault;
  int status = RV_CLI_EXIT_OK;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;
  if (fd_taken && global->password_fd >= 0)
    {
      vault = rv_vault_open (path, backup_password, NULL);
      if (vault != NULL || !rv_vault_has_keyring_slot_file (path))
        return rv_cli_record_password_entered (vault);
      return rv_vault_open_with_keyring (path, NULL, NULL);
    }
  if (global->password_fd < 0 && !rv_cli_has_terminal () &&
      !rv_vault_has_keyring_slot_file (path))
    return NULL;
  return rv_cli_open_vault (global, RV_CLI_UNLOCK_DEFAULT, &status);
}

int
rv_cli_verify_backup (RvCliGlobal  *global,
                      int           argc,
                      char        **argv)
{
  int file_password_fd = -1;
  GOptionEntry entries[] = {
    { "file-password-fd", 0, 0, G_OPTION_ARG_INT, &file_password_fd,
      N_("Read the backup password from this file descriptor"), "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE - check that a backup opens"));
  g_auto(RvBackupInfo) info = { 0 };
  g_autoptr(RvSecret) password = NULL;
  RvVault *vault;
  GError *error = NULL;
  gboolean ok;
  int status = RV_CLI_EXIT_OK;

  g_option_context_set_description (context,
    _("Opens the backup with its password and says what it holds; imports nothing.\n"
    "Without --file-password-fd, the global --password-fd is used, else the\n"
    "password is asked for. When the file is the vault's latest backup, the\n"
    "vault records that it was verified (as the app does), if it can be unlocked\n"
    "without asking: from the keyring, with the same password (an automatic\n"
    "backup's), or with a password typed on the terminal."));
  if (!parse_with_args (context, entries, &argc, &argv, 1))
    return RV_CLI_EXIT_USAGE;
  if (file_password_fd < 0)
    file_password_fd = global->password_fd;

  password = get_file_password (file_password_fd, FALSE, &status);
  if (password == NULL)
    return status;
  vault = open_vault_to_record (global, password, file_password_fd == global->password_fd);
  if (vault == NULL)
    ok = rv_backup_verify (argv[1], password, &info, &error);
  else
    ok = rv_backup_verify_and_record (vault, argv[1], password, &info, &error);
  if (vault != NULL)
    rv_vault_close (vault);
  if (!ok)
    return rv_cli_fail (error, backup_error_status (error));
  print_backup_info (&info);
  if (info.recorded)
    rv_cli_print (_("This is the vault's latest backup: the verification is recorded in "
                    "the vault\n"));
  return RV_CLI_EXIT_OK;
}

/* rvault restore */

static void
print_plan (const RvRestorePlan *plan,
            const char          *path)
{
  rv_cli_print (_("Restore from %s (%s):\n"), path,
          plan->mode == RV_RESTORE_REPLACE ? _("replace") : _("merge"));
  for (guint i = 0; i < plan->items->len; i++)
    {
      const RvRestoreItem *item = g_ptr_array_index (plan->items, i);
      g_autofree char *name = NULL;

      if (item->action == RV_RESTORE_UNCHANGED)
        continue;
      name = rv_account_dup_display_name (item->incoming ? item->incoming : item->current);
      rv_cli_print ("  %-9s %s\n", rv_restore_action_to_string (item->action), name);
    }
  rv_cli_print (_("%u to add, %u to update, %u unchanged, %u to remove, %u recovery "
                  "requests to add\n"),
          plan->n_added, plan->n_updated, plan->n_unchanged, plan->n_removed,
          plan->n_requests_added);
}

static int
restore_from (RvCliGlobal   *global,
              RvVault       *backup,
              const char    *path,
              RvRestoreMode  mode,
              gboolean       dry_run)
{
  g_autoptr(RvVault) vault = NULL;
  g_autoptr(RvRestorePlan) plan = NULL;
  GError *error = NULL;
  int status = RV_CLI_EXIT_OK;

  vault = rv_cli_open_vault (global, RV_CLI_UNLOCK_DEFAULT, &status);
  if (vault == NULL)
    return status;
  plan = rv_backup_plan_restore (vault, backup, mode);
  print_plan (plan, path);
  if (dry_run)
    rv_cli_print (_("Dry run: nothing was changed\n"));
  else if (!rv_backup_apply_restore (vault, plan, &error))
    status = rv_cli_fail (error, RV_CLI_EXIT_FAILURE);
  else
    {
      rv_cli_print (_("Restored\n"));
      status = rv_cli_back_up_after_change (vault);
    }
  rv_vault_close (vault);
  return status;
}

int
rv_cli_restore (RvCliGlobal  *global,
                int           argc,
                char        **argv)
{
  gboolean replace = FALSE;
  gboolean dry_run = FALSE;
  int file_password_fd = -1;
  GOptionEntry entries[] = {
    { "replace", 0, 0, G_OPTION_ARG_NONE, &replace,
      N_("Make the vault's accounts exactly the backup's (default: merge)"), NULL },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Only show what would change"), NULL },
    { "file-password-fd", 0, 0, G_OPTION_ARG_INT, &file_password_fd,
      N_("Read the backup password from this file descriptor"), "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE - restore from a backup"));
  g_autoptr(RvSecret) password = NULL;
  g_autoptr(RvVault) backup = NULL;
  GError *error = NULL;
  int status = RV_CLI_EXIT_OK;

  g_option_context_set_description (context,
    _("Merging adds the backup's accounts that are missing and updates those that\n"
    "differ; --replace also removes accounts that are not in the backup."));
  if (!parse_with_args (context, entries, &argc, &argv, 1))
    return RV_CLI_EXIT_USAGE;

  password = get_file_password (file_password_fd, FALSE, &status);
  if (password == NULL)
    return status;
  backup = rv_backup_open (argv[1], password, &error);
  if (backup == NULL)
    return rv_cli_fail (error, backup_error_status (error));

  status = restore_from (global, backup, argv[1],
                         replace ? RV_RESTORE_REPLACE : RV_RESTORE_MERGE, dry_run);
  rv_vault_close (backup);
  return status;
}

/* rvault auto-backup */

int
rv_cli_auto_backup (RvCliGlobal  *global,
                    int           argc,
                    char        **argv)
{
  int keep = 10;
  GOptionEntry entries[] = {
    { "keep", 'k', 0, G_OPTION_ARG_INT, &keep,
      N_("How many automatic backups to keep (default 10)"), "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FOLDER - copy the vault "
                                                              "into FOLDER"));
  g_autoptr(RvVault) vault = NULL;
  g_autofree char *path = NULL;
  GError *error = NULL;
  int status = RV_CLI_EXIT_OK;

  g_option_context_set_description (context,
    _("Copies the encrypted vault file to FOLDER/recovery-vault-YYYYMMDD-HHMMSS.rvault\n"
    "(it opens with the vault's own password) and deletes all but the newest N\n"
    "such copies. Other files in FOLDER are never touched."));
  if (!parse_with_args (context, entries, &argc, &argv, 1))
    return RV_CLI_EXIT_USAGE;
  if (keep < 1)
    {
      rv_cli_error (_("--keep needs at least 1"));
      return RV_CLI_EXIT_USAGE;
    }

  vault = rv_cli_open_vault (global, RV_CLI_UNLOCK_DEFAULT, &status);
  if (vault == NULL)
    return status;
  path = rv_backup_auto (vault, argv[1], (guint) keep, &error);
  rv_vault_close (vault);
  if (path == NULL)
    return rv_cli_fail (error, backup_error_status (error));
  rv_cli_print (_("Backed up to %s\n"), path);
  return RV_CLI_EXIT_OK;
}

/* After a change */

/* The app's settings, when its schema is installed (else NULL). */
static GSettings *
app_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  return schema != NULL ? g_settings_new_full (schema, NULL, NULL) : NULL;
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* The app's automatic backups follow the app's vault (not one named with
 * --vault elsewhere): the same policy as the app (RvBackupScheduler), made
 * at once since the program ends. */
int
rv_cli_back_up_after_change (RvVault *vault)
{
  g_autoptr(GSettings) settings = app_settings ();
  g_autoptr(RvBackupScheduler) scheduler = NULL;
  g_autofree char *app_vault = rv_vault_default_path ();
  g_autofree char *folder = NULL;
  g_autoptr(GError) error = NULL;

  if (settings == NULL || !same_file (rv_vault_get_path (vault), app_vault))
    return RV_CLI_EXIT_OK;
  folder = g_settings_get_string (settings, "backup-folder");
  scheduler = rv_backup_scheduler_new (vault);
  g_object_set (scheduler,
                "enabled", g_settings_get_boolean (settings, "automatic-backups"),
                "folder", folder,
                "keep", MAX (g_settings_get_uint (settings, "backups-to-keep"), 1),
                NULL);
  if (!rv_backup_scheduler_flush (scheduler, &error))
    {
      rv_cli_error (_("The change is saved, but the automatic backup failed: %s"), error->message);
      return RV_CLI_EXIT_FAILURE;
    }
  return RV_CLI_EXIT_OK;
}
