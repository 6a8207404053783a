/* test-vault-faults.c: failed writes report an error and lose nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each fault is made in a child process (g_test_trap_subprocess) so that
 * resource limits and mount namespaces stay there. The tests may run as
 * root, for whom a folder's mode bits do not stop writes: a read-only bind
 * mount and a small tmpfs in a private mount namespace do.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "rv-test-util.h"
#include "rv-vault.h"

#define PASSWORD "fault test password"

typedef struct
{
  char   *dir;
  char   *folder;
  char   *path;
  char   *before;
  gsize   before_len;
} Fixture;

static void
cheap_kdf (RvKdfParams *kdf)
{
  kdf->opslimit = 1;
  kdf->memlimit = 8192;
  kdf->alg = 2; /* crypto_pwhash_ALG_ARGON2ID13 */
}

static void
make_vault (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvSecret) password = rv_secret_new_from_string (PASSWORD);
  g_autoptr(RvSecret) secret = rv_secret_new_from_string ("the one secret");
  g_autoptr(RvAccount) account = rv_account_new ();
  g_autoptr(RvVault) vault = NULL;
  RvKdfParams kdf;

  cheap_kdf (&kdf);
  vault = rv_vault_create_full (path, password, &kdf, &error);
  g_assert_no_error (error);
  rv_account_set_issuer (account, "Original");
  rv_account_set_secret (account, secret);
  rv_vault_add_account (vault, account);
  g_assert_true (rv_vault_save (vault, &error));
  g_assert_no_error (error);
}

static RvVault *
open_vault (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvSecret) password = rv_secret_new_from_string (PASSWORD);
  RvVault *vault = rv_vault_open (path, password, &error);

  g_assert_no_error (error);
  return vault;
}

/* Makes the vault's next file much larger than the current one. */
static void
grow (RvVault *vault)
{
  g_autofree char *notes = g_strnfill (4096, 'n');

  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(RvAccount) account = rv_account_new ();

      rv_account_set_issuer (account, "Added");
      rv_account_set_notes (account, notes);
      rv_vault_add_account (vault, account);
    }
}

/* Saves, expecting an I/O error naming @cause (a strerror text). */
static void
save_fails (RvVault    *vault,
            const char *cause)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (rv_vault_save (vault, &error));
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_IO);
  if (strstr (error->message, cause) == NULL)
    g_error ("“%s” does not name “%s”", error->message, cause);
  /* A child's test messages are not shown: there the parent matches this
   * plain line on its stdout. */
  if (g_test_subprocess ())
    g_print ("%s\n", error->message);
  else
    g_test_message ("%s", error->message);
  g_assert_true (rv_vault_is_dirty (vault));
}

static void
assert_intact (const char *path,
               const char *before,
               gsize       before_len)
{
  g_autofree char *tmp = g_strconcat (path, ".tmp", NULL);
  g_autofree char *after = NULL;
  g_autoptr(RvVault) vault = NULL;
  g_autoptr(RvAccount) account = NULL;
  gsize after_len;

  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  if (before != NULL)
    g_assert_cmpmem (after, after_len, before, before_len);
  g_assert_false (g_file_test (tmp, G_FILE_TEST_EXISTS));
  vault = open_vault (path);
  g_assert_cmpuint (g_list_model_get_n_items (rv_vault_get_accounts (vault)), ==, 1);
  account = g_list_model_get_item (rv_vault_get_accounts (vault), 0);
  g_assert_cmpstr (rv_account_get_issuer (account), ==, "Original");
  g_assert_cmpstr (rv_secret_get_string (rv_account_get_secret (account)), ==, "the one secret");
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = g_strdup (g_getenv ("RV_FAULT_DIR"));
  if (fixture->dir == NULL)
    fixture->dir = rv_test_make_tmpdir ();
  fixture->folder = g_build_filename (fixture->dir, "folder", NULL);
  fixture->path = g_build_filename (fixture->folder, "vault.rvault", NULL);
  if (!g_test_subprocess ())
    {
      make_vault (fixture->path);
      g_assert_true (g_file_get_contents (fixture->path, &fixture->before,
                                          &fixture->before_len, NULL));
      g_setenv ("RV_FAULT_DIR", fixture->dir, TRUE);
    }
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (!g_test_subprocess ())
    {
      g_unsetenv ("RV_FAULT_DIR");
      rv_test_rm_rf (fixture->dir);
    }
  g_free (fixture->dir);
  g_free (fixture->folder);
  g_free (fixture->path);
  g_free (fixture->before);
}

/* The disk is "full" for this process: write() fails with EFBIG. */
static void
test_file_too_large (Fixture       *fixture,
                     gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(RvVault) vault = open_vault (fixture->path);
      struct rlimit limit;
      struct stat st;

      g_assert_cmpint (stat (fixture->path, &st), ==, 0);
      signal (SIGXFSZ, SIG_IGN);
      limit.rlim_cur = limit.rlim_max = st.st_size + 100;
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      grow (vault);
      save_fails (vault, g_strerror (EFBIG));
      assert_intact (fixture->path, NULL, 0);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*File too large*");
  assert_intact (fixture->path, fixture->before, fixture->before_len);
}

/* A private mount namespace (root, or CAP_SYS_ADMIN): FALSE if unavailable. */
static gboolean
enter_mount_namespace (void)
{
  if (unshare (CLONE_NEWNS) != 0)
    return FALSE;
  /* Nothing mounted here may reach the parent's namespace. */
  g_assert_cmpint (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL), ==, 0);
  return TRUE;
}

static void
skip_marker (const Fixture *fixture)
{
  g_autofree char *marker = g_build_filename (fixture->dir, "no-namespace", NULL);

  g_assert_true (g_file_set_contents (marker, "", 0, NULL));
}

static gboolean
skipped_in_child (const Fixture *fixture)
{
  g_autofree char *marker = g_build_filename (fixture->dir, "no-namespace", NULL);

  if (!g_file_test (marker, G_FILE_TEST_EXISTS))
    return FALSE;
  g_test_skip ("no private mount namespace here (needs root or CAP_SYS_ADMIN)");
  return TRUE;
}

/* Root ignores a folder's mode bits, so the folder is made read-only by a
 * read-only bind mount over it; others get chmod 0500. */
static void
test_read_only_folder (Fixture       *fixture,
                       gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(RvVault) vault = open_vault (fixture->path);

      if (geteuid () == 0)
        {
          if (!enter_mount_namespace ())
            {
              skip_marker (fixture);
              return;
            }
          g_assert_cmpint (mount (fixture->folder, fixture->folder, NULL, MS_BIND, NULL), ==, 0);
          g_assert_cmpint (mount (NULL, fixture->folder, NULL,
                                  MS_REMOUNT | MS_BIND | MS_RDONLY, NULL), ==, 0);
          grow (vault);
          save_fails (vault, g_strerror (EROFS));
        }
      else
        {
          g_assert_cmpint (chmod (fixture->folder, 0500), ==, 0);
          grow (vault);
          save_fails (vault, g_strerror (EACCES));
          g_assert_cmpint (chmod (fixture->folder, 0700), ==, 0);
        }
      assert_intact (fixture->path, NULL, 0);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  if (skipped_in_child (fixture))
    return;
  g_test_trap_assert_stdout (geteuid () == 0 ? "*Read-only file system*" : "*Permission denied*");
  assert_intact (fixture->path, fixture->before, fixture->before_len);
}

/* A real full disk: a 256 KiB tmpfs. */
static void
test_disk_full (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *mount_point = g_build_filename (fixture->dir, "small-disk", NULL);
  g_autofree char *path = g_build_filename (mount_point, "vault.rvault", NULL);

  if (g_test_subprocess ())
    {
      g_autoptr(RvVault) vault = NULL;

      if (!enter_mount_namespace ())
        {
          skip_marker (fixture);
          return;
        }
      g_assert_cmpint (mount ("tmpfs", mount_point, "tmpfs", 0, "size=256k,mode=0700"), ==, 0);
      make_vault (path);
      vault = open_vault (path);
      grow (vault);
      save_fails (vault, g_strerror (ENOSPC));
      assert_intact (path, NULL, 0);
      return;
    }
  g_assert_cmpint (g_mkdir (mount_point, 0700), ==, 0);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  if (!skipped_in_child (fixture))
    g_test_trap_assert_stdout ("*No space left on device*");
}

/* The vault's folder was replaced by a file: nothing can be created. */
static void
test_folder_replaced_by_file (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(RvVault) vault = open_vault (fixture->path);
  g_autofree char *moved = g_strconcat (fixture->folder, ".moved", NULL);

  g_assert_cmpint (rename (fixture->folder, moved), ==, 0);
  g_assert_true (g_file_set_contents (fixture->folder, "not a folder", -1, NULL));
  rv_vault_mark_changed (vault);
  save_fails (vault, "Could not");
  g_assert_cmpint (unlink (fixture->folder), ==, 0);
  g_assert_cmpint (rename (moved, fixture->folder), ==, 0);
  assert_intact (fixture->path, fixture->before, fixture->before_len);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/vault-faults/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("file-too-large", test_file_too_large);
  ADD ("read-only-folder", test_read_only_folder);
  ADD ("disk-full", test_disk_full);
  ADD ("folder-replaced-by-file", test_folder_replaced_by_file);
#undef ADD

  return g_test_run ();
}
