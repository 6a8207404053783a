/* bench-request.c: loading the recovery profiles, and drafting a request
 * checked against every secret of a 10,000-account vault
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "rv-request-draft.h"
#include "rv-test-util.h"

#define ROUNDS    7
#define ACCOUNTS  10000
#define CODES     8

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return values[n / 2];
}

static RvVault *
make_vault (const char *path)
{
  g_autoptr(RvSecret) password = rv_secret_new_from_string ("bench password");
  g_autoptr(GError) error = NULL;
  RvVault *vault = rv_vault_create (path, password, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < ACCOUNTS; i++)
    {
      g_autoptr(RvAccount) account = rv_account_new ();
      g_autofree char *seed = g_strdup_printf ("seed-%08u-abcdefghij", i);
      g_autoptr(RvSecret) secret = rv_secret_new_from_string (seed);

      rv_account_set_issuer (account, i == 0 ? "PyPI" : "Service");
      rv_account_set_name (account, "alice-dev");
      rv_account_set_kind (account, RV_OTP_KIND_TOTP);
      rv_account_set_secret (account, secret);
      for (guint c = 0; c < CODES; c++)
        {
          g_autofree char *text = g_strdup_printf ("%08x%08x", i, c);
          g_autoptr(RvSecret) code = rv_secret_new_from_string (text);

          rv_account_add_recovery_code (account, code, 1, 0, NULL);
        }
      rv_vault_add_account (vault, account);
    }
  return vault;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *providers_dir = NULL;
  g_autoptr(GPtrArray) providers = NULL;
  g_autoptr(RvVault) vault = NULL;
  g_autoptr(RvRequestAnswers) answers = NULL;
  g_autoptr(RvAccount) account = NULL;
  double load_ms[ROUNDS], draft_ms[ROUNDS];

  g_test_init (&argc, &argv, NULL);
  providers_dir = g_build_filename (g_getenv ("RV_SOURCE_ROOT"), "data", "providers", NULL);

  for (guint r = 0; r < ROUNDS; r++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GPtrArray) loaded = rv_provider_load_directory (providers_dir, NULL);

      load_ms[r] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_cmpuint (loaded->len, >=, 7);
    }
  providers = rv_provider_load_directory (providers_dir, NULL);

  dir = rv_test_make_tmpdir ();
  path = g_build_filename (dir, "bench.rvault", NULL);
  vault = make_vault (path);
  account = g_list_model_get_item (rv_vault_get_accounts (vault), 0);
  answers = rv_request_answers_new ();
  answers->happened = RV_HAPPENED_LOST_DEVICE | RV_HAPPENED_CODES_LOST;
  answers->details = g_strdup ("My phone was stolen on 2026-11-02 and the recovery codes were on it. "
                               "I maintain example-widgets and can push to its repository.");
  g_strfreev (answers->acknowledged);
  answers->acknowledged = g_strsplit ("code-of-conduct,acknowledgement", ",", -1);

  for (guint r = 0; r < ROUNDS; r++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GError) error = NULL;
      g_autoptr(RvRequestDraft) draft =
        rv_request_draft_new (rv_provider_lookup (providers, "pypi"), answers, vault, account,
                              NULL, &error);

      draft_ms[r] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_no_error (error);
    }

  printf ("load %u recovery profiles: median %.2f ms\n", providers->len, median (load_ms, ROUNDS));
  printf ("draft + leak check against %u accounts × %u codes: median %.1f ms\n",
          ACCOUNTS, CODES, median (draft_ms, ROUNDS));

  rv_vault_close (vault);
  rv_test_rm_rf (dir);
  return 0;
}
