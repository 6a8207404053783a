/* test-lazy.c: the libraries loaded when a feature first needs them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This program links core only, as the app does: libarchive, sqlite3 and
 * libargon2 must be absent from the process until an import needs them,
 * and one that does not load must be a clear error naming it. Each test
 * runs in a child process, which starts with nothing loaded.
 */
#include "config.h"

#include <string.h>

#include "rv-import-private.h"
#include "rv-icon-pack.h"
#include "rv-lazy.h"
#include "rv-test-util.h"

#define NO_SUCH_LIBRARY "libno-such-library-rv.so.0"

static RvImportResult *
import_sample (const char      *name,
               RvImportFormat   format,
               GError         **error)
{
  g_autofree char *path = g_build_filename ("data", "import", name, NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (rv_test_source_path (path), &contents, &len, NULL));
  return rv_import_parse ((const guint8 *) contents, len, format, NULL, error);
}

static gboolean
derive_argon2 (GError **error)
{
  g_autoptr(RvSecret) password = rv_secret_new_from_string ("1234 5678");
  g_autoptr(RvSecret) key = rv_secret_new (32);
  static const guint8 salt[16] = { 0xba, 0xdc, 0x0f, 0xfe, 0xe0, 0xdd, 0xf0, 0x0d };

  return rv_import_argon2id (password, salt, sizeof salt, 1, 8, 1, key, error);
}

static void
test_loaded_on_first_use (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvImportResult) zip = NULL;
  g_autoptr(RvImportResult) db = NULL;

  if (!rv_test_in_child ())
    return;

  g_assert_false (rv_test_library_mapped (ARCHIVE_SONAME));
  g_assert_false (rv_test_library_mapped (SQLITE_SONAME));
  g_assert_false (rv_test_library_mapped (ARGON2_SONAME));

  zip = import_sample ("authplus-export-plain.zip", RV_IMPORT_FORMAT_AUTO, &error);
  g_assert_no_error (error);
  g_assert_nonnull (zip);
  g_assert_true (rv_test_library_mapped (ARCHIVE_SONAME));
  g_assert_false (rv_test_library_mapped (SQLITE_SONAME));

  db = import_sample ("google-authenticator.db", RV_IMPORT_FORMAT_AUTO, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_true (rv_test_library_mapped (SQLITE_SONAME));
  g_assert_false (rv_test_library_mapped (ARGON2_SONAME));

  g_assert_true (derive_argon2 (&error));
  g_assert_no_error (error);
  g_assert_true (rv_test_library_mapped (ARGON2_SONAME));
}

/* The error names the library the feature needs and why it did not load. */
static void
assert_missing (const GError *error,
                GQuark        domain,
                gint          code,
                const char   *soname)
{
  g_assert_error (error, domain, code);
  g_assert_nonnull (strstr (error->message, soname));
  g_assert_nonnull (strstr (error->message, NO_SUCH_LIBRARY));
}

static void
test_missing_archive (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvImportResult) result = NULL;
  g_autoptr(RvIconPack) pack = NULL;

  if (!rv_test_in_child ())
    return;
  g_setenv ("RV_LIBARCHIVE", NO_SUCH_LIBRARY, TRUE);

  /* Detected (not "an unknown format") and chosen by hand alike. */
  result = import_sample ("authplus-export-plain.zip", RV_IMPORT_FORMAT_AUTO, &error);
  g_assert_null (result);
  assert_missing (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MISSING_LIBRARY, ARCHIVE_SONAME);
  g_clear_error (&error);
  result = import_sample ("authplus-export-plain.zip", RV_IMPORT_FORMAT_AUTHPLUS, &error);
  g_assert_null (result);
  assert_missing (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MISSING_LIBRARY, ARCHIVE_SONAME);
  g_clear_error (&error);

  pack = rv_icon_pack_new_from_zip ("pack.zip", &error);
  g_assert_null (pack);
  assert_missing (error, RV_ICON_PACK_ERROR, RV_ICON_PACK_ERROR_ARCHIVE, ARCHIVE_SONAME);
}

static void
test_missing_sqlite (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvImportResult) result = NULL;

  if (!rv_test_in_child ())
    return;
  g_setenv ("RV_LIBSQLITE3", NO_SUCH_LIBRARY, TRUE);

  result = import_sample ("google-authenticator.db", RV_IMPORT_FORMAT_AUTO, &error);
  g_assert_null (result);
  assert_missing (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MISSING_LIBRARY, SQLITE_SONAME);
  g_clear_error (&error);
  result = import_sample ("google-authenticator.db", RV_IMPORT_FORMAT_GOOGLE_DB, &error);
  g_assert_null (result);
  assert_missing (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MISSING_LIBRARY, SQLITE_SONAME);
}

static void
test_missing_argon2 (void)
{
  g_autoptr(GError) error = NULL;

  if (!rv_test_in_child ())
    return;
  g_setenv ("RV_LIBARGON2", NO_SUCH_LIBRARY, TRUE);

  g_assert_false (derive_argon2 (&error));
  assert_missing (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MISSING_LIBRARY, ARGON2_SONAME);
}

/* A library that loads but lacks a call is an install that cannot work, as
 * for a linked library: the process stops, naming both. */
static void
test_missing_symbol (void)
{
  static RvLazyLibrary archive = RV_LAZY_LIBRARY_INIT (ARCHIVE_SONAME, NULL);

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_failed ();
      g_test_trap_assert_stderr ("*" ARCHIVE_SONAME " has no archive_no_such_call*");
      return;
    }
  g_assert_null (rv_lazy_library_load (&archive));
  rv_lazy_library_symbol (&archive, "archive_no_such_call");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lazy/loaded-on-first-use", test_loaded_on_first_use);
  g_test_add_func ("/lazy/missing/archive", test_missing_archive);
  g_test_add_func ("/lazy/missing/sqlite", test_missing_sqlite);
  g_test_add_func ("/lazy/missing/argon2", test_missing_argon2);
  g_test_add_func ("/lazy/missing-symbol", test_missing_symbol);

  return g_test_run ();
}
