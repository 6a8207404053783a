/* rv-cli-unlock.c: finding, unlocking and saving the vault for a command
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rv-cli-unlock.h"

#include "rv-base32.h"
#include "rv-cli-prompt.h"
#include "rv-otp-uri.h"
#include "rv-util.h"
#include "rv-vault-sync.h"

const char *
rv_cli_vault_path (RvCliGlobal *global)
{
  if (global->vault_path == NULL)
    global->vault_path = rv_vault_default_path ();
  return global->vault_path;
}

/* Bad input is a usage error (2); everything else is a failure (1). */
int
rv_cli_vault_error_status (const GError *error)
{
  if (error->domain == RV_VAULT_ERROR)
    return error->code == RV_VAULT_ERROR_WEAK_PASSWORD ? RV_CLI_EXIT_USAGE : RV_CLI_EXIT_FAILURE;
  if (error->domain == RV_BASE32_ERROR ||
      error->domain == RV_OTP_URI_ERROR ||
      error->domain == RV_OTP_ERROR ||
      error->domain == G_OPTION_ERROR)
    return RV_CLI_EXIT_USAGE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
    return RV_CLI_EXIT_USAGE;
  return RV_CLI_EXIT_FAILURE;
}

RvSecret *
rv_cli_get_other_password (int         fd,
                           const char *prompt,
                           const char *repeat_prompt,
                           const char *missing,
                           const char *empty,
                           int        *status)
{
  g_autoptr(RvSecret) password = NULL;
  GError *error = NULL;

  if (fd >= 0)
    password = rv_cli_read_password_fd (fd, &error);
  else if (!rv_cli_has_terminal ())
    {
      rv_cli_error ("%s", missing);
      *status = RV_CLI_EXIT_USAGE;
      return NULL;
    }
  else if (repeat_prompt != NULL)
    password = rv_cli_prompt_new_password (prompt, repeat_prompt, &error);
  else
    password = rv_cli_prompt_secret (prompt, &error);

  if (password == NULL)
    {
      *status = error->domain == G_IO_ERROR ? RV_CLI_EXIT_USAGE : RV_CLI_EXIT_FAILURE;
      rv_cli_fail (error, *status);
      return NULL;
    }
  if (rv_secret_get_size (password) == 0)
    {
      rv_cli_error ("%s", empty);
      *status = RV_CLI_EXIT_USAGE;
      return NULL;
    }
  return g_steal_pointer (&password);
}

/**
 * rv_cli_get_password:
 * @prompt: what to ask on a terminal
 * @status: (out): the exit status on failure
 *
 * The password from --password-fd, else typed on the terminal. The
 * descriptor is read to its end, so this works once per process.
 *
 * Returns: (transfer full) (nullable): the password, or %NULL after
 *   printing why there is none
 */
RvSecret *
rv_cli_get_password (RvCliGlobal *global,
                     const char  *prompt,
                     int         *status)
{
  g_autoptr(RvSecret) password = NULL;
  GError *error = NULL;

  if (global->password_fd >= 0)
    password = rv_cli_read_password_fd (global->password_fd, &error);
  else if (rv_cli_has_terminal ())
    password = rv_cli_prompt_secret (prompt, &error);
  else
    {
      rv_cli_error (_("No password given: use --password-fd N, or run rvault in a terminal"));
      *status = RV_CLI_EXIT_USAGE;
      return NULL;
    }

  if (password == NULL)
    {
      *status = rv_cli_vault_error_status (error);
      rv_cli_fail (error, *status);
      return NULL;
    }
  if (rv_secret_get_size (password) == 0)
    {
      rv_cli_error (_("The password is empty"));
      *status = RV_CLI_EXIT_USAGE;
      return NULL;
    }
  return g_steal_pointer (&password);
}

/* Tells the user how to get a vault when there is none at @path. */
gboolean
rv_cli_require_vault (const char *path,
                      int        *status)
{
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  rv_cli_error (_("No vault at %s (create one with “rvault init”, or choose one with --vault)"),
                path);
  *status = RV_CLI_EXIT_FAILURE;
  return FALSE;
}

/* Conflict copies a sync engine left beside the vault are merged on every
 * open (docs/sync.md); what could not be merged is said, never hidden. */
static gboolean
merge_conflict_copies (RvVault        *vault,
                       const RvSecret *password,
                       int            *status)
{
  g_autoptr(RvSyncResult) result = NULL;
  GError *error = NULL;

  if (!rv_sync_merge_conflict_copies (vault, password, &result, &error))
    {
      *status = rv_cli_fail (error, RV_CLI_EXIT_FAILURE);
      return FALSE;
    }
  if (result->changes > 0)
    rv_cli_error (g_dngettext (GETTEXT_PACKAGE, "Merged %u change from another device",
                               "Merged %u changes from another device", result->changes),
                  result->changes);
  for (guint i = 0; i < result->problems->len; i++)
    rv_cli_error ("%s", (const char *) g_ptr_array_index (result->problems, i));
  return TRUE;
}

/**
 * rv_cli_open_vault:
 * @status: (out): the exit status on failure
 *
 * Opens the vault chosen by the global options. Without --password-fd, a
 * vault with a keyring slot is first unlocked from the keyring; when that
 * fails the password is asked for.
 *
 * Returns: (transfer full) (nullable): the vault, or %NULL after printing
 *   one line saying why not
 */
RvVault *
rv_cli_open_vault (RvCliGlobal      *global,
                   RvCliUnlockFlags  flags,
                   int              *status)
{
  const char *path = rv_cli_vault_path (global);
  g_autoptr(RvSecret) password = NULL;
  g_autoptr(GError) keyring_error = NULL;
  RvVault *vault;
  GError *error = NULL;

  if (!rv_cli_require_vault (path, status))
    return NULL;

  if (global->password_fd < 0 && !(flags & RV_CLI_UNLOCK_NO_KEYRING) &&
      rv_vault_has_keyring_slot_file (path))
    {
      vault = rv_vault_open_with_keyring (path, NULL, &keyring_error);
      if (vault != NULL)
        {
          if (!merge_conflict_copies (vault, NULL, status))
            g_clear_object (&vault);
          return vault;
        }
      if (!rv_cli_has_terminal ())
        {
          rv_cli_error (_("Keyring unlock failed (%s); give the password with --password-fd N"),
                        keyring_error->message);
          *status = RV_CLI_EXIT_FAILURE;
          return NULL;
        }
      rv_cli_error (_("Keyring unlock failed (%s); asking for the password instead"),
                    keyring_error->message);
    }

  password = rv_cli_get_password (global, _("Password: "), status);
  if (password == NULL)
    return NULL;

  vault = rv_vault_open (path, password, &error);
  if (vault == NULL)
    {
      *status = rv_cli_vault_error_status (error);
      rv_cli_fail (error, *status);
    }
  else if (!merge_conflict_copies (vault, password, status))
    g_clear_object (&vault);
  return rv_cli_record_password_entered (vault);
}

/* Returns the exit status: OK, or FAILURE after printing why. */
int
rv_cli_save_vault (RvVault *vault)
{
  GError *error = NULL;

  if (!rv_vault_save (vault, &error))
    return rv_cli_fail (error, RV_CLI_EXIT_FAILURE);
  return rv_cli_back_up_after_change (vault);
}
