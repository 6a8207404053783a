/* rv-cli-sheet.c: `rvault emergency-sheet`, the recovery codes on paper
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "rv-cli.h"
#include "rv-cli-query.h"
#include "rv-cli-unlock.h"
#include "rv-sheet.h"
#include "rv-util.h"

int
rv_cli_emergency_sheet (RvCliGlobal  *global,
                        int           argc,
                        char        **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *paper_name = NULL;
  g_auto(GStrv) queries = NULL;
  gboolean with_secrets = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the sheet to this PDF file (mode 0600)"), "FILE" },
    { "account", 0, 0, G_OPTION_ARG_STRING_ARRAY, &queries,
      N_("Only this account (repeat for several; default: every account)"), "QUERY" },
    { "with-secrets", 0, 0, G_OPTION_ARG_NONE, &with_secrets,
      N_("Add each account's QR code and setup key, to enrol a new phone"), NULL },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_name, N_("a4 (default) or letter"), "SIZE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("- print the emergency sheet"));
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(RvVault) vault = NULL;
  g_autoptr(RvSheet) sheet = NULL;
  RvSheetPaper paper = RV_SHEET_PAPER_A4;
  GError *error = NULL;
  guint n_pages = 0;
  int status = RV_CLI_EXIT_OK;

  g_option_context_set_summary (context,
                                _("Writes a PDF to print and keep somewhere safe: per account "
                                  "its unused recovery codes, as the provider prints them, and "
                                  "what to do when locked out; with --with-secrets also the QR "
                                  "code that sets the account up on a new phone (read back with "
                                  "“rvault import PHOTO.png”). The PDF is read back and compared "
                                  "with the vault before it is reported written."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rv_cli_parse_options (context, &argc, &argv))
    return RV_CLI_EXIT_USAGE;
  if (argc > 1 || output == NULL)
    {
      rv_cli_error (_("emergency-sheet needs --output FILE and no other argument "
                      "(see rvault emergency-sheet --help)"));
      return RV_CLI_EXIT_USAGE;
    }
  if (paper_name != NULL && !rv_sheet_paper_from_string (paper_name, &paper))
    {
      rv_cli_error (_("Unknown paper size “%s”: expected a4 or letter"), paper_name);
      return RV_CLI_EXIT_USAGE;
    }

  vault = rv_cli_open_vault (global, RV_CLI_UNLOCK_DEFAULT, &status);
  if (vault == NULL)
    return status;

  if (queries != NULL)
    {
      accounts = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; queries[i] != NULL; i++)
        {
          RvAccount *account = rv_cli_find_account (vault, queries[i], &status);

          if (account == NULL)
            return status;
          if (!g_ptr_array_find (accounts, account, NULL))
            g_ptr_array_add (accounts, g_object_ref (account));
        }
    }
  else if (g_list_model_get_n_items (rv_vault_get_accounts (vault)) == 0)
    {
      rv_cli_error (_("The vault has no accounts: there is nothing to print"));
      return RV_CLI_EXIT_FAILURE;
    }

  sheet = rv_sheet_new (vault, accounts, NULL, with_secrets, rv_now (),
                        &error);
  if (sheet == NULL || !rv_sheet_write_pdf (sheet, output, paper, &n_pages, &error))
    return rv_cli_fail (error, RV_CLI_EXIT_FAILURE);
  status = rv_cli_save_vault (vault);
  if (status != RV_CLI_EXIT_OK)
    return status;

  {
    g_autofree char *display = g_filename_display_name (output);
    guint n = rv_sheet_get_accounts (sheet)->len;

    g_autofree char *n_accounts = g_strdup_printf (ngettext ("%u account", "%u accounts", n), n);
    g_autofree char *pages = g_strdup_printf (ngettext ("%u page", "%u pages", n_pages),
                                              n_pages);

    /* Translators: "Wrote sheet.pdf: 3 accounts on 1 page, read back and checked" */
    rv_cli_print (_("Wrote %s: %s on %s, read back and checked\n"), display, n_accounts, pages);
  }
  rv_cli_eprint ("%s", with_secrets ?
                 _("Warning: the sheet holds recovery codes and the secrets that make one-time "
                   "codes. Print it, keep the paper safe and delete the file.\n") :
                 _("Warning: the sheet holds recovery codes. Print it, keep the paper safe and "
                   "delete the file.\n"));
  return RV_CLI_EXIT_OK;
}
