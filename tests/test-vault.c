/* test-vault.c: the vault: round trips, passwords, model bookkeeping
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>

#include "rv-base32.h"
#include "rv-test-util.h"
#include "rv-vault.h"

typedef struct
{
  char *dir;
  char *path;
  RvSecret *password;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = rv_test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "sub", "vault.rvault", NULL);
  fixture->password = rv_secret_new_from_string ("correct horse battery staple");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  rv_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  rv_secret_free (fixture->password);
}

static RvVault *
create_vault (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  RvVault *vault = rv_vault_create (fixture->path, fixture->password, &error);

  g_assert_no_error (error);
  g_assert_nonnull (vault);
  return vault;
}

static RvVault *
reopen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  RvVault *vault = rv_vault_open (fixture->path, fixture->password, &error);

  g_assert_no_error (error);
  g_assert_nonnull (vault);
  return vault;
}

static RvAccount *
full_account (void)
{
  const char *tags[] = { "work", "python", NULL };
  g_autoptr(RvSecret) secret = rv_secret_new_from_string ("12345678901234567890");
  g_autoptr(RvSecret) code1 = rv_secret_new_from_string ("abcd-efgh-1234");
  g_autoptr(RvSecret) code2 = rv_secret_new_from_string ("ijkl-mnop-5678");
  RvAccount *account = rv_account_new ();

  rv_account_set_id (account, "0b6d4a9c-6f34-4b36-9e3b-2f0f6a9c1d11");
  rv_account_set_issuer (account, "PyPI");
  rv_account_set_name (account, "alice");
  rv_account_set_email (account, "alice@example.org");
  rv_account_set_url (account, "https://pypi.org/account/login/");
  rv_account_set_notes (account, "Notes with ünïcödé\nand a second line");
  rv_account_set_tags (account, tags);
  rv_account_set_kind (account, RV_OTP_KIND_HOTP);
  rv_account_set_algorithm (account, RV_OTP_ALGORITHM_SHA256);
  rv_account_set_digits (account, 8);
  rv_account_set_period (account, 60);
  rv_account_set_counter (account, G_GUINT64_CONSTANT (12345678901));
  rv_account_set_secret (account, secret);
  g_assert_true (rv_account_add_recovery_code (account, code1, 1700000000, 0, NULL));
  g_assert_true (rv_account_add_recovery_code (account, code2, 1700000001, 1700000500, NULL));
  rv_account_set_recovery_issued_at (account, 1699999999);
  rv_account_set_recovery_expected_count (account, 8);
  rv_account_set_recovery_checked_at (account, 1700000600);
  rv_account_set_created (account, 1600000000);
  rv_account_set_updated (account, 1600000001);
  return account;
}

static void
assert_full_account (RvAccount *account)
{
  const char * const *tags = rv_account_get_tags (account);
  const RvRecoveryCode *code;

  g_assert_cmpstr (rv_account_get_id (account), ==, "0b6d4a9c-6f34-4b36-9e3b-2f0f6a9c1d11");
  g_assert_cmpstr (rv_account_get_issuer (account), ==, "PyPI");
  g_assert_cmpstr (rv_account_get_name (account), ==, "alice");
  g_assert_cmpstr (rv_account_get_email (account), ==, "alice@example.org");
  g_assert_cmpstr (rv_account_get_url (account), ==, "https://pypi.org/account/login/");
  g_assert_cmpstr (rv_account_get_notes (account), ==, "Notes with ünïcödé\nand a second line");
  g_assert_cmpuint (g_strv_length ((char **) tags), ==, 2);
  g_assert_cmpstr (tags[0], ==, "work");
  g_assert_cmpstr (tags[1], ==, "python");
  g_assert_cmpint (rv_account_get_kind (account), ==, RV_OTP_KIND_HOTP);
  g_assert_cmpint (rv_account_get_algorithm (account), ==, RV_OTP_ALGORITHM_SHA256);
  g_assert_cmpuint (rv_account_get_digits (account), ==, 8);
  g_assert_cmpuint (rv_account_get_period (account), ==, 60);
  g_assert_cmpuint (rv_account_get_counter (account), ==, G_GUINT64_CONSTANT (12345678901));
  g_assert_cmpstr (rv_secret_get_string (rv_account_get_secret (account)), ==, "12345678901234567890");
  g_assert_cmpuint (rv_account_get_n_recovery_codes (account), ==, 2);
  code = rv_account_get_recovery_code (account, 0);
  g_assert_cmpstr (rv_secret_get_string (code->code), ==, "abcd-efgh-1234");
  g_assert_cmpint (code->added_at, ==, 1700000000);
  g_assert_cmpint (code->used_at, ==, 0);
  code = rv_account_get_recovery_code (account, 1);
  g_assert_cmpstr (rv_secret_get_string (code->code), ==, "ijkl-mnop-5678");
  g_assert_cmpint (code->added_at, ==, 1700000001);
  g_assert_cmpint (code->used_at, ==, 1700000500);
  g_assert_cmpint (rv_account_get_recovery_issued_at (account), ==, 1699999999);
  g_assert_cmpuint (rv_account_get_recovery_expected_count (account), ==, 8);
  g_assert_cmpint (rv_account_get_recovery_checked_at (account), ==, 1700000600);
  g_assert_cmpint (rv_account_get_created (account), ==, 1600000000);
  g_assert_cmpint (rv_account_get_updated (account), ==, 1600000001);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVault) vault = create_vault (fixture);
  g_autoptr(RvAccount) account = full_account ();
  g_autoptr(RvAccount) bare = rv_account_new ();
  g_autoptr(RvVault) back = NULL;
  RvRecoveryRequest *request = rv_recovery_request_new ();
  RvBackupState *backup;
  g_autoptr(RvAccount) first = NULL;
  g_autoptr(RvAccount) second = NULL;
  RvRecoveryRequest *got;
  struct stat st;

  rv_vault_add_account (vault, account);
  rv_vault_add_account (vault, bare);
  g_free (request->id);
  request->id = g_strdup ("req-1");
  request->account_id = g_strdup (rv_account_get_id (account));
  request->service_name = g_strdup ("PyPI");
  request->provider_id = g_strdup ("pypi");
  request->draft = g_strdup ("Dear PyPI admins,\nI lost my phone.");
  request->created_at = 1700001000;
  request->submitted_at = 1700002000;
  request->status = RV_REQUEST_STATUS_WAITING;
  request->ticket_url = g_strdup ("https://github.com/pypi/support/issues/1");
  request->follow_up_at = 1700003000;
  rv_vault_add_request (vault, request);
  backup = rv_vault_get_backup_state (vault);
  backup->changed_at = 1700004000;
  backup->exported_at = 1700005000;
  backup->export_path = g_strdup ("/media/usb/backup.rvault");
  backup->verified_at = 1700006000;
  backup->password_entered_at = 1700007000;
  g_assert_true (rv_vault_is_dirty (vault));

  rv_vault_save (vault, &error);
  g_assert_no_error (error);
  g_assert_false (rv_vault_is_dirty (vault));

  g_assert_cmpint (stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  {
    g_autofree char *folder = g_path_get_dirname (fixture->path);

    g_assert_cmpint (stat (folder, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  }

  back = reopen (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (rv_vault_get_accounts (back)), ==, 2);
  first = g_list_model_get_item (rv_vault_get_accounts (back), 0);
  assert_full_account (first);
  second = g_list_model_get_item (rv_vault_get_accounts (back), 1);
  g_assert_cmpstr (rv_account_get_id (second), ==, rv_account_get_id (bare));
  g_assert_cmpint (rv_account_get_kind (second), ==, RV_OTP_KIND_NONE);
  g_assert_null (rv_account_get_secret (second));
  g_assert_null (rv_account_get_issuer (second));
  g_assert_cmpuint (rv_account_get_n_recovery_codes (second), ==, 0);
  g_assert_cmpuint (rv_account_get_digits (second), ==, rv_account_get_digits (bare));

  g_assert_cmpuint (rv_vault_get_requests (back)->len, ==, 1);
  got = g_ptr_array_index (rv_vault_get_requests (back), 0);
  g_assert_cmpstr (got->id, ==, "req-1");
  g_assert_cmpstr (got->account_id, ==, rv_account_get_id (account));
  g_assert_cmpstr (got->service_name, ==, "PyPI");
  g_assert_cmpstr (got->provider_id, ==, "pypi");
  g_assert_cmpstr (got->draft, ==, "Dear PyPI admins,\nI lost my phone.");
  g_assert_cmpint (got->created_at, ==, 1700001000);
  g_assert_cmpint (got->submitted_at, ==, 1700002000);
  g_assert_cmpint (got->status, ==, RV_REQUEST_STATUS_WAITING);
  g_assert_cmpstr (got->ticket_url, ==, "https://github.com/pypi/support/issues/1");
  g_assert_cmpint (got->follow_up_at, ==, 1700003000);

  backup = rv_vault_get_backup_state (back);
  g_assert_cmpint (backup->changed_at, ==, 1700004000);
  g_assert_cmpint (backup->exported_at, ==, 1700005000);
  g_assert_cmpstr (backup->export_path, ==, "/media/usb/backup.rvault");
  g_assert_cmpint (backup->verified_at, ==, 1700006000);
  /* Opening with the password records it. */
  g_assert_cmpint (backup->password_entered_at, >=, g_get_real_time () / G_USEC_PER_SEC - 60);
  g_assert_false (rv_vault_is_dirty (back));
}

static void
test_wrong_password (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVault) vault = create_vault (fixture);
  g_autoptr(RvSecret) wrong = rv_secret_new_from_string ("correct horse battery stapler");
  g_autoptr(RvSecret) empty = rv_secret_new_from_string ("");
  g_autoptr(RvVault) back = NULL;
  g_autoptr(RvVault) other = NULL;

  back = rv_vault_open (fixture->path, wrong, &error);
  g_assert_null (back);
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD);
  g_assert_nonnull (strstr (error->message, "password is wrong"));
  g_clear_error (&error);

  back = rv_vault_open (fixture->path, empty, &error);
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);

  other = rv_vault_create (fixture->path, fixture->password, &error);
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_EXISTS);
  g_clear_error (&error);

  {
    g_autofree char *path2 = g_build_filename (fixture->dir, "empty.rvault", NULL);

    other = rv_vault_create (path2, empty, &error);
    g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WEAK_PASSWORD);
    g_assert_false (g_file_test (path2, G_FILE_TEST_EXISTS));
    g_clear_error (&error);
  }

  {
    g_autofree char *missing = g_build_filename (fixture->dir, "missing.rvault", NULL);

    other = rv_vault_open (missing, fixture->password, &error);
    g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/vault/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("round-trip", test_round_trip);
  ADD ("wrong-password", test_wrong_password);
#undef ADD

  return g_test_run ();
}
