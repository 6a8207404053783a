/* rv-import-stratum-encrypted.c: Stratum (Authenticator Pro) encrypted backups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * From Stratum's Stratum.Core/src/Backup/Encryption/:
 *   StrongBackupEncryption: "AUTHENTICATORPRO", salt (16), IV (12), then
 *     AES-256-GCM ciphertext and its 16-byte tag; the key is Argon2id of the
 *     password (UTF-8) with 4 lanes, 3 passes, 64 MiB (fixed: not in the file).
 *   LegacyBackupEncryption: "AuthenticatorPro", salt (20), IV (16), then
 *     AES-256-CBC with PKCS#7 padding; the key is PBKDF2-HMAC-SHA1, 64,000
 *     rounds. CBC is unauthenticated: a wrong password shows as bad padding
 *     or a plaintext that is no JSON.
 * Inside either: the plain JSON backup (rv-import-stratum.c).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "rv-import-private.h"
#include "rv-pbkdf2.h"

#define STRONG_HEADER      "AUTHENTICATORPRO"
#define LEGACY_HEADER      "AuthenticatorPro"
#define HEADER_LEN         16
#define STRONG_SALT_LEN    16
#define STRONG_IV_LEN      12
#define STRONG_PASSES      3
#define STRONG_MEMORY_KIB  65536
#define STRONG_LANES       4
#define LEGACY_SALT_LEN    20
#define LEGACY_IV_LEN      16
#define LEGACY_ROUNDS      64000
#define KEY_LEN            32
#define TAG_LEN            16

gboolean
rv_import_stratum_detect_binary (const guint8 *data,
                                 gsize         len)
{
  return len >= HEADER_LEN && (memcmp (data, STRONG_HEADER, HEADER_LEN) == 0 ||
                               memcmp (data, LEGACY_HEADER, HEADER_LEN) == 0);
}

static RvSecret *
decrypt_strong (const guint8    *data,
                gsize            len,
                const RvSecret  *password,
                GError         **error)
{
  const guint8 *salt = data + HEADER_LEN;
  const guint8 *iv = salt + STRONG_SALT_LEN;
  const guint8 *sealed = iv + STRONG_IV_LEN;
  g_autoptr(RvSecret) key = rv_secret_new (KEY_LEN);
  RvSecret *plaintext = NULL;
  gsize sealed_len;

  if (len < HEADER_LEN + STRONG_SALT_LEN + STRONG_IV_LEN + TAG_LEN)
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                           _("This Stratum backup is cut short (its header is incomplete)"));
      return NULL;
    }
  if (!rv_import_require_password (password, "Stratum", error) ||
      !rv_import_argon2id (password, salt, STRONG_SALT_LEN, STRONG_PASSES, STRONG_MEMORY_KIB,
                           STRONG_LANES, key, error))
    return NULL;
  sealed_len = len - (sealed - data) - TAG_LEN;
  if (!rv_import_aes_gcm_open (key, iv, STRONG_IV_LEN, NULL, 0, sealed, sealed_len,
                               sealed + sealed_len, &plaintext))
    {
      /* Authenticated encryption cannot tell a wrong key from damage. */
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_WRONG_PASSWORD,
                           _("Wrong password for this Stratum backup (or the file is damaged)"));
      return NULL;
    }
  return plaintext;
}

static RvSecret *
decrypt_legacy (const guint8    *data,
                gsize            len,
                const RvSecret  *password,
                GError         **error)
{
  const guint8 *salt = data + HEADER_LEN;
  const guint8 *iv = salt + LEGACY_SALT_LEN;
  const guint8 *sealed = iv + LEGACY_IV_LEN;
  g_autoptr(RvSecret) key = NULL;
  RvSecret *plaintext = NULL;

  if (len < HEADER_LEN + LEGACY_SALT_LEN + LEGACY_IV_LEN + 16 ||
      (len - (sealed - data)) % 16 != 0)
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                           _("This Stratum backup is cut short (its length is not whole AES "
                             "blocks)"));
      return NULL;
    }
  if (!rv_import_require_password (password, "Stratum", error))
    return NULL;
  key = rv_pbkdf2_hmac (G_CHECKSUM_SHA1, rv_secret_get_data (password),
                        rv_secret_get_size (password), salt, LEGACY_SALT_LEN, LEGACY_ROUNDS,
                        KEY_LEN);
  if (!rv_import_aes_cbc_decrypt (key, iv, sealed, len - (sealed - data), &plaintext))
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_WRONG_PASSWORD,
                           _("Wrong password for this Stratum backup (or the file is damaged)"));
      return NULL;
    }
  return plaintext;
}

RvImportResult *
rv_import_stratum_parse_encrypted (const guint8    *data,
                                   gsize            len,
                                   const RvSecret  *password,
                                   GError         **error)
{
  gboolean legacy = memcmp (data, LEGACY_HEADER, HEADER_LEN) == 0;
  g_autoptr(RvSecret) plaintext = legacy ? decrypt_legacy (data, len, password, error)
                                         : decrypt_strong (data, len, password, error);
  g_autoptr(RvJsonTree) root = NULL;
  RvImportResult *result;

  if (plaintext == NULL)
    return NULL;
  root = rv_import_json_parse (rv_secret_get_data (plaintext), rv_secret_get_size (plaintext),
                               NULL);
  if (root == NULL || !rv_import_stratum_detect (root))
    {
      /* A wrong key passes CBC's padding check about once in 256. */
      if (legacy)
        g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_WRONG_PASSWORD,
                             _("Wrong password for this Stratum backup (or the file is "
                               "damaged)"));
      else
        g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_DAMAGED,
                             _("This Stratum backup opened, but its content is not a Stratum "
                               "backup"));
      return NULL;
    }
  result = rv_import_stratum_parse (root, error);
  if (result != NULL)
    result->was_encrypted = TRUE;
  return result;
}
