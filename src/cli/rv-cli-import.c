/* rv-cli-import.c: `rvault import`, accounts from other authenticators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>
#include <string.h>

#include "rv-cli.h"
#include "rv-cli-prompt.h"
#include "rv-cli-unlock.h"
#include "rv-import.h"
#include "rv-qr.h"

static gboolean
is_image (const char *path)
{
  static const char *suffixes[] = { ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp" };
  g_autofree char *lower = g_ascii_strdown (path, -1);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (lower, suffixes[i]))
      return TRUE;
  return FALSE;
}

/* Reads each FILE (decoding QR images) into @inputs. */
static gboolean
read_inputs (char      **files,
             GPtrArray  *inputs)
{
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *display = g_filename_display_name (files[i]);
      GError *error = NULL;

      if (is_image (files[i]))
        {
          g_autoptr(GPtrArray) texts = rv_qr_decode_image_file (files[i], &error);

          if (texts == NULL)
            {
              rv_cli_error ("%s: %s", display, error->message);
              g_error_free (error);
              return FALSE;
            }
          for (guint j = 0; j < texts->len; j++)
            g_ptr_array_add (inputs, rv_secret_copy (g_ptr_array_index (texts, j)));
        }
      else
        {
          RvSecret *data = rv_import_read_file (files[i], &error);

          if (data == NULL)
            {
              rv_cli_error ("%s", error->message);
              g_error_free (error);
              return FALSE;
            }
          g_ptr_array_add (inputs, data);
        }
    }
  return TRUE;
}

static RvSecret *
get_file_password (int          fd,
                   const char  *name,
                   int         *status)
{
  g_autofree char *prompt = NULL;
  RvSecret *password;
  GError *error = NULL;

  if (fd >= 0)
    password = rv_cli_read_password_fd (fd, &error);
  else if (rv_cli_has_terminal ())
    {
      prompt = g_strdup_printf ("Password of %s: ", name);
      password = rv_cli_prompt_secret (prompt, &error);
    }
  else
    {
      rv_cli_error (_("%s is encrypted: give its password with --file-password-fd N"), name);
      *status = RV_CLI_EXIT_USAGE;
      return NULL;
    }
  if (password == NULL)
    *status = rv_cli_fail (error, RV_CLI_EXIT_USAGE);
  return password;
}

/* Returns the parsed file, or NULL after printing one line (status set). */
static RvImportResult *
parse_inputs (GPtrArray       *inputs,
              const char      *name,
              RvImportFormat   format,
              int              password_fd,
              int             *status)
{
  g_autoptr(RvSecret) joined = NULL;
  g_autoptr(RvSecret) password = NULL;
  const RvSecret *data;
  RvImportResult *result;
  GError *error = NULL;

  if (inputs->len == 1)
    data = g_ptr_array_index (inputs, 0);
  else
    data = joined = rv_import_join_texts (inputs);

  if (inputs->len > 1 && format == RV_IMPORT_FORMAT_AUTO)
    format = rv_import_detect (rv_secret_get_data (data), rv_secret_get_size (data));
  if (inputs->len > 1 && format != RV_IMPORT_FORMAT_GOOGLE_MIGRATION &&
      format != RV_IMPORT_FORMAT_URI_LIST)
    {
      rv_cli_error (_("Several files can be imported together only when they are parts of a "
                    "Google Authenticator export (QR images or otpauth-migration:// text) "
                    "or otpauth URI lists"));
      *status = RV_CLI_EXIT_USAGE;
      return NULL;
    }

  if (rv_import_is_encrypted (rv_secret_get_data (data), rv_secret_get_size (data), format))
    {
      password = get_file_password (password_fd, name, status);
      if (password == NULL)
        return NULL;
    }

  result = rv_import_parse (rv_secret_get_data (data), rv_secret_get_size (data), format,
                            password, &error);
  if (result == NULL)
    {
      int code = g_error_matches (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNSUPPORTED_CRYPTO) ?
                 RV_CLI_EXIT_FAILURE : RV_CLI_EXIT_USAGE;

      /* The older andOTP backups have no header to be recognised by. */
      if (format == RV_IMPORT_FORMAT_AUTO && g_str_has_suffix (name, ".aes") &&
          g_error_matches (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNKNOWN_FORMAT))
        rv_cli_error (_("%s: %s (an andOTP backup made before andOTP 0.6.3 is read with "
                      "--format andotp)"), name, error->message);
      else
        rv_cli_error ("%s: %s", name, error->message);
      g_error_free (error);
      *status = code;
    }
  return result;
}

/* The ids of rv_import_format_from_string(), for help and errors. */
int
rv_cli_import (RvCliGlobal  *global,
               int           argc,
               char        **argv)
{
  g_autofree char *format_name = NULL;
  g_auto(GStrv) files = NULL;
  gboolean dry_run = FALSE;
  gboolean allow_partial = FALSE;
  int file_password_fd = -1;
  g_autofree char *format_ids = rv_import_format_list_ids ();
  /* Translators: then the list of format ids ("aegis, andotp, … or uri-list") */
  g_autofree char *format_help = g_strdup_printf (_("auto (default), %s"), format_ids);
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, format_help, "FORMAT" },
    { "file-password-fd", 0, 0, G_OPTION_ARG_INT, &file_password_fd,
      N_("Read the password of an encrypted file from this descriptor"), "N" },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Show what would be imported without changing the vault"), NULL },
    { "allow-partial", 0, 0, G_OPTION_ARG_NONE, &allow_partial,
      N_("Import the other entries when some are rejected (else nothing is imported, exit 3)"),
      NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "FILE…" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE… - import accounts"));
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) rv_secret_free);
  g_autoptr(RvImportResult) result = NULL;
  g_autoptr(RvVault) vault = NULL;
  g_auto(RvImportSummary) summary = { 0 };
  g_autofree char *name = NULL;
  g_autofree char *report = NULL;
  RvImportFormat format = RV_IMPORT_FORMAT_AUTO;
  int status = RV_CLI_EXIT_OK;

  g_option_context_set_summary (context,
                                _("Imports the accounts of an export from Aegis, andOTP, 2FAS, "
                                "FreeOTP/FreeOTP+, Google Authenticator (QR images or "
                                "otpauth-migration:// text; give every part of a batch; or "
                                "the app's database), Bitwarden (JSON or CSV), KeePassXC "
                                "(CSV), Steam Desktop Authenticator, Proton Authenticator, "
                                "Duo Mobile, Stratum (backups and its database), Raivo OTP, "
                                "Authy, Authenticator Plus, TOTP Authenticator, Battle.net, "
                                "Ente Auth, OTPClient, "
                                "Microsoft Authenticator or a list of otpauth:// URIs; the "
                                "format is recognised from the content. Duplicates of "
                                "accounts already in the vault are skipped."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rv_cli_parse_options (context, &argc, &argv))
    return RV_CLI_EXIT_USAGE;
  if (files == NULL || files[0] == NULL)
    {
      rv_cli_error (_("import needs a FILE to read (see rvault import --help)"));
      return RV_CLI_EXIT_USAGE;
    }
  if (format_name != NULL && !rv_import_format_from_string (format_name, &format))
    {
      rv_cli_error (_("Unknown format “%s”: expected auto, %s"), format_name, format_ids);
      return RV_CLI_EXIT_USAGE;
    }
  if (file_password_fd >= 0 && file_password_fd == global->password_fd)
    {
      rv_cli_error (_("--file-password-fd and --password-fd must be different descriptors"));
      return RV_CLI_EXIT_USAGE;
    }

  if (!read_inputs (files, inputs))
    return RV_CLI_EXIT_USAGE;
  name = g_strv_length (files) == 1 ? g_filename_display_name (files[0])
                                    : g_strdup ("the files");
  result = parse_inputs (inputs, name, format, file_password_fd, &status);
  /* The file's secrets are in the result now; drop the raw copies early. */
  g_ptr_array_set_size (inputs, 0);
  if (result == NULL)
    return status;

  vault = rv_cli_open_vault (global, RV_CLI_UNLOCK_DEFAULT, &status);
  if (vault == NULL)
    return status;

  /* A file with rejected entries changes nothing unless the user accepts a
   * partial import: a script must not believe everything came across. */
  if (!allow_partial && !dry_run && result->rejected->len > 0)
    {
      rv_import_preview (vault, result, &summary);
      report = rv_import_summary_to_string (&summary);
      rv_cli_print (_("Nothing imported from %s (%s%s):\n%s"), name,
                    rv_import_format_get_display_name (result->format),
                    result->was_encrypted ? ", encrypted" : "", report);
      rv_cli_error (g_dngettext (GETTEXT_PACKAGE,
                                 "%u entry of %s could not be imported, so none was (run "
                                 "again with --allow-partial to import the others)",
                                 "%u entries of %s could not be imported, so none was (run "
                                 "again with --allow-partial to import the others)",
                                 result->rejected->len),
                    result->rejected->len, name);
      return RV_CLI_EXIT_PARTIAL;
    }
  if (dry_run)
    rv_import_preview (vault, result, &summary);
  else
    rv_import_apply (vault, result, &summary);
  if (!dry_run && summary.n_imported > 0)
    {
      status = rv_cli_save_vault (vault);
      if (status != RV_CLI_EXIT_OK)
        return status;
    }

  report = rv_import_summary_to_string (&summary);
  rv_cli_print ("%s%s (%s%s):\n%s", dry_run ? "Dry run, nothing changed: " : "",
          name, rv_import_format_get_display_name (result->format),
          result->was_encrypted ? ", encrypted" : "", report);
  if (dry_run && !allow_partial && result->rejected->len > 0)
    return RV_CLI_EXIT_PARTIAL;   /* what the same import would exit with */
  return RV_CLI_EXIT_OK;
}
