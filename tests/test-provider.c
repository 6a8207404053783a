/* test-provider.c: loading, validating and matching recovery profiles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rv-provider.h"
#include "rv-test-util.h"

static const char *profile_ids[] = {
  "apple", "atlassian", "aws-root", "bitwarden", "cloudflare", "crates-io", "docker-hub",
  "generic", "github", "gitlab", "google", "microsoft", "npm", "pypi", "rubygems",
};

static GPtrArray *
load_shipped (void)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autofree char *dir = g_build_filename (g_getenv ("RV_SOURCE_ROOT"), "data", "providers", NULL);
  GPtrArray *providers = rv_provider_load_directory (dir, problems);

  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", ((GError *) g_ptr_array_index (problems, i))->message);
  g_assert_cmpuint (problems->len, ==, 0);
  return providers;
}

static void
test_shipped_profiles (void)
{
  g_autoptr(GPtrArray) providers = load_shipped ();

  g_assert_cmpuint (providers->len, ==, G_N_ELEMENTS (profile_ids));
  for (guint i = 0; i < G_N_ELEMENTS (profile_ids); i++)
    {
      RvProvider *provider = rv_provider_lookup (providers, profile_ids[i]);
      GPtrArray *fields;

      g_assert_nonnull (provider);
      /* Every profile says where its facts come from and when they were checked. */
      g_assert_true (g_regex_match_simple ("^20[0-9]{2}-[01][0-9]-[0-3][0-9]$",
                                           rv_provider_get_checked (provider), 0, 0));
      g_assert_nonnull (rv_provider_get_sources (provider)[0]);
      for (guint s = 0; rv_provider_get_sources (provider)[s] != NULL; s++)
        g_assert_true (g_str_has_prefix (rv_provider_get_sources (provider)[s], "https://"));
      fields = rv_provider_get_fields (provider);
      g_assert_cmpint (((RvProviderField *) g_ptr_array_index (fields, 0))->source, ==,
                       RV_FIELD_SOURCE_USERNAME);
      g_assert_cmpuint (rv_provider_get_after_recovery (provider)[0] != NULL, ==, TRUE);
    }
  g_assert_true (rv_provider_is_generic (rv_provider_lookup (providers, "generic")));
}

/* PyPI's account recovery issue form, field for field and in order. */
static void
test_pypi_form (void)
{
  g_autoptr(GPtrArray) providers = load_shipped ();
  RvProvider *pypi = rv_provider_lookup (providers, "pypi");
  GPtrArray *fields = rv_provider_get_fields (pypi);
  const char *labels[] = { "PyPI Username", "Reason for request", "Recovery Codes",
                           "Code of Conduct", "Acknowledgement" };
  RvProviderField *field;

  g_assert_cmpint (rv_provider_get_channel_kind (pypi), ==, RV_CHANNEL_PUBLIC_ISSUE_FORM);
  g_assert_true (rv_provider_get_channel_public (pypi));
  g_assert_cmpstr (rv_provider_get_request_title (pypi), ==, "Account recovery request");
  g_assert_cmpuint (fields->len, ==, G_N_ELEMENTS (labels));
  for (guint i = 0; i < fields->len; i++)
    {
      field = g_ptr_array_index (fields, i);
      g_assert_cmpstr (field->label, ==, labels[i]);
      g_assert_true (field->required);
    }
  field = g_ptr_array_index (fields, 0);
  g_assert_true (field->backticks);
  field = g_ptr_array_index (fields, 2);
  g_assert_cmpint (field->type, ==, RV_FIELD_CHECKBOX);
  g_assert_cmpstr (field->option, ==,
                   "I never generated or have lost access to the recovery codes for my account");
  g_assert_cmpstr (rv_provider_find_acknowledgement (pypi, "code-of-conduct")->text, ==,
                   "I agree to follow the PSF Code of Conduct");
  g_assert_cmpstr (rv_provider_find_acknowledgement (pypi, "acknowledgement")->text, ==,
                   "I understand that it may take a significant amount of time to process my "
                   "account recovery request.");
  g_assert_cmpuint (rv_provider_get_code_count (pypi), ==, 8);
  g_assert_cmpstr (rv_provider_get_code_format (pypi), ==, "^[0-9a-f]{16}$");
  /* The address people are sent to, and the form's own field descriptions. */
  g_assert_cmpstr (rv_provider_get_official_address (pypi), ==, "support@pypi.org");
  g_assert_null (strstr (rv_provider_get_timing (pypi), "1.5 days"));
  field = g_ptr_array_index (fields, 1);
  g_assert_cmpstr (field->description, ==, "State the reason for your request\n"
                   "- Lost access to email address\n"
                   "- Lost 2FA authentication app or security token");
  g_assert_cmpstr (rv_provider_get_channel_url (pypi), ==,
                   "https://github.com/pypi/support/issues/new?labels=account-recovery"
                   "&template=account-recovery.yml&title=Account+recovery+request");
}

static gboolean
has_problem (GPtrArray  *problems,
             int         code,
             const char *file)
{
  for (guint i = 0; i < problems->len; i++)
    {
      GError *error = g_ptr_array_index (problems, i);

      if (error->domain == RV_PROVIDER_ERROR && error->code == code &&
          strstr (error->message, file) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_broken_profiles (void)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GPtrArray) providers =
    rv_provider_load_directory (rv_test_source_path ("data/providers-broken"), problems);

  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", ((GError *) g_ptr_array_index (problems, i))->message);

  g_assert_cmpuint (providers->len, ==, 1);
  g_assert_cmpstr (rv_provider_get_id (g_ptr_array_index (providers, 0)), ==, "example");
  g_assert_cmpuint (problems->len, ==, 8);
  g_assert_true (has_problem (problems, RV_PROVIDER_ERROR_BAD_JSON, "bad-json.json"));
  g_assert_true (has_problem (problems, RV_PROVIDER_ERROR_BAD_JSON, "not-an-object.json"));
  g_assert_true (has_problem (problems, RV_PROVIDER_ERROR_MISSING_KEY, "request.title"));
  g_assert_true (has_problem (problems, RV_PROVIDER_ERROR_BAD_REGEX, "bad-regex.json"));
  g_assert_true (has_problem (problems, RV_PROVIDER_ERROR_BAD_VALUE, "request.fields[1].type"));
  g_assert_true (has_problem (problems, RV_PROVIDER_ERROR_BAD_VALUE, "future-schema.json"));
  g_assert_true (has_problem (problems, RV_PROVIDER_ERROR_BAD_VALUE, "missing-ack.json"));
  g_assert_true (has_problem (problems, RV_PROVIDER_ERROR_DUPLICATE, "z-duplicate.json"));
}

static void
test_missing_directory (void)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GPtrArray) providers = rv_provider_load_directory ("/nonexistent/providers", problems);

  g_assert_cmpuint (providers->len, ==, 0);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_error ((GError *) g_ptr_array_index (problems, 0), G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

static void
test_match (void)
{
  g_autoptr(GPtrArray) providers = load_shipped ();
  struct { const char *issuer, *url, *expected; } cases[] = {
    { "PyPI", NULL, "pypi" },
    { "pypi", NULL, "pypi" },
    { "test.pypi.org", NULL, "pypi" },
    { NULL, "https://pypi.org/account/login/", "pypi" },
    { "GitHub", NULL, "github" },
    { "Acme", "https://gitlab.com/acme", "gitlab" },
    { "npm", NULL, "npm" },
    { "Google", NULL, "google" },
    { "Acme", "https://accounts.google.com", "google" },
    { "Microsoft", NULL, "microsoft" },
    { "Acme", NULL, "generic" },
    { "Acme", "https://notgithub.com", "generic" },
    { NULL, NULL, "generic" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      RvProvider *provider = rv_provider_match (providers, cases[i].issuer, cases[i].url);

      g_assert_cmpstr (rv_provider_get_id (provider), ==, cases[i].expected);
    }
}

static void
test_match_account (void)
{
  g_autoptr(GPtrArray) providers = load_shipped ();
  g_autoptr(RvAccount) account = rv_account_new ();

  rv_account_set_issuer (account, "Acme");
  rv_account_set_url (account, "https://www.github.com/login");
  g_assert_cmpstr (rv_provider_get_id (rv_provider_match_account (providers, account)), ==,
                   "github");
}

static void
test_recovery_codes (void)
{
  g_autoptr(GPtrArray) providers = load_shipped ();
  struct { const char *provider, *code, *normalized; } good[] = {
    { "pypi", "badc0ffee0ddf00d", "badc0ffee0ddf00d" },
    { "pypi", " BADC 0FFE E0DD F00D\n", "badc0ffee0ddf00d" },
    { "github", "01234-abcde", "01234-abcde" },
    { "gitlab", "0123456789abcdef", "0123456789abcdef" },
    { "google", "1234 5678", "12345678" },
    { "microsoft", "abcde fghij klmno pqrst uvwxy", "ABCDE-FGHIJ-KLMNO-PQRST-UVWXY" },
    { "microsoft", "ABCDE-FGHIJ-KLMNO-PQRST-UVWXY", "ABCDE-FGHIJ-KLMNO-PQRST-UVWXY" },
    { "npm", "anything-goes", "anything-goes" },
    { "generic", "12 34", "1234" },
  };
  struct { const char *provider, *code; } bad[] = {
    { "pypi", "0123456789abcde" },
    { "pypi", "0123456789abcdeff" },
    { "pypi", "xadc0ffee0ddf00d" },
    { "github", "0123456789" },
    { "google", "9999 999" },
    { "microsoft", "ZZZZZ-YYYYY-XXXXX-WWWWW" },
    { "generic", "   " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      RvProvider *provider = rv_provider_lookup (providers, good[i].provider);
      g_autoptr(GError) error = NULL;
      g_autoptr(RvSecret) code =
        rv_provider_normalize_recovery_code (provider, good[i].code, strlen (good[i].code), &error);

      g_assert_no_error (error);
      g_assert_cmpstr (rv_secret_get_string (code), ==, good[i].normalized);
      g_assert_true (rv_provider_check_recovery_code (provider, good[i].code, NULL));
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      RvProvider *provider = rv_provider_lookup (providers, bad[i].provider);
      g_autoptr(GError) error = NULL;

      g_assert_false (rv_provider_check_recovery_code (provider, bad[i].code, &error));
      g_assert_error (error, RV_PROVIDER_ERROR, RV_PROVIDER_ERROR_BAD_CODE);
      /* The message explains the format but never repeats the code. */
      if (strlen (bad[i].code) > 4)
        g_assert_null (strstr (error->message, bad[i].code));
    }
}

static void
test_default_directory (void)
{
  g_autofree char *dir = NULL;

  g_setenv ("RV_PROVIDERS_DIR", "/somewhere/providers", TRUE);
  dir = rv_provider_dup_default_directory ();
  g_assert_cmpstr (dir, ==, "/somewhere/providers");
  g_unsetenv ("RV_PROVIDERS_DIR");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/provider/shipped", test_shipped_profiles);
  g_test_add_func ("/provider/pypi-form", test_pypi_form);
  g_test_add_func ("/provider/broken", test_broken_profiles);
  g_test_add_func ("/provider/missing-directory", test_missing_directory);
  g_test_add_func ("/provider/match", test_match);
  g_test_add_func ("/provider/match-account", test_match_account);
  g_test_add_func ("/provider/recovery-codes", test_recovery_codes);
  g_test_add_func ("/provider/default-directory", test_default_directory);

  return g_test_run ();
}
