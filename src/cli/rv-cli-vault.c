/* rv-cli-vault.c: `rvault init`, `passwd` and `keyring`: the vault itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>

#include "rv-cli.h"
#include "rv-cli-prompt.h"
#include "rv-cli-unlock.h"
#include "rv-password-strength.h"

/* Options-only commands share this: no positional arguments beyond @max. */
static gboolean
parse_simple (GOptionContext   *context,
              GOptionEntry     *entries,
              int              *argc,
              char           ***argv,
              int               max_args)
{
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rv_cli_parse_options (context, argc, argv))
    return FALSE;
  if (*argc - 1 > max_args)
    {
      rv_cli_error (_("Unexpected argument “%s” (see rvault %s --help)"), (*argv)[max_args + 1],
                    (*argv)[0]);
      return FALSE;
    }
  return TRUE;
}

/* After a new master key: the copies that still open with the old password
 * (@old_password %NULL: after keyring unlock was turned off, the copies that
 * hold the keyring's old key). */
static void
print_old_backups (RvVault        *vault,
                   const RvSecret *old_password,
                   const char     *backup_folder)
{
  g_auto(GStrv) old = rv_vault_find_old_backups (vault, old_password, backup_folder);

  if (old[0] == NULL)
    return;
  if (old_password == NULL)
    rv_cli_print (_("These older backups hold the keyring's old key; replace or delete them:\n"));
  else
    rv_cli_print (_("These older backups still open with the old password; replace or delete them:\n"));
  for (guint i = 0; old[i] != NULL; i++)
    rv_cli_print ("  %s\n", old[i]);
}

static int
save_if_dirty (RvVault *vault)
{
  return rv_vault_is_dirty (vault) ? rv_cli_save_vault (vault) : RV_CLI_EXIT_OK;
}

static RvSecret *
get_new_password (RvCliGlobal *global,
                  int         *status)
{
  RvSecret *password;
  GError *error = NULL;

  if (global->password_fd >= 0 || !rv_cli_has_terminal ())
    return rv_cli_get_password (global, NULL, status);

  password = rv_cli_prompt_new_password ("New password: ", "Repeat the new password: ", &error);
  if (password == NULL)
    *status = rv_cli_fail (error, RV_CLI_EXIT_USAGE);
  return password;
}

/* The same plain-language hint as the GUI's, on stderr (stdout stays the
 * result). */
static void
print_strength_hint (RvSecret *password)
{
  g_autofree char *hint = NULL;

  rv_password_strength_check (rv_secret_get_string (password), &hint);
  rv_cli_eprint ("%s\n", hint);
}

int
rv_cli_init (RvCliGlobal  *global,
             int           argc,
             char        **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("- create a new, empty vault"));
  g_autoptr(RvSecret) password = NULL;
  g_autoptr(RvVault) vault = NULL;
  const char *path = rv_cli_vault_path (global);
  GError *error = NULL;
  int status = RV_CLI_EXIT_OK;

  g_option_context_set_description (context,
    _("The password is asked twice on the terminal, or read from --password-fd."));
  if (!parse_simple (context, NULL, &argc, &argv, 0))
    return RV_CLI_EXIT_USAGE;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      rv_cli_error (_("A vault already exists at %s; not touching it"), path);
      return RV_CLI_EXIT_FAILURE;
    }

  password = get_new_password (global, &status);
  if (password == NULL)
    return status;

  vault = rv_vault_create (path, password, &error);
  if (vault == NULL)
    return rv_cli_fail (error, rv_cli_vault_error_status (error));
  status = save_if_dirty (vault);
  if (status == RV_CLI_EXIT_OK)
    {
      rv_cli_print (_("Created an empty vault at %s\n"), path);
      print_strength_hint (password);
    }
  return status;
}

/* With --password-fd only: the current password, a newline, the new one. */
static gboolean
read_passwords_from_fds (RvCliGlobal  *global,
                         int           new_fd,
                         RvSecret    **old_password,
                         RvSecret    **new_password,
                         int          *status)
{
  g_autoptr(RvSecret) both = NULL;
  GError *error = NULL;

  if (new_fd >= 0)
    {
      *old_password = rv_cli_get_password (global, NULL, status);
      if (*old_password == NULL)
        return FALSE;
      *new_password = rv_cli_read_password_fd (new_fd, &error);
      if (*new_password == NULL)
        {
          *status = rv_cli_fail (error, RV_CLI_EXIT_FAILURE);
          return FALSE;
        }
      return TRUE;
    }

  both = rv_cli_get_password (global, NULL, status);
  if (both == NULL)
    return FALSE;
  if (!rv_cli_split_first_line (both, old_password, new_password))
    {
      rv_cli_error (_("passwd reads two lines from --password-fd: the current password, "
                    "then the new one (or give the new one with --new-password-fd)"));
      *status = RV_CLI_EXIT_USAGE;
      return FALSE;
    }
  return TRUE;
}

int
rv_cli_passwd (RvCliGlobal  *global,
               int           argc,
               char        **argv)
{
  int new_fd = -1;
  GOptionEntry entries[] = {
    { "new-password-fd", 0, 0, G_OPTION_ARG_INT, &new_fd,
      N_("Read the new password from this file descriptor"), "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("- change the vault’s password"));
  g_autoptr(RvSecret) old_password = NULL;
  g_autoptr(RvSecret) new_password = NULL;
  g_autoptr(RvVault) vault = NULL;
  const char *path = rv_cli_vault_path (global);
  GError *error = NULL;
  int status = RV_CLI_EXIT_OK;

  g_option_context_set_description (context,
    _("On a terminal, asks for the current password, then twice for the new one.\n"
    "With --password-fd N alone, reads two lines from N: the current password,\n"
    "then the new one. With --new-password-fd M too, reads the current password\n"
    "from N and the new one from M."));
  if (!parse_simple (context, entries, &argc, &argv, 0))
    return RV_CLI_EXIT_USAGE;

  if (!rv_cli_require_vault (path, &status))
    return status;
  if (new_fd >= 0 && global->password_fd < 0)
    {
      rv_cli_error (_("--new-password-fd needs --password-fd for the current password"));
      return RV_CLI_EXIT_USAGE;
    }

  if (global->password_fd >= 0)
    {
      if (!read_passwords_from_fds (global, new_fd, &old_password, &new_password, &status))
        return status;
    }
  else if ((old_password = rv_cli_get_password (global, _("Current password: "), &status)) == NULL)
    return status;

  /* On a terminal the current password is checked before the new one is
   * asked for. */
  vault = rv_vault_open (path, old_password, &error);
  if (vault == NULL)
    return rv_cli_fail (error, rv_cli_vault_error_status (error));
  if (new_password == NULL && (new_password = get_new_password (global, &status)) == NULL)
    return status;
  if (rv_secret_get_size (new_password) == 0)
    {
      rv_cli_error (_("The new password is empty"));
      return RV_CLI_EXIT_USAGE;
    }
  if (!rv_vault_change_password (vault, old_password, new_password, &error))
    return rv_cli_fail (error, rv_cli_vault_error_status (error));
  status = save_if_dirty (vault);
  if (status == RV_CLI_EXIT_OK)
    {
      rv_cli_print (_("Password changed\n"));
      print_strength_hint (new_password);
      print_old_backups (vault, old_password, NULL);
    }
  return status;
}

/* For a new master key: the vault opened with the password typed now (never
 * the keyring), which the new password slot is made under. */
static RvVault *
open_with_typed_password (RvCliGlobal  *global,
                          RvSecret    **password,
                          int          *status)
{
  const char *path = rv_cli_vault_path (global);
  GError *error = NULL;
  RvVault *vault;

  if (!rv_cli_require_vault (path, status))
    return NULL;
  if ((*password = rv_cli_get_password (global, _("Password: "), status)) == NULL)
    return NULL;
  vault = rv_vault_open (path, *password, &error);
  if (vault == NULL)
    *status = rv_cli_fail (error, rv_cli_vault_error_status (error));
  return vault;
}

int
rv_cli_rotate_key (RvCliGlobal  *global,
                   int           argc,
                   char        **argv)
{
  g_autofree char *backup_folder = NULL;
  GOptionEntry entries[] = {
    { "backup-folder", 0, 0, G_OPTION_ARG_FILENAME, &backup_folder,
      N_("Also look for old copies in this automatic backups folder"), "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("- my password may have leaked: give the vault a new key"));
  g_autoptr(RvSecret) password = NULL;
  g_autoptr(RvVault) vault = NULL;
  GError *error = NULL;
  int status = RV_CLI_EXIT_OK;

  g_option_context_set_description (context,
    _("Generates a new master key, re-encrypts the vault and its previous copy,\n"
    "and removes keyring unlock (enable it again with “rvault keyring enable”).\n"
    "Lists the older backups that still open with the password."));
  if (!parse_simple (context, entries, &argc, &argv, 0))
    return RV_CLI_EXIT_USAGE;
  if ((vault = open_with_typed_password (global, &password, &status)) == NULL)
    return status;
  if (!rv_vault_rotate_key (vault, password, NULL, NULL, &error))
    return rv_cli_fail (error, rv_cli_vault_error_status (error));
  rv_cli_print (_("The vault has a new key; the old one opens neither it nor its previous copy\n"));
  print_old_backups (vault, password, backup_folder);
  return RV_CLI_EXIT_OK;
}

static int
keyring_status (RvCliGlobal *global)
{
  const char *path = rv_cli_vault_path (global);
  g_autoptr(RvVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  int status = RV_CLI_EXIT_OK;

  if (!rv_cli_require_vault (path, &status))
    return status;
  if (!rv_vault_has_keyring_slot_file (path))
    {
      rv_cli_print (_("Keyring unlock: off\n"));
      return RV_CLI_EXIT_OK;
    }
  vault = rv_vault_open_with_keyring (path, NULL, &error);
  if (vault == NULL)
    rv_cli_print (_("Keyring unlock: on, but it does not work now: %s\n"), error->message);
  else
    rv_cli_print (_("Keyring unlock: on\n"));
  return RV_CLI_EXIT_OK;
}

static int
keyring_enable (RvCliGlobal *global)
{
  g_autoptr(RvVault) vault = NULL;
  GError *error = NULL;
  int status = RV_CLI_EXIT_OK;

  /* Turning it on asks for the password: the keyring must not be able to
   * grant itself access. */
  vault = rv_cli_open_vault (global, RV_CLI_UNLOCK_NO_KEYRING, &status);
  if (vault == NULL)
    return status;
  if (!rv_vault_enable_keyring (vault, NULL, &error))
    return rv_cli_fail (error, RV_CLI_EXIT_FAILURE);
  status = save_if_dirty (vault);
  if (status == RV_CLI_EXIT_OK)
    rv_cli_print (_("Keyring unlock: on (this vault now opens with your login keyring)\n"));
  return status;
}

/* Off, with a new master key (rv_vault_disable_keyring()): the password is
 * needed to wrap it, and whoever copied the keyring key opens nothing newer. */
static int
keyring_disable (RvCliGlobal *global,
                 const char  *backup_folder)
{
  g_autoptr(RvSecret) password = NULL;
  g_autoptr(RvVault) vault = NULL;
  gboolean was_on;
  GError *error = NULL;
  int status = RV_CLI_EXIT_OK;

  if ((vault = open_with_typed_password (global, &password, &status)) == NULL)
    return status;
  was_on = rv_vault_get_keyring_enabled (vault);
  if (!rv_vault_disable_keyring (vault, password, NULL, &error))
    return rv_cli_fail (error, rv_cli_vault_error_status (error));
  if (!was_on)
    {
      rv_cli_print (_("Keyring unlock: off (it was not on)\n"));
      return RV_CLI_EXIT_OK;
    }
  rv_cli_print (_("Keyring unlock: off (its key was removed from the keyring)\n"
                "The vault has a new key; the old one opens neither it nor its previous copy\n"));
  /* The password did not change: the copies at risk are those that hold
   * the keyring slot, which whoever copied the keyring's key opens. */
  print_old_backups (vault, NULL, backup_folder);
  return RV_CLI_EXIT_OK;
}

int
rv_cli_keyring (RvCliGlobal  *global,
                int           argc,
                char        **argv)
{
  g_autofree char *backup_folder = NULL;
  GOptionEntry entries[] = {
    { "backup-folder", 0, 0, G_OPTION_ARG_FILENAME, &backup_folder,
      N_("disable: also look for old copies in this automatic backups folder"), "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("enable|disable|status - "
                                                            "unlock with the login keyring"));

  g_option_context_set_description (context,
    _("enable   store a key in the Secret Service so the vault opens without its password\n"
    "disable  remove that key and give the vault a new master key (asks the\n"
    "         password); lists the older backups that hold the old key\n"
    "status   tell whether keyring unlock is on and works"));
  if (!parse_simple (context, entries, &argc, &argv, 1))
    return RV_CLI_EXIT_USAGE;
  if (argc < 2)
    {
      rv_cli_error (_("Say what to do: rvault keyring enable|disable|status"));
      return RV_CLI_EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "status"))
    return keyring_status (global);
  if (g_str_equal (argv[1], "enable"))
    return keyring_enable (global);
  if (g_str_equal (argv[1], "disable"))
    return keyring_disable (global, backup_folder);

  rv_cli_error (_("Unknown keyring action “%s”: expected enable, disable or status"), argv[1]);
  return RV_CLI_EXIT_USAGE;
}
