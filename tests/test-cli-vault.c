/* test-cli-vault.c: the rvault vault commands end to end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "rv-base32.h"
#include "rv-otp.h"
#include "rv-test-util.h"

#define PASSWORD      "correct horse battery staple"
#define NEW_PASSWORD  "a different, longer passphrase"

/* Raw secrets are printable so that a leak of the raw bytes is searchable. */
#define ACME_RAW      "12345678901234567890"
#define ACME_B32      "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
#define HOTP_RAW      "hotp-raw-secret-value"
#define STEAM_RAW     "steam-raw-secret-value!"
#define GITHUB_RAW    "github-raw-secret-bytes"

static const char *recovery_codes[] = {
  "rc-alpha-1111", "rc-bravo-2222", "RC-CHARLIE-3333", "abcd-efgh-1234",
};

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = rv_test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "v.rvault", NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  rv_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* Runs rvault --vault PATH ARGS…; the password (if any) goes on fd 3. */
static void G_GNUC_NULL_TERMINATED
rv (Fixture    *fixture,
    RvTestRun  *run,
    const char *input,
    const char *password,
    ...)
{
  va_list ap;

  va_start (ap, password);
  rv_test_rvault_vault_valist (run, fixture->path, input, password, ap);
  va_end (ap);
}

static void
assert_ok (RvTestRun *run)
{
  rv_test_assert_status (run, 0);
}

/* A failure: the status, nothing on stdout, one line on stderr naming it. */
static void
assert_error (RvTestRun  *run,
              int         status,
              const char *message_part)
{
  rv_test_assert_status (run, status);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_true (g_str_has_prefix (run->err, "rvault: "));
  if (strstr (run->err, message_part) == NULL)
    g_error ("“%s” does not mention “%s”", run->err, message_part);
  g_assert_cmpint (strchr (run->err, '\n') - run->err, ==, strlen (run->err) - 1);
}

static char *
base32_of (const char *raw)
{
  g_autoptr(RvSecret) encoded = rv_base32_encode ((const guint8 *) raw, strlen (raw));

  return g_strdup (rv_secret_get_string (encoded));
}

static void
init_vault (Fixture *fixture)
{
  g_auto(RvTestRun) run = { 0 };

  rv (fixture, &run, NULL, PASSWORD, "init", NULL);
  assert_ok (&run);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_REGULAR));
}

static char *
expected_totp (const char     *raw,
               RvOtpAlgorithm  algorithm,
               gint64          at,
               guint           period,
               guint           digits)
{
  g_autoptr(RvSecret) key = rv_secret_new_from_string (raw);
  char code[RV_OTP_CODE_BUFFER];

  rv_otp_totp (key, algorithm, at, period, digits, code);
  return g_strdup (code);
}

/* A vault with a TOTP, a HOTP, a Steam, a URI-added and a codes-only
 * account, and recovery codes on the first. */
static void
fill_vault_slowly (Fixture *fixture)
{
  g_auto(RvTestRun) run = { 0 };
  g_autofree char *hotp_b32 = base32_of (HOTP_RAW);
  g_autofree char *steam_b32 = base32_of (STEAM_RAW);
  g_autofree char *github_b32 = base32_of (GITHUB_RAW);
  g_autofree char *uri = g_strdup_printf ("otpauth://totp/GitHub:octocat?secret=%s&issuer=GitHub"
                                          "&digits=8&period=60&algorithm=SHA256", github_b32);
  g_autofree char *codes = NULL;
  GString *joined = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (recovery_codes); i++)
    g_string_append_printf (joined, "%s\n", recovery_codes[i]);
  codes = g_string_free (joined, FALSE);

  init_vault (fixture);
  rv (fixture, &run, ACME_B32 "\n", PASSWORD, "add", "--issuer", "ACME", "--name", "alice",
      "--email", "alice@example.com", "--url", "https://acme.example", "--notes", "main login",
      "--tag", "work", "--tag", "dev", NULL);
  assert_ok (&run);
  rv (fixture, &run, hotp_b32, PASSWORD, "add", "--issuer", "Counter Bank", "--name", "bob",
      "--type", "hotp", "--counter", "5", NULL);
  assert_ok (&run);
  rv (fixture, &run, steam_b32, PASSWORD, "add", "--issuer", "Steam", "--name", "gamer",
      "--type", "steam", NULL);
  assert_ok (&run);
  rv (fixture, &run, uri, PASSWORD, "add", "--uri", "-", "--tag", "code", NULL);
  assert_ok (&run);
  rv (fixture, &run, NULL, PASSWORD, "add", "--issuer", "PyPI", "--name", "carol",
      "--type", "none", NULL);
  assert_ok (&run);
  rv (fixture, &run, codes, PASSWORD, "recovery-codes", "acme", "--add", "-", NULL);
  assert_ok (&run);
}

static char *template_dir;

/* Filling takes seven runs of rvault, each with a key derivation: do it
 * once and give every test its own copy of the file. */
static void
fill_vault (Fixture *fixture)
{
  g_autofree char *template = NULL;
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) dest = g_file_new_for_path (fixture->path);
  g_autoptr(GError) error = NULL;

  if (template_dir == NULL)
    {
      Fixture filler = { 0 };

      fixture_setup (&filler, NULL);
      fill_vault_slowly (&filler);
      template_dir = filler.dir;
      g_free (filler.path);
    }
  template = g_build_filename (template_dir, "v.rvault", NULL);
  source = g_file_new_for_path (template);
  g_file_copy (source, dest, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
test_init (Fixture       *fixture,
           gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  init_vault (fixture);
  g_assert_true (g_file_get_contents (fixture->path, &before, NULL, NULL));

  rv (fixture, &run, NULL, NEW_PASSWORD, "init", NULL);
  assert_error (&run, 1, "already exists");
  g_assert_true (g_file_get_contents (fixture->path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);

  rv (fixture, &run, NULL, PASSWORD, "list", NULL);
  assert_ok (&run);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "no accounts"));
}

static void
test_open_errors (Fixture       *fixture,
                  gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };

  rv (fixture, &run, NULL, PASSWORD, "list", NULL);
  assert_error (&run, 1, "No vault at");
  g_assert_nonnull (strstr (run.err, fixture->path));

  init_vault (fixture);
  rv (fixture, &run, NULL, "not the password", "list", NULL);
  assert_error (&run, 1, "password");

  rv (fixture, &run, NULL, NULL, "list", NULL);
  assert_error (&run, 2, "--password-fd");

  rv (fixture, &run, NULL, "", "list", NULL);
  assert_error (&run, 2, "empty");
}

static void
test_add_and_list (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *accounts;
  JsonObject *acme = NULL;
  JsonObject *github = NULL;

  fill_vault (fixture);

  rv (fixture, &run, NULL, PASSWORD, "list", NULL);
  assert_ok (&run);
  g_assert_true (g_str_has_prefix (run.out, "ID "));
  g_assert_nonnull (strstr (run.out, "ACME"));
  g_assert_nonnull (strstr (run.out, "Counter Bank"));
  g_assert_nonnull (strstr (run.out, "octocat"));
  g_assert_nonnull (strstr (run.out, "4/4"));
  g_assert_nonnull (strstr (run.out, "work, dev"));
  /* Columns line up: "TYPE" starts where every type does. */
  {
    g_auto(GStrv) lines = g_strsplit (run.out, "\n", -1);
    const char *type_col = strstr (lines[0], "TYPE");

    g_assert_cmpuint (g_strv_length (lines), ==, 7);
    for (guint i = 1; i < 6; i++)
      g_assert_true (g_ascii_isalpha (lines[i][type_col - lines[0]]) &&
                     lines[i][type_col - lines[0] - 1] == ' ');
  }

  rv (fixture, &run, NULL, PASSWORD, "list", "--json", NULL);
  assert_ok (&run);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  accounts = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (accounts), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      JsonObject *object = json_array_get_object_element (accounts, i);

      g_assert_false (json_object_has_member (object, "secret"));
      g_assert_cmpuint (strlen (json_object_get_string_member (object, "id")), ==, 36);
      if (g_strcmp0 (json_object_get_string_member (object, "issuer"), "ACME") == 0)
        acme = object;
      if (g_strcmp0 (json_object_get_string_member (object, "issuer"), "GitHub") == 0)
        github = object;
    }
  g_assert_nonnull (acme);
  g_assert_cmpstr (json_object_get_string_member (acme, "name"), ==, "alice");
  g_assert_cmpstr (json_object_get_string_member (acme, "type"), ==, "totp");
  g_assert_cmpstr (json_object_get_string_member (acme, "email"), ==, "alice@example.com");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (acme, "tags"), 1),
                   ==, "dev");
  {
    JsonObject *codes = json_object_get_object_member (acme, "recovery_codes");

    g_assert_cmpint (json_object_get_int_member (codes, "unused"), ==, 4);
    g_assert_cmpint (json_object_get_int_member (codes, "total"), ==, 4);
  }
  g_assert_nonnull (github);
  g_assert_cmpstr (json_object_get_string_member (github, "name"), ==, "octocat");

  /* A search text narrows the list. */
  rv (fixture, &run, NULL, PASSWORD, "list", "bank", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "Counter Bank"));
  g_assert_null (strstr (run.out, "ACME"));
}

typedef struct
{
  const char *input;
  const char *args[8];
  int         status;
  const char *message_part;
} BadAdd;

static const BadAdd bad_adds[] = {
  { "JBSWY3DPEHPK3PX1", { "add", "--issuer", "X" }, 2, "not valid base32" },
  { "", { "add", "--issuer", "X" }, 2, "base32" },
  { "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=MD5", { "add", "--uri", "-" }, 2,
    "MD5" },
  { "https://example.com/", { "add", "--uri", "-" }, 2, "otpauth" },
  { "JBSWY3DPEHPK3PXP", { "add", "--uri", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP" }, 2,
    "standard input" },
  { "JBSWY3DPEHPK3PXP", { "add", "--name", "x", "--type", "motp" }, 2, "motp" },
  { "JBSWY3DPEHPK3PXP", { "add", "--name", "x", "--digits", "4" }, 2, "between 6 and 10" },
  { "JBSWY3DPEHPK3PXP", { "add", "--name", "x", "--algorithm", "md5" }, 2, "md5" },
  { "JBSWY3DPEHPK3PXP", { "add" }, 2, "--issuer" },
  { "JBSWY3DPEHPK3PXP", { "add", "--name", "x", "JBSWY3DPEHPK3PXP" }, 2, "standard input" },
  { "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP", { "add", "--uri", "-", "--digits", "8" }, 2,
    "come from the URI" },
};

static void
test_add_bad (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  init_vault (fixture);
  g_assert_true (g_file_get_contents (fixture->path, &before, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad_adds); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();

      g_ptr_array_add (args, (gpointer) "--vault");
      g_ptr_array_add (args, fixture->path);
      for (guint j = 0; bad_adds[i].args[j] != NULL; j++)
        g_ptr_array_add (args, (gpointer) bad_adds[i].args[j]);
      g_ptr_array_add (args, NULL);
      rv_test_run_clear (&run);
      rv_test_rvault (&run, bad_adds[i].input, PASSWORD, (const char *const *) args->pdata);
      assert_error (&run, bad_adds[i].status, bad_adds[i].message_part);
    }
  g_assert_true (g_file_get_contents (fixture->path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);
}

static void
test_code (Fixture       *fixture,
           gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *acme = expected_totp (ACME_RAW, RV_OTP_ALGORITHM_SHA1, 1700000000, 30, 6);
  g_autofree char *github = expected_totp (GITHUB_RAW, RV_OTP_ALGORITHM_SHA256, 1700000000, 60, 8);
  g_autofree char *line = NULL;
  JsonObject *object;

  fill_vault (fixture);

  rv (fixture, &run, NULL, PASSWORD, "code", "acme", "--at", "1700000000", NULL);
  assert_ok (&run);
  /* 1700000000 is 20 s into its 30 s window. */
  line = g_strdup_printf ("%s (valid for 10 more seconds)\n", acme);
  g_assert_cmpstr (run.out, ==, line);

  rv (fixture, &run, NULL, PASSWORD, "code", "octocat", "--at", "1700000000", "--json", NULL);
  assert_ok (&run);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "code"), ==, github);
  g_assert_cmpint (json_object_get_int_member (object, "seconds_left"), ==, 40);
  g_assert_cmpint (json_object_get_int_member (object, "period"), ==, 60);
  g_assert_cmpstr (json_object_get_string_member (object, "issuer"), ==, "GitHub");

  /* By tag, by e-mail, by id prefix. */
  rv (fixture, &run, NULL, PASSWORD, "code", "alice@example", "--at", "1700000000", NULL);
  assert_ok (&run);
  g_assert_true (g_str_has_prefix (run.out, acme));
  {
    g_autofree char *id = NULL;

    rv (fixture, &run, NULL, PASSWORD, "list", "--json", "acme", NULL);
    assert_ok (&run);
    g_assert_true (json_parser_load_from_data (parser, run.out, -1, NULL));
    id = g_strndup (json_object_get_string_member (
      json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0),
      "id"), 6);
    rv (fixture, &run, NULL, PASSWORD, "code", id, "--at", "1700000000", NULL);
    assert_ok (&run);
    g_assert_true (g_str_has_prefix (run.out, acme));
  }

  /* Steam codes use Steam's alphabet and 5 characters. */
  {
    g_autoptr(RvSecret) key = rv_secret_new_from_string (STEAM_RAW);
    char steam[RV_OTP_CODE_BUFFER];

    rv_otp_steam (key, 1700000000, 30, steam);
    rv (fixture, &run, NULL, PASSWORD, "code", "steam", "--at", "1700000000", NULL);
    assert_ok (&run);
    g_assert_true (g_str_has_prefix (run.out, steam));
    g_assert_cmpint (run.out[5], ==, ' ');
  }
}

static void
test_code_hotp (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };
  g_autoptr(RvSecret) key = rv_secret_new_from_string (HOTP_RAW);

  fill_vault (fixture);
  for (guint64 counter = 5; counter < 8; counter++)
    {
      char code[RV_OTP_CODE_BUFFER];
      g_autofree char *line = NULL;

      rv_otp_hotp (key, RV_OTP_ALGORITHM_SHA1, counter, 6, code);
      line = g_strdup_printf ("%s (counter %" G_GUINT64_FORMAT ")\n", code, counter);
      rv (fixture, &run, NULL, PASSWORD, "code", "bank", NULL);
      assert_ok (&run);
      g_assert_cmpstr (run.out, ==, line);
    }
  rv (fixture, &run, NULL, PASSWORD, "show", "bank", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "Counter:         8\n"));
}

static void
test_query_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };
  g_auto(RvTestRun) second = { 0 };

  fill_vault (fixture);

  /* "a" is in ACME, Counter Bank, Steam, gamer, carol… */
  rv (fixture, &run, NULL, PASSWORD, "code", "a", NULL);
  assert_error (&run, 2, "matches");
  g_assert_nonnull (strstr (run.err, "ACME (alice)"));
  g_assert_nonnull (strstr (run.err, "Counter Bank (bob)"));

  rv (fixture, &run, NULL, PASSWORD, "code", "nobody-here", NULL);
  assert_error (&run, 1, "No account matches “nobody-here”");

  rv (fixture, &run, NULL, PASSWORD, "code", "pypi", NULL);
  assert_error (&run, 1, "no one-time codes");

  rv (fixture, &run, NULL, PASSWORD, "code", NULL);
  assert_error (&run, 2, "QUERY");

  /* An exact issuer wins over a partial match elsewhere. */
  rv (fixture, &run, NULL, PASSWORD, "add", "--issuer", "ACME Staging", "--type", "none", NULL);
  assert_ok (&run);
  rv (fixture, &run, NULL, PASSWORD, "show", "acme", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "Name:            alice\n"));
  rv (fixture, &second, NULL, PASSWORD, "show", "acme s", NULL);
  assert_ok (&second);
  g_assert_nonnull (strstr (second.out, "Issuer:          ACME Staging\n"));
}

static void
test_show (Fixture       *fixture,
           gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *github_b32 = base32_of (GITHUB_RAW);
  JsonObject *object;
  JsonArray *codes;

  fill_vault (fixture);

  rv (fixture, &run, NULL, PASSWORD, "show", "acme", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "Issuer:          ACME\n"));
  g_assert_nonnull (strstr (run.out, "Email:           alice@example.com\n"));
  g_assert_nonnull (strstr (run.out, "URL:             https://acme.example\n"));
  g_assert_nonnull (strstr (run.out, "Tags:            work, dev\n"));
  g_assert_nonnull (strstr (run.out, "Notes:           main login\n"));
  g_assert_nonnull (strstr (run.out, "Type:            totp\n"));
  g_assert_nonnull (strstr (run.out, "Secret:          ********"));
  g_assert_nonnull (strstr (run.out, "4 unused of 4"));
  g_assert_null (strstr (run.out, ACME_B32));
  g_assert_null (strstr (run.out, "otpauth"));
  g_assert_null (strstr (run.out, "rc-alpha"));

  rv (fixture, &run, NULL, PASSWORD, "show", "acme", "--reveal", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "Secret:          " ACME_B32 "\n"));
  g_assert_nonnull (strstr (run.out, "otpauth URI:     otpauth://totp/"));
  for (guint i = 0; i < G_N_ELEMENTS (recovery_codes); i++)
    g_assert_nonnull (strstr (run.out, recovery_codes[i]));

  rv (fixture, &run, NULL, PASSWORD, "show", "octocat", "--json", NULL);
  assert_ok (&run);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_false (json_object_has_member (object, "secret"));
  g_assert_false (json_object_has_member (object, "uri"));
  g_assert_cmpstr (json_object_get_string_member (object, "algorithm"), ==, "SHA256");
  g_assert_cmpint (json_object_get_int_member (object, "digits"), ==, 8);
  g_assert_cmpint (json_object_get_int_member (object, "period"), ==, 60);

  rv (fixture, &run, NULL, PASSWORD, "show", "octocat", "--json", "--reveal", NULL);
  assert_ok (&run);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "secret"), ==, github_b32);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "uri"),
                                   "otpauth://totp/GitHub:octocat?"));

  /* The revealed URI adds the same account back. */
  {
    g_autofree char *uri = g_strdup (json_object_get_string_member (object, "uri"));
    g_autofree char *github = expected_totp (GITHUB_RAW, RV_OTP_ALGORITHM_SHA256, 99, 60, 8);

    rv (fixture, &run, uri, PASSWORD, "add", "--uri", "-", "--name", "octocat-copy", NULL);
    assert_ok (&run);
    rv (fixture, &run, NULL, PASSWORD, "code", "octocat-copy", "--at", "99", NULL);
    assert_ok (&run);
    g_assert_true (g_str_has_prefix (run.out, github));
  }

  rv (fixture, &run, NULL, PASSWORD, "show", "acme", "--json", "--reveal", NULL);
  assert_ok (&run);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "secret"), ==, ACME_B32);
  codes = json_object_get_array_member (json_object_get_object_member (object, "recovery_codes"),
                                        "codes");
  g_assert_cmpuint (json_array_get_length (codes), ==, G_N_ELEMENTS (recovery_codes));
  for (guint i = 0; i < G_N_ELEMENTS (recovery_codes); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (codes, i),
                                                    "code"), ==, recovery_codes[i]);
}

static void
test_edit (Fixture       *fixture,
           gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };
  g_autofree char *new_b32 = base32_of ("a brand new raw key!");
  g_autofree char *expected = expected_totp ("a brand new raw key!", RV_OTP_ALGORITHM_SHA512,
                                             1000, 45, 7);

  fill_vault (fixture);

  rv (fixture, &run, NULL, PASSWORD, "edit", "acme", "--issuer", "ACME Corp", "--email", "",
      "--tag", "personal", "--notes", "changed", NULL);
  assert_ok (&run);
  g_assert_true (g_str_has_prefix (run.out, "Updated ACME Corp (alice)"));
  rv (fixture, &run, NULL, PASSWORD, "show", "acme corp", NULL);
  assert_ok (&run);
  g_assert_null (strstr (run.out, "Email:"));
  g_assert_nonnull (strstr (run.out, "Tags:            personal\n"));
  g_assert_nonnull (strstr (run.out, "Notes:           changed\n"));
  g_assert_nonnull (strstr (run.out, "4 unused of 4"));

  rv (fixture, &run, new_b32, PASSWORD, "edit", "acme", "--secret", "-", "--algorithm", "sha512",
      "--digits", "7", "--period", "45", NULL);
  assert_ok (&run);
  rv (fixture, &run, NULL, PASSWORD, "code", "acme", "--at", "1000", NULL);
  assert_ok (&run);
  g_assert_true (g_str_has_prefix (run.out, expected));

  /* Turning a codes-only account into TOTP needs a secret. */
  rv (fixture, &run, NULL, PASSWORD, "edit", "pypi", "--type", "totp", NULL);
  assert_error (&run, 2, "--secret -");
  rv (fixture, &run, "not base32!", PASSWORD, "edit", "pypi", "--secret", "-", "--type", "totp",
      NULL);
  assert_error (&run, 2, "base32");
  rv (fixture, &run, NULL, PASSWORD, "edit", "acme", NULL);
  assert_error (&run, 2, "Nothing to change");
  rv (fixture, &run, NULL, PASSWORD, "edit", "acme", "--digits", "3", NULL);
  assert_error (&run, 2, "Digits");
  rv (fixture, &run, new_b32, PASSWORD, "edit", "acme", "--secret", new_b32, NULL);
  assert_error (&run, 2, "standard input");

  /* Type none keeps the secret, still visible with --reveal, but no URI. */
  rv (fixture, &run, NULL, PASSWORD, "edit", "acme", "--type", "none", NULL);
  assert_ok (&run);
  rv (fixture, &run, NULL, PASSWORD, "code", "acme", NULL);
  assert_error (&run, 1, "no one-time codes");
  rv (fixture, &run, NULL, PASSWORD, "show", "acme", "--reveal", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "Secret:          "));
  g_assert_null (strstr (run.out, "otpauth"));
  rv (fixture, &run, NULL, PASSWORD, "show", "acme", "--reveal", "--json", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "\"uri\" : null"));
  rv (fixture, &run, NULL, PASSWORD, "code", "octocat", "--at", "-5", NULL);
  assert_error (&run, 2, "1970");
}

static void
test_remove (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };

  fill_vault (fixture);

  rv (fixture, &run, NULL, PASSWORD, "remove", "acme", NULL);
  assert_error (&run, 2, "--yes");
  rv (fixture, &run, NULL, PASSWORD, "remove", "acme", "--yes", NULL);
  assert_ok (&run);
  g_assert_true (g_str_has_prefix (run.out, "Removed ACME (alice)"));
  rv (fixture, &run, NULL, PASSWORD, "show", "acme", NULL);
  assert_error (&run, 1, "No account matches");
  rv (fixture, &run, NULL, PASSWORD, "list", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "Counter Bank"));
  rv (fixture, &run, NULL, PASSWORD, "remove", "acme", "--yes", NULL);
  assert_error (&run, 1, "No account matches");
}

static void
test_recovery_codes (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *codes;

  fill_vault (fixture);

  /* Whitespace-separated, duplicates within the input and with stored codes. */
  rv (fixture, &run, "new-code-1 new-code-2\n\nrc-alpha-1111 new-code-1\r\n", PASSWORD,
      "recovery-codes", "acme", "--add", "-", NULL);
  assert_ok (&run);
  g_assert_cmpstr (run.out, ==, "Added 2 recovery codes to ACME (alice); 6 unused of 6 stored\n");
  g_assert_cmpstr (run.err, ==, "rvault: skipped 2 duplicate codes (input positions 3, 4)\n");

  rv (fixture, &run, "\n  \n", PASSWORD, "recovery-codes", "acme", "--add", "-", NULL);
  assert_error (&run, 2, "No recovery codes");

  rv (fixture, &run, NULL, PASSWORD, "recovery-codes", "acme", "--list", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "ACME (alice) ["));
  g_assert_nonnull (strstr (run.out, "  1  ********  unused  added "));
  g_assert_null (strstr (run.out, "rc-alpha"));
  g_assert_null (strstr (run.out, "new-code"));

  rv (fixture, &run, "rc-bravo-2222\n", PASSWORD, "recovery-codes", "acme", "--use", "-", NULL);
  assert_ok (&run);
  g_assert_cmpstr (run.out, ==, "Marked recovery code 2 of ACME (alice) as used; 5 unused left\n");
  /* Case, dashes and spaces do not matter. */
  rv (fixture, &run, "ABCD EFGH 1234", PASSWORD, "recovery-codes", "acme", "--use", "-", NULL);
  assert_ok (&run);
  g_assert_true (g_str_has_prefix (run.out, "Marked recovery code 4 of"));

  rv (fixture, &run, "rc-bravo-2222", PASSWORD, "recovery-codes", "acme", "--use", "-", NULL);
  assert_error (&run, 1, "already");
  rv (fixture, &run, "no-such-code", PASSWORD, "recovery-codes", "acme", "--use", "-", NULL);
  assert_error (&run, 1, "not stored");
  rv (fixture, &run, NULL, PASSWORD, "recovery-codes", "acme", "--add", "codes.txt", NULL);
  assert_error (&run, 2, "--add -");
  rv (fixture, &run, NULL, PASSWORD, "recovery-codes", "acme", NULL);
  assert_error (&run, 2, "Choose one");

  rv (fixture, &run, NULL, PASSWORD, "recovery-codes", "acme", "--list", "--json", NULL);
  assert_ok (&run);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  codes = json_object_get_array_member (
    json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                   "recovery_codes"), "codes");
  g_assert_cmpuint (json_array_get_length (codes), ==, 6);
  g_assert_false (json_object_has_member (json_array_get_object_element (codes, 0), "code"));
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (codes, 1), "used"));
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (codes, 2),
                                                  "used"));
  g_assert_nonnull (json_object_get_string_member (json_array_get_object_element (codes, 1),
                                                   "used_at"));

  rv (fixture, &run, NULL, PASSWORD, "recovery-codes", "acme", "--list", "--reveal", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "  2  rc-bravo-2222    used    added "));
  g_assert_nonnull (strstr (run.out, "  5  new-code-1       unused  added "));

  /* Two left: the user is told to get new ones. */
  /* The code in argv still works, with a warning (deprecated: ps shows it). */
  rv (fixture, &run, NULL, PASSWORD, "recovery-codes", "acme", "--use", "new-code-1", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.err, "rvault: warning: a code on the command line"));
  g_assert_true (g_str_has_prefix (run.out, "Marked recovery code 5 of"));
  /* --use alone reads it on standard input, wherever the QUERY is. */
  rv (fixture, &run, "new-code-2\n", PASSWORD, "recovery-codes", "--use", "acme", NULL);
  assert_ok (&run);
  g_assert_null (strstr (run.err, "warning"));
  g_assert_true (g_str_has_prefix (run.out, "Marked recovery code 6 of"));
  g_assert_nonnull (strstr (run.err, "only 2 unused recovery codes left"));
  rv (fixture, &run, "rc-alpha-1111", PASSWORD, "recovery-codes", "acme", "--use=-", NULL);
  assert_ok (&run);
  g_assert_true (g_str_has_prefix (run.out, "Marked recovery code 1 of"));
  rv (fixture, &run, "rc-charlie-3333", PASSWORD, "recovery-codes", "acme", "--use", NULL);
  g_assert_null (strstr (run.err, "warning"));
  g_assert_true (g_str_has_prefix (run.out, "Marked recovery code 3 of"));
  rv (fixture, &run, NULL, PASSWORD, "recovery-codes", "acme", "--use", "--list", NULL);
  assert_error (&run, 2, "Choose one");
}

/* Pasted codes are checked against the provider's profile: a PyPI code
 * that is not 16 hex characters is refused (nothing stored, the code not
 * repeated), and Google's "1234 5678" is one code, not two. */
static void
test_recovery_codes_format (Fixture       *fixture,
                            gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };

  init_vault (fixture);
  rv (fixture, &run, "JBSWY3DPEHPK3PXP", PASSWORD, "add", "--issuer", "PyPI", "--name", "dev",
      NULL);
  assert_ok (&run);
  rv (fixture, &run, "JBSWY3DPEHPK3PXQ", PASSWORD, "add", "--issuer", "Google", "--name", "me",
      NULL);
  assert_ok (&run);

  rv (fixture, &run, "badc0ffee0ddf00d\nnot-a-pypi-code\n", PASSWORD,
      "recovery-codes", "pypi", "--add", "-", NULL);
  assert_error (&run, 2, "Code 2:");
  g_assert_null (strstr (run.err, "not-a-pypi-code"));
  rv (fixture, &run, NULL, PASSWORD, "recovery-codes", "pypi", "--list", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "0 unused of 0"));

  rv (fixture, &run, "BADC0FFEE0DDF00D\n", PASSWORD, "recovery-codes", "pypi", "--add", "-",
      NULL);
  assert_ok (&run);
  rv (fixture, &run, "badc0ffee0ddf00d\n", PASSWORD, "recovery-codes", "pypi", "--use", "-",
      NULL);
  assert_ok (&run);

  rv (fixture, &run, "1234 5678\n1111 2222, 9999 0000\n", PASSWORD,
      "recovery-codes", "google", "--add", "-", NULL);
  assert_ok (&run);
  g_assert_cmpstr (run.out, ==, "Added 3 recovery codes to Google (me); 3 unused of 3 stored\n");
}

static void
test_passwd (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  fill_vault (fixture);
  g_assert_true (g_file_get_contents (fixture->path, &before, NULL, NULL));

  rv (fixture, &run, NULL, "wrong\n" NEW_PASSWORD "\n", "passwd", NULL);
  assert_error (&run, 1, "password");
  rv (fixture, &run, NULL, PASSWORD, "passwd", NULL);
  assert_error (&run, 2, "two lines");
  rv (fixture, &run, NULL, PASSWORD "\n\n", "passwd", NULL);
  assert_error (&run, 2, "empty");
  g_assert_true (g_file_get_contents (fixture->path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);

  rv (fixture, &run, NULL, PASSWORD "\n" NEW_PASSWORD "\n", "passwd", NULL);
  assert_ok (&run);
  g_assert_cmpstr (run.out, ==, "Password changed\n");

  rv (fixture, &run, NULL, PASSWORD, "list", NULL);
  assert_error (&run, 1, "password");
  rv (fixture, &run, NULL, NEW_PASSWORD, "show", "acme", "--reveal", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, ACME_B32));
  g_assert_nonnull (strstr (run.out, "rc-alpha-1111"));
}

/* init and passwd say how strong the new password is, as the GUI does, on
 * stderr. */
static void
test_strength_hint (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };

  rv (fixture, &run, NULL, "abc", "init", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.err, "Weak: use at least 8 characters"));
  g_assert_null (strstr (run.out, "Weak"));

  rv (fixture, &run, NULL, "abc\n" NEW_PASSWORD "\n", "passwd", NULL);
  assert_ok (&run);
  g_assert_cmpstr (run.out, ==, "Password changed\n");
  g_assert_nonnull (strstr (run.err, "Strong: long enough to resist guessing."));
}

/* rotate-key: a new key; the old password still opens the vault (it is the
 * same password) but not a file saved before, and old copies are listed. */
static void
test_rotate_key (Fixture       *fixture,
                 gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };
  g_autofree char *folder = g_build_filename (fixture->dir, "auto", NULL);
  g_autofree char *copy = g_build_filename (folder, "old.rvault", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;

  fill_vault (fixture);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_get_contents (fixture->path, &before, &before_len, NULL));
  g_assert_true (g_file_set_contents (copy, before, before_len, NULL));

  rv (fixture, &run, NULL, "wrong", "rotate-key", NULL);
  assert_error (&run, 1, "password");
  rv (fixture, &run, NULL, PASSWORD, "rotate-key", "--backup-folder", folder, NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "new key"));
  g_assert_nonnull (strstr (run.out, copy));
  g_assert_true (g_file_get_contents (fixture->path, &after, &after_len, NULL));
  g_assert_true (before_len != after_len || memcmp (before, after, after_len) != 0);

  rv (fixture, &run, NULL, PASSWORD, "show", "acme", "--reveal", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, ACME_B32));
}

/* Every command on a vault full of known secrets: none of them may reach
 * stdout or stderr without --reveal. */
static void
assert_no_secret (RvTestRun *run)
{
  g_autofree char *hotp = base32_of (HOTP_RAW);
  g_autofree char *steam = base32_of (STEAM_RAW);
  g_autofree char *github = base32_of (GITHUB_RAW);
  const char *secrets[] = {
    ACME_RAW, ACME_B32, HOTP_RAW, hotp, STEAM_RAW, steam, GITHUB_RAW, github,
    PASSWORD, "new-code-9",
  };

  for (guint s = 0; s < 2; s++)
    {
      const char *text = s == 0 ? run->out : run->err;
      g_autofree char *folded = g_ascii_strdown (text, -1);

      for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
        {
          g_autofree char *secret = g_ascii_strdown (secrets[i], -1);

          if (strstr (folded, secret) != NULL)
            g_error ("secret “%s” leaked:\n%s", secrets[i], text);
        }
      for (guint i = 0; i < G_N_ELEMENTS (recovery_codes); i++)
        {
          g_autofree char *code = g_ascii_strdown (recovery_codes[i], -1);

          if (strstr (folded, code) != NULL)
            g_error ("recovery code “%s” leaked:\n%s", recovery_codes[i], text);
        }
    }
}

static void
test_no_secret_without_reveal (Fixture       *fixture,
                               gconstpointer  data)
{
  static const char *commands[][6] = {
    { "list" }, { "list", "--json" }, { "list", "acme" },
    { "code", "acme" }, { "code", "acme", "--json" }, { "code", "bank" },
    { "code", "bank", "--json" }, { "code", "steam" }, { "code", "octocat", "--json" },
    { "code", "a" }, { "code", "nobody" }, { "code", "pypi" },
    { "show", "acme" }, { "show", "acme", "--json" }, { "show", "bank" }, { "show", "octocat" },
    { "show", "steam", "--json" }, { "show", "pypi" },
    { "recovery-codes", "acme", "--list" }, { "recovery-codes", "acme", "--list", "--json" },
    { "edit", "acme", "--notes", "n" }, { "edit", "acme", "--digits", "3" },
    { "keyring", "status" },
  };
  g_auto(RvTestRun) run = { 0 };

  fill_vault (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();

      g_ptr_array_add (args, (gpointer) "--vault");
      g_ptr_array_add (args, fixture->path);
      for (guint j = 0; commands[i][j] != NULL; j++)
        g_ptr_array_add (args, (gpointer) commands[i][j]);
      g_ptr_array_add (args, NULL);
      rv_test_run_clear (&run);
      rv_test_rvault (&run, NULL, PASSWORD, (const char *const *) args->pdata);
      g_assert_cmpint (run.status, >=, 0);
      assert_no_secret (&run);
    }

  /* Commands that take secrets on stdin do not echo them, nor do failures. */
  rv (fixture, &run, "new-code-9 rc-alpha-1111", PASSWORD, "recovery-codes", "acme", "--add", "-",
      NULL);
  assert_ok (&run);
  assert_no_secret (&run);
  rv (fixture, &run, "rc-charlie-3333", PASSWORD, "recovery-codes", "acme", "--use", "-", NULL);
  assert_ok (&run);
  assert_no_secret (&run);
  rv (fixture, &run, "rc-charlie-3333", PASSWORD, "recovery-codes", "acme", "--use", "-", NULL);
  assert_error (&run, 1, "already");
  assert_no_secret (&run);
  rv (fixture, &run, ACME_B32, PASSWORD, "add", "--issuer", "Again", NULL);
  assert_ok (&run);
  assert_no_secret (&run);
  rv (fixture, &run, ACME_B32 "!", PASSWORD, "add", "--issuer", "Bad", NULL);
  assert_error (&run, 2, "base32");
  assert_no_secret (&run);
  rv (fixture, &run, "otpauth://totp/x?secret=" ACME_B32 "&digits=99", PASSWORD, "add", "--uri",
      "-", NULL);
  rv_test_assert_status (&run, 2);
  assert_no_secret (&run);
  rv (fixture, &run, NULL, PASSWORD "-wrong", "list", NULL);
  assert_error (&run, 1, "password");
  assert_no_secret (&run);
  rv (fixture, &run, NULL, PASSWORD "\n" PASSWORD, "passwd", NULL);
  assert_ok (&run);
  assert_no_secret (&run);
  rv (fixture, &run, NULL, PASSWORD, "remove", "again", "--yes", NULL);
  assert_ok (&run);
  assert_no_secret (&run);
}

static void
test_damaged (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *prev = g_strconcat (fixture->path, ".prev", NULL);
  gsize size;

  fill_vault (fixture);
  rv (fixture, &run, NULL, PASSWORD, "edit", "acme", "--notes", "a save that keeps a .prev", NULL);
  assert_ok (&run);
  g_assert_true (g_file_get_contents (fixture->path, &before, &size, NULL));
  before[size / 2] ^= 0x20;
  g_assert_true (g_file_set_contents (fixture->path, before, size, NULL));

  rv (fixture, &run, NULL, PASSWORD, "list", NULL);
  assert_error (&run, 1, "damaged");
  g_assert_nonnull (strstr (run.err, prev));
  rv (fixture, &run, NULL, PASSWORD, "edit", "acme", "--notes", "x", NULL);
  assert_error (&run, 1, "damaged");
  g_assert_true (g_file_get_contents (fixture->path, &after, NULL, NULL));
  g_assert_cmpmem (before, size, after, size);

  /* The previous generation opens like any vault. */
  rv_test_run_clear (&run);
  rv_test_rvault (&run, NULL, PASSWORD, (const char *[]) { "--vault", prev, "show", "acme", NULL });
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "Issuer:          ACME\n"));
}

/* Without --vault: $XDG_DATA_HOME/recovery-vault/vault.rvault, private. */
static void
test_default_path (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *saved = g_strdup (g_getenv ("XDG_DATA_HOME"));
  g_autofree char *folder = g_build_filename (fixture->dir, "recovery-vault", NULL);
  g_autofree char *path = g_build_filename (folder, "vault.rvault", NULL);
  g_auto(RvTestRun) run = { 0 };
  GStatBuf st;

  g_setenv ("XDG_DATA_HOME", fixture->dir, TRUE);
  rv_test_rvault (&run, NULL, PASSWORD, (const char *[]) { "init", NULL });
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, path));
  rv_test_run_clear (&run);
  rv_test_rvault (&run, ACME_B32, PASSWORD, (const char *[]) { "add", "--name", "x", NULL });
  assert_ok (&run);
  if (saved != NULL)
    g_setenv ("XDG_DATA_HOME", saved, TRUE);
  else
    g_unsetenv ("XDG_DATA_HOME");

  g_assert_no_errno (g_stat (folder, &st));
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_no_errno (g_stat (path, &st));
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static int
run_with_two_fds (Fixture    *fixture,
                  const char *first,
                  const char *second,
                  char      **err)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *texts[] = { first, second };

  for (guint i = 0; i < 2; i++)
    {
      int fds[2];

      g_assert_no_errno (pipe (fds));
      g_assert_cmpint (write (fds[1], texts[i], strlen (texts[i])), ==, strlen (texts[i]));
      close (fds[1]);
      g_subprocess_launcher_take_fd (launcher, fds[0], 3 + i);
    }
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("RVAULT"), "--vault",
                                         fixture->path, "--password-fd", "3", "passwd",
                                         "--new-password-fd", "4", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, err, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

static void
test_passwd_two_fds (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };
  g_autofree char *err = NULL;

  init_vault (fixture);
  g_assert_cmpint (run_with_two_fds (fixture, "wrong", NEW_PASSWORD, &err), ==, 1);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_with_two_fds (fixture, PASSWORD, NEW_PASSWORD, &err), ==, 0);
  g_assert_cmpstr (err, ==, "Strong: long enough to resist guessing.\n");
  rv (fixture, &run, NULL, NEW_PASSWORD, "list", NULL);
  assert_ok (&run);
  rv (fixture, &run, NULL, NULL, "passwd", "--new-password-fd", "4", NULL);
  assert_error (&run, 2, "--password-fd");
}

/* Whether the process sits in read(0, …) (x86-64 and aarch64 numbering). */
static gboolean
is_reading_stdin (const char *pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/syscall", pid);
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;
#if defined(__aarch64__)
  return g_str_has_prefix (text, "63 0x0 ");
#else
  return g_str_has_prefix (text, "0 0x0 ");
#endif
}

/* Two rvaults at once: the one that opened first and saves last must not
 * silently undo the other's change. */
static void
test_concurrent_change (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) slow = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(RvTestRun) run = { 0 };
  const char *pid;
  int fds[2];
  guint i;

  fill_vault (fixture);
  g_assert_no_errno (pipe (fds));
  g_assert_cmpint (write (fds[1], PASSWORD, strlen (PASSWORD)), ==, strlen (PASSWORD));
  close (fds[1]);
  g_subprocess_launcher_take_fd (launcher, fds[0], 3);
  /* Dumpable, so that /proc/PID/syscall can be read without root. */
  g_subprocess_launcher_setenv (launcher, "RV_ALLOW_CORE_DUMPS", "1", TRUE);
  slow = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("RVAULT"), "--vault",
                                      fixture->path, "--password-fd", "3", "recovery-codes",
                                      "acme", "--add", "-", NULL);
  g_assert_no_error (error);
  pid = g_subprocess_get_identifier (slow);
  for (i = 0; i < 2000 && !is_reading_stdin (pid); i++)
    g_usleep (5000);
  g_assert_cmpuint (i, <, 2000);

  rv (fixture, &run, NULL, PASSWORD, "edit", "acme", "--notes", "changed meanwhile", NULL);
  assert_ok (&run);

  g_subprocess_communicate_utf8 (slow, "late-code-1 late-code-2\n", NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (slow), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "rvault: Another program changed the vault"));

  rv (fixture, &run, NULL, PASSWORD, "show", "acme", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "Notes:           changed meanwhile\n"));
  g_assert_nonnull (strstr (run.out, "4 unused of 4"));
}

/* rvault info reads the clear header: no password, no secret printed. */
static void
test_info (Fixture       *fixture,
           gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };
  g_autofree char *vault_line = g_strdup_printf ("Vault:               %s\n", fixture->path);
  g_autofree char *prev_line = g_strdup_printf ("Previous generation: %s.prev", fixture->path);
  g_autofree char *lock_line = g_strdup_printf ("Lock file:           %s.lock\n", fixture->path);
  g_autoptr(GRegex) slot = g_regex_new ("^  1: password \\(Argon2id, [0-9]+ MiB, [0-9]+ passes\\)$",
                                        G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GRegex) id = g_regex_new ("^Vault id:            [0-9a-f-]{8,}$",
                                      G_REGEX_MULTILINE, 0, NULL);

  rv (fixture, &run, NULL, NULL, "info", NULL);
  assert_error (&run, 1, "No vault at");

  fill_vault (fixture);
  rv (fixture, &run, NULL, NULL, "info", NULL);
  assert_ok (&run);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_nonnull (strstr (run.out, "without unlocking (no password needed)"));
  g_assert_nonnull (strstr (run.out, vault_line));
  g_assert_nonnull (strstr (run.out, prev_line));
  g_assert_nonnull (strstr (run.out, lock_line));
  g_assert_nonnull (strstr (run.out, "Format version:      2\n"));
  g_assert_nonnull (strstr (run.out, "Keyring slot:        no\n"));
  g_assert_nonnull (strstr (run.out, "Slots:               1\n"));
  g_assert_nonnull (strstr (run.out, "Payload size:        "));
  g_assert_true (g_regex_match (slot, run.out, 0, NULL));
  g_assert_true (g_regex_match (id, run.out, 0, NULL));
  g_assert_null (strstr (run.out, ACME_B32));
  g_assert_null (strstr (run.out, "rc-alpha"));
  g_assert_nonnull (strstr (run.out, "(none yet)"));

  rv (fixture, &run, NULL, PASSWORD, "edit", "acme", "--notes", "saved twice", NULL);
  assert_ok (&run);
  rv (fixture, &run, NULL, NULL, "info", NULL);
  assert_ok (&run);
  g_assert_null (strstr (run.out, "(none yet)"));

  rv (fixture, &run, NULL, NULL, "info", "extra", NULL);
  assert_error (&run, 2, "no arguments");

  g_assert_true (g_file_set_contents (fixture->path, "not a vault at all", -1, NULL));
  rv (fixture, &run, NULL, NULL, "info", NULL);
  rv_test_assert_status (&run, 1);
  g_assert_cmpstr (run.out, ==, "");
}

static gpointer
release_lock_later (gpointer data)
{
  int fd = GPOINTER_TO_INT (data);

  g_usleep (1500 * G_USEC_PER_SEC / 1000);
  close (fd);
  return NULL;
}

/* A writer that finds the vault's lock held waits (up to 2 s) instead of
 * failing at once, and says "try again" when the holder does not let go. */
static void
test_lock_held (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };
  g_autofree char *lock_path = g_strconcat (fixture->path, ".lock", NULL);
  GThread *releaser;
  int fd;

  fill_vault (fixture);
  fd = open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_no_errno (flock (fd, LOCK_EX | LOCK_NB));

  rv (fixture, &run, NULL, PASSWORD, "edit", "acme", "--notes", "blocked", NULL);
  assert_error (&run, 1, "Another program is saving the vault");

  /* The lock is let go while rvault waits: the change is saved. */
  releaser = g_thread_new ("release", release_lock_later, GINT_TO_POINTER (fd));
  rv (fixture, &run, NULL, PASSWORD, "edit", "acme", "--notes", "after the wait", NULL);
  g_thread_join (releaser);
  assert_ok (&run);
  rv (fixture, &run, NULL, PASSWORD, "show", "acme", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "Notes:           after the wait\n"));
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };

  rv_test_rvault (&run, NULL, NULL, (const char *[]) { "--help", NULL });
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "recovery-codes"));

  rv (fixture, &run, NULL, NULL, "passwd", "--help", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "two lines"));

  init_vault (fixture);
  rv (fixture, &run, NULL, PASSWORD, "keyring", "frobnicate", NULL);
  assert_error (&run, 2, "frobnicate");
  rv (fixture, &run, NULL, PASSWORD, "keyring", NULL);
  assert_error (&run, 2, "enable|disable|status");
  rv (fixture, &run, NULL, PASSWORD, "keyring", "status", NULL);
  assert_ok (&run);
  g_assert_cmpstr (run.out, ==, "Keyring unlock: off\n");
  rv (fixture, &run, NULL, PASSWORD, "list", "--bogus", NULL);
  assert_error (&run, 2, "--bogus");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/cli/vault/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("init", test_init);
  ADD ("open-errors", test_open_errors);
  ADD ("add-list", test_add_and_list);
  ADD ("add-bad", test_add_bad);
  ADD ("code", test_code);
  ADD ("code-hotp", test_code_hotp);
  ADD ("query-errors", test_query_errors);
  ADD ("show", test_show);
  ADD ("edit", test_edit);
  ADD ("remove", test_remove);
  ADD ("recovery-codes", test_recovery_codes);
  ADD ("recovery-codes-format", test_recovery_codes_format);
  ADD ("passwd", test_passwd);
  ADD ("strength-hint", test_strength_hint);
  ADD ("no-secret-without-reveal", test_no_secret_without_reveal);
  ADD ("damaged", test_damaged);
  ADD ("default-path", test_default_path);
  ADD ("passwd-two-fds", test_passwd_two_fds);
  ADD ("concurrent-change", test_concurrent_change);
  ADD ("usage", test_usage);
  ADD ("rotate-key", test_rotate_key);
  ADD ("info", test_info);
  ADD ("lock-held", test_lock_held);

  status = g_test_run ();
  if (template_dir != NULL)
    rv_test_rm_rf (template_dir);
  return status;
}
