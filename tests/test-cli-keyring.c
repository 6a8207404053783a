/* test-cli-keyring.c: `rvault keyring enable|disable|status` against a real Secret Service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a session bus with an unlocked Secret Service (tools/test starts
 * gnome-keyring-daemon); skips otherwise.
 */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rv-backup.h"
#include "rv-keyring.h"
#include "rv-test-util.h"
#include "rv-util.h"
#include "rv-vault.h"

#define PASSWORD "keyring test password"
#define SECRET   "JBSWY3DPEHPK3PXP"

/* Whether the keyring holds an unlock key for the vault at @path. (A
 * lookup rather than a search: searching leaks item proxies in libsecret.) */
static gboolean
keyring_has_key (const char *path)
{
  g_autoptr(GError) error = NULL;
  SecretValue *value;

  value = secret_password_lookup_binary_sync (rv_keyring_get_schema (), NULL, &error,
                                              "path", path, NULL);
  g_assert_no_error (error);
  if (value == NULL)
    return FALSE;
  secret_value_unref (value);
  return TRUE;
}

static void G_GNUC_NULL_TERMINATED
rv (RvTestRun  *run,
    const char *path,
    const char *input,
    const char *password,
    ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  rv_test_run_clear (run);
  g_ptr_array_add (args, (gpointer) "--vault");
  g_ptr_array_add (args, (gpointer) path);
  va_start (ap, password);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  rv_test_rvault (run, input, password, (const char *const *) args->pdata);
}

static void
assert_run (RvTestRun  *run,
            int         status,
            const char *out_part)
{
  if (run->status != status)
    g_error ("rvault exited with %d, not %d\nstdout: %s\nstderr: %s",
             run->status, status, run->out, run->err);
  if (out_part != NULL && strstr (run->out, out_part) == NULL &&
      strstr (run->err, out_part) == NULL)
    g_error ("“%s” not in the output:\nstdout: %s\nstderr: %s", out_part, run->out, run->err);
}

static void
test_enable_use_disable (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_auto(RvTestRun) run = { 0 };

  if (!rv_test_have_secret_service ())
    {
      g_test_skip ("No Secret Service on the session bus (run through tools/test)");
      return;
    }

  dir = rv_test_make_tmpdir ();
  path = g_build_filename (dir, "v.rvault", NULL);

  rv (&run, path, NULL, PASSWORD, "init", NULL);
  assert_run (&run, 0, NULL);
  rv (&run, path, SECRET, PASSWORD, "add", "--issuer", "ACME", NULL);
  assert_run (&run, 0, NULL);
  rv (&run, path, NULL, NULL, "keyring", "status", NULL);
  assert_run (&run, 0, "Keyring unlock: off\n");

  /* Enabling needs the password, even from a terminal-less caller. */
  rv (&run, path, NULL, NULL, "keyring", "enable", NULL);
  assert_run (&run, 2, "--password-fd");
  rv (&run, path, NULL, "wrong", "keyring", "enable", NULL);
  assert_run (&run, 1, "password");
  g_assert_false (keyring_has_key (path));

  rv (&run, path, NULL, PASSWORD, "keyring", "enable", NULL);
  assert_run (&run, 0, "Keyring unlock: on");
  g_assert_true (keyring_has_key (path));
  rv (&run, path, NULL, NULL, "keyring", "status", NULL);
  assert_run (&run, 0, "Keyring unlock: on\n");

  /* No password needed now; a given password is still checked. */
  rv (&run, path, NULL, NULL, "code", "acme", "--at", "59", NULL);
  assert_run (&run, 0, NULL);
  g_assert_true (g_str_has_prefix (run.out, "996554 "));
  rv (&run, path, NULL, NULL, "list", NULL);
  assert_run (&run, 0, "ACME");
  rv (&run, path, NULL, "wrong", "list", NULL);
  assert_run (&run, 1, "password");

  /* Changing the password keeps keyring unlock working. */
  rv (&run, path, NULL, PASSWORD "\nnew " PASSWORD, "passwd", NULL);
  assert_run (&run, 0, "Password changed");
  rv (&run, path, NULL, NULL, "show", "acme", NULL);
  assert_run (&run, 0, "Issuer:          ACME\n");

  /* Off means a new master key, which needs the password. */
  rv (&run, path, NULL, NULL, "keyring", "disable", NULL);
  assert_run (&run, 2, "--password-fd");
  g_assert_true (keyring_has_key (path));
  rv (&run, path, NULL, "new " PASSWORD, "keyring", "disable", NULL);
  assert_run (&run, 0, "Keyring unlock: off");
  g_assert_nonnull (strstr (run.out, "The vault has a new key"));
  g_assert_false (keyring_has_key (path));
  rv (&run, path, NULL, NULL, "keyring", "status", NULL);
  assert_run (&run, 0, "Keyring unlock: off\n");
  rv (&run, path, NULL, NULL, "list", NULL);
  assert_run (&run, 2, "--password-fd");
  rv (&run, path, NULL, "new " PASSWORD, "list", NULL);
  assert_run (&run, 0, "ACME");

  rv_test_rm_rf (dir);
}

/* The key vanished from the keyring behind rvault's back: a clear message,
 * and the password still opens the vault. */
static void
test_lost_key (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(RvTestRun) run = { 0 };

  if (!rv_test_have_secret_service ())
    {
      g_test_skip ("No Secret Service on the session bus (run through tools/test)");
      return;
    }

  dir = rv_test_make_tmpdir ();
  path = g_build_filename (dir, "v.rvault", NULL);
  rv (&run, path, NULL, PASSWORD, "init", NULL);
  assert_run (&run, 0, NULL);
  rv (&run, path, NULL, PASSWORD, "keyring", "enable", NULL);
  assert_run (&run, 0, NULL);

  secret_password_clear_sync (rv_keyring_get_schema (), NULL, &error, "path", path, NULL);
  g_assert_no_error (error);
  g_assert_false (keyring_has_key (path));

  rv (&run, path, NULL, NULL, "keyring", "status", NULL);
  assert_run (&run, 0, "on, but it does not work now");
  rv (&run, path, NULL, NULL, "list", NULL);
  assert_run (&run, 1, "Keyring unlock failed");
  g_assert_cmpint (strchr (run.err, '\n') - run.err, ==, strlen (run.err) - 1);
  rv (&run, path, NULL, PASSWORD, "list", NULL);
  assert_run (&run, 0, NULL);
  rv (&run, path, NULL, PASSWORD, "keyring", "disable", NULL);
  assert_run (&run, 0, "Keyring unlock: off");

  rv_test_rm_rf (dir);
}

/* Stores @when as the last time the password was typed. */
static void
set_password_entered_at (const char *path,
                         gint64      when)
{
  g_autoptr(RvSecret) password = rv_secret_new_from_string (PASSWORD);
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVault) vault = rv_vault_open (path, password, &error);

  g_assert_no_error (error);
  rv_vault_get_backup_state (vault)->password_entered_at = when;
  rv_vault_mark_dirty (vault);
  g_assert_true (rv_vault_save (vault, &error));
  rv_vault_close (vault);
}

/* With keyring unlock on, typing the password for any command (even one
 * that changes nothing) is recorded, so the reminder starts again. */
static void
test_password_entered_recorded (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_auto(RvTestRun) run = { 0 };
  g_autoptr(RvVault) vault = NULL;
  g_autoptr(GError) error = NULL;

  if (!rv_test_have_secret_service ())
    {
      g_test_skip ("No Secret Service on the session bus (run through tools/test)");
      return;
    }

  dir = rv_test_make_tmpdir ();
  path = g_build_filename (dir, "v.rvault", NULL);
  rv (&run, path, NULL, PASSWORD, "init", NULL);
  assert_run (&run, 0, NULL);
  rv (&run, path, NULL, PASSWORD, "keyring", "enable", NULL);
  assert_run (&run, 0, NULL);
  set_password_entered_at (path, 1);

  /* A keyring unlock is not the password. */
  rv (&run, path, NULL, NULL, "list", NULL);
  assert_run (&run, 0, NULL);
  vault = rv_vault_open_with_keyring (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rv_vault_get_backup_state (vault)->password_entered_at, ==, 1);
  rv_vault_close (vault);
  g_clear_object (&vault);

  rv (&run, path, NULL, PASSWORD, "list", NULL);
  assert_run (&run, 0, NULL);
  vault = rv_vault_open_with_keyring (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rv_vault_get_backup_state (vault)->password_entered_at, >=, rv_now () - 60);
  rv_vault_close (vault);

  rv (&run, path, NULL, PASSWORD, "keyring", "disable", NULL);
  rv_test_rm_rf (dir);
}

/* Turning it off names the automatic backups that hold the keyring slot
 * (whoever copied the keyring's key opens them), not every copy that opens
 * with the unchanged password. */
static void
test_disable_names_old_copies (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *before = NULL;
  g_autofree char *plain = NULL;
  g_auto(RvTestRun) run = { 0 };
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;

  if (!rv_test_have_secret_service ())
    {
      g_test_skip ("No Secret Service on the session bus (run through tools/test)");
      return;
    }

  dir = rv_test_make_tmpdir ();
  path = g_build_filename (dir, "v.rvault", NULL);
  folder = g_build_filename (dir, "auto", NULL);
  plain = g_build_filename (folder, "recovery-vault-20200101-000000.rvault", NULL);
  rv (&run, path, NULL, PASSWORD, "init", NULL);
  assert_run (&run, 0, NULL);
  /* A copy made before keyring unlock was on: no keyring slot in it. */
  rv (&run, path, NULL, PASSWORD, "auto-backup", folder, NULL);
  assert_run (&run, 0, NULL);
  listed = rv_backup_list_auto (folder, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpint (g_rename (g_ptr_array_index (listed, 0), plain), ==, 0);
  g_clear_pointer (&listed, g_ptr_array_unref);

  rv (&run, path, NULL, PASSWORD, "keyring", "enable", NULL);
  assert_run (&run, 0, NULL);
  rv (&run, path, NULL, NULL, "auto-backup", folder, NULL);
  assert_run (&run, 0, NULL);
  listed = rv_backup_list_auto (folder, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 2);
  before = g_strdup (g_ptr_array_index (listed, 0));
  g_assert_cmpstr (before, !=, plain);

  rv (&run, path, NULL, PASSWORD, "keyring", "disable", "--backup-folder", folder, NULL);
  assert_run (&run, 0, "hold the keyring's old key");
  g_assert_nonnull (strstr (run.out, before));
  g_assert_null (strstr (run.out, plain));

  rv_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/keyring/enable-use-disable", test_enable_use_disable);
  g_test_add_func ("/cli/keyring/disable-names-old-copies", test_disable_names_old_copies);
  g_test_add_func ("/cli/keyring/lost-key", test_lost_key);
  g_test_add_func ("/cli/keyring/password-entered-recorded", test_password_entered_recorded);

  status = g_test_run ();
  /* libsecret keeps its service proxy until told to let go. */
  secret_service_disconnect ();
  return status;
}
