/* rv-cli-compartment.c: rvault compartment enable|disable|status|passwd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The recovery-code compartment (docs/vault-format.md): the codes sealed
 * under their own password, so that unlocking the vault shows the accounts
 * but not the recovery codes. Its password is read like the vault's: from
 * --compartment-password-fd N, or typed on the terminal without echo; never
 * from the command line.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>

#include "rv-cli.h"
#include "rv-cli-prompt.h"
#include "rv-cli-unlock.h"

/* The compartment's password from @fd, else typed (twice if @is_new). */
static RvSecret *
get_password (int          fd,
              const char  *prompt,
              gboolean     is_new,
              int         *status)
{
  return rv_cli_get_other_password (fd, prompt, is_new ? _("Repeat it: ") : NULL,
                                    _("No recovery-code compartment password given: use "
                                      "--compartment-password-fd N, or run rvault in a "
                                      "terminal"),
                                    _("The recovery-code compartment password is empty"),
                                    status);
}

/**
 * rv_cli_open_compartment:
 * @fd: --compartment-password-fd, or -1 for the terminal
 *
 * Opens the vault's recovery-code compartment if it is on and closed (a
 * command is about to show, add or match codes). Returns %FALSE with
 * *@status set if that failed.
 */
gboolean
rv_cli_open_compartment (RvVault *vault,
                         int      fd,
                         int     *status)
{
  g_autoptr(RvSecret) password = NULL;
  GError *error = NULL;

  if (!rv_vault_get_compartment_enabled (vault) || rv_vault_get_compartment_open (vault))
    return TRUE;
  password = get_password (fd, "Recovery-code compartment password (or paper key): ", FALSE,
                           status);
  if (password == NULL)
    return FALSE;
  if (!rv_vault_open_compartment (vault, password, NULL, &error))
    {
      *status = rv_cli_fail (error, rv_cli_vault_error_status (error));
      return FALSE;
    }
  return TRUE;
}

static void
print_paper_key (const RvSecret *paper_key)
{
  printf ("Paper key (write it down or print it, keep it offline; it opens the compartment):\n"
          "  ");
  rv_cli_write_secret (paper_key);
  printf ("\n");
}

static int
compartment_status (RvVault *vault)
{
  RvCompartmentStatus status;

  rv_vault_get_compartment_status (vault, &status);
  printf ("Recovery-code compartment: %s\n", status.enabled ? "on" : "off");
  if (status.enabled)
    {
      printf ("Slots: password%s\n", status.has_paper_key ? ", paper key" : "");
      printf ("Password slot: Argon2id, %" G_GUINT64_FORMAT " MiB, %" G_GUINT64_FORMAT
              " pass%s\n", status.kdf.memlimit / (1024 * 1024), status.kdf.opslimit,
              status.kdf.opslimit == 1 ? "" : "es");
      printf ("Id: %s\n", rv_vault_get_compartment_id (vault));
    }
  printf ("Recovery codes: %u (%u unused)%s\n", status.n_codes, status.n_unused,
          status.enabled ? ", sealed" : ", in the vault's payload");
  return RV_CLI_EXIT_OK;
}

static int
compartment_enable (RvVault  *vault,
                    int       fd,
                    gboolean  paper)
{
  g_autoptr(RvSecret) password = NULL;
  g_autoptr(RvSecret) paper_key = NULL;
  GError *error = NULL;
  int status = RV_CLI_EXIT_OK;

  if (rv_vault_get_compartment_enabled (vault))
    {
      rv_cli_error ("The recovery-code compartment is already on (rvault compartment passwd "
                    "changes its password)");
      return RV_CLI_EXIT_FAILURE;
    }
  password = get_password (fd, "New recovery-code compartment password: ", TRUE, &status);
  if (password == NULL)
    return status;
  if (!rv_vault_enable_compartment (vault, password, paper ? &paper_key : NULL, &error))
    return rv_cli_fail (error, rv_cli_vault_error_status (error));
  printf ("Recovery-code compartment on: the codes need its password to be shown or added\n");
  if (paper_key != NULL)
    print_paper_key (paper_key);
  return RV_CLI_EXIT_OK;
}

static int
compartment_disable (RvVault *vault,
                     int      fd)
{
  g_autoptr(RvSecret) password = NULL;
  GError *error = NULL;
  int status = RV_CLI_EXIT_OK;

  if (!rv_vault_get_compartment_enabled (vault))
    {
      printf ("The recovery-code compartment is already off\n");
      return RV_CLI_EXIT_OK;
    }
  password = get_password (fd, "Recovery-code compartment password (or paper key): ", FALSE,
                           &status);
  if (password == NULL)
    return status;
  if (!rv_vault_disable_compartment (vault, password, &error))
    return rv_cli_fail (error, rv_cli_vault_error_status (error));
  printf ("Recovery-code compartment off: the codes are protected by the vault's password only\n");
  return RV_CLI_EXIT_OK;
}

static int
compartment_passwd (RvVault  *vault,
                    int       fd,
                    int       new_fd,
                    gboolean  paper)
{
  g_autoptr(RvSecret) old_password = NULL;
  g_autoptr(RvSecret) new_password = NULL;
  g_autoptr(RvSecret) paper_key = NULL;
  GError *error = NULL;
  int status = RV_CLI_EXIT_OK;

  if (!rv_vault_get_compartment_enabled (vault))
    {
      rv_cli_error ("The recovery-code compartment is off (rvault compartment enable)");
      return RV_CLI_EXIT_FAILURE;
    }
  if (fd >= 0 && new_fd < 0)
    {
      rv_cli_error ("--compartment-password-fd needs --new-compartment-password-fd for the "
                    "new password");
      return RV_CLI_EXIT_USAGE;
    }
  old_password = get_password (fd, "Current recovery-code compartment password: ", FALSE,
                               &status);
  if (old_password == NULL)
    return status;
  if (!rv_vault_open_compartment (vault, old_password, NULL, &error))
    return rv_cli_fail (error, rv_cli_vault_error_status (error));
  new_password = get_password (new_fd, "New recovery-code compartment password: ", TRUE,
                               &status);
  if (new_password == NULL)
    return status;
  if (!rv_vault_change_compartment_password (vault, old_password, new_password,
                                             paper ? &paper_key : NULL, &error))
    return rv_cli_fail (error, rv_cli_vault_error_status (error));
  printf ("Recovery-code compartment password changed; its key is new and every code was "
          "sealed again (the old paper key, if any, opens nothing now)\n");
  if (paper_key != NULL)
    print_paper_key (paper_key);
  return RV_CLI_EXIT_OK;
}

int
rv_cli_compartment (RvCliGlobal  *global,
                    int           argc,
                    char        **argv)
{
  int fd = -1;
  int new_fd = -1;
  gboolean paper = FALSE;
  GOptionEntry entries[] = {
    { "compartment-password-fd", 0, 0, G_OPTION_ARG_INT, &fd,
      "Read the compartment's (current) password from this file descriptor", "N" },
    { "new-compartment-password-fd", 0, 0, G_OPTION_ARG_INT, &new_fd,
      "passwd: read the new password from this file descriptor", "N" },
    { "paper-key", 0, 0, G_OPTION_ARG_NONE, &paper,
      "enable, passwd: also make a paper key that opens the compartment", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new ("enable|disable|status|passwd - the recovery-code compartment");
  g_autoptr(RvVault) vault = NULL;
  int status = RV_CLI_EXIT_OK;

  g_option_context_set_description (context,
    "enable   seal the recovery codes under their own password (and --paper-key)\n"
    "disable  put the codes back under the vault's password only\n"
    "status   whether it is on, its slots and cost, the number of codes (no secrets)\n"
    "passwd   change its password: a new key, every code sealed again");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!rv_cli_parse_options (context, &argc, &argv))
    return RV_CLI_EXIT_USAGE;
  if (argc < 2)
    {
      rv_cli_error ("Say what to do: rvault compartment enable|disable|status|passwd");
      return RV_CLI_EXIT_USAGE;
    }
  if (argc > 2)
    {
      rv_cli_error ("Unexpected argument “%s” (see rvault compartment --help)", argv[2]);
      return RV_CLI_EXIT_USAGE;
    }
  if (!g_str_equal (argv[1], "enable") && !g_str_equal (argv[1], "disable") &&
      !g_str_equal (argv[1], "status") && !g_str_equal (argv[1], "passwd"))
    {
      rv_cli_error ("Unknown compartment action “%s”: expected enable, disable, status or "
                    "passwd", argv[1]);
      return RV_CLI_EXIT_USAGE;
    }

  vault = rv_cli_open_vault (global, RV_CLI_UNLOCK_DEFAULT, &status);
  if (vault == NULL)
    return status;
  if (g_str_equal (argv[1], "status"))
    return compartment_status (vault);
  if (g_str_equal (argv[1], "enable"))
    return compartment_enable (vault, fd, paper);
  if (g_str_equal (argv[1], "disable"))
    return compartment_disable (vault, fd);
  return compartment_passwd (vault, fd, new_fd, paper);
}
