/* rv-import-raivo.c: Raivo OTP's JSON export (raivo-otp-export.json)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A JSON list of { "issuer", "account", "secret" (base32), "algorithm",
 * "digits", "kind": "TOTP" | "HOTP", "timer", "counter", "pinned",
 * "iconType", "iconValue" }; Raivo writes the numbers as text.
 *
 * Raivo's export is a password-protected ZIP archive (SSZipArchive:
 * WinZip AES in current versions, traditional PKWARE encryption in old
 * ones) holding raivo-otp-export.json and an HTML copy, read by
 * rv-import-zip.c.
 */
#include "config.h"

#include <glib/gi18n-lib.h>


#include "rv-import-private.h"

gboolean
rv_import_raivo_detect (JsonNode *root)
{
  JsonNode *first;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_ARRAY (root) || json_array_get_length (json_node_get_array (root)) == 0)
    return FALSE;
  first = json_array_get_element (json_node_get_array (root), 0);
  if (!JSON_NODE_HOLDS_OBJECT (first))
    return FALSE;
  object = json_node_get_object (first);
  return json_object_has_member (object, "kind") && json_object_has_member (object, "timer") &&
         json_object_has_member (object, "secret");
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
  const char *issuer, *account, *secret, *algorithm, *kind;
  gint64 digits, timer, counter;

  if (!rv_import_json_get_string (object, "issuer", where, &issuer, error) ||
      !rv_import_json_get_string (object, "account", where, &account, error) ||
      !rv_import_json_get_string (object, "secret", where, &secret, error) ||
      !rv_import_json_get_string (object, "algorithm", where, &algorithm, error) ||
      !rv_import_json_get_string (object, "kind", where, &kind, error) ||
      !rv_import_json_get_int (object, "digits", where, 6, &digits, error) ||
      !rv_import_json_get_int (object, "timer", where, 30, &timer, error) ||
      !rv_import_json_get_int (object, "counter", where, 0, &counter, error))
    return FALSE;

  rv_import_entry_init (&entry, result, index, issuer, account);
  params->issuer = g_strdup (issuer);
  params->account_name = g_strdup (account);
  if (rv_import_entry_kind (&entry, kind, &params->kind) &&
      rv_import_entry_algorithm (&entry, algorithm, &params->algorithm) &&
      rv_import_entry_numbers (&entry, params, digits, timer, counter) &&
      (params->secret = rv_import_entry_base32 (&entry, secret)) != NULL)
    rv_import_entry_add (&entry, params, NULL, NULL);
  return TRUE;
}

RvImportResult *
rv_import_raivo_parse (JsonNode  *root,
                       GError   **error)
{
  g_autoptr(RvImportResult) result = rv_import_result_new (RV_IMPORT_FORMAT_RAIVO);
  JsonArray *entries = json_node_get_array (root);

  if (!rv_import_json_convert_each (result, entries, "entry", convert_entry, error))
    return NULL;
  return g_steal_pointer (&result);
}

/* The password-protected ZIP archive (read by rv-import-zip.c) */

RvImportResult *
rv_import_raivo_parse_zip (const guint8    *data,
                           gsize            len,
                           const RvSecret  *password,
                           GError         **error)
{
  g_autoptr(RvJsonTree) root = NULL;
  g_autoptr(RvSecret) json = NULL;
  gboolean encrypted = FALSE;
  RvImportResult *result;

  if ((json = rv_import_zip_extract (data, len, password, RV_IMPORT_RAIVO_ZIP_FILE,
                                     "Raivo OTP", &encrypted, error)) == NULL)
    return NULL;
  if ((root = rv_import_json_parse (rv_secret_get_data (json), rv_secret_get_size (json),
                                    error)) == NULL)
    return NULL;
  if (!rv_import_raivo_detect (root))
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                   _("%s in this ZIP archive is not a Raivo OTP export"),
                   RV_IMPORT_RAIVO_ZIP_FILE);
      return NULL;
    }
  if ((result = rv_import_raivo_parse (root, error)) != NULL)
    result->was_encrypted = encrypted;
  return result;
}
