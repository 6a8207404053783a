/* rv-json.c: the one JSON reader of every outside JSON file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Parsing is json-glib's; the depth scan before it is ours because
 * json-glib 1.6 has no depth limit (see rv-json.h).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rv-json.h"

G_DEFINE_QUARK (rv-json-error-quark, rv_json_error)

gboolean
rv_json_check_depth (const char  *data,
                     gssize       length,
                     guint        max_depth,
                     GError     **error)
{
  gsize n;
  guint depth = 0;
  gboolean in_string = FALSE;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  n = length < 0 ? strlen (data) : (gsize) length;
  for (gsize i = 0; i < n; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > max_depth)
            {
              g_set_error (error, RV_JSON_ERROR, RV_JSON_ERROR_TOO_DEEP,
                           _("lists and objects are nested more than %u levels deep"),
                           max_depth);
              return FALSE;
            }
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }
  return TRUE;
}

JsonNode *
rv_json_parse (const char  *data,
               gssize       length,
               GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize n;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  n = length < 0 ? strlen (data) : (gsize) length;
  if (!g_utf8_validate_len (data, n, NULL))
    {
      g_set_error_literal (error, RV_JSON_ERROR, RV_JSON_ERROR_NOT_UTF8,
                           _("it is not UTF-8 text"));
      return NULL;
    }
  if (!rv_json_check_depth (data, n, RV_JSON_MAX_DEPTH, error))
    return NULL;

  /* A mutable parser: the tree is ours alone (importers wipe its strings
   * in place). */
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, n > 0 ? data : "", n, &local_error))
    {
      g_set_error (error, RV_JSON_ERROR, RV_JSON_ERROR_SYNTAX,
                   _("it is not valid JSON: %s"), local_error->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, RV_JSON_ERROR, RV_JSON_ERROR_EMPTY, _("it is empty"));
      return NULL;
    }
  return json_parser_steal_root (parser);
}

JsonNode *
rv_json_parse_file (const char  *path,
                    GError     **error)
{
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  return rv_json_parse (data, length, error);
}

JsonNode *
rv_json_member (JsonObject *object,
                const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node != NULL && JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

gboolean
rv_json_holds_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

gboolean
rv_json_holds_boolean (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

gboolean
rv_json_holds_integer (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_INT64;
}

const char *
rv_json_type_name (JsonNode *node)
{
  if (node == NULL)
    return _("missing");
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT: return _("an object");
    case JSON_NODE_ARRAY: return _("a list");
    case JSON_NODE_NULL: return _("null");
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING: return _("text");
        case G_TYPE_BOOLEAN: return _("true/false");
        default: return _("a number");
        }
    }
}
