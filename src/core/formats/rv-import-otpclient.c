/* rv-import-otpclient.c: OTPClient's encrypted database (the GNOME app)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * From OTPClient's src/common/db-common.[ch]. The file is a header, the
 * AES-256-GCM ciphertext (16-byte IV, the whole header as associated data)
 * and the 16-byte tag:
 *   version 3: "OTPClient", version (big-endian 32 bits), IV (16), salt (32),
 *              Argon2id passes, memory (KiB), lanes (big-endian 32 bits each);
 *   version 2: the same fields as a C struct: "OTPClient", 3 bytes of
 *              padding, then little-endian 32-bit version 2 and costs;
 *   version 1: IV (16) and salt (32) alone, key PBKDF2-HMAC-SHA512 with
 *              100,000 rounds; no header to recognise, read when OTPClient is
 *              chosen.
 * The key is Argon2id (32 bytes) of the password. Older OTPClients passed
 * the password's length in characters, not bytes (always for version 1): a
 * non-ASCII password is tried both ways, as OTPClient does.
 * Inside: a JSON list of tokens { "type": "TOTP"|"HOTP", "label", "issuer",
 * "secret" (base32), "digits", "algo", "period" or "counter", "group" };
 * the issuer "Steam" makes a Steam token (OTPClient's rule).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "rv-import-private.h"
#include "rv-pbkdf2.h"

#define OTPCLIENT_MAGIC      "OTPClient"
#define OTPCLIENT_MAGIC_LEN  9
#define OTPCLIENT_IV_LEN     16
#define OTPCLIENT_SALT_LEN   32
#define OTPCLIENT_TAG_LEN    16
#define OTPCLIENT_KEY_LEN    32
#define OTPCLIENT_V1_HEADER  (OTPCLIENT_IV_LEN + OTPCLIENT_SALT_LEN)
#define OTPCLIENT_V2_HEADER  (OTPCLIENT_MAGIC_LEN + 3 + 4 + OTPCLIENT_V1_HEADER + 12)
#define OTPCLIENT_V3_HEADER  (OTPCLIENT_MAGIC_LEN + 4 + OTPCLIENT_V1_HEADER + 12)
#define OTPCLIENT_V1_ROUNDS  100000

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint32
read_le32 (const guint8 *p)
{
  return ((guint32) p[3] << 24) | ((guint32) p[2] << 16) | ((guint32) p[1] << 8) | p[0];
}

gboolean
rv_import_otpclient_detect (const guint8 *data,
                            gsize         len)
{
  /* The name, then a version number small enough for its first three
   * bytes to be zero (so that a text starting with "OTPClient" is none). */
  return len >= OTPCLIENT_MAGIC_LEN + 4 &&
         memcmp (data, OTPCLIENT_MAGIC, OTPCLIENT_MAGIC_LEN) == 0 &&
         read_be32 (data + OTPCLIENT_MAGIC_LEN) <= 0xff;
}

typedef struct
{
  guint32       version;
  gsize         header_len;
  const guint8 *iv;
  const guint8 *salt;
  guint32       passes, memory_kib, lanes;
} OtpclientHeader;

static gboolean
read_header (const guint8     *data,
             gsize             len,
             OtpclientHeader  *header,
             GError          **error)
{
  const guint8 *fields;

  if (!rv_import_otpclient_detect (data, len))
    {
      header->version = 1;
      header->header_len = OTPCLIENT_V1_HEADER;
      header->iv = data;
      header->salt = data + OTPCLIENT_IV_LEN;
    }
  else
    {
      /* Version 2's padding and little-endian 2 read as big-endian 2. */
      header->version = MAX (read_be32 (data + OTPCLIENT_MAGIC_LEN), 2);
      if (header->version > 3)
        {
          g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNSUPPORTED_VERSION,
                       _("OTPClient database version %u cannot be read (versions 1 to 3 can)"),
                       header->version);
          return FALSE;
        }
      header->header_len = header->version == 3 ? OTPCLIENT_V3_HEADER : OTPCLIENT_V2_HEADER;
    }
  if (len < header->header_len + OTPCLIENT_TAG_LEN)
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                           _("This OTPClient database is cut short (its header is incomplete)"));
      return FALSE;
    }
  if (header->version == 1)
    return TRUE;
  header->iv = data + header->header_len - 12 - OTPCLIENT_V1_HEADER;
  header->salt = header->iv + OTPCLIENT_IV_LEN;
  fields = header->salt + OTPCLIENT_SALT_LEN;
  if (header->version == 3)
    {
      header->passes = read_be32 (fields);
      header->memory_kib = read_be32 (fields + 4);
      header->lanes = read_be32 (fields + 8);
    }
  else
    {
      header->passes = read_le32 (fields);
      header->memory_kib = read_le32 (fields + 4);
      header->lanes = read_le32 (fields + 8);
    }
  return TRUE;
}

/* The key of @header from the first @password_len bytes of @password. */
static RvSecret *
derive_key (const OtpclientHeader  *header,
            const RvSecret         *password,
            gsize                   password_len,
            GError                **error)
{
  g_autoptr(RvSecret) used = rv_secret_new_from_data (rv_secret_get_data (password),
                                                      password_len);
  g_autoptr(RvSecret) key = NULL;

  if (header->version == 1)
    return rv_pbkdf2_hmac (G_CHECKSUM_SHA512, rv_secret_get_data (used), password_len,
                           header->salt, OTPCLIENT_SALT_LEN, OTPCLIENT_V1_ROUNDS,
                           OTPCLIENT_KEY_LEN);
  key = rv_secret_new (OTPCLIENT_KEY_LEN);
  if (!rv_import_argon2id (used, header->salt, OTPCLIENT_SALT_LEN, header->passes,
                           header->memory_kib, header->lanes, key, error))
    return NULL;
  return g_steal_pointer (&key);
}

static gboolean
convert_token (RvImportResult  *result,
               JsonObject      *object,
               guint            number,
               GError         **error)
{
  g_autofree char *where = g_strdup_printf ("token %u", number);
  g_autoptr(RvOtpParams) params = rv_otp_params_new (RV_OTP_KIND_TOTP);
  g_auto(RvImportEntry) entry = { 0 };
  const char *type, *label, *issuer, *secret, *algo, *group;
  gint64 digits, period, counter;
  const char *tags[] = { NULL, NULL };

  if (!rv_import_json_get_string (object, "type", where, &type, error) ||
      !rv_import_json_get_string (object, "label", where, &label, error) ||
      !rv_import_json_get_string (object, "issuer", where, &issuer, error) ||
      !rv_import_json_get_string (object, "secret", where, &secret, error) ||
      !rv_import_json_get_string (object, "algo", where, &algo, error) ||
      !rv_import_json_get_string (object, "group", where, &group, error) ||
      !rv_import_json_get_int (object, "digits", where, 6, &digits, error) ||
      !rv_import_json_get_int (object, "period", where, 30, &period, error) ||
      !rv_import_json_get_int (object, "counter", where, 0, &counter, error))
    return FALSE;

  rv_import_entry_init (&entry, result, number, issuer, label);
  params->issuer = g_strdup (issuer);
  params->account_name = g_strdup (label);
  tags[0] = group != NULL && *group != '\0' ? group : NULL;
  if (!rv_import_entry_kind (&entry, type != NULL ? type : "", &params->kind))
    return TRUE;
  if (params->kind == RV_OTP_KIND_STEAM)
    {
      rv_import_entry_reject (&entry, "unknown type “%s”", type);
      return TRUE;
    }
  if (params->kind == RV_OTP_KIND_TOTP && issuer != NULL && g_ascii_strcasecmp (issuer, "Steam") == 0)
    params->kind = RV_OTP_KIND_STEAM;
  if (rv_import_entry_algorithm (&entry, algo, &params->algorithm) &&
      rv_import_entry_numbers (&entry, params, digits, period, counter) &&
      (params->secret = rv_import_entry_base32 (&entry, secret)) != NULL)
    rv_import_entry_add (&entry, params, NULL, tags);
  return TRUE;
}

RvImportResult *
rv_import_otpclient_parse_tokens (const RvSecret  *plaintext,
                                  GError         **error)
{
  g_autoptr(RvImportResult) result = rv_import_result_new (RV_IMPORT_FORMAT_OTPCLIENT);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(RvJsonTree) root = rv_import_json_parse (rv_secret_get_data (plaintext),
                                                     rv_secret_get_size (plaintext),
                                                     &local_error);

  if (root == NULL)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_DAMAGED,
                   _("This OTPClient database opened, but its content is damaged: %s"),
                   local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                           _("This OTPClient database opened, but it holds no list of tokens"));
      return NULL;
    }
  if (!rv_import_json_convert_each (result, json_node_get_array (root), "token", convert_token,
                                    error))
    return NULL;
  result->was_encrypted = TRUE;
  return g_steal_pointer (&result);
}

RvImportResult *
rv_import_otpclient_parse (const guint8    *data,
                           gsize            len,
                           const RvSecret  *password,
                           GError         **error)
{
  OtpclientHeader header = { 0 };
  gsize byte_len, char_len;

  if (!read_header (data, len, &header, error) ||
      !rv_import_require_password (password, "OTPClient", error))
    return NULL;

  /* Version 1 always used the length in characters, later ones in bytes
   * (and in characters before OTPClient 4.1: tried second). */
  byte_len = rv_secret_get_size (password);
  char_len = g_utf8_validate_len ((const char *) rv_secret_get_data (password), byte_len, NULL)
             ? (gsize) g_utf8_strlen ((const char *) rv_secret_get_data (password), byte_len)
             : byte_len;
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      gsize password_len = header.version == 1 || attempt == 1 ? char_len : byte_len;
      g_autoptr(RvSecret) key = derive_key (&header, password, password_len, error);
      g_autoptr(RvSecret) plaintext = NULL;

      if (key == NULL)
        return NULL;
      if (rv_import_aes_gcm_open (key, header.iv, OTPCLIENT_IV_LEN, data, header.header_len,
                                  data + header.header_len,
                                  len - header.header_len - OTPCLIENT_TAG_LEN,
                                  data + len - OTPCLIENT_TAG_LEN, &plaintext))
        return rv_import_otpclient_parse_tokens (plaintext, error);
      if (header.version == 1 || char_len == byte_len)
        break;
    }
  /* Authenticated encryption cannot tell a wrong key from damage. */
  g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_WRONG_PASSWORD,
                       _("Wrong password for this OTPClient database (or the file is damaged)"));
  return NULL;
}
