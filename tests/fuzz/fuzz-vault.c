/* fuzz-vault.c: libFuzzer target for the vault file and payload parsers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first byte chooses what the rest is:
 *   bit 0 clear: a vault file. With bit 1 set the trailing checksum is
 *     recomputed first, so mutations reach the header parser instead of
 *     stopping at the checksum. A file whose password slot is cheap (the
 *     seeds use 8 KiB, one pass) is unlocked with the password "fuzz" and
 *     its payload decrypted and parsed.
 *   bit 0 set: a decrypted payload, parsed directly; whatever parses must
 *     serialize again to GVariant normal form and parse to the same model.
 *   With a recovery-code compartment in the header, its cheap slots are
 *     unwrapped (password "fuzz", paper key FUZZ_PAPER_KEY) and every sealed
 *     code of the payload is unsealed; the keys must agree.
 * The seeds are written by `test-vault-sample --write-fuzz-corpus DIR`.
 */
#include <sodium.h>
#include <string.h>

#include "rv-vault-format.h"
#include "rv-vault.h"
#include "rv-vault-payload.h"

#define FUZZ_PASSWORD "fuzz"
#define FUZZ_PAPER_KEY "fuzz-paper-key!!"   /* 16 bytes */

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
check_payload (const RvSecret *payload)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GListStore) store = NULL;
  g_autoptr(RvSecret) again = NULL;
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GPtrArray) accounts2 = NULL;
  g_autoptr(GPtrArray) requests2 = NULL;
  g_autoptr(GArray) tombstones = NULL;
  g_autoptr(GArray) tombstones2 = NULL;
  g_autoptr(GError) error = NULL;
  RvBackupState backup, backup2;

  if (!rv_vault_payload_parse_full (payload, &accounts, &backup, &requests, &tombstones, &error))
    {
      g_assert (error != NULL && error->domain == RV_VAULT_ERROR);
      return;
    }

  store = g_list_store_new (RV_TYPE_ACCOUNT);
  g_list_store_splice (store, 0, 0, accounts->pdata, accounts->len);
  again = rv_vault_payload_serialize_full (G_LIST_MODEL (store), &backup, requests, tombstones);
  variant = g_variant_ref_sink (g_variant_new_from_data (G_VARIANT_TYPE_VARDICT,
                                                         rv_secret_get_data (again),
                                                         rv_secret_get_size (again),
                                                         FALSE, NULL, NULL));
  g_assert (g_variant_is_normal_form (variant));
  g_assert (rv_vault_payload_parse_full (again, &accounts2, &backup2, &requests2, &tombstones2,
                                         NULL));
  g_assert (accounts2->len == accounts->len);
  g_assert (tombstones2->len == tombstones->len);
  g_assert (requests2->len == requests->len);
  g_assert (backup2.changed_at == backup.changed_at);
  g_assert (g_strcmp0 (backup2.export_path, backup.export_path) == 0);
  g_assert (g_strcmp0 (backup2.sheet_codes, backup.sheet_codes) == 0);
  g_free (backup.export_path);
  g_free (backup2.export_path);
  g_free (backup.sheet_codes);
  g_free (backup2.sheet_codes);
}

static void
check_compartment (const RvVaultFile *file,
                   const RvSecret    *payload)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(RvSecret) password = rv_secret_new_from_string (FUZZ_PASSWORD);
  g_autoptr(RvSecret) paper = rv_secret_new_from_string (FUZZ_PAPER_KEY);
  g_autoptr(RvSecret) wrapping = NULL;
  g_autoptr(RvSecret) key = NULL;
  const RvVaultSlot *slot;
  RvBackupState backup;

  slot = rv_vault_compartment_find_slot (file->compartment, RV_VAULT_SLOT_PASSWORD);
  g_assert (slot != NULL);
  if (slot->kdf.memlimit <= 64 * 1024 && slot->kdf.opslimit <= 3)
    {
      wrapping = rv_vault_slot_derive_key (slot, password, NULL);
      if (wrapping != NULL)
        key = rv_vault_compartment_slot_unwrap (slot, file->compartment, wrapping);
    }
  slot = rv_vault_compartment_find_slot (file->compartment, RV_VAULT_SLOT_PAPER_KEY);
  if (slot != NULL)
    {
      g_autoptr(RvSecret) paper_wrapping = rv_vault_paper_slot_derive_key (slot, paper);
      g_autoptr(RvSecret) paper_key = rv_vault_compartment_slot_unwrap (slot, file->compartment,
                                                                        paper_wrapping);

      g_assert (paper_key == NULL || key == NULL || rv_secret_equal (key, paper_key));
      if (key == NULL)
        key = g_steal_pointer (&paper_key);
    }
  if (key == NULL || !rv_vault_payload_parse_full (payload, &accounts, &backup, &requests, NULL,
                                                   NULL))
    return;
  for (guint i = 0; i < accounts->len; i++)
    {
      RvAccount *account = g_ptr_array_index (accounts, i);

      for (guint j = 0; j < rv_account_get_n_recovery_codes (account); j++)
        {
          const RvRecoveryCode *code = rv_account_get_recovery_code (account, j);
          g_autoptr(RvSecret) plain = NULL;

          if (code->sealed == NULL)
            continue;
          plain = rv_vault_compartment_unseal (file->compartment, key,
                                               rv_account_get_id (account), code->id,
                                               code->sealed);
          g_assert (plain == NULL || rv_secret_get_size (plain) ==
                    g_bytes_get_size (code->sealed) - RV_SEALED_CODE_OVERHEAD);
        }
    }
  g_free (backup.export_path);
  g_free (backup.sheet_codes);
}

/* The keyring open's parse, the checksum deferred and checked as the open
 * does when a step fails, reports what the eager parse reported. */
static void
check_deferred_agrees (GBytes       *contents,
                       const GError *eager_error)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVaultFile) file = rv_vault_file_parse_full (contents, "fuzz.rvault", TRUE, &error);

  if (file != NULL)
    rv_vault_file_check_checksum (file, &error);
  g_assert ((error == NULL) == (eager_error == NULL));
  if (error != NULL)
    g_assert (error->code == eager_error->code && strcmp (error->message, eager_error->message) == 0);
}

static void
check_file (guint8 *bytes,
            gsize   size,
            gboolean fix_checksum)
{
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(RvVaultFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RvSecret) password = NULL;
  g_autoptr(RvSecret) key = NULL;
  g_autoptr(RvSecret) master = NULL;
  g_autoptr(RvSecret) payload = NULL;
  const RvVaultSlot *slot;

  if (fix_checksum && size >= RV_VAULT_PREFIX_SIZE + RV_VAULT_CHECKSUM_SIZE)
    crypto_generichash (bytes + size - RV_VAULT_CHECKSUM_SIZE, RV_VAULT_CHECKSUM_SIZE,
                        bytes, size - RV_VAULT_CHECKSUM_SIZE, NULL, 0);

  contents = g_bytes_new_static (bytes, size);
  file = rv_vault_file_parse (contents, "fuzz.rvault", &error);
  check_deferred_agrees (contents, error);
  if (file == NULL)
    {
      g_assert (error != NULL && error->domain == RV_VAULT_ERROR);
      return;
    }
  slot = rv_vault_file_find_slot (file, RV_VAULT_SLOT_PASSWORD);
  g_assert (slot != NULL);
  /* Only cheap slots: a mutated memlimit must not stall the fuzzer. */
  if (slot->kdf.memlimit > 64 * 1024 || slot->kdf.opslimit > 3)
    return;

  password = rv_secret_new_from_string (FUZZ_PASSWORD);
  key = rv_vault_slot_derive_key (slot, password, NULL);
  if (key == NULL)
    return;
  master = rv_vault_slot_unwrap (slot, file->vault_id, key);
  if (master == NULL)
    return;
  payload = rv_vault_file_decrypt_payload (file, master, NULL);
  if (payload != NULL)
    check_payload (payload);
  if (payload != NULL && file->compartment != NULL)
    check_compartment (file, payload);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  if (size < 1)
    return 0;

  if (data[0] & 1)
    {
      /* An RvSecret is 8-byte aligned, as the decrypted payload is. */
      g_autoptr(RvSecret) payload = rv_secret_new_from_data (data + 1, size - 1);

      check_payload (payload);
    }
  else
    {
      g_autofree guint8 *copy = g_memdup2 (data + 1, size - 1);

      check_file (copy, size - 1, (data[0] & 2) != 0);
    }
  return 0;
}
