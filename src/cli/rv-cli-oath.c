/* rv-cli-oath.c: the stateless commands `rvault oath` and `rvault uri`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "rv-base32.h"
#include "rv-cli.h"
#include "rv-otp-uri.h"
#include "rv-util.h"

/* Secrets and URIs come on stdin, never on the command line (where any
 * process could read them from /proc). */
#define RV_MAX_STDIN 8192

int
rv_cli_oath (RvCliGlobal  *global,
             int           argc,
             char        **argv)
{
  gboolean totp = FALSE, hotp = FALSE, steam = FALSE;
  g_autofree char *algorithm = NULL;
  int digits = -1, period = RV_OTP_DEFAULT_PERIOD;
  gint64 counter = 0, at = -1;
  GOptionEntry entries[] = {
    { "totp", 0, 0, G_OPTION_ARG_NONE, &totp, N_("Time-based code (default)"), NULL },
    { "hotp", 0, 0, G_OPTION_ARG_NONE, &hotp, N_("Counter-based code"), NULL },
    { "steam", 0, 0, G_OPTION_ARG_NONE, &steam, N_("Steam Guard code"), NULL },
    { "algorithm", 0, 0, G_OPTION_ARG_STRING, &algorithm, N_("sha1, sha256 or sha512"), "ALG" },
    { "digits", 0, 0, G_OPTION_ARG_INT, &digits, N_("Number of digits (6–10)"), "N" },
    { "period", 0, 0, G_OPTION_ARG_INT, &period, N_("Time step in seconds (default 30)"), "S" },
    { "counter", 0, 0, G_OPTION_ARG_INT64, &counter, N_("HOTP counter (default 0)"), "C" },
    { "at", 0, 0, G_OPTION_ARG_INT64, &at, N_("Unix time to use instead of now"), "UNIX_SECONDS" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("- print a one-time code"));
  g_autoptr(RvOtpParams) params = NULL;
  g_autoptr(RvSecret) text = NULL;
  GError *error = NULL;
  char code[RV_OTP_CODE_BUFFER];

  g_option_context_set_summary (context, _("Reads a base32 secret on standard input."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rv_cli_parse_options (context, &argc, &argv))
    return RV_CLI_EXIT_USAGE;
  if (argc > 1)
    {
      rv_cli_error (_("oath takes no arguments: the secret is read on standard input"));
      return RV_CLI_EXIT_USAGE;
    }
  if (totp + hotp + steam > 1)
    {
      rv_cli_error (_("Choose only one of --totp, --hotp and --steam"));
      return RV_CLI_EXIT_USAGE;
    }

  params = rv_otp_params_new (hotp ? RV_OTP_KIND_HOTP :
                              steam ? RV_OTP_KIND_STEAM : RV_OTP_KIND_TOTP);
  if (algorithm != NULL && !rv_otp_algorithm_from_string (algorithm, &params->algorithm))
    {
      rv_cli_error (_("Unknown algorithm “%s”: expected sha1, sha256 or sha512"), algorithm);
      return RV_CLI_EXIT_USAGE;
    }
  if (digits >= 0)
    params->digits = digits;
  if (period <= 0)
    {
      rv_cli_error (_("The period must be a positive number of seconds, not %d"), period);
      return RV_CLI_EXIT_USAGE;
    }
  params->period = period;
  if (counter < 0)
    {
      rv_cli_error (_("The counter cannot be negative"));
      return RV_CLI_EXIT_USAGE;
    }
  params->counter = counter;
  if (at < 0)
    at = rv_now ();

  text = rv_secret_read_fd (STDIN_FILENO, RV_MAX_STDIN, &error);
  if (text == NULL)
    return rv_cli_fail (error, RV_CLI_EXIT_USAGE);
  params->secret = rv_base32_decode (rv_secret_get_string (text), rv_secret_get_size (text),
                                     &error);
  if (params->secret == NULL)
    return rv_cli_fail (error, RV_CLI_EXIT_USAGE);

  if (!rv_otp_params_generate (params, at, code, &error))
    return rv_cli_fail (error, RV_CLI_EXIT_USAGE);

  rv_cli_print ("%s\n", code);
  return RV_CLI_EXIT_OK;
}

int
rv_cli_uri (RvCliGlobal  *global,
            int           argc,
            char        **argv)
{
  gboolean reveal = FALSE;
  GOptionEntry entries[] = {
    { "reveal", 0, 0, G_OPTION_ARG_NONE, &reveal, N_("Include the secret in the output"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("- parse an otpauth URI"));
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(RvOtpParams) params = NULL;
  g_autoptr(RvSecret) text = NULL;
  g_autofree char *json = NULL;
  GError *error = NULL;

  g_option_context_set_summary (context, _("Reads an otpauth URI on standard input."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rv_cli_parse_options (context, &argc, &argv))
    return RV_CLI_EXIT_USAGE;
  if (argc > 1)
    {
      rv_cli_error (_("uri takes no arguments: the URI is read on standard input"));
      return RV_CLI_EXIT_USAGE;
    }

  text = rv_secret_read_fd (STDIN_FILENO, RV_MAX_STDIN, &error);
  if (text == NULL)
    return rv_cli_fail (error, RV_CLI_EXIT_USAGE);
  params = rv_otp_uri_parse (rv_secret_get_string (text), rv_secret_get_size (text), &error);
  if (params == NULL)
    return rv_cli_fail (error, RV_CLI_EXIT_USAGE);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, rv_otp_kind_to_string (params->kind));
  json_builder_set_member_name (builder, "issuer");
  if (params->issuer)
    json_builder_add_string_value (builder, params->issuer);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "account");
  json_builder_add_string_value (builder, params->account_name);
  json_builder_set_member_name (builder, "algorithm");
  json_builder_add_string_value (builder, rv_otp_algorithm_to_string (params->algorithm));
  json_builder_set_member_name (builder, "digits");
  json_builder_add_int_value (builder, params->digits);
  if (params->kind == RV_OTP_KIND_HOTP)
    {
      json_builder_set_member_name (builder, "counter");
      json_builder_add_int_value (builder, (gint64) params->counter);
    }
  else
    {
      json_builder_set_member_name (builder, "period");
      json_builder_add_int_value (builder, params->period);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);

  if (!reveal)
    {
      rv_cli_print ("%s\n", json);
      return RV_CLI_EXIT_OK;
    }

  /* The secret is spliced in from guarded memory rather than built into the
   * JSON text, which lives in the ordinary heap. */
  {
    g_autoptr(RvSecret) encoded = rv_base32_encode_secret (params->secret);
    char *brace = strrchr (json, '}');

    g_assert (brace != NULL);
    *brace = '\0';
    g_strchomp (json);
    rv_cli_print ("%s,\n  \"secret\" : \"", json);
    rv_cli_write_secret (encoded);
    fflush (stdout);
    rv_cli_print ("\"\n}\n");
  }
  return RV_CLI_EXIT_OK;
}
