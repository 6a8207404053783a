/* bench-backup.c: a verified encrypted backup of 10,000 accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * rv_backup_export() derives the backup password's key twice (to write the
 * copy, then to re-open it for the comparison). The vault API has no
 * pre-derived-key path, so the key derivation is timed on its own with the
 * same parameters and subtracted; rv_vault_save() (no derivation) is shown
 * as a direct check of the serialise + encrypt + durable write part.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "rv-backup.h"
#include "rv-kdf.h"
#include "rv-test-util.h"

#define ROUNDS      7
#define N_ACCOUNTS  10000

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

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Every tenth account also has ten recovery codes. */
static void
fill (RvVault *vault)
{
  for (guint i = 0; i < N_ACCOUNTS; i++)
    {
      g_autoptr(RvAccount) account = rv_account_new ();
      g_autofree char *issuer = g_strdup_printf ("Service %u", i);
      g_autofree char *raw = g_strdup_printf ("secret-%08u-abcdefghij", i);
      g_autoptr(RvSecret) secret = rv_secret_new_from_string (raw);

      rv_account_set_kind (account, RV_OTP_KIND_TOTP);
      rv_account_set_issuer (account, issuer);
      rv_account_set_name (account, "user@example.org");
      rv_account_set_secret (account, secret);
      for (guint c = 0; i % 10 == 0 && c < 10; c++)
        {
          g_autofree char *text = g_strdup_printf ("code-%u-%u", i, c);
          g_autoptr(RvSecret) code = rv_secret_new_from_string (text);

          rv_account_add_recovery_code (account, code, 1, 0, NULL);
        }
      rv_vault_add_account (vault, account);
    }
}

static gboolean
all_equal (RvVault *a,
           RvVault *b)
{
  GListModel *x = rv_vault_get_accounts (a);
  GListModel *y = rv_vault_get_accounts (b);
  gboolean equal = g_list_model_get_n_items (x) == g_list_model_get_n_items (y);

  for (guint i = 0; equal && i < g_list_model_get_n_items (x); i++)
    {
      g_autoptr(RvAccount) p = g_list_model_get_item (x, i);
      g_autoptr(RvAccount) q = g_list_model_get_item (y, i);

      equal = rv_backup_accounts_equal (p, q);
    }
  return equal;
}

/* The parts of an export, each on its own. */
static void
print_phases (RvVault        *vault,
              const char     *backup,
              const RvSecret *password)
{
  double copy_ms[ROUNDS], open_ms[ROUNDS], compare_ms[ROUNDS];

  for (guint r = 0; r < ROUNDS; r++)
    {
      g_autoptr(RvVault) copy = NULL;
      gint64 start = g_get_monotonic_time ();

      g_assert_true (rv_vault_save_copy (vault, backup, password, NULL));
      copy_ms[r] = ms_since (start);
      start = g_get_monotonic_time ();
      copy = rv_vault_open (backup, password, NULL);
      g_assert_nonnull (copy);
      open_ms[r] = ms_since (start);
      start = g_get_monotonic_time ();
      g_assert_true (all_equal (vault, copy));
      compare_ms[r] = ms_since (start);
      rv_vault_close (copy);
    }
  printf ("  phase rv_vault_save_copy (1 derivation):   median %8.1f ms\n", median (copy_ms, ROUNDS));
  printf ("  phase rv_vault_open of the copy (1 deriv.): median %8.1f ms\n", median (open_ms, ROUNDS));
  printf ("  phase entry-by-entry comparison:           median %8.1f ms\n",
          median (compare_ms, ROUNDS));
}

static double
kdf_median (const RvSecret *password)
{
  guint8 salt[RV_KDF_SALT_BYTES] = { 1 };
  double samples[ROUNDS];
  RvKdfParams params;

  rv_kdf_get_calibrated (&params);
  for (guint r = 0; r < ROUNDS; r++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(RvSecret) key = rv_kdf_derive (password, salt, &params, NULL);

      g_assert_nonnull (key);
      samples[r] = ms_since (start);
    }
  return median (samples, ROUNDS);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = rv_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "vault.rvault", NULL);
  g_autofree char *backup = g_build_filename (dir, "backup.rvault", NULL);
  g_autoptr(RvSecret) password = rv_secret_new_from_string ("bench password");
  g_autoptr(RvSecret) backup_password = rv_secret_new_from_string ("bench backup password");
  g_autoptr(RvVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  double export_ms[ROUNDS], save_ms[ROUNDS], verify_ms[ROUNDS];
  double kdf, export_median;

  vault = rv_vault_create (path, password, &error);
  g_assert_no_error (error);
  fill (vault);
  g_assert_true (rv_vault_save (vault, &error));

  for (guint r = 0; r < ROUNDS; r++)
    {
      gint64 start = g_get_monotonic_time ();

      if (!rv_backup_export (vault, backup, backup_password, NULL, &error))
        g_error ("export failed: %s", error->message);
      export_ms[r] = ms_since (start);

      start = g_get_monotonic_time ();
      if (!rv_backup_verify (backup, backup_password, NULL, &error))
        g_error ("verify failed: %s", error->message);
      verify_ms[r] = ms_since (start);

      start = g_get_monotonic_time ();
      if (!rv_vault_save (vault, &error))
        g_error ("save failed: %s", error->message);
      save_ms[r] = ms_since (start);
    }

  kdf = kdf_median (backup_password);
  export_median = median (export_ms, ROUNDS);
  printf ("accounts: %u, rounds: %u, RV_KDF_TARGET_MS=%s\n", N_ACCOUNTS, ROUNDS,
          g_getenv ("RV_KDF_TARGET_MS") ? g_getenv ("RV_KDF_TARGET_MS") : "(unset)");
  printf ("key derivation (one):                       median %8.1f ms\n", kdf);
  printf ("verified encrypted export (write+reopen+compare), with 2 derivations: median %8.1f ms\n",
          export_median);
  printf ("verified encrypted export excluding key derivation: median %8.1f ms (target <= 300)\n",
          export_median - 2 * kdf);
  printf ("verify-backup, with 1 derivation:          median %8.1f ms\n",
          median (verify_ms, ROUNDS));
  printf ("vault save (serialise+encrypt+durable write, no derivation): median %8.1f ms\n",
          median (save_ms, ROUNDS));

  print_phases (vault, backup, backup_password);

  rv_vault_close (vault);
  rv_test_rm_rf (dir);
  return 0;
}
