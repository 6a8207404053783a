/* test-sheet.c: the emergency sheet: PDF round trip, pages, secrets, health
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every check here reads the PDF back on its own (poppler, zbar), apart
 * from the sheet's built-in verifier, which is tested separately.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <poppler.h>
#include <string.h>

#include "rv-base32.h"
#include "rv-health.h"
#include "rv-otp-uri.h"
#include "rv-qr.h"
#include "rv-sheet.h"
#include "rv-test-util.h"
#include "rv-util.h"

/* poppler-glib 22.12 has no autoptr support of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

typedef struct
{
  char      *dir;
  RvVault   *vault;
  GPtrArray *providers;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *profiles = NULL;
  g_autoptr(RvSecret) password = rv_secret_new_from_string ("password");
  g_autoptr(GError) error = NULL;

  fixture->dir = rv_test_make_tmpdir ();
  path = g_build_filename (fixture->dir, "vault.rvault", NULL);
  fixture->vault = rv_vault_create (path, password, &error);
  g_assert_no_error (error);
  profiles = g_build_filename (g_getenv ("RV_SOURCE_ROOT"), "data", "providers", NULL);
  fixture->providers = rv_provider_load_directory (profiles, NULL);
  g_assert_cmpuint (fixture->providers->len, >, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  rv_vault_close (fixture->vault);
  g_clear_object (&fixture->vault);
  g_ptr_array_unref (fixture->providers);
  rv_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
}

/* A TOTP account with a fake secret made from @n, and @n_codes codes of the
 * provider's shape; every third code used. */
static RvAccount *
add_account (Fixture    *fixture,
             const char *issuer,
             const char *name,
             guint       n,
             guint       n_codes)
{
  g_autoptr(RvAccount) account = rv_account_new ();
  guint8 raw[10];

  for (guint i = 0; i < sizeof raw; i++)
    raw[i] = (guint8) (0xba + 7 * i + 13 * n);
  {
    g_autoptr(RvSecret) secret = rv_secret_new_from_data (raw, sizeof raw);

    rv_account_set_kind (account, RV_OTP_KIND_TOTP);
    rv_account_set_secret (account, secret);
  }
  rv_account_set_issuer (account, issuer);
  rv_account_set_name (account, name);
  for (guint i = 0; i < n_codes; i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(RvSecret) code = NULL;

      if (g_str_equal (issuer, "Google"))
        text = g_strdup_printf ("%04u%04u", 1000 + n, 5000 + i);
      else if (g_str_equal (issuer, "GitHub"))
        text = g_strdup_printf ("%05x-%05x", 0xbadc0 + n, 0xf00d0 + i);
      else
        text = g_strdup_printf ("badc0ffee%03u%04u", n, i);
      code = rv_secret_new_from_string (text);
      g_assert_true (rv_account_add_recovery_code (account, code, 100, i % 3 == 1 ? 200 : 0,
                                                   NULL));
    }
  rv_vault_add_account (fixture->vault, account);
  return account;
}

static RvSecret *
render (Fixture  *fixture,
        gboolean  with_secrets,
        RvSheet **sheet_out)
{
  g_autoptr(GError) error = NULL;
  RvSheet *sheet = rv_sheet_new (fixture->vault, NULL, fixture->providers, with_secrets,
                                 1765000000, &error);
  RvSecret *pdf;

  g_assert_no_error (error);
  pdf = rv_sheet_render_pdf (sheet, RV_SHEET_PAPER_A4, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  *sheet_out = sheet;
  return pdf;
}

static PopplerDocument *
open_pdf (const RvSecret *pdf)
{
  g_autoptr(GBytes) bytes = g_bytes_new (rv_secret_get_data (pdf), rv_secret_get_size (pdf));
  g_autoptr(GError) error = NULL;
  PopplerDocument *document = poppler_document_new_from_bytes (bytes, NULL, &error);

  g_assert_no_error (error);
  return document;
}

/* Every QR text on every page, rasterised at 200 dpi. */
static GPtrArray *
decode_all (const RvSecret *pdf)
{
  g_autoptr(PopplerDocument) document = open_pdf (pdf);
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) rv_secret_free);

  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autoptr(GError) error = NULL;
      cairo_surface_t *surface = rv_sheet_rasterize_page (pdf, (guint) i, 200, &error);
      int w, h, stride;
      g_autofree guint8 *gray = NULL;
      g_autoptr(GPtrArray) texts = NULL;

      g_assert_no_error (error);
      w = cairo_image_surface_get_width (surface);
      h = cairo_image_surface_get_height (surface);
      stride = cairo_image_surface_get_stride (surface);
      gray = g_malloc ((gsize) w * h);
      for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
          gray[y * w + x] = cairo_image_surface_get_data (surface)[y * stride + 4 * x + 1];
      cairo_surface_destroy (surface);
      texts = rv_qr_decode_gray (gray, (guint) w, (guint) h, NULL);
      for (guint j = 0; texts != NULL && j < texts->len; j++)
        g_ptr_array_add (found, rv_secret_copy (texts->pdata[j]));
    }
  return found;
}

static char *
all_text (const RvSecret *pdf)
{
  g_autoptr(PopplerDocument) document = open_pdf (pdf);
  GString *text = g_string_new (NULL);

  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (document, i);
      g_autofree char *page_text = poppler_page_get_text (page);

      g_string_append (text, page_text);
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

static gboolean
pdf_has_word (const RvSecret *pdf,
              const char     *words)
{
  g_autoptr(PopplerDocument) document = open_pdf (pdf);

  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (document, i);
      GList *found = poppler_page_find_text_with_options (page, words,
                                                          POPPLER_FIND_WHOLE_WORDS_ONLY |
                                                          POPPLER_FIND_CASE_SENSITIVE);

      if (found != NULL)
        {
          g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
          return TRUE;
        }
    }
  return FALSE;
}

static char *
printed_code (RvAccount *account,
              guint      index,
              GPtrArray *providers)
{
  RvProvider *provider = rv_provider_match_account (providers, account);
  g_autoptr(RvSecret) code = rv_sheet_format_code (provider,
                                                   rv_account_get_recovery_code (account,
                                                                                 index)->code);

  return g_strdup (rv_secret_get_string (code));
}

static void
test_format_code (Fixture       *fixture,
                  gconstpointer  data)
{
  RvProvider *google = rv_provider_lookup (fixture->providers, "google");
  RvProvider *github = rv_provider_lookup (fixture->providers, "github");
  g_autoptr(RvSecret) eight = rv_secret_new_from_string ("12345678");
  g_autoptr(RvSecret) dashed = rv_secret_new_from_string ("badc0-ffee0");
  g_autoptr(RvSecret) spaced = NULL;
  g_autoptr(RvSecret) same = NULL;
  g_autoptr(RvSecret) plain = NULL;

  spaced = rv_sheet_format_code (google, eight);
  g_assert_cmpstr (rv_secret_get_string (spaced), ==, "1234 5678");
  same = rv_sheet_format_code (github, dashed);
  g_assert_cmpstr (rv_secret_get_string (same), ==, "badc0-ffee0");
  /* A code that does not fit the example stays as stored. */
  plain = rv_sheet_format_code (google, dashed);
  g_assert_cmpstr (rv_secret_get_string (plain), ==, "badc0-ffee0");
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  RvAccount *google = add_account (fixture, "Google", "alice@example.com", 1, 10);
  RvAccount *github = add_account (fixture, "GitHub", "alice", 2, 16);
  RvAccount *pypi = add_account (fixture, "PyPI", "alice", 3, 8);
  RvAccount *accounts[] = { google, github, pypi };
  g_autoptr(RvSheet) sheet = NULL;
  g_autoptr(RvSecret) pdf = render (fixture, TRUE, &sheet);
  g_autoptr(GPtrArray) found = decode_all (pdf);
  g_autoptr(GError) error = NULL;
  guint n_pages = 0;

  /* Exactly the vault's URIs, each once. */
  g_assert_cmpuint (found->len, ==, G_N_ELEMENTS (accounts));
  for (guint i = 0; i < G_N_ELEMENTS (accounts); i++)
    {
      g_autoptr(RvOtpParams) params = rv_account_dup_otp_params (accounts[i]);
      g_autoptr(RvSecret) uri = rv_otp_uri_build (params);
      guint matches = 0;

      for (guint j = 0; j < found->len; j++)
        matches += rv_secret_equal (found->pdata[j], uri);
      g_assert_cmpuint (matches, ==, 1);
    }

  /* Unused codes are there as the provider prints them; used ones are not. */
  for (guint i = 0; i < G_N_ELEMENTS (accounts); i++)
    for (guint j = 0; j < rv_account_get_n_recovery_codes (accounts[i]); j++)
      {
        g_autofree char *code = printed_code (accounts[i], j, fixture->providers);
        gboolean used = rv_account_get_recovery_code (accounts[i], j)->used_at != 0;

        if (pdf_has_word (pdf, code) == used)
          g_error ("code %u of account %u: expected %s", j, i, used ? "absent" : "present");
      }
  g_assert_true (pdf_has_word (pdf, "1001 5000"));
  g_assert_false (pdf_has_word (pdf, "10015000"));

  /* The header: vault id, date, how to restore; and the provider's lines. */
  {
    g_autofree char *text = all_text (pdf);

    g_assert_nonnull (strstr (text, rv_vault_get_id (fixture->vault)));
    g_assert_nonnull (strstr (text, "Page 1 of 1"));
    g_assert_nonnull (strstr (text, "rvault import"));
    g_assert_nonnull (strstr (text, "https://accounts.google.com/signin/recovery"));
    g_assert_nonnull (strstr (text, rv_provider_get_official_address (
                                rv_provider_lookup (fixture->providers, "pypi"))));
  }

  g_assert_true (rv_sheet_verify_pdf (sheet, pdf, 150, &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, ==, 1);
}

static void
test_without_secrets (Fixture       *fixture,
                      gconstpointer  data)
{
  RvAccount *google = add_account (fixture, "Google", "alice@example.com", 1, 10);
  g_autoptr(RvSheet) sheet = NULL;
  g_autoptr(RvSecret) pdf = render (fixture, FALSE, &sheet);
  g_autoptr(GPtrArray) found = decode_all (pdf);
  g_autoptr(RvSecret) key = rv_base32_encode_secret (rv_account_get_secret (google));
  g_autofree char *text = all_text (pdf);
  g_autofree char *first_four = g_strndup (rv_secret_get_string (key), 4);
  g_autoptr(GString) squeezed = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (found->len, ==, 0);
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (squeezed, *p);
  g_assert_null (strstr (squeezed->str, rv_secret_get_string (key)));
  g_assert_false (pdf_has_word (pdf, first_four));
  g_assert_null (strstr (text, "otpauth"));
  g_assert_true (rv_sheet_verify_pdf (sheet, pdf, 150, NULL, &error));
  g_assert_no_error (error);
}

static void
test_many_pages (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *issuers[] = { "Google", "GitHub", "PyPI" };
  g_autoptr(RvSheet) sheet = NULL;
  g_autoptr(RvSecret) pdf = NULL;
  g_autoptr(PopplerDocument) document = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  guint n_pages = 0;
  int n;

  for (guint i = 0; i < 24; i++)
    {
      g_autofree char *name = g_strdup_printf ("user%02u", i);

      add_account (fixture, issuers[i % 3], name, 10 + i, 8);
    }
  pdf = render (fixture, TRUE, &sheet);
  document = open_pdf (pdf);
  n = poppler_document_get_n_pages (document);
  g_assert_cmpint (n, >=, 4);
  for (int i = 0; i < n; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (document, i);
      g_autofree char *text = poppler_page_get_text (page);
      g_autofree char *header = g_strdup_printf ("Page %d of %d", i + 1, n);
      double w, h;

      g_assert_nonnull (strstr (text, header));
      g_assert_nonnull (strstr (text, "Emergency sheet"));
      poppler_page_get_size (page, &w, &h);
      g_assert_cmpfloat_with_epsilon (w, 595.276, 0.5);
      g_assert_cmpfloat_with_epsilon (h, 841.89, 0.5);
    }
  /* No account is cut in two or lost between pages. */
  found = decode_all (pdf);
  g_assert_cmpuint (found->len, ==, 24);
  for (guint i = 0; i < 24; i++)
    {
      g_autofree char *name = g_strdup_printf ("user%02u", i);

      g_assert_true (pdf_has_word (pdf, name));
    }
  g_assert_true (rv_sheet_verify_pdf (sheet, pdf, 150, &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, ==, (guint) n);
}

static void
test_letter (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(RvSheet) sheet = NULL;
  g_autoptr(RvSecret) pdf = NULL;
  g_autoptr(PopplerDocument) document = NULL;
  g_autoptr(PopplerPage) page = NULL;
  g_autoptr(GError) error = NULL;
  RvSheetPaper paper;
  double w, h;

  add_account (fixture, "Google", "alice@example.com", 1, 10);
  sheet = rv_sheet_new (fixture->vault, NULL, fixture->providers, TRUE, 1765000000, &error);
  g_assert_true (rv_sheet_paper_from_string ("Letter", &paper));
  g_assert_false (rv_sheet_paper_from_string ("a5", &paper));
  pdf = rv_sheet_render_pdf (sheet, paper, &error);
  g_assert_no_error (error);
  document = open_pdf (pdf);
  page = poppler_document_get_page (document, 0);
  poppler_page_get_size (page, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, 612, 0.5);
  g_assert_cmpfloat_with_epsilon (h, 792, 0.5);
}

/* The verifier compares with the vault: a PDF that differs is refused. */
static void
test_verify_refuses (Fixture       *fixture,
                     gconstpointer  data)
{
  RvAccount *google = add_account (fixture, "Google", "alice@example.com", 1, 10);
  g_autoptr(RvSheet) plain_sheet = NULL;
  g_autoptr(RvSheet) full_sheet = NULL;
  g_autoptr(RvSecret) plain = render (fixture, FALSE, &plain_sheet);
  g_autoptr(RvSecret) full = render (fixture, TRUE, &full_sheet);
  g_autoptr(RvSecret) garbage = rv_secret_new_from_string ("%PDF-1.5 not really");
  GError *error = NULL;

  /* QR codes missing. */
  g_assert_false (rv_sheet_verify_pdf (full_sheet, plain, 150, NULL, &error));
  g_assert_error (error, RV_SHEET_ERROR, RV_SHEET_ERROR_VERIFY);
  g_clear_error (&error);
  /* QR codes and the setup key where none is meant to be. */
  g_assert_false (rv_sheet_verify_pdf (plain_sheet, full, 150, NULL, &error));
  g_assert_error (error, RV_SHEET_ERROR, RV_SHEET_ERROR_VERIFY);
  g_clear_error (&error);
  /* A code used since: the paper holds it. */
  g_assert_true (rv_account_mark_recovery_code_used (google, 0, 300, NULL));
  g_assert_false (rv_sheet_verify_pdf (full_sheet, full, 150, NULL, &error));
  g_assert_error (error, RV_SHEET_ERROR, RV_SHEET_ERROR_VERIFY);
  g_assert_null (strstr (error->message, "1001"));
  g_clear_error (&error);
  g_assert_false (rv_sheet_verify_pdf (full_sheet, garbage, 150, NULL, &error));
  g_assert_error (error, RV_SHEET_ERROR, RV_SHEET_ERROR_VERIFY);
  g_clear_error (&error);
}

static guint
count_sheet_warnings (RvVault *vault)
{
  g_autoptr(GPtrArray) warnings = rv_health_check (vault, NULL);
  guint n = 0;

  for (guint i = 0; i < warnings->len; i++)
    n += ((RvHealthWarning *) warnings->pdata[i])->kind == RV_HEALTH_SHEET_OUT_OF_DATE;
  return n;
}

static void
test_write_and_health (Fixture       *fixture,
                       gconstpointer  data)
{
  RvAccount *google = add_account (fixture, "Google", "alice@example.com", 1, 10);
  RvAccount *github = add_account (fixture, "GitHub", "alice", 2, 4);
  g_autofree char *path = g_build_filename (fixture->dir, "kit.pdf", NULL);
  g_autoptr(RvSheet) sheet = NULL;
  g_autoptr(RvSecret) code = rv_secret_new_from_string ("99998888");
  g_autoptr(RvSecret) password = rv_secret_new_from_string ("password");
  g_autoptr(RvVault) reopened = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  guint n_pages = 0;

  g_assert_cmpuint (count_sheet_warnings (fixture->vault), ==, 0);
  sheet = rv_sheet_new (fixture->vault, NULL, fixture->providers, TRUE, rv_now (), &error);
  g_assert_true (rv_sheet_write_pdf (sheet, path, RV_SHEET_PAPER_A4, &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (rv_vault_get_backup_state (fixture->vault)->sheet_printed_at, >, 0);
  g_assert_cmpuint (count_sheet_warnings (fixture->vault), ==, 0);

  /* Using a code does not make the paper wrong. */
  g_assert_true (rv_account_mark_recovery_code_used (google, 0, rv_now (), NULL));
  g_assert_cmpuint (count_sheet_warnings (fixture->vault), ==, 0);

  /* A code added after the sheet does; the state survives a save. */
  g_assert_true (rv_account_add_recovery_code (google, code, rv_now (), 0, NULL));
  g_assert_true (rv_vault_save (fixture->vault, &error));
  g_assert_no_error (error);
  reopened = rv_vault_open (rv_vault_get_path (fixture->vault), password, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_sheet_warnings (reopened), ==, 1);
  {
    g_autoptr(GPtrArray) warnings = rv_health_check (reopened, NULL);

    for (guint i = 0; i < warnings->len; i++)
      {
        RvHealthWarning *warning = warnings->pdata[i];

        if (warning->kind != RV_HEALTH_SHEET_OUT_OF_DATE)
          continue;
        g_assert_cmpstr (warning->account_id, ==, rv_account_get_id (google));
        g_assert_cmpint (warning->fix, ==, RV_HEALTH_FIX_PRINT_SHEET);
        g_assert_null (strstr (warning->detail, "9999"));
      }
  }
  rv_vault_close (reopened);

  /* A sheet of Google alone clears it and keeps GitHub's entry. */
  {
    g_autoptr(GPtrArray) only = g_ptr_array_new ();
    g_autoptr(RvSheet) again = NULL;
    g_autoptr(RvSecret) other = rv_secret_new_from_string ("fedcb-a9876");

    g_ptr_array_add (only, google);
    again = rv_sheet_new (fixture->vault, only, fixture->providers, FALSE, rv_now (), &error);
    g_assert_true (rv_sheet_write_pdf (again, path, RV_SHEET_PAPER_A4, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (count_sheet_warnings (fixture->vault), ==, 0);
    g_assert_true (rv_account_add_recovery_code (github, other, rv_now (), 0, NULL));
    g_assert_cmpuint (count_sheet_warnings (fixture->vault), ==, 1);
  }
}

/* The PDF reader is loaded when a sheet is first read back: the programs
 * do not link it, and when it cannot be loaded the read-back fails with an
 * error that says so (and the sheet is not reported as good). */
static void
test_reader_loaded_late (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(RvSheet) sheet = NULL;
  g_autoptr(RvSecret) pdf = NULL;
  g_autoptr(GError) error = NULL;

  add_account (fixture, "Google", "alice@example.com", 1, 10);
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }
  g_setenv ("RV_POPPLER_GLIB", "/nonexistent/libpoppler-glib.so.8", TRUE);
  pdf = render (fixture, FALSE, &sheet);
  g_assert_false (rv_sheet_verify_pdf (sheet, pdf, 150, NULL, &error));
  g_assert_error (error, RV_SHEET_ERROR, RV_SHEET_ERROR_VERIFY);
  g_assert_nonnull (strstr (error->message, POPPLER_GLIB_SONAME " did not load"));
  g_assert_nonnull (strstr (error->message, "/nonexistent/libpoppler-glib.so.8"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sheet/format-code", test_format_code);
  ADD ("/sheet/round-trip", test_round_trip);
  ADD ("/sheet/without-secrets", test_without_secrets);
  ADD ("/sheet/many-pages", test_many_pages);
  ADD ("/sheet/letter", test_letter);
  ADD ("/sheet/verify-refuses", test_verify_refuses);
  ADD ("/sheet/write-and-health", test_write_and_health);
  ADD ("/sheet/reader-loaded-late", test_reader_loaded_late);
#undef ADD

  return g_test_run ();
}
