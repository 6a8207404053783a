/* test-cli-text.c: nothing rvault prints carries a control character from the
 * vault or a file to the terminal (issue 11, item 6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "rv-test-util.h"

#define PASSWORD "vault password"
#define HOSTILE  "Esc\x1b]0;pwned\x07\x1b[2J"
#define HOSTILE_URI "Esc%1B%5D0%3Bpwned%07%1B%5B2J"
#define RLO      "\xe2\x80\xae"
#define C1_CSI   "\xc2\x9b"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void G_GNUC_NULL_TERMINATED
rv (Fixture    *fixture,
    RvTestRun  *run,
    const char *input,
    ...)
{
  va_list ap;

  va_start (ap, input);
  rv_test_rvault_vault_valist (run, fixture->path, input, PASSWORD, ap);
  va_end (ap);
}

static void
assert_no_controls (const char *what,
                    const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\x1b' || *p == '\x07' || *p == '\r' || *p == '\x9b' ||
        ((guchar) *p < 0x20 && *p != '\n' && *p != '\t'))
      g_error ("%s has control byte 0x%02x at %d:\n%s", what, (guchar) *p, (int) (p - text), text);
  g_assert_null (strstr (text, C1_CSI));
  g_assert_null (strstr (text, RLO));
}

static void
assert_clean_run (RvTestRun *run)
{
  assert_no_controls ("stdout", run->out);
  assert_no_controls ("stderr", run->err);
}

static void
assert_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };

  fixture->dir = rv_test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "v.rvault", NULL);
  rv (fixture, &run, NULL, "init", NULL);
  rv_test_assert_status (&run, 0);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  rv_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* Names typed on the command line, read from an import file and from an
 * otpauth URI: stored without controls, printed without them. */
static void
test_hostile_names (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };
  g_autofree char *list = g_build_filename (fixture->dir, "uris.txt", NULL);
  g_autofree char *uri = g_strconcat ("otpauth://totp/" HOSTILE_URI ":eve%C2%9B%E2%80%AE"
                                      "?secret=JBSWY3DPEHPK3PXP&issuer=" HOSTILE_URI "\n", NULL);
  g_autofree char *contents = g_strconcat (uri,
                                           "otpauth://totp/" HOSTILE_URI ":bad?secret=N0T-BASE32\n",
                                           NULL);

  rv (fixture, &run, "JBSWY3DPEHPK3PXP\n", "add", "--issuer", HOSTILE, "--name",
      "bob" C1_CSI "2J", "--notes", "line\x1b[2J\nnext", "--tag", "t" RLO, NULL);
  rv_test_assert_status (&run, 0);
  assert_clean_run (&run);

  g_assert_true (g_file_set_contents (list, contents, -1, NULL));
  rv (fixture, &run, NULL, "import", "--dry-run", list, NULL);
  assert_clean_run (&run);
  g_assert_nonnull (strstr (run.out, "Esc]0;pwned[2J"));
  rv (fixture, &run, NULL, "import", "--allow-partial", list, NULL);
  rv_test_assert_status (&run, 0);
  assert_clean_run (&run);

  rv (fixture, &run, NULL, "list", NULL);
  rv_test_assert_status (&run, 0);
  assert_clean_run (&run);
  g_assert_nonnull (strstr (run.out, "Esc]0;pwned[2J"));

  rv (fixture, &run, NULL, "list", "--json", NULL);
  rv_test_assert_status (&run, 0);
  assert_clean_run (&run);
  assert_json (run.out);

  rv (fixture, &run, NULL, "show", "Esc", NULL);
  assert_clean_run (&run);
  rv (fixture, &run, NULL, "show", "--json", "bob", NULL);
  rv_test_assert_status (&run, 0);
  assert_clean_run (&run);
  assert_json (run.out);
  g_assert_nonnull (strstr (run.out, "line[2J\\nnext"));

  /* A recovery code is a secret, written from guarded memory: escaped too. */
  rv (fixture, &run, "rc\x1b[2J\x07-1\n", "recovery-codes", "bob", "--add", "-", NULL);
  rv_test_assert_status (&run, 0);
  rv (fixture, &run, NULL, "recovery-codes", "bob", "--list", "--reveal", NULL);
  rv_test_assert_status (&run, 0);
  assert_clean_run (&run);
  g_assert_nonnull (strstr (run.out, "rc\\u001B[2J\\u0007-1"));
  rv (fixture, &run, NULL, "show", "--reveal", "bob", NULL);
  rv_test_assert_status (&run, 0);
  assert_clean_run (&run);
  rv (fixture, &run, NULL, "show", "--json", "--reveal", "bob", NULL);
  rv_test_assert_status (&run, 0);
  assert_clean_run (&run);
  assert_json (run.out);

  rv (fixture, &run, uri, "uri", NULL);
  rv_test_assert_status (&run, 0);
  assert_clean_run (&run);
  assert_json (run.out);
}

/* Text that never went through the model (a file name here) is escaped by
 * the CLI's output helper. */
static void
test_escaped_output (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };
  g_autofree char *dir = g_build_filename (fixture->dir, "d" HOSTILE RLO, NULL);
  g_autofree char *path = g_build_filename (dir, "v.rvault", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing" C1_CSI ".json", NULL);

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_assert_true (g_rename (fixture->path, path) == 0);
  g_free (fixture->path);
  fixture->path = g_strdup (path);

  rv (fixture, &run, NULL, "info", NULL);
  rv_test_assert_status (&run, 0);
  assert_clean_run (&run);
  g_assert_nonnull (strstr (run.out, "d" "Esc\\u001B]0;pwned\\u0007\\u001B[2J\\u202E"));

  rv (fixture, &run, NULL, "import", missing, NULL);
  g_assert_cmpint (run.status, !=, 0);
  assert_clean_run (&run);
  g_assert_nonnull (strstr (run.err, "missing\\u009B.json"));

  rv (fixture, &run, NULL, "sync-status", NULL);
  assert_clean_run (&run);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/text/hostile-names", Fixture, NULL, fixture_setup, test_hostile_names,
              fixture_teardown);
  g_test_add ("/cli/text/escaped-output", Fixture, NULL, fixture_setup, test_escaped_output,
              fixture_teardown);

  return g_test_run ();
}
