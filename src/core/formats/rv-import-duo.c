/* rv-import-duo.c: Duo Mobile's account list (files/duokit/accounts.json)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A JSON list of { "name", "otpGenerator": { "otpSecret" (base32),
 * "counter" }, "pkey", "akey", … }. With a counter the generator is HOTP
 * (Duo's own accounts), without one TOTP (third-party accounts, SHA1,
 * 6 digits, 30 s). Entries without "otpGenerator" only answer Duo push
 * requests: they have no code to import and are listed as rejected.
 */
#include "config.h"

#include "rv-import-private.h"

gboolean
rv_import_duo_detect (JsonNode *root)
{
  JsonNode *first;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_ARRAY (root) || json_array_get_length (json_node_get_array (root)) == 0)
    return FALSE;
  first = json_array_get_element (json_node_get_array (root), 0);
  if (!JSON_NODE_HOLDS_OBJECT (first))
    return FALSE;
  object = json_node_get_object (first);
  return json_object_has_member (object, "otpGenerator") ||
         (json_object_has_member (object, "pkey") && json_object_has_member (object, "akey"));
}

static gboolean
convert_account (RvImportResult  *result,
                 JsonObject      *object,
                 guint            index,
                 GError         **error)
{
  g_autofree char *where = g_strdup_printf ("account %u", index);
  g_autoptr(RvOtpParams) params = rv_otp_params_new (RV_OTP_KIND_TOTP);
  g_auto(RvImportEntry) entry = { 0 };
  JsonNode *generator_node = json_object_get_member (object, "otpGenerator");
  JsonObject *generator;
  const char *name, *secret;
  gint64 counter;

  if (!rv_import_json_get_string (object, "name", where, &name, error))
    return FALSE;
  rv_import_entry_init (&entry, result, index, NULL, name);
  if (generator_node == NULL || JSON_NODE_HOLDS_NULL (generator_node))
    {
      rv_import_entry_reject (&entry, "a Duo push-only account has no codes to import");
      return TRUE;
    }
  if ((generator = rv_import_json_require_object (object, "otpGenerator", where, error)) == NULL ||
      !rv_import_json_get_string (generator, "otpSecret", where, &secret, error) ||
      !rv_import_json_get_int (generator, "counter", where, -1, &counter, error))
    return FALSE;

  params->account_name = g_strdup (name);
  if (counter >= 0)
    params->kind = RV_OTP_KIND_HOTP;
  if (rv_import_entry_numbers (&entry, params, 6, 30, MAX (counter, 0)) &&
      (params->secret = rv_import_entry_base32 (&entry, secret)) != NULL)
    rv_import_entry_add (&entry, params, NULL, NULL);
  return TRUE;
}

RvImportResult *
rv_import_duo_parse (JsonNode  *root,
                     GError   **error)
{
  g_autoptr(RvImportResult) result = rv_import_result_new (RV_IMPORT_FORMAT_DUO);
  JsonArray *accounts = json_node_get_array (root);

  if (!rv_import_json_convert_each (result, accounts, "account", convert_account, error))
    return NULL;
  return g_steal_pointer (&result);
}
