/* test-import.c: the importers against sample exports of each app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The samples in tests/data/import/ are written by make-samples.py there,
 * from the apps' documented formats.
 */
#include <string.h>

#include "rv-base32.h"
#include "rv-import.h"
#include "rv-import-private.h"
#include "rv-pbkdf2.h"
#include "rv-test-util.h"

#define PASSWORD "correct horse battery staple"

typedef struct
{
  RvOtpKind       kind;
  const char     *issuer;
  const char     *name;
  const char     *secret_b32;
  RvOtpAlgorithm  algorithm;
  guint           digits;
  guint           period;
  guint64         counter;
  const char     *code;   /* at CODE_TIME, from an independent HOTP (or NULL) */
} Expected;

#define CODE_TIME 1700000000

typedef struct
{
  const char *label;
  const char *reason_part;
} ExpectedRejection;

static RvSecret *
load_sample (const char *name)
{
  g_autofree char *path = g_build_filename ("data", "import", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  RvSecret *secret;

  g_file_get_contents (rv_test_source_path (path), &contents, &len, &error);
  g_assert_no_error (error);
  secret = rv_secret_new_from_data (contents, len);
  memset (contents, 0, len);
  return secret;
}

static RvImportResult *
parse_sample (const char      *name,
              RvImportFormat   format,
              const char      *password,
              GError         **error)
{
  g_autoptr(RvSecret) data = load_sample (name);
  g_autoptr(RvSecret) secret = password != NULL ? rv_secret_new_from_string (password) : NULL;

  return rv_import_parse (rv_secret_get_data (data), rv_secret_get_size (data), format, secret,
                          error);
}

static void
check_account (RvAccount      *account,
               const Expected *expected)
{
  g_autoptr(RvSecret) secret = rv_base32_decode (expected->secret_b32, -1, NULL);

  g_assert_cmpint (rv_account_get_kind (account), ==, expected->kind);
  g_assert_cmpstr (rv_account_get_issuer (account), ==, expected->issuer);
  g_assert_cmpstr (rv_account_get_name (account), ==, expected->name);
  g_assert_true (rv_secret_equal (rv_account_get_secret (account), secret));
  g_assert_cmpint (rv_account_get_algorithm (account), ==, expected->algorithm);
  g_assert_cmpuint (rv_account_get_digits (account), ==, expected->digits);
  if (expected->kind != RV_OTP_KIND_HOTP)
    g_assert_cmpuint (rv_account_get_period (account), ==, expected->period);
  else
    g_assert_cmpuint (rv_account_get_counter (account), ==, expected->counter);
  if (expected->code != NULL)
    {
      char code[RV_OTP_CODE_BUFFER];

      g_assert_true (rv_account_generate_code (account, CODE_TIME, code, NULL));
      g_assert_cmpstr (code, ==, expected->code);
    }
}

static void
check_result (RvImportResult          *result,
              RvImportFormat           format,
              const Expected          *expected,
              guint                    n_expected,
              const ExpectedRejection *rejections,
              guint                    n_rejections)
{
  g_assert_nonnull (result);
  g_assert_cmpint (result->format, ==, format);
  g_assert_cmpuint (result->accounts->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    check_account (g_ptr_array_index (result->accounts, i), &expected[i]);
  g_assert_cmpuint (result->rejected->len, ==, n_rejections);
  for (guint i = 0; i < n_rejections; i++)
    {
      RvImportRejected *rejected = g_ptr_array_index (result->rejected, i);

      g_assert_cmpstr (rejected->label, ==, rejections[i].label);
      g_assert_nonnull (strstr (rejected->reason, rejections[i].reason_part));
    }
}

/* The same four accounts appear in most samples. */
#define DENO  { RV_OTP_KIND_TOTP, "Deno", "Mason", "4SJHB4GSD43FZBAI7C2HLRJGPQ", RV_OTP_ALGORITHM_SHA1, 6, 30, 0, "790195" }
#define AIRC  { RV_OTP_KIND_HOTP, "Air Canada", "Benjamin", "KUVJJOM753IHTNDSZVCNKL7GII", RV_OTP_ALGORITHM_SHA256, 7, 30, 50, "4444976" }
#define WWE   { RV_OTP_KIND_TOTP, "WWE", "Mason", "5VAML3X35THCEBVRLV24CGBKOY", RV_OTP_ALGORITHM_SHA512, 8, 60, 0, "87819333" }
#define STEAM { RV_OTP_KIND_STEAM, "Steam", "Sophia", "JRZCL47CMXVOQMNPZR2F7J4RGI", RV_OTP_ALGORITHM_SHA1, 5, 30, 0, "747JR" }

static const Expected aegis_accounts[] = { DENO, AIRC, WWE, STEAM };
static const ExpectedRejection aegis_rejections[] = {
  { "Old VPN (Lucas)", "mOTP accounts are not supported" },
  { "Broken (Olivia)", "Invalid base32 character" },
};

static void
check_aegis_extras (RvImportResult *result)
{
  RvAccount *deno = g_ptr_array_index (result->accounts, 0);
  const char * const *tags = rv_account_get_tags (deno);

  g_assert_cmpstr (rv_account_get_notes (deno), ==, "main account");
  g_assert_nonnull (tags);
  g_assert_cmpstr (tags[0], ==, "Work");
  g_assert_null (tags[1]);
}

static void
test_aegis_plain (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvImportResult) result = parse_sample ("aegis-plain.json", RV_IMPORT_FORMAT_AUTO,
                                                   NULL, &error);

  g_assert_no_error (error);
  check_result (result, RV_IMPORT_FORMAT_AEGIS, aegis_accounts, G_N_ELEMENTS (aegis_accounts),
                aegis_rejections, G_N_ELEMENTS (aegis_rejections));
  g_assert_false (result->was_encrypted);
  check_aegis_extras (result);
}

static void
test_aegis_encrypted (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvImportResult) result = NULL;

  result = parse_sample ("aegis-encrypted.json", RV_IMPORT_FORMAT_AUTO, NULL, &error);
  g_assert_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_NEEDS_PASSWORD);
  g_assert_null (result);
  g_clear_error (&error);

  result = parse_sample ("aegis-encrypted.json", RV_IMPORT_FORMAT_AUTO, "wrong", &error);
  g_assert_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_WRONG_PASSWORD);
  g_assert_null (result);
  g_clear_error (&error);

  result = parse_sample ("aegis-encrypted.json", RV_IMPORT_FORMAT_AEGIS, PASSWORD, &error);
  g_assert_no_error (error);
  check_result (result, RV_IMPORT_FORMAT_AEGIS, aegis_accounts, G_N_ELEMENTS (aegis_accounts),
                aegis_rejections, G_N_ELEMENTS (aegis_rejections));
  g_assert_true (result->was_encrypted);
  check_aegis_extras (result);
}

/* Replaces the first occurrence of @from by @to in a sample. */
static RvSecret *
edit_sample (const char *name,
             const char *from,
             const char *to)
{
  g_autoptr(RvSecret) data = load_sample (name);
  const char *text = rv_secret_get_string (data);
  const char *at = strstr (text, from);
  g_autoptr(GString) edited = g_string_new (NULL);
  RvSecret *result;

  g_assert_nonnull (at);
  g_string_append_len (edited, text, at - text);
  g_string_append (edited, to);
  g_string_append (edited, at + strlen (from));
  result = rv_secret_new_from_data (edited->str, edited->len);
  return result;
}

static void
assert_parse_fails (const RvSecret *data,
                    RvImportFormat  format,
                    const char     *password,
                    int             code,
                    const char     *message_part)
{
  g_autoptr(RvSecret) secret = password != NULL ? rv_secret_new_from_string (password) : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RvImportResult) result = NULL;

  result = rv_import_parse (rv_secret_get_data (data), rv_secret_get_size (data), format,
                            secret, &error);
  g_assert_error (error, RV_IMPORT_ERROR, code);
  g_assert_null (result);
  if (message_part != NULL && strstr (error->message, message_part) == NULL)
    g_error ("“%s” not in “%s”", message_part, error->message);
}

static void
test_aegis_damaged (void)
{
  g_autoptr(RvSecret) full = load_sample ("aegis-encrypted.json");
  g_autoptr(RvSecret) flipped = rv_secret_copy (full);
  g_autoptr(RvSecret) truncated = NULL;
  g_autoptr(RvSecret) no_secret = NULL;
  g_autoptr(RvSecret) newer = NULL;
  g_autoptr(RvSecret) newer_db = NULL;
  g_autoptr(RvSecret) bad_n = NULL;
  g_autoptr(RvSecret) bad_nonce = NULL;
  char *db = strstr ((char *) rv_secret_get_mutable_data (flipped), "\"db\": \"");

  /* One flipped character of the ciphertext: the slot opens, the db does not. */
  g_assert_nonnull (db);
  db[20] = db[20] == 'A' ? 'B' : 'A';
  assert_parse_fails (flipped, RV_IMPORT_FORMAT_AUTO, PASSWORD, RV_IMPORT_ERROR_DAMAGED,
                      "damaged");

  truncated = rv_secret_new_from_data (rv_secret_get_data (full), rv_secret_get_size (full) / 2);
  assert_parse_fails (truncated, RV_IMPORT_FORMAT_AEGIS, PASSWORD, RV_IMPORT_ERROR_MALFORMED,
                      "not valid JSON");

  no_secret = edit_sample ("aegis-plain.json", "\"secret\": \"5VAML3X35THCEBVRLV24CGBKOY\",", "");
  assert_parse_fails (no_secret, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_MALFORMED,
                      "entry 3: “secret” is missing");

  /* The structure is checked before the password is asked for. */
  bad_n = edit_sample ("aegis-encrypted.json", "\"n\": 1024", "\"n\": 1000");
  assert_parse_fails (bad_n, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_UNSUPPORTED_CRYPTO,
                      "slot 2: unsupported scrypt parameters N=1000");
  bad_nonce = edit_sample ("aegis-encrypted.json", "\"params\": {\n            \"nonce\": \"",
                           "\"params\": {\"nonce\": \"00");
  assert_parse_fails (bad_nonce, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_MALFORMED,
                      "The nonce has the wrong length");

  newer = edit_sample ("aegis-plain.json", "\"version\": 1,", "\"version\": 2,");
  assert_parse_fails (newer, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_UNSUPPORTED_VERSION,
                      "Aegis vault version 2");
  newer_db = edit_sample ("aegis-plain.json", "\"version\": 3,", "\"version\": 4,");
  assert_parse_fails (newer_db, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_UNSUPPORTED_VERSION,
                      "database version 4");
}

static const Expected andotp_accounts[] = { DENO, AIRC, STEAM };
static const ExpectedRejection andotp_rejections[] = {
  { "Legacy (Noah)", "unsupported algorithm “MD5”" },
};

static void
check_andotp (const char     *sample,
              RvImportFormat  format,
              const char     *password,
              gboolean        encrypted)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvImportResult) result = parse_sample (sample, format, password, &error);
  const char * const *tags;

  g_assert_no_error (error);
  check_result (result, RV_IMPORT_FORMAT_ANDOTP, andotp_accounts,
                G_N_ELEMENTS (andotp_accounts), andotp_rejections,
                G_N_ELEMENTS (andotp_rejections));
  g_assert_cmpint (result->was_encrypted, ==, encrypted);
  tags = rv_account_get_tags (g_ptr_array_index (result->accounts, 0));
  g_assert_cmpstr (tags[0], ==, "Work");
  g_assert_cmpstr (tags[1], ==, "Dev");
}

static void
test_andotp (void)
{
  g_autoptr(RvSecret) damaged = load_sample ("andotp-encrypted.json.aes");

  check_andotp ("andotp-plain.json", RV_IMPORT_FORMAT_AUTO, NULL, FALSE);
  check_andotp ("andotp-encrypted.json.aes", RV_IMPORT_FORMAT_AUTO, PASSWORD, TRUE);
  check_andotp ("andotp-encrypted-old.json.aes", RV_IMPORT_FORMAT_ANDOTP, PASSWORD, TRUE);

  assert_parse_fails (damaged, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_NEEDS_PASSWORD,
                      "andOTP");
  assert_parse_fails (damaged, RV_IMPORT_FORMAT_ANDOTP, "wrong", RV_IMPORT_ERROR_WRONG_PASSWORD,
                      "Wrong password");
  rv_secret_get_mutable_data (damaged)[100] ^= 1;
  assert_parse_fails (damaged, RV_IMPORT_FORMAT_AUTO, PASSWORD, RV_IMPORT_ERROR_WRONG_PASSWORD,
                      "damaged");
}

static const Expected twofas_accounts[] = { DENO, AIRC, WWE, STEAM };

static void
test_twofas (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvImportResult) plain = NULL;
  g_autoptr(RvImportResult) encrypted = NULL;
  g_autoptr(RvSecret) damaged = load_sample ("2fas-encrypted.2fas");
  char *services;

  plain = parse_sample ("2fas-plain.2fas", RV_IMPORT_FORMAT_AUTO, NULL, &error);
  g_assert_no_error (error);
  check_result (plain, RV_IMPORT_FORMAT_TWOFAS, twofas_accounts,
                G_N_ELEMENTS (twofas_accounts), NULL, 0);

  encrypted = parse_sample ("2fas-encrypted.2fas", RV_IMPORT_FORMAT_TWOFAS, PASSWORD, &error);
  g_assert_no_error (error);
  check_result (encrypted, RV_IMPORT_FORMAT_TWOFAS, twofas_accounts,
                G_N_ELEMENTS (twofas_accounts), NULL, 0);
  g_assert_true (encrypted->was_encrypted);

  assert_parse_fails (damaged, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_NEEDS_PASSWORD, NULL);
  assert_parse_fails (damaged, RV_IMPORT_FORMAT_AUTO, "wrong", RV_IMPORT_ERROR_WRONG_PASSWORD,
                      "Wrong password for this 2FAS backup");
  services = strstr ((char *) rv_secret_get_mutable_data (damaged), "\"servicesEncrypted\": \"");
  g_assert_nonnull (services);
  services[40] = services[40] == 'A' ? 'B' : 'A';
  assert_parse_fails (damaged, RV_IMPORT_FORMAT_AUTO, PASSWORD, RV_IMPORT_ERROR_DAMAGED,
                      "damaged");
}

static const Expected freeotp_accounts[] = {
  { RV_OTP_KIND_HOTP, "WWE", "Mason", "5VAML3X35THCEBVRLV24CGBKOY", RV_OTP_ALGORITHM_SHA512, 8, 30, 10299 },
  { RV_OTP_KIND_TOTP, "SPDX", "James", "5OM4WOOGPLQEF6UGN3CPEOOLWU", RV_OTP_ALGORITHM_SHA256, 7, 20, 0 },
  DENO,
};

static void
test_freeotp (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvImportResult) json = NULL;
  g_autoptr(RvImportResult) uris = NULL;
  static const ExpectedRejection rejections[] = { { "Old (Ava)", "MD5" } };

  json = parse_sample ("freeotp-plus.json", RV_IMPORT_FORMAT_AUTO, NULL, &error);
  g_assert_no_error (error);
  check_result (json, RV_IMPORT_FORMAT_FREEOTP_PLUS, freeotp_accounts,
                G_N_ELEMENTS (freeotp_accounts), rejections, G_N_ELEMENTS (rejections));

  uris = parse_sample ("freeotp-plus-uris.txt", RV_IMPORT_FORMAT_AUTO, NULL, &error);
  g_assert_no_error (error);
  check_result (uris, RV_IMPORT_FORMAT_URI_LIST, freeotp_accounts,
                G_N_ELEMENTS (freeotp_accounts), NULL, 0);
}

static void
test_google_single (void)
{
  static const Expected accounts[] = {
    DENO,
    { RV_OTP_KIND_HOTP, "Air Canada", "Benjamin", "KUVJJOM753IHTNDSZVCNKL7GII", RV_OTP_ALGORITHM_SHA1, 8, 30, 5 },
    { RV_OTP_KIND_TOTP, NULL, "mason@example.org", "5VAML3X35THCEBVRLV24CGBKOY", RV_OTP_ALGORITHM_SHA256, 6, 30, 0 },
  };
  static const ExpectedRejection rejections[] = { { "Old (Ava)", "MD5" } };
  g_autoptr(GError) error = NULL;
  g_autoptr(RvImportResult) result = NULL;

  result = parse_sample ("google-single.txt", RV_IMPORT_FORMAT_AUTO, NULL, &error);
  g_assert_no_error (error);
  check_result (result, RV_IMPORT_FORMAT_GOOGLE_MIGRATION, accounts, G_N_ELEMENTS (accounts),
                rejections, G_N_ELEMENTS (rejections));
  g_assert_cmpuint (result->warnings->len, ==, 0);
}

static const Expected google_batch_accounts[] = {
  DENO,
  { RV_OTP_KIND_TOTP, "Air Canada", "Benjamin", "KUVJJOM753IHTNDSZVCNKL7GII", RV_OTP_ALGORITHM_SHA1, 6, 30, 0 },
  { RV_OTP_KIND_TOTP, "WWE", "Mason", "5VAML3X35THCEBVRLV24CGBKOY", RV_OTP_ALGORITHM_SHA512, 8, 30, 0 },
};

static RvImportResult *
parse_parts (const char * const *names,
             GError            **error)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) rv_secret_free);
  g_autoptr(RvSecret) joined = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (parts, load_sample (names[i]));
  joined = rv_import_join_texts (parts);
  return rv_import_parse (rv_secret_get_data (joined), rv_secret_get_size (joined),
                          RV_IMPORT_FORMAT_GOOGLE_MIGRATION, NULL, error);
}

static void
test_google_batch (void)
{
  const char *both[] = { "google-batch-part2.txt", "google-batch-part1.txt", NULL };
  const char *first[] = { "google-batch-part1.txt", NULL };
  const char *twice[] = { "google-batch-part1.txt", "google-batch-part1.txt", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(RvImportResult) all = NULL, partial = NULL, repeated = NULL;
  g_autoptr(RvSecret) damaged = edit_sample ("google-single.txt", "data=", "data=AAAA");

  all = parse_parts (both, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->accounts->len, ==, 3);
  /* Part 2 came first. */
  check_account (g_ptr_array_index (all->accounts, 0), &google_batch_accounts[2]);
  check_account (g_ptr_array_index (all->accounts, 1), &google_batch_accounts[0]);
  check_account (g_ptr_array_index (all->accounts, 2), &google_batch_accounts[1]);
  g_assert_cmpuint (all->warnings->len, ==, 0);

  partial = parse_parts (first, &error);
  g_assert_no_error (error);
  check_result (partial, RV_IMPORT_FORMAT_GOOGLE_MIGRATION, google_batch_accounts, 2, NULL, 0);
  g_assert_cmpuint (partial->warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (partial->warnings, 0), ==,
                   "Google export incomplete: part 2 of 2 missing (scan that QR code too)");

  repeated = parse_parts (twice, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (repeated->accounts->len, ==, 2);
  g_assert_cmpuint (repeated->warnings->len, ==, 2);

  assert_parse_fails (damaged, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_MALFORMED,
                      "line 1: the Google export data is damaged");
}

static void
test_bitwarden (void)
{
  static const Expected accounts[] = {
    DENO,
    { RV_OTP_KIND_TOTP, "SPDX", "james", "5OM4WOOGPLQEF6UGN3CPEOOLWU", RV_OTP_ALGORITHM_SHA1, 6, 30, 0 },
    { RV_OTP_KIND_STEAM, "Steam", "sophia", "JRZCL47CMXVOQMNPZR2F7J4RGI", RV_OTP_ALGORITHM_SHA1, 5, 30, 0, "747JR" },
  };
  static const ExpectedRejection rejections[] = { { "Broken (olivia)", "base32" } };
  g_autoptr(GError) error = NULL;
  g_autoptr(RvImportResult) result = NULL;
  g_autoptr(RvSecret) encrypted = edit_sample ("bitwarden.json", "\"encrypted\": false",
                                               "\"encrypted\": true");

  result = parse_sample ("bitwarden.json", RV_IMPORT_FORMAT_AUTO, NULL, &error);
  g_assert_no_error (error);
  check_result (result, RV_IMPORT_FORMAT_BITWARDEN, accounts, G_N_ELEMENTS (accounts),
                rejections, G_N_ELEMENTS (rejections));
  g_assert_cmpuint (result->warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (result->warnings, 0), ==,
                   "2 Bitwarden items without a TOTP field left out");

  assert_parse_fails (encrypted, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_UNSUPPORTED_CRYPTO,
                      "unencrypted JSON");
}

static void
test_uri_list (void)
{
  static const Expected accounts[] = { DENO, AIRC, STEAM };
  static const ExpectedRejection rejections[] = { { "line 6 (Broken:olivia)", "base32" } };
  g_autoptr(GError) error = NULL;
  g_autoptr(RvImportResult) result = NULL;
  g_autoptr(RvSecret) garbage = edit_sample ("uri-list.txt", "# a broken one", "hello");

  result = parse_sample ("uri-list.txt", RV_IMPORT_FORMAT_URI_LIST, NULL, &error);
  g_assert_no_error (error);
  check_result (result, RV_IMPORT_FORMAT_URI_LIST, accounts, G_N_ELEMENTS (accounts),
                rejections, G_N_ELEMENTS (rejections));

  assert_parse_fails (garbage, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_MALFORMED,
                      "line 5: not an otpauth");
}

static void
test_detect (void)
{
  static const struct
  {
    const char     *sample;
    RvImportFormat  format;
    gboolean        encrypted;
  } cases[] = {
    { "aegis-plain.json", RV_IMPORT_FORMAT_AEGIS, FALSE },
    { "aegis-encrypted.json", RV_IMPORT_FORMAT_AEGIS, TRUE },
    { "andotp-plain.json", RV_IMPORT_FORMAT_ANDOTP, FALSE },
    { "andotp-encrypted.json.aes", RV_IMPORT_FORMAT_ANDOTP, TRUE },
    { "2fas-plain.2fas", RV_IMPORT_FORMAT_TWOFAS, FALSE },
    { "2fas-encrypted.2fas", RV_IMPORT_FORMAT_TWOFAS, TRUE },
    { "freeotp-plus.json", RV_IMPORT_FORMAT_FREEOTP_PLUS, FALSE },
    { "freeotp-plus-uris.txt", RV_IMPORT_FORMAT_URI_LIST, FALSE },
    { "google-single.txt", RV_IMPORT_FORMAT_GOOGLE_MIGRATION, FALSE },
    { "bitwarden.json", RV_IMPORT_FORMAT_BITWARDEN, FALSE },
    { "uri-list.txt", RV_IMPORT_FORMAT_URI_LIST, FALSE },
    { "steam-old.maFile", RV_IMPORT_FORMAT_STEAM, FALSE },
    { "steam-new.maFile", RV_IMPORT_FORMAT_STEAM, FALSE },
    { "steam-app.json", RV_IMPORT_FORMAT_STEAM, FALSE },
    { "proton-authenticator.json", RV_IMPORT_FORMAT_PROTON, FALSE },
    { "duo-accounts.json", RV_IMPORT_FORMAT_DUO, FALSE },
    { "stratum-plain.json", RV_IMPORT_FORMAT_STRATUM, FALSE },
    { "raivo-otp-export.json", RV_IMPORT_FORMAT_RAIVO, FALSE },
    { "raivo-otp-export.zip", RV_IMPORT_FORMAT_RAIVO, TRUE },
    { "raivo-otp-export-pkware.zip", RV_IMPORT_FORMAT_RAIVO, TRUE },
    { "raivo-bomb.zip", RV_IMPORT_FORMAT_RAIVO, FALSE },
    { "raivo-otp-export-plain.zip", RV_IMPORT_FORMAT_RAIVO, FALSE },
    { "authplus-export.zip", RV_IMPORT_FORMAT_AUTHPLUS, TRUE },
    { "authplus-export-pkware.zip", RV_IMPORT_FORMAT_AUTHPLUS, TRUE },
    { "authplus-export-plain.zip", RV_IMPORT_FORMAT_AUTHPLUS, FALSE },
    { "authplus-backup.zip", RV_IMPORT_FORMAT_AUTHPLUS_DB, TRUE },
    { "authy-authenticator.xml", RV_IMPORT_FORMAT_AUTHY, FALSE },
    { "authy-authy.xml", RV_IMPORT_FORMAT_AUTHY, FALSE },
    { "authy-encrypted.xml", RV_IMPORT_FORMAT_AUTHY, TRUE },
    { "freeotp-tokens.xml", RV_IMPORT_FORMAT_FREEOTP, FALSE },
    { "totp-authenticator.xml", RV_IMPORT_FORMAT_TOTP_AUTHENTICATOR, FALSE },
    { "freeotp-backup.xml", RV_IMPORT_FORMAT_FREEOTP_BACKUP, TRUE },
    { "totp-authenticator-encrypted.bin", RV_IMPORT_FORMAT_TOTP_AUTHENTICATOR, TRUE },
    { "totp-authenticator-default.bin", RV_IMPORT_FORMAT_TOTP_AUTHENTICATOR, FALSE },
    { "battlenet.xml", RV_IMPORT_FORMAT_BATTLENET, FALSE },
    { "bitwarden.csv", RV_IMPORT_FORMAT_BITWARDEN_CSV, FALSE },
    { "keepassxc.csv", RV_IMPORT_FORMAT_KEEPASSXC, FALSE },
    { "ente-encrypted.json", RV_IMPORT_FORMAT_ENTE, TRUE },
    { "google-authenticator.db", RV_IMPORT_FORMAT_GOOGLE_DB, FALSE },
    { "otpclient-v3.enc", RV_IMPORT_FORMAT_OTPCLIENT, TRUE },
    { "otpclient-v2.enc", RV_IMPORT_FORMAT_OTPCLIENT, TRUE },
    { "stratum-encrypted.authpro", RV_IMPORT_FORMAT_STRATUM, TRUE },
    { "stratum-legacy.authpro", RV_IMPORT_FORMAT_STRATUM, TRUE },
    { "stratum-authenticator.db3", RV_IMPORT_FORMAT_STRATUM_DB, FALSE },
    { "microsoft-authenticator.db", RV_IMPORT_FORMAT_MICROSOFT, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RvSecret) data = load_sample (cases[i].sample);
      const guint8 *bytes = rv_secret_get_data (data);
      gsize len = rv_secret_get_size (data);

      g_assert_cmpint (rv_import_detect (bytes, len), ==, cases[i].format);
      g_assert_cmpint (rv_import_is_encrypted (bytes, len, RV_IMPORT_FORMAT_AUTO), ==,
                       cases[i].encrypted);
      g_assert_cmpint (rv_import_is_encrypted (bytes, len, cases[i].format), ==,
                       cases[i].encrypted);
    }
  g_assert_cmpint (rv_import_detect ((const guint8 *) "{\"a\": 1}", 8), ==, RV_IMPORT_FORMAT_AUTO);

  /* The older andOTP format has no header: random bytes to detection, read
   * when andOTP is chosen. */
  {
    g_autoptr(RvSecret) old = load_sample ("andotp-encrypted-old.json.aes");

    g_assert_cmpint (rv_import_detect (rv_secret_get_data (old), rv_secret_get_size (old)), ==,
                     RV_IMPORT_FORMAT_AUTO);
    g_assert_false (rv_import_is_encrypted (rv_secret_get_data (old), rv_secret_get_size (old),
                                            RV_IMPORT_FORMAT_AUTO));
    g_assert_true (rv_import_is_encrypted (rv_secret_get_data (old), rv_secret_get_size (old),
                                           RV_IMPORT_FORMAT_ANDOTP));
  }
  g_assert_cmpint (rv_import_detect ((const guint8 *) "hello", 5), ==, RV_IMPORT_FORMAT_AUTO);
}

static void
test_errors (void)
{
  g_autoptr(RvSecret) empty = rv_secret_new_from_string ("  \n ");
  g_autoptr(RvSecret) text = rv_secret_new_from_string ("Dear diary,\n");
  g_autoptr(RvSecret) other_json = rv_secret_new_from_string ("{\"hello\": [1, 2]}");
  g_autoptr(RvSecret) aegis = load_sample ("aegis-plain.json");
  g_autoptr(RvSecret) binary = rv_secret_new_from_data ("\x00\x01\x02\xff\xfe", 5);

  assert_parse_fails (empty, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_UNKNOWN_FORMAT, "empty");
  assert_parse_fails (text, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_UNKNOWN_FORMAT,
                      "not an export of a supported app");
  assert_parse_fails (other_json, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_UNKNOWN_FORMAT,
                      "The file (a JSON file) is not an export");
  assert_parse_fails (aegis, RV_IMPORT_FORMAT_TWOFAS, NULL, RV_IMPORT_ERROR_UNKNOWN_FORMAT,
                      "not a file exported by 2FAS");
  assert_parse_fails (aegis, RV_IMPORT_FORMAT_GOOGLE_MIGRATION, NULL, RV_IMPORT_ERROR_MALFORMED,
                      "line 1");
  /* Binary: the formats that are random bytes are named, to be chosen. */
  assert_parse_fails (binary, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_UNKNOWN_FORMAT,
                      "--format authplus-db");
}

/* Files of no supported app: never taken for an encrypted andOTP backup
 * (which asked for a password, then called it wrong), always "not an
 * export of a supported app" naming the supported ones. */
static void
test_unknown_files (void)
{
  static const char sqlite[] = "SQLite format 3\0\x10\x00\x01\x01\x00\x40\x20\x20"
                               "\x00\x00\x00\x01\x00\x00\x00\x02\x00\x00\x00\x00";
  static const char xml[] = "<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n"
                            "<map>\n    <int name=\"theme\" value=\"2\" />\n</map>\n";
  static const char zip[] = "PK\x03\x04\x14\x00\x00\x00\x08\x00\xba\xdc\x0f\xfe"
                            "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00";
  static const struct
  {
    const char *bytes;
    gsize       len;
    const char *what;
  } cases[] = {
    { sqlite, sizeof sqlite - 1, "(an SQLite database)" },
    { xml, sizeof xml - 1, "(an XML file)" },
    { zip, sizeof zip - 1, "(a ZIP archive)" },
    { "", 0, "empty" },
  };
  guint n_random_detected = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RvSecret) data = rv_secret_new_from_data (cases[i].bytes, cases[i].len);

      g_assert_cmpint (rv_import_detect (rv_secret_get_data (data), cases[i].len), ==,
                       RV_IMPORT_FORMAT_AUTO);
      g_assert_false (rv_import_is_encrypted (rv_secret_get_data (data), cases[i].len,
                                              RV_IMPORT_FORMAT_AUTO));
      assert_parse_fails (data, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_UNKNOWN_FORMAT,
                          cases[i].what);
      assert_parse_fails (data, RV_IMPORT_FORMAT_AUTO, "a password", RV_IMPORT_ERROR_UNKNOWN_FORMAT,
                          cases[i].what);
    }
  {
    g_autoptr(RvSecret) data = rv_secret_new_from_data (sqlite, sizeof sqlite - 1);

    assert_parse_fails (data, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_UNKNOWN_FORMAT,
                        "Supported: Aegis, andOTP, 2FAS");
  }

  /* Random bytes: a thousand files of 2 KiB, seeded so the run repeats. */
  {
    g_autoptr(GRand) rand = g_rand_new_with_seed (14);

    for (guint n = 0; n < 1000; n++)
      {
        g_autoptr(RvSecret) data = rv_secret_new (2048);
        guint8 *bytes = rv_secret_get_mutable_data (data);

        for (gsize i = 0; i < 2048; i++)
          bytes[i] = g_rand_int_range (rand, 0, 256);
        if (rv_import_detect (bytes, 2048) != RV_IMPORT_FORMAT_AUTO)
          {
            n_random_detected++;
            continue;
          }
        assert_parse_fails (data, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_UNKNOWN_FORMAT,
                            "is not an export of a supported app");
      }
  }
  /* Only a plausible andOTP iteration count in the first 4 bytes
   * (1,000–10,000,000) is taken for one: about 1 file in 430. */
  g_assert_cmpuint (n_random_detected, <, 10);
}

static void
test_read_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvSecret) data = NULL;
  g_autofree char *dir = rv_test_make_tmpdir ();
  g_autofree char *binary = g_build_filename (dir, "backup.json.aes", NULL);
  static const char bytes[] = "\x00\x01\n\r\n";

  data = rv_import_read_file (dir, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_null (data);
  g_clear_error (&error);

  data = rv_import_read_file ("/nonexistent/export.json", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/export.json"));
  g_clear_error (&error);

  /* Binary files come back byte for byte (no newline trimming). */
  g_assert_true (g_file_set_contents (binary, bytes, sizeof bytes - 1, NULL));
  data = rv_import_read_file (binary, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (rv_secret_get_data (data), rv_secret_get_size (data), bytes, sizeof bytes - 1);
  rv_test_rm_rf (dir);
}

static void
test_format_strings (void)
{
  static const RvImportFormat all[] = {
    RV_IMPORT_FORMAT_AUTO, RV_IMPORT_FORMAT_AEGIS, RV_IMPORT_FORMAT_ANDOTP,
    RV_IMPORT_FORMAT_TWOFAS, RV_IMPORT_FORMAT_FREEOTP_PLUS, RV_IMPORT_FORMAT_GOOGLE_MIGRATION,
    RV_IMPORT_FORMAT_BITWARDEN, RV_IMPORT_FORMAT_URI_LIST,
  };
  RvImportFormat format;

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_assert_true (rv_import_format_from_string (rv_import_format_to_string (all[i]), &format));
      g_assert_cmpint (format, ==, all[i]);
      g_assert_nonnull (rv_import_format_get_display_name (all[i]));
    }
  g_assert_true (rv_import_format_from_string ("2fas", &format));
  g_assert_cmpint (format, ==, RV_IMPORT_FORMAT_TWOFAS);
  g_assert_true (rv_import_format_from_string ("uri-list", &format));
  g_assert_cmpint (format, ==, RV_IMPORT_FORMAT_URI_LIST);
  g_assert_false (rv_import_format_from_string ("keepass", &format));
  g_assert_false (rv_import_format_from_string (NULL, &format));
}

/* RFC 6070 (PBKDF2-HMAC-SHA1) and RFC 7914 §11 (PBKDF2-HMAC-SHA256). */
static void
test_pbkdf2 (void)
{
  static const struct
  {
    GChecksumType  digest;
    const char    *password;
    gsize          password_len;
    const char    *salt;
    gsize          salt_len;
    guint          iterations;
    const char    *hex;
  } vectors[] = {
    { G_CHECKSUM_SHA1, "password", 8, "salt", 4, 1,
      "0c60c80f961f0e71f3a9b524af6012062fe037a6" },
    { G_CHECKSUM_SHA1, "password", 8, "salt", 4, 2,
      "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957" },
    { G_CHECKSUM_SHA1, "password", 8, "salt", 4, 4096,
      "4b007901b765489abead49d926f721d065a429c1" },
    { G_CHECKSUM_SHA1, "passwordPASSWORDpassword", 24,
      "saltSALTsaltSALTsaltSALTsaltSALTsalt", 36, 4096,
      "3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038" },
    { G_CHECKSUM_SHA1, "pass\0word", 9, "sa\0lt", 5, 4096,
      "56fa6aa75548099dcc37d7f03425e0c3" },
    { G_CHECKSUM_SHA256, "passwd", 6, "salt", 4, 1,
      "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
      "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783" },
    { G_CHECKSUM_SHA256, "Password", 8, "NaCl", 4, 80000,
      "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
      "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      gsize key_len = strlen (vectors[i].hex) / 2;
      g_autoptr(RvSecret) key = rv_pbkdf2_hmac (vectors[i].digest,
                                                (const guint8 *) vectors[i].password,
                                                vectors[i].password_len,
                                                (const guint8 *) vectors[i].salt,
                                                vectors[i].salt_len, vectors[i].iterations,
                                                key_len);
      g_autoptr(GString) hex = g_string_new (NULL);

      g_assert_nonnull (key);
      for (gsize j = 0; j < key_len; j++)
        g_string_append_printf (hex, "%02x", rv_secret_get_data (key)[j]);
      g_assert_cmpstr (hex->str, ==, vectors[i].hex);
    }

  g_assert_null (rv_pbkdf2_hmac (G_CHECKSUM_MD5, (const guint8 *) "a", 1, NULL, 0, 1, 16));
  g_assert_null (rv_pbkdf2_hmac (G_CHECKSUM_SHA1, (const guint8 *) "a", 1, NULL, 0, 0, 16));
}

static const Expected ente_accounts[] = { DENO, AIRC, WWE };
/* OTPClient: every database version holds the same tokens. */
static const Expected otpclient_accounts[] = { DENO, AIRC, WWE, STEAM };
static const ExpectedRejection otpclient_rejections[] = {
  { "Old Bank (Lucas)", "unsupported algorithm “MD5”" },
  { "Old VPN (Ava)", "mOTP accounts are not supported" },
};
static const Expected stratum_accounts[] = { DENO, AIRC, WWE, STEAM };
static const ExpectedRejection stratum_rejections[] = {
  { "Old VPN (Lucas)", "mOTP accounts are not supported" },
  { "Yandex (Ava)", "Yandex accounts are not supported" },
};

static const Expected authy_accounts[] = {
  DENO,
  { RV_OTP_KIND_TOTP, "SPDX", "James", "5OM4WOOGPLQEF6UGN3CPEOOLWU", RV_OTP_ALGORITHM_SHA1, 7, 30, 0, "5041871" },
  { RV_OTP_KIND_TOTP, "Forum", "ava", "KUVJJOM753IHTNDSZVCNKL7GII", RV_OTP_ALGORITHM_SHA1, 8, 30, 0, "77067239" },
};

/* Flipping any byte of an encrypted export gives an error or, where the byte
 * is outside the authenticated data and irrelevant (an app version, a
 * uuid), the complete import: never a partial one. */
static void
test_flipped_bytes (void)
{
  static const struct
  {
    const char     *sample;
    RvImportFormat  format;
    const Expected *accounts;
    guint           n_accounts;
    guint           stride;
  } cases[] = {
    { "aegis-encrypted.json", RV_IMPORT_FORMAT_AUTO, aegis_accounts, G_N_ELEMENTS (aegis_accounts), 23 },
    { "andotp-encrypted.json.aes", RV_IMPORT_FORMAT_AUTO, andotp_accounts, G_N_ELEMENTS (andotp_accounts), 7 },
    { "andotp-encrypted-old.json.aes", RV_IMPORT_FORMAT_ANDOTP, andotp_accounts, G_N_ELEMENTS (andotp_accounts), 7 },
    { "2fas-encrypted.2fas", RV_IMPORT_FORMAT_AUTO, twofas_accounts, G_N_ELEMENTS (twofas_accounts), 41 },
    { "ente-encrypted.json", RV_IMPORT_FORMAT_AUTO, ente_accounts, G_N_ELEMENTS (ente_accounts), 13 },
    { "otpclient-v3.enc", RV_IMPORT_FORMAT_AUTO, otpclient_accounts, G_N_ELEMENTS (otpclient_accounts), 37 },
    { "stratum-encrypted.authpro", RV_IMPORT_FORMAT_AUTO, stratum_accounts, G_N_ELEMENTS (stratum_accounts), 211 },
  };
  g_autoptr(RvSecret) password = rv_secret_new_from_string (PASSWORD);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(RvSecret) data = load_sample (cases[c].sample);
      gsize len = rv_secret_get_size (data);
      guint n_errors = 0;

      for (gsize i = c; i < len; i += cases[c].stride)
        {
          guint8 *byte = rv_secret_get_mutable_data (data) + i;
          g_autoptr(RvImportResult) result = NULL;
          g_autoptr(GError) error = NULL;

          *byte ^= 0x04;
          result = rv_import_parse (rv_secret_get_data (data), len, cases[c].format, password,
                                    &error);
          *byte ^= 0x04;
          if (result == NULL)
            {
              g_assert_nonnull (error);
              n_errors++;
              continue;
            }
          if (result->accounts->len != cases[c].n_accounts)
            g_error ("%s: flipping byte %" G_GSIZE_FORMAT " imported %u accounts", cases[c].sample,
                     i, result->accounts->len);
          for (guint j = 0; j < cases[c].n_accounts; j++)
            check_account (g_ptr_array_index (result->accounts, j), &cases[c].accounts[j]);
        }
      g_assert_cmpuint (n_errors, >, 0);
    }
}

static RvAccount *
account_at (RvImportResult *result,
            guint           index)
{
  g_assert_cmpuint (index, <, result->accounts->len);
  return g_ptr_array_index (result->accounts, index);
}

static void
assert_tags (RvAccount  *account,
             const char *first,
             const char *second)
{
  const char * const *tags = rv_account_get_tags (account);

  g_assert_nonnull (tags);
  g_assert_cmpstr (tags[0], ==, first);
  if (first != NULL)
    g_assert_cmpstr (tags[1], ==, second);
}

static void
assert_no_tags (RvAccount *account)
{
  const char * const *tags = rv_account_get_tags (account);

  g_assert_true (tags == NULL || tags[0] == NULL);
}

static const Expected steam_accounts[] = {
  { RV_OTP_KIND_STEAM, "Steam", "sophia", "JRZCL47CMXVOQMNPZR2F7J4RGI", RV_OTP_ALGORITHM_SHA1, 5, 30, 0, "747JR" },
};

static void
test_steam (void)
{
  static const Expected app_accounts[] = {
    { RV_OTP_KIND_STEAM, "Steam", "sophia", "JRZCL47CMXVOQMNPZR2F7J4RGI", RV_OTP_ALGORITHM_SHA1, 5, 30, 0, "747JR" },
    { RV_OTP_KIND_STEAM, "Steam", "mason", "5VAML3X35THCEBVRLV24CGBKOY", RV_OTP_ALGORITHM_SHA1, 5, 30, 0, "D4TNM" },
  };
  const char *samples[] = { "steam-old.maFile", "steam-new.maFile" };
  g_autoptr(RvSecret) no_secret = NULL;
  g_autoptr(RvImportResult) app = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(RvImportResult) result = parse_sample (samples[i], RV_IMPORT_FORMAT_AUTO, NULL,
                                                       &error);
      g_autoptr(RvSecret) revocation = rv_secret_new_from_string ("R12345");
      RvAccount *account;

      g_assert_no_error (error);
      check_result (result, RV_IMPORT_FORMAT_STEAM, steam_accounts, 1, NULL, 0);
      account = account_at (result, 0);
      /* The revocation code is the account's recovery code. */
      g_assert_cmpuint (rv_account_get_n_recovery_codes (account), ==, 1);
      g_assert_true (rv_account_use_recovery_code (account, revocation, CODE_TIME, NULL));
    }

  app = parse_sample ("steam-app.json", RV_IMPORT_FORMAT_STEAM, NULL, &error);
  g_assert_no_error (error);
  check_result (app, RV_IMPORT_FORMAT_STEAM, app_accounts, G_N_ELEMENTS (app_accounts), NULL, 0);
  g_assert_cmpuint (rv_account_get_n_recovery_codes (account_at (app, 1)), ==, 0);

  no_secret = edit_sample ("steam-new.maFile", "\"shared_secret\": \"", "\"shared_secret\": \"!");
  {
    g_autoptr(RvImportResult) result = NULL;

    result = rv_import_parse (rv_secret_get_data (no_secret), rv_secret_get_size (no_secret),
                              RV_IMPORT_FORMAT_AUTO, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (result->accounts->len, ==, 0);
    g_assert_cmpuint (result->rejected->len, ==, 1);
    g_assert_cmpstr (((RvImportRejected *) result->rejected->pdata[0])->label, ==,
                     "Steam (sophia)");
  }
}

static void
test_proton (void)
{
  static const Expected accounts[] = {
    DENO,
    { RV_OTP_KIND_TOTP, "WWE", "Mason", "5VAML3X35THCEBVRLV24CGBKOY", RV_OTP_ALGORITHM_SHA512, 8, 60, 0, "87819333" },
    { RV_OTP_KIND_STEAM, "Steam", NULL, "JRZCL47CMXVOQMNPZR2F7J4RGI", RV_OTP_ALGORITHM_SHA1, 5, 30, 0, "747JR" },
  };
  static const ExpectedRejection rejections[] = { { "Broken", "base32" } };
  g_autoptr(GError) error = NULL;
  g_autoptr(RvImportResult) result = parse_sample ("proton-authenticator.json",
                                                   RV_IMPORT_FORMAT_AUTO, NULL, &error);
  g_autoptr(RvSecret) newer = edit_sample ("proton-authenticator.json", "\"version\": 1",
                                           "\"version\": 2");

  g_assert_no_error (error);
  check_result (result, RV_IMPORT_FORMAT_PROTON, accounts, G_N_ELEMENTS (accounts),
                rejections, G_N_ELEMENTS (rejections));
  g_assert_cmpstr (rv_account_get_notes (account_at (result, 0)), ==, "main account");
  assert_parse_fails (newer, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_UNSUPPORTED_VERSION,
                      "version 2");
}

static void
test_duo (void)
{
  static const Expected accounts[] = {
    { RV_OTP_KIND_HOTP, NULL, "Duo Admin", "KUVJJOM753IHTNDSZVCNKL7GII", RV_OTP_ALGORITHM_SHA1, 6, 30, 7, "213790" },
    { RV_OTP_KIND_TOTP, NULL, "Deno", "4SJHB4GSD43FZBAI7C2HLRJGPQ", RV_OTP_ALGORITHM_SHA1, 6, 30, 0, "790195" },
  };
  static const ExpectedRejection rejections[] = { { "VPN push", "push-only" } };
  g_autoptr(GError) error = NULL;
  g_autoptr(RvImportResult) result = parse_sample ("duo-accounts.json", RV_IMPORT_FORMAT_AUTO,
                                                   NULL, &error);
  g_autoptr(RvSecret) damaged = edit_sample ("duo-accounts.json", "\"otpSecret\": ",
                                             "\"otpSecret\": 12, \"x\": ");

  g_assert_no_error (error);
  check_result (result, RV_IMPORT_FORMAT_DUO, accounts, G_N_ELEMENTS (accounts), rejections,
                G_N_ELEMENTS (rejections));
  assert_parse_fails (damaged, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_MALFORMED,
                      "account 1: “otpSecret” should be text");
}

static void
test_stratum_plain (void)
{
  static const Expected accounts[] = { DENO, AIRC, WWE, STEAM };
  static const ExpectedRejection rejections[] = {
    { "Old VPN (Lucas)", "mOTP accounts are not supported" },
    { "Yandex (Ava)", "Yandex accounts are not supported" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(RvImportResult) result = parse_sample ("stratum-plain.json", RV_IMPORT_FORMAT_AUTO,
                                                   NULL, &error);
  g_autoptr(RvSecret) damaged = edit_sample ("stratum-plain.json", "\"Categories\": [",
                                             "\"Categories\": 3, \"x\": [");

  g_assert_no_error (error);
  check_result (result, RV_IMPORT_FORMAT_STRATUM, accounts, G_N_ELEMENTS (accounts),
                rejections, G_N_ELEMENTS (rejections));
  assert_tags (account_at (result, 0), "Work", "Dev");
  g_assert_true (rv_account_get_tags (account_at (result, 1)) == NULL ||
                 rv_account_get_tags (account_at (result, 1))[0] == NULL);
  assert_parse_fails (damaged, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_MALFORMED,
                      "“Categories” and “AuthenticatorCategories” should be lists");
}

static void
test_raivo (void)
{
  static const Expected accounts[] = { DENO, AIRC, WWE };
  static const ExpectedRejection rejections[] = {
    { "Legacy (Noah)", "unsupported algorithm “MD5”" },
  };
  /* The JSON alone, and in an unencrypted ZIP archive (unpacked and zipped
   * again). */
  static const char * const samples[] = { "raivo-otp-export.json", "raivo-otp-export-plain.zip" };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RvImportResult) result = parse_sample (samples[i], RV_IMPORT_FORMAT_AUTO, NULL,
                                                       &error);

      g_assert_no_error (error);
      check_result (result, RV_IMPORT_FORMAT_RAIVO, accounts, G_N_ELEMENTS (accounts),
                    rejections, G_N_ELEMENTS (rejections));
      g_assert_false (result->was_encrypted);
    }
}

#define RAIVO_ZIP_PASSWORD "badc0ffee0ddf00d"

/* Raivo's password-protected ZIP archive, WinZip AES (current Raivo) and
 * traditional PKWARE encryption (old versions). */
static void
test_raivo_zip (void)
{
  static const Expected accounts[] = { DENO, AIRC, WWE };
  static const ExpectedRejection rejections[] = {
    { "Legacy (Noah)", "unsupported algorithm “MD5”" },
  };
  static const char * const samples[] = { "raivo-otp-export.zip", "raivo-otp-export-pkware.zip" };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RvImportResult) result = NULL;
      g_autoptr(RvSecret) sealed = load_sample (samples[i]);
      g_autoptr(RvSecret) damaged = rv_secret_copy (sealed);
      g_autoptr(RvSecret) truncated = NULL;
      const guint8 *bytes = rv_secret_get_data (sealed);
      gsize at = 0;

      result = parse_sample (samples[i], RV_IMPORT_FORMAT_AUTO, RAIVO_ZIP_PASSWORD, &error);
      g_assert_no_error (error);
      check_result (result, RV_IMPORT_FORMAT_RAIVO, accounts, G_N_ELEMENTS (accounts),
                    rejections, G_N_ELEMENTS (rejections));
      g_assert_true (result->was_encrypted);
      g_clear_pointer (&result, rv_import_result_free);
      result = parse_sample (samples[i], RV_IMPORT_FORMAT_RAIVO, RAIVO_ZIP_PASSWORD, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (result->accounts->len, ==, G_N_ELEMENTS (accounts));

      assert_parse_fails (sealed, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_NEEDS_PASSWORD,
                          "Raivo OTP");
      assert_parse_fails (sealed, RV_IMPORT_FORMAT_AUTO, "not the password",
                          RV_IMPORT_ERROR_WRONG_PASSWORD, "Wrong password");
      assert_parse_fails (sealed, RV_IMPORT_FORMAT_AEGIS, RAIVO_ZIP_PASSWORD,
                          RV_IMPORT_ERROR_UNKNOWN_FORMAT, NULL);

      /* A byte of the encrypted JSON changed (its local header is the first
       * place the name appears). */
      while (at + 21 < rv_secret_get_size (sealed) &&
             memcmp (bytes + at, "raivo-otp-export.json", 21) != 0)
        at++;
      at += 100;
      g_assert_cmpuint (at, <, rv_secret_get_size (sealed));
      rv_secret_get_mutable_data (damaged)[at] ^= 0x5a;
      assert_parse_fails (damaged, RV_IMPORT_FORMAT_AUTO, RAIVO_ZIP_PASSWORD,
                          RV_IMPORT_ERROR_DAMAGED, "damaged");
      truncated = rv_secret_new_from_data (rv_secret_get_data (sealed),
                                           rv_secret_get_size (sealed) / 2);
      assert_parse_fails (truncated, RV_IMPORT_FORMAT_RAIVO, RAIVO_ZIP_PASSWORD,
                          RV_IMPORT_ERROR_MALFORMED, "ZIP archive");
    }
}

/* An encrypted ZIP archive of something else is an unknown file, not a
 * wrong password; a JSON inflating past the bound stops with an error. */
static void
test_raivo_zip_other (void)
{
  g_autoptr(RvSecret) other = load_sample ("zip-encrypted-other.zip");
  g_autoptr(RvSecret) bomb = load_sample ("raivo-bomb.zip");
  const guint8 *bytes = rv_secret_get_data (other);
  gsize len = rv_secret_get_size (other);

  g_assert_cmpint (rv_import_detect (bytes, len), ==, RV_IMPORT_FORMAT_AUTO);
  g_assert_false (rv_import_is_encrypted (bytes, len, RV_IMPORT_FORMAT_AUTO));
  assert_parse_fails (other, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_UNKNOWN_FORMAT,
                      "a ZIP archive");
  assert_parse_fails (other, RV_IMPORT_FORMAT_AUTO, RAIVO_ZIP_PASSWORD,
                      RV_IMPORT_ERROR_UNKNOWN_FORMAT, "a ZIP archive");
  assert_parse_fails (other, RV_IMPORT_FORMAT_RAIVO, RAIVO_ZIP_PASSWORD,
                      RV_IMPORT_ERROR_UNKNOWN_FORMAT, "holds no Raivo OTP export");
  assert_parse_fails (bomb, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_TOO_LARGE,
                      "too large");
}

/* A URI that does not parse is named by its line and its label, never by
 * the parameters (which hold the secret). */
static void
test_uri_list_rejected_labels (void)
{
  static const char text[] =
    "otpauth://totp/Legacy:liam?secret=ONSWG4TFOQYTEMZU&algorithm=MD5\n"
    "otpauth://totp/ACME:me&secret=JBSWY3DPEHPK3PXP\n"
    "otpauth://totp/ACME%3Ame?secret=1\n";
  static const char * const labels[] = { "line 1 (Legacy:liam)", "line 2", "line 3 (ACME:me)" };
  g_autoptr(RvSecret) data = rv_secret_new_from_data (text, sizeof text - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(RvImportResult) result = NULL;

  result = rv_import_parse (rv_secret_get_data (data), rv_secret_get_size (data),
                            RV_IMPORT_FORMAT_URI_LIST, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->accounts->len, ==, 0);
  g_assert_cmpuint (result->rejected->len, ==, G_N_ELEMENTS (labels));
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      RvImportRejected *rejected = g_ptr_array_index (result->rejected, i);

      g_assert_cmpstr (rejected->label, ==, labels[i]);
      g_assert_null (strstr (rejected->label, "JBSW"));
      g_assert_null (strstr (rejected->reason, "JBSW"));
    }
}

#define AUTHPLUS_PASSWORD PASSWORD

/* Authenticator Plus's export: Accounts.txt (otpauth URIs) in a ZIP archive
 * protected by the backup password (WinZip AES and traditional PKWARE), or
 * in one without (a fuzzing seed). Codes from oathtool. */
static void
test_authplus (void)
{
  static const Expected accounts[] = {
    { RV_OTP_KIND_TOTP, "Fastmail", "olivia@example.org", "JZ3G6ZLTMVZWK3DFONSXE33U",
      RV_OTP_ALGORITHM_SHA1, 6, 30, 0, "996623" },
    { RV_OTP_KIND_HOTP, "Linode", "ethan", "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U",
      RV_OTP_ALGORITHM_SHA1, 8, 30, 42, "78147872" },
    { RV_OTP_KIND_TOTP, "Hetzner", "ava", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
      RV_OTP_ALGORITHM_SHA256, 6, 60, 0, "855935" },
  };
  static const ExpectedRejection rejections[] = { { "line 4 (Legacy:liam)", "“MD5”" } };
  static const struct
  {
    const char *sample;
    const char *password;
  } samples[] = {
    { "authplus-export.zip", AUTHPLUS_PASSWORD },
    { "authplus-export-pkware.zip", AUTHPLUS_PASSWORD },
    { "authplus-export-plain.zip", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RvImportResult) result = NULL;
      g_autoptr(RvSecret) sealed = load_sample (samples[i].sample);
      g_autoptr(RvSecret) truncated = NULL;

      result = parse_sample (samples[i].sample, RV_IMPORT_FORMAT_AUTO, samples[i].password,
                             &error);
      g_assert_no_error (error);
      check_result (result, RV_IMPORT_FORMAT_AUTHPLUS, accounts, G_N_ELEMENTS (accounts),
                    rejections, G_N_ELEMENTS (rejections));
      g_assert_cmpint (result->was_encrypted, ==, samples[i].password != NULL);
      g_clear_pointer (&result, rv_import_result_free);
      result = parse_sample (samples[i].sample, RV_IMPORT_FORMAT_AUTHPLUS, samples[i].password,
                             &error);
      g_assert_no_error (error);
      g_assert_cmpuint (result->accounts->len, ==, G_N_ELEMENTS (accounts));

      truncated = rv_secret_new_from_data (rv_secret_get_data (sealed),
                                           rv_secret_get_size (sealed) / 2);
      assert_parse_fails (truncated, RV_IMPORT_FORMAT_AUTHPLUS, samples[i].password,
                          RV_IMPORT_ERROR_MALFORMED, "ZIP archive");
      if (samples[i].password == NULL)
        continue;
      assert_parse_fails (sealed, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_NEEDS_PASSWORD,
                          "Authenticator Plus");
      assert_parse_fails (sealed, RV_IMPORT_FORMAT_AUTO, "not the password",
                          RV_IMPORT_ERROR_WRONG_PASSWORD,
                          "Wrong password for this Authenticator Plus export");
      assert_parse_fails (sealed, RV_IMPORT_FORMAT_RAIVO, AUTHPLUS_PASSWORD,
                          RV_IMPORT_ERROR_UNKNOWN_FORMAT, "holds no Raivo OTP export");
    }
}

/* A damaged Accounts.txt says which part is damaged; a ZIP archive of
 * something else chosen as Authenticator Plus says what it lacks. */
static void
test_authplus_other (void)
{
  g_autoptr(RvSecret) damaged = load_sample ("authplus-damaged.zip");
  g_autoptr(RvSecret) other = load_sample ("zip-encrypted-other.zip");
  g_autoptr(RvSecret) json = load_sample ("aegis-plain.json");

  assert_parse_fails (damaged, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_MALFORMED,
                      "Accounts.txt in this Authenticator Plus export is damaged: line 6");
  assert_parse_fails (other, RV_IMPORT_FORMAT_AUTHPLUS, AUTHPLUS_PASSWORD,
                      RV_IMPORT_ERROR_UNKNOWN_FORMAT,
                      "holds no Authenticator Plus export (Accounts.txt)");
  assert_parse_fails (json, RV_IMPORT_FORMAT_AUTHPLUS, NULL, RV_IMPORT_ERROR_UNKNOWN_FORMAT,
                      NULL);
}

/* Authenticator Plus's own backup, a SQLCipher 3 database read by the
 * helper rv-sqlcipher-reader (RV_SQLCIPHER_READER, set by meson). Every
 * account reads as TOTP, said in a warning. Codes from oathtool. */
static void
test_authplus_db (void)
{
  static const Expected accounts[] = {
    { RV_OTP_KIND_TOTP, "Fastmail", "olivia@example.org", "JZ3G6ZLTMVZWK3DFONSXE33U",
      RV_OTP_ALGORITHM_SHA1, 6, 30, 0, "996623" },
    { RV_OTP_KIND_TOTP, "Linode", "ethan", "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U",
      RV_OTP_ALGORITHM_SHA1, 6, 30, 0, "526458" },
    { RV_OTP_KIND_TOTP, "Hetzner", "ava", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
      RV_OTP_ALGORITHM_SHA1, 6, 30, 0, "921300" },
  };
  static const ExpectedRejection rejections[] = { { "Broken (liam)", "Invalid base32" } };
  g_autoptr(GError) error = NULL;
  g_autoptr(RvImportResult) result = NULL;
  g_autoptr(RvSecret) db = load_sample ("authplus-backup.db");
  g_autoptr(RvSecret) other = load_sample ("authplus-other.db");
  g_autoptr(RvSecret) json = load_sample ("aegis-plain.json");
  g_autoptr(RvSecret) truncated = NULL;
  g_autoptr(RvSecret) flipped = rv_secret_copy (db);
  const guint8 *bytes = rv_secret_get_data (db);
  gsize len = rv_secret_get_size (db);
  g_autofree char *reader = g_strdup (g_getenv ("RV_SQLCIPHER_READER"));

  g_assert_nonnull (reader);
  /* Random bytes: never detected, read when chosen. */
  g_assert_cmpint (rv_import_detect (bytes, len), ==, RV_IMPORT_FORMAT_AUTO);
  g_assert_true (rv_import_is_encrypted (bytes, len, RV_IMPORT_FORMAT_AUTHPLUS_DB));

  result = parse_sample ("authplus-backup.db", RV_IMPORT_FORMAT_AUTHPLUS_DB, PASSWORD, &error);
  g_assert_no_error (error);
  check_result (result, RV_IMPORT_FORMAT_AUTHPLUS_DB, accounts, G_N_ELEMENTS (accounts),
                rejections, G_N_ELEMENTS (rejections));
  g_assert_true (result->was_encrypted);
  g_assert_cmpuint (result->warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (result->warnings, 0), "TOTP"));

  assert_parse_fails (db, RV_IMPORT_FORMAT_AUTHPLUS_DB, NULL, RV_IMPORT_ERROR_NEEDS_PASSWORD,
                      "Authenticator Plus");

  /* In a ZIP archive, as the app's backups are shared: recognised. */
  g_clear_pointer (&result, rv_import_result_free);
  result = parse_sample ("authplus-backup.zip", RV_IMPORT_FORMAT_AUTO, PASSWORD, &error);
  g_assert_no_error (error);
  check_result (result, RV_IMPORT_FORMAT_AUTHPLUS_DB, accounts, G_N_ELEMENTS (accounts),
                rejections, G_N_ELEMENTS (rejections));
  {
    g_autoptr(RvSecret) zip = load_sample ("authplus-backup.zip");

    assert_parse_fails (zip, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_NEEDS_PASSWORD,
                        "Authenticator Plus");
    assert_parse_fails (zip, RV_IMPORT_FORMAT_AUTO, "1234 5678", RV_IMPORT_ERROR_WRONG_PASSWORD,
                        "Wrong password");
  }
  assert_parse_fails (db, RV_IMPORT_FORMAT_AUTHPLUS_DB, "1234 5678",
                      RV_IMPORT_ERROR_WRONG_PASSWORD, "Wrong password");
  assert_parse_fails (db, RV_IMPORT_FORMAT_AUTO, PASSWORD, RV_IMPORT_ERROR_UNKNOWN_FORMAT, NULL);
  assert_parse_fails (other, RV_IMPORT_FORMAT_AUTHPLUS_DB, PASSWORD, RV_IMPORT_ERROR_MALFORMED,
                      "no Authenticator Plus accounts table");
  assert_parse_fails (json, RV_IMPORT_FORMAT_AUTHPLUS_DB, PASSWORD,
                      RV_IMPORT_ERROR_UNKNOWN_FORMAT, NULL);

  /* Damage past the first page: it opens, the accounts do not read. */
  truncated = rv_secret_new_from_data (bytes, 2048);
  assert_parse_fails (truncated, RV_IMPORT_FORMAT_AUTHPLUS_DB, PASSWORD, RV_IMPORT_ERROR_DAMAGED,
                      "damaged");
  rv_secret_get_mutable_data (flipped)[1024 + 100] ^= 0x5a;   /* the accounts page */
  assert_parse_fails (flipped, RV_IMPORT_FORMAT_AUTHPLUS_DB, PASSWORD, RV_IMPORT_ERROR_DAMAGED,
                      "damaged");

  /* Without its reader, the message names what is missing. */
  g_setenv ("RV_SQLCIPHER_READER", "/nonexistent/rv-sqlcipher-reader", TRUE);
  assert_parse_fails (db, RV_IMPORT_FORMAT_AUTHPLUS_DB, PASSWORD,
                      RV_IMPORT_ERROR_UNSUPPORTED_CRYPTO, "rv-sqlcipher-reader");
  g_setenv ("RV_SQLCIPHER_READER", reader, TRUE);
}

/* The helper's output, as the fuzz target reads it. */
static void
test_authplus_db_convert (void)
{
  static const char *bad[] = {
    "{}", "[1]", "[{\"email\": 3, \"issuer\": \"x\", \"secret\": \"JBSWY3DP\"}]",
  };
  const char *no_secret = "[{\"email\": \"a\"}]";
  g_autoptr(GError) error = NULL;
  g_autoptr(RvImportResult) result = NULL;
  const char *good = "[{\"email\": \"me\", \"issuer\": null, \"secret\": \"JBSWY3DPEHPK3PXP\"}]";

  result = rv_import_authplus_db_convert ((const guint8 *) good, strlen (good), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->accounts->len, ==, 1);
  g_clear_pointer (&result, rv_import_result_free);
  /* An account without a secret is listed as rejected, not an error. */
  result = rv_import_authplus_db_convert ((const guint8 *) no_secret, strlen (no_secret), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->accounts->len, ==, 0);
  g_assert_cmpuint (result->rejected->len, ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) bad_error = NULL;
      g_autoptr(RvImportResult) none = rv_import_authplus_db_convert ((const guint8 *) bad[i],
                                                                       strlen (bad[i]),
                                                                       &bad_error);

      g_assert_null (none);
      g_assert_error (bad_error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED);
    }
}

static void
test_authy (void)
{
  static const Expected authy_own[] = {
    { RV_OTP_KIND_TOTP, "Twitch", NULL, "SE3XL7MAG3MXIKWNRYNLKUB3YA", RV_OTP_ALGORITHM_SHA1, 7, 10, 0, "2506951" },
  };
  static const ExpectedRejection rejections[] = { { "Broken (olivia)", "Invalid base32" } };
  g_autoptr(GError) error = NULL;
  g_autoptr(RvImportResult) plain = NULL;
  g_autoptr(RvImportResult) own = NULL;
  g_autoptr(RvImportResult) encrypted = NULL;
  g_autoptr(RvSecret) sealed = load_sample ("authy-encrypted.xml");
  g_autoptr(RvSecret) damaged = edit_sample ("authy-authenticator.xml", "[{", "[{{");
  g_autoptr(RvSecret) truncated = NULL;

  plain = parse_sample ("authy-authenticator.xml", RV_IMPORT_FORMAT_AUTO, NULL, &error);
  g_assert_no_error (error);
  check_result (plain, RV_IMPORT_FORMAT_AUTHY, authy_accounts, G_N_ELEMENTS (authy_accounts),
                rejections, G_N_ELEMENTS (rejections));
  g_assert_false (plain->was_encrypted);

  own = parse_sample ("authy-authy.xml", RV_IMPORT_FORMAT_AUTHY, NULL, &error);
  g_assert_no_error (error);
  check_result (own, RV_IMPORT_FORMAT_AUTHY, authy_own, 1, NULL, 0);

  g_assert_true (rv_import_is_encrypted (rv_secret_get_data (sealed), rv_secret_get_size (sealed),
                                         RV_IMPORT_FORMAT_AUTO));
  assert_parse_fails (sealed, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_NEEDS_PASSWORD, "Authy");
  assert_parse_fails (sealed, RV_IMPORT_FORMAT_AUTO, "wrong", RV_IMPORT_ERROR_WRONG_PASSWORD,
                      "Wrong backup password for this Authy file");
  encrypted = parse_sample ("authy-encrypted.xml", RV_IMPORT_FORMAT_AUTO, PASSWORD, &error);
  g_assert_no_error (error);
  check_result (encrypted, RV_IMPORT_FORMAT_AUTHY, authy_accounts, G_N_ELEMENTS (authy_accounts),
                NULL, 0);
  g_assert_true (encrypted->was_encrypted);

  assert_parse_fails (damaged, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_MALFORMED,
                      "The token list in this Authy file is damaged");
  truncated = rv_secret_new_from_data (rv_secret_get_data (sealed), rv_secret_get_size (sealed) / 2);
  assert_parse_fails (truncated, RV_IMPORT_FORMAT_AUTHY, PASSWORD, RV_IMPORT_ERROR_MALFORMED,
                      "not a valid preferences XML file");
}

static void
test_freeotp_xml (void)
{
  static const Expected accounts[] = {
    { RV_OTP_KIND_HOTP, "WWE", "Mason", "5VAML3X35THCEBVRLV24CGBKOY", RV_OTP_ALGORITHM_SHA512, 8, 30, 10299, "93504581" },
    DENO,
  };
  static const ExpectedRejection rejections[] = { { "Old (Ava)", "unsupported algorithm “MD5”" } };
  g_autoptr(GError) error = NULL;
  g_autoptr(RvImportResult) result = parse_sample ("freeotp-tokens.xml", RV_IMPORT_FORMAT_AUTO,
                                                   NULL, &error);
  g_autoptr(RvSecret) damaged = edit_sample ("freeotp-tokens.xml", "name=\"Deno:Mason\">{",
                                             "name=\"Deno:Mason\">[");

  g_assert_no_error (error);
  check_result (result, RV_IMPORT_FORMAT_FREEOTP, accounts, G_N_ELEMENTS (accounts), rejections,
                G_N_ELEMENTS (rejections));
  assert_parse_fails (damaged, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_MALFORMED, "token 2: ");
}

static void
test_totp_authenticator (void)
{
  static const Expected accounts[] = {
    { RV_OTP_KIND_TOTP, "Deno", "Mason", "4SJHB4GSD43FZBAI7C2HLRJGPQ", RV_OTP_ALGORITHM_SHA1, 6, 30, 0, "790195" },
    { RV_OTP_KIND_TOTP, "SPDX", "James", "5OM4WOOGPLQEF6UGN3CPEOOLWU", RV_OTP_ALGORITHM_SHA1, 6, 30, 0, "041871" },
    { RV_OTP_KIND_TOTP, "Air Canada", "Benjamin", "KUVJJOM753IHTNDSZVCNKL7GII", RV_OTP_ALGORITHM_SHA1, 6, 30, 0, "067239" },
  };
  static const ExpectedRejection rejections[] = { { "Octal (Noah)", "base 8" } };
  g_autoptr(GError) error = NULL;
  g_autoptr(RvImportResult) result = parse_sample ("totp-authenticator.xml",
                                                   RV_IMPORT_FORMAT_AUTO, NULL, &error);

  g_assert_no_error (error);
  check_result (result, RV_IMPORT_FORMAT_TOTP_AUTHENTICATOR, accounts, G_N_ELEMENTS (accounts),
                rejections, G_N_ELEMENTS (rejections));
}

/* TOTP Authenticator's .bin backup, with a password and with the app's own
 * (none asked for); digits and period come as text. */
static void
test_totp_authenticator_backup (void)
{
  static const Expected accounts[] = {
    { RV_OTP_KIND_TOTP, "Deno", "Mason", "4SJHB4GSD43FZBAI7C2HLRJGPQ", RV_OTP_ALGORITHM_SHA1, 6, 30, 0, "790195" },
    { RV_OTP_KIND_TOTP, "SPDX", "James", "5OM4WOOGPLQEF6UGN3CPEOOLWU", RV_OTP_ALGORITHM_SHA1, 8, 60, 0, "24629059" },
    { RV_OTP_KIND_TOTP, "Air Canada", "Benjamin", "KUVJJOM753IHTNDSZVCNKL7GII", RV_OTP_ALGORITHM_SHA1, 7, 20, 0, "7922492" },
  };
  static const ExpectedRejection rejections[] = { { "Octal (Noah)", "base 8" } };
  static const struct
  {
    const char *sample;
    const char *password;
  } cases[] = {
    { "totp-authenticator-encrypted.bin", PASSWORD },
    { "totp-authenticator-default.bin", NULL },
    { "totp-authenticator-default.bin", "any other" },
  };
  g_autoptr(RvSecret) data = load_sample ("totp-authenticator-encrypted.bin");
  g_autoptr(RvSecret) flipped = rv_secret_copy (data);
  g_autoptr(RvSecret) cut = rv_secret_new_from_data (rv_secret_get_data (data), 24);
  g_autoptr(RvSecret) text = rv_secret_new_from_string ("Dear diary, this is no backup.\n");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RvImportResult) result = parse_sample (cases[i].sample, RV_IMPORT_FORMAT_AUTO,
                                                       cases[i].password, &error);

      g_assert_no_error (error);
      check_result (result, RV_IMPORT_FORMAT_TOTP_AUTHENTICATOR, accounts,
                    G_N_ELEMENTS (accounts), rejections, G_N_ELEMENTS (rejections));
      g_assert_true (result->was_encrypted);
    }
  assert_parse_fails (data, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_NEEDS_PASSWORD,
                      "TOTP Authenticator");
  assert_parse_fails (data, RV_IMPORT_FORMAT_TOTP_AUTHENTICATOR, "wrong",
                      RV_IMPORT_ERROR_WRONG_PASSWORD,
                      "Wrong password for this TOTP Authenticator backup");
  /* Damage: the last block's padding (unauthenticated CBC: a wrong
   * password and damage look the same), or base64 cut short. */
  {
    /* A character of the last block but one: CBC garbles the last block. */
    guint8 *c = rv_secret_get_mutable_data (flipped) + rv_secret_get_size (flipped) - 30;

    *c = *c == 'A' ? 'B' : 'A';
  }
  assert_parse_fails (flipped, RV_IMPORT_FORMAT_AUTO, PASSWORD, RV_IMPORT_ERROR_WRONG_PASSWORD,
                      "or the file is damaged");
  g_assert_cmpint (rv_import_detect (rv_secret_get_data (cut), 24), ==,
                   RV_IMPORT_FORMAT_AUTO);
  assert_parse_fails (cut, RV_IMPORT_FORMAT_TOTP_AUTHENTICATOR, PASSWORD,
                      RV_IMPORT_ERROR_MALFORMED, "This TOTP Authenticator backup is cut short");
  /* Other text is unknown, never a password question. */
  g_assert_cmpint (rv_import_detect (rv_secret_get_data (text), rv_secret_get_size (text)), ==,
                   RV_IMPORT_FORMAT_AUTO);
  assert_parse_fails (text, RV_IMPORT_FORMAT_AUTO, PASSWORD, RV_IMPORT_ERROR_UNKNOWN_FORMAT,
                      "not an export of a supported app");
  assert_parse_fails (text, RV_IMPORT_FORMAT_TOTP_AUTHENTICATOR, PASSWORD,
                      RV_IMPORT_ERROR_UNKNOWN_FORMAT, "not a TOTP Authenticator backup");
}

static void
test_battlenet (void)
{
  static const Expected accounts[] = {
    { RV_OTP_KIND_TOTP, "Battle.net", "EU-1234-5678-9012", "5P2IOLGH5TAEKUZW33YDA45C5VFWGHNX", RV_OTP_ALGORITHM_SHA1, 8, 30, 0, "01158117" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(RvImportResult) result = parse_sample ("battlenet.xml", RV_IMPORT_FORMAT_AUTO, NULL,
                                                   &error);
  g_autoptr(RvSecret) damaged = edit_sample ("battlenet.xml", "DEVICE_SECRET\">5c",
                                             "DEVICE_SECRET\">5x");
  g_autoptr(RvSecret) aegis = load_sample ("aegis-plain.json");

  g_assert_no_error (error);
  check_result (result, RV_IMPORT_FORMAT_BATTLENET, accounts, 1, NULL, 0);
  assert_parse_fails (damaged, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_MALFORMED,
                      "The authenticator secret is not hexadecimal");
  assert_parse_fails (aegis, RV_IMPORT_FORMAT_BATTLENET, NULL, RV_IMPORT_ERROR_MALFORMED,
                      "not a valid preferences XML file");
}

static void
test_bitwarden_csv (void)
{
  static const Expected accounts[] = {
    { RV_OTP_KIND_TOTP, "Deno", "Mason", "4SJHB4GSD43FZBAI7C2HLRJGPQ", RV_OTP_ALGORITHM_SHA1, 6, 30, 0, "790195" },
    { RV_OTP_KIND_TOTP, "SPDX", "james", "5OM4WOOGPLQEF6UGN3CPEOOLWU", RV_OTP_ALGORITHM_SHA1, 6, 30, 0, "041871" },
    { RV_OTP_KIND_STEAM, "Steam", "sophia", "JRZCL47CMXVOQMNPZR2F7J4RGI", RV_OTP_ALGORITHM_SHA1, 5, 30, 0, "747JR" },
  };
  static const ExpectedRejection rejections[] = { { "Broken (olivia)", "base32" } };
  g_autoptr(GError) error = NULL;
  g_autoptr(RvImportResult) result = parse_sample ("bitwarden.csv", RV_IMPORT_FORMAT_AUTO, NULL,
                                                   &error);
  g_autoptr(RvSecret) unclosed = edit_sample ("bitwarden.csv", ",Broken,", ",\"Broken,");

  g_assert_no_error (error);
  check_result (result, RV_IMPORT_FORMAT_BITWARDEN_CSV, accounts, G_N_ELEMENTS (accounts),
                rejections, G_N_ELEMENTS (rejections));
  g_assert_cmpstr (rv_account_get_notes (account_at (result, 0)), ==,
                   "main account, \"primary\"\nsecond line");
  assert_tags (account_at (result, 0), "Work", NULL);
  g_assert_cmpuint (result->warnings->len, ==, 1);
  g_assert_nonnull (strstr (result->warnings->pdata[0], "2 Bitwarden items without"));
  /* An opening quote never closed: the row is named. */
  assert_parse_fails (unclosed, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_MALFORMED,
                      "line 8: a quoted field is not closed");
}

static void
test_keepassxc (void)
{
  static const Expected accounts[] = {
    DENO,
    { RV_OTP_KIND_TOTP, "WWE", "Mason", "5VAML3X35THCEBVRLV24CGBKOY", RV_OTP_ALGORITHM_SHA1, 8, 60, 0, "43165354" },
    { RV_OTP_KIND_STEAM, "Steam", "Sophia", "JRZCL47CMXVOQMNPZR2F7J4RGI", RV_OTP_ALGORITHM_SHA1, 5, 30, 0, "747JR" },
  };
  static const ExpectedRejection rejections[] = { { "Broken (olivia)", "base32" } };
  g_autoptr(GError) error = NULL;
  g_autoptr(RvImportResult) result = parse_sample ("keepassxc.csv", RV_IMPORT_FORMAT_AUTO, NULL,
                                                   &error);
  g_autoptr(RvSecret) bitwarden = load_sample ("bitwarden.csv");

  g_assert_no_error (error);
  check_result (result, RV_IMPORT_FORMAT_KEEPASSXC, accounts, G_N_ELEMENTS (accounts),
                rejections, G_N_ELEMENTS (rejections));
  g_assert_cmpstr (rv_account_get_notes (account_at (result, 0)), ==, "main account");
  assert_tags (account_at (result, 0), "Work", NULL);
  assert_tags (account_at (result, 2), "Games", NULL);
  g_assert_cmpuint (result->warnings->len, ==, 1);
  assert_parse_fails (bitwarden, RV_IMPORT_FORMAT_KEEPASSXC, NULL, RV_IMPORT_ERROR_UNKNOWN_FORMAT,
                      "not a file exported by KeePassXC");
}

static void
test_ente (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvImportResult) result = NULL;
  g_autoptr(RvSecret) sealed = load_sample ("ente-encrypted.json");
  g_autoptr(RvSecret) costly = edit_sample ("ente-encrypted.json", "\"memLimit\": 8388608",
                                            "\"memLimit\": 8589934592");
  g_autoptr(RvSecret) short_nonce = edit_sample ("ente-encrypted.json", "\"encryptionNonce\": \"2L",
                                                 "\"encryptionNonce\": \"");

  assert_parse_fails (sealed, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_NEEDS_PASSWORD,
                      "Ente Auth");
  assert_parse_fails (sealed, RV_IMPORT_FORMAT_ENTE, "wrong", RV_IMPORT_ERROR_WRONG_PASSWORD,
                      "Wrong password for this Ente Auth export");
  result = parse_sample ("ente-encrypted.json", RV_IMPORT_FORMAT_AUTO, PASSWORD, &error);
  g_assert_no_error (error);
  check_result (result, RV_IMPORT_FORMAT_ENTE, ente_accounts, G_N_ELEMENTS (ente_accounts),
                NULL, 0);
  g_assert_true (result->was_encrypted);

  /* The file's costs and lengths are checked before any key derivation. */
  assert_parse_fails (costly, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_UNSUPPORTED_CRYPTO,
                      "unsupported Argon2id limits");
  assert_parse_fails (short_nonce, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_MALFORMED,
                      "The encryption nonce");
}

static void
test_google_db (void)
{
  static const Expected accounts[] = {
    DENO,
    { RV_OTP_KIND_HOTP, "Air Canada", "Benjamin", "KUVJJOM753IHTNDSZVCNKL7GII", RV_OTP_ALGORITHM_SHA1, 6, 30, 7, "213790" },
    { RV_OTP_KIND_TOTP, "SPDX", "James", "5OM4WOOGPLQEF6UGN3CPEOOLWU", RV_OTP_ALGORITHM_SHA1, 6, 30, 0, "041871" },
  };
  static const ExpectedRejection rejections[] = {
    { "Sealed (Ava)", "encrypted with a key kept on the phone" },
    { "Odd (Noah)", "unknown type 2" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(RvImportResult) result = parse_sample ("google-authenticator.db",
                                                   RV_IMPORT_FORMAT_AUTO, NULL, &error);
  g_autoptr(RvSecret) full = load_sample ("google-authenticator.db");
  g_autoptr(RvSecret) truncated = rv_secret_new_from_data (rv_secret_get_data (full), 4096);

  g_assert_no_error (error);
  check_result (result, RV_IMPORT_FORMAT_GOOGLE_DB, accounts, G_N_ELEMENTS (accounts),
                rejections, G_N_ELEMENTS (rejections));
  /* A database cut short is named damaged, not unknown. */
  assert_parse_fails (truncated, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_MALFORMED,
                      "damaged");
}


static void
test_otpclient (void)
{
  static const struct
  {
    const char     *sample;
    RvImportFormat  format;
  } cases[] = {
    { "otpclient-v3.enc", RV_IMPORT_FORMAT_AUTO },
    { "otpclient-v2.enc", RV_IMPORT_FORMAT_AUTO },
    { "otpclient-v1.enc", RV_IMPORT_FORMAT_OTPCLIENT },
  };
  g_autoptr(RvSecret) v3 = load_sample ("otpclient-v3.enc");
  g_autoptr(RvSecret) costly = rv_secret_copy (v3);
  g_autoptr(RvSecret) newer = rv_secret_copy (v3);
  g_autoptr(RvSecret) cut = rv_secret_new_from_data (rv_secret_get_data (v3), 60);
  g_autoptr(RvSecret) v1 = load_sample ("otpclient-v1.enc");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RvImportResult) result = parse_sample (cases[i].sample, cases[i].format,
                                                       PASSWORD, &error);
      g_autoptr(RvSecret) data = load_sample (cases[i].sample);

      g_assert_no_error (error);
      check_result (result, RV_IMPORT_FORMAT_OTPCLIENT, otpclient_accounts,
                    G_N_ELEMENTS (otpclient_accounts), otpclient_rejections,
                    G_N_ELEMENTS (otpclient_rejections));
      g_assert_true (result->was_encrypted);
      assert_tags (account_at (result, 0), "Work", NULL);
      assert_no_tags (account_at (result, 1));
      assert_parse_fails (data, cases[i].format, NULL, RV_IMPORT_ERROR_NEEDS_PASSWORD,
                          "OTPClient");
      assert_parse_fails (data, cases[i].format, "wrong", RV_IMPORT_ERROR_WRONG_PASSWORD,
                          "Wrong password for this OTPClient database");
    }

  /* Costs and versions from the file are checked before deriving. */
  rv_secret_get_mutable_data (costly)[9 + 4 + 48 + 4] = 0x7f;
  assert_parse_fails (costly, RV_IMPORT_FORMAT_AUTO, PASSWORD, RV_IMPORT_ERROR_UNSUPPORTED_CRYPTO,
                      "Unsupported Argon2id costs");
  rv_secret_get_mutable_data (newer)[12] = 4;
  assert_parse_fails (newer, RV_IMPORT_FORMAT_AUTO, PASSWORD, RV_IMPORT_ERROR_UNSUPPORTED_VERSION,
                      "version 4");
  assert_parse_fails (cut, RV_IMPORT_FORMAT_AUTO, PASSWORD, RV_IMPORT_ERROR_MALFORMED,
                      "cut short");
  g_assert_cmpint (rv_import_detect ((const guint8 *) "OTPClient notes\n", 16), ==,
                   RV_IMPORT_FORMAT_AUTO);
  /* Version 1 has no header: unknown unless OTPClient is chosen. */
  g_assert_cmpint (rv_import_detect (rv_secret_get_data (v1), rv_secret_get_size (v1)), ==,
                   RV_IMPORT_FORMAT_AUTO);
  g_assert_true (rv_import_is_encrypted (rv_secret_get_data (v1), rv_secret_get_size (v1),
                                         RV_IMPORT_FORMAT_OTPCLIENT));
}


/* FreeOTP 2's backup: the tokens in the map's (hash) order. */
static const guint8 *
find_bytes (const guint8 *data,
            gsize         len,
            const char   *needle,
            gsize         needle_len)
{
  for (gsize i = 0; i + needle_len <= len; i++)
    if (memcmp (data + i, needle, needle_len) == 0)
      return data + i;
  return NULL;
}

#define TOKEN_CIPHERTEXT  "mCipherText\\\":["
#define MASTER_CIPHERTEXT "{\"mEncryptedKey\":{\"mCipherText\":["

static void
test_freeotp_backup (void)
{
  static const Expected accounts[] = { AIRC, DENO, STEAM, WWE };
  static const ExpectedRejection rejections[] = {
    { "Old Bank (Lucas)", "unsupported algorithm “MD5”" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(RvImportResult) result = parse_sample ("freeotp-backup.xml", RV_IMPORT_FORMAT_AUTO,
                                                   PASSWORD, &error);
  g_autoptr(RvSecret) data = load_sample ("freeotp-backup.xml");
  const guint8 *bytes = rv_secret_get_data (data);
  gsize len = rv_secret_get_size (data);
  g_autoptr(RvSecret) cut = rv_secret_new_from_data (bytes, len - 40);
  g_autoptr(RvSecret) token_flipped = rv_secret_copy (data);
  g_autoptr(RvSecret) master_flipped = rv_secret_copy (data);
  g_autoptr(RvSecret) not_map = rv_secret_copy (data);
  g_autoptr(RvSecret) renamed = rv_secret_copy (data);
  const guint8 *at;

  g_assert_no_error (error);
  check_result (result, RV_IMPORT_FORMAT_FREEOTP_BACKUP, accounts, G_N_ELEMENTS (accounts),
                rejections, G_N_ELEMENTS (rejections));
  g_assert_true (result->was_encrypted);
  assert_parse_fails (data, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_NEEDS_PASSWORD,
                      "FreeOTP");
  assert_parse_fails (data, RV_IMPORT_FORMAT_FREEOTP_BACKUP, "wrong",
                      RV_IMPORT_ERROR_WRONG_PASSWORD, "Wrong password for this FreeOTP backup");

  /* Damage names the part: the Java data, or a token's secret. */
  g_assert_cmpint (rv_import_detect (rv_secret_get_data (cut), len - 40), ==,
                   RV_IMPORT_FORMAT_FREEOTP_BACKUP);
  assert_parse_fails (cut, RV_IMPORT_FORMAT_AUTO, PASSWORD, RV_IMPORT_ERROR_MALFORMED,
                      "This FreeOTP backup is damaged: the Java data is cut short");
  /* The first token's ciphertext (its first byte): the master key opens,
   * the token does not. */
  at = find_bytes (bytes, len, TOKEN_CIPHERTEXT, strlen (TOKEN_CIPHERTEXT));
  g_assert_nonnull (at);
  /* "[-14," becomes "[-15," (a change that keeps the JSON valid) */
  rv_secret_get_mutable_data (token_flipped)[at - bytes + strlen (TOKEN_CIPHERTEXT) + 2] ^= 0x01;
  assert_parse_fails (token_flipped, RV_IMPORT_FORMAT_AUTO, PASSWORD, RV_IMPORT_ERROR_DAMAGED,
                      "the secret of token 1 does not decrypt");
  at = find_bytes (bytes, len, MASTER_CIPHERTEXT, strlen (MASTER_CIPHERTEXT));
  g_assert_nonnull (at);
  /* "[19," becomes "[18," */
  rv_secret_get_mutable_data (master_flipped)[at - bytes + strlen (MASTER_CIPHERTEXT) + 1] ^= 0x01;
  assert_parse_fails (master_flipped, RV_IMPORT_FORMAT_AUTO, PASSWORD,
                      RV_IMPORT_ERROR_WRONG_PASSWORD, "Wrong password");

  /* A Java map that is no FreeOTP backup is an unknown file, never a
   * password question; other Java objects are unknown too. */
  at = find_bytes (bytes, len, "masterKey", 9);
  g_assert_nonnull (at);
  memcpy (rv_secret_get_mutable_data (renamed) + (at - bytes), "masterKez", 9);
  g_assert_cmpint (rv_import_detect (rv_secret_get_data (renamed), len), ==,
                   RV_IMPORT_FORMAT_AUTO);
  g_assert_false (rv_import_is_encrypted (rv_secret_get_data (renamed), len,
                                          RV_IMPORT_FORMAT_AUTO));
  assert_parse_fails (renamed, RV_IMPORT_FORMAT_AUTO, PASSWORD, RV_IMPORT_ERROR_UNKNOWN_FORMAT,
                      "not an export of a supported app");
  assert_parse_fails (renamed, RV_IMPORT_FORMAT_FREEOTP_BACKUP, PASSWORD,
                      RV_IMPORT_ERROR_UNKNOWN_FORMAT, "no master key");
  rv_secret_get_mutable_data (not_map)[16] = 'Q';   /* java.util.HashMaQ */
  assert_parse_fails (not_map, RV_IMPORT_FORMAT_AUTO, PASSWORD, RV_IMPORT_ERROR_UNKNOWN_FORMAT,
                      "not an export of a supported app");
  assert_parse_fails (not_map, RV_IMPORT_FORMAT_FREEOTP_BACKUP, PASSWORD,
                      RV_IMPORT_ERROR_UNKNOWN_FORMAT, "This is not a FreeOTP backup");
}


static void
test_stratum_encrypted (void)
{
  static const char *samples[] = { "stratum-encrypted.authpro", "stratum-legacy.authpro" };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RvImportResult) result = parse_sample (samples[i], RV_IMPORT_FORMAT_AUTO,
                                                       PASSWORD, &error);
      g_autoptr(RvSecret) data = load_sample (samples[i]);
      g_autoptr(RvSecret) cut = rv_secret_new_from_data (rv_secret_get_data (data), 40);

      g_assert_no_error (error);
      check_result (result, RV_IMPORT_FORMAT_STRATUM, stratum_accounts,
                    G_N_ELEMENTS (stratum_accounts), stratum_rejections,
                    G_N_ELEMENTS (stratum_rejections));
      g_assert_true (result->was_encrypted);
      assert_tags (account_at (result, 0), "Work", "Dev");
      assert_parse_fails (data, RV_IMPORT_FORMAT_AUTO, NULL, RV_IMPORT_ERROR_NEEDS_PASSWORD,
                          "Stratum");
      assert_parse_fails (data, RV_IMPORT_FORMAT_STRATUM, "wrong", RV_IMPORT_ERROR_WRONG_PASSWORD,
                          "Wrong password for this Stratum backup");
      assert_parse_fails (cut, RV_IMPORT_FORMAT_AUTO, PASSWORD, RV_IMPORT_ERROR_MALFORMED,
                          "cut short");
    }
}

static void
test_stratum_db (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvImportResult) result = parse_sample ("stratum-authenticator.db3",
                                                   RV_IMPORT_FORMAT_AUTO, NULL, &error);
  g_autoptr(RvSecret) google = load_sample ("google-authenticator.db");

  g_assert_no_error (error);
  check_result (result, RV_IMPORT_FORMAT_STRATUM_DB, stratum_accounts,
                G_N_ELEMENTS (stratum_accounts), stratum_rejections,
                G_N_ELEMENTS (stratum_rejections));
  assert_tags (account_at (result, 0), "Work", "Dev");
  assert_no_tags (account_at (result, 1));
  /* Another app's database, chosen as Stratum's, says so. */
  assert_parse_fails (google, RV_IMPORT_FORMAT_STRATUM_DB, NULL, RV_IMPORT_ERROR_UNKNOWN_FORMAT,
                      "not Stratum’s");
}

static void
test_microsoft (void)
{
  static const Expected accounts[] = {
    DENO,
    { RV_OTP_KIND_TOTP, "Microsoft", "benjamin@example.org", "KUVJJOM753IHTNDSZVCNKL7GII", RV_OTP_ALGORITHM_SHA1, 8, 30, 0, "77067239" },
  };
  static const ExpectedRejection rejections[] = {
    { "Example Corp (james@example.com)", "account type 2 only approves sign-ins" },
    { "Microsoft (olivia@example.org)", "no code secret" },
    { "Broken (Noah)", "bad secret" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(RvImportResult) result = parse_sample ("microsoft-authenticator.db",
                                                   RV_IMPORT_FORMAT_AUTO, NULL, &error);
  g_autoptr(RvSecret) full = load_sample ("microsoft-authenticator.db");
  g_autoptr(RvSecret) truncated = rv_secret_new_from_data (rv_secret_get_data (full), 4096);

  g_assert_no_error (error);
  check_result (result, RV_IMPORT_FORMAT_MICROSOFT, accounts, G_N_ELEMENTS (accounts),
                rejections, G_N_ELEMENTS (rejections));
  g_assert_false (result->was_encrypted);
  assert_parse_fails (truncated, RV_IMPORT_FORMAT_MICROSOFT, NULL, RV_IMPORT_ERROR_MALFORMED,
                      "damaged");
}

static void
parsed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RvImportResult **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = rv_import_parse_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async (void)
{
  g_autoptr(RvSecret) data = load_sample ("2fas-encrypted.2fas");
  g_autoptr(RvSecret) password = rv_secret_new_from_string (PASSWORD);
  g_autoptr(RvImportResult) result = NULL;

  rv_import_parse_async (rv_secret_get_data (data), rv_secret_get_size (data),
                         RV_IMPORT_FORMAT_AUTO, password, NULL, parsed_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  check_result (result, RV_IMPORT_FORMAT_TWOFAS, twofas_accounts,
                G_N_ELEMENTS (twofas_accounts), NULL, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/format-strings", test_format_strings);
  g_test_add_func ("/import/detect", test_detect);
  g_test_add_func ("/import/read-file", test_read_file);
  g_test_add_func ("/import/errors", test_errors);
  g_test_add_func ("/import/unknown-files", test_unknown_files);
  g_test_add_func ("/import/pbkdf2", test_pbkdf2);
  g_test_add_func ("/import/aegis/plain", test_aegis_plain);
  g_test_add_func ("/import/aegis/encrypted", test_aegis_encrypted);
  g_test_add_func ("/import/aegis/damaged", test_aegis_damaged);
  g_test_add_func ("/import/andotp", test_andotp);
  g_test_add_func ("/import/2fas", test_twofas);
  g_test_add_func ("/import/freeotp", test_freeotp);
  g_test_add_func ("/import/google/single", test_google_single);
  g_test_add_func ("/import/google/batch", test_google_batch);
  g_test_add_func ("/import/bitwarden", test_bitwarden);
  g_test_add_func ("/import/uri-list", test_uri_list);
  g_test_add_func ("/import/steam", test_steam);
  g_test_add_func ("/import/proton", test_proton);
  g_test_add_func ("/import/duo", test_duo);
  g_test_add_func ("/import/stratum/plain", test_stratum_plain);
  g_test_add_func ("/import/raivo", test_raivo);
  g_test_add_func ("/import/raivo-zip", test_raivo_zip);
  g_test_add_func ("/import/raivo-zip-other", test_raivo_zip_other);
  g_test_add_func ("/import/uri-list-rejected-labels", test_uri_list_rejected_labels);
  g_test_add_func ("/import/authplus", test_authplus);
  g_test_add_func ("/import/authplus-other", test_authplus_other);
  g_test_add_func ("/import/authplus-db", test_authplus_db);
  g_test_add_func ("/import/authplus-db-convert", test_authplus_db_convert);
  g_test_add_func ("/import/authy", test_authy);
  g_test_add_func ("/import/freeotp-xml", test_freeotp_xml);
  g_test_add_func ("/import/totp-authenticator", test_totp_authenticator);
  g_test_add_func ("/import/totp-authenticator-backup", test_totp_authenticator_backup);
  g_test_add_func ("/import/battlenet", test_battlenet);
  g_test_add_func ("/import/bitwarden-csv", test_bitwarden_csv);
  g_test_add_func ("/import/keepassxc", test_keepassxc);
  g_test_add_func ("/import/ente", test_ente);
  g_test_add_func ("/import/google-db", test_google_db);
  g_test_add_func ("/import/otpclient", test_otpclient);
  g_test_add_func ("/import/freeotp-backup", test_freeotp_backup);
  g_test_add_func ("/import/stratum/encrypted", test_stratum_encrypted);
  g_test_add_func ("/import/stratum/database", test_stratum_db);
  g_test_add_func ("/import/microsoft", test_microsoft);
  g_test_add_func ("/import/async", test_async);
  g_test_add_func ("/import/flipped-bytes", test_flipped_bytes);

  return g_test_run ();
}
