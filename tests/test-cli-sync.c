/* test-cli-sync.c: rvault merges conflict copies on open; rvault sync-status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "rv-test-util.h"

#define PASSWORD "cli sync password"

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (from, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (to, contents, len, NULL));
}

static void
test_conflict_copy_merged_on_open (void)
{
  g_autofree char *dir = rv_test_make_tmpdir ();
  g_autofree char *marker = g_build_filename (dir, ".stfolder", NULL);
  g_autofree char *vault = g_build_filename (dir, "vault.rvault", NULL);
  g_autofree char *base = g_build_filename (dir, "base.copy", NULL);
  g_autofree char *elsewhere = g_build_filename (dir, "elsewhere.copy", NULL);
  g_autofree char *copy =
    g_build_filename (dir, "vault.sync-conflict-20261206-101500-ABCDEFG.rvault", NULL);
  g_autofree char *moved = g_build_filename (dir, "conflicts", "merged",
                                             "vault.sync-conflict-20261206-101500-ABCDEFG.rvault",
                                             NULL);
  g_autofree char *ignore = g_build_filename (dir, ".stignore", NULL);
  g_autofree char *rules = NULL;
  g_auto(RvTestRun) run = { 0 };

  g_assert_cmpint (g_mkdir (marker, 0700), ==, 0);
  rv_test_rvault_vault (&run, vault, NULL, PASSWORD, "init", NULL);
  rv_test_assert_status (&run, 0);
  rv_test_run_clear (&run);
  copy_file (vault, base);

  /* "Another device": the same vault with an account added there. */
  rv_test_rvault_vault (&run, vault, "JBSWY3DPEHPK3PXP\n", PASSWORD, "add", "--issuer",
                        "Added elsewhere", NULL);
  rv_test_assert_status (&run, 0);
  rv_test_run_clear (&run);
  copy_file (vault, elsewhere);
  copy_file (base, vault);
  rv_test_rvault_vault (&run, vault, "JBSWY3DPEHPK3PXQ\n", PASSWORD, "add", "--issuer",
                        "Added here", NULL);
  rv_test_assert_status (&run, 0);
  rv_test_run_clear (&run);
  /* The engine's conflict copy appears after both changes. */
  g_assert_cmpint (g_rename (elsewhere, copy), ==, 0);

  rv_test_rvault_vault (&run, vault, NULL, NULL, "sync-status", NULL);
  rv_test_assert_status (&run, 0);
  g_assert_nonnull (strstr (run.out, "(Syncthing)"));
  g_assert_nonnull (strstr (run.out, "Conflict copies waiting: 1"));
  g_assert_nonnull (strstr (run.out, "Last merge: never"));
  rv_test_run_clear (&run);

  rv_test_rvault_vault (&run, vault, NULL, PASSWORD, "list", NULL);
  rv_test_assert_status (&run, 0);
  g_assert_nonnull (strstr (run.out, "Added elsewhere"));
  g_assert_nonnull (strstr (run.out, "Added here"));
  g_assert_nonnull (strstr (run.err, "Merged 1 change from another device"));
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (moved, G_FILE_TEST_IS_REGULAR));
  rv_test_run_clear (&run);

  g_assert_true (g_file_get_contents (ignore, &rules, NULL, NULL));
  g_assert_nonnull (strstr (rules, "/vault.rvault.lock\n"));
  g_assert_nonnull (strstr (rules, "/vault.rvault.prev\n"));

  rv_test_rvault_vault (&run, vault, NULL, NULL, "sync-status", NULL);
  rv_test_assert_status (&run, 0);
  g_assert_nonnull (strstr (run.out, "Conflict copies waiting: 0"));
  g_assert_nonnull (strstr (run.out, "1 changes from 1 copies"));
  rv_test_run_clear (&run);

  /* A damaged copy is named and left in place; the command still works. */
  {
    g_autofree char *damaged =
      g_build_filename (dir, "vault (conflicted copy 2026-12-06 101500).rvault", NULL);

    g_assert_true (g_file_set_contents (damaged, "not a vault", -1, NULL));
    rv_test_rvault_vault (&run, vault, NULL, PASSWORD, "list", NULL);
    rv_test_assert_status (&run, 0);
    g_assert_nonnull (strstr (run.err, "was not merged"));
    g_assert_true (g_file_test (damaged, G_FILE_TEST_IS_REGULAR));
  }
  g_unlink (base);
  rv_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/sync/conflict-copy-merged-on-open", test_conflict_copy_merged_on_open);
  return g_test_run ();
}
