/* rv-import-totpauth.c: TOTP Authenticator (com.authenticator.authservice2)
 * internal preferences file, TOTP_Authenticator_Preferences.xml
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * <string name="STATIC_TOTP_CODES_LIST">[JSON]</string>: a list of
 * { "name", "issuer", "key", "base": 16 | 32 | 64 } (the secret's encoding),
 * newer versions adding "digits" and "period" (as text). The app makes TOTP
 * codes only, SHA1; 6 digits and 30 s when not said.
 *
 * Its encrypted backup (a .bin file; read as Aegis's TotpAuthenticatorImporter
 * does): base64 text of AES-256-CBC with PKCS#7 padding, a zero IV and the
 * key SHA-256 (password as UTF-8); the password is "TotpAuthenticator" when
 * the user set none (tried after the one given, or alone). Inside: a JSON
 * object whose first member's *name* is the code list as JSON text (its value
 * is the backup's time). CBC is unauthenticated: a wrong password shows as
 * bad padding or a plaintext that is no such object.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include <sodium.h>

#include "rv-import-private.h"

#define TOTPAUTH_KEY              "STATIC_TOTP_CODES_LIST"
#define TOTPAUTH_DEFAULT_PASSWORD "TotpAuthenticator"
#define AES_BLOCK                 16

gboolean
rv_import_totpauth_detect (GPtrArray *prefs)
{
  return rv_import_prefs_get (prefs, TOTPAUTH_KEY) != NULL;
}

static gboolean
convert_code (RvImportResult  *result,
              JsonObject      *object,
              guint            index,
              GError         **error)
{
  g_autofree char *where = g_strdup_printf ("code %u", index);
  g_autoptr(RvOtpParams) params = rv_otp_params_new (RV_OTP_KIND_TOTP);
  g_auto(RvImportEntry) entry = { 0 };
  g_autoptr(GError) local_error = NULL;
  const char *name, *issuer, *key;
  gint64 base, digits, period;

  if (!rv_import_json_get_string (object, "name", where, &name, error) ||
      !rv_import_json_get_string (object, "issuer", where, &issuer, error) ||
      !rv_import_json_get_string (object, "key", where, &key, error) ||
      !rv_import_json_get_int (object, "base", where, 32, &base, error) ||
      !rv_import_json_get_int (object, "digits", where, 6, &digits, error) ||
      !rv_import_json_get_int (object, "period", where, 30, &period, error))
    return FALSE;

  rv_import_entry_init (&entry, result, index, issuer, name);
  params->issuer = g_strdup (issuer);
  params->account_name = g_strdup (name);
  if (key == NULL)
    {
      rv_import_entry_reject (&entry, "the secret is empty");
      return TRUE;
    }
  if (!rv_import_entry_numbers (&entry, params, digits, period, 0))
    return TRUE;
  switch (base)
    {
    case 16:
      params->secret = rv_import_hex_decode (key, 0, "the secret", &local_error);
      break;
    case 32:
      params->secret = rv_import_entry_base32 (&entry, key);
      if (params->secret == NULL)
        return TRUE;
      break;
    case 64:
      params->secret = rv_import_base64_decode (key, strlen (key), "the secret", &local_error);
      break;
    default:
      rv_import_entry_reject (&entry, "unknown secret encoding (base %" G_GINT64_FORMAT ")",
                              base);
      return TRUE;
    }
  if (params->secret == NULL)
    rv_import_entry_reject (&entry, "%s", local_error->message);
  else
    rv_import_entry_add (&entry, params, NULL, NULL);
  return TRUE;
}

/* The code list, as JSON text. */
static RvImportResult *
parse_list (const char  *json,
            gboolean     encrypted,
            GError     **error)
{
  g_autoptr(RvImportResult) result = rv_import_result_new (RV_IMPORT_FORMAT_TOTP_AUTHENTICATOR);
  g_autoptr(RvJsonTree) root = rv_import_json_parse ((const guint8 *) json, strlen (json), error);
  JsonArray *codes;

  if (root == NULL)
    {
      g_prefix_error (error, _("The code list in this TOTP Authenticator file is damaged: "));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                           _("The code list in this TOTP Authenticator file is not a list"));
      return NULL;
    }
  codes = json_node_get_array (root);
  if (!rv_import_json_convert_each (result, codes, "code", convert_code, error))
    return NULL;
  result->was_encrypted = encrypted;
  return g_steal_pointer (&result);
}

RvImportResult *
rv_import_totpauth_parse (GPtrArray  *prefs,
                          GError    **error)
{
  return parse_list (rv_import_prefs_get (prefs, TOTPAUTH_KEY), FALSE, error);
}

/* Base64 text alone (a line, possibly wrapped): the decoded length. */
static gboolean
is_base64_text (const guint8 *data,
                gsize         len,
                gsize        *decoded_len)
{
  gsize n = 0, padding = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (data[i] == '\n' || data[i] == '\r')
        continue;
      if (data[i] == '=' && padding < 2)
        padding++;
      else if (padding > 0 || !(g_ascii_isalnum (data[i]) || data[i] == '+' || data[i] == '/'))
        return FALSE;
      n++;
    }
  if (n == 0 || n % 4 != 0)
    return FALSE;
  *decoded_len = n / 4 * 3 - padding;
  return TRUE;
}

/* Whole AES blocks. */
gboolean
rv_import_totpauth_detect_binary (const guint8 *data,
                                  gsize         len)
{
  gsize n = 0;

  return is_base64_text (data, len, &n) && n >= AES_BLOCK && n % AES_BLOCK == 0;
}

/* The plaintext under @password, or NULL if it does not open. */
static RvSecret *
try_password (const RvSecret *ciphertext,
              const guint8   *password,
              gsize           password_len)
{
  g_autoptr(RvSecret) key = rv_secret_new (crypto_hash_sha256_BYTES);
  static const guint8 iv[AES_BLOCK] = { 0 };
  RvSecret *plaintext = NULL;

  crypto_hash_sha256 (rv_secret_get_mutable_data (key), password, password_len);
  if (!rv_import_aes_cbc_decrypt (key, iv, rv_secret_get_data (ciphertext),
                                  rv_secret_get_size (ciphertext), &plaintext))
    return NULL;
  return plaintext;
}

/* The list of a decrypted backup (NULL without error: not one, a wrong
 * password). */
static RvImportResult *
parse_plaintext (const RvSecret  *plaintext,
                 GError         **error)
{
  g_autoptr(RvJsonTree) root = rv_import_json_parse (rv_secret_get_data (plaintext),
                                                     rv_secret_get_size (plaintext), NULL);
  g_autoptr(GList) members = NULL;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  members = json_object_get_members (json_node_get_object (root));
  if (members == NULL)
    return rv_import_result_new (RV_IMPORT_FORMAT_TOTP_AUTHENTICATOR);
  return parse_list (members->data, TRUE, error);
}

RvImportResult *
rv_import_totpauth_parse_encrypted (const guint8    *data,
                                    gsize            len,
                                    const RvSecret  *password,
                                    GError         **error)
{
  g_autoptr(RvSecret) ciphertext = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize n = 0;

  if (!is_base64_text (data, len, &n))
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNKNOWN_FORMAT,
                           _("This is not a TOTP Authenticator backup (no base64 text)"));
      return NULL;
    }
  if (n < AES_BLOCK || n % AES_BLOCK != 0)
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                           _("This TOTP Authenticator backup is cut short (it ends inside an "
                             "AES block)"));
      return NULL;
    }
  ciphertext = rv_import_base64_decode ((const char *) data, len,
                                        _("This TOTP Authenticator backup"), error);
  if (ciphertext == NULL)
    return NULL;
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr(RvSecret) plaintext = NULL;
      RvImportResult *result;

      if (attempt == 0 && password == NULL)
        continue;
      plaintext = attempt == 0
                    ? try_password (ciphertext, rv_secret_get_data (password),
                                    rv_secret_get_size (password))
                    : try_password (ciphertext, (const guint8 *) TOTPAUTH_DEFAULT_PASSWORD,
                                    strlen (TOTPAUTH_DEFAULT_PASSWORD));
      if (plaintext == NULL)
        continue;
      result = parse_plaintext (plaintext, &local_error);
      if (result != NULL || local_error != NULL)
        {
          if (local_error != NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          return result;
        }
    }
  if (!rv_import_require_password (password, "TOTP Authenticator", error))
    return NULL;
  g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_WRONG_PASSWORD,
                       _("Wrong password for this TOTP Authenticator backup (or the file is "
                         "damaged, or it is other base64 text)"));
  return NULL;
}

gboolean
rv_import_totpauth_is_encrypted (const guint8 *data,
                                 gsize         len)
{
  g_autoptr(RvImportResult) result = NULL;

  /* One the app's own password opens needs none from the user. */
  if (!rv_import_totpauth_detect_binary (data, len))
    return FALSE;
  result = rv_import_totpauth_parse_encrypted (data, len, NULL, NULL);
  return result == NULL;
}
