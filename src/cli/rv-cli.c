/* rv-cli.c: the rvault command line: global options and dispatch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rv-cli.h"
#include "rv-text.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const RvCliCommand commands[] = {
  { "oath", rv_cli_oath, N_("Print a one-time code for a base32 secret read on stdin") },
  { "uri",  rv_cli_uri,  N_("Parse an otpauth URI read on stdin and print it as JSON") },

  /* Vault commands (issue 3) */
  { "init",           rv_cli_init,           N_("Create a new, empty vault") },
  { "add",            rv_cli_add,            N_("Add an account (secret or otpauth URI on stdin)") },
  { "list",           rv_cli_list,           N_("List the accounts (no secrets)") },
  { "code",           rv_cli_code,           N_("Print an account’s current one-time code") },
  { "show",           rv_cli_show,           N_("Show an account (secrets only with --reveal)") },
  { "edit",           rv_cli_edit,           N_("Change an account") },
  { "remove",         rv_cli_remove,         N_("Remove an account") },
  { "recovery-codes", rv_cli_recovery_codes, N_("Add, list or use an account’s recovery codes") },
  { "passwd",         rv_cli_passwd,         N_("Change the vault’s password") },
  { "keyring",        rv_cli_keyring,        N_("Unlock with the login keyring: enable|disable|status") },
  { "rotate-key",     rv_cli_rotate_key,     N_("My password may have leaked: give the vault a new key") },
  { "compartment",    rv_cli_compartment,    N_("Recovery codes under their own password: "
                                                "enable|disable|status|passwd") },
  { "info",           rv_cli_info,           N_("Version, id, slots and paths of the vault file (no password)") },

  /* Recovery requests (issue 5) */
  { "request",   rv_cli_request,   N_("Draft an account-recovery request; list recorded requests") },
  { "providers", rv_cli_providers, N_("List the recovery profiles (and broken ones)") },

  /* Backups, import and export (issue 6) */
  { "export",         rv_cli_export,         N_("Export an encrypted backup, or plain files for other apps") },
  { "verify-backup",  rv_cli_verify_backup,  N_("Check that a backup opens and say what it holds") },
  { "restore",        rv_cli_restore,        N_("Restore accounts from an encrypted backup (merge or replace)") },
  { "health",         rv_cli_health,         N_("List backup and recovery-code warnings") },
  { "emergency-sheet", rv_cli_emergency_sheet, N_("Write the recovery codes (and QR codes) as a PDF to print") },
  { "auto-backup",    rv_cli_auto_backup,    N_("Copy the vault into a folder, keeping the newest N copies") },
  { "import", rv_cli_import, N_("Import accounts from another authenticator's export or QR images") },

  /* Sync (issue 12) */
  { "sync-status", rv_cli_sync_status, N_("Where the vault lives, whether it is synced, conflicts") },
};

void
rv_cli_error (const char *format,
              ...)
{
  va_list args;

  fputs ("rvault: ", stderr);
  va_start (args, format);
  rv_cli_vprint (stderr, format, args);
  va_end (args);
  fputs ("\n", stderr);
}

/* Reports @error on one line, frees it and returns @status. */
int
rv_cli_fail (GError *error,
             int     status)
{
  rv_cli_error ("%s", error->message);
  g_error_free (error);
  return status;
}

gboolean
rv_cli_parse_options (GOptionContext   *context,
                      int              *argc,
                      char           ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      rv_cli_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

void
rv_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  rv_cli_print ("%s\n", text);
}

static gboolean
write_all (const char *data,
           gsize       len)
{
  while (len > 0)
    {
      gssize n = write (STDOUT_FILENO, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= n;
    }
  return TRUE;
}

/* Writes secret bytes to stdout without copying them into the heap; a
 * control character in them (a recovery code from a hostile file) is written
 * as \uXXXX like everything else rvault prints (rv_cli_escape()). */
void
rv_cli_write_secret (const RvSecret *secret)
{
  const char *data = (const char *) rv_secret_get_data (secret);
  const char *end = data + rv_secret_get_size (secret);
  const char *run = data;
  gboolean ok = TRUE;

  fflush (stdout);
  for (const char *p = data; ok && p < end;)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      gsize len = (c == (gunichar) -1 || c == (gunichar) -2) ? 1 : (gsize) g_utf8_skip[*(guchar *) p];

      if (c == (gunichar) -1 || c == (gunichar) -2 || rv_text_char_is_unsafe (c, RV_TEXT_MULTILINE))
        {
          char escaped[16];

          g_snprintf (escaped, sizeof escaped, "\\u%04X",
                      c == (gunichar) -1 || c == (gunichar) -2 ? 0xFFFD : c);
          ok = write_all (run, p - run) && write_all (escaped, strlen (escaped));
          run = p + len;
        }
      p += len;
    }
  if (ok)
    ok = write_all (run, end - run);
  if (!ok)
    rv_cli_error (_("Could not write to standard output: %s"), g_strerror (errno));
}

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n%s\n", _("Usage: rvault [--vault PATH] [--password-fd N] COMMAND [OPTIONS…]"),
           _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-16s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “rvault COMMAND --help” for a command’s options."));
}

static const RvCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return &commands[i];
  return NULL;
}

int
rv_cli_run (int    argc,
            char **argv)
{
  RvCliGlobal global = { .password_fd = -1 };
  g_autofree char *vault_path = NULL;
  const RvCliCommand *command;
  int i = 1;
  int status;

  setlocale (LC_ALL, "");

  for (; i < argc && argv[i][0] == '-'; i++)
    {
      const char *arg = argv[i];
      const char *value = NULL;

      if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          print_usage (stdout);
          return RV_CLI_EXIT_OK;
        }
      if (g_str_equal (arg, "--version"))
        {
          rv_cli_print (_("rvault %s\n"), PACKAGE_VERSION);
          return RV_CLI_EXIT_OK;
        }

      if (g_str_has_prefix (arg, "--vault=") || g_str_has_prefix (arg, "--password-fd="))
        value = strchr (arg, '=') + 1;
      else if ((g_str_equal (arg, "--vault") || g_str_equal (arg, "--password-fd")) && i + 1 < argc)
        value = argv[++i];
      else
        {
          rv_cli_error (_("Unknown option “%s” (see rvault --help)"), arg);
          return RV_CLI_EXIT_USAGE;
        }

      if (g_str_has_prefix (arg, "--vault"))
        {
          g_free (vault_path);
          global.vault_path = vault_path = g_strdup (value);
        }
      else
        {
          guint64 fd;

          if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT, &fd, NULL))
            {
              rv_cli_error (_("--password-fd needs a file descriptor number, not “%s”"), value);
              return RV_CLI_EXIT_USAGE;
            }
          global.password_fd = (int) fd;
        }
    }

  if (i >= argc)
    {
      print_usage (stderr);
      return RV_CLI_EXIT_USAGE;
    }

  command = find_command (argv[i]);
  if (command == NULL)
    {
      rv_cli_error (_("Unknown command “%s” (see rvault --help)"), argv[i]);
      return RV_CLI_EXIT_USAGE;
    }

  status = command->func (&global, argc - i, argv + i);
  /* A command may have filled in the default path. */
  if (global.vault_path != vault_path)
    g_free (global.vault_path);
  return status;
}
