/* test-cli-import.c: rvault import end to end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rv-base32.h"
#include "rv-test-util.h"

#define PASSWORD       "vault password"
#define FILE_PASSWORD  "correct horse battery staple"

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
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” not in:\n%s", part, text);
}

/* A failure is reported on exactly one line. */
static void
assert_one_line_error (RvTestRun  *run,
                       const char *part)
{
  rv_test_assert_status (run, 2);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_true (g_str_has_prefix (run->err, "rvault: "));
  g_assert_nonnull (strchr (run->err, '\n'));
  g_assert_cmpstr (strchr (run->err, '\n') + 1, ==, "");
  assert_contains (run->err, part);
}

static const char *
sample (const char *name)
{
  g_autofree char *relative = g_build_filename ("data", "import", name, NULL);

  return rv_test_source_path (relative);
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

static void
test_plain_then_duplicates (Fixture       *fixture,
                            gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };

  /* Two entries are rejected: without --allow-partial nothing is imported
   * and the exit status says so. */
  rv (fixture, &run, NULL, "import", sample ("aegis-plain.json"), NULL);
  rv_test_assert_status (&run, 3);
  assert_contains (run.out, "Nothing imported from ");
  assert_contains (run.err, "2 entries of ");
  assert_contains (run.err, "--allow-partial");
  rv (fixture, &run, NULL, "list", NULL);
  rv_test_assert_status (&run, 0);
  g_assert_null (strstr (run.out, "Air Canada"));
  rv (fixture, &run, NULL, "import", "--dry-run", sample ("aegis-plain.json"), NULL);
  rv_test_assert_status (&run, 3);

  rv (fixture, &run, NULL, "import", "--allow-partial", sample ("aegis-plain.json"), NULL);
  rv_test_assert_status (&run, 0);
  assert_contains (run.out, "(Aegis):\n4 imported, 0 skipped as duplicates, 2 rejected\n");
  assert_contains (run.out, "Imported: Air Canada (Benjamin)\n");
  assert_contains (run.out, "Rejected: Old VPN (Lucas): mOTP accounts are not supported\n");
  assert_contains (run.out, "Rejected: Broken (Olivia): bad secret: Invalid base32 character");
  g_assert_null (strstr (run.out, "4SJHB4GSD43FZBAI7C2HLRJGPQ"));

  rv (fixture, &run, NULL, "list", NULL);
  rv_test_assert_status (&run, 0);
  assert_contains (run.out, "Air Canada");
  assert_contains (run.out, "WWE");

  /* The same accounts from another app are skipped. */
  rv (fixture, &run, NULL, "import", sample ("2fas-plain.2fas"), NULL);
  rv_test_assert_status (&run, 0);
  assert_contains (run.out, "(2FAS):\n0 imported, 4 skipped as duplicates, 0 rejected\n");
  assert_contains (run.out, "Duplicate: Steam (Sophia)\n");
}

static void
test_encrypted (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };

  rv (fixture, &run, NULL, "import", sample ("andotp-encrypted.json.aes"), NULL);
  assert_one_line_error (&run, "is encrypted: give its password with --file-password-fd N");

  rv (fixture, &run, "wrong password", "import", "--file-password-fd", "0",
      sample ("aegis-encrypted.json"), NULL);
  assert_one_line_error (&run, "Wrong password for this Aegis export");

  rv (fixture, &run, FILE_PASSWORD "\n", "import", "--allow-partial", "--file-password-fd", "0",
      sample ("aegis-encrypted.json"), NULL);
  rv_test_assert_status (&run, 0);
  assert_contains (run.out, "(Aegis, encrypted):\n4 imported, 0 skipped as duplicates, 2 rejected");

  rv (fixture, &run, FILE_PASSWORD, "import", "--format", "2fas", "--file-password-fd", "0",
      sample ("2fas-encrypted.2fas"), NULL);
  rv_test_assert_status (&run, 0);
  assert_contains (run.out, "(2FAS, encrypted):\n0 imported, 4 skipped as duplicates, 0 rejected");
}

/* Raivo's password-protected ZIP export: asked for, refused with a wrong
 * password, imported with the right one. */
static void
test_raivo_zip (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };

  rv (fixture, &run, NULL, "import", sample ("raivo-otp-export.zip"), NULL);
  assert_one_line_error (&run, "is encrypted: give its password with --file-password-fd N");
  rv (fixture, &run, "wrong password", "import", "--file-password-fd", "0",
      sample ("raivo-otp-export.zip"), NULL);
  assert_one_line_error (&run, "Wrong password for this Raivo OTP export");
  rv (fixture, &run, NULL, "import", sample ("zip-encrypted-other.zip"), NULL);
  assert_one_line_error (&run, "(a ZIP archive) is not an export of a supported app");

  rv (fixture, &run, "badc0ffee0ddf00d", "import", "--allow-partial", "--file-password-fd", "0",
      sample ("raivo-otp-export.zip"), NULL);
  rv_test_assert_status (&run, 0);
  assert_contains (run.out, "(Raivo OTP, encrypted):\n3 imported, 0 skipped as duplicates, 1 rejected");
  rv (fixture, &run, NULL, "list", NULL);
  rv_test_assert_status (&run, 0);
  assert_contains (run.out, "Air Canada");
}

static void
test_qr_images (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };

  rv (fixture, &run, NULL, "import", "--dry-run", sample ("google-batch-part1.png"), NULL);
  rv_test_assert_status (&run, 0);
  assert_contains (run.out, "Dry run, nothing changed: ");
  assert_contains (run.out, "2 to import, 0 skipped as duplicates, 0 rejected\n");
  assert_contains (run.out, "Note: Google export incomplete: part 2 of 2 missing");

  rv (fixture, &run, NULL, "import", sample ("google-batch-part2.png"),
      sample ("google-batch-part1.png"), NULL);
  rv_test_assert_status (&run, 0);
  assert_contains (run.out, "the files (Google Authenticator):\n3 imported, 0 skipped as "
                   "duplicates, 0 rejected\n");
  g_assert_null (strstr (run.out, "Note:"));

  rv (fixture, &run, NULL, "import", sample ("google-single.png"), NULL);
  rv_test_assert_status (&run, 3);
  rv (fixture, &run, NULL, "import", "--allow-partial", sample ("google-single.png"), NULL);
  rv_test_assert_status (&run, 0);
  assert_contains (run.out, "1 imported, 2 skipped as duplicates, 1 rejected\n");
  assert_contains (run.out, "Rejected: Old (Ava): unsupported algorithm MD5\n");
}

static void
test_unreadable (Fixture       *fixture,
                 gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };
  g_autofree char *garbage = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_autofree char *truncated = g_build_filename (fixture->dir, "aegis.json", NULL);
  g_autofree char *aegis = NULL;
  gsize len;

  g_assert_true (g_file_set_contents (garbage, "Dear diary,\ntoday I\n", -1, NULL));
  g_assert_true (g_file_get_contents (sample ("aegis-plain.json"), &aegis, &len, NULL));
  g_assert_true (g_file_set_contents (truncated, aegis, len / 2, NULL));

  rv (fixture, &run, NULL, "import", garbage, NULL);
  assert_one_line_error (&run, "not an export of a supported app");
  /* A database is not taken for an encrypted andOTP backup: no password
   * asked for, no "wrong password". */
  g_assert_true (g_file_set_contents (garbage, "SQLite format 3\0\x10\0\1\1\0\x40\x20\x20"
                                      "\0\0\0\1\0\0\0\2", 32, NULL));
  rv (fixture, &run, NULL, "import", garbage, NULL);
  assert_one_line_error (&run, "(an SQLite database) is not an export of a supported app");
  rv (fixture, &run, NULL, "import", truncated, NULL);
  assert_one_line_error (&run, "not valid JSON");
  rv (fixture, &run, NULL, "import", "/nonexistent/export.json", NULL);
  assert_one_line_error (&run, "Could not open");
  rv (fixture, &run, NULL, "import", "--allow-partial", sample ("uri-list.txt"), NULL);
  rv_test_assert_status (&run, 0);
  rv (fixture, &run, NULL, "import", "--allow-partial", "--format", "keepassxc",
      sample ("keepassxc.csv"), NULL);
  rv_test_assert_status (&run, 0);
  assert_contains (run.out, "KeePassXC");
  rv (fixture, &run, NULL, "import", "--format", "lastpass", sample ("keepassxc.csv"), NULL);
  assert_one_line_error (&run, "expected auto, aegis, andotp");
  rv (fixture, &run, NULL, "import", sample ("uri-list.txt"), garbage, NULL);
  assert_one_line_error (&run, "line 9: not an otpauth");
  rv (fixture, &run, NULL, "import", sample ("aegis-plain.json"), sample ("andotp-plain.json"),
      NULL);
  assert_one_line_error (&run, "Several files can be imported together only");
  rv (fixture, &run, NULL, "import", "--format", "keepass", sample ("aegis-plain.json"), NULL);
  assert_one_line_error (&run, "Unknown format “keepass”");
  rv (fixture, &run, NULL, "import", "--format", "bitwarden", sample ("aegis-plain.json"), NULL);
  assert_one_line_error (&run, "not a file exported by Bitwarden");
  rv (fixture, &run, NULL, "import", sample ("uri-list.png"), NULL);
  assert_one_line_error (&run, "Could not read the image");
  rv (fixture, &run, NULL, "import", NULL);
  assert_one_line_error (&run, "import needs a FILE");

  /* Nothing was added by the failures (the URI list added 3). */
  rv (fixture, &run, NULL, "import", "--dry-run", "--allow-partial", sample ("uri-list.txt"), NULL);
  rv_test_assert_status (&run, 0);
  assert_contains (run.out, "0 to import, 3 skipped as duplicates, 1 rejected\n");
}

/* The longest issuer, name and secret the model takes (RV_OTP_MAX_TEXT_BYTES,
 * RV_OTP_MAX_SECRET_BYTES), each byte one that a URI percent-encodes: the
 * plain exports re-import in a new vault (issue 11, item 7). */
static void
test_longest_round_trip (Fixture       *fixture,
                         gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };
  g_autoptr(GString) issuer = g_string_new (NULL);
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree guint8 *secret = g_malloc (512);
  g_autoptr(RvSecret) encoded = NULL;
  g_autofree char *base32 = NULL;
  g_autofree char *input = NULL;
  static const char *formats[] = { "uri-list", "aegis-json" };

  while (issuer->len < 510)
    g_string_append (issuer, "é&");
  g_string_append (issuer, "&%");
  while (name->len < 511)
    g_string_append (name, ":?");
  g_string_truncate (name, 512);
  for (guint i = 0; i < 512; i++)
    secret[i] = (guint8) (i * 7 + 1);
  encoded = rv_base32_encode (secret, 512);
  base32 = g_strndup ((const char *) rv_secret_get_data (encoded), rv_secret_get_size (encoded));
  g_assert_cmpuint (issuer->len, ==, 512);
  input = g_strconcat (base32, "\n", NULL);

  rv (fixture, &run, input, "add", "--issuer", issuer->str, "--name", name->str, NULL);
  rv_test_assert_status (&run, 0);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *out = g_build_filename (fixture->dir, formats[i], NULL);
      g_autofree char *other = g_build_filename (fixture->dir, "other.rvault", NULL);
      g_autofree char *contents = NULL;

      rv (fixture, &run, NULL, "export", "--format", formats[i], "--yes-unencrypted",
          "-o", out, NULL);
      rv_test_assert_status (&run, 0);
      g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
      if (g_str_equal (formats[i], "uri-list"))
        g_assert_nonnull (strstr (contents, "%26"));

      g_remove (other);
      rv_test_rvault_vault (&run, other, NULL, PASSWORD, "init", NULL);
      rv_test_assert_status (&run, 0);
      rv_test_rvault_vault (&run, other, NULL, PASSWORD, "import", out, NULL);
      rv_test_assert_status (&run, 0);
      assert_contains (run.out, "1 imported, 0 skipped as duplicates, 0 rejected\n");
      rv_test_rvault_vault (&run, other, NULL, PASSWORD, "show", "--json", "--reveal",
                            "%", NULL);
      rv_test_assert_status (&run, 0);
      assert_contains (run.out, issuer->str);
      assert_contains (run.out, base32);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/import/plain-then-duplicates", Fixture, NULL, fixture_setup,
              test_plain_then_duplicates, fixture_teardown);
  g_test_add ("/cli/import/encrypted", Fixture, NULL, fixture_setup, test_encrypted,
              fixture_teardown);
  g_test_add ("/cli/import/raivo-zip", Fixture, NULL, fixture_setup, test_raivo_zip,
              fixture_teardown);
  g_test_add ("/cli/import/qr-images", Fixture, NULL, fixture_setup, test_qr_images,
              fixture_teardown);
  g_test_add ("/cli/import/unreadable", Fixture, NULL, fixture_setup, test_unreadable,
              fixture_teardown);

  g_test_add ("/cli/import/longest-round-trip", Fixture, NULL, fixture_setup,
              test_longest_round_trip, fixture_teardown);

  return g_test_run ();
}
