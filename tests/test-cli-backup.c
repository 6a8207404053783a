/* test-cli-backup.c: rvault export, verify-backup, restore and health end to end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "rv-backup.h"
#include "rv-base32.h"
#include "rv-otp-uri.h"
#include "rv-test-util.h"
#include "rv-util.h"
#include "rv-vault.h"

#define PASSWORD         "vault password"
#define BACKUP_PASSWORD  "a separate backup password"

/* Printable raw secrets, so that a leak of the raw bytes is searchable. */
#define PYPI_RAW   "12345678901234567890"
#define PYPI_B32   "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
#define GITHUB_RAW "github-raw-secret-bytes"

static const char *codes[] = { "rc-alpha-1111", "rc-bravo-2222", "rc-charlie-3333" };

typedef struct
{
  char *dir;
  char *path;
  char *backup;
} Fixture;

static void
add_account (RvVault    *vault,
             const char *issuer,
             const char *raw,
             gboolean    with_codes)
{
  g_autoptr(RvAccount) account = rv_account_new ();
  g_autoptr(RvSecret) secret = rv_secret_new_from_string (raw);

  rv_account_set_kind (account, RV_OTP_KIND_TOTP);
  rv_account_set_issuer (account, issuer);
  rv_account_set_name (account, "alice");
  rv_account_set_secret (account, secret);
  for (guint i = 0; with_codes && i < G_N_ELEMENTS (codes); i++)
    {
      g_autoptr(RvSecret) code = rv_secret_new_from_string (codes[i]);

      g_assert_true (rv_account_add_recovery_code (account, code, 1, 0, NULL));
    }
  rv_vault_add_account (vault, account);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(RvSecret) password = rv_secret_new_from_string (PASSWORD);
  g_autoptr(RvVault) vault = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = rv_test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "v.rvault", NULL);
  fixture->backup = g_build_filename (fixture->dir, "backup.rvault", NULL);

  vault = rv_vault_create (fixture->path, password, &error);
  g_assert_no_error (error);
  add_account (vault, "PyPI", PYPI_RAW, TRUE);
  add_account (vault, "GitHub", GITHUB_RAW, FALSE);
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
  g_free (fixture->backup);
}

static void
assert_no_secret (const char *text)
{
  g_assert_null (strstr (text, PYPI_RAW));
  g_assert_null (strstr (text, PYPI_B32));
  g_assert_null (strstr (text, GITHUB_RAW));
  g_assert_null (strstr (text, BACKUP_PASSWORD));
  g_assert_null (strstr (text, PASSWORD));
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    g_assert_null (strstr (text, codes[i]));
}

/* Runs rvault --vault PATH ARGS…: the vault password (if any) on fd 3,
 * @input (the backup password, with --file-password-fd 0) on stdin. */
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
  assert_no_secret (run->out);
  assert_no_secret (run->err);
}

static void
export_encrypted (Fixture *fixture)
{
  g_auto(RvTestRun) run = { 0 };

  rv (fixture, &run, BACKUP_PASSWORD, PASSWORD, "export", "--output", fixture->backup,
      "--file-password-fd", "0", NULL);
  rv_test_assert_status (&run, 0);
  g_assert_nonnull (strstr (run.out, "verified"));
  g_assert_nonnull (strstr (run.out, "2 accounts, 3 recovery codes"));
}

static GBytes *
read_bytes (const char *path)
{
  char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_bytes_new_take (contents, len);
}

static void
test_export_encrypted (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };

  export_encrypted (fixture);
  g_assert_true (g_file_test (fixture->backup, G_FILE_TEST_IS_REGULAR));

  rv (fixture, &run, BACKUP_PASSWORD, NULL, "verify-backup", "--file-password-fd", "0",
      fixture->backup, NULL);
  rv_test_assert_status (&run, 0);
  g_assert_nonnull (strstr (run.out, "opens and is intact"));
  g_assert_nonnull (strstr (run.out, "2 (2 with one-time codes)"));
  g_assert_nonnull (strstr (run.out, "3 (3 unused)"));
  g_assert_nonnull (strstr (run.out, "GitHub, PyPI"));

  /* The global --password-fd serves when no vault is opened. */
  rv (fixture, &run, NULL, BACKUP_PASSWORD, "verify-backup", fixture->backup, NULL);
  rv_test_assert_status (&run, 0);
}

static void
test_export_usage (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };
  g_autofree char *plain = g_build_filename (fixture->dir, "plain.txt", NULL);

  rv (fixture, &run, NULL, PASSWORD, "export", NULL);
  rv_test_assert_status (&run, 2);
  g_assert_nonnull (strstr (run.err, "--output"));

  rv (fixture, &run, NULL, PASSWORD, "export", "--format", "csv", "--output", plain, NULL);
  rv_test_assert_status (&run, 2);
  g_assert_nonnull (strstr (run.err, "Unknown export format"));

  rv (fixture, &run, NULL, PASSWORD, "export", "--format", "uri-list", "--output", plain, NULL);
  rv_test_assert_status (&run, 2);
  g_assert_nonnull (strstr (run.err, "not encrypted"));
  g_assert_nonnull (strstr (run.err, "--yes-unencrypted"));
  g_assert_false (g_file_test (plain, G_FILE_TEST_EXISTS));

  rv (fixture, &run, "", PASSWORD, "export", "--output", fixture->backup,
      "--file-password-fd", "0", NULL);
  rv_test_assert_status (&run, 2);
  g_assert_nonnull (strstr (run.err, "empty"));
  g_assert_false (g_file_test (fixture->backup, G_FILE_TEST_EXISTS));

  rv (fixture, &run, BACKUP_PASSWORD, "wrong", "export", "--output", fixture->backup,
      "--file-password-fd", "0", NULL);
  rv_test_assert_status (&run, 1);
  g_assert_false (g_file_test (fixture->backup, G_FILE_TEST_EXISTS));
}

static void
test_export_plain (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };
  g_autofree char *uris = g_build_filename (fixture->dir, "uris.txt", NULL);
  g_autofree char *aegis = g_build_filename (fixture->dir, "aegis.json", NULL);
  g_autofree char *google = g_build_filename (fixture->dir, "google.txt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GStrv) lines = NULL;
  GStatBuf st;

  rv (fixture, &run, NULL, PASSWORD, "export", "--format", "uri-list", "--output", uris,
      "--yes-unencrypted", NULL);
  rv_test_assert_status (&run, 0);
  g_assert_nonnull (strstr (run.out, "NOT encrypted"));
  g_assert_cmpint (g_stat (uris, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (uris, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_nonnull (strstr (lines[0], PYPI_B32));
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RvOtpParams) params = rv_otp_uri_parse (lines[i], strlen (lines[i]), &error);

      g_assert_no_error (error);
    }

  rv (fixture, &run, NULL, PASSWORD, "export", "--format", "aegis-json", "--output", aegis,
      "--yes-unencrypted", NULL);
  rv_test_assert_status (&run, 0);
  g_assert_true (json_parser_load_from_file (parser, aegis, NULL));

  rv (fixture, &run, NULL, PASSWORD, "export", "--format", "google-uri", "--output", google,
      "--yes-unencrypted", NULL);
  rv_test_assert_status (&run, 0);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (google, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "otpauth-migration://offline?data="));
}

/* Twelve accounts make two QR codes; the importer reads them back. */
static void
test_export_google_qr (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };
  g_autoptr(RvSecret) password = rv_secret_new_from_string (PASSWORD);
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = g_build_filename (fixture->dir, "google", NULL);
  g_autofree char *png1 = g_strconcat (prefix, "-1.png", NULL);
  g_autofree char *png2 = g_strconcat (prefix, "-2.png", NULL);
  g_autofree char *png3 = g_strconcat (prefix, "-3.png", NULL);
  g_autofree char *other = g_build_filename (fixture->dir, "other.rvault", NULL);
  g_autofree char *single = g_build_filename (fixture->dir, "pypi.png", NULL);
  char *own_path;

  {
    g_autoptr(RvVault) vault = rv_vault_open (fixture->path, password, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < 10; i++)
      {
        g_autofree char *issuer = g_strdup_printf ("Site %u", i);
        g_autofree char *raw = g_strdup_printf ("raw-secret-number-%u", i);

        add_account (vault, issuer, raw, FALSE);
      }
    g_assert_true (rv_vault_save (vault, &error));
    rv_vault_close (vault);
  }

  rv (fixture, &run, NULL, PASSWORD, "export", "--format", "google-qr", "--output", prefix, NULL);
  rv_test_assert_status (&run, 2);
  g_assert_false (g_file_test (png1, G_FILE_TEST_EXISTS));

  rv (fixture, &run, NULL, PASSWORD, "export", "--format", "google-qr", "--output", prefix,
      "--yes-unencrypted", NULL);
  rv_test_assert_status (&run, 0);
  g_assert_nonnull (strstr (run.out, "12 accounts in 2 QR codes"));
  g_assert_true (g_file_test (png1, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (png2, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (png3, G_FILE_TEST_EXISTS));

  /* One account's QR code. */
  {

    rv (fixture, &run, NULL, PASSWORD, "export", "--format", "account-qr", "--output", single,
        "--yes-unencrypted", NULL);
    rv_test_assert_status (&run, 2);
    rv (fixture, &run, NULL, PASSWORD, "export", "--format", "account-qr", "--account", "PyPI",
        "--output", single, NULL);
    rv_test_assert_status (&run, 2);
    rv (fixture, &run, NULL, PASSWORD, "export", "--format", "account-qr", "--account", "PyPI",
        "--output", single, "--yes-unencrypted", NULL);
    rv_test_assert_status (&run, 0);
    g_assert_nonnull (strstr (run.out, "PyPI (alice)"));
    g_assert_true (g_file_test (single, G_FILE_TEST_IS_REGULAR));
  }

  /* Into a new vault, as a phone would read them. */
  own_path = fixture->path;
  fixture->path = other;
  rv (fixture, &run, NULL, PASSWORD, "init", NULL);
  rv_test_assert_status (&run, 0);
  rv (fixture, &run, NULL, PASSWORD, "import", single, NULL);
  rv_test_assert_status (&run, 0);
  rv (fixture, &run, NULL, PASSWORD, "list", NULL);
  rv_test_assert_status (&run, 0);
  g_assert_nonnull (strstr (run.out, "PyPI"));
  g_assert_null (strstr (run.out, "GitHub"));
  /* PyPI is then a duplicate: still twelve accounts in all. */
  rv (fixture, &run, NULL, PASSWORD, "import", png1, png2, NULL);
  rv_test_assert_status (&run, 0);
  rv (fixture, &run, NULL, PASSWORD, "list", NULL);
  rv_test_assert_status (&run, 0);
  g_assert_nonnull (strstr (run.out, "Site 9"));
  g_assert_nonnull (strstr (run.out, "GitHub"));
  fixture->path = own_path;
  {
    g_autoptr(RvVault) imported = rv_vault_open (other, password, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (rv_vault_get_accounts (imported)), ==, 12);
    rv_vault_close (imported);
  }
}

/* Long names: ten accounts do not fit one QR code, so the batches shrink. */
static void
test_export_google_qr_long (Fixture       *fixture,
                            gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };
  g_autoptr(RvSecret) password = rv_secret_new_from_string (PASSWORD);
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = g_build_filename (fixture->dir, "long", NULL);
  g_autofree char *other = g_build_filename (fixture->dir, "other.rvault", NULL);
  g_autoptr(GPtrArray) pngs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(RvVault) imported = NULL;
  char *own_path;

  {
    g_autoptr(RvVault) vault = rv_vault_open (fixture->path, password, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < 8; i++)
      {
        g_autofree char *issuer = g_strdup_printf ("%0200u", i);
        g_autofree char *raw = g_strdup_printf ("long-raw-secret-%u", i);

        add_account (vault, issuer, raw, FALSE);
      }
    g_assert_true (rv_vault_save (vault, &error));
    rv_vault_close (vault);
  }

  rv (fixture, &run, NULL, PASSWORD, "export", "--format", "google-qr", "--output", prefix,
      "--yes-unencrypted", NULL);
  rv_test_assert_status (&run, 0);
  g_assert_nonnull (strstr (run.out, "10 accounts in "));
  g_assert_null (strstr (run.out, "10 accounts in 1 QR"));
  for (guint i = 1; i <= 10; i++)
    {
      char *png = g_strdup_printf ("%s-%u.png", prefix, i);

      if (!g_file_test (png, G_FILE_TEST_EXISTS))
        {
          g_free (png);
          break;
        }
      g_ptr_array_add (pngs, png);
    }
  g_assert_cmpuint (pngs->len, >=, 2);

  own_path = fixture->path;
  fixture->path = other;
  rv (fixture, &run, NULL, PASSWORD, "init", NULL);
  rv_test_assert_status (&run, 0);
  g_ptr_array_add (args, (gpointer) "--vault");
  g_ptr_array_add (args, other);
  g_ptr_array_add (args, (gpointer) "import");
  for (guint i = 0; i < pngs->len; i++)
    g_ptr_array_add (args, g_ptr_array_index (pngs, i));
  g_ptr_array_add (args, NULL);
  rv_test_run_clear (&run);
  rv_test_rvault (&run, NULL, PASSWORD, (const char * const *) args->pdata);
  rv_test_assert_status (&run, 0);
  fixture->path = own_path;

  imported = rv_vault_open (other, password, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rv_vault_get_accounts (imported)), ==, 10);
  rv_vault_close (imported);
}

static void
test_verify_damaged (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };
  g_autoptr(GBytes) good = NULL;
  g_autofree char *damaged = g_build_filename (fixture->dir, "damaged.rvault", NULL);
  g_autofree guint8 *copy = NULL;
  gsize size;

  export_encrypted (fixture);
  good = read_bytes (fixture->backup);
  copy = g_bytes_unref_to_data (g_bytes_ref (good), &size);
  copy[size / 2] ^= 0x20;
  g_assert_true (g_file_set_contents (damaged, (char *) copy, (gssize) size, NULL));

  rv (fixture, &run, BACKUP_PASSWORD, NULL, "verify-backup", "--file-password-fd", "0",
      damaged, NULL);
  rv_test_assert_status (&run, 1);
  g_assert_nonnull (strstr (run.err, "damaged"));
  g_assert_cmpstr (run.out, ==, "");

  rv (fixture, &run, "not the backup password", NULL, "verify-backup", "--file-password-fd", "0",
      fixture->backup, NULL);
  rv_test_assert_status (&run, 1);
  g_assert_nonnull (strstr (run.err, "Wrong password"));

  rv (fixture, &run, BACKUP_PASSWORD, NULL, "verify-backup", "--file-password-fd", "0",
      "/nonexistent/backup.rvault", NULL);
  rv_test_assert_status (&run, 1);
  g_assert_nonnull (strstr (run.err, "No backup"));

  rv (fixture, &run, BACKUP_PASSWORD, NULL, "verify-backup", "--file-password-fd", "0", NULL);
  rv_test_assert_status (&run, 2);
}

static void
test_restore (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  export_encrypted (fixture);
  rv (fixture, &run, NULL, PASSWORD, "remove", "--yes", "GitHub", NULL);
  rv_test_assert_status (&run, 0);
  rv (fixture, &run, PYPI_B32, PASSWORD, "add", "--issuer", "npm", NULL);
  rv_test_assert_status (&run, 0);

  before = read_bytes (fixture->path);
  rv (fixture, &run, BACKUP_PASSWORD, PASSWORD, "restore", "--dry-run",
      "--file-password-fd", "0", fixture->backup, NULL);
  rv_test_assert_status (&run, 0);
  g_assert_nonnull (strstr (run.out, "add       GitHub (alice)"));
  g_assert_nonnull (strstr (run.out, "1 to add, 0 to update, 1 unchanged, 0 to remove"));
  g_assert_nonnull (strstr (run.out, "Dry run"));
  after = read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));

  rv (fixture, &run, BACKUP_PASSWORD, PASSWORD, "restore", "--replace", "--dry-run",
      "--file-password-fd", "0", fixture->backup, NULL);
  rv_test_assert_status (&run, 0);
  g_assert_nonnull (strstr (run.out, "remove    npm"));
  g_assert_nonnull (strstr (run.out, "1 to add, 0 to update, 1 unchanged, 1 to remove"));

  rv (fixture, &run, BACKUP_PASSWORD, PASSWORD, "restore", "--file-password-fd", "0",
      fixture->backup, NULL);
  rv_test_assert_status (&run, 0);
  g_assert_nonnull (strstr (run.out, "Restored"));

  rv (fixture, &run, NULL, PASSWORD, "list", NULL);
  rv_test_assert_status (&run, 0);
  g_assert_nonnull (strstr (run.out, "GitHub"));
  g_assert_nonnull (strstr (run.out, "npm"));
  g_assert_nonnull (strstr (run.out, "PyPI"));

  rv (fixture, &run, BACKUP_PASSWORD, PASSWORD, "restore", "--replace",
      "--file-password-fd", "0", fixture->backup, NULL);
  rv_test_assert_status (&run, 0);
  rv (fixture, &run, NULL, PASSWORD, "list", NULL);
  rv_test_assert_status (&run, 0);
  g_assert_null (strstr (run.out, "npm"));
  g_assert_nonnull (strstr (run.out, "GitHub"));
}

static void
test_restore_damaged (Fixture       *fixture,
                      gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree guint8 *copy = NULL;
  gsize size;

  export_encrypted (fixture);
  rv (fixture, &run, NULL, PASSWORD, "remove", "--yes", "GitHub", NULL);
  rv_test_assert_status (&run, 0);
  before = read_bytes (fixture->path);

  copy = g_bytes_unref_to_data (read_bytes (fixture->backup), &size);
  copy[size - 50] ^= 0x01;
  g_assert_true (g_file_set_contents (fixture->backup, (char *) copy, (gssize) size, NULL));

  rv (fixture, &run, BACKUP_PASSWORD, PASSWORD, "restore", "--file-password-fd", "0",
      fixture->backup, NULL);
  rv_test_assert_status (&run, 1);
  g_assert_nonnull (strstr (run.err, "damaged"));
  g_assert_null (strstr (run.out, "Restored"));
  after = read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
}

static JsonArray *
health_json (Fixture    *fixture,
             JsonParser *parser)
{
  g_auto(RvTestRun) run = { 0 };
  g_autoptr(GError) error = NULL;

  rv (fixture, &run, NULL, PASSWORD, "health", "--json", NULL);
  rv_test_assert_status (&run, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  g_assert_no_error (error);
  return json_node_get_array (json_parser_get_root (parser));
}

static gboolean
has_kind (JsonArray  *warnings,
          const char *kind)
{
  for (guint i = 0; i < json_array_get_length (warnings); i++)
    {
      JsonObject *warning = json_array_get_object_element (warnings, i);

      if (g_str_equal (json_object_get_string_member (warning, "kind"), kind))
        return TRUE;
    }
  return FALSE;
}

static void
test_health (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };
  g_autoptr(JsonParser) before = json_parser_new ();
  g_autoptr(JsonParser) after = json_parser_new ();
  JsonArray *warnings;

  rv (fixture, &run, NULL, PASSWORD, "health", NULL);
  rv_test_assert_status (&run, 0);
  g_assert_nonnull (strstr (run.out, "Never backed up"));
  g_assert_nonnull (strstr (run.out, "Fix: export-backup"));
  g_assert_nonnull (strstr (run.out, "No recovery codes for GitHub (alice)"));

  warnings = health_json (fixture, before);
  g_assert_true (has_kind (warnings, "never-backed-up"));
  g_assert_true (has_kind (warnings, "no-recovery-codes"));
  g_assert_cmpuint (json_array_get_length (warnings), ==, 2);

  export_encrypted (fixture);
  warnings = health_json (fixture, after);
  g_assert_false (has_kind (warnings, "never-backed-up"));
  g_assert_true (has_kind (warnings, "no-recovery-codes"));

  rv (fixture, &run, NULL, PASSWORD, "health", "--few-codes", "3", NULL);
  rv_test_assert_status (&run, 0);
  g_assert_nonnull (strstr (run.out, "Few recovery codes left for PyPI (alice)"));

  rv (fixture, &run, NULL, PASSWORD, "health", "extra", NULL);
  rv_test_assert_status (&run, 2);
}

static void
test_auto_backup (Fixture       *fixture,
                  gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };
  g_autofree char *folder = g_build_filename (fixture->dir, "auto", NULL);
  g_autoptr(GDir) dir = NULL;
  guint n = 0;

  for (guint i = 0; i < 3; i++)
    {
      rv (fixture, &run, NULL, PASSWORD, "auto-backup", "--keep", "2", folder, NULL);
      rv_test_assert_status (&run, 0);
      g_assert_true (g_str_has_prefix (run.out, "Backed up to "));
    }
  dir = g_dir_open (folder, 0, NULL);
  while (g_dir_read_name (dir) != NULL)
    n++;
  g_assert_cmpuint (n, ==, 2);

  rv (fixture, &run, NULL, PASSWORD, "auto-backup", "--keep", "0", folder, NULL);
  rv_test_assert_status (&run, 2);
  rv (fixture, &run, NULL, PASSWORD, "auto-backup", NULL);
  rv_test_assert_status (&run, 2);

  /* The copy opens with the vault's password. */
  rv (fixture, &run, NULL, PASSWORD, "auto-backup", folder, NULL);
  rv_test_assert_status (&run, 0);
  {
    g_autofree char *path = g_strstrip (g_strdup (run.out + strlen ("Backed up to ")));

    rv (fixture, &run, NULL, PASSWORD, "verify-backup", path, NULL);
    rv_test_assert_status (&run, 0);
  }

  /* And "never backed up" is gone. */
  rv (fixture, &run, NULL, PASSWORD, "health", NULL);
  rv_test_assert_status (&run, 0);
  g_assert_null (strstr (run.out, "Never backed up"));
}

static gint64
vault_verified_at (Fixture *fixture,
                   gint64   set_to)
{
  g_autoptr(RvSecret) password = rv_secret_new_from_string (PASSWORD);
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVault) vault = rv_vault_open (fixture->path, password, &error);
  gint64 verified_at;

  g_assert_no_error (error);
  verified_at = rv_vault_get_backup_state (vault)->verified_at;
  if (set_to != 0)
    {
      rv_vault_get_backup_state (vault)->verified_at = set_to;
      rv_vault_mark_dirty (vault);
      g_assert_true (rv_vault_save (vault, &error));
    }
  rv_vault_close (vault);
  return verified_at;
}

/* Verifying the vault's latest backup is recorded, as in the app; verifying
 * without a way to unlock the vault still verifies. */
static void
test_verify_records (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };

  export_encrypted (fixture);
  vault_verified_at (fixture, 1);

  rv (fixture, &run, BACKUP_PASSWORD, NULL, "verify-backup", "--file-password-fd", "0",
      fixture->backup, NULL);
  rv_test_assert_status (&run, 0);
  g_assert_cmpint (vault_verified_at (fixture, 0), ==, 1);

  rv (fixture, &run, BACKUP_PASSWORD, PASSWORD, "verify-backup", "--file-password-fd", "0",
      fixture->backup, NULL);
  rv_test_assert_status (&run, 0);
  g_assert_nonnull (strstr (run.out, "recorded"));
  g_assert_cmpint (vault_verified_at (fixture, 0), >=, rv_now () - 60);
}

/* With the app's automatic backups on, a command that changes the app's
 * vault is followed by a copy in the chosen folder (the app's settings). */
static void
test_backup_after_change (Fixture       *fixture,
                          gconstpointer  data)
{
  g_auto(RvTestRun) run = { 0 };
  g_autofree char *data_home = g_build_filename (fixture->dir, "data", NULL);
  g_autofree char *config_home = g_build_filename (fixture->dir, "config", NULL);
  g_autofree char *app_dir = g_build_filename (data_home, "recovery-vault", NULL);
  g_autofree char *app_vault = g_build_filename (app_dir, "vault.rvault", NULL);
  g_autofree char *settings_dir = g_build_filename (config_home, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (settings_dir, "keyfile", NULL);
  g_autofree char *folder = g_build_filename (fixture->dir, "auto", NULL);
  g_autofree char *schemas = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "data",
                                               NULL);
  g_autofree char *settings = NULL;
  g_autofree char *contents = NULL;
  char *own_path = fixture->path;
  g_autoptr(GPtrArray) files = NULL;
  gsize len = 0;

  g_assert_cmpint (g_mkdir_with_parents (app_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (settings_dir, 0700), ==, 0);
  g_assert_true (g_file_get_contents (own_path, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (app_vault, contents, len, NULL));
  settings = g_strdup_printf ("[com/example/RecoveryVault]\nautomatic-backups=true\n"
                              "backup-folder='%s'\nbackups-to-keep=uint32 2\n", folder);
  g_assert_true (g_file_set_contents (keyfile, settings, -1, NULL));
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", schemas, TRUE);

  /* Another vault (--vault elsewhere) is not the app's: no copy. */
  rv (fixture, &run, NULL, PASSWORD, "edit", "pypi", "--notes", "elsewhere", NULL);
  rv_test_assert_status (&run, 0);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  fixture->path = app_vault;
  rv (fixture, &run, NULL, PASSWORD, "edit", "pypi", "--notes", "changed", NULL);
  rv_test_assert_status (&run, 0);
  files = rv_backup_list_auto (folder, NULL);
  g_assert_nonnull (files);
  g_assert_cmpuint (files->len, ==, 1);

  /* A read-only command makes none. */
  rv (fixture, &run, NULL, PASSWORD, "list", NULL);
  rv_test_assert_status (&run, 0);
  g_clear_pointer (&files, g_ptr_array_unref);
  files = rv_backup_list_auto (folder, NULL);
  g_assert_cmpuint (files->len, ==, 1);

  fixture->path = own_path;
  g_unsetenv ("GSETTINGS_SCHEMA_DIR");
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/cli/backup/export-encrypted", test_export_encrypted);
  ADD ("/cli/backup/export-usage", test_export_usage);
  ADD ("/cli/backup/export-plain", test_export_plain);
  ADD ("/cli/backup/export-google-qr", test_export_google_qr);
  ADD ("/cli/backup/export-google-qr-long", test_export_google_qr_long);
  ADD ("/cli/backup/verify-damaged", test_verify_damaged);
  ADD ("/cli/backup/verify-records", test_verify_records);
  ADD ("/cli/backup/backup-after-change", test_backup_after_change);
  ADD ("/cli/backup/restore", test_restore);
  ADD ("/cli/backup/restore-damaged", test_restore_damaged);
  ADD ("/cli/backup/health", test_health);
  ADD ("/cli/backup/auto-backup", test_auto_backup);

#undef ADD

  return g_test_run ();
}
