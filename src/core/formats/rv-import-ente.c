/* rv-import-ente.c: Ente Auth encrypted exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * { "version": 1, "kdfParams": { "memLimit", "opsLimit", "salt" (base64) },
 *   "encryptedData" (base64), "encryptionNonce" (base64) }.
 * The key is Argon2id (crypto_pwhash, 32 bytes) of the password with the
 * file's salt and limits; the data is one crypto_secretstream_xchacha20poly1305
 * message (tag FINAL) whose header is "encryptionNonce". The plaintext is
 * Ente's plain export: one otpauth:// URI per line (read as a URI list).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>
#include <sodium.h>

#include "rv-import-private.h"

#define ENTE_MAX_VERSION   1
#define ENTE_KEY_BYTES     32
/* Ente derives with at most 1 GiB, trading memory for passes on small
 * devices; larger costs are a damaged or hostile file. */
#define ENTE_MAX_MEMLIMIT  (G_GINT64_CONSTANT (1) << 30)
#define ENTE_MAX_OPSLIMIT  64

gboolean
rv_import_ente_detect (JsonNode *root)
{
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  object = json_node_get_object (root);
  return json_object_has_member (object, "kdfParams") &&
         json_object_has_member (object, "encryptedData");
}

typedef struct
{
  gint64      mem_limit;
  gint64      ops_limit;
  RvSecret   *salt;
  RvSecret   *data;
  RvSecret   *header;
} EnteFile;

static void
ente_file_clear (EnteFile *file)
{
  g_clear_pointer (&file->salt, rv_secret_free);
  g_clear_pointer (&file->data, rv_secret_free);
  g_clear_pointer (&file->header, rv_secret_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EnteFile, ente_file_clear)

static gboolean
read_file (JsonObject  *object,
           EnteFile    *file,
           GError     **error)
{
  const char *salt, *data, *nonce;
  JsonObject *kdf;
  gint64 version;

  if (!rv_import_json_get_int (object, "version", "export", 1, &version, error) ||
      (kdf = rv_import_json_require_object (object, "kdfParams", "export", error)) == NULL ||
      !rv_import_json_get_int (kdf, "memLimit", "kdfParams", -1, &file->mem_limit, error) ||
      !rv_import_json_get_int (kdf, "opsLimit", "kdfParams", -1, &file->ops_limit, error) ||
      !rv_import_json_get_string (kdf, "salt", "kdfParams", &salt, error) ||
      !rv_import_json_get_string (object, "encryptedData", "export", &data, error) ||
      !rv_import_json_get_string (object, "encryptionNonce", "export", &nonce, error))
    return FALSE;
  if (version < 1 || version > ENTE_MAX_VERSION)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNSUPPORTED_VERSION,
                   _("Ente Auth export version %lld cannot be read (version 1 can)"),
                   (long long) version);
      return FALSE;
    }
  if (file->mem_limit < (gint64) crypto_pwhash_MEMLIMIT_MIN ||
      file->mem_limit > ENTE_MAX_MEMLIMIT ||
      file->ops_limit < (gint64) crypto_pwhash_OPSLIMIT_MIN ||
      file->ops_limit > ENTE_MAX_OPSLIMIT)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNSUPPORTED_CRYPTO,
                   _("kdfParams: unsupported Argon2id limits (memory %lld bytes, %lld passes)"),
                   (long long) file->mem_limit, (long long) file->ops_limit);
      return FALSE;
    }
  if ((file->salt = rv_import_base64_decode (salt, salt != NULL ? strlen (salt) : 0,
                                             "kdfParams: the salt", error)) == NULL ||
      (file->header = rv_import_base64_decode (nonce, nonce != NULL ? strlen (nonce) : 0,
                                               "The encryption nonce", error)) == NULL ||
      (file->data = rv_import_base64_decode (data, data != NULL ? strlen (data) : 0,
                                             "The encrypted data", error)) == NULL)
    return FALSE;
  if (rv_secret_get_size (file->salt) != crypto_pwhash_SALTBYTES)
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                           _("kdfParams: the salt has the wrong length"));
      return FALSE;
    }
  if (rv_secret_get_size (file->header) != crypto_secretstream_xchacha20poly1305_HEADERBYTES)
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                           _("The encryption nonce has the wrong length"));
      return FALSE;
    }
  if (rv_secret_get_size (file->data) < crypto_secretstream_xchacha20poly1305_ABYTES)
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                           _("The encrypted data is too short"));
      return FALSE;
    }
  return TRUE;
}

RvImportResult *
rv_import_ente_parse (JsonNode        *root,
                      const RvSecret  *password,
                      GError         **error)
{
  g_auto(EnteFile) file = { 0 };
  g_autoptr(RvSecret) key = NULL;
  g_autoptr(RvSecret) plaintext = NULL;
  g_autoptr(RvSecret) state = NULL;
  unsigned long long plain_len = 0;
  unsigned char tag = 0;
  RvImportResult *result;

  if (!read_file (json_node_get_object (root), &file, error) ||
      !rv_import_require_password (password, "Ente Auth", error))
    return NULL;

  if (sodium_init () < 0)
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNSUPPORTED_CRYPTO,
                           _("The cryptography library could not start"));
      return NULL;
    }
  key = rv_secret_new (ENTE_KEY_BYTES);
  if (crypto_pwhash (rv_secret_get_mutable_data (key), ENTE_KEY_BYTES,
                     (const char *) rv_secret_get_data (password), rv_secret_get_size (password),
                     rv_secret_get_data (file.salt), (unsigned long long) file.ops_limit,
                     (size_t) file.mem_limit, crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNSUPPORTED_CRYPTO,
                           _("Not enough memory to derive the key of this Ente Auth export"));
      return NULL;
    }

  state = rv_secret_new (sizeof (crypto_secretstream_xchacha20poly1305_state));
  plaintext = rv_secret_new (rv_secret_get_size (file.data) -
                             crypto_secretstream_xchacha20poly1305_ABYTES);
  if (crypto_secretstream_xchacha20poly1305_init_pull (
        (crypto_secretstream_xchacha20poly1305_state *) rv_secret_get_mutable_data (state),
        rv_secret_get_data (file.header), rv_secret_get_data (key)) != 0 ||
      crypto_secretstream_xchacha20poly1305_pull (
        (crypto_secretstream_xchacha20poly1305_state *) rv_secret_get_mutable_data (state),
        rv_secret_get_mutable_data (plaintext), &plain_len, &tag,
        rv_secret_get_data (file.data), rv_secret_get_size (file.data), NULL, 0) != 0)
    {
      /* Authenticated encryption cannot tell a wrong key from damage. */
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_WRONG_PASSWORD,
                           _("Wrong password for this Ente Auth export (or the file is damaged)"));
      return NULL;
    }
  if (tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL)
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_DAMAGED,
                           _("This Ente Auth export is damaged: its encrypted data is cut short"));
      return NULL;
    }

  result = rv_import_urilist_parse (rv_secret_get_data (plaintext), plain_len, error);
  if (result == NULL)
    return NULL;
  result->format = RV_IMPORT_FORMAT_ENTE;
  result->was_encrypted = TRUE;
  return result;
}
