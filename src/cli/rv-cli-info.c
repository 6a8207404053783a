/* rv-cli-info.c: rvault info: what the vault file is, from its clear header
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The header (version, vault id, slots and their key derivation costs) is
 * not encrypted: it is read with the format parser, without a password and
 * without unlocking. Nothing printed here is secret.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>

#include "rv-cli-unlock.h"
#include "rv-storage.h"
#include "rv-vault-format.h"

#define MIB (1024 * 1024)

static const char *
slot_type_name (RvVaultSlotType type)
{
  switch (type)
    {
    case RV_VAULT_SLOT_PASSWORD:
      return "password";
    case RV_VAULT_SLOT_KEYRING:
      return "keyring";
    default:
      return "unknown";
    }
}

int
rv_cli_info (RvCliGlobal  *global,
             int           argc,
             char        **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("— the vault file’s version, id, slots and paths (no password needed)"));
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RvVaultFile) file = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *lock = NULL;
  GError *error = NULL;
  const char *path;
  int status;

  if (!rv_cli_parse_options (context, &argc, &argv))
    return RV_CLI_EXIT_USAGE;
  if (argc > 1)
    {
      rv_cli_error (_("info takes no arguments (see rvault info --help)"));
      return RV_CLI_EXIT_USAGE;
    }
  path = rv_cli_vault_path (global);
  if (!rv_cli_require_vault (path, &status))
    return status;

  bytes = rv_storage_read (path, &error);
  if (bytes == NULL)
    return rv_cli_fail (error, rv_cli_vault_error_status (error));
  file = rv_vault_file_parse (bytes, path, &error);
  if (file == NULL)
    return rv_cli_fail (error, rv_cli_vault_error_status (error));

  previous = rv_vault_get_previous_generation_path (path);
  lock = rv_storage_lock_path (path);

  rv_cli_print (_("Read from the clear header, without unlocking (no password needed).\n"));
  rv_cli_print (_("Vault:               %s\n"), path);
  rv_cli_print (_("Previous generation: %s%s\n"), previous,
          g_file_test (previous, G_FILE_TEST_IS_REGULAR) ? "" : _(" (none yet)"));
  rv_cli_print (_("Lock file:           %s\n"), lock);
  rv_cli_print (_("Format version:      %u\n"), file->version);
  rv_cli_print (_("Vault id:            %s\n"), file->vault_id);
  rv_cli_print (_("Payload size:        %llu bytes (encrypted)\n"),
                (unsigned long long) file->payload_size);
  rv_cli_print (_("Keyring slot:        %s\n"),
          rv_vault_file_find_slot (file, RV_VAULT_SLOT_KEYRING) != NULL ? _("yes") : _("no"));
  rv_cli_print (_("Slots:               %u\n"), file->slots->len);
  for (guint i = 0; i < file->slots->len; i++)
    {
      const RvVaultSlot *slot = &g_array_index (file->slots, RvVaultSlot, i);

      if (slot->type == RV_VAULT_SLOT_PASSWORD)
        rv_cli_print (_("  %u: password (Argon2id, %llu MiB, %llu passes)\n"), i + 1,
                (unsigned long long) (slot->kdf.memlimit / MIB),
                (unsigned long long) slot->kdf.opslimit);
      else
        rv_cli_print ("  %u: %s\n", i + 1, slot_type_name (slot->type));
    }
  return RV_CLI_EXIT_OK;
}
