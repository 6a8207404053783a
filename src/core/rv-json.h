/* rv-json.h: the one JSON reader of every outside JSON file (imports,
 * recovery profiles, request answers)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib's parser recurses once per nesting level, so a small file of
 * nested brackets (`[` × 80 000) overflows the stack. rv_json_parse() scans
 * the bytes first and refuses anything nested deeper than RV_JSON_MAX_DEPTH
 * before json-glib sees it; then it parses, and refuses an empty document.
 * The typed member helpers give every reader the same rules: a member that
 * is null counts as absent.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Deeper than any real export or profile (the deepest we read is 5). */
#define RV_JSON_MAX_DEPTH 64

#define RV_JSON_ERROR (rv_json_error_quark ())

typedef enum
{
  RV_JSON_ERROR_NOT_UTF8,     /* the bytes are not UTF-8 text */
  RV_JSON_ERROR_TOO_DEEP,     /* lists or objects nested deeper than RV_JSON_MAX_DEPTH */
  RV_JSON_ERROR_SYNTAX,       /* json-glib refused it */
  RV_JSON_ERROR_EMPTY,        /* no value at all */
} RvJsonError;

GQuark       rv_json_error_quark      (void);

/* The nesting depth of @data (-1: NUL-terminated) is at most @max_depth.
 * Brackets inside strings do not count. */
gboolean     rv_json_check_depth      (const char   *data,
                                       gssize        length,
                                       guint         max_depth,
                                       GError      **error);
/* The root of @data (owned), after rv_json_check_depth() with
 * RV_JSON_MAX_DEPTH and a UTF-8 check. Errors are in RV_JSON_ERROR and
 * translated; callers prefix them with what they were reading. */
JsonNode    *rv_json_parse            (const char   *data,
                                       gssize        length,
                                       GError      **error);
JsonNode    *rv_json_parse_file       (const char   *path,
                                       GError      **error);

/* @key of @object, or NULL when it is absent or null. */
JsonNode    *rv_json_member           (JsonObject   *object,
                                       const char   *key);
gboolean     rv_json_holds_string     (JsonNode     *node);
gboolean     rv_json_holds_boolean    (JsonNode     *node);
gboolean     rv_json_holds_integer    (JsonNode     *node);
/* “an object”, “a list”, “text”... (translated) for “should be X, not Y”. */
const char  *rv_json_type_name        (JsonNode     *node);

G_END_DECLS
