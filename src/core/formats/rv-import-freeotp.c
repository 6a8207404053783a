/* rv-import-freeotp.c: FreeOTP+ JSON exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * { "tokenOrder": [ "issuer:label", … ], "tokens": [ { "algo", "counter",
 * "digits", "issuerExt", "issuerInt", "label", "period", "type",
 * "secret": [ signed bytes ] } ] }
 * (FreeOTP+'s other export, a list of otpauth URIs, is the uri-list format.)
 *
 * FreeOTP (1.x) and FreeOTP+ keep the same tokens in shared_prefs/tokens.xml:
 * <string name="tokenOrder">["issuer:label", …]</string> and one
 * <string name="issuer:label">{ token }</string> per token.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rv-import-private.h"

gboolean
rv_import_freeotp_detect (JsonNode *root)
{
  JsonNode *tokens;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  tokens = json_object_get_member (json_node_get_object (root), "tokens");
  return tokens != NULL && JSON_NODE_HOLDS_ARRAY (tokens);
}

RvSecret *
rv_import_java_bytes (JsonArray   *bytes,
                      const char  *what,
                      GError     **error)
{
  g_autoptr(RvSecret) secret = rv_secret_new (MAX (json_array_get_length (bytes), 1));
  guint8 *out = rv_secret_get_mutable_data (secret);

  for (guint i = 0; i < json_array_get_length (bytes); i++)
    {
      JsonNode *node = json_array_get_element (bytes, i);
      gint64 value;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
          (value = json_node_get_int (node)) < -128 || value > 255)
        {
          g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                       _("byte %u of %s is not a number from -128 to 255"), i + 1, what);
          return NULL;
        }
      out[i] = (guint8) (value & 0xff);
    }
  return rv_secret_truncate (g_steal_pointer (&secret), json_array_get_length (bytes));
}

static RvSecret *
read_secret (RvImportEntry *entry,
             JsonArray     *bytes)
{
  g_autoptr(GError) error = NULL;
  RvSecret *secret;

  if (json_array_get_length (bytes) == 0)
    {
      rv_import_entry_reject (entry, "the secret is empty");
      return NULL;
    }
  secret = rv_import_java_bytes (bytes, "the secret", &error);
  if (secret == NULL)
    rv_import_entry_reject (entry, "%s", error->message);
  return secret;
}

gboolean
rv_import_freeotp_convert (RvImportResult  *result,
                           JsonObject      *token,
                           guint            index,
                           const RvSecret  *decrypted,
                           GError         **error)
{
  g_autofree char *where = g_strdup_printf ("token %u", index);
  g_autoptr(RvOtpParams) params = rv_otp_params_new (RV_OTP_KIND_TOTP);
  g_auto(RvImportEntry) entry = { 0 };
  const char *algo, *issuer, *issuer_int, *label, *type;
  gint64 digits, period, counter;
  JsonArray *secret = NULL;

  if (!rv_import_json_get_string (token, "algo", where, &algo, error) ||
      !rv_import_json_get_string (token, "issuerExt", where, &issuer, error) ||
      !rv_import_json_get_string (token, "issuerInt", where, &issuer_int, error) ||
      !rv_import_json_get_string (token, "label", where, &label, error) ||
      !rv_import_json_get_string (token, "type", where, &type, error) ||
      !rv_import_json_get_int (token, "digits", where, 6, &digits, error) ||
      !rv_import_json_get_int (token, "period", where, 30, &period, error) ||
      !rv_import_json_get_int (token, "counter", where, 0, &counter, error) ||
      (decrypted == NULL &&
       (secret = rv_import_json_require_array (token, "secret", where, error)) == NULL))
    return FALSE;
  if (issuer == NULL || *issuer == '\0')
    issuer = issuer_int;

  rv_import_entry_init (&entry, result, index, issuer, label);
  params->issuer = g_strdup (issuer);
  params->account_name = g_strdup (label);
  if (!rv_import_entry_kind (&entry, type, &params->kind))
    return TRUE;
  /* FreeOTP 2 shows Steam codes for the issuer "Steam" (its Code.Factory). */
  if (decrypted != NULL && params->kind == RV_OTP_KIND_TOTP && g_strcmp0 (issuer, "Steam") == 0)
    params->kind = RV_OTP_KIND_STEAM;
  if (rv_import_entry_algorithm (&entry, algo, &params->algorithm) &&
      rv_import_entry_numbers (&entry, params, digits, period, counter) &&
      (params->secret = decrypted != NULL ? rv_secret_copy (decrypted)
                                          : read_secret (&entry, secret)) != NULL)
    rv_import_entry_add (&entry, params, NULL, NULL);
  return TRUE;
}

static gboolean
convert_token (RvImportResult  *result,
               JsonObject      *token,
               guint            index,
               GError         **error)
{
  return rv_import_freeotp_convert (result, token, index, NULL, error);
}

RvImportResult *
rv_import_freeotp_parse (JsonNode  *root,
                         GError   **error)
{
  g_autoptr(RvImportResult) result = rv_import_result_new (RV_IMPORT_FORMAT_FREEOTP_PLUS);
  JsonArray *tokens = json_object_get_array_member (json_node_get_object (root), "tokens");

  if (!rv_import_json_convert_each (result, tokens, "token", convert_token, error))
    return NULL;
  return g_steal_pointer (&result);
}

gboolean
rv_import_freeotp_detect_prefs (GPtrArray *prefs)
{
  return rv_import_prefs_get (prefs, "tokenOrder") != NULL;
}

RvImportResult *
rv_import_freeotp_parse_prefs (GPtrArray  *prefs,
                               GError    **error)
{
  g_autoptr(RvImportResult) result = rv_import_result_new (RV_IMPORT_FORMAT_FREEOTP);
  guint index = 0;

  /* File order: the tokens' own order is in "tokenOrder", but a token left
   * out of it is still one to import. */
  for (guint i = 0; i < prefs->len; i++)
    {
      RvImportPref *pref = g_ptr_array_index (prefs, i);
      g_autoptr(RvJsonTree) root = NULL;

      if (g_str_equal (pref->name, "tokenOrder"))
        continue;
      index++;
      root = rv_import_json_parse ((const guint8 *) pref->value, strlen (pref->value), error);
      if (root == NULL)
        {
          g_prefix_error (error, "token %u: ", index);
          return NULL;
        }
      if (!JSON_NODE_HOLDS_OBJECT (root))
        {
          g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                       _("token %u should be an object"), index);
          return NULL;
        }
      if (!convert_token (result, json_node_get_object (root), index, error))
        return NULL;
    }
  return g_steal_pointer (&result);
}
