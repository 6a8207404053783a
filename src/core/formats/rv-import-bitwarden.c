/* rv-import-bitwarden.c: Bitwarden unencrypted JSON exports (TOTP fields)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * { "encrypted": false, "folders": [...], "items": [ { "type": 1, "name",
 * "login": { "username", "totp" } } ] }. "totp" is an otpauth:// URI, a
 * steam://SECRET, or a bare base32 secret (TOTP, SHA1, 6 digits, 30 s).
 * Items without a TOTP field are password entries and are left out.
 *
 * The CSV export: folder,favorite,type,name,notes,fields,reprompt,login_uri,
 * login_username,login_password,login_totp — the same "totp" forms; the
 * folder becomes a tag and the notes are kept.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "rv-import-private.h"
#include "rv-otp-uri.h"

gboolean
rv_import_bitwarden_detect (JsonNode *root)
{
  JsonObject *object;
  JsonNode *items;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  object = json_node_get_object (root);
  items = json_object_get_member (object, "items");
  return (json_object_has_member (object, "encrypted") ||
          json_object_has_member (object, "folders")) &&
         ((items != NULL && JSON_NODE_HOLDS_ARRAY (items)) ||
          json_object_has_member (object, "passwordProtected") ||
          json_object_has_member (object, "encKeyValidation_DO_NOT_EDIT"));
}

static gboolean
is_encrypted (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "encrypted");

  if (json_object_has_member (object, "encKeyValidation_DO_NOT_EDIT"))
    return TRUE;
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

RvOtpParams *
rv_import_bitwarden_totp_params (RvImportEntry *entry,
                                 const char    *totp,
                                 const char    *name,
                                 const char    *username)
{
  g_autoptr(RvOtpParams) params = NULL;

  if (g_ascii_strncasecmp (totp, "otpauth://", 10) == 0)
    {
      g_autoptr(GError) error = NULL;

      params = rv_otp_uri_parse (totp, strlen (totp), &error);
      if (params == NULL)
        {
          rv_import_entry_reject (entry, "%s", error->message);
          return NULL;
        }
      /* Fall back on the item's name and user name for a bare label. */
      if (params->issuer == NULL || *params->issuer == '\0')
        {
          g_free (params->issuer);
          params->issuer = g_strdup (name);
        }
      if (params->account_name == NULL || *params->account_name == '\0')
        {
          g_free (params->account_name);
          params->account_name = g_strdup (username);
        }
      return g_steal_pointer (&params);
    }

  if (g_ascii_strncasecmp (totp, "steam://", 8) == 0)
    {
      params = rv_otp_params_new (RV_OTP_KIND_STEAM);
      params->digits = RV_OTP_STEAM_DIGITS;
      totp += 8;
    }
  else
    params = rv_otp_params_new (RV_OTP_KIND_TOTP);
  params->issuer = g_strdup (name);
  params->account_name = g_strdup (username);
  params->secret = rv_import_entry_base32 (entry, totp);
  if (params->secret == NULL)
    return NULL;
  return g_steal_pointer (&params);
}

static gboolean
convert_item (RvImportResult  *result,
              JsonObject      *item,
              guint            index,
              guint           *n_without_totp,
              GError         **error)
{
  g_autofree char *where = g_strdup_printf ("item %u", index);
  g_autoptr(RvOtpParams) params = NULL;
  g_auto(RvImportEntry) entry = { 0 };
  const char *name, *username = NULL, *totp = NULL;
  JsonNode *login_node = json_object_get_member (item, "login");

  if (!rv_import_json_get_string (item, "name", where, &name, error))
    return FALSE;
  if (login_node != NULL && !JSON_NODE_HOLDS_NULL (login_node))
    {
      JsonObject *login = rv_import_json_require_object (item, "login", where, error);

      if (login == NULL ||
          !rv_import_json_get_string (login, "username", where, &username, error) ||
          !rv_import_json_get_string (login, "totp", where, &totp, error))
        return FALSE;
    }
  if (totp == NULL || *totp == '\0')
    {
      (*n_without_totp)++;
      return TRUE;
    }

  rv_import_entry_init (&entry, result, index, name, username);
  params = rv_import_bitwarden_totp_params (&entry, totp, name, username);
  if (params != NULL)
    rv_import_entry_add (&entry, params, NULL, NULL);
  return TRUE;
}

RvImportResult *
rv_import_bitwarden_parse (JsonNode  *root,
                           GError   **error)
{
  g_autoptr(RvImportResult) result = rv_import_result_new (RV_IMPORT_FORMAT_BITWARDEN);
  JsonObject *object = json_node_get_object (root);
  JsonArray *items;
  guint n_without_totp = 0;

  if (is_encrypted (object))
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNSUPPORTED_CRYPTO,
                           _("Encrypted Bitwarden exports cannot be read: export the vault "
                           "from Bitwarden as unencrypted JSON"));
      return NULL;
    }
  if ((items = rv_import_json_require_array (object, "items", "export", error)) == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = rv_import_json_array_object (items, i, "item", error);

      if (item == NULL || !convert_item (result, item, i + 1, &n_without_totp, error))
        return NULL;
    }
  if (n_without_totp > 0)
    rv_import_result_warn (result, "%u Bitwarden item%s without a TOTP field left out",
                           n_without_totp, n_without_totp == 1 ? "" : "s");
  return g_steal_pointer (&result);
}

gboolean
rv_import_bitwarden_csv_detect (const guint8 *data,
                                gsize         len)
{
  return rv_import_csv_header_has (data, len, NULL, "login_totp");
}

RvImportResult *
rv_import_bitwarden_csv_parse (const guint8  *data,
                               gsize          len,
                               GError       **error)
{
  static const RvImportCsvColumns columns = {
    "folder", "name", "login_username", "notes", "login_totp"
  };
  g_autoptr(RvImportResult) result = rv_import_result_new (RV_IMPORT_FORMAT_BITWARDEN_CSV);
  g_autoptr(RvImportCsv) csv = rv_import_csv_parse (data, len, error);
  guint n_without_totp;

  if (csv == NULL)
    return NULL;
  if (rv_import_csv_column (csv, "login_totp") < 0)
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                           _("The header of this Bitwarden export has no “login_totp” column"));
      return NULL;
    }
  n_without_totp = rv_import_csv_convert (csv, result, &columns,
                                          rv_import_bitwarden_totp_params);
  if (n_without_totp > 0)
    rv_import_result_warn (result, "%u Bitwarden item%s without a TOTP field left out",
                           n_without_totp, n_without_totp == 1 ? "" : "s");
  return g_steal_pointer (&result);
}
