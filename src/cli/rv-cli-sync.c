/* rv-cli-sync.c: rvault sync-status: the vault in a synced folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "rv-cli-unlock.h"
#include "rv-vault-format.h"
#include "rv-sync-status.h"
#include "rv-storage.h"

/* The vault id without a password: it is in the clear header. */
static char *
read_vault_id (const char *path)
{
  g_autoptr(GBytes) bytes = rv_storage_read (path, NULL);
  RvVaultFile *file;
  char *id;

  if (bytes == NULL)
    return NULL;
  file = rv_vault_file_parse (bytes, path, NULL);
  if (file == NULL)
    return NULL;
  id = g_strdup (file->vault_id);
  rv_vault_file_free (file);
  return id;
}

int
rv_cli_sync_status (RvCliGlobal  *global,
                    int           argc,
                    char        **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— where the vault lives and "
                                                            "whether it is synced");
  const char *path;
  g_autofree char *vault_id = NULL;
  g_autoptr(RvSyncStatus) sync = NULL;
  int status;

  if (!rv_cli_parse_options (context, &argc, &argv))
    return RV_CLI_EXIT_USAGE;
  path = rv_cli_vault_path (global);
  if (!rv_cli_require_vault (path, &status))
    return status;

  vault_id = read_vault_id (path);
  sync = rv_sync_status_read (path, vault_id);
  rv_cli_print (_("Vault: %s\n"), path);
  if (sync->engine == RV_SYNC_ENGINE_NONE)
    rv_cli_print (_("Synced folder: none found (no Syncthing, Nextcloud or Dropbox marker)\n"));
  else
    rv_cli_print (_("Synced folder: %s (%s)\n"), sync->root, rv_sync_engine_to_string (sync->engine));

  rv_cli_print (g_dngettext (GETTEXT_PACKAGE, "Conflict copies waiting: %u\n",
                             "Conflict copies waiting: %u\n", sync->copies->len),
                sync->copies->len);
  for (guint i = 0; i < sync->copies->len; i++)
    rv_cli_print ("  %s\n", (const char *) g_ptr_array_index (sync->copies, i));

  if (sync->merged_before)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (sync->last_merge);
      g_autofree char *text = g_date_time_format (time, "%Y-%m-%d %H:%M:%S");

      rv_cli_print (_("Last merge: %s, %u changes from %u copies\n"), text,
                    sync->last_merge_changes, sync->last_merge_copies);
    }
  else
    rv_cli_print (_("Last merge: never\n"));
  return RV_CLI_EXIT_OK;
}
