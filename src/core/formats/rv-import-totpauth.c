/* rv-import-totpauth.c: TOTP Authenticator (com.authenticator.authservice2)
 * internal preferences file, TOTP_Authenticator_Preferences.xml
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * <string name="STATIC_TOTP_CODES_LIST">[JSON]</string>: a list of
 * { "name", "issuer", "key", "base": 16 | 32 | 64 } (the secret's encoding).
 * The app makes TOTP codes only: SHA1, 6 digits, 30 s.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "rv-import-private.h"

#define TOTPAUTH_KEY "STATIC_TOTP_CODES_LIST"

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
  gint64 base;

  if (!rv_import_json_get_string (object, "name", where, &name, error) ||
      !rv_import_json_get_string (object, "issuer", where, &issuer, error) ||
      !rv_import_json_get_string (object, "key", where, &key, error) ||
      !rv_import_json_get_int (object, "base", where, 32, &base, error))
    return FALSE;

  rv_import_entry_init (&entry, result, index, issuer, name);
  params->issuer = g_strdup (issuer);
  params->account_name = g_strdup (name);
  if (key == NULL)
    {
      rv_import_entry_reject (&entry, "the secret is empty");
      return TRUE;
    }
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

RvImportResult *
rv_import_totpauth_parse (GPtrArray  *prefs,
                          GError    **error)
{
  g_autoptr(RvImportResult) result = rv_import_result_new (RV_IMPORT_FORMAT_TOTP_AUTHENTICATOR);
  const char *json = rv_import_prefs_get (prefs, TOTPAUTH_KEY);
  g_autoptr(RvJsonTree) root = rv_import_json_parse ((const guint8 *) json, strlen (json), error);
  JsonArray *codes;

  if (root == NULL)
    {
      g_prefix_error (error, "The code list in this TOTP Authenticator file is damaged: ");
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
  return g_steal_pointer (&result);
}
