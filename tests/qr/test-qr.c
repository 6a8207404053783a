/* test-qr.c: decoding QR images (zbar) and drawing QR codes (libqrencode)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "rv-import.h"
#include "rv-qr.h"
#include "rv-test-util.h"

static char *
sample_text (const char *name)
{
  g_autofree char *path = g_build_filename ("data", "import", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (rv_test_source_path (path), &contents, NULL, &error);
  g_assert_no_error (error);
  return g_strstrip (contents);
}

static GPtrArray *
decode_sample (const char *name)
{
  g_autofree char *path = g_build_filename ("data", "import", name, NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *texts = rv_qr_decode_image_file (rv_test_source_path (path), &error);

  g_assert_no_error (error);
  g_assert_nonnull (texts);
  return texts;
}

static void
test_decode_google_export (void)
{
  g_autoptr(GPtrArray) texts = decode_sample ("google-single.png");
  g_autofree char *expected = sample_text ("google-single.txt");
  g_autoptr(RvImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const RvSecret *text;

  g_assert_cmpuint (texts->len, ==, 1);
  text = g_ptr_array_index (texts, 0);
  g_assert_cmpstr (rv_secret_get_string (text), ==, expected);

  result = rv_import_parse (rv_secret_get_data (text), rv_secret_get_size (text),
                            RV_IMPORT_FORMAT_AUTO, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->format, ==, RV_IMPORT_FORMAT_GOOGLE_MIGRATION);
  g_assert_cmpuint (result->accounts->len, ==, 3);
}

static void
test_decode_batch (void)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) rv_secret_free);
  const char *images[] = { "google-batch-part1.png", "google-batch-part2.png" };
  g_autoptr(RvSecret) joined = NULL;
  g_autoptr(RvImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (images); i++)
    {
      g_autoptr(GPtrArray) texts = decode_sample (images[i]);

      g_assert_cmpuint (texts->len, ==, 1);
      g_ptr_array_add (all, rv_secret_copy (g_ptr_array_index (texts, 0)));
    }
  joined = rv_import_join_texts (all);
  result = rv_import_parse (rv_secret_get_data (joined), rv_secret_get_size (joined),
                            RV_IMPORT_FORMAT_AUTO, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->accounts->len, ==, 3);
  g_assert_cmpuint (result->warnings->len, ==, 0);
}

static void
test_encode_round_trip (void)
{
  g_autoptr(RvSecret) uri = rv_secret_new_from_string (
    "otpauth://totp/ACME%20Co:me@example.org?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co");
  g_autoptr(RvQrMatrix) matrix = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autofree char *dir = rv_test_make_tmpdir ();
  g_autofree char *png = g_build_filename (dir, "code.png", NULL);
  g_autoptr(RvSecret) rgba = NULL;
  guint side = 0;

  matrix = rv_qr_encode (uri, &error);
  g_assert_no_error (error);
  /* Version 4 or more for 82 bytes at level M; always 4k + 17 modules. */
  g_assert_cmpuint (matrix->width % 4, ==, 1);
  g_assert_cmpuint (matrix->width, >=, 33);
  /* The finder pattern: a dark 7×7 square ring in the top left corner. */
  g_assert_true (rv_qr_matrix_get (matrix, 0, 0));
  g_assert_true (rv_qr_matrix_get (matrix, 6, 6));
  g_assert_false (rv_qr_matrix_get (matrix, 1, 1));
  g_assert_false (rv_qr_matrix_get (matrix, 7, 7));
  g_assert_false (rv_qr_matrix_get (matrix, matrix->width, 0));

  rgba = rv_qr_matrix_render_rgba (matrix, 3, 4, &side);
  g_assert_cmpuint (side, ==, (matrix->width + 8) * 3);
  g_assert_cmpuint (rv_secret_get_size (rgba), ==, side * side * 4);
  g_assert_cmpuint (rv_secret_get_data (rgba)[0], ==, 255);             /* quiet zone */
  g_assert_cmpuint (rv_secret_get_data (rgba)[(12 * side + 12) * 4], ==, 0);  /* finder */

  g_assert_true (rv_qr_matrix_save_png (matrix, png, 4, &error));
  g_assert_no_error (error);
  texts = rv_qr_decode_image_file (png, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (texts->len, ==, 1);
  g_assert_true (rv_secret_equal (g_ptr_array_index (texts, 0), uri));
  rv_test_rm_rf (dir);
}

static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(RvQrMatrix) matrix = NULL;
  g_autoptr(GdkPixbuf) blank = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 64);
  g_autoptr(RvSecret) long_text = rv_secret_new (8000);
  g_autoptr(RvSecret) empty = rv_secret_new (0);

  texts = rv_qr_decode_image_file ("/nonexistent/qr.png", &error);
  g_assert_error (error, RV_QR_ERROR, RV_QR_ERROR_LOAD);
  g_assert_null (texts);
  g_clear_error (&error);

  texts = rv_qr_decode_image_file (rv_test_source_path ("data/import/uri-list.txt"), &error);
  g_assert_error (error, RV_QR_ERROR, RV_QR_ERROR_LOAD);
  g_clear_error (&error);

  gdk_pixbuf_fill (blank, 0xffffffff);
  texts = rv_qr_decode_pixbuf (blank, &error);
  g_assert_error (error, RV_QR_ERROR, RV_QR_ERROR_NO_CODE);
  g_assert_null (texts);
  g_clear_error (&error);

  memset (rv_secret_get_mutable_data (long_text), 'A', 8000);
  matrix = rv_qr_encode (long_text, &error);
  g_assert_error (error, RV_QR_ERROR, RV_QR_ERROR_TOO_LONG);
  g_assert_null (matrix);
  g_clear_error (&error);

  matrix = rv_qr_encode (empty, &error);
  g_assert_error (error, RV_QR_ERROR, RV_QR_ERROR_ENCODE);
  g_assert_null (matrix);
}

/* Both libraries are loaded when first needed (rv-lazy-qr.h): absent from
 * the process until then, and an error naming them when they do not load.
 * In a child process, which starts with neither loaded. */
static void
test_loaded_on_first_use (void)
{
  g_autoptr(RvSecret) text = rv_secret_new_from_string ("1234 5678");
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(RvQrMatrix) matrix = NULL;
  g_autoptr(GError) error = NULL;

  if (!rv_test_in_child ())
    return;
  g_assert_false (rv_test_library_mapped (QRENCODE_SONAME));
  g_assert_false (rv_test_library_mapped (ZBAR_SONAME));
  matrix = rv_qr_encode (text, &error);
  g_assert_no_error (error);
  g_assert_true (rv_test_library_mapped (QRENCODE_SONAME));
  g_assert_false (rv_test_library_mapped (ZBAR_SONAME));
  texts = decode_sample ("google-batch-part1.png");
  g_assert_true (rv_test_library_mapped (ZBAR_SONAME));
}

static void
test_missing_libraries (void)
{
  g_autoptr(RvSecret) text = rv_secret_new_from_string ("1234 5678");
  g_autoptr(GdkPixbuf) blank = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 64);
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(RvQrMatrix) matrix = NULL;
  g_autoptr(GError) error = NULL;

  if (!rv_test_in_child ())
    return;
  g_setenv ("RV_LIBZBAR", "libno-such-library-rv.so.0", TRUE);
  g_setenv ("RV_LIBQRENCODE", "libno-such-library-rv.so.1", TRUE);

  matrix = rv_qr_encode (text, &error);
  g_assert_null (matrix);
  g_assert_error (error, RV_QR_ERROR, RV_QR_ERROR_ENCODE);
  g_assert_nonnull (strstr (error->message, QRENCODE_SONAME));
  g_assert_nonnull (strstr (error->message, "libno-such-library-rv.so.1"));
  g_clear_error (&error);

  gdk_pixbuf_fill (blank, 0xffffffff);
  texts = rv_qr_decode_pixbuf (blank, &error);
  g_assert_null (texts);
  g_assert_error (error, RV_QR_ERROR, RV_QR_ERROR_LOAD);
  g_assert_nonnull (strstr (error->message, ZBAR_SONAME));
  g_assert_nonnull (strstr (error->message, "libno-such-library-rv.so.0"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/qr/decode/google-export", test_decode_google_export);
  g_test_add_func ("/qr/decode/batch", test_decode_batch);
  g_test_add_func ("/qr/encode/round-trip", test_encode_round_trip);
  g_test_add_func ("/qr/errors", test_errors);
  g_test_add_func ("/qr/loaded-on-first-use", test_loaded_on_first_use);
  g_test_add_func ("/qr/missing-libraries", test_missing_libraries);

  return g_test_run ();
}
