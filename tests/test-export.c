/* test-export.c: plain exporters, checked by parsing their output back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "rv-google-migration.pb-c.h"
#include "rv-base32.h"
#include "rv-export.h"
#include "rv-otp-uri.h"
#include "rv-test-util.h"

static RvAccount *
make_account (RvOtpKind       kind,
              const char     *issuer,
              const char     *name,
              const char     *base32,
              RvOtpAlgorithm  algorithm,
              guint           digits,
              guint           period,
              guint64         counter)
{
  RvAccount *account = rv_account_new ();

  rv_account_set_kind (account, kind);
  rv_account_set_issuer (account, issuer);
  rv_account_set_name (account, name);
  rv_account_set_algorithm (account, algorithm);
  rv_account_set_digits (account, digits);
  rv_account_set_period (account, period);
  rv_account_set_counter (account, counter);
  if (base32 != NULL)
    {
      g_autoptr(RvSecret) secret = rv_base32_decode (base32, strlen (base32), NULL);

      g_assert_nonnull (secret);
      rv_account_set_secret (account, secret);
    }
  return account;
}

/* A mix of everything the exporters must handle or skip. */
static GListStore *
make_accounts (void)
{
  GListStore *store = g_list_store_new (RV_TYPE_ACCOUNT);
  g_autoptr(RvAccount) a = make_account (RV_OTP_KIND_TOTP, "PyPI", "alice", "JBSWY3DPEHPK3PXP",
                                         RV_OTP_ALGORITHM_SHA1, 6, 30, 0);
  g_autoptr(RvAccount) b = make_account (RV_OTP_KIND_HOTP, "Ex \"Q\" & co", "bob@example.org",
                                         "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
                                         RV_OTP_ALGORITHM_SHA256, 8, 30, 42);
  g_autoptr(RvAccount) c = make_account (RV_OTP_KIND_TOTP, "GitHub", "çà/é",
                                         "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U",
                                         RV_OTP_ALGORITHM_SHA512, 8, 60, 0);
  g_autoptr(RvAccount) d = make_account (RV_OTP_KIND_STEAM, "Steam", "gamer", "JBSWY3DPEHPK3PXQ",
                                         RV_OTP_ALGORITHM_SHA1, 5, 30, 0);
  g_autoptr(RvAccount) e = make_account (RV_OTP_KIND_NONE, "Bank", "me", NULL,
                                         RV_OTP_ALGORITHM_SHA1, 6, 30, 0);

  const char * const tags[] = { "work", "dev", NULL };

  rv_account_set_notes (a, "line 1\nline 2\t\\");
  rv_account_set_tags (a, tags);
  g_list_store_append (store, a);
  g_list_store_append (store, b);
  g_list_store_append (store, c);
  g_list_store_append (store, d);
  g_list_store_append (store, e);
  return store;
}

static void
assert_same_otp (RvAccount         *account,
                 const RvOtpParams *params)
{
  g_assert_cmpint (params->kind, ==, rv_account_get_kind (account));
  g_assert_cmpstr (params->issuer, ==, rv_account_get_issuer (account));
  g_assert_cmpstr (params->account_name, ==, rv_account_get_name (account));
  g_assert_cmpint (params->algorithm, ==, rv_account_get_algorithm (account));
  g_assert_cmpuint (params->digits, ==, rv_account_get_digits (account));
  if (params->kind == RV_OTP_KIND_HOTP)
    g_assert_cmpuint (params->counter, ==, rv_account_get_counter (account));
  else
    g_assert_cmpuint (params->period, ==, rv_account_get_period (account));
  g_assert_true (rv_secret_equal (params->secret, rv_account_get_secret (account)));
}

static void
test_refuses_unconfirmed (void)
{
  g_autoptr(GListStore) store = make_accounts ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RvAccount) first = g_list_model_get_item (G_LIST_MODEL (store), 0);
  RvSecret *out;
  GPtrArray *uris;

  out = rv_export_uri_list (G_LIST_MODEL (store), RV_EXPORT_FLAGS_NONE, NULL, &error);
  g_assert_null (out);
  g_assert_error (error, RV_EXPORT_ERROR, RV_EXPORT_ERROR_NOT_CONFIRMED);
  g_clear_error (&error);

  out = rv_export_aegis_json (G_LIST_MODEL (store), RV_EXPORT_FLAGS_NONE, NULL, &error);
  g_assert_null (out);
  g_assert_error (error, RV_EXPORT_ERROR, RV_EXPORT_ERROR_NOT_CONFIRMED);
  g_clear_error (&error);

  uris = rv_export_google_migration (G_LIST_MODEL (store), 10, RV_EXPORT_FLAGS_NONE, NULL, &error);
  g_assert_null (uris);
  g_assert_error (error, RV_EXPORT_ERROR, RV_EXPORT_ERROR_NOT_CONFIRMED);
  g_clear_error (&error);

  out = rv_export_account_uri (first, RV_EXPORT_FLAGS_NONE, &error);
  g_assert_null (out);
  g_assert_error (error, RV_EXPORT_ERROR, RV_EXPORT_ERROR_NOT_CONFIRMED);
}

static void
test_uri_list (void)
{
  g_autoptr(GListStore) store = make_accounts ();
  g_auto(RvExportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(RvSecret) out = NULL;
  g_auto(GStrv) lines = NULL;
  RvExportSkipped *skipped;

  out = rv_export_uri_list (G_LIST_MODEL (store), RV_EXPORT_CONFIRM_UNENCRYPTED, &report, &error);
  g_assert_no_error (error);
  g_assert_nonnull (out);
  g_assert_cmpuint (strlen (rv_secret_get_string (out)), ==, rv_secret_get_size (out));

  lines = g_strsplit (rv_secret_get_string (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);   /* 4 URIs and the final empty string */
  g_assert_cmpstr (lines[4], ==, "");
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (G_LIST_MODEL (store), i);
      g_autoptr(RvOtpParams) params = rv_otp_uri_parse (lines[i], strlen (lines[i]), &error);

      g_assert_no_error (error);
      assert_same_otp (account, params);
    }
  g_assert_cmpuint (report.n_exported, ==, 4);
  g_assert_cmpuint (report.skipped->len, ==, 1);
  skipped = g_ptr_array_index (report.skipped, 0);
  g_assert_cmpstr (skipped->display_name, ==, "Bank (me)");
  g_assert_nonnull (strstr (skipped->reason, "recovery codes"));
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  return json_object_get_string_member (object, name);
}

static void
test_aegis_json (void)
{
  g_autoptr(GListStore) store = make_accounts ();
  g_auto(RvExportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(RvSecret) out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *db;
  JsonArray *entries;
  static const char *types[] = { "totp", "hotp", "totp", "steam" };

  out = rv_export_aegis_json (G_LIST_MODEL (store), RV_EXPORT_CONFIRM_UNENCRYPTED, &report, &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, rv_secret_get_string (out),
                                             (gssize) rv_secret_get_size (out), &error));
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  g_assert_true (json_object_get_null_member (json_object_get_object_member (root, "header"),
                                              "slots"));
  db = json_object_get_object_member (root, "db");
  g_assert_cmpint (json_object_get_int_member (db, "version"), ==, 2);
  entries = json_object_get_array_member (db, "entries");
  g_assert_cmpuint (json_array_get_length (entries), ==, 4);
  g_assert_cmpuint (report.n_exported, ==, 4);
  g_assert_cmpuint (report.skipped->len, ==, 1);

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (G_LIST_MODEL (store), i);
      JsonObject *entry = json_array_get_object_element (entries, i);
      JsonObject *info = json_object_get_object_member (entry, "info");
      const char *b32 = member_string (info, "secret");
      g_autoptr(RvSecret) secret = rv_base32_decode (b32, strlen (b32), &error);

      g_assert_no_error (error);
      g_assert_cmpstr (member_string (entry, "type"), ==, types[i]);
      g_assert_cmpstr (member_string (entry, "uuid"), ==, rv_account_get_id (account));
      g_assert_cmpstr (member_string (entry, "issuer"), ==, rv_account_get_issuer (account));
      g_assert_cmpstr (member_string (entry, "name"), ==, rv_account_get_name (account));
      g_assert_cmpstr (member_string (info, "algo"), ==,
                       rv_otp_algorithm_to_string (rv_account_get_algorithm (account)));
      g_assert_cmpint (json_object_get_int_member (info, "digits"), ==,
                       rv_account_get_digits (account));
      if (i == 1)
        g_assert_cmpint (json_object_get_int_member (info, "counter"), ==, 42);
      else
        g_assert_cmpint (json_object_get_int_member (info, "period"), ==,
                         rv_account_get_period (account));
      g_assert_true (rv_secret_equal (secret, rv_account_get_secret (account)));
    }
  g_assert_cmpstr (member_string (json_array_get_object_element (entries, 0), "note"), ==,
                   "line 1\nline 2\t\\");
  g_assert_cmpstr (member_string (json_array_get_object_element (entries, 0), "group"), ==,
                   "work");
  g_assert_false (json_object_has_member (json_array_get_object_element (entries, 1), "group"));
}

/* Decodes one otpauth-migration URI as Google Authenticator would. */
static MigrationPayload *
decode_migration (const RvSecret *uri)
{
  static const char prefix[] = "otpauth-migration://offline?data=";
  const char *text = rv_secret_get_string (uri);
  g_autofree char *unescaped = NULL;
  g_autofree guchar *bytes = NULL;
  gsize len;

  g_assert_true (g_str_has_prefix (text, prefix));
  g_assert_null (strchr (text + strlen (prefix), '+'));
  g_assert_null (strchr (text + strlen (prefix), '/'));
  g_assert_null (strchr (text + strlen (prefix), '='));
  unescaped = g_uri_unescape_string (text + strlen (prefix), NULL);
  bytes = g_base64_decode (unescaped, &len);
  return migration_payload__unpack (NULL, len, bytes);
}

static void
test_google_skips (void)
{
  g_autoptr(GListStore) store = make_accounts ();
  g_auto(RvExportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) uris = NULL;
  MigrationPayload *payload;
  MigrationPayload__OtpParameters *otp;

  uris = rv_export_google_migration (G_LIST_MODEL (store), 10, RV_EXPORT_CONFIRM_UNENCRYPTED,
                                     &report, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (uris->len, ==, 1);
  /* 60-second TOTP, Steam and codes-only accounts cannot go to Google. */
  g_assert_cmpuint (report.n_exported, ==, 2);
  g_assert_cmpuint (report.skipped->len, ==, 3);

  payload = decode_migration (g_ptr_array_index (uris, 0));
  g_assert_nonnull (payload);
  g_assert_cmpuint (payload->n_otp_parameters, ==, 2);
  g_assert_cmpint (payload->batch_size, ==, 1);
  g_assert_cmpint (payload->batch_index, ==, 0);
  g_assert_cmpint (payload->version, ==, 1);

  otp = payload->otp_parameters[1];
  g_assert_cmpstr (otp->issuer, ==, "Ex \"Q\" & co");
  g_assert_cmpstr (otp->name, ==, "bob@example.org");
  g_assert_cmpint (otp->type, ==, MIGRATION_PAYLOAD__OTP_TYPE__OTP_TYPE_HOTP);
  g_assert_cmpint (otp->algorithm, ==, MIGRATION_PAYLOAD__ALGORITHM__ALGORITHM_SHA256);
  g_assert_cmpint (otp->digits, ==, MIGRATION_PAYLOAD__DIGIT_COUNT__DIGIT_COUNT_EIGHT);
  g_assert_cmpint (otp->counter, ==, 42);
  g_assert_cmpuint (otp->secret.len, ==, 20);
  migration_payload__free_unpacked (payload, NULL);
}

static void
test_google_batches (void)
{
  g_autoptr(GListStore) store = g_list_store_new (RV_TYPE_ACCOUNT);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) uris = NULL;
  gint32 batch_id = 0;
  guint seen = 0;

  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *name = g_strdup_printf ("user%u", i);
      g_autoptr(RvAccount) account = make_account (RV_OTP_KIND_TOTP, "Site", name,
                                                   "JBSWY3DPEHPK3PXP", RV_OTP_ALGORITHM_SHA1,
                                                   6, 30, 0);
      g_list_store_append (store, account);
    }

  uris = rv_export_google_migration (G_LIST_MODEL (store), 10, RV_EXPORT_CONFIRM_UNENCRYPTED,
                                     NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (uris->len, ==, 3);
  for (guint b = 0; b < 3; b++)
    {
      MigrationPayload *payload = decode_migration (g_ptr_array_index (uris, b));

      g_assert_nonnull (payload);
      g_assert_cmpint (payload->batch_size, ==, 3);
      g_assert_cmpint (payload->batch_index, ==, b);
      if (b == 0)
        batch_id = payload->batch_id;
      g_assert_cmpint (payload->batch_id, ==, batch_id);
      g_assert_cmpuint (payload->n_otp_parameters, ==, b < 2 ? 10 : 5);
      for (guint i = 0; i < payload->n_otp_parameters; i++)
        {
          g_autofree char *name = g_strdup_printf ("user%u", seen++);

          g_assert_cmpstr (payload->otp_parameters[i]->name, ==, name);
          g_assert_cmpint (payload->otp_parameters[i]->type, ==,
                           MIGRATION_PAYLOAD__OTP_TYPE__OTP_TYPE_TOTP);
        }
      migration_payload__free_unpacked (payload, NULL);
    }
  g_assert_cmpuint (seen, ==, 25);

  g_clear_pointer (&uris, g_ptr_array_unref);
  uris = rv_export_google_migration (G_LIST_MODEL (store), 0, RV_EXPORT_CONFIRM_UNENCRYPTED,
                                     NULL, &error);
  g_assert_null (uris);
  g_assert_error (error, RV_EXPORT_ERROR, RV_EXPORT_ERROR_INVALID);
}

static void
test_nothing_to_export (void)
{
  g_autoptr(GListStore) store = g_list_store_new (RV_TYPE_ACCOUNT);
  g_autoptr(RvAccount) codes_only = make_account (RV_OTP_KIND_NONE, "Bank", "me", NULL,
                                                  RV_OTP_ALGORITHM_SHA1, 6, 30, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(RvSecret) out = NULL;

  g_list_store_append (store, codes_only);
  out = rv_export_uri_list (G_LIST_MODEL (store), RV_EXPORT_CONFIRM_UNENCRYPTED, NULL, &error);
  g_assert_null (out);
  g_assert_error (error, RV_EXPORT_ERROR, RV_EXPORT_ERROR_NOTHING);
  g_clear_error (&error);

  out = rv_export_account_uri (codes_only, RV_EXPORT_CONFIRM_UNENCRYPTED, &error);
  g_assert_null (out);
  g_assert_error (error, RV_EXPORT_ERROR, RV_EXPORT_ERROR_UNSUPPORTED);
}

static void
test_write_file (void)
{
  g_autofree char *dir = rv_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "out.txt", NULL);
  g_autoptr(RvSecret) content = rv_secret_new_from_string ("otpauth://totp/x?secret=AAAA\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *read_back = NULL;
  g_autoptr(GDir) listing = NULL;
  GStatBuf st;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_true (rv_export_write_file (path, content, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &read_back, NULL, NULL));
  g_assert_cmpstr (read_back, ==, rv_secret_get_string (content));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* No temporary file is left behind. */
  listing = g_dir_open (dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "out.txt");
  g_assert_null (g_dir_read_name (listing));

  g_clear_pointer (&path, g_free);
  path = g_build_filename (dir, "no-such-folder", "out.txt", NULL);
  g_assert_false (rv_export_write_file (path, content, &error));
  g_assert_error (error, RV_EXPORT_ERROR, RV_EXPORT_ERROR_IO);
  rv_test_rm_rf (dir);
}

static void
test_format_names (void)
{
  RvExportFormat format;

  for (guint i = RV_EXPORT_FORMAT_URI_LIST; i <= RV_EXPORT_FORMAT_GOOGLE_MIGRATION; i++)
    {
      g_assert_true (rv_export_format_from_string (rv_export_format_to_string (i), &format));
      g_assert_cmpint (format, ==, i);
    }
  g_assert_false (rv_export_format_from_string ("csv", &format));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/refuses-unconfirmed", test_refuses_unconfirmed);
  g_test_add_func ("/export/uri-list", test_uri_list);
  g_test_add_func ("/export/aegis-json", test_aegis_json);
  g_test_add_func ("/export/google/skips", test_google_skips);
  g_test_add_func ("/export/google/batches", test_google_batches);
  g_test_add_func ("/export/nothing", test_nothing_to_export);
  g_test_add_func ("/export/write-file", test_write_file);
  g_test_add_func ("/export/format-names", test_format_names);

  return g_test_run ();
}
