/* rv-vault-compartment-format.c: the recovery-code compartment's part of
 * the file format: its header, its slots' keys, sealed codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The slots are the vault's own (rv-vault-format.c wraps and derives); what
 * is here is what only the compartment has: its id and bound vault id, the
 * paper key's wrapping key and the sealing of each code. See
 * docs/vault-format.md.
 */
#include "config.h"

#include "rv-vault-format.h"

#include <sodium.h>
#include <string.h>

RvVaultCompartment *
rv_vault_compartment_new (const char *vault_id)
{
  RvVaultCompartment *compartment = g_new0 (RvVaultCompartment, 1);

  compartment->id = g_uuid_string_random ();
  compartment->vault_id = g_strdup (vault_id);
  compartment->slots = g_array_new (FALSE, TRUE, sizeof (RvVaultSlot));
  return compartment;
}

RvVaultCompartment *
rv_vault_compartment_copy (const RvVaultCompartment *compartment)
{
  RvVaultCompartment *copy;

  if (compartment == NULL)
    return NULL;
  copy = g_new0 (RvVaultCompartment, 1);
  copy->id = g_strdup (compartment->id);
  copy->vault_id = g_strdup (compartment->vault_id);
  copy->slots = g_array_copy (compartment->slots);
  return copy;
}

void
rv_vault_compartment_free (RvVaultCompartment *compartment)
{
  if (compartment == NULL)
    return;
  g_free (compartment->id);
  g_free (compartment->vault_id);
  g_array_unref (compartment->slots);
  g_free (compartment);
}

const RvVaultSlot *
rv_vault_compartment_find_slot (const RvVaultCompartment *compartment,
                                RvVaultSlotType           type)
{
  g_return_val_if_fail (compartment != NULL, NULL);

  for (guint i = 0; i < compartment->slots->len; i++)
    if (g_array_index (compartment->slots, RvVaultSlot, i).type == type)
      return &g_array_index (compartment->slots, RvVaultSlot, i);
  return NULL;
}

RvSecret *
rv_vault_compartment_slot_unwrap (const RvVaultSlot        *slot,
                                  const RvVaultCompartment *compartment,
                                  const RvSecret           *wrapping_key)
{
  g_return_val_if_fail (compartment != NULL, NULL);

  return _rv_vault_slot_unwrap_full (slot, NULL, compartment, wrapping_key);
}

gboolean
rv_vault_compartment_slot_init_password (RvVaultSlot              *slot,
                                         const RvVaultCompartment *compartment,
                                         const RvSecret           *password,
                                         const RvKdfParams        *kdf,
                                         const RvSecret           *key,
                                         GError                  **error)
{
  g_return_val_if_fail (compartment != NULL, FALSE);

  return _rv_vault_slot_init_password_full (slot, NULL, compartment, password, kdf, key,
                                            error);
}

#define SEALED_NONCE_SIZE crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define SEALED_TAG_SIZE   crypto_aead_xchacha20poly1305_ietf_ABYTES
#define SEALED_OVERHEAD   (SEALED_NONCE_SIZE + SEALED_TAG_SIZE)

/* vault id \0 account id \0 code id: a sealed code cannot be moved to
 * another account, vault or code record. */
static GByteArray *
sealed_ad (const char *vault_id,
           const char *account_id,
           const char *code_id)
{
  GByteArray *ad = g_byte_array_new ();

  g_byte_array_append (ad, (const guint8 *) vault_id, strlen (vault_id) + 1);
  g_byte_array_append (ad, (const guint8 *) account_id, strlen (account_id) + 1);
  g_byte_array_append (ad, (const guint8 *) code_id, strlen (code_id));
  return ad;
}

GBytes *
rv_vault_compartment_seal (const RvVaultCompartment *compartment,
                           const RvSecret           *key,
                           const char               *account_id,
                           const char               *code_id,
                           const RvSecret           *code)
{
  g_autoptr(GByteArray) ad = NULL;
  gsize size;
  guint8 *out;
  unsigned long long written = 0;

  g_return_val_if_fail (compartment != NULL, NULL);
  g_return_val_if_fail (key != NULL && rv_secret_get_size (key) == RV_VAULT_KEY_SIZE, NULL);
  g_return_val_if_fail (code != NULL, NULL);

  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");
  ad = sealed_ad (compartment->vault_id, account_id, code_id);
  size = SEALED_OVERHEAD + rv_secret_get_size (code);
  out = g_malloc (size);
  randombytes_buf (out, SEALED_NONCE_SIZE);
  crypto_aead_xchacha20poly1305_ietf_encrypt (out + SEALED_NONCE_SIZE, &written,
                                              rv_secret_get_data (code),
                                              rv_secret_get_size (code),
                                              ad->data, ad->len, NULL, out,
                                              rv_secret_get_data (key));
  g_assert (written + SEALED_NONCE_SIZE == size);
  return g_bytes_new_take (out, size);
}

RvSecret *
rv_vault_compartment_unseal (const RvVaultCompartment *compartment,
                             const RvSecret           *key,
                             const char               *account_id,
                             const char               *code_id,
                             GBytes                   *sealed)
{
  g_autoptr(GByteArray) ad = NULL;
  g_autoptr(RvSecret) code = NULL;
  unsigned long long size = 0;
  const guint8 *data;
  gsize len;

  g_return_val_if_fail (compartment != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (sealed != NULL, NULL);

  data = g_bytes_get_data (sealed, &len);
  if (len <= SEALED_OVERHEAD || rv_secret_get_size (key) != RV_VAULT_KEY_SIZE)
    return NULL;
  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");
  ad = sealed_ad (compartment->vault_id, account_id, code_id);
  code = rv_secret_new (len - SEALED_OVERHEAD);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (rv_secret_get_mutable_data (code), &size, NULL,
                                                  data + SEALED_NONCE_SIZE,
                                                  len - SEALED_NONCE_SIZE,
                                                  ad->data, ad->len, data,
                                                  rv_secret_get_data (key)) != 0)
    return NULL;
  return g_steal_pointer (&code);
}

RvSecret *
rv_vault_paper_slot_derive_key (const RvVaultSlot *slot,
                                const RvSecret    *paper_key)
{
  RvSecret *key = rv_secret_new (RV_VAULT_KEY_SIZE);

  g_return_val_if_fail (slot != NULL && slot->type == RV_VAULT_SLOT_PAPER_KEY, NULL);

  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");
  crypto_generichash (rv_secret_get_mutable_data (key), RV_VAULT_KEY_SIZE,
                      rv_secret_get_data (paper_key), rv_secret_get_size (paper_key),
                      slot->salt, sizeof slot->salt);
  return key;
}

void
rv_vault_compartment_slot_init_paper (RvVaultSlot              *slot,
                                      const RvVaultCompartment *compartment,
                                      const RvSecret           *paper_key,
                                      const RvSecret           *key)
{
  g_autoptr(RvSecret) wrapping = NULL;

  g_return_if_fail (compartment != NULL);

  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");
  memset (slot, 0, sizeof *slot);
  slot->type = RV_VAULT_SLOT_PAPER_KEY;
  randombytes_buf (slot->salt, sizeof slot->salt);
  wrapping = rv_vault_paper_slot_derive_key (slot, paper_key);
  _rv_vault_slot_wrap_full (slot, NULL, compartment, wrapping, key);
}

