/* rv-cli-show.c: `rvault list`, `code` and `show`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>
#include <string.h>

#include "rv-base32.h"
#include "rv-cli.h"
#include "rv-cli-output.h"
#include "rv-cli-query.h"
#include "rv-cli-unlock.h"
#include "rv-otp-uri.h"

static const char *
or_dash (const char *text)
{
  return text != NULL && text[0] != '\0' ? text : "-";
}

/* printf's %-*s counts bytes; pad by characters so accents align. */
static void
print_padded (const char *text,
              gsize       width)
{
  gsize len = g_utf8_strlen (text, -1);

  rv_cli_print ("%s%*s", text, (int) (width > len ? width - len : 0), "");
}

static GPtrArray *
matching_accounts (RvVault    *vault,
                   const char *query)
{
  GListModel *accounts = rv_vault_get_accounts (vault);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *folded = query ? g_utf8_casefold (query, -1) : NULL;

  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (accounts, i);

      if (folded == NULL || rv_account_matches (account, folded))
        g_ptr_array_add (found, g_steal_pointer (&account));
    }
  return found;
}

static char *
recovery_summary (RvAccount *account)
{
  if (rv_account_get_n_recovery_codes (account) == 0)
    return g_strdup ("-");
  return g_strdup_printf ("%u/%u", rv_account_get_n_unused_recovery_codes (account),
                          rv_account_get_n_recovery_codes (account));
}

static void
print_list_table (GPtrArray *accounts)
{
  enum { ID, TYPE, ISSUER, NAME, RECOVERY, TAGS, N_COLUMNS };
  static const char *headers[N_COLUMNS] = { "ID", "TYPE", "ISSUER", "NAME", "RECOVERY", "TAGS" };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  gsize widths[N_COLUMNS];

  for (guint c = 0; c < N_COLUMNS; c++)
    widths[c] = strlen (headers[c]);
  for (guint i = 0; i < accounts->len; i++)
    {
      RvAccount *account = accounts->pdata[i];
      g_autofree char *tags = rv_cli_format_tags (account);
      char **row = g_new0 (char *, N_COLUMNS + 1);

      row[ID] = rv_cli_short_id (account);
      row[TYPE] = g_strdup (rv_otp_kind_to_string (rv_account_get_kind (account)));
      row[ISSUER] = g_strdup (or_dash (rv_account_get_issuer (account)));
      row[NAME] = g_strdup (or_dash (rv_account_get_name (account)));
      row[RECOVERY] = recovery_summary (account);
      row[TAGS] = g_strdup (or_dash (tags));
      for (guint c = 0; c < N_COLUMNS; c++)
        widths[c] = MAX (widths[c], (gsize) g_utf8_strlen (row[c], -1));
      g_ptr_array_add (rows, row);
    }

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      print_padded (headers[c], c + 1 < N_COLUMNS ? widths[c] + 2 : 0);
    }
  rv_cli_print ("\n");
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = rows->pdata[i];

      for (guint c = 0; c < N_COLUMNS; c++)
        print_padded (row[c], c + 1 < N_COLUMNS ? widths[c] + 2 : 0);
      rv_cli_print ("\n");
    }
}

static void
add_identity (JsonBuilder *builder,
              RvAccount   *account)
{
  rv_cli_json_add_string (builder, "id", rv_account_get_id (account));
  rv_cli_json_add_string (builder, "issuer", rv_account_get_issuer (account));
  rv_cli_json_add_string (builder, "name", rv_account_get_name (account));
  rv_cli_json_add_string (builder, "type", rv_otp_kind_to_string (rv_account_get_kind (account)));
}

static void
print_list_json (GPtrArray *accounts)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < accounts->len; i++)
    {
      RvAccount *account = accounts->pdata[i];

      json_builder_begin_object (builder);
      add_identity (builder, account);
      rv_cli_json_add_string (builder, "email", rv_account_get_email (account));
      rv_cli_json_add_tags (builder, account);
      json_builder_set_member_name (builder, "recovery_codes");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "unused");
      json_builder_add_int_value (builder, rv_account_get_n_unused_recovery_codes (account));
      json_builder_set_member_name (builder, "total");
      json_builder_add_int_value (builder, rv_account_get_n_recovery_codes (account));
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  rv_cli_print_json (root);
}

int
rv_cli_list (RvCliGlobal  *global,
             int           argc,
             char        **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("[QUERY] - list the accounts"));
  g_autoptr(RvVault) vault = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  int status = RV_CLI_EXIT_OK;

  g_option_context_set_description (context, _("Secrets are never listed."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rv_cli_parse_options (context, &argc, &argv))
    return RV_CLI_EXIT_USAGE;
  if (argc > 2)
    {
      rv_cli_error (_("list takes at most one search text"));
      return RV_CLI_EXIT_USAGE;
    }

  vault = rv_cli_open_vault (global, RV_CLI_UNLOCK_DEFAULT, &status);
  if (vault == NULL)
    return status;

  accounts = matching_accounts (vault, argc == 2 ? argv[1] : NULL);
  if (json)
    print_list_json (accounts);
  else if (accounts->len == 0)
    rv_cli_eprint (argc == 2 ? "No account matches “%s”\n"
                               : "The vault has no accounts yet (add one with “rvault add”)\n",
             argc == 2 ? argv[1] : "");
  else
    print_list_table (accounts);
  return RV_CLI_EXIT_OK;
}

static void
print_code_json (RvAccount  *account,
                 const char *code,
                 gint64      at,
                 guint64     counter)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  RvOtpKind kind = rv_account_get_kind (account);

  json_builder_begin_object (builder);
  add_identity (builder, account);
  rv_cli_json_add_string (builder, "code", code);
  if (kind == RV_OTP_KIND_HOTP)
    {
      json_builder_set_member_name (builder, "counter");
      json_builder_add_int_value (builder, (gint64) counter);
    }
  else
    {
      guint period = rv_account_get_period (account);
      guint left = rv_otp_seconds_left (at, period);

      json_builder_set_member_name (builder, "period");
      json_builder_add_int_value (builder, period);
      json_builder_set_member_name (builder, "seconds_left");
      json_builder_add_int_value (builder, left);
      rv_cli_json_add_time (builder, "valid_until", at + left);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  rv_cli_print_json (root);
}

int
rv_cli_code (RvCliGlobal  *global,
             int           argc,
             char        **argv)
{
  gboolean json = FALSE;
  gint64 at = G_MININT64;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "at", 0, 0, G_OPTION_ARG_INT64, &at, N_("Unix time to use instead of now"), "UNIX_SECONDS" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("QUERY - print the current code"));
  g_autoptr(RvVault) vault = NULL;
  RvAccount *account;
  GError *error = NULL;
  char code[RV_OTP_CODE_BUFFER];
  guint64 counter;
  guint64 next_counter = 0;
  int status = RV_CLI_EXIT_OK;

  g_option_context_set_description (context,
    _("QUERY is part of an issuer, name, email or tag, or an id. For a HOTP\n"
    "account the counter moves on by one and is saved."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rv_cli_parse_options (context, &argc, &argv))
    return RV_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      rv_cli_error (_("Say which account: rvault code QUERY"));
      return RV_CLI_EXIT_USAGE;
    }
  if (at == G_MININT64)
    at = rv_now ();

  vault = rv_cli_open_vault (global, RV_CLI_UNLOCK_DEFAULT, &status);
  if (vault == NULL)
    return status;
  account = rv_cli_find_account (vault, argv[1], &status);
  if (account == NULL)
    return status;

  if (rv_account_get_kind (account) == RV_OTP_KIND_NONE)
    {
      g_autofree char *display = rv_account_dup_display_name (account);

      rv_cli_error (_("%s has no one-time codes (it only keeps recovery codes)"), display);
      return RV_CLI_EXIT_FAILURE;
    }
  counter = rv_account_get_counter (account);
  if (rv_account_get_kind (account) == RV_OTP_KIND_HOTP &&
      !rv_otp_next_counter (counter, &next_counter, &error))
    return rv_cli_fail (error, RV_CLI_EXIT_FAILURE);
  if (!rv_account_generate_code (account, at, code, &error))
    return rv_cli_fail (error, rv_cli_vault_error_status (error));

  /* The next HOTP code must differ, so the counter is saved before this one
   * is shown. */
  if (rv_account_get_kind (account) == RV_OTP_KIND_HOTP)
    {
      rv_account_set_counter (account, next_counter);
      status = rv_cli_save_vault (vault);
      if (status != RV_CLI_EXIT_OK)
        return status;
    }

  if (json)
    print_code_json (account, code, at, counter);
  else if (rv_account_get_kind (account) == RV_OTP_KIND_HOTP)
    rv_cli_print (_("%s (counter %llu)\n"), code, (unsigned long long) counter);
  else
    {
      guint left = rv_otp_seconds_left (at, rv_account_get_period (account));

      rv_cli_print (_("%s (valid for %u more second%s)\n"), code, left, left == 1 ? "" : "s");
    }
  return RV_CLI_EXIT_OK;
}

static void
print_times (RvAccount *account)
{
  g_autofree char *created = rv_cli_format_time (rv_account_get_created (account));
  g_autofree char *updated = rv_cli_format_time (rv_account_get_updated (account));

  rv_cli_print_field (_("Created"), created);
  rv_cli_print_field (_("Updated"), updated);
}

/* Returns: (nullable): the otpauth URI, or %NULL for an account without
 * one-time codes */
static RvSecret *
dup_uri (RvAccount *account)
{
  g_autoptr(RvOtpParams) params = NULL;

  if (rv_account_get_kind (account) == RV_OTP_KIND_NONE || rv_account_get_secret (account) == NULL)
    return NULL;
  params = rv_account_dup_otp_params (account);
  return rv_otp_uri_build (params);
}

static void
print_otp_fields (RvAccount *account,
                  gboolean   reveal)
{
  RvOtpKind kind = rv_account_get_kind (account);
  g_autofree char *digits = g_strdup_printf ("%u", rv_account_get_digits (account));
  g_autofree char *period = g_strdup_printf ("%u s", rv_account_get_period (account));
  g_autofree char *counter = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                              rv_account_get_counter (account));
  const RvSecret *secret = rv_account_get_secret (account);

  rv_cli_print_field (_("Type"), rv_otp_kind_to_string (kind));
  if (kind != RV_OTP_KIND_NONE)
    {
      rv_cli_print_field (_("Algorithm"),
                          rv_otp_algorithm_to_string (rv_account_get_algorithm (account)));
      rv_cli_print_field (_("Digits"), digits);
      rv_cli_print_field (kind == RV_OTP_KIND_HOTP ? "Counter" : "Period",
                          kind == RV_OTP_KIND_HOTP ? counter : period);
    }
  /* Shown even for type none: a secret kept after a change of type must
   * not become invisible. */
  if (secret == NULL)
    return;
  if (!reveal)
    {
      rv_cli_print (_("%-16s %s (shown with --reveal)\n"), "Secret:", RV_CLI_MASK);
      return;
    }
  {
    g_autoptr(RvSecret) encoded = rv_base32_encode_secret (secret);
    g_autoptr(RvSecret) uri = dup_uri (account);

    rv_cli_print_secret_field ("Secret", encoded, TRUE);
    rv_cli_print_secret_field ("otpauth URI", uri, TRUE);
  }
}

static void
print_account (RvAccount *account,
               gboolean   reveal)
{
  g_autofree char *tags = rv_cli_format_tags (account);

  rv_cli_print_field (_("Issuer"), rv_account_get_issuer (account));
  rv_cli_print_field (_("Name"), rv_account_get_name (account));
  rv_cli_print_field (_("Email"), rv_account_get_email (account));
  rv_cli_print_field (_("URL"), rv_account_get_url (account));
  rv_cli_print_field (_("Tags"), tags);
  rv_cli_print_field (_("ID"), rv_account_get_id (account));
  print_otp_fields (account, reveal);
  print_times (account);
  rv_cli_print_field (_("Notes"), rv_account_get_notes (account));
  rv_cli_print_recovery_codes (account, reveal);
}

static void
print_account_json (RvAccount *account,
                    gboolean   reveal)
{
  g_autoptr(RvCliRevealer) revealer = rv_cli_revealer_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  RvOtpKind kind = rv_account_get_kind (account);

  json_builder_begin_object (builder);
  add_identity (builder, account);
  rv_cli_json_add_string (builder, "email", rv_account_get_email (account));
  rv_cli_json_add_string (builder, "url", rv_account_get_url (account));
  rv_cli_json_add_string (builder, "notes", rv_account_get_notes (account));
  rv_cli_json_add_tags (builder, account);
  if (kind != RV_OTP_KIND_NONE)
    {
      rv_cli_json_add_string (builder, "algorithm",
                              rv_otp_algorithm_to_string (rv_account_get_algorithm (account)));
      json_builder_set_member_name (builder, "digits");
      json_builder_add_int_value (builder, rv_account_get_digits (account));
      json_builder_set_member_name (builder, kind == RV_OTP_KIND_HOTP ? "counter" : "period");
      json_builder_add_int_value (builder, kind == RV_OTP_KIND_HOTP ?
                                  (gint64) rv_account_get_counter (account) :
                                  rv_account_get_period (account));
    }
  if (reveal && rv_account_get_secret (account) != NULL)
    {
      g_autoptr(RvSecret) encoded = rv_base32_encode_secret (rv_account_get_secret (account));
      g_autoptr(RvSecret) uri = dup_uri (account);

      rv_cli_revealer_add_secret (revealer, builder, "secret", encoded);
      rv_cli_revealer_add_secret (revealer, builder, "uri", uri);
    }
  rv_cli_json_add_time (builder, "created", rv_account_get_created (account));
  rv_cli_json_add_time (builder, "updated", rv_account_get_updated (account));
  rv_cli_json_add_recovery_codes (revealer, builder, account, reveal);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  rv_cli_revealer_print (revealer, root);
}

int
rv_cli_show (RvCliGlobal  *global,
             int           argc,
             char        **argv)
{
  gboolean json = FALSE, reveal = FALSE;
  GOptionEntry entries[] = {
    { "reveal", 0, 0, G_OPTION_ARG_NONE, &reveal,
      N_("Also print the secret, its otpauth URI and the recovery codes"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("QUERY - show one account"));
  g_autoptr(RvVault) vault = NULL;
  RvAccount *account;
  int status = RV_CLI_EXIT_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rv_cli_parse_options (context, &argc, &argv))
    return RV_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      rv_cli_error (_("Say which account: rvault show QUERY"));
      return RV_CLI_EXIT_USAGE;
    }

  vault = rv_cli_open_vault (global, RV_CLI_UNLOCK_DEFAULT, &status);
  if (vault == NULL)
    return status;
  account = rv_cli_find_account (vault, argv[1], &status);
  if (account == NULL)
    return status;

  if (json)
    print_account_json (account, reveal);
  else
    print_account (account, reveal);
  return RV_CLI_EXIT_OK;
}
