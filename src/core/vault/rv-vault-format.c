/* rv-vault-format.c: the vault file: layout, header, slots, encryption
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The checks run in a fixed order so that each kind of damage gets its own
 * error: magic, sizes, checksum, version, header, then (in the caller) the
 * slot and the payload. See docs/vault-format.md.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rv-vault-format.h"
#include "rv-vault.h"

#include <sodium.h>
#include <string.h>

#define SLOT_AD_LABEL "rvault-slot-v1"
#define COMPARTMENT_SLOT_AD_LABEL "rvault-compartment-slot-v2"

static void
ensure_sodium (void)
{
  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");
}

static guint16
read_le16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

static guint32
read_le32 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

static guint64
read_le64 (const guint8 *p)
{
  return (guint64) read_le32 (p) | ((guint64) read_le32 (p + 4) << 32);
}

static void
write_le (guint8  *p,
          guint64  value,
          guint    n_bytes)
{
  for (guint i = 0; i < n_bytes; i++)
    p[i] = (guint8) (value >> (8 * i));
}

void
rv_vault_file_free (RvVaultFile *file)
{
  if (file == NULL)
    return;
  g_clear_pointer (&file->bytes, g_bytes_unref);
  g_clear_pointer (&file->display_name, g_free);
  g_clear_pointer (&file->vault_id, g_free);
  g_clear_pointer (&file->slots, g_array_unref);
  g_clear_pointer (&file->compartment, rv_vault_compartment_free);
  g_free (file);
}

static const char *
slot_type_name (RvVaultSlotType type)
{
  switch (type)
    {
    case RV_VAULT_SLOT_PASSWORD:
      return "password";
    case RV_VAULT_SLOT_KEYRING:
      return "keyring";
    case RV_VAULT_SLOT_PAPER_KEY:
    default:
      return "paper-key";
    }
}

/* What a slot's wrapped key is bound to: its type, its parameters and the
 * vault (and for the compartment's slots, the compartment), so that no
 * parameter can be changed and no slot moved to another vault or
 * compartment without the unwrap failing. */
static GByteArray *
slot_associated_data (const RvVaultSlot        *slot,
                      const char               *vault_id,
                      const RvVaultCompartment *compartment)
{
  GByteArray *ad = g_byte_array_new ();
  const char *type = slot_type_name (slot->type);
  guint8 numbers[20];

  if (compartment != NULL)
    {
      g_byte_array_append (ad, (const guint8 *) COMPARTMENT_SLOT_AD_LABEL,
                           sizeof COMPARTMENT_SLOT_AD_LABEL);
      g_byte_array_append (ad, (const guint8 *) type, strlen (type) + 1);
      g_byte_array_append (ad, (const guint8 *) compartment->vault_id,
                           strlen (compartment->vault_id) + 1);
      g_byte_array_append (ad, (const guint8 *) compartment->id, strlen (compartment->id) + 1);
    }
  else
    {
      g_byte_array_append (ad, (const guint8 *) SLOT_AD_LABEL, sizeof SLOT_AD_LABEL);
      g_byte_array_append (ad, (const guint8 *) type, strlen (type) + 1);
      g_byte_array_append (ad, (const guint8 *) vault_id, strlen (vault_id) + 1);
    }
  if (slot->type == RV_VAULT_SLOT_PAPER_KEY)
    g_byte_array_append (ad, slot->salt, sizeof slot->salt);
  if (slot->type == RV_VAULT_SLOT_PASSWORD)
    {
      g_byte_array_append (ad, slot->salt, sizeof slot->salt);
      write_le (numbers, slot->kdf.opslimit, 8);
      write_le (numbers + 8, slot->kdf.memlimit, 8);
      write_le (numbers + 16, (guint32) slot->kdf.alg, 4);
      g_byte_array_append (ad, numbers, sizeof numbers);
    }
  return ad;
}

static gboolean
get_fixed_bytes (GVariant   *dict,
                 const char *key,
                 guint8     *out,
                 gsize       size)
{
  g_autoptr(GVariant) value = g_variant_lookup_value (dict, key, G_VARIANT_TYPE_BYTESTRING);
  gconstpointer data;
  gsize n;

  if (value == NULL)
    return FALSE;
  data = g_variant_get_fixed_array (value, &n, 1);
  if (n != size)
    return FALSE;
  memcpy (out, data, size);
  return TRUE;
}

/* @compartment: a compartment slot (password or paper-key) rather than a
 * vault slot (password or keyring). */
static gboolean
parse_slot (GVariant     *dict,
            gboolean      compartment,
            RvVaultSlot  *slot,
            gboolean     *known,
            GError      **error)
{
  const char *type = NULL;
  gint32 alg;

  *known = FALSE;
  if (!g_variant_lookup (dict, "type", "&s", &type))
    {
      g_set_error_literal (error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT, _("a slot has no type"));
      return FALSE;
    }
  if (g_str_equal (type, "password"))
    slot->type = RV_VAULT_SLOT_PASSWORD;
  else if (g_str_equal (type, "keyring") && !compartment)
    slot->type = RV_VAULT_SLOT_KEYRING;
  else if (g_str_equal (type, "paper-key") && compartment)
    slot->type = RV_VAULT_SLOT_PAPER_KEY;
  else
    return TRUE; /* a slot type of a later version: ignored */

  if (!get_fixed_bytes (dict, "nonce", slot->nonce, sizeof slot->nonce) ||
      !get_fixed_bytes (dict, "wrapped-key", slot->wrapped, sizeof slot->wrapped))
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT,
                   _("the %s slot has no valid nonce or wrapped key"), type);
      return FALSE;
    }
  if (slot->type == RV_VAULT_SLOT_PASSWORD)
    {
      if (!get_fixed_bytes (dict, "salt", slot->salt, sizeof slot->salt) ||
          !g_variant_lookup (dict, "opslimit", "t", &slot->kdf.opslimit) ||
          !g_variant_lookup (dict, "memlimit", "t", &slot->kdf.memlimit) ||
          !g_variant_lookup (dict, "algorithm", "i", &alg))
        {
          g_set_error_literal (error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT,
                               _("the password slot lacks its salt or key derivation parameters"));
          return FALSE;
        }
      slot->kdf.alg = alg;
      if (!rv_kdf_params_are_sane (&slot->kdf, error))
        return FALSE;
    }
  if (slot->type == RV_VAULT_SLOT_PAPER_KEY &&
      !get_fixed_bytes (dict, "salt", slot->salt, sizeof slot->salt))
    {
      g_set_error_literal (error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT,
                           _("the paper-key slot has no valid salt"));
      return FALSE;
    }
  *known = TRUE;
  return TRUE;
}

/* Each known slot at most once; @slots gets them. */
static gboolean
parse_slots (GVariant  *list,
             gboolean   compartment,
             GArray    *slots,
             GError   **error)
{
  gboolean seen[3] = { FALSE, FALSE, FALSE };
  GVariantIter iter;
  GVariant *child;

  g_variant_iter_init (&iter, list);
  while ((child = g_variant_iter_next_value (&iter)) != NULL)
    {
      RvVaultSlot slot = { 0 };
      gboolean known;
      gboolean ok = parse_slot (child, compartment, &slot, &known, error);

      g_variant_unref (child);
      if (!ok)
        return FALSE;
      if (!known)
        continue;
      if (seen[slot.type])
        {
          g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT,
                       compartment ? _("the recovery-code compartment has two %s slots")
                                   : _("the header has two %s slots"),
                       slot_type_name (slot.type));
          return FALSE;
        }
      seen[slot.type] = TRUE;
      g_array_append_val (slots, slot);
    }
  if (!seen[RV_VAULT_SLOT_PASSWORD])
    {
      g_set_error_literal (error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT,
                           compartment ? _("the recovery-code compartment has no password slot")
                                       : _("the header has no password slot"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_compartment (RvVaultFile  *file,
                   GVariant     *dict,
                   GError      **error)
{
  g_autoptr(GVariant) slots = NULL;
  const char *id = NULL;
  const char *vault_id = NULL;

  if (!g_variant_lookup (dict, "id", "&s", &id) || !g_uuid_string_is_valid (id) ||
      !g_variant_lookup (dict, "vault-id", "&s", &vault_id) || !g_uuid_string_is_valid (vault_id))
    {
      g_set_error_literal (error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT,
                           _("the recovery-code compartment has no valid id"));
      return FALSE;
    }
  slots = g_variant_lookup_value (dict, "slots", G_VARIANT_TYPE ("aa{sv}"));
  if (slots == NULL)
    {
      g_set_error_literal (error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT,
                           _("the recovery-code compartment has no key slots"));
      return FALSE;
    }
  file->compartment = rv_vault_compartment_new (vault_id);
  g_free (file->compartment->id);
  file->compartment->id = g_strdup (id);
  return parse_slots (slots, TRUE, file->compartment->slots, error);
}

static gboolean
parse_header (RvVaultFile  *file,
              GBytes       *header_bytes,
              GError      **error)
{
  g_autoptr(GVariant) header = NULL;
  g_autoptr(GVariant) slots = NULL;
  g_autoptr(GVariant) compartment = NULL;
  const char *vault_id = NULL;

  header = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT,
                                                         header_bytes, FALSE));
  if (!g_variant_is_normal_form (header))
    {
      g_set_error_literal (error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT,
                           _("the header is not a valid dictionary"));
      return FALSE;
    }
  if (!g_variant_lookup (header, "vault-id", "&s", &vault_id) || !g_uuid_string_is_valid (vault_id))
    {
      g_set_error_literal (error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT,
                           _("the header has no valid vault id"));
      return FALSE;
    }
  file->vault_id = g_strdup (vault_id);
  if (!get_fixed_bytes (header, "payload-nonce", file->payload_nonce, sizeof file->payload_nonce))
    {
      g_set_error_literal (error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT,
                           _("the header has no valid payload nonce"));
      return FALSE;
    }
  slots = g_variant_lookup_value (header, "slots", G_VARIANT_TYPE ("aa{sv}"));
  if (slots == NULL)
    {
      g_set_error_literal (error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT,
                           _("the header has no key slots"));
      return FALSE;
    }

  if (!parse_slots (slots, FALSE, file->slots, error))
    return FALSE;
  compartment = g_variant_lookup_value (header, "compartment", NULL);
  if (compartment == NULL)
    return TRUE;
  if (!g_variant_is_of_type (compartment, G_VARIANT_TYPE_VARDICT))
    {
      g_set_error_literal (error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT,
                           _("the recovery-code compartment is not a dictionary"));
      return FALSE;
    }
  return parse_compartment (file, compartment, error);
}

static gboolean
check_layout (const guint8  *data,
              gsize          len,
              const char    *name,
              guint64       *header_size,
              guint64       *payload_size,
              GError       **error)
{
  guint64 expected;

  /* An empty GBytes may have no data pointer at all. */
  if (len < RV_VAULT_MAGIC_SIZE || memcmp (data, RV_VAULT_MAGIC, RV_VAULT_MAGIC_SIZE) != 0)
    {
      if (len < RV_VAULT_MAGIC_SIZE && (len == 0 || memcmp (data, RV_VAULT_MAGIC, len) == 0))
        g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_TRUNCATED,
                     _("The vault file %s is truncated (%zu bytes)"), name, len);
      else
        g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_NOT_A_VAULT,
                     _("%s is not a Recovery Vault file"), name);
      return FALSE;
    }
  if (len < RV_VAULT_PREFIX_SIZE)
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_TRUNCATED,
                   _("The vault file %s is truncated (%zu bytes)"), name, len);
      return FALSE;
    }

  *header_size = read_le32 (data + 12);
  *payload_size = read_le64 (data + 16);
  if (*payload_size > G_MAXUINT64 - RV_VAULT_PREFIX_SIZE - RV_VAULT_CHECKSUM_SIZE - *header_size)
    expected = G_MAXUINT64;
  else
    expected = RV_VAULT_PREFIX_SIZE + *header_size + *payload_size + RV_VAULT_CHECKSUM_SIZE;

  if (len < expected)
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_TRUNCATED,
                   _("The vault file %s is truncated: its header announces more data than "
                     "the %zu bytes present"), name, len);
      return FALSE;
    }
  if (len > expected)
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT,
                   _("The vault file %s is damaged: %llu unexpected bytes "
                   "follow its end"), name, (unsigned long long) (len - expected));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_checksum (const guint8  *data,
                gsize          len,
                const char    *display_name,
                GError       **error)
{
  guint8 checksum[RV_VAULT_CHECKSUM_SIZE];

  crypto_generichash (checksum, sizeof checksum, data, len - RV_VAULT_CHECKSUM_SIZE, NULL, 0);
  if (sodium_memcmp (checksum, data + len - RV_VAULT_CHECKSUM_SIZE, sizeof checksum) != 0)
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT,
                   _("The vault file %s is damaged (checksum mismatch)"), display_name);
      return FALSE;
    }
  return TRUE;
}

/* Version, flags and header, for a file whose layout is good. */
static RvVaultFile *
parse_checked_layout (GBytes       *bytes,
                      const char   *display_name,
                      guint64       header_size,
                      guint64       payload_size,
                      GError      **error)
{
  g_autoptr(RvVaultFile) file = NULL;
  g_autoptr(GBytes) header_bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  guint16 version = read_le16 (data + 8);
  guint16 flags = read_le16 (data + 10);

  if (version < RV_VAULT_FORMAT_VERSION_MIN || version > RV_VAULT_FORMAT_VERSION || flags != 0)
    {
      if (version == 0)
        g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT,
                     _("The vault file %s is damaged (format version 0)"), display_name);
      else
        g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_UNSUPPORTED_VERSION,
                     _("The vault file %s was written by a newer version of Recovery Vault "
                     "(format %u, flags 0x%x); this version reads format %u"),
                     display_name, version, flags, RV_VAULT_FORMAT_VERSION);
      return NULL;
    }

  file = g_new0 (RvVaultFile, 1);
  file->bytes = g_bytes_ref (bytes);
  file->display_name = g_strdup (display_name);
  file->version = version;
  file->slots = g_array_new (FALSE, TRUE, sizeof (RvVaultSlot));
  file->payload_offset = RV_VAULT_PREFIX_SIZE + header_size;
  file->payload_size = payload_size;
  memcpy (file->checksum, data + len - RV_VAULT_CHECKSUM_SIZE, RV_VAULT_CHECKSUM_SIZE);

  header_bytes = g_bytes_new_from_bytes (bytes, RV_VAULT_PREFIX_SIZE, header_size);
  if (!parse_header (file, header_bytes, &local_error))
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT,
                   _("The vault file %s is damaged: %s"), display_name, local_error->message);
      return NULL;
    }
  if (payload_size < RV_VAULT_TAG_SIZE)
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT,
                   _("The vault file %s is damaged: its payload is too short"), display_name);
      return NULL;
    }
  return g_steal_pointer (&file);
}

/**
 * rv_vault_file_parse_full:
 * @display_name: how errors name the file
 * @defer_checksum: leave hashing the whole file to
 *   rv_vault_file_check_checksum(), called when a later step fails
 *
 * Checks everything that can be checked without a key. With
 * @defer_checksum, a step here that fails still reports a checksum mismatch
 * first, as if the checksum had been checked first (docs/vault-format.md).
 */
RvVaultFile *
rv_vault_file_parse_full (GBytes      *bytes,
                          const char  *display_name,
                          gboolean     defer_checksum,
                          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  guint64 header_size, payload_size;
  RvVaultFile *file;
  const guint8 *data;
  gsize len;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  ensure_sodium ();
  data = g_bytes_get_data (bytes, &len);
  if (!check_layout (data, len, display_name, &header_size, &payload_size, error))
    return NULL;
  if (!defer_checksum && !check_checksum (data, len, display_name, error))
    return NULL;

  file = parse_checked_layout (bytes, display_name, header_size, payload_size, &local_error);
  if (file == NULL)
    {
      if (!defer_checksum || check_checksum (data, len, display_name, error))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  file->checksum_checked = !defer_checksum;
  return file;
}

/**
 * rv_vault_file_parse:
 * @display_name: how errors name the file
 *
 * Checks everything that can be checked without a key, the checksum first.
 */
RvVaultFile *
rv_vault_file_parse (GBytes      *bytes,
                     const char  *display_name,
                     GError     **error)
{
  return rv_vault_file_parse_full (bytes, display_name, FALSE, error);
}

/**
 * rv_vault_file_check_checksum:
 *
 * For a file parsed with the checksum deferred, when a later step fails:
 * %FALSE with a `CORRUPT` error if the checksum shows accidental damage,
 * which is then what the caller reports.
 */
gboolean
rv_vault_file_check_checksum (RvVaultFile  *file,
                              GError      **error)
{
  const guint8 *data;
  gsize len;

  g_return_val_if_fail (file != NULL, FALSE);

  if (file->checksum_checked)
    return TRUE;
  data = g_bytes_get_data (file->bytes, &len);
  if (!check_checksum (data, len, file->display_name, error))
    return FALSE;
  file->checksum_checked = TRUE;
  return TRUE;
}

const RvVaultSlot *
rv_vault_file_find_slot (const RvVaultFile *file,
                         RvVaultSlotType    type)
{
  g_return_val_if_fail (file != NULL, NULL);

  for (guint i = 0; i < file->slots->len; i++)
    if (g_array_index (file->slots, RvVaultSlot, i).type == type)
      return &g_array_index (file->slots, RvVaultSlot, i);
  return NULL;
}

/* Returns: (transfer full): the decrypted payload, in guarded memory. */
RvSecret *
rv_vault_file_decrypt_payload (const RvVaultFile  *file,
                               const RvSecret     *master_key,
                               GError            **error)
{
  g_autoptr(RvSecret) plaintext = NULL;
  const guint8 *data;
  unsigned long long size = 0;

  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (master_key != NULL && rv_secret_get_size (master_key) == RV_VAULT_KEY_SIZE, NULL);

  data = g_bytes_get_data (file->bytes, NULL);
  plaintext = rv_secret_new (file->payload_size - RV_VAULT_TAG_SIZE);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (rv_secret_get_mutable_data (plaintext), &size,
                                                  NULL,
                                                  data + file->payload_offset, file->payload_size,
                                                  data, file->payload_offset,
                                                  file->payload_nonce,
                                                  rv_secret_get_data (master_key)) != 0)
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_TAMPERED,
                   _("The vault file %s fails authentication: its key is right but its content "
                   "was altered (deliberately, since its checksum was recomputed)"),
                   file->display_name);
      return NULL;
    }
  return g_steal_pointer (&plaintext);
}

static GVariant *
bytes_variant (const guint8 *data,
               gsize         size)
{
  return g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, data, size, 1);
}

static GVariant *
slot_variant (const RvVaultSlot *slot)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "type", g_variant_new_string (slot_type_name (slot->type)));
  g_variant_builder_add (&builder, "{sv}", "nonce", bytes_variant (slot->nonce, sizeof slot->nonce));
  g_variant_builder_add (&builder, "{sv}", "wrapped-key",
                         bytes_variant (slot->wrapped, sizeof slot->wrapped));
  if (slot->type == RV_VAULT_SLOT_PAPER_KEY)
    g_variant_builder_add (&builder, "{sv}", "salt", bytes_variant (slot->salt, sizeof slot->salt));
  if (slot->type == RV_VAULT_SLOT_PASSWORD)
    {
      g_variant_builder_add (&builder, "{sv}", "salt", bytes_variant (slot->salt, sizeof slot->salt));
      g_variant_builder_add (&builder, "{sv}", "opslimit", g_variant_new_uint64 (slot->kdf.opslimit));
      g_variant_builder_add (&builder, "{sv}", "memlimit", g_variant_new_uint64 (slot->kdf.memlimit));
      g_variant_builder_add (&builder, "{sv}", "algorithm", g_variant_new_int32 (slot->kdf.alg));
    }
  return g_variant_builder_end (&builder);
}

static GVariant *
slots_variant (GArray *slots)
{
  GVariantBuilder slot_builder;

  g_variant_builder_init (&slot_builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < slots->len; i++)
    g_variant_builder_add_value (&slot_builder, slot_variant (&g_array_index (slots, RvVaultSlot, i)));
  return g_variant_builder_end (&slot_builder);
}

static GVariant *
header_variant (const char               *vault_id,
                GArray                   *slots,
                const RvVaultCompartment *compartment,
                const guint8              nonce[RV_VAULT_NONCE_SIZE])
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "vault-id", g_variant_new_string (vault_id));
  g_variant_builder_add (&builder, "{sv}", "payload-nonce", bytes_variant (nonce, RV_VAULT_NONCE_SIZE));
  g_variant_builder_add (&builder, "{sv}", "slots", slots_variant (slots));
  if (compartment != NULL)
    {
      GVariantBuilder c;

      g_variant_builder_init (&c, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&c, "{sv}", "id", g_variant_new_string (compartment->id));
      g_variant_builder_add (&c, "{sv}", "vault-id", g_variant_new_string (compartment->vault_id));
      g_variant_builder_add (&c, "{sv}", "slots", slots_variant (compartment->slots));
      g_variant_builder_add (&builder, "{sv}", "compartment", g_variant_builder_end (&c));
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

GBytes *
rv_vault_file_build (const char     *vault_id,
                     GArray         *slots,
                     const RvSecret *master_key,
                     const RvSecret *plaintext)
{
  return rv_vault_file_build_full (vault_id, slots, NULL, master_key, plaintext);
}

GBytes *
rv_vault_file_build_full (const char               *vault_id,
                          GArray                   *slots,
                          const RvVaultCompartment *compartment,
                          const RvSecret           *master_key,
                          const RvSecret           *plaintext)
{
  g_autoptr(GVariant) header = NULL;
  guint8 nonce[RV_VAULT_NONCE_SIZE];
  gsize header_size, payload_size, total;
  unsigned long long written = 0;
  guint8 *buffer;

  g_return_val_if_fail (vault_id != NULL, NULL);
  g_return_val_if_fail (slots != NULL, NULL);
  g_return_val_if_fail (master_key != NULL && rv_secret_get_size (master_key) == RV_VAULT_KEY_SIZE, NULL);
  g_return_val_if_fail (plaintext != NULL, NULL);

  ensure_sodium ();
  /* A fresh random nonce on every save: 192 bits make reuse negligible. */
  randombytes_buf (nonce, sizeof nonce);
  header = header_variant (vault_id, slots, compartment, nonce);
  header_size = g_variant_get_size (header);
  g_assert (header_size <= G_MAXUINT32);
  payload_size = rv_secret_get_size (plaintext) + RV_VAULT_TAG_SIZE;
  total = RV_VAULT_PREFIX_SIZE + header_size + payload_size + RV_VAULT_CHECKSUM_SIZE;

  buffer = g_malloc (total);
  memcpy (buffer, RV_VAULT_MAGIC, RV_VAULT_MAGIC_SIZE);
  write_le (buffer + 8, RV_VAULT_FORMAT_VERSION, 2);
  write_le (buffer + 10, 0, 2);
  write_le (buffer + 12, header_size, 4);
  write_le (buffer + 16, payload_size, 8);
  g_variant_store (header, buffer + RV_VAULT_PREFIX_SIZE);

  crypto_aead_xchacha20poly1305_ietf_encrypt (buffer + RV_VAULT_PREFIX_SIZE + header_size, &written,
                                              rv_secret_get_data (plaintext),
                                              rv_secret_get_size (plaintext),
                                              buffer, RV_VAULT_PREFIX_SIZE + header_size,
                                              NULL, nonce, rv_secret_get_data (master_key));
  g_assert (written == payload_size);
  crypto_generichash (buffer + total - RV_VAULT_CHECKSUM_SIZE, RV_VAULT_CHECKSUM_SIZE,
                      buffer, total - RV_VAULT_CHECKSUM_SIZE, NULL, 0);
  return g_bytes_new_take (buffer, total);
}

/* Returns: (transfer full) (nullable): the master key, or %NULL if
 * @wrapping_key is not the one this slot was made with. */
RvSecret *
_rv_vault_slot_unwrap_full (const RvVaultSlot        *slot,
                            const char               *vault_id,
                            const RvVaultCompartment *compartment,
                            const RvSecret           *wrapping_key)
{
  g_autoptr(GByteArray) ad = NULL;
  g_autoptr(RvSecret) master = NULL;
  unsigned long long size = 0;

  g_return_val_if_fail (slot != NULL, NULL);
  g_return_val_if_fail (wrapping_key != NULL, NULL);

  if (rv_secret_get_size (wrapping_key) != RV_VAULT_KEY_SIZE)
    return NULL;
  ensure_sodium ();
  ad = slot_associated_data (slot, vault_id, compartment);
  master = rv_secret_new (RV_VAULT_KEY_SIZE);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (rv_secret_get_mutable_data (master), &size, NULL,
                                                  slot->wrapped, sizeof slot->wrapped,
                                                  ad->data, ad->len, slot->nonce,
                                                  rv_secret_get_data (wrapping_key)) != 0)
    return NULL;
  return g_steal_pointer (&master);
}

RvSecret *
rv_vault_slot_unwrap (const RvVaultSlot *slot,
                      const char        *vault_id,
                      const RvSecret    *wrapping_key)
{
  return _rv_vault_slot_unwrap_full (slot, vault_id, NULL, wrapping_key);
}

void
_rv_vault_slot_wrap_full (RvVaultSlot              *slot,
                          const char               *vault_id,
                          const RvVaultCompartment *compartment,
                          const RvSecret           *wrapping_key,
                          const RvSecret           *master_key)
{
  g_autoptr(GByteArray) ad = NULL;
  unsigned long long size = 0;

  g_return_if_fail (slot != NULL);
  g_return_if_fail (wrapping_key != NULL && rv_secret_get_size (wrapping_key) == RV_VAULT_KEY_SIZE);
  g_return_if_fail (master_key != NULL && rv_secret_get_size (master_key) == RV_VAULT_KEY_SIZE);

  ensure_sodium ();
  randombytes_buf (slot->nonce, sizeof slot->nonce);
  ad = slot_associated_data (slot, vault_id, compartment);
  crypto_aead_xchacha20poly1305_ietf_encrypt (slot->wrapped, &size,
                                              rv_secret_get_data (master_key), RV_VAULT_KEY_SIZE,
                                              ad->data, ad->len, NULL, slot->nonce,
                                              rv_secret_get_data (wrapping_key));
  g_assert (size == sizeof slot->wrapped);
}

void
rv_vault_slot_wrap (RvVaultSlot    *slot,
                    const char     *vault_id,
                    const RvSecret *wrapping_key,
                    const RvSecret *master_key)
{
  _rv_vault_slot_wrap_full (slot, vault_id, NULL, wrapping_key, master_key);
}

RvSecret *
rv_vault_slot_derive_key (const RvVaultSlot  *slot,
                          const RvSecret     *password,
                          GError            **error)
{
  g_return_val_if_fail (slot != NULL && slot->type == RV_VAULT_SLOT_PASSWORD, NULL);

  return rv_kdf_derive (password, slot->salt, &slot->kdf, error);
}

gboolean
_rv_vault_slot_init_password_full (RvVaultSlot              *slot,
                                   const char               *vault_id,
                                   const RvVaultCompartment *compartment,
                                   const RvSecret           *password,
                                   const RvKdfParams        *kdf,
                                   const RvSecret           *master_key,
                                   GError                  **error)
{
  g_autoptr(RvSecret) key = NULL;

  g_return_val_if_fail (slot != NULL, FALSE);
  g_return_val_if_fail (kdf != NULL, FALSE);

  ensure_sodium ();
  memset (slot, 0, sizeof *slot);
  slot->type = RV_VAULT_SLOT_PASSWORD;
  slot->kdf = *kdf;
  randombytes_buf (slot->salt, sizeof slot->salt);
  key = rv_vault_slot_derive_key (slot, password, error);
  if (key == NULL)
    return FALSE;
  _rv_vault_slot_wrap_full (slot, vault_id, compartment, key, master_key);
  return TRUE;
}

/* Makes @slot a password slot for @password with a new salt. */
gboolean
rv_vault_slot_init_password (RvVaultSlot        *slot,
                             const char         *vault_id,
                             const RvSecret     *password,
                             const RvKdfParams  *kdf,
                             const RvSecret     *master_key,
                             GError            **error)
{
  return _rv_vault_slot_init_password_full (slot, vault_id, NULL, password, kdf, master_key,
                                            error);
}

RvSecret *
rv_vault_new_master_key (void)
{
  RvSecret *key = rv_secret_new (RV_VAULT_KEY_SIZE);

  ensure_sodium ();
  randombytes_buf (rv_secret_get_mutable_data (key), RV_VAULT_KEY_SIZE);
  return key;
}
