/* rv-cli-account.c: `rvault add`, `edit` and `remove`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>
#include <unistd.h>

#include "rv-base32.h"
#include "rv-cli.h"
#include "rv-cli-prompt.h"
#include "rv-cli-query.h"
#include "rv-cli-unlock.h"
#include "rv-otp-uri.h"

/* Secrets and URIs come on stdin, never on the command line (where any
 * process could read them from /proc). */
#define MAX_SECRET_INPUT 8192
#define UNSET            -1

typedef struct
{
  char    *issuer;
  char    *name;
  char    *email;
  char    *url;
  char    *notes;
  char   **tags;
  char    *type;
  char    *algorithm;
  int      digits;
  int      period;
  gint64   counter;
  char    *uri;
  char    *secret;
} AccountFlags;

static void
account_flags_clear (AccountFlags *flags)
{
  g_free (flags->issuer);
  g_free (flags->name);
  g_free (flags->email);
  g_free (flags->url);
  g_free (flags->notes);
  g_strfreev (flags->tags);
  g_free (flags->type);
  g_free (flags->algorithm);
  g_free (flags->uri);
  g_free (flags->secret);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AccountFlags, account_flags_clear)

static void
add_account_entries (GOptionContext *context,
                     AccountFlags   *flags,
                     gboolean        edit)
{
  GOptionEntry entries[] = {
    { "issuer", 0, 0, G_OPTION_ARG_STRING, &flags->issuer, N_("Service, e.g. PyPI"), "TEXT" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &flags->name, N_("Account name or username"), "TEXT" },
    { "email", 0, 0, G_OPTION_ARG_STRING, &flags->email, N_("Email address of the account"), "TEXT" },
    { "url", 0, 0, G_OPTION_ARG_STRING, &flags->url, N_("Web address of the service"), "URL" },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &flags->notes, N_("Free text"), "TEXT" },
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &flags->tags,
      edit ? N_("Tag (repeat for several; replaces the tags; \"\" clears them)")
           : N_("Tag (repeat for several)"), "TAG" },
    /* edit changes only what is given: no defaults there */
    { "type", 0, 0, G_OPTION_ARG_STRING, &flags->type,
      edit ? N_("totp, hotp, steam or none") : N_("totp (default), hotp, steam or none"),
      "TYPE" },
    { "algorithm", 0, 0, G_OPTION_ARG_STRING, &flags->algorithm,
      edit ? N_("sha1, sha256 or sha512") : N_("sha1 (default), sha256 or sha512"), "ALG" },
    { "digits", 0, 0, G_OPTION_ARG_INT, &flags->digits,
      edit ? N_("Code length, 6–10") : N_("Code length, 6–10 (default 6)"), "N" },
    { "period", 0, 0, G_OPTION_ARG_INT, &flags->period,
      edit ? N_("TOTP time step in seconds") : N_("TOTP time step in seconds (default 30)"),
      "S" },
    { "counter", 0, 0, G_OPTION_ARG_INT64, &flags->counter,
      edit ? N_("HOTP counter") : N_("HOTP counter (default 0)"), "C" },
    { "uri", 0, 0, G_OPTION_ARG_STRING, &flags->uri, N_("Read an otpauth:// URI on standard input"),
      "-" },
    { NULL }
  };
  GOptionEntry secret_entry[] = {
    { "secret", 0, 0, G_OPTION_ARG_STRING, &flags->secret,
      N_("Read a new base32 secret on standard input"), "-" },
    { NULL }
  };

  flags->digits = UNSET;
  flags->period = UNSET;
  flags->counter = UNSET;
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (edit)
    g_option_context_add_main_entries (context, secret_entry, NULL);
}

static gboolean
has_otp_flags (const AccountFlags *flags)
{
  return flags->type != NULL || flags->algorithm != NULL || flags->digits != UNSET ||
         flags->period != UNSET || flags->counter != UNSET;
}

static gboolean
has_any_flag (const AccountFlags *flags)
{
  return has_otp_flags (flags) || flags->issuer != NULL || flags->name != NULL ||
         flags->email != NULL || flags->url != NULL || flags->notes != NULL ||
         flags->tags != NULL || flags->uri != NULL || flags->secret != NULL;
}

static gboolean
check_stdin_option (const char *option,
                    const char *value)
{
  if (value == NULL || g_str_equal (value, "-"))
    return TRUE;
  rv_cli_error (_("--%s only reads standard input: write “--%s -” and pipe it in "
                "(never put secrets on the command line)"), option, option);
  return FALSE;
}

static RvOtpParams *
read_uri (GError **error)
{
  g_autoptr(RvSecret) text = rv_cli_read_stdin_secret (_("otpauth URI: "), MAX_SECRET_INPUT, error);

  if (text == NULL)
    return NULL;
  return rv_otp_uri_parse (rv_secret_get_string (text), rv_secret_get_size (text), error);
}

static RvSecret *
read_base32_secret (GError **error)
{
  g_autoptr(RvSecret) text = NULL;
  g_autoptr(GError) local_error = NULL;
  RvSecret *secret;

  text = rv_cli_read_stdin_secret (_("Secret (base32): "), MAX_SECRET_INPUT, error);
  if (text == NULL)
    return NULL;
  secret = rv_base32_decode (rv_secret_get_string (text), rv_secret_get_size (text), &local_error);
  if (secret == NULL)
    g_set_error (error, local_error->domain, local_error->code,
                 "The secret on standard input is not valid base32: %s", local_error->message);
  return secret;
}

/* Applies --type, --algorithm, --digits, --period and --counter. */
static gboolean
apply_otp_flags (const AccountFlags  *flags,
                 RvOtpParams         *params,
                 GError             **error)
{
  if (flags->type != NULL)
    {
      RvOtpKind old_kind = params->kind;

      if (!rv_otp_kind_from_string (flags->type, &params->kind))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "Unknown type “%s”: expected totp, hotp, steam or none", flags->type);
          return FALSE;
        }
      if (params->kind == RV_OTP_KIND_STEAM)
        params->digits = RV_OTP_STEAM_DIGITS;
      else if (old_kind == RV_OTP_KIND_STEAM)
        params->digits = RV_OTP_MIN_DIGITS;
    }
  if (flags->algorithm != NULL && !rv_otp_algorithm_from_string (flags->algorithm,
                                                                 &params->algorithm))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "Unknown algorithm “%s”: expected sha1, sha256 or sha512", flags->algorithm);
      return FALSE;
    }
  if (flags->digits != UNSET)
    params->digits = MAX (flags->digits, 0);
  if (flags->period != UNSET)
    params->period = MAX (flags->period, 0);
  if (flags->counter != UNSET)
    {
      if (flags->counter < 0)
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                               "The counter cannot be negative");
          return FALSE;
        }
      params->counter = flags->counter;
    }
  return TRUE;
}

/* Tags as given, without empty ones: `--tag ""` means no tags. */
static void
apply_tags (RvAccount  *account,
            char      **tags)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) kept = NULL;

  for (guint i = 0; tags[i] != NULL; i++)
    if (tags[i][0] != '\0')
      g_strv_builder_add (builder, tags[i]);
  kept = g_strv_builder_end (builder);
  rv_account_set_tags (account, (const char * const *) kept);
}

static void
apply_text_flags (const AccountFlags *flags,
                  RvAccount          *account)
{
  if (flags->issuer != NULL)
    rv_account_set_issuer (account, flags->issuer);
  if (flags->name != NULL)
    rv_account_set_name (account, flags->name);
  if (flags->email != NULL)
    rv_account_set_email (account, flags->email);
  if (flags->url != NULL)
    rv_account_set_url (account, flags->url);
  if (flags->notes != NULL)
    rv_account_set_notes (account, flags->notes);
  if (flags->tags != NULL)
    apply_tags (account, flags->tags);
}

/* Builds the OTP part of a new account from --uri - or from the flags and
 * a base32 secret on stdin. */
static RvOtpParams *
params_for_add (const AccountFlags  *flags,
                GError             **error)
{
  g_autoptr(RvOtpParams) params = NULL;

  if (flags->uri != NULL)
    {
      if (has_otp_flags (flags))
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                               "--type, --algorithm, --digits, --period and --counter come "
                               "from the URI: leave them out with --uri");
          return NULL;
        }
      return read_uri (error);
    }

  params = rv_otp_params_new (RV_OTP_KIND_TOTP);
  if (!apply_otp_flags (flags, params, error))
    return NULL;
  if (params->kind != RV_OTP_KIND_NONE)
    {
      params->secret = read_base32_secret (error);
      if (params->secret == NULL)
        return NULL;
    }
  if (!rv_otp_params_validate (params, error))
    return NULL;
  return g_steal_pointer (&params);
}

static int
finish_change (RvVault    *vault,
               RvAccount  *account,
               const char *verb)
{
  g_autofree char *display = rv_account_dup_display_name (account);
  g_autofree char *id = rv_cli_short_id (account);
  int status;

  rv_account_set_updated (account, rv_now ());
  status = rv_cli_save_vault (vault);
  if (status == RV_CLI_EXIT_OK)
    rv_cli_print ("%s %s [%s]\n", verb, display, id);
  return status;
}

int
rv_cli_add (RvCliGlobal  *global,
            int           argc,
            char        **argv)
{
  g_auto(AccountFlags) flags = { 0 };
  g_autoptr(GOptionContext) context = g_option_context_new (_("- add an account"));
  g_autoptr(RvOtpParams) params = NULL;
  g_autoptr(RvAccount) account = NULL;
  g_autoptr(RvVault) vault = NULL;
  GError *error = NULL;
  int status = RV_CLI_EXIT_OK;

  g_option_context_set_description (context,
    _("The base32 secret is read on standard input (typed without echo on a\n"
    "terminal), or with --uri - a whole otpauth:// URI. --type none adds an\n"
    "account that only keeps recovery codes."));
  add_account_entries (context, &flags, FALSE);
  if (!rv_cli_parse_options (context, &argc, &argv))
    return RV_CLI_EXIT_USAGE;
  if (argc > 1)
    {
      rv_cli_error (_("add takes no arguments: use --issuer and --name; the secret is read "
                    "on standard input"));
      return RV_CLI_EXIT_USAGE;
    }
  if (!check_stdin_option ("uri", flags.uri))
    return RV_CLI_EXIT_USAGE;

  /* Bad input is reported before the password is asked for. */
  params = params_for_add (&flags, &error);
  if (params == NULL)
    return rv_cli_fail (error, rv_cli_vault_error_status (error));

  account = rv_account_new_from_otp_params (params);
  apply_text_flags (&flags, account);
  if (rv_account_get_issuer (account) == NULL && rv_account_get_name (account) == NULL)
    {
      rv_cli_error (_("Give the account an --issuer or a --name"));
      return RV_CLI_EXIT_USAGE;
    }

  vault = rv_cli_open_vault (global, RV_CLI_UNLOCK_DEFAULT, &status);
  if (vault == NULL)
    return status;
  rv_vault_add_account (vault, account);
  return finish_change (vault, account, "Added");
}

/* Reads --secret - or --uri - for edit before the vault is unlocked. */
static RvOtpParams *
read_edit_input (const AccountFlags  *flags,
                 GError             **error)
{
  g_autoptr(RvOtpParams) params = NULL;

  if (flags->uri != NULL)
    return read_uri (error);

  params = rv_otp_params_new (RV_OTP_KIND_NONE);
  params->secret = read_base32_secret (error);
  if (params->secret == NULL)
    return NULL;
  return g_steal_pointer (&params);
}

static gboolean
apply_edit (const AccountFlags  *flags,
            const RvOtpParams   *input,
            RvAccount           *account,
            GError             **error)
{
  g_autoptr(RvOtpParams) params = rv_account_dup_otp_params (account);

  if (input != NULL && flags->uri != NULL)
    {
      g_autoptr(RvOtpParams) old = g_steal_pointer (&params);

      /* The URI brings the code parameters; the label stays the account's. */
      params = rv_otp_params_copy (input);
      g_free (params->issuer);
      g_free (params->account_name);
      params->issuer = g_steal_pointer (&old->issuer);
      params->account_name = g_steal_pointer (&old->account_name);
    }
  else if (input != NULL)
    {
      g_clear_pointer (&params->secret, rv_secret_free);
      params->secret = rv_secret_copy (input->secret);
    }
  if (!apply_otp_flags (flags, params, error))
    return FALSE;
  if (params->kind != RV_OTP_KIND_NONE && params->secret == NULL)
    {
      g_set_error (error, RV_OTP_ERROR, RV_OTP_ERROR_NO_SECRET,
                   "A %s account needs a secret: give it on standard input with --secret -",
                   rv_otp_kind_to_string (params->kind));
      return FALSE;
    }
  if (!rv_otp_params_validate (params, error))
    return FALSE;

  rv_account_set_otp_params (account, params);
  apply_text_flags (flags, account);
  return TRUE;
}

int
rv_cli_edit (RvCliGlobal  *global,
             int           argc,
             char        **argv)
{
  g_auto(AccountFlags) flags = { 0 };
  g_autoptr(GOptionContext) context = g_option_context_new (_("QUERY - change an account"));
  g_autoptr(RvOtpParams) input = NULL;
  g_autoptr(RvVault) vault = NULL;
  RvAccount *account;
  GError *error = NULL;
  int status = RV_CLI_EXIT_OK;

  g_option_context_set_description (context,
    _("Only the fields given change; an empty value (--email \"\") clears one.\n"
    "--secret - reads a new base32 secret on standard input; --uri - takes the\n"
    "type, secret and parameters (not the issuer and name) from an otpauth:// URI."));
  add_account_entries (context, &flags, TRUE);
  if (!rv_cli_parse_options (context, &argc, &argv))
    return RV_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      rv_cli_error (_("Say which account to edit: rvault edit QUERY [OPTIONS…]"));
      return RV_CLI_EXIT_USAGE;
    }
  if (!check_stdin_option ("uri", flags.uri) || !check_stdin_option ("secret", flags.secret))
    return RV_CLI_EXIT_USAGE;
  if (flags.uri != NULL && flags.secret != NULL)
    {
      rv_cli_error (_("Give either --uri - or --secret -, not both"));
      return RV_CLI_EXIT_USAGE;
    }
  if (!has_any_flag (&flags))
    {
      rv_cli_error (_("Nothing to change: give at least one option (see rvault edit --help)"));
      return RV_CLI_EXIT_USAGE;
    }

  if (flags.uri != NULL || flags.secret != NULL)
    {
      input = read_edit_input (&flags, &error);
      if (input == NULL)
        return rv_cli_fail (error, rv_cli_vault_error_status (error));
    }

  vault = rv_cli_open_vault (global, RV_CLI_UNLOCK_DEFAULT, &status);
  if (vault == NULL)
    return status;
  account = rv_cli_find_account (vault, argv[1], &status);
  if (account == NULL)
    return status;
  if (!apply_edit (&flags, input, account, &error))
    return rv_cli_fail (error, rv_cli_vault_error_status (error));
  return finish_change (vault, account, "Updated");
}

int
rv_cli_remove (RvCliGlobal  *global,
               int           argc,
               char        **argv)
{
  gboolean yes = FALSE;
  GOptionEntry entries[] = {
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_("Do not ask for confirmation"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("QUERY - remove an account"));
  g_autoptr(RvVault) vault = NULL;
  g_autofree char *display = NULL;
  g_autofree char *id = NULL;
  RvAccount *account;
  int status = RV_CLI_EXIT_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rv_cli_parse_options (context, &argc, &argv))
    return RV_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      rv_cli_error (_("Say which account to remove: rvault remove QUERY"));
      return RV_CLI_EXIT_USAGE;
    }
  if (!yes && !rv_cli_has_terminal ())
    {
      rv_cli_error (_("Not removing without confirmation: add --yes when not on a terminal"));
      return RV_CLI_EXIT_USAGE;
    }

  vault = rv_cli_open_vault (global, RV_CLI_UNLOCK_DEFAULT, &status);
  if (vault == NULL)
    return status;
  account = rv_cli_find_account (vault, argv[1], &status);
  if (account == NULL)
    return status;

  display = rv_account_dup_display_name (account);
  id = rv_cli_short_id (account);
  if (!yes)
    {
      g_autofree char *question =
        g_strdup_printf ("Remove %s [%s], its secret and its %u recovery codes?",
                         display, id, rv_account_get_n_recovery_codes (account));

      if (!rv_cli_confirm (question))
        {
          rv_cli_error (_("Not removed"));
          return RV_CLI_EXIT_FAILURE;
        }
    }

  rv_vault_remove_account (vault, account);
  status = rv_cli_save_vault (vault);
  if (status == RV_CLI_EXIT_OK)
    rv_cli_print (_("Removed %s [%s]\n"), display, id);
  return status;
}
