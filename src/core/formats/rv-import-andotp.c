/* rv-import-andotp.c: andOTP backups, plain JSON and encrypted (.json.aes)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain: a JSON list of { "secret", "issuer", "label", "digits", "type",
 * "algorithm", "period", "counter", "tags" }.
 * Encrypted (andOTP ≥ 0.6.3): iterations (4 bytes, big-endian) ‖ salt (12) ‖
 * nonce (12) ‖ AES-256-GCM ciphertext ‖ tag (16), the key being
 * PBKDF2-HMAC-SHA1(password, salt, iterations, 32 bytes).
 * Encrypted, older: nonce (12) ‖ ciphertext ‖ tag (16), key SHA-256(password).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>
#include <sodium.h>

#include "rv-import-private.h"
#include "rv-pbkdf2.h"

#define INT_BYTES       4
#define SALT_BYTES      12
#define NONCE_BYTES     12
#define TAG_BYTES       16
#define KEY_BYTES       32
/* andOTP picks 140,000–160,000; refuse absurd counts (a damaged header). */
#define MAX_ITERATIONS  10000000
/* andOTP writes 140,000 or more; fewer is taken for no andOTP header. */
#define MIN_ITERATIONS  1000

gboolean
rv_import_andotp_detect (JsonNode *root)
{
  JsonArray *array;
  JsonNode *first;

  if (!JSON_NODE_HOLDS_ARRAY (root))
    return FALSE;
  array = json_node_get_array (root);
  if (json_array_get_length (array) == 0)
    return TRUE;
  first = json_array_get_element (array, 0);
  return JSON_NODE_HOLDS_OBJECT (first) &&
         json_object_has_member (json_node_get_object (first), "secret") &&
         json_object_has_member (json_node_get_object (first), "type");
}

gboolean
rv_import_andotp_detect_binary (const guint8 *data,
                                gsize         len)
{
  guint32 iterations;

  /* Only the current format has a header: an iteration count, which andOTP
   * picks between 140,000 and 160,000. Random bytes start with a plausible
   * one once in a few hundred files, SQLite, ZIP or XML files never. The
   * older format (nonce ‖ ciphertext ‖ tag) cannot be told from random
   * bytes: it is read when the andOTP format is chosen. */
  if (len < INT_BYTES + SALT_BYTES + NONCE_BYTES + TAG_BYTES + 1)
    return FALSE;
  iterations = (guint32) data[0] << 24 | (guint32) data[1] << 16 |
               (guint32) data[2] << 8 | data[3];
  return iterations >= MIN_ITERATIONS && iterations <= MAX_ITERATIONS;
}

static GStrv
read_tags (JsonObject *object)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (object, "tags");

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *tags = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (tags); i++)
        {
          JsonNode *tag = json_array_get_element (tags, i);

          if (JSON_NODE_HOLDS_VALUE (tag) && json_node_get_value_type (tag) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (tag));
        }
    }
  return g_strv_builder_end (builder);
}

static gboolean
convert_entry (RvImportResult  *result,
               JsonObject      *object,
               guint            index,
               GError         **error)
{
  g_autofree char *where = g_strdup_printf ("entry %u", index);
  g_autoptr(RvOtpParams) params = rv_otp_params_new (RV_OTP_KIND_TOTP);
  g_auto(RvImportEntry) entry = { 0 };
  g_auto(GStrv) tags = read_tags (object);
  const char *secret, *issuer, *label, *type, *algorithm;
  gint64 digits, period, counter;

  if (!rv_import_json_get_string (object, "secret", where, &secret, error) ||
      !rv_import_json_get_string (object, "issuer", where, &issuer, error) ||
      !rv_import_json_get_string (object, "label", where, &label, error) ||
      !rv_import_json_get_string (object, "type", where, &type, error) ||
      !rv_import_json_get_string (object, "algorithm", where, &algorithm, error) ||
      !rv_import_json_get_int (object, "digits", where, 6, &digits, error) ||
      !rv_import_json_get_int (object, "period", where, 30, &period, error) ||
      !rv_import_json_get_int (object, "counter", where, 0, &counter, error))
    return FALSE;
  if (secret == NULL)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                   _("%s: “secret” is missing"), where);
      return FALSE;
    }

  rv_import_entry_init (&entry, result, index, issuer, label);
  params->issuer = g_strdup (issuer);
  params->account_name = g_strdup (label);
  if (rv_import_entry_kind (&entry, type, &params->kind) &&
      rv_import_entry_algorithm (&entry, algorithm, &params->algorithm) &&
      rv_import_entry_numbers (&entry, params, digits, period, counter) &&
      (params->secret = rv_import_entry_base32 (&entry, secret)) != NULL)
    rv_import_entry_add (&entry, params, NULL, (const char * const *) tags);
  return TRUE;
}

RvImportResult *
rv_import_andotp_parse (JsonNode  *root,
                        GError   **error)
{
  g_autoptr(RvImportResult) result = rv_import_result_new (RV_IMPORT_FORMAT_ANDOTP);
  JsonArray *entries;

  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                           _("An andOTP backup is a list of entries"));
      return NULL;
    }
  entries = json_node_get_array (root);
  if (!rv_import_json_convert_each (result, entries, "entry", convert_entry, error))
    return NULL;
  return g_steal_pointer (&result);
}

static RvSecret *
decrypt_new (const guint8    *data,
             gsize            len,
             const RvSecret  *password)
{
  g_autoptr(RvSecret) key = NULL;
  RvSecret *plaintext = NULL;
  guint32 iterations;
  const guint8 *salt = data + INT_BYTES;
  const guint8 *nonce = salt + SALT_BYTES;
  const guint8 *ciphertext = nonce + NONCE_BYTES;
  gsize header = INT_BYTES + SALT_BYTES + NONCE_BYTES;

  if (len < header + TAG_BYTES)
    return NULL;
  iterations = (guint32) data[0] << 24 | (guint32) data[1] << 16 |
               (guint32) data[2] << 8 | data[3];
  if (iterations == 0 || iterations > MAX_ITERATIONS)
    return NULL;

  key = rv_pbkdf2_hmac (G_CHECKSUM_SHA1, rv_secret_get_data (password),
                        rv_secret_get_size (password), salt, SALT_BYTES, iterations, KEY_BYTES);
  if (!rv_import_aes_gcm_decrypt (key, nonce, ciphertext, len - header - TAG_BYTES,
                                  data + len - TAG_BYTES, &plaintext))
    return NULL;
  return plaintext;
}

static RvSecret *
decrypt_old (const guint8    *data,
             gsize            len,
             const RvSecret  *password)
{
  g_autoptr(RvSecret) key = rv_secret_new (KEY_BYTES);
  RvSecret *plaintext = NULL;

  if (len < NONCE_BYTES + TAG_BYTES)
    return NULL;
  crypto_hash_sha256 (rv_secret_get_mutable_data (key), rv_secret_get_data (password),
                      rv_secret_get_size (password));
  if (!rv_import_aes_gcm_decrypt (key, data, data + NONCE_BYTES,
                                  len - NONCE_BYTES - TAG_BYTES, data + len - TAG_BYTES,
                                  &plaintext))
    return NULL;
  return plaintext;
}

RvImportResult *
rv_import_andotp_parse_encrypted (const guint8    *data,
                                  gsize            len,
                                  const RvSecret  *password,
                                  GError         **error)
{
  g_autoptr(RvSecret) plaintext = NULL;
  g_autoptr(RvJsonTree) root = NULL;
  RvImportResult *result;

  if (len < NONCE_BYTES + TAG_BYTES)
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                           _("The file is too short to be an encrypted andOTP backup"));
      return NULL;
    }
  if (!rv_import_require_password (password, "andOTP", error) ||
      !rv_import_check_aes_gcm (error))
    return NULL;

  plaintext = decrypt_new (data, len, password);
  if (plaintext == NULL)
    plaintext = decrypt_old (data, len, password);
  if (plaintext == NULL)
    {
      /* GCM cannot tell a wrong key from damaged ciphertext. */
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_WRONG_PASSWORD,
                           _("Wrong password for this andOTP backup (or the file is damaged)"));
      return NULL;
    }

  root = rv_import_json_parse (rv_secret_get_data (plaintext), rv_secret_get_size (plaintext),
                               error);
  g_clear_pointer (&plaintext, rv_secret_free);
  if (root == NULL)
    return NULL;
  result = rv_import_andotp_parse (root, error);
  if (result != NULL)
    result->was_encrypted = TRUE;
  return result;
}
