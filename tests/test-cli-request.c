/* test-cli-request.c: `rvault request` and `rvault providers` end to end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rv-request-draft.h"
#include "rv-test-request-fixture.h"
#include "rv-test-util.h"

#define PASSWORD "correct horse battery staple"

typedef struct
{
  char *dir;
  char *path;
  char *output;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(RvSecret) password = rv_secret_new_from_string (PASSWORD);
  g_autoptr(RvAccount) pypi = rv_test_make_request_account ("PyPI");
  g_autoptr(RvAccount) other = rv_account_new ();
  g_autoptr(RvVault) vault = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = rv_test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "v.rvault", NULL);
  fixture->output = g_build_filename (fixture->dir, "draft.txt", NULL);

  vault = rv_vault_create (fixture->path, password, &error);
  g_assert_no_error (error);
  rv_account_set_issuer (other, "Acme");
  rv_account_set_name (other, "alice");
  rv_vault_add_account (vault, pypi);
  rv_vault_add_account (vault, other);
  g_assert_true (rv_vault_save (vault, &error));
  g_assert_no_error (error);
  rv_vault_close (vault);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  rv_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->output);
}

static void G_GNUC_NULL_TERMINATED
rv (Fixture    *fixture,
    RvTestRun  *run,
    const char *password,
    ...)
{
  va_list ap;

  va_start (ap, password);
  rv_test_rvault_vault_valist (run, fixture->path, NULL, password, ap);
  va_end (ap);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static char *
write_answers (Fixture    *fixture,
               const char *json)
{
  char *path = g_build_filename (fixture->dir, "answers.json", NULL);

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  return path;
}

/* The CLI, the expected file and the core function the GUI calls agree. */
static void
test_pypi_draft (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *answers_path = rv_test_source_path ("data/drafts/pypi.json");
  g_autofree char *expected = read_file (rv_test_source_path ("data/drafts/pypi.txt"));
  g_autofree char *written = NULL;
  g_autoptr(RvSecret) password = rv_secret_new_from_string (PASSWORD);
  g_autoptr(GPtrArray) providers = rv_provider_load_default (NULL);
  g_autoptr(RvRequestAnswers) answers = NULL;
  g_autoptr(RvRequestDraft) draft = NULL;
  g_autoptr(RvVault) vault = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(RvTestRun) run = { 0 };

  rv (fixture, &run, PASSWORD, "request", "--account", "pypi", "--provider", "pypi",
      "--answers", answers_path, "--output", fixture->output, NULL);
  rv_test_assert_status (&run, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "https://github.com/pypi/support/issues/new"));
  g_assert_nonnull (strstr (run.err, "This channel is public"));
  written = read_file (fixture->output);
  g_assert_cmpstr (written, ==, expected);

  /* Without --output, standard output is the draft alone. */
  rv (fixture, &run, PASSWORD, "request", "--account", "pypi", "--provider", "pypi",
      "--answers", answers_path, "--quiet", NULL);
  rv_test_assert_status (&run, 0);
  g_assert_cmpstr (run.out, ==, expected);
  g_assert_cmpstr (run.err, ==, "");

  /* The provider is found from the account when not named. */
  rv (fixture, &run, PASSWORD, "request", "--account", "pypi", "--answers", answers_path, "-q",
      NULL);
  rv_test_assert_status (&run, 0);
  g_assert_cmpstr (run.out, ==, expected);

  vault = rv_vault_open (fixture->path, password, &error);
  g_assert_no_error (error);
  found = rv_vault_find_accounts (vault, "pypi");
  g_assert_cmpuint (found->len, ==, 1);
  answers = rv_request_answers_load (answers_path, &error);
  g_assert_no_error (error);
  draft = rv_request_draft_new (rv_provider_lookup (providers, "pypi"), answers, vault,
                                g_ptr_array_index (found, 0), password, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (draft->text, ==, run.out);
  rv_vault_close (vault);
}

static void
test_leak_refused (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *answers = write_answers (fixture,
    "{\"what_happened\": [\"codes-lost\"], \"details\": \"I tried FEDC BA98 7654 3210\","
    " \"acknowledged\": [\"code-of-conduct\", \"acknowledgement\"]}");
  g_autofree char *other = NULL;
  g_auto(RvTestRun) run = { 0 };

  rv (fixture, &run, PASSWORD, "request", "--account", "pypi", "--answers", answers,
      "--output", fixture->output, NULL);
  rv_test_assert_status (&run, 1);
  g_assert_nonnull (strstr (run.err, "a recovery code stored in the vault"));
  g_assert_null (strstr (run.err, "FEDC"));
  g_assert_null (strstr (run.out, "FEDC"));
  g_assert_false (g_file_test (fixture->output, G_FILE_TEST_EXISTS));

  /* A service outside the vault is still checked against the vault. */
  other = write_answers (fixture,
    "{\"username\": \"someone\", \"what_happened\": [\"lost-device\"],"
    " \"details\": \"old secret gezdgnbvgy3tqojqgezdgnbvgy3tqojq\"}");
  rv (fixture, &run, PASSWORD, "request", "--service", "Example Cloud", "--answers", other, NULL);
  rv_test_assert_status (&run, 1);
  g_assert_nonnull (strstr (run.err, "two-factor secret"));
  g_assert_null (strstr (run.err, "gezd"));
}

static void
test_service_without_vault (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *answers = write_answers (fixture,
    "{\"username\": \"someone\", \"what_happened\": [\"lost-device\"], \"evidence\": [\"email\"]}");
  g_autofree char *missing = g_build_filename (fixture->dir, "none.rvault", NULL);
  const char *argv[] = { "--vault", missing, "request", "--service", "Example Cloud",
                         "--answers", answers, "-q", NULL };
  g_auto(RvTestRun) run = { 0 };

  rv_test_rvault (&run, NULL, NULL, argv);
  rv_test_assert_status (&run, 0);
  g_assert_true (g_str_has_prefix (run.out, "Title: Two-factor authentication recovery request\n\n"
                                            "Username: someone\nService: Example Cloud\n"));
}

static void
test_record_and_list (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *answers_path = rv_test_source_path ("data/drafts/pypi.json");
  g_autoptr(RvSecret) password = rv_secret_new_from_string (PASSWORD);
  g_autoptr(RvVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = read_file (rv_test_source_path ("data/drafts/pypi.txt"));
  g_auto(RvTestRun) run = { 0 };
  RvRequestRecord *request;

  rv (fixture, &run, PASSWORD, "request", "--list", NULL);
  rv_test_assert_status (&run, 0);
  g_assert_nonnull (strstr (run.out, "No recovery requests recorded"));

  rv (fixture, &run, PASSWORD, "request", "--account", "pypi", "--answers", answers_path,
      "--record", "--ticket", "https://github.com/pypi/support/issues/9999",
      "--follow-up", "2000-01-31", "-q", NULL);
  rv_test_assert_status (&run, 0);
  g_assert_nonnull (strstr (run.err, "Recorded request"));

  rv (fixture, &run, PASSWORD, "request", "--list", "--due", NULL);
  rv_test_assert_status (&run, 0);
  g_assert_nonnull (strstr (run.out, "pypi"));
  g_assert_nonnull (strstr (run.out, "DUE"));
  g_assert_nonnull (strstr (run.out, "https://github.com/pypi/support/issues/9999"));

  vault = rv_vault_open (fixture->path, password, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rv_vault_get_requests (vault)->len, ==, 1);
  request = g_ptr_array_index (rv_vault_get_requests (vault), 0);
  g_assert_cmpstr (request->provider_id, ==, "pypi");
  g_assert_cmpstr (request->draft, ==, expected);
  g_assert_cmpint (request->status, ==, RV_REQUEST_STATUS_SUBMITTED);
  g_assert_cmpint (request->follow_up_at, ==, 949276800);
  g_assert_cmpint (request->submitted_at, >, 0);
  rv_vault_close (vault);

  rv (fixture, &run, PASSWORD, "request", "--account", "pypi", "--answers", answers_path,
      "--record", "--follow-up", "2000-02-30", "-q", NULL);
  rv_test_assert_status (&run, 2);
  g_assert_nonnull (strstr (run.err, "YYYY-MM-DD"));
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *answers_path = rv_test_source_path ("data/drafts/pypi.json");
  g_autofree char *bad = write_answers (fixture, "{\"what_happend\": []}");
  g_auto(RvTestRun) run = { 0 };

  rv (fixture, &run, PASSWORD, "request", "--answers", answers_path, NULL);
  rv_test_assert_status (&run, 2);
  rv (fixture, &run, PASSWORD, "request", "--account", "pypi", NULL);
  rv_test_assert_status (&run, 2);
  rv (fixture, &run, PASSWORD, "request", "--account", "pypi", "--provider", "nope",
      "--answers", answers_path, NULL);
  rv_test_assert_status (&run, 2);
  g_assert_nonnull (strstr (run.err, "No recovery profile “nope”"));
  rv (fixture, &run, PASSWORD, "request", "--account", "pypi", "--answers", bad, NULL);
  rv_test_assert_status (&run, 2);
  g_assert_nonnull (strstr (run.err, "what_happend"));
  rv (fixture, &run, PASSWORD, "request", "--account", "nomatch", "--answers", answers_path, NULL);
  rv_test_assert_status (&run, 1);
}

static void
test_providers (Fixture       *fixture,
                gconstpointer  data)
{
  const char *argv[] = { "providers", NULL };
  const char *ids[] = { "generic", "github", "gitlab", "google", "microsoft", "npm", "pypi" };
  g_auto(RvTestRun) run = { 0 };

  rv_test_rvault (&run, NULL, NULL, argv);
  rv_test_assert_status (&run, 0);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *line = g_strdup_printf ("\n%s ", ids[i]);

      g_assert_nonnull (strstr (run.out, line));
    }
  g_assert_null (strstr (run.out, "Broken"));

  rv_test_run_clear (&run);
  g_setenv ("RV_PROVIDERS_DIR", rv_test_source_path ("data/providers-broken"), TRUE);
  rv_test_rvault (&run, NULL, NULL, argv);
  g_unsetenv ("RV_PROVIDERS_DIR");
  rv_test_assert_status (&run, 0);
  g_assert_nonnull (strstr (run.out, "\nexample "));
  g_assert_nonnull (strstr (run.out, "Broken profiles (skipped):"));
  g_assert_nonnull (strstr (run.out, "bad-regex.json"));
  g_assert_nonnull (strstr (run.out, "“request.title” is missing"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *providers = NULL;

  g_test_init (&argc, &argv, NULL);

  /* The profiles of this source tree, not an installed copy. */
  providers = g_build_filename (g_getenv ("RV_SOURCE_ROOT"), "data", "providers", NULL);
  g_setenv ("RV_PROVIDERS_DIR", providers, TRUE);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cli-request/pypi-draft", test_pypi_draft);
  ADD ("/cli-request/leak-refused", test_leak_refused);
  ADD ("/cli-request/service-without-vault", test_service_without_vault);
  ADD ("/cli-request/record-and-list", test_record_and_list);
  ADD ("/cli-request/usage-errors", test_usage_errors);
#undef ADD
  g_test_add ("/cli-request/providers", Fixture, NULL, fixture_setup, test_providers,
              fixture_teardown);

  return g_test_run ();
}
