/* rv-import-steam.c: Steam Desktop Authenticator .maFile and the Steam app's
 * own Steamguard file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A .maFile is one JSON object: { "shared_secret" (base64), "account_name",
 * "revocation_code", "identity_secret", "serial_number", "Session": {
 * "SteamID" } … }. Older SDA versions write SteamID as a number, newer ones
 * as text; neither is needed. The Steam app's file holds several:
 * { "accounts": { "<steamid>": { the same members } } }.
 * The revocation code ("R12345") is the account's recovery code: kept as one.
 * Encrypted .maFiles (SDA's manifest.json encryption) hold base64 ciphertext
 * instead of JSON and are not recognised.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "rv-import-private.h"
#include "rv-util.h"

static gboolean
is_mafile (JsonNode *node)
{
  JsonNode *secret;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  secret = json_object_get_member (json_node_get_object (node), "shared_secret");
  return secret != NULL && JSON_NODE_HOLDS_VALUE (secret);
}

gboolean
rv_import_steam_detect (JsonNode *root)
{
  JsonNode *accounts;

  if (is_mafile (root))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  accounts = json_object_get_member (json_node_get_object (root), "accounts");
  if (accounts == NULL || !JSON_NODE_HOLDS_OBJECT (accounts))
    return FALSE;
  {
    JsonObjectIter iter;
    JsonNode *first = NULL;

    json_object_iter_init (&iter, json_node_get_object (accounts));
    return json_object_iter_next (&iter, NULL, &first) && is_mafile (first);
  }
}

static gboolean
convert_account (RvImportResult  *result,
                 JsonObject      *object,
                 guint            index,
                 GError         **error)
{
  g_autofree char *where = g_strdup_printf ("account %u", index);
  g_autoptr(RvOtpParams) params = rv_otp_params_new (RV_OTP_KIND_STEAM);
  g_auto(RvImportEntry) entry = { 0 };
  g_autoptr(GError) local_error = NULL;
  const char *secret, *name, *revocation;

  if (!rv_import_json_get_string (object, "shared_secret", where, &secret, error) ||
      !rv_import_json_get_string (object, "account_name", where, &name, error) ||
      !rv_import_json_get_string (object, "revocation_code", where, &revocation, error))
    return FALSE;

  rv_import_entry_init (&entry, result, index, "Steam", name);
  params->issuer = g_strdup ("Steam");
  params->account_name = g_strdup (name);
  params->digits = RV_OTP_STEAM_DIGITS;
  if (rv_str_is_blank (secret))
    {
      rv_import_entry_reject (&entry, "the shared secret is missing");
      return TRUE;
    }
  params->secret = rv_import_base64_decode (secret, strlen (secret), "the shared secret",
                                            &local_error);
  if (params->secret == NULL)
    {
      rv_import_entry_reject (&entry, "%s", local_error->message);
      return TRUE;
    }
  if (!rv_import_entry_add (&entry, params, NULL, NULL))
    return TRUE;
  if (!rv_str_is_blank (revocation))
    {
      RvAccount *account = g_ptr_array_index (result->accounts, result->accounts->len - 1);
      g_autoptr(RvSecret) code = rv_secret_new_from_string (revocation);

      if (!rv_account_add_recovery_code (account, code, rv_now (), 0, &local_error))
        rv_import_result_warn (result, "%s: the revocation code was not kept: %s", entry.label,
                               local_error->message);
    }
  return TRUE;
}

RvImportResult *
rv_import_steam_parse (JsonNode  *root,
                       GError   **error)
{
  g_autoptr(RvImportResult) result = rv_import_result_new (RV_IMPORT_FORMAT_STEAM);
  g_autoptr(GList) members = NULL;
  JsonObject *accounts;
  guint index = 0;

  if (is_mafile (root))
    return convert_account (result, json_node_get_object (root), 1, error)
           ? g_steal_pointer (&result) : NULL;

  accounts = json_object_get_object_member (json_node_get_object (root), "accounts");
  /* In file order (the iterator's is the hash table's). */
  members = json_object_get_members (accounts);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *member = json_object_get_member (accounts, l->data);

      index++;
      if (!JSON_NODE_HOLDS_OBJECT (member))
        {
          g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                       _("account %u should be an object"), index);
          return NULL;
        }
      if (!convert_account (result, json_node_get_object (member), index, error))
        return NULL;
    }
  return g_steal_pointer (&result);
}
