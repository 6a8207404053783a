/* test-health-keyring.c: the password reminder, with keyring unlock on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a session bus with an unlocked Secret Service (tools/test starts
 * gnome-keyring-daemon); skips otherwise.
 */
#include "config.h"

#include "rv-health.h"
#include "rv-test-util.h"

#define DAY (24 * 60 * 60)

static gboolean
has_reminder (RvVault              *vault,
              const RvHealthPolicy *policy)
{
  g_autoptr(GPtrArray) warnings = rv_health_check (vault, policy);

  for (guint i = 0; i < warnings->len; i++)
    {
      const RvHealthWarning *warning = g_ptr_array_index (warnings, i);

      if (warning->kind == RV_HEALTH_PASSWORD_NOT_ENTERED)
        {
          g_assert_cmpint (warning->fix, ==, RV_HEALTH_FIX_CONFIRM_PASSWORD);
          g_assert_null (warning->account_id);
          return TRUE;
        }
    }
  return FALSE;
}

static void
test_reminder (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(RvSecret) password = rv_secret_new_from_string ("keyring health password");
  g_autoptr(RvVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  RvHealthPolicy policy;
  RvBackupState *state;

  if (!rv_test_have_secret_service ())
    {
      g_test_skip ("No Secret Service on the session bus");
      return;
    }

  dir = rv_test_make_tmpdir ();
  path = g_build_filename (dir, "vault.rvault", NULL);
  vault = rv_vault_create (path, password, &error);
  g_assert_no_error (error);
  rv_health_policy_init (&policy);
  state = rv_vault_get_backup_state (vault);

  /* Password typed at creation: no reminder, keyring or not. */
  g_assert_false (has_reminder (vault, &policy));
  g_assert_true (rv_vault_enable_keyring (vault, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (has_reminder (vault, &policy));

  /* A month and a day of keyring unlocks. */
  policy.now = state->password_entered_at + 31 * DAY;
  g_assert_true (has_reminder (vault, &policy));
  policy.password_reminder_days = 0;
  g_assert_false (has_reminder (vault, &policy));
  policy.password_reminder_days = 30;

  /* The fix: type it once. */
  state->password_entered_at -= 31 * DAY;
  rv_health_policy_init (&policy);
  g_assert_true (has_reminder (vault, &policy));
  g_assert_true (rv_health_confirm_password (vault, password, &error));
  g_assert_no_error (error);
  g_assert_false (has_reminder (vault, &policy));

  /* Keyring off: the password is typed at every start anyway. */
  state->password_entered_at -= 31 * DAY;
  g_assert_true (rv_vault_disable_keyring (vault, password, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (has_reminder (vault, &policy));

  rv_vault_close (vault);
  rv_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/health/keyring/password-reminder", test_reminder);

  return g_test_run ();
}
