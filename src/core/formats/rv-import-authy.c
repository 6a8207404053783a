/* rv-import-authy.c: Authy's Android token files (shared preferences XML)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * shared_prefs/com.authy.storage.tokens.authenticator.xml holds
 * <string name="com.authy.storage.tokens.authenticator.key">[JSON]</string>,
 * a list of { "accountType", "name", "originalName", "originalIssuer",
 * "digits", "decryptedSecret" (base32) } — or, when the user set a backup
 * password, "encryptedSecret" (base64) and "salt" instead: AES-256-CBC with
 * a zero IV under PBKDF2-HMAC-SHA1(password, salt as UTF-8, 1,000, 32 bytes),
 * the plaintext being the base32 secret. TOTP, SHA1, 30 s.
 * com.authy.storage.tokens.authy.xml (…authy.key) holds Authy's own
 * tokens: { "name", "digits", "secretSeed" (hex) }, TOTP with 10 s periods.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "rv-base32.h"
#include "rv-import-private.h"
#include "rv-pbkdf2.h"
#include "rv-util.h"

#define AUTHY_KEY_AUTHENTICATOR  "com.authy.storage.tokens.authenticator.key"
#define AUTHY_KEY_AUTHY          "com.authy.storage.tokens.authy.key"
#define AUTHY_ITERATIONS         1000
#define AUTHY_KEY_BYTES          32
#define AUTHY_PERIOD             10

static const char *
tokens_json (GPtrArray *prefs)
{
  const char *value = rv_import_prefs_get (prefs, AUTHY_KEY_AUTHENTICATOR);

  return value != NULL ? value : rv_import_prefs_get (prefs, AUTHY_KEY_AUTHY);
}

gboolean
rv_import_authy_detect (GPtrArray *prefs)
{
  return tokens_json (prefs) != NULL;
}

static gboolean
token_is_encrypted (JsonObject *token)
{
  return !json_object_has_member (token, "decryptedSecret") &&
         !json_object_has_member (token, "secretSeed") &&
         json_object_has_member (token, "encryptedSecret");
}

gboolean
rv_import_authy_is_encrypted (GPtrArray *prefs)
{
  g_autoptr(RvJsonTree) root = NULL;
  const char *json = tokens_json (prefs);
  JsonArray *tokens;

  if (json == NULL ||
      (root = rv_import_json_parse ((const guint8 *) json, strlen (json), NULL)) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (root))
    return FALSE;
  tokens = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (tokens); i++)
    {
      JsonNode *node = json_array_get_element (tokens, i);

      if (JSON_NODE_HOLDS_OBJECT (node) && token_is_encrypted (json_node_get_object (node)))
        return TRUE;
    }
  return FALSE;
}

/* Issuer and name the way Authy shows them: "Issuer: name", "Issuer - name". */
static void
split_label (JsonObject  *token,
             const char  *name,
             char       **issuer_out,
             char       **name_out)
{
  const char *original_name = NULL, *original_issuer = NULL, *account_type = NULL;
  const char *separator = NULL;
  g_autofree char *issuer = NULL;
  const char *rest;

  rv_import_json_get_string (token, "originalName", "token", &original_name, NULL);
  rv_import_json_get_string (token, "originalIssuer", "token", &original_issuer, NULL);
  rv_import_json_get_string (token, "accountType", "token", &account_type, NULL);
  if (name == NULL)
    name = "";

  if (!rv_str_is_blank (original_issuer))
    issuer = g_strdup (original_issuer);
  else if (original_name != NULL && strchr (original_name, ':') != NULL)
    {
      issuer = g_strndup (original_name, strchr (original_name, ':') - original_name);
      separator = ":";
    }
  else if (strstr (name, " - ") != NULL)
    {
      issuer = g_strndup (name, strstr (name, " - ") - name);
      separator = " - ";
    }
  else if (!rv_str_is_blank (account_type))
    {
      issuer = g_strdup (account_type);
      issuer[0] = g_ascii_toupper (issuer[0]);
    }

  rest = name;
  if (issuer != NULL && g_str_has_prefix (rest, issuer))
    {
      rest += strlen (issuer);
      if (separator != NULL && g_str_has_prefix (rest, separator))
        rest += strlen (separator);
    }
  if (g_str_has_prefix (rest, ": "))
    rest += 2;
  while (*rest == ' ')
    rest++;
  *issuer_out = g_steal_pointer (&issuer);
  *name_out = g_strdup (rest);
}

static RvSecret *
decrypt_secret (RvImportEntry   *entry,
                JsonObject      *token,
                const RvSecret  *password,
                gboolean        *wrong_password,
                GError         **error)
{
  g_autoptr(RvSecret) ciphertext = NULL;
  g_autoptr(RvSecret) key = NULL;
  g_autoptr(RvSecret) plaintext = NULL;
  g_autoptr(GError) local_error = NULL;
  static const guint8 zero_iv[16] = { 0 };
  const char *encrypted, *salt;
  RvSecret *secret;

  if (!rv_import_json_get_string (token, "encryptedSecret", "token", &encrypted, error) ||
      !rv_import_json_get_string (token, "salt", "token", &salt, error))
    return NULL;
  if (encrypted == NULL || salt == NULL)
    {
      rv_import_entry_reject (entry, "the encrypted secret or its salt is missing");
      return NULL;
    }
  ciphertext = rv_import_base64_decode (encrypted, strlen (encrypted), "the encrypted secret",
                                        &local_error);
  if (ciphertext == NULL)
    {
      rv_import_entry_reject (entry, "%s", local_error->message);
      return NULL;
    }
  key = rv_pbkdf2_hmac (G_CHECKSUM_SHA1, rv_secret_get_data (password),
                        rv_secret_get_size (password), (const guint8 *) salt, strlen (salt),
                        AUTHY_ITERATIONS, AUTHY_KEY_BYTES);
  if (!rv_import_aes_cbc_decrypt (key, zero_iv, rv_secret_get_data (ciphertext),
                                  rv_secret_get_size (ciphertext), &plaintext) ||
      (secret = rv_base32_decode ((const char *) rv_secret_get_data (plaintext),
                                  rv_secret_get_size (plaintext), NULL)) == NULL)
    {
      /* CBC has no authentication: a wrong password shows as bad padding
       * or a plaintext that is no base32 secret. */
      *wrong_password = TRUE;
      return NULL;
    }
  return secret;
}

static gboolean
convert_token (RvImportResult  *result,
               JsonObject      *token,
               guint            index,
               const RvSecret  *password,
               GError         **error)
{
  g_autofree char *where = g_strdup_printf ("token %u", index);
  g_autoptr(RvOtpParams) params = rv_otp_params_new (RV_OTP_KIND_TOTP);
  g_auto(RvImportEntry) entry = { 0 };
  g_autoptr(GError) local_error = NULL;
  const char *name, *decrypted, *seed;
  gint64 digits;
  gboolean wrong_password = FALSE;

  if (!rv_import_json_get_string (token, "name", where, &name, error) ||
      !rv_import_json_get_string (token, "decryptedSecret", where, &decrypted, error) ||
      !rv_import_json_get_string (token, "secretSeed", where, &seed, error) ||
      !rv_import_json_get_int (token, "digits", where, 6, &digits, error))
    return FALSE;

  if (seed != NULL)
    {
      /* Authy's own tokens: the name is the service. */
      rv_import_entry_init (&entry, result, index, name, NULL);
      params->issuer = g_strdup (name);
      if (!rv_import_entry_numbers (&entry, params, digits, AUTHY_PERIOD, 0))
        return TRUE;
      params->secret = rv_import_hex_decode (seed, 0, "the secret seed", &local_error);
      if (params->secret == NULL)
        {
          rv_import_entry_reject (&entry, "%s", local_error->message);
          return TRUE;
        }
      rv_import_entry_add (&entry, params, NULL, NULL);
      return TRUE;
    }

  split_label (token, name, &params->issuer, &params->account_name);
  rv_import_entry_init (&entry, result, index, params->issuer, params->account_name);
  if (!rv_import_entry_numbers (&entry, params, digits, 30, 0))
    return TRUE;
  if (decrypted != NULL)
    params->secret = rv_import_entry_base32 (&entry, decrypted);
  else if (token_is_encrypted (token))
    {
      if (!rv_import_require_password (password, "Authy", error))
        return FALSE;
      params->secret = decrypt_secret (&entry, token, password, &wrong_password, error);
      if (wrong_password)
        {
          g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_WRONG_PASSWORD,
                               _("Wrong backup password for this Authy file (or the file is "
                               "damaged)"));
          return FALSE;
        }
      if (params->secret == NULL && error != NULL && *error != NULL)
        return FALSE;
      result->was_encrypted = TRUE;
    }
  else
    rv_import_entry_reject (&entry, "the secret is missing");
  if (params->secret != NULL)
    rv_import_entry_add (&entry, params, NULL, NULL);
  return TRUE;
}

RvImportResult *
rv_import_authy_parse (GPtrArray       *prefs,
                       const RvSecret  *password,
                       GError         **error)
{
  g_autoptr(RvImportResult) result = rv_import_result_new (RV_IMPORT_FORMAT_AUTHY);
  g_autoptr(RvJsonTree) root = NULL;
  const char *json = tokens_json (prefs);
  JsonArray *tokens;

  root = rv_import_json_parse ((const guint8 *) json, strlen (json), error);
  if (root == NULL)
    {
      g_prefix_error (error, "The token list in this Authy file is damaged: ");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                           _("The token list in this Authy file is not a list"));
      return NULL;
    }
  tokens = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (tokens); i++)
    {
      JsonObject *token = rv_import_json_array_object (tokens, i, "token", error);

      if (token == NULL || !convert_token (result, token, i + 1, password, error))
        return NULL;
    }
  return g_steal_pointer (&result);
}
