/* rv-cli-request.c: `rvault request` and `rvault providers`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>
#include <string.h>

#include "rv-cli.h"
#include "rv-cli-output.h"
#include "rv-cli-query.h"
#include "rv-cli-unlock.h"
#include "rv-provider.h"
#include "rv-request-draft.h"

#define DEFAULT_FOLLOW_UP_DAYS 7

typedef struct
{
  char     *account_query;
  char     *service;
  char     *provider_id;
  char     *answers_path;
  char     *output_path;
  char     *ticket_url;
  char     *follow_up;
  gboolean  record;
  gboolean  list;
  gboolean  due_only;
  gboolean  quiet;
} RequestOptions;

static void
request_options_clear (RequestOptions *options)
{
  g_free (options->account_query);
  g_free (options->service);
  g_free (options->provider_id);
  g_free (options->answers_path);
  g_free (options->output_path);
  g_free (options->ticket_url);
  g_free (options->follow_up);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RequestOptions, request_options_clear)

static GPtrArray *
load_providers (int *status)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GPtrArray) providers = rv_provider_load_default (problems);

  /* A broken profile is worth a line on stderr, not a refusal. */
  for (guint i = 0; i < problems->len; i++)
    rv_cli_error ("%s", ((GError *) g_ptr_array_index (problems, i))->message);
  if (providers->len == 0)
    {
      *status = RV_CLI_EXIT_FAILURE;
      return NULL;
    }
  return g_steal_pointer (&providers);
}

/* Opens the vault and keeps the password, so the draft can be checked for
 * it too. With the keyring slot there is no password to check. */
static RvVault *
open_vault (RvCliGlobal  *global,
            RvSecret    **password,
            int          *status)
{
  const char *path = rv_cli_vault_path (global);
  GError *error = NULL;
  RvVault *vault;

  if (global->password_fd < 0 && rv_vault_has_keyring_slot_file (path))
    return rv_cli_open_vault (global, RV_CLI_UNLOCK_DEFAULT, status);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return rv_cli_open_vault (global, RV_CLI_UNLOCK_DEFAULT, status);

  *password = rv_cli_get_password (global, "Password: ", status);
  if (*password == NULL)
    return NULL;
  vault = rv_vault_open (path, *password, &error);
  if (vault == NULL)
    {
      *status = rv_cli_vault_error_status (error);
      rv_cli_fail (error, *status);
    }
  return vault;
}

static int
draft_status (const GError *error)
{
  if (g_error_matches (error, RV_REQUEST_ERROR, RV_REQUEST_ERROR_BAD_ANSWERS) ||
      g_error_matches (error, RV_REQUEST_ERROR, RV_REQUEST_ERROR_UNKNOWN_ID))
    return RV_CLI_EXIT_USAGE;
  return RV_CLI_EXIT_FAILURE;
}

static RvProvider *
choose_provider (GPtrArray      *providers,
                 RequestOptions *options,
                 RvAccount      *account)
{
  RvProvider *provider;

  if (options->provider_id != NULL)
    {
      provider = rv_provider_lookup (providers, options->provider_id);
      if (provider == NULL)
        rv_cli_error (_("No recovery profile “%s” (see rvault providers)"),
                      options->provider_id);
      return provider;
    }
  if (account != NULL)
    provider = rv_provider_match_account (providers, account);
  else
    provider = rv_provider_match (providers, options->service, NULL);
  if (provider == NULL)
    rv_cli_error (_("No recovery profile fits; name one with --provider "
                    "(see rvault providers)"));
  return provider;
}

static int
write_draft (RequestOptions *options,
             RvRequestDraft *draft)
{
  g_autoptr(GError) error = NULL;

  if (options->output_path == NULL)
    {
      rv_cli_write (stdout, draft->text, -1);
      return RV_CLI_EXIT_OK;
    }
  if (!g_file_set_contents (options->output_path, draft->text, -1, &error))
    {
      rv_cli_error (_("Could not write the draft: %s"), error->message);
      return RV_CLI_EXIT_FAILURE;
    }
  return RV_CLI_EXIT_OK;
}

static void
print_next_steps (RvProvider     *provider,
                  RvRequestDraft *draft)
{
  g_autofree char *steps = rv_provider_dup_next_steps_text (provider);
  g_autofree char *uri = rv_request_draft_dup_open_uri (draft, provider);

  rv_cli_eprint ("\n%s", steps);
  if (draft->compromise)
    rv_cli_eprint ("\nSuspected compromise: secure the email account of this service first "
                     "(new password, 2FA, check forwarding rules), then send the request.\n");
  if (uri != NULL && g_str_has_prefix (uri, "mailto:"))
    rv_cli_eprint ("\nMail draft: %s\n", uri);
}

static int
record_request (RvVault        *vault,
                RvAccount      *account,
                RequestOptions *options,
                RvRequestDraft *draft)
{
  gint64 now = rv_now ();
  gint64 follow_up = now + DEFAULT_FOLLOW_UP_DAYS * 24 * 3600;
  RvRequestRecord *request;
  g_autofree char *when = NULL;
  int status;

  if (options->follow_up != NULL && !rv_request_parse_date (options->follow_up, &follow_up))
    {
      rv_cli_error (_("--follow-up needs a date as YYYY-MM-DD, not “%s”"), options->follow_up);
      return RV_CLI_EXIT_USAGE;
    }
  request = rv_request_draft_make_record (draft, account, now, options->ticket_url, follow_up);
  when = rv_cli_format_time (follow_up);
  rv_cli_eprint ("Recorded request %.8s; follow up on %s\n", request->id, when);
  rv_vault_add_request (vault, request);
  status = rv_cli_save_vault (vault);
  return status;
}

static int
make_request (RvCliGlobal    *global,
              RequestOptions *options)
{
  g_autoptr(GPtrArray) providers = NULL;
  g_autoptr(RvRequestAnswers) answers = NULL;
  g_autoptr(RvRequestDraft) draft = NULL;
  g_autoptr(RvSecret) password = NULL;
  g_autoptr(RvVault) vault = NULL;
  RvAccount *account = NULL;   /* owned by the vault */
  RvProvider *provider;
  GError *error = NULL;
  int status = RV_CLI_EXIT_OK;

  if (options->answers_path == NULL)
    {
      rv_cli_error (_("Give the answers with --answers FILE.json "
                      "(see docs/recovery-answers.md)"));
      return RV_CLI_EXIT_USAGE;
    }
  if ((options->account_query == NULL) == (options->service == NULL))
    {
      rv_cli_error (_("Name either an account of the vault (--account QUERY) "
                      "or a service (--service NAME)"));
      return RV_CLI_EXIT_USAGE;
    }
  if ((options->ticket_url || options->follow_up) && !options->record)
    {
      rv_cli_error (_("--ticket and --follow-up go with --record"));
      return RV_CLI_EXIT_USAGE;
    }

  answers = rv_request_answers_load (options->answers_path, &error);
  if (answers == NULL)
    return rv_cli_fail (error, RV_CLI_EXIT_USAGE);
  if ((providers = load_providers (&status)) == NULL)
    return status;

  /* With a vault at hand, even a service outside it is checked against
   * every stored secret. */
  if (options->account_query != NULL || options->record ||
      g_file_test (rv_cli_vault_path (global), G_FILE_TEST_EXISTS))
    {
      if ((vault = open_vault (global, &password, &status)) == NULL)
        return status;
    }
  if (options->account_query != NULL &&
      (account = rv_cli_find_account (vault, options->account_query, &status)) == NULL)
    return status;
  if (options->service != NULL && answers->service == NULL)
    answers->service = g_strdup (options->service);

  if ((provider = choose_provider (providers, options, account)) == NULL)
    return RV_CLI_EXIT_USAGE;

  draft = rv_request_draft_new (provider, answers, vault, account, password, &error);
  if (draft == NULL)
    return rv_cli_fail (error, draft_status (error));

  if ((status = write_draft (options, draft)) != RV_CLI_EXIT_OK)
    return status;
  if (!options->quiet)
    print_next_steps (provider, draft);
  if (options->record)
    status = record_request (vault, account, options, draft);
  return status;
}

static int
list_requests (RvCliGlobal    *global,
               RequestOptions *options)
{
  g_autoptr(RvVault) vault = NULL;
  g_autoptr(RvSecret) password = NULL;
  g_autoptr(GPtrArray) due = NULL;
  GPtrArray *requests;
  int status = RV_CLI_EXIT_OK;

  if ((vault = open_vault (global, &password, &status)) == NULL)
    return status;
  requests = rv_vault_get_requests (vault);
  due = rv_request_records_due (requests, rv_now ());

  for (guint i = 0; i < requests->len; i++)
    {
      RvRequestRecord *request = g_ptr_array_index (requests, i);
      gboolean is_due = g_ptr_array_find (due, request, NULL);
      g_autofree char *submitted = rv_cli_format_time (request->submitted_at);
      g_autofree char *follow_up = rv_cli_format_time (request->follow_up_at);

      if (options->due_only && !is_due)
        continue;
      rv_cli_print ("%.8s  %-10s %-20s %-10s submitted %s  follow up %s%s\n",
              request->id, request->provider_id ? request->provider_id : "-",
              request->service_name ? request->service_name : "-",
              rv_request_status_to_string (request->status), submitted, follow_up,
              is_due ? "  DUE" : "");
      if (request->ticket_url != NULL)
        rv_cli_print ("          ticket %s\n", request->ticket_url);
    }
  if (requests->len == 0)
    rv_cli_print ("No recovery requests recorded\n");
  return RV_CLI_EXIT_OK;
}

int
rv_cli_request (RvCliGlobal  *global,
                int           argc,
                char        **argv)
{
  g_auto(RequestOptions) options = { 0 };
  GOptionEntry entries[] = {
    { "account", 0, 0, G_OPTION_ARG_STRING, &options.account_query,
      "The locked account, from the vault", "QUERY" },
    { "service", 0, 0, G_OPTION_ARG_STRING, &options.service,
      "A service that is not in the vault", "NAME" },
    { "provider", 0, 0, G_OPTION_ARG_STRING, &options.provider_id,
      "Recovery profile (see rvault providers)", "ID" },
    { "answers", 0, 0, G_OPTION_ARG_FILENAME, &options.answers_path,
      "The answers (docs/recovery-answers.md)", "FILE.json" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options.output_path,
      "Write the draft to FILE", "FILE" },
    { "record", 0, 0, G_OPTION_ARG_NONE, &options.record,
      "Record the request in the vault as submitted", NULL },
    { "ticket", 0, 0, G_OPTION_ARG_STRING, &options.ticket_url,
      "Link to the ticket or issue", "URL" },
    { "follow-up", 0, 0, G_OPTION_ARG_STRING, &options.follow_up,
      "When to follow up (default: in 7 days)", "YYYY-MM-DD" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &options.quiet, "Do not print the next steps", NULL },
    { "list", 0, 0, G_OPTION_ARG_NONE, &options.list, "List the recorded requests", NULL },
    { "due", 0, 0, G_OPTION_ARG_NONE, &options.due_only,
      "With --list: only those due for a follow-up", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- draft an account-recovery request");

  g_option_context_set_summary (context,
                                "Drafts a recovery request in the provider's own structure from "
                                "the answers file, refusing any draft that holds a secret. The "
                                "draft goes to standard output (or --output); the next steps to "
                                "standard error.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!rv_cli_parse_options (context, &argc, &argv))
    return RV_CLI_EXIT_USAGE;
  if (argc > 1)
    {
      rv_cli_error (_("request takes no arguments (see rvault request --help)"));
      return RV_CLI_EXIT_USAGE;
    }
  if (options.list)
    return list_requests (global, &options);
  if (options.due_only)
    {
      rv_cli_error (_("--due goes with --list"));
      return RV_CLI_EXIT_USAGE;
    }
  return make_request (global, &options);
}

static void
print_provider (RvProvider *provider)
{
  const char *format = rv_provider_get_code_format (provider);

  rv_cli_print ("%-10s %-18s %-18s checked %s  v%u\n", rv_provider_get_id (provider),
          rv_provider_get_name (provider),
          rv_provider_channel_kind_to_string (rv_provider_get_channel_kind (provider)),
          rv_provider_get_checked (provider), rv_provider_get_version (provider));
  if (format != NULL)
    rv_cli_print ("           recovery codes: %u, %s\n", rv_provider_get_code_count (provider), format);
}

int
rv_cli_providers (RvCliGlobal  *global,
                  int           argc,
                  char        **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- list the recovery profiles");
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GPtrArray) providers = NULL;
  g_autofree char *directory = rv_provider_dup_default_directory ();

  if (!rv_cli_parse_options (context, &argc, &argv))
    return RV_CLI_EXIT_USAGE;
  if (argc > 1)
    {
      rv_cli_error (_("providers takes no arguments"));
      return RV_CLI_EXIT_USAGE;
    }

  providers = rv_provider_load_directory (directory, problems);
  rv_cli_print ("Recovery profiles in %s:\n", directory);
  for (guint i = 0; i < providers->len; i++)
    print_provider (g_ptr_array_index (providers, i));
  if (problems->len > 0)
    {
      rv_cli_print ("\nBroken profiles (skipped):\n");
      for (guint i = 0; i < problems->len; i++)
        rv_cli_print ("  %s\n", ((GError *) g_ptr_array_index (problems, i))->message);
    }
  return providers->len > 0 ? RV_CLI_EXIT_OK : RV_CLI_EXIT_FAILURE;
}
