/* test-vault-sync.c: conflict copies beside the vault: found, merged, moved; bad ones kept
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The copies are made here: real copies of the vault changed apart, named as
 * Syncthing, Nextcloud and Dropbox name them, and damaged, truncated, newer
 * and foreign ones that must be reported and left in place.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>

#include "rv-vault.h"
#include "rv-vault-merge.h"
#include "rv-vault-sync.h"

static RvSecret *
secret (const char *text)
{
  return rv_secret_new_from_data (text, strlen (text));
}

static char *
read_file (const char *path,
           gsize      *len)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, len, NULL));
  return contents;
}

static void
write_file (const char *path,
            const char *contents,
            gsize       len)
{
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
}

static void
test_names (void)
{
  static const char *yes[] = {
    "vault.sync-conflict-20261206-101500-ABCDEFG.rvault",
    "vault (conflicted copy 2026-12-06 101500).rvault",
    "vault (conflicted copy alice 2026-12-06 101500).rvault",
    "vault (HOST's conflicted copy 2026-12-06).rvault",
    "vault (HOST's conflicted copy 2026-12-06 (1)).rvault",
  };
  static const char *no[] = {
    "vault.rvault", "vault.rvault.prev", "vault.rvault.lock", "vault.rvault.tmp",
    "vault.rvault.sync-conflict-20261206-101500-ABCDEFG.prev",
    "vault.sync-conflict-20261206-101500-ABCDEFG.rvault.prev",
    "other.sync-conflict-20261206-101500-ABCDEFG.rvault",
    "vault.sync-conflict-2026120-101500-ABCDEFG.rvault",
    "vault (conflicted copy).rvault",
  };

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    g_assert_true (rv_sync_is_conflict_copy_name ("vault.rvault", yes[i]));
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    g_assert_false (rv_sync_is_conflict_copy_name ("vault.rvault", no[i]));
}

static void
test_merge_copies (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rv-sync-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "vault.rvault", NULL);
  g_autofree char *other_path = g_build_filename (dir, "elsewhere.rvault", NULL);
  g_autoptr(RvSecret) password = secret ("sync test password");
  g_autoptr(RvVault) vault = NULL;
  g_autoptr(RvVault) other = NULL;
  g_autoptr(RvSyncResult) result = NULL;
  g_autofree char *base = NULL;
  static const char *good[] = {
    "vault.sync-conflict-20261206-101500-ABCDEFG.rvault",
    "vault (conflicted copy 2026-12-06 101500).rvault",
    "vault (HOST's conflicted copy 2026-12-06).rvault",
  };
  static const char *bad[] = {
    "vault.sync-conflict-20261206-101501-DAMAGED.rvault",
    "vault.sync-conflict-20261206-101502-TRUNCAT.rvault",
    "vault.sync-conflict-20261206-101503-NEWERFM.rvault",
    "vault.sync-conflict-20261206-101504-ANOTHER.rvault",
  };
  RvKdfParams kdf;
  gsize len;

  g_assert_no_error (error);
  rv_kdf_get_calibrated (&kdf);
  vault = rv_vault_create_full (path, password, &kdf, &error);
  g_assert_no_error (error);

  /* Each good copy: the vault as it was, plus one account made "elsewhere". */
  base = read_file (path, &len);
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *copy_path = g_build_filename (dir, good[i], NULL);
      g_autoptr(RvVault) copy = NULL;
      g_autoptr(RvAccount) account = rv_account_new ();
      g_autofree char *issuer = g_strdup_printf ("Made elsewhere %u", i);

      write_file (path, base, len);
      g_clear_object (&vault);
      vault = rv_vault_open (path, password, &error);
      g_assert_no_error (error);
      rv_account_set_issuer (account, issuer);
      rv_vault_add_account (vault, account);
      g_assert_true (rv_vault_save (vault, &error));
      g_assert_no_error (error);
      g_assert_cmpint (g_rename (path, copy_path), ==, 0);
    }
  write_file (path, base, len);
  g_clear_object (&vault);
  vault = rv_vault_open (path, password, &error);
  g_assert_no_error (error);
  {
    g_autoptr(RvAccount) here = rv_account_new ();

    rv_account_set_issuer (here, "Made here");
    rv_vault_add_account (vault, here);
    g_assert_true (rv_vault_save (vault, &error));
  }

  /* The bad ones. */
  {
    g_autofree char *contents = read_file (path, &len);
    g_autofree char *p0 = g_build_filename (dir, bad[0], NULL);
    g_autofree char *p1 = g_build_filename (dir, bad[1], NULL);
    g_autofree char *p2 = g_build_filename (dir, bad[2], NULL);
    g_autofree char *p3 = g_build_filename (dir, bad[3], NULL);
    g_autofree char *foreign = NULL;

    contents[len / 2] ^= 0x40;
    write_file (p0, contents, len);
    contents[len / 2] ^= 0x40;
    write_file (p1, contents, len / 3);
    contents[8] = 9;   /* a format from the future, checksum recomputed */
    crypto_generichash ((guint8 *) contents + len - 32, 32, (guint8 *) contents, len - 32,
                        NULL, 0);
    write_file (p2, contents, len);
    other = rv_vault_create_full (other_path, password, &kdf, &error);
    g_assert_no_error (error);
    foreign = read_file (other_path, &len);
    write_file (p3, foreign, len);
  }

  g_assert_true (rv_sync_merge_conflict_copies (vault, password, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->merged, ==, G_N_ELEMENTS (good));
  g_assert_cmpuint (result->changes, ==, G_N_ELEMENTS (good));
  g_assert_cmpuint (result->problems->len, ==, G_N_ELEMENTS (bad));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *p = g_build_filename (dir, bad[i], NULL);

      g_assert_true (g_file_test (p, G_FILE_TEST_IS_REGULAR));
      g_assert_nonnull (strstr (g_ptr_array_index (result->problems, i), bad[i]));
    }
  g_assert_nonnull (strstr (g_ptr_array_index (result->problems, 2), "newer version"));
  g_assert_nonnull (strstr (g_ptr_array_index (result->problems, 3), "another vault"));
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *p = g_build_filename (dir, good[i], NULL);
      g_autofree char *moved = g_build_filename (dir, "conflicts", "merged", good[i], NULL);

      g_assert_false (g_file_test (p, G_FILE_TEST_EXISTS));
      g_assert_true (g_file_test (moved, G_FILE_TEST_IS_REGULAR));
    }

  /* Saved before moving: the file on disk holds all four accounts. */
  {
    g_autoptr(RvVault) reopened = NULL;
    guint copies, changes;
    gint64 when;

    g_clear_object (&vault);
    reopened = rv_vault_open (path, password, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (rv_vault_get_accounts (reopened)), ==, 4);
    g_assert_true (rv_sync_get_last_merge (rv_vault_get_id (reopened), &when, &copies, &changes));
    g_assert_cmpuint (copies, ==, 3);
    g_assert_cmpuint (changes, ==, 3);
  }

  /* Not a synced folder: nothing detected, no .stignore. */
  g_assert_cmpint (rv_sync_detect_engine (path, NULL), ==, RV_SYNC_ENGINE_NONE);
  rv_vault_close (other);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);

    g_assert_cmpint (system (cmd), ==, 0);
  }
}

static void
test_engines (void)
{
  static const struct { const char *marker; RvSyncEngine engine; gboolean folder; } cases[] = {
    { ".stfolder", RV_SYNC_ENGINE_SYNCTHING, TRUE },
    { ".sync_0123abcd.db", RV_SYNC_ENGINE_NEXTCLOUD, FALSE },
    { ".nextcloudsync.log", RV_SYNC_ENGINE_NEXTCLOUD, FALSE },
    { ".dropbox", RV_SYNC_ENGINE_DROPBOX, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("rv-sync-XXXXXX", &error);
      g_autofree char *marker = g_build_filename (dir, cases[i].marker, NULL);
      g_autofree char *sub = g_build_filename (dir, "secrets", NULL);
      g_autofree char *vault = g_build_filename (sub, "vault.rvault", NULL);
      g_autofree char *root = NULL;
      g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);

      g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
      if (cases[i].folder)
        g_assert_cmpint (g_mkdir (marker, 0700), ==, 0);
      else
        write_file (marker, "", 0);
      g_assert_cmpint (rv_sync_detect_engine (vault, &root), ==, cases[i].engine);
      g_assert_cmpstr (root, ==, dir);
      g_assert_true (rv_sync_write_ignore_rules (vault, &error));
      g_assert_no_error (error);
      if (cases[i].engine == RV_SYNC_ENGINE_SYNCTHING)
        {
          g_autofree char *ignore = g_build_filename (dir, ".stignore", NULL);
          g_autofree char *text = NULL;
          g_autofree char *again = NULL;
          gsize len;

          write_file (ignore, "(?d).DS_Store", strlen ("(?d).DS_Store"));
          g_assert_true (rv_sync_write_ignore_rules (vault, &error));
          text = read_file (ignore, &len);
          g_assert_true (g_str_has_prefix (text, "(?d).DS_Store\n"));
          g_assert_nonnull (strstr (text, "\n/secrets/vault.rvault.lock\n"));
          g_assert_nonnull (strstr (text, "\n/secrets/vault.rvault.prev\n"));
          /* Written once: a second call adds nothing. */
          g_assert_true (rv_sync_write_ignore_rules (vault, &error));
          again = read_file (ignore, &len);
          g_assert_cmpstr (text, ==, again);
        }
      g_assert_cmpint (system (cmd), ==, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("RV_DEVICE_ID", "00000000-0000-4000-8000-00000000000c", TRUE);
  g_test_add_func ("/vault-sync/names", test_names);
  g_test_add_func ("/vault-sync/merge-copies", test_merge_copies);
  g_test_add_func ("/vault-sync/engines", test_engines);
  return g_test_run ();
}
