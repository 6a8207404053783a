/* test-export-roundtrip.c: every exporter read back by the matching importer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rv-base32.h"
#include "rv-export.h"
#include "rv-import.h"
#include "rv-test-util.h"

typedef struct
{
  RvOtpKind       kind;
  const char     *issuer;
  const char     *name;
  const char     *base32;
  RvOtpAlgorithm  algorithm;
  guint           digits;
  guint           period;
  guint64         counter;
  gboolean        google;     /* expressible in Google's format */
} Sample;

static const Sample samples[] = {
  { RV_OTP_KIND_TOTP, "PyPI", "alice", "JBSWY3DPEHPK3PXP", RV_OTP_ALGORITHM_SHA1, 6, 30, 0, TRUE },
  { RV_OTP_KIND_HOTP, "Ex \"Q\" & co", "bob@example.org", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
    RV_OTP_ALGORITHM_SHA256, 8, 30, 42, TRUE },
  { RV_OTP_KIND_TOTP, "GitHub", "çà/é ü", "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U",
    RV_OTP_ALGORITHM_SHA512, 8, 30, 0, TRUE },
  { RV_OTP_KIND_TOTP, "Slow", "carol", "KRSXG5CTMVRXEZLU", RV_OTP_ALGORITHM_SHA1, 7, 60, 0, FALSE },
  { RV_OTP_KIND_STEAM, "Steam", "gamer", "JBSWY3DPEHPK3PXQ", RV_OTP_ALGORITHM_SHA1, 5, 30, 0, FALSE },
};

static RvAccount *
make_account (const Sample *sample)
{
  RvAccount *account = rv_account_new ();
  g_autoptr(RvSecret) secret = rv_base32_decode (sample->base32, strlen (sample->base32), NULL);

  rv_account_set_kind (account, sample->kind);
  rv_account_set_issuer (account, sample->issuer);
  rv_account_set_name (account, sample->name);
  rv_account_set_algorithm (account, sample->algorithm);
  rv_account_set_digits (account, sample->digits);
  rv_account_set_period (account, sample->period);
  rv_account_set_counter (account, sample->counter);
  rv_account_set_secret (account, secret);
  return account;
}

static GListStore *
make_store (gboolean google_only,
            guint    copies)
{
  GListStore *store = g_list_store_new (RV_TYPE_ACCOUNT);

  for (guint c = 0; c < copies; c++)
    for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
      {
        g_autoptr(RvAccount) account = NULL;

        if (google_only && !samples[i].google)
          continue;
        account = make_account (&samples[i]);
        if (copies > 1)
          {
            g_autofree char *name = g_strdup_printf ("%s-%u", samples[i].name, c);

            rv_account_set_name (account, name);
          }
        g_list_store_append (store, account);
      }
  return store;
}

static void
assert_same (RvAccount *expected,
             RvAccount *actual)
{
  g_assert_cmpint (rv_account_get_kind (actual), ==, rv_account_get_kind (expected));
  g_assert_cmpstr (rv_account_get_issuer (actual), ==, rv_account_get_issuer (expected));
  g_assert_cmpstr (rv_account_get_name (actual), ==, rv_account_get_name (expected));
  g_assert_cmpint (rv_account_get_algorithm (actual), ==, rv_account_get_algorithm (expected));
  g_assert_cmpuint (rv_account_get_digits (actual), ==, rv_account_get_digits (expected));
  if (rv_account_get_kind (expected) == RV_OTP_KIND_HOTP)
    g_assert_cmpuint (rv_account_get_counter (actual), ==, rv_account_get_counter (expected));
  else
    g_assert_cmpuint (rv_account_get_period (actual), ==, rv_account_get_period (expected));
  g_assert_true (rv_secret_equal (rv_account_get_secret (actual),
                                  rv_account_get_secret (expected)));
}

/* Parses @text (format detected, then named) and checks it holds @store. */
static void
assert_imports_as (const RvSecret *text,
                   RvImportFormat  format,
                   GListStore     *store)
{
  const guint8 *data = rv_secret_get_data (text);
  gsize len = rv_secret_get_size (text);
  g_autoptr(RvImportResult) detected = NULL;
  g_autoptr(RvImportResult) named = NULL;
  g_autoptr(GError) error = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  g_assert_cmpint (rv_import_detect (data, len), ==, format);
  g_assert_false (rv_import_is_encrypted (data, len, format));

  detected = rv_import_parse (data, len, RV_IMPORT_FORMAT_AUTO, NULL, &error);
  g_assert_no_error (error);
  named = rv_import_parse (data, len, format, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (named->format, ==, format);
  g_assert_cmpuint (named->rejected->len, ==, 0);
  g_assert_cmpuint (named->warnings->len, ==, 0);
  g_assert_cmpuint (named->accounts->len, ==, n);
  g_assert_cmpuint (detected->accounts->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RvAccount) expected = g_list_model_get_item (G_LIST_MODEL (store), i);

      assert_same (expected, g_ptr_array_index (named->accounts, i));
      assert_same (expected, g_ptr_array_index (detected->accounts, i));
    }
}

static void
test_uri_list (void)
{
  g_autoptr(GListStore) store = make_store (FALSE, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(RvSecret) text = NULL;

  text = rv_export_uri_list (G_LIST_MODEL (store), RV_EXPORT_CONFIRM_UNENCRYPTED, NULL, &error);
  g_assert_no_error (error);
  assert_imports_as (text, RV_IMPORT_FORMAT_URI_LIST, store);
}

static void
test_aegis_json (void)
{
  g_autoptr(GListStore) store = make_store (FALSE, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(RvSecret) text = NULL;

  text = rv_export_aegis_json (G_LIST_MODEL (store), RV_EXPORT_CONFIRM_UNENCRYPTED, NULL, &error);
  g_assert_no_error (error);
  assert_imports_as (text, RV_IMPORT_FORMAT_AEGIS, store);
}

static void
test_google_single (void)
{
  g_autoptr(GListStore) store = make_store (TRUE, 1);
  g_autoptr(GListStore) all = make_store (FALSE, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) uris = NULL;
  g_autoptr(RvSecret) text = NULL;

  uris = rv_export_google_migration (G_LIST_MODEL (all), 10, RV_EXPORT_CONFIRM_UNENCRYPTED, NULL,
                                     &error);
  g_assert_no_error (error);
  g_assert_cmpuint (uris->len, ==, 1);
  text = rv_export_join_lines (uris);
  assert_imports_as (text, RV_IMPORT_FORMAT_GOOGLE_MIGRATION, store);
}

/* 36 accounts in batches of 10: four QR codes, read back as one export. */
static void
test_google_batches (void)
{
  g_autoptr(GListStore) store = make_store (TRUE, 12);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) uris = NULL;
  g_autoptr(GPtrArray) partial = NULL;
  g_autoptr(RvSecret) text = NULL;
  g_autoptr(RvSecret) partial_text = NULL;
  g_autoptr(RvImportResult) result = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 36);
  uris = rv_export_google_migration (G_LIST_MODEL (store), 10, RV_EXPORT_CONFIRM_UNENCRYPTED,
                                     NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (uris->len, ==, 4);
  text = rv_import_join_texts (uris);
  assert_imports_as (text, RV_IMPORT_FORMAT_GOOGLE_MIGRATION, store);

  /* A missing part is noticed by the importer. */
  partial = g_ptr_array_new ();
  g_ptr_array_add (partial, g_ptr_array_index (uris, 0));
  g_ptr_array_add (partial, g_ptr_array_index (uris, 2));
  partial_text = rv_export_join_lines (partial);
  result = rv_import_parse (rv_secret_get_data (partial_text), rv_secret_get_size (partial_text),
                            RV_IMPORT_FORMAT_GOOGLE_MIGRATION, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->accounts->len, ==, 20);
  g_assert_cmpuint (result->warnings->len, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export-roundtrip/uri-list", test_uri_list);
  g_test_add_func ("/export-roundtrip/aegis-json", test_aegis_json);
  g_test_add_func ("/export-roundtrip/google/single", test_google_single);
  g_test_add_func ("/export-roundtrip/google/batches", test_google_batches);

  return g_test_run ();
}
