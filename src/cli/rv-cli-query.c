/* rv-cli-query.c: choosing one account from what the user typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rv-cli-query.h"

#include <string.h>

#include "rv-cli.h"

#define SHORT_ID_LENGTH   8
#define MIN_ID_PREFIX     4

/* The start of the id: enough to tell accounts apart in a list. */
char *
rv_cli_short_id (RvAccount *account)
{
  return g_strndup (rv_account_get_id (account), SHORT_ID_LENGTH);
}

static gboolean
folded_equal (const char *field,
              const char *casefolded_query)
{
  g_autofree char *folded = NULL;

  if (field == NULL)
    return FALSE;
  folded = g_utf8_casefold (field, -1);
  return g_str_equal (folded, casefolded_query);
}

/* A whole field equal to the query beats a part of one: "github" picks
 * GitHub over "GitHub Enterprise". */
static gboolean
matches_exactly (RvAccount  *account,
                 const char *casefolded_query)
{
  g_autofree char *display = rv_account_dup_display_name (account);

  if (folded_equal (rv_account_get_issuer (account), casefolded_query) ||
      folded_equal (rv_account_get_name (account), casefolded_query) ||
      folded_equal (rv_account_get_email (account), casefolded_query) ||
      folded_equal (display, casefolded_query))
    return TRUE;
  return FALSE;
}

static gboolean
id_starts_with (RvAccount  *account,
                const char *query)
{
  return strlen (query) >= MIN_ID_PREFIX &&
         g_ascii_strncasecmp (rv_account_get_id (account), query, strlen (query)) == 0;
}

static void
report_ambiguous (const char *query,
                  GPtrArray  *found)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < found->len; i++)
    {
      g_autofree char *display = rv_account_dup_display_name (found->pdata[i]);
      g_autofree char *id = rv_cli_short_id (found->pdata[i]);

      g_string_append_printf (names, "%s%s [%s]", i > 0 ? ", " : "", display, id);
    }
  rv_cli_error (_("“%s” matches %u accounts: %s; be more precise or give the id"),
                query, found->len, names->str);
}

/**
 * rv_cli_find_account:
 * @query: part of an issuer, name, email or tag, or (the start of) an id
 * @status: (out): the exit status on failure
 *
 * Returns: (transfer none) (nullable): the one account meant, or %NULL after
 *   printing why there is none (no match: 1) or several (ambiguous: 2)
 */
RvAccount *
rv_cli_find_account (RvVault    *vault,
                     const char *query,
                     int        *status)
{
  GListModel *accounts = rv_vault_get_accounts (vault);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) exact = g_ptr_array_new ();
  g_autofree char *folded = NULL;
  guint n = g_list_model_get_n_items (accounts);

  if (query == NULL || query[0] == '\0')
    {
      rv_cli_error (_("Name the account: part of its issuer, name, email or tag, or its id"));
      *status = RV_CLI_EXIT_USAGE;
      return NULL;
    }

  folded = g_utf8_casefold (query, -1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (accounts, i);

      if (g_ascii_strcasecmp (rv_account_get_id (account), query) == 0)
        return account;
      if (id_starts_with (account, query) || rv_account_matches (account, folded))
        {
          if (matches_exactly (account, folded))
            g_ptr_array_add (exact, account);
          g_ptr_array_add (found, g_steal_pointer (&account));
        }
    }

  if (found->len == 1)
    return found->pdata[0];
  if (exact->len == 1)
    return exact->pdata[0];
  if (found->len == 0)
    {
      rv_cli_error (_("No account matches “%s” (see rvault list)"), query);
      *status = RV_CLI_EXIT_FAILURE;
      return NULL;
    }
  report_ambiguous (query, exact->len > 1 ? exact : found);
  *status = RV_CLI_EXIT_USAGE;
  return NULL;
}
