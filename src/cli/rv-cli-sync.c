/* rv-cli-sync.c: rvault sync-status: the vault in a synced folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "rv-cli-unlock.h"
#include "rv-vault-format.h"
#include "rv-vault-sync.h"
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
  g_autofree char *root = NULL;
  g_autofree char *vault_id = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  RvSyncEngine engine;
  gint64 when;
  guint n_copies, n_changes;
  int status;

  if (!rv_cli_parse_options (context, &argc, &argv))
    return RV_CLI_EXIT_USAGE;
  path = rv_cli_vault_path (global);
  if (!rv_cli_require_vault (path, &status))
    return status;

  rv_cli_print (_("Vault: %s\n"), path);
  engine = rv_sync_detect_engine (path, &root);
  if (engine == RV_SYNC_ENGINE_NONE)
    rv_cli_print (_("Synced folder: none found (no Syncthing, Nextcloud or Dropbox marker)\n"));
  else
    rv_cli_print (_("Synced folder: %s (%s)\n"), root, rv_sync_engine_to_string (engine));

  copies = rv_sync_find_conflict_copies (path);
  rv_cli_print (g_dngettext (GETTEXT_PACKAGE, "Conflict copies waiting: %u\n",
                       "Conflict copies waiting: %u\n", copies->len), copies->len);
  for (guint i = 0; i < copies->len; i++)
    rv_cli_print ("  %s\n", (const char *) g_ptr_array_index (copies, i));

  vault_id = read_vault_id (path);
  if (vault_id != NULL && rv_sync_get_last_merge (vault_id, &when, &n_copies, &n_changes))
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (when);
      g_autofree char *text = g_date_time_format (time, "%Y-%m-%d %H:%M:%S");

      rv_cli_print (_("Last merge: %s, %u changes from %u copies\n"), text, n_changes, n_copies);
    }
  else
    rv_cli_print (_("Last merge: never\n"));
  return RV_CLI_EXIT_OK;
}
