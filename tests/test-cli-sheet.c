/* test-cli-sheet.c: rvault emergency-sheet, a photographed sheet read back, health
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "rv-sheet.h"
#include "rv-test-util.h"

#define PASSWORD "vault password"

/* Fake secrets and codes. */
#define GOOGLE_URI "otpauth://totp/Google:alice@example.com?" \
                   "secret=BADCAFEBADCAFEBADCAFEBADCAFEBADC&issuer=Google"
#define GITHUB_URI "otpauth://totp/GitHub:alice?secret=KRSXG5CTMVRXEZLUKRSXG5CT&issuer=GitHub"

typedef struct
{
  char *dir;
  char *path;
  char *pdf;
} Fixture;

static void G_GNUC_NULL_TERMINATED
rv_at (const char *vault,
       RvTestRun  *run,
       const char *input,
       ...)
{
  va_list ap;

  va_start (ap, input);
  rv_test_rvault_vault_valist (run, vault, input, PASSWORD, ap);
  va_end (ap);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” not in:\n%s", part, text);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };

  fixture->dir = rv_test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "v.rvault", NULL);
  fixture->pdf = g_build_filename (fixture->dir, "kit.pdf", NULL);
  rv_at (fixture->path, &run, NULL, "init", NULL);
  rv_test_assert_status (&run, 0);
  rv_at (fixture->path, &run, GOOGLE_URI, "add", "--uri", "-", NULL);
  rv_test_assert_status (&run, 0);
  rv_at (fixture->path, &run, GITHUB_URI, "add", "--uri", "-", NULL);
  rv_test_assert_status (&run, 0);
  rv_at (fixture->path, &run, NULL, "add", "--type", "none", "--issuer", "PyPI", "--name", "alice",
         NULL);
  rv_test_assert_status (&run, 0);
  rv_at (fixture->path, &run, "1234 5678\n2345 6789\n3456 7890\n", "recovery-codes", "google",
         "--add", "-", NULL);
  rv_test_assert_status (&run, 0);
  rv_at (fixture->path, &run, "badc0-ffee0\n0ddf0-0d123\n", "recovery-codes", "github",
         "--add", "-", NULL);
  rv_test_assert_status (&run, 0);
  rv_at (fixture->path, &run, "2345 6789", "recovery-codes", "google", "--use", "-", NULL);
  rv_test_assert_status (&run, 0);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  rv_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->pdf);
}

static RvSecret *
read_pdf (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_no_error (error);
  return rv_secret_new_from_data (contents, len);
}

/* Page @page of the PDF as a phone would see it: 150 dpi, shrunk to 80 %,
 * turned by 2.5°, on a grey background, with some noise. */
static void
photograph (const char *pdf_path,
            guint       page,
            const char *png_path)
{
  g_autoptr(RvSecret) pdf = read_pdf (pdf_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  cairo_surface_t *scan = rv_sheet_rasterize_page (pdf, page, 150, &error);
  cairo_surface_t *photo;
  cairo_t *cr;
  int w, h, stride;
  guint8 *data;

  g_assert_no_error (error);
  w = cairo_image_surface_get_width (scan);
  h = cairo_image_surface_get_height (scan);
  photo = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (w * 0.9), (int) (h * 0.9));
  cr = cairo_create (photo);
  cairo_set_source_rgb (cr, 0.55, 0.5, 0.45);
  cairo_paint (cr);
  cairo_translate (cr, w * 0.45, h * 0.45);
  cairo_rotate (cr, 2.5 * G_PI / 180);
  cairo_scale (cr, 0.8, 0.8);
  cairo_translate (cr, -w / 2.0, -h / 2.0);
  cairo_set_source_surface (cr, scan, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (scan);

  cairo_surface_flush (photo);
  data = cairo_image_surface_get_data (photo);
  stride = cairo_image_surface_get_stride (photo);
  for (int y = 0; y < cairo_image_surface_get_height (photo); y++)
    for (int x = 0; x < cairo_image_surface_get_width (photo); x++)
      for (int c = 0; c < 3; c++)
        {
          guint8 *p = data + y * stride + 4 * x + c;
          int v = *p + g_rand_int_range (rand, -28, 29);

          *p = (guint8) CLAMP (v, 0, 255);
        }
  cairo_surface_mark_dirty (photo);
  g_assert_cmpint (cairo_surface_write_to_png (photo, png_path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (photo);
}

static void
test_sheet_and_import (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };
  g_autofree char *png = g_build_filename (fixture->dir, "sheet.png", NULL);
  g_autofree char *other = g_build_filename (fixture->dir, "new.rvault", NULL);
  g_autofree char *code = NULL;
  g_autofree char *restored = NULL;
  GStatBuf st;

  rv_at (fixture->path, &run, NULL, "emergency-sheet", "--output", fixture->pdf,
         "--with-secrets", NULL);
  rv_test_assert_status (&run, 0);
  assert_contains (run.out, "3 accounts on 1 page, read back and checked");
  assert_contains (run.err, "Warning: the sheet holds recovery codes and the secrets");
  g_assert_null (strstr (run.out, "BADCAFEB"));
  g_assert_null (strstr (run.err, "BADCAFEB"));
  g_assert_cmpint (g_stat (fixture->pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* The photographed page restores both OTP accounts into a new vault. */
  photograph (fixture->pdf, 0, png);
  rv_at (other, &run, NULL, "init", NULL);
  rv_test_assert_status (&run, 0);
  rv_at (other, &run, NULL, "import", png, NULL);
  rv_test_assert_status (&run, 0);
  assert_contains (run.out, "2 imported, 0 skipped as duplicates, 0 rejected");
  /* The same secret: the same code (read before and after, in case the
   * period turns in between). */
  rv_at (fixture->path, &run, NULL, "code", "github", NULL);
  rv_test_assert_status (&run, 0);
  code = g_strndup (run.out, 6);
  rv_at (other, &run, NULL, "code", "github", NULL);
  rv_test_assert_status (&run, 0);
  restored = g_strndup (run.out, 6);
  rv_at (fixture->path, &run, NULL, "code", "github", NULL);
  rv_test_assert_status (&run, 0);
  if (strncmp (run.out, restored, 6) != 0)
    g_assert_cmpstr (restored, ==, code);
  rv_at (other, &run, NULL, "list", NULL);
  assert_contains (run.out, "Google");
  assert_contains (run.out, "alice@example.com");
}

static void
test_without_secrets (Fixture       *fixture,
                      gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };
  g_autofree char *png = g_build_filename (fixture->dir, "sheet.png", NULL);
  g_autofree char *contents = NULL;
  gsize len;

  rv_at (fixture->path, &run, NULL, "emergency-sheet", "-o", fixture->pdf, "--paper", "letter",
         "--account", "google", "--account", "Google", NULL);
  rv_test_assert_status (&run, 0);
  assert_contains (run.out, "1 account on 1 page");
  assert_contains (run.err, "Warning: the sheet holds recovery codes.");
  g_assert_true (g_file_get_contents (fixture->pdf, &contents, &len, NULL));
  g_assert_null (g_strstr_len (contents, len, "otpauth"));

  photograph (fixture->pdf, 0, png);
  rv_at (fixture->path, &run, NULL, "import", png, NULL);
  rv_test_assert_status (&run, 2);
  assert_contains (run.err, "No QR code found");
}

static void
test_health (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };

  rv_at (fixture->path, &run, NULL, "emergency-sheet", "--output", fixture->pdf, NULL);
  rv_test_assert_status (&run, 0);
  rv_at (fixture->path, &run, NULL, "health", "--json", NULL);
  rv_test_assert_status (&run, 0);
  g_assert_null (strstr (run.out, "sheet-out-of-date"));

  rv_at (fixture->path, &run, "9876 5432\n", "recovery-codes", "google", "--add", "-", NULL);
  rv_test_assert_status (&run, 0);
  rv_at (fixture->path, &run, NULL, "health", NULL);
  rv_test_assert_status (&run, 0);
  assert_contains (run.out, "Emergency sheet out of date for Google (alice@example.com)");
  assert_contains (run.out, "Fix: print-emergency-sheet");
  g_assert_null (strstr (run.out, "out of date for GitHub"));
  g_assert_null (strstr (run.out, "9876"));
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };

  rv_at (fixture->path, &run, NULL, "emergency-sheet", NULL);
  rv_test_assert_status (&run, 2);
  assert_contains (run.err, "needs --output FILE");
  rv_at (fixture->path, &run, NULL, "emergency-sheet", "-o", fixture->pdf, "--paper", "a5",
         NULL);
  rv_test_assert_status (&run, 2);
  assert_contains (run.err, "Unknown paper size “a5”");
  rv_at (fixture->path, &run, NULL, "emergency-sheet", "-o", fixture->pdf, "--account", "nope",
         NULL);
  rv_test_assert_status (&run, 1);
  assert_contains (run.err, "No account matches “nope”");
  g_assert_false (g_file_test (fixture->pdf, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/sheet/sheet-and-import", Fixture, NULL, fixture_setup,
              test_sheet_and_import, fixture_teardown);
  g_test_add ("/cli/sheet/without-secrets", Fixture, NULL, fixture_setup, test_without_secrets,
              fixture_teardown);
  g_test_add ("/cli/sheet/health", Fixture, NULL, fixture_setup, test_health, fixture_teardown);
  g_test_add ("/cli/sheet/usage", Fixture, NULL, fixture_setup, test_usage, fixture_teardown);

  return g_test_run ();
}
