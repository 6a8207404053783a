/* rv-import-stratum.c: Stratum (formerly Authenticator Pro) plain JSON backups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * { "Authenticators": [ { "Type", "Issuer", "Username", "Secret" (base32),
 * "Pin", "Algorithm", "Digits", "Period", "Counter", … } ], "Categories":
 * [ { "Id", "Name" } ], "AuthenticatorCategories": [ { "CategoryId",
 * "AuthenticatorSecret" } ], "CustomIcons": [ … ] }.
 * Type: 1 HOTP, 2 TOTP, 3 mOTP, 4 Steam, 5 Yandex. Algorithm: 0 SHA1,
 * 1 SHA256, 2 SHA512. Categories become tags.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rv-import-private.h"

gboolean
rv_import_stratum_detect (JsonNode *root)
{
  JsonNode *list;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  list = json_object_get_member (json_node_get_object (root), "Authenticators");
  return list != NULL && JSON_NODE_HOLDS_ARRAY (list);
}

static const char *
type_name (gint64 type)
{
  switch (type)
    {
    case 1: return "hotp";
    case 2: return "totp";
    case 3: return "motp";
    case 4: return "steam";
    case 5: return "yandex";
    default: return NULL;
    }
}

/* Secret (text in the tree) → GPtrArray of category names. */
static GHashTable *
read_categories (JsonObject  *object,
                 GError     **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) tags = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                      (GDestroyNotify) g_ptr_array_unref);
  JsonNode *categories = json_object_get_member (object, "Categories");
  JsonNode *links = json_object_get_member (object, "AuthenticatorCategories");

  if (categories == NULL || links == NULL || JSON_NODE_HOLDS_NULL (categories) ||
      JSON_NODE_HOLDS_NULL (links))
    return g_steal_pointer (&tags);
  if (!JSON_NODE_HOLDS_ARRAY (categories) || !JSON_NODE_HOLDS_ARRAY (links))
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                           _("backup: “Categories” and “AuthenticatorCategories” should be "
                           "lists"));
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (categories)); i++)
    {
      JsonObject *category = rv_import_json_array_object (json_node_get_array (categories), i,
                                                          "category", error);
      const char *id, *name;

      if (category == NULL ||
          !rv_import_json_get_string (category, "Id", "category", &id, error) ||
          !rv_import_json_get_string (category, "Name", "category", &name, error))
        return NULL;
      if (id != NULL && name != NULL)
        g_hash_table_insert (names, (gpointer) id, (gpointer) name);
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (links)); i++)
    {
      JsonObject *link = rv_import_json_array_object (json_node_get_array (links), i,
                                                      "category link", error);
      const char *id, *secret, *name;
      GPtrArray *list;

      if (link == NULL ||
          !rv_import_json_get_string (link, "CategoryId", "category link", &id, error) ||
          !rv_import_json_get_string (link, "AuthenticatorSecret", "category link", &secret,
                                      error))
        return NULL;
      if (id == NULL || secret == NULL || (name = g_hash_table_lookup (names, id)) == NULL)
        continue;
      if ((list = g_hash_table_lookup (tags, secret)) == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (tags, (gpointer) secret, list);
        }
      g_ptr_array_add (list, (gpointer) name);
    }
  return g_steal_pointer (&tags);
}

gboolean
rv_import_stratum_add (RvImportEntry      *entry,
                       RvOtpParams        *params,
                       gint64              type_id,
                       gint64              algorithm,
                       gint64              digits,
                       gint64              period,
                       gint64              counter,
                       const char         *secret,
                       const char * const *tags)
{
  const char *type = type_name (type_id);

  if (type == NULL)
    return rv_import_entry_reject (entry, "unknown type %" G_GINT64_FORMAT, type_id);
  if (algorithm < 0 || algorithm > 2)
    return rv_import_entry_reject (entry, "unknown algorithm %" G_GINT64_FORMAT, algorithm);
  params->algorithm = algorithm == 0 ? RV_OTP_ALGORITHM_SHA1 :
                      algorithm == 1 ? RV_OTP_ALGORITHM_SHA256 : RV_OTP_ALGORITHM_SHA512;
  return rv_import_entry_kind (entry, type, &params->kind) &&
         rv_import_entry_numbers (entry, params, digits, period, counter) &&
         (params->secret = rv_import_entry_base32 (entry, secret)) != NULL &&
         rv_import_entry_add (entry, params, NULL, tags);
}

static gboolean
convert_authenticator (RvImportResult  *result,
                       JsonObject      *object,
                       guint            index,
                       GHashTable      *tags,
                       GError         **error)
{
  g_autofree char *where = g_strdup_printf ("authenticator %u", index);
  g_autoptr(RvOtpParams) params = rv_otp_params_new (RV_OTP_KIND_TOTP);
  g_autoptr(GPtrArray) tag_list = g_ptr_array_new ();
  g_auto(RvImportEntry) entry = { 0 };
  const char *issuer, *username, *secret;
  gint64 type_id, algorithm, digits, period, counter;
  GPtrArray *linked;

  if (!rv_import_json_get_string (object, "Issuer", where, &issuer, error) ||
      !rv_import_json_get_string (object, "Username", where, &username, error) ||
      !rv_import_json_get_string (object, "Secret", where, &secret, error) ||
      !rv_import_json_get_int (object, "Type", where, 2, &type_id, error) ||
      !rv_import_json_get_int (object, "Algorithm", where, 0, &algorithm, error) ||
      !rv_import_json_get_int (object, "Digits", where, 6, &digits, error) ||
      !rv_import_json_get_int (object, "Period", where, 30, &period, error) ||
      !rv_import_json_get_int (object, "Counter", where, 0, &counter, error))
    return FALSE;

  rv_import_entry_init (&entry, result, index, issuer, username);
  params->issuer = g_strdup (issuer);
  params->account_name = g_strdup (username);
  if (secret != NULL && (linked = g_hash_table_lookup (tags, secret)) != NULL)
    g_ptr_array_extend (tag_list, linked, NULL, NULL);
  g_ptr_array_add (tag_list, NULL);
  rv_import_stratum_add (&entry, params, type_id, algorithm, digits, period, counter, secret,
                         (const char * const *) tag_list->pdata);
  return TRUE;
}

RvImportResult *
rv_import_stratum_parse (JsonNode  *root,
                         GError   **error)
{
  g_autoptr(RvImportResult) result = rv_import_result_new (RV_IMPORT_FORMAT_STRATUM);
  JsonObject *object = json_node_get_object (root);
  JsonArray *list = json_object_get_array_member (object, "Authenticators");
  g_autoptr(GHashTable) tags = read_categories (object, error);

  if (tags == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *item = rv_import_json_array_object (list, i, "authenticator", error);

      if (item == NULL || !convert_authenticator (result, item, i + 1, tags, error))
        return NULL;
    }
  return g_steal_pointer (&result);
}
