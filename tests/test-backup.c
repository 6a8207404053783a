/* test-backup.c: encrypted export, verify, restore, automatic backups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <unistd.h>
#include <utime.h>

#include "rv-backup.h"
#include "rv-backup-private.h"
#include "rv-backup-scheduler.h"
#include "rv-restore.h"
#include "rv-base32.h"
#include "rv-health.h"
#include "rv-test-util.h"
#include "rv-util.h"

typedef struct
{
  char     *dir;
  char     *vault_path;
  char     *backup_path;
  RvSecret *password;
  RvSecret *backup_password;
  RvVault  *vault;
} Fixture;

static RvAccount *
add_account (RvVault    *vault,
             RvOtpKind   kind,
             const char *issuer,
             const char *name,
             const char *base32,
             guint       n_codes)
{
  g_autoptr(RvAccount) account = rv_account_new ();

  rv_account_set_kind (account, kind);
  rv_account_set_issuer (account, issuer);
  rv_account_set_name (account, name);
  if (base32 != NULL)
    {
      g_autoptr(RvSecret) secret = rv_base32_decode (base32, strlen (base32), NULL);

      rv_account_set_secret (account, secret);
    }
  for (guint i = 0; i < n_codes; i++)
    {
      g_autofree char *text = g_strdup_printf ("%s-code-%u", issuer, i);
      g_autoptr(RvSecret) code = rv_secret_new_from_string (text);

      g_assert_true (rv_account_add_recovery_code (account, code, 1000 + i, i == 0 ? 2000 : 0,
                                                   NULL));
    }
  rv_account_set_recovery_expected_count (account, n_codes);
  rv_vault_add_account (vault, account);
  return account;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char * const tags[] = { "work", "dev", NULL };
  RvRequestRecord *request;
  RvAccount *account;

  fixture->dir = rv_test_make_tmpdir ();
  fixture->vault_path = g_build_filename (fixture->dir, "vault.rvault", NULL);
  fixture->backup_path = g_build_filename (fixture->dir, "backup.rvault", NULL);
  fixture->password = rv_secret_new_from_string ("vault password");
  fixture->backup_password = rv_secret_new_from_string ("backup password");
  fixture->vault = rv_vault_create (fixture->vault_path, fixture->password, &error);
  g_assert_no_error (error);

  account = add_account (fixture->vault, RV_OTP_KIND_TOTP, "PyPI", "alice", "JBSWY3DPEHPK3PXP", 8);
  rv_account_set_tags (account, tags);
  rv_account_set_notes (account, "security key in the drawer");
  add_account (fixture->vault, RV_OTP_KIND_HOTP, "GitHub", "alice",
               "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 16);
  add_account (fixture->vault, RV_OTP_KIND_NONE, "Bank", "1234", NULL, 3);

  request = rv_request_record_new ();
  g_free (request->id);
  request->id = g_strdup ("req-1");
  request->service_name = g_strdup ("PyPI");
  request->draft = g_strdup ("Hello, I lost my device.");
  request->created_at = 5000;
  rv_vault_add_request (fixture->vault, request);

  g_assert_true (rv_vault_save (fixture->vault, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->vault != NULL)
    rv_vault_close (fixture->vault);
  g_clear_object (&fixture->vault);
  rv_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->vault_path);
  g_free (fixture->backup_path);
  rv_secret_free (fixture->password);
  rv_secret_free (fixture->backup_password);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (listing) != NULL)
    n++;
  return n;
}

static void
assert_no_scratch (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_assert_false (g_str_has_prefix (name, ".rvault-backup-"));
      g_assert_false (g_str_has_prefix (name, "backup.rvault."));
    }
}

static RvAccount *find_by_issuer (RvVault    *vault,
                                  const char *issuer);

static GBytes *
read_file (const char *path)
{
  char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_bytes_new_take (contents, len);
}

static void
export_backup (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rv_backup_export (fixture->vault, fixture->backup_path,
                                   fixture->backup_password, NULL, &error));
  g_assert_no_error (error);
}

static void
test_export_verify (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(RvBackupReport) report = { 0 };
  g_auto(RvBackupInfo) info = { 0 };
  g_autoptr(GError) error = NULL;
  RvBackupState *state = rv_vault_get_backup_state (fixture->vault);
  gint64 before = rv_now ();
  const char * const issuers[] = { "Bank", "GitHub", "PyPI", NULL };

  g_assert_cmpint (state->exported_at, ==, 0);
  /* What an export interrupted two days ago left behind, and one running now. */
  {
    g_autofree char *stale = g_build_filename (fixture->dir, ".rvault-backup-AAAAAA", NULL);
    g_autofree char *stale_file = g_build_filename (stale, "backup.rvault", NULL);
    g_autofree char *busy = g_build_filename (fixture->dir, ".rvault-backup-BBBBBB", NULL);
    struct utimbuf old = { .actime = before - 2 * 86400, .modtime = before - 2 * 86400 };

    g_assert_cmpint (g_mkdir (stale, 0700), ==, 0);
    g_assert_true (g_file_set_contents (stale_file, "x", -1, NULL));
    g_assert_cmpint (g_utime (stale, &old), ==, 0);
    g_assert_cmpint (g_mkdir (busy, 0700), ==, 0);
  }
  g_assert_true (rv_backup_export (fixture->vault, fixture->backup_path,
                                   fixture->backup_password, &report, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (report.n_accounts, ==, 3);
  g_assert_cmpuint (report.n_recovery_codes, ==, 27);
  g_assert_cmpuint (report.n_requests, ==, 1);
  g_assert_cmpint (report.verified_at, >=, before);
  g_assert_cmpstr (report.path, ==, fixture->backup_path);

  g_assert_cmpint (state->exported_at, >=, before);
  g_assert_cmpint (state->verified_at, ==, state->exported_at);
  g_assert_cmpstr (state->export_path, ==, fixture->backup_path);
  g_assert_false (rv_vault_is_dirty (fixture->vault));
  /* No scratch folder, lock or previous generation is left beside the backup;
   * the stale scratch folder is gone, the busy one stays. */
  g_assert_true (g_file_test (fixture->backup_path, G_FILE_TEST_IS_REGULAR));
  {
    g_autofree char *busy = g_build_filename (fixture->dir, ".rvault-backup-BBBBBB", NULL);

    g_assert_true (g_file_test (busy, G_FILE_TEST_IS_DIR));
    g_assert_cmpint (g_rmdir (busy), ==, 0);
  }
  assert_no_scratch (fixture->dir);

  g_assert_true (rv_backup_verify (fixture->backup_path, fixture->backup_password, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (info.n_accounts, ==, 3);
  g_assert_cmpuint (info.n_otp_accounts, ==, 2);
  g_assert_cmpuint (info.n_recovery_codes, ==, 27);
  g_assert_cmpuint (info.n_unused_recovery_codes, ==, 24);
  g_assert_cmpuint (info.n_requests, ==, 1);
  g_assert_true (g_strv_equal ((const char * const *) info.issuers, issuers));
  g_assert_cmpint (info.written_at, >=, before);
  g_assert_cmpint (info.size, >, 0);
}

static void
test_backup_password_differs (Fixture       *fixture,
                              gconstpointer  data)
{
  g_auto(RvBackupInfo) info = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVault) as_vault = NULL;

  export_backup (fixture);

  /* The vault's own password does not open the backup. */
  g_assert_false (rv_backup_verify (fixture->backup_path, fixture->password, &info, &error));
  g_assert_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_WRONG_PASSWORD);
  g_assert_cmpuint (info.n_accounts, ==, 0);
  g_clear_error (&error);

  g_assert_null (rv_backup_open (fixture->backup_path, fixture->password, &error));
  g_assert_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);

  g_assert_false (rv_backup_verify (fixture->vault_path, fixture->backup_password, NULL, &error));
  g_assert_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_WRONG_PASSWORD);
}

static void
test_export_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvSecret) empty = rv_secret_new (0);
  g_autofree char *missing = g_build_filename (fixture->dir, "no", "such", "backup.rvault", NULL);
  RvBackupState *state = rv_vault_get_backup_state (fixture->vault);

  g_assert_false (rv_backup_export (fixture->vault, fixture->backup_path, empty, NULL, &error));
  g_assert_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (rv_backup_export (fixture->vault, fixture->dir, fixture->backup_password, NULL,
                                    &error));
  g_assert_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (rv_backup_export (fixture->vault, missing, fixture->backup_password, NULL,
                                    &error));
  g_assert_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_IO);
  g_clear_error (&error);

  /* Never over the vault itself, whatever the spelling, nor its previous generation. */
  {
    g_autofree char *dotted = g_build_filename (fixture->dir, ".", "vault.rvault", NULL);
    g_autofree char *prev = rv_vault_get_previous_generation_path (fixture->vault_path);
    g_autoptr(RvVault) still = NULL;

    g_assert_false (rv_backup_export (fixture->vault, dotted, fixture->backup_password, NULL,
                                      &error));
    g_assert_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_true (rv_vault_save (fixture->vault, &error));
    g_assert_true (g_file_test (prev, G_FILE_TEST_EXISTS));
    g_assert_false (rv_backup_export (fixture->vault, prev, fixture->backup_password, NULL,
                                      &error));
    g_assert_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_INVALID);
    g_clear_error (&error);
    still = rv_vault_open (fixture->vault_path, fixture->password, &error);
    g_assert_no_error (error);
    rv_vault_close (still);
  }

  g_assert_cmpint (state->exported_at, ==, 0);
  g_assert_null (state->export_path);
}

/* What the export's comparison catches: one field, one code, one request. */
static void
test_compare (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(RvVault) copy = NULL;
  g_autoptr(GError) error = NULL;
  RvAccount *account;
  RvRequestRecord *request;

  export_backup (fixture);
  copy = rv_backup_open (fixture->backup_path, fixture->backup_password, &error);
  g_assert_no_error (error);
  g_assert_true (rv_backup_compare (fixture->vault, copy, &error));
  g_assert_no_error (error);

  account = find_by_issuer (copy, "GitHub");
  g_assert_true (rv_account_mark_recovery_code_used (account, 5, 12345, NULL));
  g_assert_false (rv_backup_compare (fixture->vault, copy, &error));
  g_assert_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_MISMATCH);
  g_assert_nonnull (strstr (error->message, "GitHub (alice)"));
  g_assert_null (strstr (error->message, "GitHub-code"));
  g_clear_error (&error);
  g_clear_object (&copy);

  copy = rv_backup_open (fixture->backup_path, fixture->backup_password, &error);
  request = g_ptr_array_index (rv_vault_get_requests (copy), 0);
  request->status = RV_REQUEST_STATUS_SUBMITTED;
  g_assert_false (rv_backup_compare (fixture->vault, copy, &error));
  g_assert_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_MISMATCH);
  g_clear_error (&error);
  g_clear_object (&copy);

  copy = rv_backup_open (fixture->backup_path, fixture->backup_password, &error);
  g_assert_true (rv_vault_remove_account (copy, find_by_issuer (copy, "Bank")));
  g_assert_false (rv_backup_compare (fixture->vault, copy, &error));
  g_assert_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_MISMATCH);
}

static void
test_verify_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvSecret) password = rv_secret_new_from_string ("x");

  g_assert_false (rv_backup_verify ("/nonexistent/backup.rvault", password, NULL, &error));
  g_assert_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (rv_backup_verify (g_get_tmp_dir (), password, NULL, &error));
  g_assert_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_INVALID);
}

static void
test_flipped_bytes (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GBytes) good = NULL;
  g_autoptr(GBytes) vault_before = NULL;
  g_autofree char *damaged = g_build_filename (fixture->dir, "damaged.rvault", NULL);
  gsize size;

  export_backup (fixture);
  good = read_file (fixture->backup_path);
  vault_before = read_file (fixture->vault_path);
  size = g_bytes_get_size (good);

  /* The magic, the header, the slot, the payload and the checksum. */
  for (guint i = 0; i < 8; i++)
    {
      gsize offsets[] = { 0, 9, 30, 60, 120, size / 2, size - 40, size - 1 };
      g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (good, NULL), size);
      g_autoptr(GError) error = NULL;
      g_auto(RvBackupInfo) info = { 0 };
      g_autoptr(RvVault) opened = NULL;
      g_autoptr(GBytes) vault_after = NULL;

      copy[offsets[i]] ^= 0x01;
      g_assert_true (g_file_set_contents (damaged, (char *) copy, (gssize) size, NULL));

      g_assert_false (rv_backup_verify (damaged, fixture->backup_password, &info, &error));
      g_assert_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_DAMAGED);
      g_assert_nonnull (strstr (error->message, "damaged"));
      g_assert_cmpuint (info.n_accounts, ==, 0);
      g_clear_error (&error);

      opened = rv_backup_open (damaged, fixture->backup_password, &error);
      g_assert_null (opened);
      g_assert_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_DAMAGED);

      /* Nothing was imported: the vault in memory and on disk is as before. */
      g_assert_cmpuint (g_list_model_get_n_items (rv_vault_get_accounts (fixture->vault)), ==, 3);
      vault_after = read_file (fixture->vault_path);
      g_assert_true (g_bytes_equal (vault_before, vault_after));
    }

  /* Truncated */
  g_assert_true (g_file_set_contents (damaged, g_bytes_get_data (good, NULL),
                                      (gssize) size / 2, NULL));
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (rv_backup_verify (damaged, fixture->backup_password, NULL, &error));
    g_assert_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_DAMAGED);
  }
}

static void
test_verify_leaves_file_alone (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  guint n_files;

  export_backup (fixture);
  before = read_file (fixture->backup_path);
  n_files = count_files (fixture->dir);
  g_assert_true (rv_backup_verify (fixture->backup_path, fixture->backup_password, NULL, &error));
  g_assert_no_error (error);
  after = read_file (fixture->backup_path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpuint (count_files (fixture->dir), ==, n_files);
}

static RvAccount *
find_by_issuer (RvVault    *vault,
                const char *issuer)
{
  GListModel *accounts = rv_vault_get_accounts (vault);

  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (accounts, i);

      if (g_strcmp0 (rv_account_get_issuer (account), issuer) == 0)
        return account;
    }
  return NULL;
}

/* After a backup: GitHub removed, PyPI edited, npm added. */
static void
diverge (Fixture *fixture)
{
  RvAccount *pypi = find_by_issuer (fixture->vault, "PyPI");
  g_autoptr(GError) error = NULL;

  g_assert_true (rv_vault_remove_account (fixture->vault, find_by_issuer (fixture->vault,
                                                                            "GitHub")));
  rv_account_set_notes (pypi, "edited");
  g_assert_true (rv_account_mark_recovery_code_used (pypi, 3, 3000, NULL));
  add_account (fixture->vault, RV_OTP_KIND_TOTP, "npm", "alice", "MFRGGZDFMZTWQ2LK", 0);
  g_assert_true (rv_vault_save (fixture->vault, &error));
  g_assert_no_error (error);
}

static void
assert_vault_matches_backup (RvVault *vault,
                             RvVault *backup)
{
  GListModel *theirs = rv_vault_get_accounts (backup);

  for (guint i = 0; i < g_list_model_get_n_items (theirs); i++)
    {
      g_autoptr(RvAccount) incoming = g_list_model_get_item (theirs, i);
      RvAccount *current = rv_vault_find_account_by_id (vault, rv_account_get_id (incoming));

      g_assert_nonnull (current);
      g_assert_true (rv_backup_accounts_same_content (current, incoming));
    }
}

static void
test_restore_merge (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(RvVault) backup = NULL;
  g_autoptr(RvRestorePlan) plan = NULL;
  g_autoptr(RvVault) reopened = NULL;
  g_autoptr(GError) error = NULL;

  export_backup (fixture);
  diverge (fixture);

  backup = rv_backup_open (fixture->backup_path, fixture->backup_password, &error);
  g_assert_no_error (error);
  plan = rv_backup_plan_restore (fixture->vault, backup, RV_RESTORE_MERGE);
  g_assert_cmpuint (plan->n_added, ==, 1);       /* GitHub */
  g_assert_cmpuint (plan->n_updated, ==, 1);     /* PyPI */
  g_assert_cmpuint (plan->n_unchanged, ==, 1);   /* Bank */
  g_assert_cmpuint (plan->n_removed, ==, 0);     /* npm stays */
  g_assert_cmpuint (plan->n_requests_added, ==, 0);
  g_assert_cmpuint (plan->items->len, ==, 3);

  /* Planning changes nothing. */
  g_assert_cmpuint (g_list_model_get_n_items (rv_vault_get_accounts (fixture->vault)), ==, 3);
  g_assert_cmpstr (rv_account_get_notes (find_by_issuer (fixture->vault, "PyPI")), ==, "edited");

  g_assert_true (rv_backup_apply_restore (fixture->vault, plan, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rv_vault_get_accounts (fixture->vault)), ==, 4);
  assert_vault_matches_backup (fixture->vault, backup);
  g_assert_nonnull (find_by_issuer (fixture->vault, "npm"));

  /* Saved: a fresh open sees the same. */
  rv_vault_close (fixture->vault);
  g_clear_object (&fixture->vault);
  reopened = rv_vault_open (fixture->vault_path, fixture->password, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rv_vault_get_accounts (reopened)), ==, 4);
  assert_vault_matches_backup (reopened, backup);

  /* Restoring again changes nothing. */
  g_clear_pointer (&plan, rv_restore_plan_free);
  plan = rv_backup_plan_restore (reopened, backup, RV_RESTORE_MERGE);
  g_assert_cmpuint (plan->n_unchanged, ==, 3);
  g_assert_cmpuint (plan->n_added + plan->n_updated + plan->n_removed, ==, 0);
  rv_vault_close (reopened);
}

static void
test_restore_replace (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(RvVault) backup = NULL;
  g_autoptr(RvRestorePlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  RvRequestRecord *request;

  export_backup (fixture);
  diverge (fixture);

  backup = rv_backup_open (fixture->backup_path, fixture->backup_password, &error);
  g_assert_no_error (error);
  /* A request only in the backup is brought back. */
  request = rv_request_record_new ();
  g_free (request->id);
  request->id = g_strdup ("req-2");
  request->service_name = g_strdup ("GitHub");
  rv_vault_add_request (backup, request);

  plan = rv_backup_plan_restore (fixture->vault, backup, RV_RESTORE_REPLACE);
  g_assert_cmpuint (plan->n_added, ==, 1);
  g_assert_cmpuint (plan->n_updated, ==, 1);
  g_assert_cmpuint (plan->n_unchanged, ==, 1);
  g_assert_cmpuint (plan->n_removed, ==, 1);     /* npm */
  g_assert_cmpuint (plan->n_requests_added, ==, 1);
  for (guint i = 0; i < plan->items->len; i++)
    {
      RvRestoreItem *item = g_ptr_array_index (plan->items, i);

      if (item->action == RV_RESTORE_REMOVE)
        g_assert_cmpstr (rv_account_get_issuer (item->current), ==, "npm");
      g_assert_nonnull (rv_restore_action_to_string (item->action));
    }

  g_assert_true (rv_backup_apply_restore (fixture->vault, plan, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rv_vault_get_accounts (fixture->vault)), ==, 3);
  assert_vault_matches_backup (fixture->vault, backup);
  g_assert_null (find_by_issuer (fixture->vault, "npm"));
  g_assert_cmpuint (rv_vault_get_requests (fixture->vault)->len, ==, 2);
  rv_vault_close (backup);
}

/* An account added again by hand (new id, same secret) is matched, not
 * duplicated. */
static void
test_restore_matches_identity (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(RvVault) backup = NULL;
  g_autoptr(RvRestorePlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  export_backup (fixture);
  g_assert_true (rv_vault_remove_account (fixture->vault, find_by_issuer (fixture->vault,
                                                                            "GitHub")));
  add_account (fixture->vault, RV_OTP_KIND_HOTP, "GitHub", "alice",
               "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 0);

  backup = rv_backup_open (fixture->backup_path, fixture->backup_password, &error);
  g_assert_no_error (error);
  plan = rv_backup_plan_restore (fixture->vault, backup, RV_RESTORE_MERGE);
  g_assert_cmpuint (plan->n_added, ==, 0);
  g_assert_cmpuint (plan->n_updated, ==, 1);
  g_assert_cmpuint (plan->n_unchanged, ==, 2);
  g_assert_true (rv_backup_apply_restore (fixture->vault, plan, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rv_vault_get_accounts (fixture->vault)), ==, 3);
  g_assert_cmpuint (rv_account_get_n_recovery_codes (find_by_issuer (fixture->vault, "GitHub")),
                    ==, 16);
  rv_vault_close (backup);
}

static void
on_export_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  RvBackupReport *report = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (rv_backup_export_finish (RV_VAULT (source), result, report, &error));
  g_assert_no_error (error);
}

static void
on_verify_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  RvBackupInfo *info = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_false (rv_backup_verify_finish (result, info, &error));
  g_assert_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_WRONG_PASSWORD);
  info->n_requests = G_MAXUINT;   /* done */
}

static void
on_open_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  RvVault **backup = user_data;
  g_autoptr(GError) error = NULL;

  *backup = rv_backup_open_finish (result, &error);
  g_assert_no_error (error);
}

static void
on_export_cancelled (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_false (rv_backup_export_finish (RV_VAULT (source), result, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  *done = TRUE;
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_auto(RvBackupReport) report = { 0 };
  g_auto(RvBackupInfo) info = { 0 };

  /* Cancelled before it started: nothing written, nothing recorded. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    gboolean done = FALSE;

    g_cancellable_cancel (cancellable);
    rv_backup_export_async (fixture->vault, fixture->backup_path, fixture->backup_password,
                            cancellable, on_export_cancelled, &done);
    while (!done)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (g_file_test (fixture->backup_path, G_FILE_TEST_EXISTS));
    g_assert_cmpint (rv_vault_get_backup_state (fixture->vault)->exported_at, ==, 0);
  }

  rv_backup_export_async (fixture->vault, fixture->backup_path, fixture->backup_password, NULL,
                          on_export_done, &report);
  while (report.path == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (report.n_accounts, ==, 3);

  rv_backup_verify_async (fixture->backup_path, fixture->password, NULL, on_verify_done, &info);
  while (info.n_requests != G_MAXUINT)
    g_main_context_iteration (NULL, TRUE);

  {
    g_autoptr(RvVault) backup = NULL;

    rv_backup_open_async (fixture->backup_path, fixture->backup_password, NULL, on_open_done,
                          &backup);
    while (backup == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (g_list_model_get_n_items (rv_vault_get_accounts (backup)), ==, 3);
    rv_vault_close (backup);
  }
}

static void
on_export_after_close (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  /* The backup was written from the snapshot; only recording it fails. */
  g_assert_false (rv_backup_export_finish (RV_VAULT (source), result, NULL, &error));
  g_assert_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "closed"));
  *done = TRUE;
}

/* The worker writes a snapshot taken when the export starts: the vault may
 * change and even be locked (wiped) meanwhile without touching the backup. */
static void
test_async_snapshot (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(RvBackupInfo) info = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  rv_backup_export_async (fixture->vault, fixture->backup_path, fixture->backup_password, NULL,
                          on_export_after_close, &done);
  add_account (fixture->vault, RV_OTP_KIND_TOTP, "Later", "me", "JBSWY3DPEHPK3PXP", 0);
  rv_vault_close (fixture->vault);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (rv_backup_verify (fixture->backup_path, fixture->backup_password, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (info.n_accounts, ==, 3);
}

static void
test_auto_rotation (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "auto", NULL);
  g_autofree char *foreign = g_build_filename (folder, "notes.txt", NULL);
  g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  RvBackupState *state = rv_vault_get_backup_state (fixture->vault);

  g_assert_null (rv_backup_auto (fixture->vault, folder, 0, &error));
  g_assert_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_INVALID);
  g_clear_error (&error);

  for (guint i = 0; i < 6; i++)
    {
      char *path;

      add_account (fixture->vault, RV_OTP_KIND_TOTP, "Site", "user", "JBSWY3DPEHPK3PXP", 0);
      /* The vault is dirty: rv_backup_auto() saves it first. */
      path = rv_backup_auto (fixture->vault, folder, 3, &error);
      g_assert_no_error (error);
      g_assert_nonnull (path);
      g_ptr_array_add (made, path);
      g_assert_cmpstr (state->export_path, ==, path);
      g_assert_cmpint (state->exported_at, >, 0);

      if (i == 0)
        g_assert_true (g_file_set_contents (foreign, "mine", -1, NULL));

      /* The copy opens with the vault password and holds the accounts. */
      {
        g_auto(RvBackupInfo) info = { 0 };

        g_assert_true (rv_backup_verify (path, fixture->password, &info, &error));
        g_assert_no_error (error);
        g_assert_cmpuint (info.n_accounts, ==, 4 + i);
      }
    }

  listed = rv_backup_list_auto (folder, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (g_ptr_array_index (listed, i), ==, g_ptr_array_index (made, 5 - i));
  for (guint i = 0; i < 3; i++)
    g_assert_false (g_file_test (g_ptr_array_index (made, i), G_FILE_TEST_EXISTS));
  /* Files we did not write are never rotated away. */
  g_assert_true (g_file_test (foreign, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (folder), ==, 4);
  g_assert_false (rv_vault_is_dirty (fixture->vault));
}

static void
on_auto_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **path = user_data;
  g_autoptr(GError) error = NULL;

  *path = rv_backup_auto_finish (RV_VAULT (source), result, &error);
  g_assert_no_error (error);
}

static void
test_auto_async (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "auto", NULL);
  g_autofree char *path = NULL;

  rv_backup_auto_async (fixture->vault, folder, 2, NULL, on_auto_done, &path);
  while (path == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (rv_vault_get_backup_state (fixture->vault)->export_path, ==, path);
}

static void
on_found (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GStrv *found = user_data;
  g_autoptr(GError) error = NULL;

  *found = rv_vault_find_old_backups_finish (RV_VAULT (source), result, &error);
  g_assert_no_error (error);
}

/* After a password change: the copies that still open with the old one are
 * named (in a thread), and only automatic backups in the folder, never a
 * link or another file, are deleted when they are replaced. */
static void
test_auto_old_copies (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "auto", NULL);
  g_autofree char *elsewhere = g_build_filename (fixture->dir, "elsewhere.rvault", NULL);
  g_autofree char *link = g_build_filename (folder, "recovery-vault-20200101-000000.rvault", NULL);
  g_autofree char *mine = g_build_filename (folder, "my-copy.rvault", NULL);
  g_autoptr(RvSecret) new_password = rv_secret_new_from_string ("a new vault password");
  g_autoptr(GError) error = NULL;
  g_autofree char *old = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) found = NULL;
  g_auto(GStrv) again = NULL;
  gsize len;

  old = rv_backup_auto (fixture->vault, folder, 5, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (old, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (elsewhere, contents, len, NULL));
  g_assert_true (g_file_set_contents (mine, contents, len, NULL));
  g_assert_cmpint (symlink (elsewhere, link), ==, 0);
  g_assert_true (rv_vault_change_password (fixture->vault, fixture->password, new_password,
                                           &error));
  g_assert_no_error (error);

  rv_vault_find_old_backups_async (fixture->vault, fixture->password, folder, NULL, on_found,
                                   &found);
  while (found == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_strv_contains ((const char * const *) found, old));
  g_assert_true (g_strv_contains ((const char * const *) found, mine));

  g_assert_cmpuint (rv_backup_auto_remove (folder, (const char * const *) found, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_false (g_file_test (old, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (mine, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_test (elsewhere, G_FILE_TEST_IS_REGULAR));

  /* The replacement opens with the new password only. */
  fresh = rv_backup_auto (fixture->vault, folder, 5, &error);
  g_assert_no_error (error);
  rv_vault_find_old_backups_async (fixture->vault, fixture->password, folder, NULL, on_found,
                                   &again);
  while (again == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (g_strv_contains ((const char * const *) again, fresh));
  g_assert_true (g_strv_contains ((const char * const *) again, mine));
}

static void
test_auto_names (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "auto", NULL);
  g_autofree char *future = NULL;
  g_autofree char *odd = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GPtrArray) listed = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  /* A backup with a later time stamp (clock set back): ours still sorts newest. */
  future = g_build_filename (folder, "recovery-vault-29991231-235959.rvault", NULL);
  odd = g_build_filename (folder, "recovery-vault-2024.rvault", NULL);
  g_assert_true (g_file_set_contents (future, "x", -1, NULL));
  g_assert_true (g_file_set_contents (odd, "x", -1, NULL));

  path = rv_backup_auto (fixture->vault, folder, 1, &error);
  g_assert_no_error (error);
  base = g_path_get_basename (path);
  g_assert_cmpstr (base, ==, "recovery-vault-29991231-235959-1.rvault");
  g_assert_false (g_file_test (future, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (odd, G_FILE_TEST_EXISTS));

  listed = rv_backup_list_auto (folder, &error);
  g_assert_cmpuint (listed->len, ==, 1);
}

/* One verification for every front end: the latest backup is recorded in
 * the vault and saved; any other file is verified but not recorded. */
static void
test_verify_and_record (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *other = g_build_filename (fixture->dir, "other.rvault", NULL);
  RvBackupState *state = rv_vault_get_backup_state (fixture->vault);
  g_auto(RvBackupInfo) info = { 0 };
  g_auto(RvBackupInfo) other_info = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVault) reopened = NULL;

  g_assert_true (rv_vault_save_copy (fixture->vault, other, fixture->backup_password, &error));
  export_backup (fixture);
  state->verified_at = 1;
  g_assert_true (rv_vault_save (fixture->vault, &error));

  g_assert_true (rv_backup_verify_and_record (fixture->vault, other, fixture->backup_password,
                                              &other_info, &error));
  g_assert_no_error (error);
  g_assert_false (other_info.recorded);
  g_assert_cmpint (state->verified_at, ==, 1);

  g_assert_true (rv_backup_verify_and_record (fixture->vault, fixture->backup_path,
                                              fixture->backup_password, &info, &error));
  g_assert_no_error (error);
  g_assert_true (info.recorded);
  g_assert_cmpuint (info.n_accounts, ==, 3);
  g_assert_cmpint (state->verified_at, >=, rv_now () - 60);
  g_assert_false (rv_vault_is_dirty (fixture->vault));

  /* Saved, not only in memory. */
  reopened = rv_vault_open (fixture->vault_path, fixture->password, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rv_vault_get_backup_state (reopened)->verified_at, ==, state->verified_at);
  rv_vault_close (reopened);
}

static void
on_verify_recorded (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  RvBackupInfo *info = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (rv_backup_verify_and_record_finish (RV_VAULT (source), result, info, &error));
  g_assert_no_error (error);
}

static void
test_verify_and_record_async (Fixture       *fixture,
                              gconstpointer  data)
{
  RvBackupState *state = rv_vault_get_backup_state (fixture->vault);
  g_auto(RvBackupInfo) info = { 0 };

  export_backup (fixture);
  state->verified_at = 1;
  rv_backup_verify_and_record_async (fixture->vault, fixture->backup_path,
                                     fixture->backup_password, NULL, on_verify_recorded, &info);
  while (info.path == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (info.recorded);
  g_assert_cmpint (state->verified_at, >, 1);
  g_assert_false (rv_vault_is_dirty (fixture->vault));
}

/* A link planted in place of the export's scratch folder (a shared folder,
 * between the check and the cleanup): the folder it points to survives. */
static void
test_scratch_symlink (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *victim = g_build_filename (fixture->dir, "victim", NULL);
  g_autofree char *kept = g_build_filename (victim, "precious.txt", NULL);
  g_autofree char *link = g_build_filename (fixture->dir, ".rvault-backup-planted", NULL);
  g_autofree char *stale = g_build_filename (fixture->dir, ".rvault-backup-stale", NULL);
  g_autofree char *stale_file = g_build_filename (stale, "backup.rvault", NULL);
  struct timespec old[2] = { { 1000, 0 }, { 1000, 0 } };

  g_assert_cmpint (g_mkdir (victim, 0700), ==, 0);
  g_assert_true (g_file_set_contents (kept, "1234 5678", -1, NULL));
  g_assert_cmpint (symlink (victim, link), ==, 0);
  g_assert_cmpint (utimensat (AT_FDCWD, link, old, AT_SYMLINK_NOFOLLOW), ==, 0);
  g_assert_cmpint (utimensat (AT_FDCWD, victim, old, 0), ==, 0);

  g_assert_false (rv_backup_remove_scratch (link));
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_REGULAR));

  /* A real stale scratch folder goes; the link and its target stay. */
  g_assert_cmpint (g_mkdir (stale, 0700), ==, 0);
  g_assert_true (g_file_set_contents (stale_file, "x", -1, NULL));
  g_assert_cmpint (utimensat (AT_FDCWD, stale, old, 0), ==, 0);
  rv_backup_remove_stale_scratch (fixture->dir);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));

  /* And an export into that folder still works and leaves them alone. */
  export_backup (fixture);
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_REGULAR));
}

/* The automatic-backup policy */

static void
on_backup_finished (RvBackupScheduler *scheduler,
                    const char        *path,
                    const GError      *error,
                    guint             *n_finished)
{
  g_assert_no_error ((GError *) error);
  g_assert_nonnull (path);
  (*n_finished)++;
}

static guint
count_auto (const char *folder)
{
  g_autoptr(GPtrArray) files = rv_backup_list_auto (folder, NULL);

  return files != NULL ? files->len : 0;
}

/* A burst of saved changes makes one automatic backup, once quiet. */
static void
test_scheduler (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "auto", NULL);
  g_autoptr(RvBackupScheduler) scheduler = rv_backup_scheduler_new (fixture->vault);
  g_autoptr(GError) error = NULL;
  guint n_finished = 0;

  g_signal_connect (scheduler, "backup-finished", G_CALLBACK (on_backup_finished), &n_finished);
  g_object_set (scheduler, "enabled", TRUE, "folder", folder, "keep", 3, "delay", 1, NULL);
  g_assert_true (rv_backup_scheduler_is_active (scheduler));

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *issuer = g_strdup_printf ("Burst %u", i);

      add_account (fixture->vault, RV_OTP_KIND_NONE, issuer, "alice", NULL, 0);
      /* The one save of every widget reaches the scheduler. */
      g_assert_true (rv_backup_save (fixture->vault, &error));
      g_assert_no_error (error);
      g_assert_false (rv_vault_is_dirty (fixture->vault));
      g_assert_true (rv_backup_scheduler_get_pending (scheduler));
    }
  g_assert_cmpuint (count_auto (folder), ==, 0);
  while (n_finished == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (count_auto (folder), ==, 1);
  g_assert_false (rv_backup_scheduler_get_pending (scheduler));
  g_assert_cmpstr (rv_vault_get_backup_state (fixture->vault)->export_path, !=, NULL);

  /* Saving again without a change makes no copy; a flush after a change
   * makes one at once. */
  g_assert_true (rv_backup_scheduler_flush (scheduler, &error));
  g_assert_cmpuint (count_auto (folder), ==, 1);
  add_account (fixture->vault, RV_OTP_KIND_NONE, "Late", "alice", NULL, 0);
  g_assert_true (rv_backup_scheduler_flush (scheduler, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_auto (folder), ==, 2);
  g_assert_cmpuint (n_finished, ==, 2);
}

/* Off, or on without a folder: saves, never copies. */
static void
test_scheduler_inactive (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(RvBackupScheduler) scheduler = rv_backup_scheduler_new (fixture->vault);
  g_autoptr(GError) error = NULL;

  g_object_set (scheduler, "enabled", TRUE, "folder", "", "delay", 0, NULL);
  g_assert_false (rv_backup_scheduler_is_active (scheduler));
  add_account (fixture->vault, RV_OTP_KIND_NONE, "Offline", "alice", NULL, 0);
  g_assert_true (rv_backup_save (fixture->vault, &error));
  g_assert_false (rv_vault_is_dirty (fixture->vault));
  g_assert_true (rv_backup_scheduler_flush (scheduler, &error));
  g_assert_no_error (error);
  g_assert_null (rv_vault_get_backup_state (fixture->vault)->export_path);

  /* Without a scheduler, rv_backup_save is a plain save. */
  g_clear_object (&scheduler);
  add_account (fixture->vault, RV_OTP_KIND_NONE, "Plain", "alice", NULL, 0);
  g_assert_true (rv_backup_save (fixture->vault, &error));
  g_assert_false (rv_vault_is_dirty (fixture->vault));
}

static gboolean
health_has (RvVault      *vault,
            RvHealthKind  kind)
{
  g_autoptr(GPtrArray) warnings = NULL;
  RvHealthPolicy policy;

  rv_health_policy_init (&policy);
  warnings = rv_health_check (vault, &policy);
  for (guint i = 0; i < warnings->len; i++)
    if (((RvHealthWarning *) g_ptr_array_index (warnings, i))->kind == kind)
      return TRUE;
  return FALSE;
}

/* A restore that makes the vault exactly the backup leaves nothing changed
 * since that backup; one that keeps other accounts does not. */
static void
test_restore_identical (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(RvVault) backup = NULL;
  g_autoptr(RvRestorePlan) merge = NULL;
  g_autoptr(RvRestorePlan) replace = NULL;
  g_autoptr(GError) error = NULL;

  export_backup (fixture);
  /* The export was a minute ago (times are in seconds). */
  rv_vault_get_backup_state (fixture->vault)->exported_at -= 60;
  diverge (fixture);
  g_assert_true (rv_vault_save (fixture->vault, &error));
  g_assert_true (health_has (fixture->vault, RV_HEALTH_CHANGED_SINCE_BACKUP));

  backup = rv_backup_open (fixture->backup_path, fixture->backup_password, &error);
  g_assert_no_error (error);
  merge = rv_backup_plan_restore (fixture->vault, backup, RV_RESTORE_MERGE);
  g_assert_true (rv_backup_apply_restore (fixture->vault, merge, &error));
  g_assert_no_error (error);
  g_assert_true (health_has (fixture->vault, RV_HEALTH_CHANGED_SINCE_BACKUP));

  replace = rv_backup_plan_restore (fixture->vault, backup, RV_RESTORE_REPLACE);
  g_assert_true (rv_backup_apply_restore (fixture->vault, replace, &error));
  g_assert_no_error (error);
  g_assert_false (health_has (fixture->vault, RV_HEALTH_CHANGED_SINCE_BACKUP));
  g_assert_false (rv_vault_is_dirty (fixture->vault));
  rv_vault_close (backup);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/backup/export-verify", test_export_verify);
  ADD ("/backup/password-differs", test_backup_password_differs);
  ADD ("/backup/export-refused", test_export_refused);
  g_test_add_func ("/backup/verify-missing", test_verify_missing);
  ADD ("/backup/compare", test_compare);
  ADD ("/backup/flipped-bytes", test_flipped_bytes);
  ADD ("/backup/verify-leaves-file-alone", test_verify_leaves_file_alone);
  ADD ("/backup/verify-and-record", test_verify_and_record);
  ADD ("/backup/verify-and-record-async", test_verify_and_record_async);
  ADD ("/backup/scratch-symlink", test_scratch_symlink);
  ADD ("/backup/scheduler", test_scheduler);
  ADD ("/backup/restore/identical", test_restore_identical);
  ADD ("/backup/scheduler-inactive", test_scheduler_inactive);
  ADD ("/backup/restore/merge", test_restore_merge);
  ADD ("/backup/restore/replace", test_restore_replace);
  ADD ("/backup/restore/matches-identity", test_restore_matches_identity);
  ADD ("/backup/async", test_async);
  ADD ("/backup/async-snapshot", test_async_snapshot);
  ADD ("/backup/auto/rotation", test_auto_rotation);
  ADD ("/backup/auto/names", test_auto_names);
  ADD ("/backup/auto/async", test_auto_async);
  ADD ("/backup/auto/old-copies", test_auto_old_copies);

#undef ADD

  return g_test_run ();
}
