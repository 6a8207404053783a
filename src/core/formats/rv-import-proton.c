/* rv-import-proton.c: Proton Authenticator JSON exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * { "version": 1, "entries": [ { "id", "content": { "id", "uri" (otpauth://),
 * "entry_type": "Totp" | "Steam", "name" }, "note" } ] }. The URI carries
 * the parameters; "name" is the name the user gave. Steam entries have a
 * steam:// URI holding the bare base32 secret.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "rv-import-private.h"
#include "rv-otp-uri.h"
#include "rv-util.h"

#define PROTON_MAX_VERSION  1

gboolean
rv_import_proton_detect (JsonNode *root)
{
  JsonObject *object;
  JsonNode *entries, *first;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  object = json_node_get_object (root);
  entries = json_object_get_member (object, "entries");
  if (entries == NULL || !JSON_NODE_HOLDS_ARRAY (entries) ||
      json_object_has_member (object, "header"))
    return FALSE;
  if (json_array_get_length (json_node_get_array (entries)) == 0)
    return json_object_has_member (object, "version");
  first = json_array_get_element (json_node_get_array (entries), 0);
  return JSON_NODE_HOLDS_OBJECT (first) &&
         json_object_has_member (json_node_get_object (first), "content");
}

static RvOtpParams *
params_from_uri (RvImportEntry *entry,
                 const char    *uri)
{
  g_autoptr(GError) error = NULL;
  RvOtpParams *params;

  if (g_ascii_strncasecmp (uri, "steam://", 8) == 0)
    {
      params = rv_otp_params_new (RV_OTP_KIND_STEAM);
      params->digits = RV_OTP_STEAM_DIGITS;
      params->secret = rv_import_entry_base32 (entry, uri + 8);
      if (params->secret == NULL)
        g_clear_pointer (&params, rv_otp_params_free);
      return params;
    }
  params = rv_otp_uri_parse (uri, strlen (uri), &error);
  if (params == NULL)
    rv_import_entry_reject (entry, "%s", error->message);
  return params;
}

static gboolean
convert_entry (RvImportResult  *result,
               JsonObject      *object,
               guint            index,
               GError         **error)
{
  g_autofree char *where = g_strdup_printf ("entry %u", index);
  g_autoptr(RvOtpParams) params = NULL;
  g_auto(RvImportEntry) entry = { 0 };
  const char *uri, *name, *type, *note;
  JsonObject *content;

  if ((content = rv_import_json_require_object (object, "content", where, error)) == NULL ||
      !rv_import_json_get_string (content, "uri", where, &uri, error) ||
      !rv_import_json_get_string (content, "name", where, &name, error) ||
      !rv_import_json_get_string (content, "entry_type", where, &type, error) ||
      !rv_import_json_get_string (object, "note", where, &note, error))
    return FALSE;

  rv_import_entry_init (&entry, result, index, name, NULL);
  if (type != NULL && g_ascii_strcasecmp (type, "totp") != 0 &&
      g_ascii_strcasecmp (type, "steam") != 0)
    {
      rv_import_entry_reject (&entry, "unknown entry type “%s”", type);
      return TRUE;
    }
  if (rv_str_is_blank (uri))
    {
      rv_import_entry_reject (&entry, "the URI is missing");
      return TRUE;
    }
  if ((params = params_from_uri (&entry, uri)) == NULL)
    return TRUE;
  /* The name the user gave wins over the URI's label; the issuer stays. */
  if (!rv_str_is_blank (name) && rv_str_is_blank (params->issuer))
    {
      g_free (params->issuer);
      params->issuer = g_strdup (name);
    }
  else if (!rv_str_is_blank (name) && rv_str_is_blank (params->account_name))
    {
      g_free (params->account_name);
      params->account_name = g_strdup (name);
    }
  rv_import_entry_add (&entry, params, note, NULL);
  return TRUE;
}

RvImportResult *
rv_import_proton_parse (JsonNode  *root,
                        GError   **error)
{
  g_autoptr(RvImportResult) result = rv_import_result_new (RV_IMPORT_FORMAT_PROTON);
  JsonObject *object = json_node_get_object (root);
  JsonArray *entries = json_object_get_array_member (object, "entries");
  gint64 version;

  if (!rv_import_json_get_int (object, "version", "export", 1, &version, error))
    return NULL;
  if (version < 1 || version > PROTON_MAX_VERSION)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNSUPPORTED_VERSION,
                   _("Proton Authenticator export version %lld cannot be read (version 1 can)"),
                   (long long) version);
      return NULL;
    }
  if (!rv_import_json_convert_each (result, entries, "entry", convert_entry, error))
    return NULL;
  return g_steal_pointer (&result);
}
