/* test-health.c: backup health warnings appear and go away with their fix
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rv-backup.h"
#include "rv-base32.h"
#include "rv-health.h"
#include "rv-test-util.h"
#include "rv-util.h"

#define DAY (24 * 60 * 60)

typedef struct
{
  char           *dir;
  char           *backup_path;
  RvSecret       *password;
  RvVault        *vault;
  RvHealthPolicy  policy;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = rv_test_make_tmpdir ();
  path = g_build_filename (fixture->dir, "vault.rvault", NULL);
  fixture->backup_path = g_build_filename (fixture->dir, "backup.rvault", NULL);
  fixture->password = rv_secret_new_from_string ("password");
  fixture->vault = rv_vault_create (path, fixture->password, &error);
  g_assert_no_error (error);
  rv_health_policy_init (&fixture->policy);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  rv_vault_close (fixture->vault);
  g_clear_object (&fixture->vault);
  rv_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->backup_path);
  rv_secret_free (fixture->password);
}

static RvAccount *
add_totp (Fixture    *fixture,
          const char *issuer)
{
  g_autoptr(RvAccount) account = rv_account_new ();
  g_autoptr(RvSecret) secret = rv_base32_decode ("JBSWY3DPEHPK3PXP", 16, NULL);

  rv_account_set_kind (account, RV_OTP_KIND_TOTP);
  rv_account_set_issuer (account, issuer);
  rv_account_set_secret (account, secret);
  rv_vault_add_account (fixture->vault, account);
  return account;
}

static void
add_codes (RvAccount *account,
           guint      n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("code-%u-%u",
                                               rv_account_get_n_recovery_codes (account), i);
      g_autoptr(RvSecret) code = rv_secret_new_from_string (text);

      g_assert_true (rv_account_add_recovery_code (account, code, 1, 0, NULL));
    }
}

static void
export (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rv_backup_export (fixture->vault, fixture->backup_path, fixture->password,
                                   NULL, &error));
  g_assert_no_error (error);
}

/* The warning of @kind (for @account, or vault-wide), or NULL. */
static const RvHealthWarning *
find (GPtrArray    *warnings,
      RvHealthKind  kind,
      RvAccount    *account)
{
  for (guint i = 0; i < warnings->len; i++)
    {
      const RvHealthWarning *warning = g_ptr_array_index (warnings, i);

      if (warning->kind == kind &&
          g_strcmp0 (warning->account_id, account ? rv_account_get_id (account) : NULL) == 0)
        return warning;
    }
  return NULL;
}

/* The warning of @kind, which must be there. */
static const RvHealthWarning *
expect (GPtrArray    *warnings,
        RvHealthKind  kind,
        RvAccount    *account)
{
  const RvHealthWarning *warning = find (warnings, kind, account);

  if (warning == NULL)
    g_error ("Expected warning %d is missing", kind);
  return warning;
}

static GPtrArray *
check (Fixture *fixture)
{
  GPtrArray *warnings = rv_health_check (fixture->vault, &fixture->policy);

  for (guint i = 0; i < warnings->len; i++)
    {
      const RvHealthWarning *warning = g_ptr_array_index (warnings, i);

      g_assert_nonnull (warning->title);
      g_assert_cmpuint (strlen (warning->title), >, 0);
      g_assert_nonnull (warning->detail);
      g_assert_cmpuint (strlen (warning->detail), >, 0);
    }
  return warnings;
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) warnings = check (fixture);

  g_assert_cmpuint (warnings->len, ==, 0);
}

static void
test_never_backed_up (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) warnings = NULL;
  const RvHealthWarning *warning;

  add_totp (fixture, "PyPI");
  warnings = check (fixture);
  warning = expect (warnings, RV_HEALTH_NEVER_BACKED_UP, NULL);
  g_assert_cmpint (warning->fix, ==, RV_HEALTH_FIX_EXPORT_BACKUP);
  g_assert_nonnull (strstr (warning->detail, "backup"));
  g_assert_null (find (warnings, RV_HEALTH_CHANGED_SINCE_BACKUP, NULL));

  export (fixture);
  g_clear_pointer (&warnings, g_ptr_array_unref);
  warnings = check (fixture);
  g_assert_null (find (warnings, RV_HEALTH_NEVER_BACKED_UP, NULL));
  g_assert_null (find (warnings, RV_HEALTH_CHANGED_SINCE_BACKUP, NULL));
  g_assert_null (find (warnings, RV_HEALTH_BACKUP_TOO_OLD, NULL));
}

static void
test_changed_since_backup (Fixture       *fixture,
                           gconstpointer  data)
{
  RvAccount *account = add_totp (fixture, "PyPI");
  RvBackupState *state = rv_vault_get_backup_state (fixture->vault);
  g_autoptr(GPtrArray) warnings = NULL;

  export (fixture);
  /* The export happened a minute ago; now the account is edited. */
  state->exported_at -= 60;
  state->changed_at = state->exported_at - 1;
  warnings = check (fixture);
  g_assert_null (find (warnings, RV_HEALTH_CHANGED_SINCE_BACKUP, NULL));

  rv_account_set_notes (account, "new note");
  g_assert_cmpint (state->changed_at, >, state->exported_at);
  g_clear_pointer (&warnings, g_ptr_array_unref);
  warnings = check (fixture);
  g_assert_cmpint (expect (warnings, RV_HEALTH_CHANGED_SINCE_BACKUP, NULL)->fix, ==,
                   RV_HEALTH_FIX_EXPORT_BACKUP);

  /* Automatic backups count too. */
  {
    g_autofree char *folder = g_build_filename (fixture->dir, "auto", NULL);
    g_autofree char *copy = NULL;
    g_autoptr(GError) error = NULL;

    copy = rv_backup_auto (fixture->vault, folder, 2, &error);
    g_assert_no_error (error);
  }
  g_clear_pointer (&warnings, g_ptr_array_unref);
  warnings = check (fixture);
  g_assert_null (find (warnings, RV_HEALTH_CHANGED_SINCE_BACKUP, NULL));
}

static void
test_too_old (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) warnings = NULL;
  const RvHealthWarning *warning;

  add_totp (fixture, "PyPI");
  export (fixture);

  fixture->policy.max_backup_age_days = 30;
  fixture->policy.now = rv_vault_get_backup_state (fixture->vault)->exported_at + 31 * DAY;
  warnings = check (fixture);
  warning = expect (warnings, RV_HEALTH_BACKUP_TOO_OLD, NULL);
  g_assert_nonnull (strstr (warning->detail, "31 days"));
  g_assert_cmpint (warning->fix, ==, RV_HEALTH_FIX_EXPORT_BACKUP);

  fixture->policy.max_backup_age_days = 0;
  g_clear_pointer (&warnings, g_ptr_array_unref);
  warnings = check (fixture);
  g_assert_null (find (warnings, RV_HEALTH_BACKUP_TOO_OLD, NULL));

  fixture->policy.max_backup_age_days = 30;
  fixture->policy.now -= 2 * DAY;
  g_clear_pointer (&warnings, g_ptr_array_unref);
  warnings = check (fixture);
  g_assert_null (find (warnings, RV_HEALTH_BACKUP_TOO_OLD, NULL));
}

static void
test_recovery_codes (Fixture       *fixture,
                     gconstpointer  data)
{
  RvAccount *account = add_totp (fixture, "PyPI");
  g_autoptr(GPtrArray) warnings = NULL;
  const RvHealthWarning *warning;

  warnings = check (fixture);
  warning = expect (warnings, RV_HEALTH_NO_RECOVERY_CODES, account);
  g_assert_cmpint (warning->fix, ==, RV_HEALTH_FIX_ADD_RECOVERY_CODES);
  g_assert_nonnull (strstr (warning->title, "PyPI"));

  add_codes (account, 3);
  g_clear_pointer (&warnings, g_ptr_array_unref);
  warnings = check (fixture);
  g_assert_null (find (warnings, RV_HEALTH_NO_RECOVERY_CODES, account));
  g_assert_null (find (warnings, RV_HEALTH_FEW_RECOVERY_CODES, account));

  g_assert_true (rv_account_mark_recovery_code_used (account, 0, 100, NULL));
  g_clear_pointer (&warnings, g_ptr_array_unref);
  warnings = check (fixture);
  warning = expect (warnings, RV_HEALTH_FEW_RECOVERY_CODES, account);
  g_assert_cmpint (warning->fix, ==, RV_HEALTH_FIX_REGENERATE_RECOVERY_CODES);
  g_assert_nonnull (strstr (warning->detail, "2 unused codes"));

  /* A threshold of 1 tolerates two codes. */
  fixture->policy.few_codes_threshold = 1;
  g_clear_pointer (&warnings, g_ptr_array_unref);
  warnings = check (fixture);
  g_assert_null (find (warnings, RV_HEALTH_FEW_RECOVERY_CODES, account));
  fixture->policy.few_codes_threshold = 2;

  /* A new set fixes it. */
  rv_account_clear_recovery_codes (account);
  add_codes (account, 10);
  g_clear_pointer (&warnings, g_ptr_array_unref);
  warnings = check (fixture);
  g_assert_null (find (warnings, RV_HEALTH_FEW_RECOVERY_CODES, account));
}

/* A provider that issues a single code: one unused code is a full set. */
static void
test_expected_count (Fixture       *fixture,
                     gconstpointer  data)
{
  RvAccount *account = add_totp (fixture, "Microsoft");
  g_autoptr(GPtrArray) warnings = NULL;

  add_codes (account, 1);
  rv_account_set_recovery_expected_count (account, 1);
  warnings = check (fixture);
  g_assert_null (find (warnings, RV_HEALTH_FEW_RECOVERY_CODES, account));

  g_assert_true (rv_account_mark_recovery_code_used (account, 0, 100, NULL));
  g_clear_pointer (&warnings, g_ptr_array_unref);
  warnings = check (fixture);
  g_assert_nonnull (strstr (expect (warnings, RV_HEALTH_FEW_RECOVERY_CODES, account)->detail,
                            "0 unused codes"));
}

/* An account with only recovery codes needs no codes warning until it has
 * some, and then warns when they run low. */
static void
test_codes_only_account (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(RvAccount) account = rv_account_new ();
  g_autoptr(GPtrArray) warnings = NULL;

  rv_account_set_kind (account, RV_OTP_KIND_NONE);
  rv_account_set_issuer (account, "Bank");
  rv_vault_add_account (fixture->vault, account);
  warnings = check (fixture);
  g_assert_null (find (warnings, RV_HEALTH_NO_RECOVERY_CODES, account));

  add_codes (account, 1);
  g_clear_pointer (&warnings, g_ptr_array_unref);
  warnings = check (fixture);
  g_assert_nonnull (find (warnings, RV_HEALTH_FEW_RECOVERY_CODES, account));
}

static void
test_password_reminder_without_keyring (Fixture       *fixture,
                                        gconstpointer  data)
{
  RvBackupState *state = rv_vault_get_backup_state (fixture->vault);
  g_autoptr(GPtrArray) warnings = NULL;

  /* Without keyring unlock the password is typed at every start. */
  state->password_entered_at = 1;
  warnings = check (fixture);
  g_assert_null (find (warnings, RV_HEALTH_PASSWORD_NOT_ENTERED, NULL));
}

static void
test_confirm_password (Fixture       *fixture,
                       gconstpointer  data)
{
  RvBackupState *state = rv_vault_get_backup_state (fixture->vault);
  g_autoptr(RvSecret) wrong = rv_secret_new_from_string ("not it");
  g_autoptr(GError) error = NULL;

  state->password_entered_at = 1;
  g_assert_false (rv_health_confirm_password (fixture->vault, wrong, &error));
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD);
  g_assert_cmpint (state->password_entered_at, ==, 1);
  g_clear_error (&error);

  g_assert_true (rv_health_confirm_password (fixture->vault, fixture->password, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state->password_entered_at, >=, fixture->policy.now);
  g_assert_false (rv_vault_is_dirty (fixture->vault));
}

static void
test_default_policy (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) warnings = NULL;
  RvHealthPolicy policy;

  rv_health_policy_init (&policy);
  g_assert_cmpuint (policy.few_codes_threshold, ==, 2);
  g_assert_cmpuint (policy.password_reminder_days, ==, 30);
  g_assert_cmpint (ABS (policy.now - rv_now ()), <=, 1);

  add_totp (fixture, "PyPI");
  warnings = rv_health_check (fixture->vault, NULL);
  g_assert_nonnull (find (warnings, RV_HEALTH_NEVER_BACKED_UP, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/health/empty", test_empty);
  ADD ("/health/never-backed-up", test_never_backed_up);
  ADD ("/health/changed-since-backup", test_changed_since_backup);
  ADD ("/health/too-old", test_too_old);
  ADD ("/health/recovery-codes", test_recovery_codes);
  ADD ("/health/expected-count", test_expected_count);
  ADD ("/health/codes-only-account", test_codes_only_account);
  ADD ("/health/password-reminder-without-keyring", test_password_reminder_without_keyring);
  ADD ("/health/confirm-password", test_confirm_password);
  ADD ("/health/default-policy", test_default_policy);

#undef ADD

  return g_test_run ();
}
