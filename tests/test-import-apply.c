/* test-import-apply.c: imported accounts into a vault, duplicates skipped
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "rv-import.h"
#include "rv-test-util.h"

typedef struct
{
  char    *dir;
  RvVault *vault;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(RvSecret) password = rv_secret_new_from_string ("vault password");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = rv_test_make_tmpdir ();
  path = g_build_filename (fixture->dir, "v.rvault", NULL);
  fixture->vault = rv_vault_create (path, password, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->vault);
  rv_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
}

static RvImportResult *
parse_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  RvImportResult *result = rv_import_parse ((const guint8 *) text, strlen (text),
                                            RV_IMPORT_FORMAT_AUTO, NULL, &error);

  g_assert_no_error (error);
  return result;
}

static RvImportResult *
parse_sample (const char *name)
{
  g_autofree char *relative = g_build_filename ("data", "import", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RvSecret) data = rv_import_read_file (rv_test_source_path (relative), &error);
  RvImportResult *result;

  g_assert_no_error (error);
  result = rv_import_parse (rv_secret_get_data (data), rv_secret_get_size (data),
                            RV_IMPORT_FORMAT_AUTO, NULL, &error);
  g_assert_no_error (error);
  return result;
}

static guint
n_accounts (Fixture *fixture)
{
  return g_list_model_get_n_items (rv_vault_get_accounts (fixture->vault));
}

static void
test_apply_and_duplicates (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(RvImportResult) aegis = parse_sample ("aegis-plain.json");
  g_autoptr(RvImportResult) andotp = parse_sample ("andotp-plain.json");
  g_autoptr(RvImportResult) again = parse_sample ("aegis-plain.json");
  g_auto(RvImportSummary) first = { 0 };
  g_auto(RvImportSummary) second = { 0 };
  g_auto(RvImportSummary) third = { 0 };
  g_autofree char *text = NULL;

  rv_import_apply (fixture->vault, aegis, &first);
  g_assert_cmpuint (first.n_imported, ==, 4);
  g_assert_cmpuint (first.duplicates->len, ==, 0);
  g_assert_cmpuint (first.rejected->len, ==, 2);
  g_assert_cmpuint (n_accounts (fixture), ==, 4);
  g_assert_true (rv_vault_is_dirty (fixture->vault));
  text = rv_import_summary_to_string (&first);
  g_assert_true (g_str_has_prefix (text, "4 imported, 0 skipped as duplicates, 2 rejected\n"));
  g_assert_nonnull (strstr (text, "Imported: Deno (Mason)\n"));
  g_assert_nonnull (strstr (text, "Rejected: Old VPN (Lucas): mOTP accounts are not supported\n"));
  /* No secret in the report. */
  g_assert_null (strstr (text, "4SJHB4GSD43FZBAI7C2HLRJGPQ"));
  g_assert_false (rv_vault_text_contains_secret (fixture->vault, text));

  /* andOTP holds three of the same authenticators: same kind and secret. */
  rv_import_apply (fixture->vault, andotp, &second);
  g_assert_cmpuint (second.n_imported, ==, 0);
  g_assert_cmpuint (second.duplicates->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (second.duplicates, 0), ==, "Deno (Mason)");
  g_assert_cmpuint (second.rejected->len, ==, 1);
  g_assert_cmpuint (n_accounts (fixture), ==, 4);

  rv_import_apply (fixture->vault, again, &third);
  g_assert_cmpuint (third.n_imported, ==, 0);
  g_assert_cmpuint (third.duplicates->len, ==, 4);
  g_assert_cmpuint (n_accounts (fixture), ==, 4);
}

static void
test_duplicates_within_file (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(RvImportResult) result = parse_text (
    "otpauth://totp/A:one?secret=JBSWY3DPEHPK3PXP\n"
    "otpauth://totp/B:two?secret=JBSWY3DPEHPK3PXP\n"
    "otpauth://hotp/A:one?secret=JBSWY3DPEHPK3PXP&counter=1\n");
  g_auto(RvImportSummary) summary = { 0 };

  rv_import_apply (fixture->vault, result, &summary);
  /* The HOTP account shares the seed but is another kind: kept. */
  g_assert_cmpuint (summary.n_imported, ==, 2);
  g_assert_cmpuint (summary.duplicates->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (summary.duplicates, 0), ==, "B (two)");
  g_assert_cmpuint (n_accounts (fixture), ==, 2);
}

static void
test_preview (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(RvImportResult) result = parse_sample ("2fas-plain.2fas");
  g_auto(RvImportSummary) preview = { 0 };
  g_auto(RvImportSummary) applied = { 0 };
  g_autofree char *text = NULL;

  rv_import_preview (fixture->vault, result, &preview);
  g_assert_cmpuint (preview.n_imported, ==, 4);
  g_assert_true (preview.preview);
  g_assert_cmpuint (n_accounts (fixture), ==, 0);
  g_assert_false (rv_vault_is_dirty (fixture->vault));
  text = rv_import_summary_to_string (&preview);
  g_assert_true (g_str_has_prefix (text, "4 to import, 0 skipped as duplicates, 0 rejected\n"));

  rv_import_apply (fixture->vault, result, &applied);
  g_assert_cmpuint (applied.n_imported, ==, 4);
  g_assert_false (applied.preview);
  g_assert_cmpuint (n_accounts (fixture), ==, 4);
}

static void
test_saved (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(RvImportResult) result = parse_sample ("bitwarden.json");
  g_auto(RvImportSummary) summary = { 0 };
  g_autoptr(RvSecret) password = rv_secret_new_from_string ("vault password");
  g_autoptr(RvVault) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (rv_vault_get_path (fixture->vault));
  g_autoptr(RvAccount) steam = NULL;

  rv_import_apply (fixture->vault, result, &summary);
  g_assert_true (rv_vault_save (fixture->vault, &error));
  g_assert_no_error (error);

  reopened = rv_vault_open (path, password, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rv_vault_get_accounts (reopened)), ==, 3);
  steam = g_list_model_get_item (rv_vault_get_accounts (reopened), 2);
  g_assert_cmpint (rv_account_get_kind (steam), ==, RV_OTP_KIND_STEAM);
  g_assert_cmpstr (rv_account_get_issuer (steam), ==, "Steam");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/import-apply/duplicates", Fixture, NULL, fixture_setup,
              test_apply_and_duplicates, fixture_teardown);
  g_test_add ("/import-apply/duplicates-within-file", Fixture, NULL, fixture_setup,
              test_duplicates_within_file, fixture_teardown);
  g_test_add ("/import-apply/preview", Fixture, NULL, fixture_setup, test_preview,
              fixture_teardown);
  g_test_add ("/import-apply/saved", Fixture, NULL, fixture_setup, test_saved,
              fixture_teardown);

  return g_test_run ();
}
