/* test-vault.c: the vault: round trips, passwords, model bookkeeping
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <sodium.h>
#include <sys/file.h>
#include <unistd.h>
#include <string.h>
#include <sys/stat.h>

#include "rv-base32.h"
#include "rv-test-util.h"
#include "rv-vault.h"
#include "rv-vault-payload.h"
#include "rv-util.h"

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
  RvRequestRecord *request = rv_request_record_new ();
  RvBackupState *backup;
  g_autoptr(RvAccount) first = NULL;
  g_autoptr(RvAccount) second = NULL;
  RvRequestRecord *got;
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
  g_assert_cmpint (backup->password_entered_at, >=, rv_now () - 60);
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
    other = rv_vault_open (fixture->dir, fixture->password, &error);
    g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_NOT_A_VAULT);
    g_clear_error (&error);
  }
}

static RvAccount *
simple_account (const char *issuer,
                const char *secret_text,
                const char *code_text)
{
  RvAccount *account = rv_account_new ();

  rv_account_set_issuer (account, issuer);
  rv_account_set_kind (account, RV_OTP_KIND_TOTP);
  if (secret_text != NULL)
    {
      g_autoptr(RvSecret) secret = rv_secret_new_from_string (secret_text);

      rv_account_set_secret (account, secret);
    }
  if (code_text != NULL)
    {
      g_autoptr(RvSecret) code = rv_secret_new_from_string (code_text);

      g_assert_true (rv_account_add_recovery_code (account, code, 1, 0, NULL));
    }
  return account;
}

static void
save_ok (RvVault *vault)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rv_vault_save (vault, &error));
  g_assert_no_error (error);
}

static void
test_bookkeeping (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(RvVault) vault = create_vault (fixture);
  g_autoptr(RvAccount) pypi = simple_account ("PyPI", "aaaaaaaaaa", NULL);
  g_autoptr(RvAccount) github = simple_account ("GitHub", "bbbbbbbbbb", NULL);
  g_autoptr(GPtrArray) found = NULL;
  const char *tags[] = { "Work", NULL };
  RvBackupState *backup = rv_vault_get_backup_state (vault);
  gint64 now = rv_now ();

  g_assert_false (rv_vault_is_dirty (vault));
  g_assert_cmpstr (rv_vault_get_path (vault), ==, fixture->path);
  rv_account_set_updated (pypi, 5);
  rv_vault_add_account (vault, pypi);
  rv_vault_add_account (vault, github);
  g_assert_true (rv_vault_is_dirty (vault));
  save_ok (vault);
  g_assert_false (rv_vault_is_dirty (vault));

  backup->changed_at = 7;
  rv_account_set_tags (pypi, tags);
  g_assert_true (rv_vault_is_dirty (vault));
  g_assert_cmpint (rv_account_get_updated (pypi), >=, now);
  g_assert_cmpint (backup->changed_at, >=, now);
  /* Setting the time itself (an import) keeps it; the next change stamps. */
  rv_account_set_updated (pypi, 5);
  g_assert_cmpint (rv_account_get_updated (pypi), ==, 5);
  rv_account_set_notes (pypi, "changed");
  g_assert_cmpint (rv_account_get_updated (pypi), >=, now);

  save_ok (vault);
  backup->changed_at = 7;
  rv_vault_mark_dirty (vault);
  g_assert_true (rv_vault_is_dirty (vault));
  g_assert_cmpint (backup->changed_at, ==, 7);

  g_assert_true (rv_vault_find_account_by_id (vault, rv_account_get_id (github)) == github);
  g_assert_null (rv_vault_find_account_by_id (vault, "nope"));
  found = rv_vault_find_accounts (vault, "WORK");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (g_ptr_array_index (found, 0) == pypi);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = rv_vault_find_accounts (vault, "");
  g_assert_cmpuint (found->len, ==, 2);

  g_assert_true (rv_vault_remove_account (vault, github));
  g_assert_false (rv_vault_remove_account (vault, github));
  g_assert_cmpuint (g_list_model_get_n_items (rv_vault_get_accounts (vault)), ==, 1);
  /* A removed account no longer marks the vault. */
  save_ok (vault);
  rv_account_set_issuer (github, "GitLab");
  g_assert_false (rv_vault_is_dirty (vault));
}

static void
test_text_contains_secret (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(RvVault) vault = create_vault (fixture);
  g_autoptr(RvAccount) account = simple_account ("PyPI", "12345678901234567890", "abcd-efgh-1234");
  g_autoptr(RvAccount) no_secret = simple_account ("Bank", NULL, "q7 w8 e9 r0 t1");

  rv_vault_add_account (vault, account);
  rv_vault_add_account (vault, no_secret);

  g_assert_false (rv_vault_text_contains_secret (vault, "Dear support, I lost my phone. My user is alice."));
  g_assert_false (rv_vault_text_contains_secret (vault, ""));
  g_assert_true (rv_vault_text_contains_secret (vault, "seed 12345678901234567890 oops"));
  g_assert_true (rv_vault_text_contains_secret (vault, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"));
  g_assert_true (rv_vault_text_contains_secret (vault, "key: gezd gnbv gy3t qojq gezd gnbv gy3t qojq."));
  g_assert_true (rv_vault_text_contains_secret (vault, "my code was ABCD EFGH 1234 I think"));
  g_assert_true (rv_vault_text_contains_secret (vault, "abcdefgh1234"));
  g_assert_true (rv_vault_text_contains_secret (vault, "Q7W8-E9R0-T1"));
  g_assert_false (rv_vault_text_contains_secret (vault, "abcd-efgh-123"));
}

static void
test_close (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVault) vault = create_vault (fixture);
  g_autoptr(RvAccount) account = simple_account ("PyPI", "12345678901234567890", "abcd-efgh-1234");

  rv_vault_add_account (vault, account);
  save_ok (vault);
  rv_vault_close (vault);
  rv_vault_close (vault);

  g_assert_null (rv_account_get_secret (account));
  g_assert_cmpuint (rv_account_get_n_recovery_codes (account), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (rv_vault_get_accounts (vault)), ==, 0);
  g_assert_false (rv_vault_save (vault, &error));
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_IO);
  /* Getters stay safe on a closed vault. */
  g_assert_cmpuint (rv_vault_get_requests (vault)->len, ==, 0);
  g_assert_false (rv_vault_get_keyring_enabled (vault));
  g_assert_null (rv_vault_find_account_by_id (vault, rv_account_get_id (account)));
  g_assert_false (rv_vault_text_contains_secret (vault, "12345678901234567890"));
}

static void
on_opened (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  RvVault **out = user_data;

  *out = rv_vault_open_finish (result, &error);
  if (*out == NULL)
    {
      /* A marker that the open failed, and why. */
      g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD);
      *out = (RvVault *) GINT_TO_POINTER (1);
    }
}

static void
test_open_async (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(RvVault) vault = create_vault (fixture);
  g_autoptr(RvAccount) account = simple_account ("PyPI", "12345678901234567890", NULL);
  g_autoptr(RvSecret) wrong = rv_secret_new_from_string ("nope");
  RvVault *opened = NULL;

  rv_vault_add_account (vault, account);
  save_ok (vault);

  rv_vault_open_async (fixture->path, fixture->password, NULL, on_opened, &opened);
  while (opened == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (RV_IS_VAULT (opened));
  g_assert_cmpuint (g_list_model_get_n_items (rv_vault_get_accounts (opened)), ==, 1);
  g_object_unref (opened);

  opened = NULL;
  rv_vault_open_async (fixture->path, wrong, NULL, on_opened, &opened);
  while (opened == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (opened == GINT_TO_POINTER (1));
}

static void
on_opened_cancelled (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVault) vault = rv_vault_open_finish (result, &error);
  gboolean *done = user_data;

  g_assert_null (vault);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  *done = TRUE;
}

/* A cancelled open (before it starts, or while the key is being derived,
 * with a right or a wrong password and a previous generation to try) ends
 * with CANCELLED, never with a vault or "wrong password". */
static void
test_open_async_cancelled (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(RvVault) vault = create_vault (fixture);
  g_autoptr(RvSecret) wrong = rv_secret_new_from_string ("nope");
  const RvSecret *passwords[] = { fixture->password, wrong };

  save_ok (vault);
  save_ok (vault);
  for (guint i = 0; i < G_N_ELEMENTS (passwords); i++)
    {
      g_autoptr(GCancellable) before = g_cancellable_new ();
      g_autoptr(GCancellable) during = g_cancellable_new ();
      gboolean done = FALSE;

      g_cancellable_cancel (before);
      rv_vault_open_async (fixture->path, passwords[i], before, on_opened_cancelled, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);

      done = FALSE;
      rv_vault_open_async (fixture->path, passwords[i], during, on_opened_cancelled, &done);
      g_cancellable_cancel (during);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
    }
}

static void
test_change_password (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVault) vault = create_vault (fixture);
  g_autoptr(RvAccount) account = simple_account ("PyPI", "12345678901234567890", NULL);
  g_autoptr(RvSecret) new_password = rv_secret_new_from_string ("new password");
  g_autoptr(RvSecret) empty = rv_secret_new_from_string ("");
  g_autoptr(RvVault) back = NULL;

  rv_vault_add_account (vault, account);
  save_ok (vault);

  g_assert_false (rv_vault_change_password (vault, new_password, new_password, &error));
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  g_assert_false (rv_vault_change_password (vault, fixture->password, empty, &error));
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WEAK_PASSWORD);
  g_clear_error (&error);

  g_assert_true (rv_vault_change_password (vault, fixture->password, new_password, &error));
  g_assert_no_error (error);

  back = rv_vault_open (fixture->path, fixture->password, &error);
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  back = rv_vault_open (fixture->path, new_password, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rv_vault_get_accounts (back)), ==, 1);

  /* The vault stays usable and saves under the new password. */
  save_ok (vault);
  g_clear_object (&back);
  back = rv_vault_open (fixture->path, new_password, &error);
  g_assert_no_error (error);
}

static void
on_changed_async (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GError **out = user_data;
  GError *error = NULL;

  if (rv_vault_change_password_finish (RV_VAULT (source), result, &error))
    *out = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NONE, "done");
  else
    *out = error;
}

/* The key derivations run in a thread, the vault changes in the caller's
 * context: it stays usable meanwhile, and a change made meanwhile wins. */
static void
test_change_password_async (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVault) vault = create_vault (fixture);
  g_autoptr(RvAccount) meanwhile = simple_account ("Added meanwhile", "12345678901234567890", NULL);
  g_autoptr(RvSecret) new_password = rv_secret_new_from_string ("new password");
  g_autoptr(RvSecret) other_password = rv_secret_new_from_string ("another new password");
  g_autoptr(RvVault) back = NULL;
  GError *result = NULL;

  /* A wrong current password. */
  rv_vault_change_password_async (vault, new_password, other_password, NULL,
                                  on_changed_async, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (result, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD);
  g_clear_error (&result);

  /* The vault is not touched until the derivations are done. */
  rv_vault_change_password_async (vault, fixture->password, new_password, NULL,
                                  on_changed_async, &result);
  rv_vault_add_account (vault, meanwhile);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (result, G_IO_ERROR, G_IO_ERROR_NONE);
  g_clear_error (&result);
  back = rv_vault_open (fixture->path, fixture->password, &error);
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  back = rv_vault_open (fixture->path, new_password, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rv_vault_get_accounts (back)), ==, 1);
  g_clear_object (&back);

  /* Another change lands while this one derives: this one is refused. */
  rv_vault_change_password_async (vault, new_password, other_password, NULL,
                                  on_changed_async, &result);
  g_assert_true (rv_vault_change_password (vault, new_password, fixture->password, &error));
  g_assert_no_error (error);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (result, RV_VAULT_ERROR, RV_VAULT_ERROR_BUSY);
  g_clear_error (&result);
  back = rv_vault_open (fixture->path, fixture->password, &error);
  g_assert_no_error (error);
  g_clear_object (&back);

  /* Locked while it derives: refused, nothing written. */
  rv_vault_change_password_async (vault, fixture->password, other_password, NULL,
                                  on_changed_async, &result);
  rv_vault_close (vault);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (result);
  g_assert_false (g_error_matches (result, G_IO_ERROR, G_IO_ERROR_NONE));
  g_clear_error (&result);
  back = rv_vault_open (fixture->path, fixture->password, &error);
  g_assert_no_error (error);
}

/* A new master key: the old password opens neither the vault nor PATH.prev,
 * and the backups that still open with it are named. */
static void
test_rotate_key (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVault) vault = create_vault (fixture);
  g_autoptr(RvAccount) account = simple_account ("PyPI", "12345678901234567890", NULL);
  g_autoptr(RvSecret) new_password = rv_secret_new_from_string ("after the leak");
  g_autofree char *prev = rv_vault_get_previous_generation_path (fixture->path);
  g_autofree char *folder = g_build_filename (fixture->dir, "auto", NULL);
  g_autofree char *auto_copy = g_build_filename (folder, "vault-1.rvault", NULL);
  g_autofree char *export = g_build_filename (fixture->dir, "export.rvault", NULL);
  g_autofree char *other = g_build_filename (folder, "other.rvault", NULL);
  g_autoptr(RvSecret) other_password = rv_secret_new_from_string ("another one");
  g_auto(GStrv) old = NULL;
  g_autoptr(RvVault) back = NULL;

  rv_vault_add_account (vault, account);
  save_ok (vault);
  rv_account_set_notes (account, "second save: PATH.prev exists");
  save_ok (vault);
  g_assert_true (g_file_test (prev, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (rv_vault_save_copy (vault, auto_copy, fixture->password, &error));
  g_assert_true (rv_vault_save_copy (vault, export, fixture->password, &error));
  g_assert_true (rv_vault_save_copy (vault, other, other_password, &error));
  g_assert_no_error (error);
  rv_vault_get_backup_state (vault)->export_path = g_strdup (export);

  g_assert_false (rv_vault_rotate_key (vault, new_password, NULL, NULL, &error));
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  g_assert_true (rv_vault_rotate_key (vault, fixture->password, new_password, NULL, &error));
  g_assert_no_error (error);

  back = rv_vault_open (fixture->path, fixture->password, &error);
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  back = rv_vault_open (prev, fixture->password, &error);
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  back = rv_vault_open (prev, new_password, &error);
  g_assert_no_error (error);
  g_clear_object (&back);
  back = rv_vault_open (fixture->path, new_password, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rv_vault_get_accounts (back)), ==, 1);

  old = rv_vault_find_old_backups (vault, fixture->password, folder);
  g_assert_cmpuint (g_strv_length (old), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) old, export));
  g_assert_true (g_strv_contains ((const char * const *) old, auto_copy));

  /* The vault stays usable under the new key. */
  rv_account_set_notes (account, "after rotation");
  save_ok (vault);
}

/* A folder others may enter is made private on the first save. */
static void
test_folder_tightened (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *folder = g_path_get_dirname (fixture->path);
  g_autoptr(RvVault) vault = NULL;
  struct stat st;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  g_assert_cmpint (chmod (folder, 0755), ==, 0);
  vault = create_vault (fixture);
  g_assert_cmpint (stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
}

static void
test_save_copy (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVault) vault = create_vault (fixture);
  g_autoptr(RvAccount) account = full_account ();
  g_autoptr(RvSecret) other = rv_secret_new_from_string ("backup password");
  g_autofree char *copy_path = g_build_filename (fixture->dir, "backups", "copy.rvault", NULL);
  g_autoptr(RvVault) copy = NULL;
  g_autoptr(RvAccount) got = NULL;

  rv_vault_add_account (vault, account);
  rv_account_set_updated (account, 1600000001);
  g_assert_true (rv_vault_save_copy (vault, copy_path, other, &error));
  g_assert_no_error (error);
  /* The vault itself was not saved. */
  g_assert_true (rv_vault_is_dirty (vault));

  copy = rv_vault_open (copy_path, fixture->password, &error);
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  copy = rv_vault_open (copy_path, other, &error);
  g_assert_no_error (error);
  got = g_list_model_get_item (rv_vault_get_accounts (copy), 0);
  assert_full_account (got);
  g_assert_false (rv_vault_get_keyring_enabled (copy));

  /* Replacing an older copy is fine; replacing the vault itself is not. */
  g_assert_true (rv_vault_save_copy (vault, copy_path, other, &error));
  g_assert_no_error (error);
  g_assert_false (rv_vault_save_copy (vault, fixture->path, other, &error));
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_EXISTS);
}

static void
flip_byte (const char *path,
           gsize       offset)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (offset, <, len);
  contents[offset] ^= 0x40;
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
}

static void
test_previous_generation (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVault) vault = create_vault (fixture);
  g_autoptr(RvAccount) first = simple_account ("PyPI", "aaaaaaaaaa", NULL);
  g_autoptr(RvAccount) second = simple_account ("GitHub", "bbbbbbbbbb", NULL);
  g_autofree char *prev = rv_vault_get_previous_generation_path (fixture->path);
  g_autofree char *expected = g_strconcat (fixture->path, ".prev", NULL);
  g_autoptr(RvVault) back = NULL;

  g_assert_cmpstr (prev, ==, expected);
  g_assert_false (g_file_test (prev, G_FILE_TEST_EXISTS));
  rv_vault_add_account (vault, first);
  save_ok (vault);
  rv_vault_add_account (vault, second);
  save_ok (vault);
  g_assert_true (g_file_test (prev, G_FILE_TEST_IS_REGULAR));

  flip_byte (fixture->path, 200);
  back = rv_vault_open (fixture->path, fixture->password, &error);
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "checksum mismatch"));
  g_assert_nonnull (strstr (error->message, prev));
  g_clear_error (&error);

  back = rv_vault_open (prev, fixture->password, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rv_vault_get_accounts (back)), ==, 1);

  /* Restoring: PATH.prev becomes PATH again, the damaged file is kept. */
  {
    g_autoptr(RvVault) restored = NULL;
    g_autoptr(RvVault) reopened = NULL;
    g_autoptr(RvSecret) wrong = rv_secret_new_from_string ("wrong");
    g_autofree char *damaged = g_strconcat (fixture->path, ".damaged", NULL);
    g_autofree char *damaged_bytes = NULL;
    g_autofree char *main_before = NULL;
    gsize damaged_len, main_len;

    g_assert_true (g_file_get_contents (fixture->path, &main_before, &main_len, NULL));
    restored = rv_vault_restore_previous_generation (fixture->path, wrong, &error);
    g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD);
    g_clear_error (&error);
    g_assert_false (g_file_test (damaged, G_FILE_TEST_EXISTS));

    restored = rv_vault_restore_previous_generation (fixture->path, fixture->password, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (rv_vault_get_path (restored), ==, fixture->path);
    g_assert_cmpuint (g_list_model_get_n_items (rv_vault_get_accounts (restored)), ==, 1);
    g_assert_true (g_file_get_contents (damaged, &damaged_bytes, &damaged_len, NULL));
    g_assert_cmpmem (damaged_bytes, damaged_len, main_before, main_len);
    reopened = reopen (fixture);
    g_assert_cmpuint (g_list_model_get_n_items (rv_vault_get_accounts (reopened)), ==, 1);
    rv_vault_mark_changed (restored);
    save_ok (restored);
    g_assert_cmpint (unlink (fixture->path), ==, 0);
    g_assert_true (g_file_set_contents (fixture->path, main_before, main_len, NULL));
  }

  /* Saving over a damaged file never rotates it into PATH.prev. */
  save_ok (vault);
  g_clear_object (&back);
  back = rv_vault_open (prev, fixture->password, &error);
  g_assert_no_error (error);
  g_clear_object (&back);
  back = rv_vault_open (fixture->path, fixture->password, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rv_vault_get_accounts (back)), ==, 2);
}

static void
test_symlink (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVault) vault = create_vault (fixture);
  g_autoptr(RvVault) via_link = NULL;
  g_autoptr(RvVault) back = NULL;
  g_autoptr(RvAccount) account = simple_account ("PyPI", "aaaaaaaaaa", NULL);
  g_autofree char *link = g_build_filename (fixture->dir, "link.rvault", NULL);
  g_autofree char *prev = rv_vault_get_previous_generation_path (fixture->path);
  struct stat st;

  g_clear_object (&vault);
  g_assert_cmpint (symlink (fixture->path, link), ==, 0);
  via_link = rv_vault_open (link, fixture->password, &error);
  g_assert_no_error (error);
  rv_vault_add_account (via_link, account);
  save_ok (via_link);
  save_ok (via_link);

  /* The link is kept, the file it points to holds the vault. */
  g_assert_cmpint (lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_true (g_file_test (prev, G_FILE_TEST_IS_REGULAR));
  back = reopen (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (rv_vault_get_accounts (back)), ==, 1);
}

static gboolean
on_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static void
on_file_changed (RvVault *vault,
                 guint   *n)
{
  (*n)++;
}

/* Runs the main loop until *@counter reaches @wanted or @ms pass. */
static void
wait_for (guint *counter,
          guint  wanted,
          guint  ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (ms, on_timeout, &timed_out);

  while (*counter < wanted && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
}

static void
test_file_changed (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVault) vault = create_vault (fixture);
  g_autoptr(RvVault) other = NULL;
  g_autoptr(RvAccount) account = simple_account ("PyPI", "aaaaaaaaaa", NULL);
  guint n = 0;

  g_signal_connect (vault, "file-changed", G_CALLBACK (on_file_changed), &n);
  rv_vault_add_account (vault, account);
  save_ok (vault);
  wait_for (&n, 1, 700);
  g_assert_cmpuint (n, ==, 0);

  other = reopen (fixture);
  rv_vault_mark_changed (other);
  save_ok (other);
  wait_for (&n, 1, 5000);
  g_assert_cmpuint (n, ==, 1);

  /* Saving now would lose the other program's change. */
  rv_vault_mark_changed (vault);
  g_assert_false (rv_vault_save (vault, &error));
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "Another program changed"));
  g_clear_error (&error);

  /* Reloading takes the other program's changes without asking for the
   * password; then saving works and keeps them. A password change elsewhere
   * gives the file a new key: only the new password opens it then. */
  {
    g_autoptr(RvAccount) added = simple_account ("Added elsewhere", "bbbbbbbbbb", NULL);
    g_autoptr(RvSecret) new_password = rv_secret_new_from_string ("changed elsewhere");
    g_autoptr(RvVault) back = NULL;
    g_autoptr(RvVault) rotated = NULL;
    g_autoptr(RvAccount) got = NULL;

    rv_vault_add_account (other, added);
    save_ok (other);
    g_assert_true (rv_vault_reload (vault, &error));
    g_assert_no_error (error);
    g_assert_false (rv_vault_is_dirty (vault));
    g_assert_cmpuint (g_list_model_get_n_items (rv_vault_get_accounts (vault)), ==, 2);
    got = g_list_model_get_item (rv_vault_get_accounts (vault), 1);
    g_assert_cmpstr (rv_account_get_issuer (got), ==, "Added elsewhere");
    rv_account_set_notes (got, "edited after reload");
    g_assert_true (rv_vault_is_dirty (vault));
    save_ok (vault);

    back = reopen (fixture);
    g_clear_object (&got);
    got = g_list_model_get_item (rv_vault_get_accounts (back), 1);
    g_assert_cmpstr (rv_account_get_notes (got), ==, "edited after reload");

    g_assert_true (rv_vault_change_password (back, fixture->password, new_password, &error));
    g_assert_no_error (error);
    g_assert_false (rv_vault_reload (vault, &error));
    g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD);
    g_clear_error (&error);
    rotated = rv_vault_open (fixture->path, new_password, &error);
    g_assert_no_error (error);
  }
}

static void
test_lock_busy (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVault) vault = create_vault (fixture);
  g_autofree char *lock_path = g_strconcat (fixture->path, ".lock", NULL);
  int fd = open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX | LOCK_NB), ==, 0);
  rv_vault_mark_changed (vault);
  g_assert_false (rv_vault_save (vault, &error));
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_BUSY);
  g_clear_error (&error);
  close (fd);
  save_ok (vault);
}

/* The same model built with GLib's own GVariant builder: the reference the
 * payload codec must match byte for byte (and read back). */
static void
ref_add_string (GVariantBuilder *b,
                const char      *key,
                const char      *value)
{
  if (value != NULL)
    g_variant_builder_add (b, "{sv}", key, g_variant_new_string (value));
}

static void
ref_add_time (GVariantBuilder *b,
              const char      *key,
              gint64           value)
{
  if (value != 0)
    g_variant_builder_add (b, "{sv}", key, g_variant_new_int64 (value));
}

static GVariant *
ref_bytes (const RvSecret *secret)
{
  return g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, rv_secret_get_data (secret),
                                    rv_secret_get_size (secret), 1);
}

static GVariant *
ref_stamp (RvStamp stamp)
{
  return g_variant_new ("(xs)", stamp.ms, stamp.device ? stamp.device : "");
}

static GVariant *
reference_payload (RvAccount               *account,
                   const RvBackupState     *backup,
                   const RvRequestRecord *request)
{
  GVariantBuilder root, list, a, codes, c, bk;
  gint64 issued = rv_account_get_recovery_issued_at (account);

  g_variant_builder_init (&a, G_VARIANT_TYPE_VARDICT);
  ref_add_string (&a, "id", rv_account_get_id (account));
  ref_add_string (&a, "issuer", rv_account_get_issuer (account));
  ref_add_string (&a, "name", rv_account_get_name (account));
  ref_add_string (&a, "email", rv_account_get_email (account));
  ref_add_string (&a, "url", rv_account_get_url (account));
  ref_add_string (&a, "notes", rv_account_get_notes (account));
  g_variant_builder_add (&a, "{sv}", "tags", g_variant_new_strv (rv_account_get_tags (account), -1));
  ref_add_string (&a, "kind", rv_otp_kind_to_string (rv_account_get_kind (account)));
  ref_add_string (&a, "algorithm", rv_otp_algorithm_to_string (rv_account_get_algorithm (account)));
  g_variant_builder_add (&a, "{sv}", "digits", g_variant_new_uint32 (rv_account_get_digits (account)));
  g_variant_builder_add (&a, "{sv}", "period", g_variant_new_uint32 (rv_account_get_period (account)));
  g_variant_builder_add (&a, "{sv}", "counter", g_variant_new_uint64 (rv_account_get_counter (account)));
  g_variant_builder_add (&a, "{sv}", "secret", ref_bytes (rv_account_get_secret (account)));
  ref_add_time (&a, "created", rv_account_get_created (account));
  ref_add_time (&a, "updated", rv_account_get_updated (account));
  g_variant_builder_init (&codes, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < rv_account_get_n_recovery_codes (account); i++)
    {
      const RvRecoveryCode *code = rv_account_get_recovery_code (account, i);

      g_variant_builder_init (&c, G_VARIANT_TYPE_VARDICT);
      ref_add_string (&c, "id", code->id);
      g_variant_builder_add (&c, "{sv}", "code", ref_bytes (code->code));
      g_variant_builder_add (&c, "{sv}", "modified", ref_stamp (code->modified));
      if (code->added_at != issued)
        g_variant_builder_add (&c, "{sv}", "added-at", g_variant_new_int64 (code->added_at));
      ref_add_time (&c, "used-at", code->used_at);
      g_variant_builder_add_value (&codes, g_variant_builder_end (&c));
    }
  g_variant_builder_add (&a, "{sv}", "recovery-codes", g_variant_builder_end (&codes));
  ref_add_time (&a, "recovery-issued-at", issued);
  g_variant_builder_add (&a, "{sv}", "recovery-expected-count",
                         g_variant_new_uint32 (rv_account_get_recovery_expected_count (account)));
  ref_add_time (&a, "recovery-checked-at", rv_account_get_recovery_checked_at (account));
  /* Version 2: the sync metadata. */
  g_variant_builder_add (&a, "{sv}", "modified", ref_stamp (rv_account_get_modified (account)));
  g_variant_builder_init (&c, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; i < RV_ACCOUNT_N_FIELDS; i++)
    g_variant_builder_add (&c, "{sv}", rv_account_field_to_string (i),
                           ref_stamp (rv_account_get_field_stamp (account, i)));
  g_variant_builder_add (&a, "{sv}", "field-stamps", g_variant_builder_end (&c));

  g_variant_builder_init (&root, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_init (&list, G_VARIANT_TYPE ("aa{sv}"));
  g_variant_builder_add_value (&list, g_variant_builder_end (&a));
  g_variant_builder_add (&root, "{sv}", "accounts", g_variant_builder_end (&list));

  g_variant_builder_init (&bk, G_VARIANT_TYPE_VARDICT);
  ref_add_time (&bk, "changed-at", backup->changed_at);
  ref_add_time (&bk, "exported-at", backup->exported_at);
  ref_add_string (&bk, "export-path", backup->export_path);
  ref_add_time (&bk, "verified-at", backup->verified_at);
  ref_add_time (&bk, "password-entered-at", backup->password_entered_at);
  g_variant_builder_add (&root, "{sv}", "backup", g_variant_builder_end (&bk));

  g_variant_builder_init (&list, G_VARIANT_TYPE ("aa{sv}"));
  g_variant_builder_init (&a, G_VARIANT_TYPE_VARDICT);
  ref_add_string (&a, "id", request->id);
  ref_add_string (&a, "account-id", request->account_id);
  ref_add_string (&a, "service-name", request->service_name);
  ref_add_string (&a, "provider-id", request->provider_id);
  ref_add_string (&a, "draft", request->draft);
  ref_add_time (&a, "created-at", request->created_at);
  ref_add_time (&a, "submitted-at", request->submitted_at);
  ref_add_string (&a, "status", rv_request_status_to_string (request->status));
  ref_add_string (&a, "ticket-url", request->ticket_url);
  ref_add_time (&a, "follow-up-at", request->follow_up_at);
  g_variant_builder_add (&a, "{sv}", "modified", ref_stamp (request->modified));
  g_variant_builder_add_value (&list, g_variant_builder_end (&a));
  g_variant_builder_add (&root, "{sv}", "requests", g_variant_builder_end (&list));
  g_variant_builder_add (&root, "{sv}", "tombstones",
                         g_variant_new_array (G_VARIANT_TYPE_VARDICT, NULL, 0));
  return g_variant_ref_sink (g_variant_builder_end (&root));
}

static void
test_payload_matches_glib (void)
{
  g_autoptr(GListStore) accounts = g_list_store_new (RV_TYPE_ACCOUNT);
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func ((GDestroyNotify) rv_request_record_free);
  g_autoptr(RvAccount) account = full_account ();
  g_autoptr(RvRequestRecord) request = rv_request_record_new ();
  g_autoptr(RvSecret) ours = NULL;
  g_autoptr(RvSecret) theirs_secret = NULL;
  g_autoptr(GVariant) reference = NULL;
  g_autoptr(GVariant) read_by_glib = NULL;
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GPtrArray) parsed_requests = NULL;
  g_autoptr(GError) error = NULL;
  RvBackupState backup = { 1, 2, (char *) "/backup/path", 3, 4 }, parsed_backup;
  RvRequestRecord *got;

  /* Three digits of eight, a non-default algorithm: every key is written. */
  request->account_id = g_strdup ("acc");
  request->draft = g_strdup ("text");
  request->status = RV_REQUEST_STATUS_RESOLVED;
  request->follow_up_at = 99;
  g_list_store_append (accounts, account);
  g_ptr_array_add (requests, rv_request_record_copy (request));

  ours = rv_vault_payload_serialize (G_LIST_MODEL (accounts), &backup, requests);
  reference = reference_payload (account, &backup, request);
  read_by_glib = g_variant_ref_sink (g_variant_new_from_data (G_VARIANT_TYPE_VARDICT,
                                                              rv_secret_get_data (ours),
                                                              rv_secret_get_size (ours),
                                                              FALSE, NULL, NULL));
  g_assert_true (g_variant_is_normal_form (read_by_glib));
  g_assert_true (g_variant_equal (read_by_glib, reference));
  g_assert_cmpmem (rv_secret_get_data (ours), rv_secret_get_size (ours),
                   g_variant_get_data (reference), g_variant_get_size (reference));

  /* And what GLib writes, we read. */
  theirs_secret = rv_secret_new_from_data (g_variant_get_data (reference),
                                           g_variant_get_size (reference));
  g_assert_true (rv_vault_payload_parse (theirs_secret, &parsed, &parsed_backup,
                                         &parsed_requests, &error));
  g_assert_no_error (error);
  assert_full_account (g_ptr_array_index (parsed, 0));
  g_assert_cmpint (parsed_backup.verified_at, ==, 3);
  g_assert_cmpstr (parsed_backup.export_path, ==, "/backup/path");
  got = g_ptr_array_index (parsed_requests, 0);
  g_assert_cmpstr (got->id, ==, request->id);
  g_assert_cmpstr (got->draft, ==, "text");
  g_assert_cmpint (got->status, ==, RV_REQUEST_STATUS_RESOLVED);
  g_assert_cmpint (got->follow_up_at, ==, 99);
  g_free (parsed_backup.export_path);
}

static void
test_payload_in_guarded_memory (void)
{
  g_autoptr(GListStore) accounts = g_list_store_new (RV_TYPE_ACCOUNT);
  g_autoptr(GPtrArray) requests = g_ptr_array_new ();
  g_autoptr(RvAccount) account = simple_account ("PyPI", "12345678901234567890", "abcd-efgh-1234");
  g_autoptr(RvSecret) payload = NULL;
  g_autoptr(GVariant) root = NULL;
  g_autoptr(GVariant) list = NULL;
  g_autoptr(GVariant) first = NULL;
  g_autoptr(GVariant) secret = NULL;
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GPtrArray) parsed_requests = NULL;
  g_autoptr(GError) error = NULL;
  RvBackupState backup = { 0 }, parsed_backup;
  gconstpointer bytes;
  gsize n;

  g_list_store_append (accounts, account);
  payload = rv_vault_payload_serialize (G_LIST_MODEL (accounts), &backup, requests);
  g_assert_true (rv_secret_contains ((const char *) rv_secret_get_data (payload),
                                     rv_secret_get_size (payload),
                                     rv_account_get_secret (account)));

  /* Read in place: GLib does not copy an aligned buffer to the heap, so the
   * secrets it hands out point into guarded memory. */
  g_assert_cmpuint ((guintptr) rv_secret_get_data (payload) % 8, ==, 0);
  root = g_variant_ref_sink (g_variant_new_from_data (G_VARIANT_TYPE_VARDICT,
                                                      rv_secret_get_data (payload),
                                                      rv_secret_get_size (payload),
                                                      FALSE, NULL, NULL));
  g_assert_true (g_variant_get_data (root) == (gconstpointer) rv_secret_get_data (payload));
  list = g_variant_lookup_value (root, "accounts", G_VARIANT_TYPE ("aa{sv}"));
  first = g_variant_get_child_value (list, 0);
  secret = g_variant_lookup_value (first, "secret", G_VARIANT_TYPE_BYTESTRING);
  bytes = g_variant_get_fixed_array (secret, &n, 1);
  g_assert_cmpuint (n, ==, 20);
  g_assert_true ((const guint8 *) bytes >= rv_secret_get_data (payload) &&
                 (const guint8 *) bytes < rv_secret_get_data (payload) + rv_secret_get_size (payload));

  g_assert_true (rv_vault_payload_parse (payload, &parsed, &parsed_backup, &parsed_requests, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (parsed->len, ==, 1);
  g_assert_true (rv_secret_equal (rv_account_get_secret (g_ptr_array_index (parsed, 0)),
                                  rv_account_get_secret (account)));
  /* Its "added-at" equals the set's issue time, so it was left out: the
   * default brings it back. */
  g_assert_cmpint (rv_account_get_recovery_code (g_ptr_array_index (parsed, 0), 0)->added_at, ==, 1);
  g_assert_cmpint (rv_account_get_recovery_issued_at (g_ptr_array_index (parsed, 0)), ==, 1);
  g_free (parsed_backup.export_path);
}

static void
assert_payload_error (const char *text,
                      const char *expected_message)
{
  g_autoptr(GVariant) value = g_variant_ref_sink (g_variant_new_parsed (text));
  g_autoptr(RvSecret) payload = rv_secret_new_from_data (g_variant_get_data (value),
                                                         g_variant_get_size (value));
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;
  RvBackupState backup;

  g_assert_false (rv_vault_payload_parse (payload, &accounts, &backup, &requests, &error));
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT);
  if (strstr (error->message, expected_message) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, expected_message);
}

static void
test_payload_validation (void)
{
  g_autoptr(GVariant) value = NULL;
  g_autoptr(RvSecret) payload = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;
  RvBackupState backup;
  RvAccount *account;

  assert_payload_error ("{'accounts': <[{'id': <'a'>, 'kind': <'qotp'>}]>}", "unknown OTP kind");
  assert_payload_error ("{'accounts': <[{'id': <'a'>, 'algorithm': <'md5'>}]>}", "unknown OTP algorithm");
  assert_payload_error ("{'accounts': <[{'id': <'a'>, 'digits': <uint32 11>}]>}", "number of digits");
  assert_payload_error ("{'accounts': <[{'id': <'a'>, 'digits': <11>}]>}", "“digits” of type i");
  assert_payload_error ("{'accounts': <[{'id': <'a'>, 'period': <uint32 0>}]>}", "period");
  assert_payload_error ("{'accounts': <[{'issuer': <'x'>}]>}", "account 1 has no id");
  assert_payload_error ("{'accounts': <[{'id': <'a'>}, {'id': <'a'>}]>}", "account 2 has the same id");
  assert_payload_error ("{'accounts': <[{'id': <'a'>, 'created': <int64 -5>}]>}", "negative");
  assert_payload_error ("{'accounts': <[{'id': <'a'>, 'recovery-codes': <[{'added-at': <int64 1>}]>}]>}",
                        "recovery code 1 has no code");
  assert_payload_error ("{'accounts': <[{'id': <'a'>, 'recovery-codes': "
                        "<[{'code': <b'x'>}, {'code': <b'x'>}]>}]>}", "recovery code 2 is the same as another");
  assert_payload_error ("{'accounts': <'no'>}", "“accounts” of type s");
  assert_payload_error ("{'requests': <[{'id': <'r'>, 'status': <'lost'>}]>}", "unknown status");
  assert_payload_error ("{'requests': <[{'draft': <'r'>}]>}", "request 1 has no id");
  assert_payload_error ("{'backup': <{'exported-at': <'yesterday'>}>}", "backup state");

  /* Unknown keys are ignored; missing ones take defaults. */
  value = g_variant_ref_sink (g_variant_new_parsed (
    "{'future': <42>, 'accounts': <[{'id': <'a'>, 'colour': <'red'>}]>}"));
  payload = rv_secret_new_from_data (g_variant_get_data (value), g_variant_get_size (value));
  g_assert_true (rv_vault_payload_parse (payload, &accounts, &backup, &requests, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, 1);
  g_assert_cmpuint (requests->len, ==, 0);
  account = g_ptr_array_index (accounts, 0);
  g_assert_cmpint (rv_account_get_kind (account), ==, RV_OTP_KIND_NONE);
  g_assert_cmpuint (rv_account_get_digits (account), ==, 6);
  g_assert_cmpuint (rv_account_get_period (account), ==, 30);
  g_assert_cmpint (backup.changed_at, ==, 0);
  g_assert_null (backup.export_path);
}

static void
test_default_path (void)
{
  g_autofree char *path = rv_vault_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "recovery-vault",
                                                "vault.rvault", NULL);

  g_assert_cmpstr (path, ==, expected);
}

static void
test_kdf (void)
{
  RvKdfParams params, sane;
  g_autoptr(GError) error = NULL;

  /* The test environment sets RV_KDF_TARGET_MS=1. */
  g_assert_cmpuint (rv_kdf_get_target_ms (), ==, 1);
  rv_kdf_get_calibrated (&params);
  g_assert_cmpuint (params.opslimit, ==, crypto_pwhash_OPSLIMIT_INTERACTIVE);
  g_assert_cmpuint (params.memlimit, ==, crypto_pwhash_MEMLIMIT_INTERACTIVE);
  g_assert_cmpint (params.alg, ==, crypto_pwhash_ALG_ARGON2ID13);
  g_assert_true (rv_kdf_params_are_sane (&params, NULL));

  sane = params;
  sane.memlimit = G_GUINT64_CONSTANT (1) << 40;
  g_assert_false (rv_kdf_params_are_sane (&sane, &error));
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT);
  g_clear_error (&error);
  sane = params;
  sane.alg = crypto_pwhash_ALG_ARGON2I13;
  g_assert_false (rv_kdf_params_are_sane (&sane, &error));
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT);
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
  ADD ("bookkeeping", test_bookkeeping);
  ADD ("text-contains-secret", test_text_contains_secret);
  ADD ("close", test_close);
  ADD ("open-async", test_open_async);
  ADD ("open-async-cancelled", test_open_async_cancelled);
  ADD ("change-password", test_change_password);
  ADD ("change-password-async", test_change_password_async);
  ADD ("rotate-key", test_rotate_key);
  ADD ("folder-tightened", test_folder_tightened);
  ADD ("save-copy", test_save_copy);
  ADD ("previous-generation", test_previous_generation);
  ADD ("file-changed", test_file_changed);
  ADD ("lock-busy", test_lock_busy);
  ADD ("symlink", test_symlink);
#undef ADD
  g_test_add_func ("/vault/payload/guarded-memory", test_payload_in_guarded_memory);
  g_test_add_func ("/vault/payload/validation", test_payload_validation);
  g_test_add_func ("/vault/payload/matches-glib", test_payload_matches_glib);
  g_test_add_func ("/vault/kdf", test_kdf);
  g_test_add_func ("/vault/default-path", test_default_path);

  return g_test_run ();
}
