/* rv-import-util.c: what the importers share: results and entries, typed
 * JSON access, binary decoding and AES-GCM
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rv-import-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <nettle/aes.h>
#include <nettle/cbc.h>
#include <sodium.h>

#include "rv-base32.h"
#include "rv-json.h"
#include "rv-util.h"

/* Results and entries */

void
rv_import_rejected_free (RvImportRejected *rejected)
{
  if (rejected == NULL)
    return;
  g_free (rejected->label);
  g_free (rejected->reason);
  g_free (rejected);
}

RvImportResult *
rv_import_result_new (RvImportFormat format)
{
  RvImportResult *result = g_new0 (RvImportResult, 1);

  result->format = format;
  result->accounts = g_ptr_array_new_with_free_func (g_object_unref);
  result->rejected = g_ptr_array_new_with_free_func ((GDestroyNotify) rv_import_rejected_free);
  result->warnings = g_ptr_array_new_with_free_func (g_free);
  return result;
}

void
rv_import_result_free (RvImportResult *result)
{
  if (result == NULL)
    return;
  g_ptr_array_unref (result->accounts);
  g_ptr_array_unref (result->rejected);
  g_ptr_array_unref (result->warnings);
  g_free (result);
}

void
rv_import_result_warn (RvImportResult *result,
                       const char     *format,
                       ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (result->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

void
rv_import_entry_init (RvImportEntry  *entry,
                      RvImportResult *result,
                      guint           index,
                      const char     *issuer,
                      const char     *name)
{
  entry->result = result;
  entry->index = index;
  if (!rv_str_is_blank (issuer) && !rv_str_is_blank (name))
    entry->label = g_strdup_printf ("%s (%s)", issuer, name);
  else if (!rv_str_is_blank (issuer))
    entry->label = g_strdup (issuer);
  else if (!rv_str_is_blank (name))
    entry->label = g_strdup (name);
  else
    entry->label = g_strdup_printf ("entry %u", index);
}

void
rv_import_entry_clear (RvImportEntry *entry)
{
  g_clear_pointer (&entry->label, g_free);
}

gboolean
rv_import_entry_reject (RvImportEntry *entry,
                        const char    *format,
                        ...)
{
  RvImportRejected *rejected = g_new0 (RvImportRejected, 1);
  va_list args;

  va_start (args, format);
  rejected->reason = g_strdup_vprintf (format, args);
  va_end (args);
  rejected->label = g_strdup (entry->label);
  g_ptr_array_add (entry->result->rejected, rejected);
  return FALSE;
}

static char *
dup_nonblank (const char *text)
{
  return rv_str_is_blank (text) ? NULL : g_strstrip (g_strdup (text));
}

gboolean
rv_import_entry_add (RvImportEntry      *entry,
                     const RvOtpParams  *params,
                     const char         *notes,
                     const char * const *tags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvAccount) account = NULL;
  g_autofree char *issuer = dup_nonblank (params->issuer);
  g_autofree char *name = dup_nonblank (params->account_name);

  if (!rv_otp_params_validate (params, &error))
    return rv_import_entry_reject (entry, "%s", error->message);

  account = rv_account_new_from_otp_params (params);
  rv_account_set_issuer (account, issuer);
  rv_account_set_name (account, name);
  if (!rv_str_is_blank (notes))
    rv_account_set_notes (account, notes);
  if (tags != NULL && tags[0] != NULL)
    rv_account_set_tags (account, tags);
  g_ptr_array_add (entry->result->accounts, g_steal_pointer (&account));
  return TRUE;
}

RvSecret *
rv_import_entry_base32 (RvImportEntry *entry,
                        const char    *text)
{
  g_autoptr(GError) error = NULL;
  RvSecret *secret;

  if (text == NULL || rv_str_is_blank (text))
    {
      rv_import_entry_reject (entry, "the secret is empty");
      return NULL;
    }
  secret = rv_base32_decode (text, strlen (text), &error);
  if (secret == NULL)
    rv_import_entry_reject (entry, "bad secret: %s", error->message);
  return secret;
}

gboolean
rv_import_entry_numbers (RvImportEntry *entry,
                         RvOtpParams   *params,
                         gint64         digits,
                         gint64         period,
                         gint64         counter)
{
  if (digits < 0 || digits > 100)
    return rv_import_entry_reject (entry, "unsupported number of digits %" G_GINT64_FORMAT,
                                   digits);
  if (period < 0 || period > G_MAXUINT32)
    return rv_import_entry_reject (entry, "bad period %" G_GINT64_FORMAT, period);
  if (counter < 0)
    return rv_import_entry_reject (entry, "negative counter %" G_GINT64_FORMAT, counter);
  params->digits = params->kind == RV_OTP_KIND_STEAM ? RV_OTP_STEAM_DIGITS : (guint) digits;
  params->period = (guint) period;
  params->counter = (guint64) counter;
  return TRUE;
}

gboolean
rv_import_entry_algorithm (RvImportEntry  *entry,
                           const char     *text,
                           RvOtpAlgorithm *algorithm)
{
  g_autofree char *lower = NULL;

  if (text == NULL || *text == '\0')
    {
      *algorithm = RV_OTP_ALGORITHM_SHA1;
      return TRUE;
    }
  lower = g_ascii_strdown (text, -1);
  if (g_str_has_prefix (lower, "hmac"))
    memmove (lower, lower + 4, strlen (lower + 4) + 1);
  if (g_str_equal (lower, "sha-1"))
    strcpy (lower, "sha1");
  else if (g_str_equal (lower, "sha-256"))
    strcpy (lower, "sha256");
  else if (g_str_equal (lower, "sha-512"))
    strcpy (lower, "sha512");
  if (rv_otp_algorithm_from_string (lower, algorithm))
    return TRUE;
  return rv_import_entry_reject (entry, "unsupported algorithm “%s” (SHA1, SHA256 and SHA512 are)",
                                 text);
}

/* JSON */

RvJsonTree *
rv_import_json_parse (const guint8  *data,
                      gsize          len,
                      GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  RvJsonTree *tree = rv_json_parse ((const char *) data, len, &local_error);

  if (tree == NULL)
    g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                 _("The file cannot be read: %s"), local_error->message);
  return tree;
}

static void
wipe_node (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, NULL, &member))
        wipe_node (member);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        wipe_node (json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      /* The tree is ours alone (a mutable parser's): overwrite in place. */
      char *text = (char *) json_node_get_string (node);

      sodium_memzero (text, strlen (text));
    }
}

void
rv_import_json_free (RvJsonTree *tree)
{
  if (tree == NULL)
    return;
  wipe_node (tree);
  json_node_unref (tree);
}

static gboolean
wrong_type (const char  *where,
            const char  *member,
            const char  *expected,
            JsonNode    *node,
            GError     **error)
{
  g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
               _("%s: “%s” should be %s, not %s"), where, member, expected,
               rv_json_type_name (node));
  return FALSE;
}

gboolean
rv_import_json_get_string (JsonObject  *object,
                           const char  *member,
                           const char  *where,
                           const char **value,
                           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return wrong_type (where, member, _("text"), node, error);
  *value = json_node_get_string (node);
  return TRUE;
}

gboolean
rv_import_json_get_int (JsonObject  *object,
                        const char  *member,
                        const char  *where,
                        gint64       fallback,
                        gint64      *value,
                        GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  GType type;

  *value = fallback;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return wrong_type (where, member, _("a whole number"), node, error);

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      *value = json_node_get_int (node);
      return TRUE;
    }
  if (type == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      /* Range first: casting an out-of-range double is undefined. */
      if (d > -9.0e18 && d < 9.0e18 && d == (double) (gint64) d)
        {
          *value = (gint64) d;
          return TRUE;
        }
    }
  /* Some apps write numbers as strings ("digits": "6"). */
  if (type == G_TYPE_STRING &&
      g_ascii_string_to_signed (json_node_get_string (node), 10, G_MININT64, G_MAXINT64,
                                value, NULL))
    return TRUE;
  return wrong_type (where, member, _("a whole number"), node, error);
}

JsonObject *
rv_import_json_require_object (JsonObject  *object,
                               const char  *member,
                               const char  *where,
                               GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                   _("%s: “%s” is missing"), where, member);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      wrong_type (where, member, _("an object"), node, error);
      return NULL;
    }
  return json_node_get_object (node);
}

JsonArray *
rv_import_json_require_array (JsonObject  *object,
                              const char  *member,
                              const char  *where,
                              GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                   _("%s: “%s” is missing"), where, member);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      wrong_type (where, member, _("a list"), node, error);
      return NULL;
    }
  return json_node_get_array (node);
}

JsonObject *
rv_import_json_array_object (JsonArray   *array,
                             guint        index,
                             const char  *what,
                             GError     **error)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                   _("%s %u should be an object, not %s"), what, index + 1,
                   rv_json_type_name (node));
      return NULL;
    }
  return json_node_get_object (node);
}

gboolean
rv_import_json_convert_each (RvImportResult       *result,
                             JsonArray            *array,
                             const char           *what,
                             RvImportConvertFunc   convert,
                             GError              **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = rv_import_json_array_object (array, i, what, error);

      if (object == NULL || !convert (result, object, i + 1, error))
        return FALSE;
    }
  return TRUE;
}

/* Binary helpers */

RvSecret *
rv_import_hex_decode (const char  *text,
                      gsize        expected_len,
                      const char  *what,
                      GError     **error)
{
  g_autoptr(RvSecret) out = NULL;
  gsize len;
  guint8 *bytes;

  if (text == NULL)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED, _("%s is missing"), what);
      return NULL;
    }
  len = strlen (text);
  if (len % 2 != 0 || (expected_len > 0 && len != expected_len * 2))
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                   _("%s has the wrong length"), what);
      return NULL;
    }
  out = rv_secret_new (len / 2);
  bytes = rv_secret_get_mutable_data (out);
  for (gsize i = 0; i < len; i += 2)
    {
      int hi = g_ascii_xdigit_value (text[i]);
      int lo = g_ascii_xdigit_value (text[i + 1]);

      if (hi < 0 || lo < 0)
        {
          g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                       _("%s is not hexadecimal"), what);
          return NULL;
        }
      bytes[i / 2] = (hi << 4) | lo;
    }
  return g_steal_pointer (&out);
}

RvSecret *
rv_import_base64_decode (const char  *text,
                         gsize        len,
                         const char  *what,
                         GError     **error)
{
  g_autoptr(RvSecret) out = NULL;
  gsize bin_len = 0;
  const char *end = NULL;

  if (text == NULL || len == 0)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED, _("%s is missing"), what);
      return NULL;
    }
  out = rv_secret_new (len / 4 * 3 + 3);
  if (sodium_base642bin (rv_secret_get_mutable_data (out), rv_secret_get_size (out),
                         text, len, "\n\r ", &bin_len, &end,
                         sodium_base64_VARIANT_ORIGINAL) != 0 || end != text + len)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                   _("%s is not valid base64"), what);
      return NULL;
    }
  return rv_secret_truncate (g_steal_pointer (&out), bin_len);
}

gboolean
rv_import_check_aes_gcm (GError **error)
{
  if (sodium_init () < 0 || !crypto_aead_aes256gcm_is_available ())
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNSUPPORTED_CRYPTO,
                           _("This file is encrypted with AES-GCM, which needs a processor "
                           "with AES-NI instructions; this one has none"));
      return FALSE;
    }
  return TRUE;
}

gboolean
rv_import_aes_gcm_decrypt (const RvSecret  *key,
                           const guint8    *nonce,
                           const guint8    *ciphertext,
                           gsize            ciphertext_len,
                           const guint8    *tag,
                           RvSecret       **plaintext)
{
  g_autoptr(RvSecret) out = rv_secret_new (ciphertext_len);
  guint8 empty = 0;

  g_assert (rv_secret_get_size (key) == crypto_aead_aes256gcm_KEYBYTES);

  if (crypto_aead_aes256gcm_decrypt_detached (ciphertext_len > 0 ?
                                                rv_secret_get_mutable_data (out) : &empty,
                                              NULL,
                                              ciphertext_len > 0 ? ciphertext : &empty,
                                              ciphertext_len, tag, NULL, 0, nonce,
                                              rv_secret_get_data (key)) != 0)
    return FALSE;
  *plaintext = g_steal_pointer (&out);
  return TRUE;
}

RvSecret *
rv_import_read_all (RvImportReadFunc   read,
                    gpointer           source,
                    gsize              size_hint,
                    const char        *app,
                    GError           **error)
{
  gsize capacity = size_hint > 0 ? MIN (size_hint, (gsize) RV_IMPORT_MAX_SIZE) + 1 : 64 * 1024;
  gsize used = 0;
  g_autoptr(RvSecret) buffer = rv_secret_new (capacity);

  for (;;)
    {
      gssize n;

      if (used == capacity)
        {
          RvSecret *larger;

          if (capacity > RV_IMPORT_MAX_SIZE)
            {
              /* TRANSLATORS: %s is an app (Raivo OTP), %d a number of MiB */
              g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_TOO_LARGE,
                           _("This %s export is too large (over %d MiB)"), app,
                           RV_IMPORT_MAX_SIZE / (1024 * 1024));
              return NULL;
            }
          /* Doubling; the old buffer is guarded memory, wiped as it is freed. */
          capacity = MIN (capacity * 2, (gsize) RV_IMPORT_MAX_SIZE + 1);
          larger = rv_secret_new (capacity);
          memcpy (rv_secret_get_mutable_data (larger), rv_secret_get_data (buffer), used);
          rv_secret_free (buffer);
          buffer = larger;
        }
      n = read (source, rv_secret_get_mutable_data (buffer) + used, capacity - used, error);
      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      used += n;
    }
  return rv_secret_truncate (g_steal_pointer (&buffer), used);
}

gboolean
rv_import_require_password (const RvSecret  *password,
                            const char      *app,
                            GError         **error)
{
  if (password != NULL)
    return TRUE;
  g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_NEEDS_PASSWORD,
               _("This %s export is encrypted: its password is needed"), app);
  return FALSE;
}

gboolean
rv_import_entry_kind (RvImportEntry *entry,
                      const char    *type,
                      RvOtpKind     *kind)
{
  if (type == NULL || g_ascii_strcasecmp (type, "totp") == 0)
    *kind = RV_OTP_KIND_TOTP;
  else if (g_ascii_strcasecmp (type, "hotp") == 0)
    *kind = RV_OTP_KIND_HOTP;
  else if (g_ascii_strcasecmp (type, "steam") == 0)
    *kind = RV_OTP_KIND_STEAM;
  else if (g_ascii_strcasecmp (type, "motp") == 0)
    return rv_import_entry_reject (entry, "mOTP accounts are not supported");
  else if (g_ascii_strcasecmp (type, "yandex") == 0)
    return rv_import_entry_reject (entry, "Yandex accounts are not supported");
  else
    return rv_import_entry_reject (entry, "unknown type “%s”", type);
  return TRUE;
}

gboolean
rv_import_aes_cbc_decrypt (const RvSecret  *key,
                           const guint8    *iv,
                           const guint8    *ciphertext,
                           gsize            ciphertext_len,
                           RvSecret       **plaintext)
{
  g_autoptr(RvSecret) out = NULL;
  struct aes256_ctx ctx;
  guint8 chain[AES_BLOCK_SIZE];
  guint8 *bytes;
  guint pad;

  g_return_val_if_fail (rv_secret_get_size (key) == AES256_KEY_SIZE, FALSE);

  if (ciphertext_len == 0 || ciphertext_len % AES_BLOCK_SIZE != 0)
    return FALSE;
  out = rv_secret_new (ciphertext_len);
  bytes = rv_secret_get_mutable_data (out);
  memcpy (chain, iv, AES_BLOCK_SIZE);
  aes256_set_decrypt_key (&ctx, rv_secret_get_data (key));
  cbc_decrypt (&ctx, (nettle_cipher_func *) aes256_decrypt, AES_BLOCK_SIZE, chain,
               ciphertext_len, bytes, ciphertext);
  sodium_memzero (&ctx, sizeof ctx);

  /* PKCS#7 padding: a wrong key leaves a valid one about once in 256. */
  pad = bytes[ciphertext_len - 1];
  if (pad == 0 || pad > AES_BLOCK_SIZE)
    return FALSE;
  for (guint i = 1; i <= pad; i++)
    if (bytes[ciphertext_len - i] != pad)
      return FALSE;
  *plaintext = rv_secret_truncate (g_steal_pointer (&out), ciphertext_len - pad);
  return TRUE;
}
