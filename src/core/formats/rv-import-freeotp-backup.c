/* rv-import-freeotp-backup.c: FreeOTP 2's encrypted backup (externalBackup.xml)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * From FreeOTP's TokenPersistence.java (copyBackupToExternal), MasterKey.java
 * and EncryptedKey.java. Despite its name the file is no XML: it is the app's
 * "tokenBackup" shared preferences, a HashMap<String, String> written with
 * Java's ObjectOutputStream (rv-import-java.c), holding
 *   "masterKey": JSON (Gson) { "mAlgorithm": "PBKDF2withHmacSHA512" (or
 *      ...SHA1), "mIterations", "mSalt": [signed bytes], "mEncryptedKey": K };
 *   "UUID": { "key": K as a JSON string } per token, K holding its secret;
 *   "UUID-token": the token's JSON (issuerExt, issuerInt, label, algo, digits,
 *      period, counter, type), not encrypted.
 * K is { "mCipher": "AES/GCM/NoPadding", "mCipherText": [bytes] (the tag's 16
 * bytes at its end), "mParameters": [bytes] (DER GCMParameters: SEQUENCE
 * { OCTET STRING nonce, INTEGER tag length }), "mToken": the key's Java
 * algorithm name }, whose UTF-8 is the associated data: "AES" for the master
 * key, "HmacSHA1" (…) for a token's secret.
 * The password key is PBKDF2 of the password (UTF-8) over the salt, as long as
 * the salt (32 bytes); it opens the master key (32 bytes), which opens the
 * secrets. The master key authenticates: its failure is a wrong password; a
 * token that does not open afterwards is damage.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "rv-import-private.h"
#include "rv-pbkdf2.h"

#define MASTER_KEY          "masterKey"
#define TOKEN_SUFFIX        "-token"
#define KEY_LEN             32
#define TAG_LEN             16
#define MAX_ITERATIONS      10000000

static RvImportResult *
damaged (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static RvImportResult *
damaged (GError     **error,
         const char  *format,
         ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
               _("This FreeOTP backup is damaged: %s"), detail);
  return NULL;
}

static GPtrArray *
read_map (const guint8  *data,
          gsize          len,
          GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  GPtrArray *map = rv_import_java_read_map (data, len, &local_error);

  if (map == NULL)
    damaged (error, "%s", local_error->message);
  return map;
}

gboolean
rv_import_freeotp_backup_detect (const guint8 *data,
                                 gsize         len)
{
  g_autoptr(GPtrArray) map = NULL;

  if (!rv_import_java_is_map (data, len))
    return FALSE;
  /* A damaged map is a damaged backup; an intact one needs its master key. */
  map = rv_import_java_read_map (data, len, NULL);
  return map == NULL || rv_import_prefs_get (map, MASTER_KEY) != NULL;
}

/* The nonce in DER GCMParameters (or a bare OCTET STRING, as Aegis accepts). */
static gboolean
read_nonce (RvSecret      *parameters,
            const guint8 **nonce,
            gsize         *nonce_len)
{
  const guint8 *p = rv_secret_get_data (parameters);
  gsize len = rv_secret_get_size (parameters);
  gsize end;

  if (len >= 2 && p[0] == 0x30 && p[1] < 0x80 && p[1] == len - 2)
    {
      p += 2;
      len -= 2;
    }
  if (len < 2 || p[0] != 0x04 || p[1] == 0 || p[1] >= 0x80 || p[1] > len - 2)
    return FALSE;
  *nonce = p + 2;
  *nonce_len = p[1];
  end = 2 + p[1];
  /* The tag length, in bytes (RFC 5084): only 16 is written. */
  if (end == len)
    return TRUE;
  return len - end == 3 && p[end] == 0x02 && p[end + 1] == 1 && p[end + 2] == TAG_LEN;
}

/* Opens K (@object) with @key. FALSE with @error when K is malformed;
 * TRUE with *@plaintext NULL when it does not authenticate. */
static gboolean
open_key (JsonObject      *object,
          const char      *where,
          const RvSecret  *key,
          RvSecret       **plaintext,
          GError         **error)
{
  g_autoptr(RvSecret) ciphertext = NULL;
  g_autoptr(RvSecret) parameters = NULL;
  const char *cipher, *token;
  JsonArray *array;
  const guint8 *nonce;
  gsize nonce_len, len;

  *plaintext = NULL;
  if (!rv_import_json_get_string (object, "mCipher", where, &cipher, error) ||
      !rv_import_json_get_string (object, "mToken", where, &token, error))
    return FALSE;
  if (g_strcmp0 (cipher, "AES/GCM/NoPadding") != 0)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNSUPPORTED_CRYPTO,
                   _("%s: unsupported cipher “%s” (AES/GCM/NoPadding is read)"), where,
                   cipher != NULL ? cipher : "");
      return FALSE;
    }
  if ((array = rv_import_json_require_array (object, "mCipherText", where, error)) == NULL ||
      (ciphertext = rv_import_java_bytes (array, "mCipherText", error)) == NULL ||
      (array = rv_import_json_require_array (object, "mParameters", where, error)) == NULL ||
      (parameters = rv_import_java_bytes (array, "mParameters", error)) == NULL)
    return FALSE;
  if (token == NULL || rv_secret_get_size (ciphertext) < TAG_LEN ||
      !read_nonce (parameters, &nonce, &nonce_len))
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                   _("%s: the encrypted key is incomplete"), where);
      return FALSE;
    }
  len = rv_secret_get_size (ciphertext) - TAG_LEN;
  rv_import_aes_gcm_open (key, nonce, nonce_len, (const guint8 *) token, strlen (token),
                          rv_secret_get_data (ciphertext), len,
                          rv_secret_get_data (ciphertext) + len, plaintext);
  return TRUE;
}

static RvSecret *
open_master_key (const char      *json,
                 const RvSecret  *password,
                 GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(RvJsonTree) root = rv_import_json_parse ((const guint8 *) json, strlen (json),
                                                     &local_error);
  g_autoptr(RvSecret) salt = NULL;
  g_autoptr(RvSecret) password_key = NULL;
  g_autoptr(RvSecret) master = NULL;
  JsonObject *object, *encrypted;
  JsonArray *array;
  const char *algorithm;
  gint64 iterations;
  GChecksumType digest;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      damaged (error, _("its master key is no JSON object"));
      return NULL;
    }
  object = json_node_get_object (root);
  if (!rv_import_json_get_string (object, "mAlgorithm", MASTER_KEY, &algorithm, error) ||
      !rv_import_json_get_int (object, "mIterations", MASTER_KEY, 0, &iterations, error) ||
      (array = rv_import_json_require_array (object, "mSalt", MASTER_KEY, error)) == NULL ||
      (salt = rv_import_java_bytes (array, "mSalt", error)) == NULL ||
      (encrypted = rv_import_json_require_object (object, "mEncryptedKey", MASTER_KEY,
                                                  error)) == NULL)
    return NULL;
  if (g_ascii_strcasecmp (algorithm != NULL ? algorithm : "", "PBKDF2withHmacSHA512") == 0)
    digest = G_CHECKSUM_SHA512;
  else if (g_ascii_strcasecmp (algorithm != NULL ? algorithm : "", "PBKDF2withHmacSHA1") == 0)
    digest = G_CHECKSUM_SHA1;
  else
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNSUPPORTED_CRYPTO,
                   _("Unsupported key derivation “%s” in this FreeOTP backup"),
                   algorithm != NULL ? algorithm : "");
      return NULL;
    }
  /* The key is as long as the salt: AES-256 needs 32 bytes. */
  if (iterations < 1 || iterations > MAX_ITERATIONS || rv_secret_get_size (salt) != KEY_LEN)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNSUPPORTED_CRYPTO,
                   _("Unsupported key derivation in this FreeOTP backup (%lld iterations, "
                     "a %lu-byte salt)"),
                   (long long) iterations, (gulong) rv_secret_get_size (salt));
      return NULL;
    }
  password_key = rv_pbkdf2_hmac (digest, rv_secret_get_data (password),
                                 rv_secret_get_size (password), rv_secret_get_data (salt),
                                 KEY_LEN, (guint) iterations, KEY_LEN);
  if (!open_key (encrypted, MASTER_KEY, password_key, &master, error))
    return NULL;
  if (master == NULL)
    {
      /* Authenticated encryption cannot tell a wrong key from damage. */
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_WRONG_PASSWORD,
                           _("Wrong password for this FreeOTP backup (or the file is damaged)"));
      return NULL;
    }
  if (rv_secret_get_size (master) != KEY_LEN)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNSUPPORTED_CRYPTO,
                   _("This FreeOTP backup has a %lu-byte master key (32 bytes are read)"),
                   (gulong) rv_secret_get_size (master));
      return NULL;
    }
  return g_steal_pointer (&master);
}

/* A member that holds JSON as text: its object. */
static RvJsonTree *
parse_json_text (const char  *text,
                 const char  *where,
                 GError     **error)
{
  g_autoptr(RvJsonTree) root = NULL;

  if (text != NULL)
    root = rv_import_json_parse ((const guint8 *) text, strlen (text), NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      damaged (error, _("%s is no JSON object"), where);
      return NULL;
    }
  return g_steal_pointer (&root);
}

/* The token stored under @uuid, the number @index of the backup. */
static gboolean
convert_token (RvImportResult  *result,
               GPtrArray       *map,
               const char      *uuid,
               const char      *value,
               guint            index,
               const RvSecret  *master,
               GError         **error)
{
  g_autofree char *where = g_strdup_printf ("token %u", index);
  g_autofree char *details_name = g_strconcat (uuid, TOKEN_SUFFIX, NULL);
  g_autoptr(RvJsonTree) outer = parse_json_text (value, where, error);
  g_autoptr(RvJsonTree) key = NULL;
  g_autoptr(RvJsonTree) details = NULL;
  g_autoptr(RvSecret) secret = NULL;
  const char *key_text;

  if (outer == NULL ||
      !rv_import_json_get_string (json_node_get_object (outer), "key", where, &key_text, error) ||
      (key = parse_json_text (key_text, where, error)) == NULL)
    return FALSE;
  if (rv_import_prefs_get (map, details_name) == NULL)
    {
      damaged (error, _("%s has no details (“%s”)"), where, details_name);
      return FALSE;
    }
  if ((details = parse_json_text (rv_import_prefs_get (map, details_name), details_name,
                                  error)) == NULL ||
      !open_key (json_node_get_object (key), where, master, &secret, error))
    return FALSE;
  if (secret == NULL)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_DAMAGED,
                   _("This FreeOTP backup is damaged: the secret of %s does not decrypt"),
                   where);
      return FALSE;
    }
  if (rv_secret_get_size (secret) == 0)
    {
      damaged (error, _("the secret of %s is empty"), where);
      return FALSE;
    }
  return rv_import_freeotp_convert (result, json_node_get_object (details), index, secret,
                                    error);
}

RvImportResult *
rv_import_freeotp_backup_parse (const guint8    *data,
                                gsize            len,
                                const RvSecret  *password,
                                GError         **error)
{
  g_autoptr(RvImportResult) result = rv_import_result_new (RV_IMPORT_FORMAT_FREEOTP_BACKUP);
  g_autoptr(GPtrArray) map = NULL;
  g_autoptr(RvSecret) master = NULL;
  const char *master_json;
  guint index = 0;

  if (!rv_import_java_is_map (data, len))
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNKNOWN_FORMAT,
                           _("This is not a FreeOTP backup (no Java-serialized map)"));
      return NULL;
    }
  if ((map = read_map (data, len, error)) == NULL)
    return NULL;
  if ((master_json = rv_import_prefs_get (map, MASTER_KEY)) == NULL)
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNKNOWN_FORMAT,
                           _("This is not a FreeOTP backup (it has no master key)"));
      return NULL;
    }
  if (!rv_import_require_password (password, "FreeOTP", error) ||
      (master = open_master_key (master_json, password, error)) == NULL)
    return NULL;

  /* File order (the map's hash order): the backup keeps no other. */
  for (guint i = 0; i < map->len; i++)
    {
      RvImportPref *pref = g_ptr_array_index (map, i);

      if (g_str_equal (pref->name, MASTER_KEY) || g_str_has_suffix (pref->name, TOKEN_SUFFIX))
        continue;
      if (!convert_token (result, map, pref->name, pref->value, ++index, master, error))
        return NULL;
    }
  result->was_encrypted = TRUE;
  return g_steal_pointer (&result);
}
