/* test-json.c: the one JSON reader bounds nesting before json-glib recurses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `[` × 80 000 then `]` × 80 000 (160 KB) overflowed json-glib's recursion
 * (a segfault) in every reader: imports, recovery profiles and answers.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "rv-import.h"
#include "rv-json.h"
#include "rv-provider.h"
#include "rv-request-answers.h"

#define DEEP 80000

static char *
nested (guint depth,
        char  open,
        char  close)
{
  char *text = g_malloc (2 * depth + 1);

  memset (text, open, depth);
  memset (text + depth, close, depth);
  text[2 * depth] = '\0';
  return text;
}

static void
test_depth_limit (void)
{
  g_autofree char *at_limit = nested (RV_JSON_MAX_DEPTH, '[', ']');
  g_autofree char *over = nested (RV_JSON_MAX_DEPTH + 1, '[', ']');
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  root = rv_json_parse (at_limit, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);

  g_assert_null (rv_json_parse (over, -1, &error));
  g_assert_error (error, RV_JSON_ERROR, RV_JSON_ERROR_TOO_DEEP);
  g_assert_nonnull (strstr (error->message, "64"));
  g_clear_error (&error);

  /* Brackets inside strings (escaped quotes too) are text, not nesting. */
  {
    g_autofree char *inside = nested (RV_JSON_MAX_DEPTH + 10, '[', ']');
    g_autofree char *text = g_strdup_printf ("{\"a\\\"\": \"%s\"}", inside);
    g_autoptr(JsonNode) string_root = rv_json_parse (text, -1, &error);

    g_assert_no_error (error);
    g_assert_nonnull (string_root);
  }

  g_assert_null (rv_json_parse ("", 0, &error));
  g_assert_error (error, RV_JSON_ERROR, RV_JSON_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_null (rv_json_parse ("{\"a\": \"\xff\"}", -1, &error));
  g_assert_error (error, RV_JSON_ERROR, RV_JSON_ERROR_NOT_UTF8);
}

static void
test_deep_import (void)
{
  g_autofree char *deep = nested (DEEP, '[', ']');
  g_autoptr(GError) error = NULL;
  RvImportResult *result;

  result = rv_import_parse ((const guint8 *) deep, strlen (deep), RV_IMPORT_FORMAT_AEGIS, NULL,
                            &error);
  g_assert_null (result);
  g_assert_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "nested"));
}

static void
test_deep_profile (void)
{
  g_autofree char *deep = nested (DEEP, '{', '}');
  g_autofree char *array = nested (DEEP, '[', ']');
  g_autoptr(GError) error = NULL;

  g_assert_null (rv_provider_new_from_data (deep, -1, "deep.json", &error));
  g_assert_error (error, RV_PROVIDER_ERROR, RV_PROVIDER_ERROR_BAD_JSON);
  g_assert_nonnull (strstr (error->message, "deep.json"));
  g_assert_nonnull (strstr (error->message, "nested"));
  g_clear_error (&error);

  g_assert_null (rv_provider_new_from_data (array, -1, "array.json", &error));
  g_assert_error (error, RV_PROVIDER_ERROR, RV_PROVIDER_ERROR_BAD_JSON);
}

static void
test_deep_answers (void)
{
  g_autofree char *deep = nested (DEEP, '[', ']');
  g_autofree char *dir = g_dir_make_tmp ("rv-json-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "answers.json", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (rv_request_answers_new_from_data (deep, -1, "answers", &error));
  g_assert_error (error, RV_REQUEST_ERROR, RV_REQUEST_ERROR_BAD_ANSWERS);
  g_assert_nonnull (strstr (error->message, "nested"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, deep, -1, NULL));
  g_assert_null (rv_request_answers_load (path, &error));
  g_assert_error (error, RV_REQUEST_ERROR, RV_REQUEST_ERROR_BAD_ANSWERS);
  g_assert_nonnull (strstr (error->message, "nested"));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/depth-limit", test_depth_limit);
  g_test_add_func ("/json/deep-import", test_deep_import);
  g_test_add_func ("/json/deep-profile", test_deep_profile);
  g_test_add_func ("/json/deep-answers", test_deep_answers);

  return g_test_run ();
}
