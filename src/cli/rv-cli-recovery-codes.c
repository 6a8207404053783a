/* rv-cli-recovery-codes.c: `rvault recovery-codes QUERY --add - | --list | --use`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "rv-cli.h"
#include "rv-cli-output.h"
#include "rv-cli-prompt.h"
#include "rv-cli-query.h"
#include "rv-cli-unlock.h"
#include "rv-provider.h"

#define MAX_CODES_INPUT  (64 * 1024)
#define FEW_CODES_LEFT   2

static gboolean
is_line_separator (guint8 c)
{
  return c == '\n' || c == '\r' || c == ',' || c == ';';
}

static gboolean
is_space (guint8 c)
{
  return c == ' ' || c == '\t';
}

/* Calls @func on each piece of @data between separators; no copy reaches the heap. */
static gboolean
split (const guint8  *data,
       gsize          size,
       gboolean     (*is_separator) (guint8),
       gboolean     (*func) (const guint8 *piece, gsize len, gpointer user_data),
       gpointer       user_data)
{
  gsize i = 0;

  while (i < size)
    {
      gsize start;

      while (i < size && (is_separator (data[i]) || is_space (data[i])))
        i++;
      start = i;
      while (i < size && !is_separator (data[i]))
        i++;
      while (i > start && is_space (data[i - 1]))
        i--;
      if (i > start && !func (data + start, i - start, user_data))
        return FALSE;
      while (i < size && is_space (data[i]))
        i++;
    }
  return TRUE;
}

typedef struct
{
  RvProvider *provider;   /* NULL: no profile with a code format */
  GPtrArray  *codes;
  GError     *error;
} Split;

static gboolean
add_piece (const guint8 *piece,
           gsize         len,
           gpointer      user_data)
{
  Split *split_data = user_data;
  g_autoptr(GError) error = NULL;
  RvSecret *code;

  if (split_data->provider == NULL)
    {
      g_ptr_array_add (split_data->codes, rv_secret_new_from_data (piece, len));
      return TRUE;
    }
  code = rv_provider_normalize_recovery_code (split_data->provider, (const char *) piece, len,
                                              &error);
  if (code == NULL)
    {
      /* The message names the position, never the code. */
      g_set_error (&split_data->error, error->domain, error->code, _("Code %u: %s"),
                   split_data->codes->len + 1, error->message);
      return FALSE;
    }
  g_ptr_array_add (split_data->codes, code);
  return TRUE;
}

/* A line is one code when the provider's format says so ("1234 5678");
 * otherwise its words are separate codes. */
static gboolean
add_line (const guint8 *line,
          gsize         len,
          gpointer      user_data)
{
  Split *split_data = user_data;
  g_autoptr(RvSecret) whole = NULL;

  if (split_data->provider != NULL)
    whole = rv_provider_normalize_recovery_code (split_data->provider, (const char *) line, len,
                                                 NULL);
  if (whole != NULL)
    {
      g_ptr_array_add (split_data->codes, g_steal_pointer (&whole));
      return TRUE;
    }
  return split (line, len, is_space, add_piece, user_data);
}

/* Splits @text into codes, each a new secret, checked against and
 * normalised to @provider's format when it has one. */
static GPtrArray *
split_codes (const RvSecret  *text,
             RvProvider      *provider,
             GError         **error)
{
  Split split_data = { provider, NULL, NULL };

  split_data.codes = g_ptr_array_new_with_free_func ((GDestroyNotify) rv_secret_free);
  if (!split (rv_secret_get_data (text), rv_secret_get_size (text), is_line_separator, add_line,
              &split_data))
    {
      g_propagate_error (error, split_data.error);
      g_ptr_array_unref (split_data.codes);
      return NULL;
    }
  return split_data.codes;
}

static RvProvider *
format_provider (GPtrArray *providers,
                 RvAccount *account)
{
  RvProvider *provider = providers ? rv_provider_match_account (providers, account) : NULL;

  return provider != NULL && rv_provider_has_code_format (provider) ? provider : NULL;
}

static void
print_added (RvAccount *account,
             guint      added,
             GArray    *duplicates)
{
  g_autofree char *display = rv_account_dup_display_name (account);
  g_autoptr(GString) positions = g_string_new (NULL);

  rv_cli_print (ngettext ("Added %u recovery code to %s; %u unused of %u stored\n",
                          "Added %u recovery codes to %s; %u unused of %u stored\n", added),
                added, display, rv_account_get_n_unused_recovery_codes (account),
                rv_account_get_n_recovery_codes (account));
  if (duplicates->len == 0)
    return;
  for (guint i = 0; i < duplicates->len; i++)
    g_string_append_printf (positions, "%s%u", i > 0 ? ", " : "",
                            g_array_index (duplicates, guint, i));
  rv_cli_eprint (ngettext ("rvault: skipped %u duplicate code (input position %s)\n",
                           "rvault: skipped %u duplicate codes (input positions %s)\n",
                           duplicates->len),
                 duplicates->len, positions->str);
}

static int
add_codes (RvVault   *vault,
           RvAccount *account)
{
  g_autoptr(RvSecret) text = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GArray) duplicates = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) providers = rv_provider_load_default (NULL);
  gint64 now = rv_now ();
  GError *error = NULL;
  guint added = 0;

  /* Read only now, after unlocking: a mistyped password costs no pasting. */
  text = rv_secret_read_fd (STDIN_FILENO, MAX_CODES_INPUT, &error);
  if (text == NULL)
    return rv_cli_fail (error, RV_CLI_EXIT_USAGE);
  codes = split_codes (text, format_provider (providers, account), &error);
  if (codes == NULL)
    return rv_cli_fail (error, RV_CLI_EXIT_USAGE);
  if (codes->len == 0)
    {
      rv_cli_error (_("No recovery codes on standard input (one per line, or separated by spaces)"));
      return RV_CLI_EXIT_USAGE;
    }

  for (guint i = 0; i < codes->len; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (rv_account_add_recovery_code (account, codes->pdata[i], now, 0, &local_error))
        added++;
      else if (g_error_matches (local_error, RV_ACCOUNT_ERROR, RV_ACCOUNT_ERROR_DUPLICATE_CODE))
        {
          guint position = i + 1;

          g_array_append_val (duplicates, position);
        }
      else
        return rv_cli_fail (g_steal_pointer (&local_error), RV_CLI_EXIT_FAILURE);
    }

  if (added > 0)
    {
      int status = rv_cli_save_vault (vault);

      if (status != RV_CLI_EXIT_OK)
        return status;
    }
  print_added (account, added, duplicates);
  return RV_CLI_EXIT_OK;
}

/* Letters and digits only, lower case: "ABCD-1234" and "abcd 1234" are
 * the same code as services print and people type them. */
static RvSecret *
normalize_code (const RvSecret *code)
{
  const guint8 *data = rv_secret_get_data (code);
  g_autoptr(RvSecret) out = rv_secret_new (rv_secret_get_size (code));
  guint8 *dest = rv_secret_get_mutable_data (out);
  gsize len = 0;

  for (gsize i = 0; i < rv_secret_get_size (code); i++)
    if (g_ascii_isalnum (data[i]))
      dest[len++] = g_ascii_tolower (data[i]);
  return rv_secret_truncate (g_steal_pointer (&out), len);
}

static gint
find_code_loosely (RvAccount      *account,
                   const RvSecret *code)
{
  g_autoptr(RvSecret) wanted = normalize_code (code);

  for (guint i = 0; i < rv_account_get_n_recovery_codes (account); i++)
    if (rv_secret_equal (rv_account_get_recovery_code (account, i)->code, code))
      return (gint) i;
  if (rv_secret_get_size (wanted) == 0)
    return -1;
  for (guint i = 0; i < rv_account_get_n_recovery_codes (account); i++)
    {
      g_autoptr(RvSecret) stored = normalize_code (rv_account_get_recovery_code (account, i)->code);

      if (rv_secret_equal (stored, wanted))
        return (gint) i;
    }
  return -1;
}

static int
use_code (RvVault        *vault,
          RvAccount      *account,
          const RvSecret *code)
{
  g_autofree char *display = rv_account_dup_display_name (account);
  GError *error = NULL;
  guint unused;
  gint index;
  int status;

  index = find_code_loosely (account, code);
  if (index < 0)
    {
      rv_cli_error (_("That recovery code is not stored for %s (see rvault recovery-codes "
                      "QUERY --list)"), display);
      return RV_CLI_EXIT_FAILURE;
    }
  if (!rv_account_mark_recovery_code_used (account, index, rv_now (), &error))
    return rv_cli_fail (error, RV_CLI_EXIT_FAILURE);
  status = rv_cli_save_vault (vault);
  if (status != RV_CLI_EXIT_OK)
    return status;

  unused = rv_account_get_n_unused_recovery_codes (account);
  rv_cli_print (_("Marked recovery code %d of %s as used; %u unused left\n"), index + 1, display,
                unused);
  if (unused <= FEW_CODES_LEFT)
    {
      g_autofree char *id = rv_cli_short_id (account);

      rv_cli_eprint (ngettext ("rvault: only %u unused recovery code left: get new ones from "
                               "the service and add them with “rvault recovery-codes %s --add -”\n",
                               "rvault: only %u unused recovery codes left: get new ones from "
                               "the service and add them with “rvault recovery-codes %s --add -”\n",
                               unused),
                     unused, id);
    }
  return RV_CLI_EXIT_OK;
}

static void
list_codes_json (RvAccount *account,
                 gboolean   reveal)
{
  g_autoptr(RvCliRevealer) revealer = rv_cli_revealer_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  rv_cli_json_add_string (builder, "id", rv_account_get_id (account));
  rv_cli_json_add_string (builder, "issuer", rv_account_get_issuer (account));
  rv_cli_json_add_string (builder, "name", rv_account_get_name (account));
  rv_cli_json_add_recovery_codes (revealer, builder, account, reveal);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  rv_cli_revealer_print (revealer, root);
}

static void
list_codes (RvAccount *account,
            gboolean   reveal,
            gboolean   json)
{
  g_autofree char *display = NULL;
  g_autofree char *id = NULL;

  if (json)
    {
      list_codes_json (account, reveal);
      return;
    }
  display = rv_account_dup_display_name (account);
  id = rv_cli_short_id (account);
  rv_cli_print ("%s [%s]\n", display, id);
  rv_cli_print_recovery_codes (account, reveal);
}

typedef struct
{
  char       *add;
  gboolean    list;
  gboolean    use_given;
  char       *use;         /* NULL or "-": read the code; else the deprecated argv form */
  char       *query;       /* the QUERY, when GOption took it for the value of --use */
  gboolean    reveal;
  gboolean    json;
} CodesFlags;

/* --use takes no value: the code is read on standard input or typed without
 * echo, never put in argv where ps and shell history keep it. */
static gboolean
use_option_cb (const char  *option_name,
               const char  *value,
               gpointer     user_data,
               GError     **error)
{
  CodesFlags *flags = user_data;

  flags->use_given = TRUE;
  g_free (flags->use);
  flags->use = g_strdup (value);
  return TRUE;
}

/* GOption gives --use the next word when it does not start with "-". That
 * word is the deprecated "--use CODE" when a QUERY is left besides it, else
 * it was the QUERY ("--use acme": the code is read). "--use -" leaves "-"
 * among the positional arguments: take it back. */
static void
fix_use_value (CodesFlags   *flags,
               const char   *after_use,
               int          *argc,
               char        **argv)
{
  if (!flags->use_given)
    return;
  if (flags->use == NULL && *argc == 3 && after_use != NULL && g_str_equal (after_use, "-"))
    {
      if (argv[1] == after_use)
        argv[1] = argv[2];
      flags->use = g_strdup ("-");
      argv[2] = NULL;
      *argc = 2;
    }
  else if (flags->use != NULL && *argc == 1)
    {
      /* argv has room: the word was in it before parsing. */
      argv[1] = flags->use;
      argv[2] = NULL;
      *argc = 2;
      flags->query = g_steal_pointer (&flags->use);
    }
}

static gboolean
check_flags (const CodesFlags *flags,
             int               argc)
{
  if (argc != 2)
    {
      rv_cli_error (_("Say which account: rvault recovery-codes QUERY --add - | --list | --use"));
      return FALSE;
    }
  if ((flags->add != NULL) + flags->list + flags->use_given != 1)
    {
      rv_cli_error (_("Choose one of --add -, --list and --use"));
      return FALSE;
    }
  if (flags->add != NULL && !g_str_equal (flags->add, "-"))
    {
      rv_cli_error (_("--add only reads standard input: write “--add -” and pipe the codes in"));
      return FALSE;
    }
  if ((flags->reveal || flags->json) && !flags->list)
    {
      rv_cli_error (_("--reveal and --json go with --list"));
      return FALSE;
    }
  return TRUE;
}

static RvSecret *
code_to_use (const char *argument,
             int        *status)
{
  GError *error = NULL;
  RvSecret *code;

  if (argument != NULL && !g_str_equal (argument, "-"))
    {
      rv_cli_error (_("warning: a code on the command line is seen by other users (ps) and kept "
                      "in shell history; “--use CODE” is deprecated: give --use alone and type "
                      "the code, or pipe it in"));
      return rv_secret_new_from_string (argument);
    }

  code = rv_cli_read_stdin_secret (_("Recovery code: "), RV_CLI_MAX_PASSWORD, &error);
  if (code == NULL)
    *status = rv_cli_fail (error, RV_CLI_EXIT_USAGE);
  return code;
}

int
rv_cli_recovery_codes (RvCliGlobal  *global,
                       int           argc,
                       char        **argv)
{
  CodesFlags flags = { 0 };
  int compartment_fd = -1;
  GOptionEntry entries[] = {
    { "add", 0, 0, G_OPTION_ARG_STRING, &flags.add,
      N_("Add codes read on standard input (one per line or separated by spaces)"), "-" },
    { "list", 0, 0, G_OPTION_ARG_NONE, &flags.list, N_("List the codes (masked unless --reveal)"),
      NULL },
    { "use", 0, G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK, use_option_cb,
      N_("Mark a code as used: read on standard input, or typed without echo"), NULL },
    { "reveal", 0, 0, G_OPTION_ARG_NONE, &flags.reveal, N_("Show the codes themselves"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &flags.json, N_("Print JSON"), NULL },
    { "compartment-password-fd", 0, 0, G_OPTION_ARG_INT, &compartment_fd,
      N_("The recovery-code compartment's password, if it is on, from this file descriptor"),
      "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("QUERY --add - | --list | --use - manage recovery codes"));
  GOptionGroup *group = g_option_group_new (NULL, NULL, NULL, &flags, NULL);
  const char *after_use = NULL;
  g_autoptr(RvSecret) code = NULL;
  g_autoptr(RvVault) vault = NULL;
  g_autofree char *add = NULL;
  g_autofree char *use = NULL;
  g_autofree char *query = NULL;
  RvAccount *account;
  int status = RV_CLI_EXIT_OK;

  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_group_add_entries (group, entries);
  g_option_context_set_main_group (context, group);
  for (int i = 1; i + 1 < argc; i++)
    if (g_str_equal (argv[i], "--use"))
      after_use = argv[i + 1];
  if (!rv_cli_parse_options (context, &argc, &argv))
    {
      g_free (flags.add);
      g_free (flags.use);
      return RV_CLI_EXIT_USAGE;
    }
  add = flags.add;
  fix_use_value (&flags, after_use, &argc, argv);
  use = flags.use;
  query = flags.query;
  if (!check_flags (&flags, argc))
    return RV_CLI_EXIT_USAGE;

  if (flags.use_given && (code = code_to_use (use, &status)) == NULL)
    return status;

  vault = rv_cli_open_vault (global, RV_CLI_UNLOCK_DEFAULT, &status);
  if (vault == NULL)
    return status;
  account = rv_cli_find_account (vault, argv[1], &status);
  if (account == NULL)
    return status;
  /* Showing, adding or matching codes needs the compartment open, if on. */
  if ((add != NULL || code != NULL || flags.reveal) &&
      !rv_cli_open_compartment (vault, compartment_fd, &status))
    return status;

  if (add != NULL)
    return add_codes (vault, account);
  if (code != NULL)
    return use_code (vault, account, code);
  list_codes (account, flags.reveal, flags.json);
  return RV_CLI_EXIT_OK;
}
