/* bench-backup.c: a verified encrypted backup of 10,000 accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * rv_backup_export() derives the backup password's key twice (to write the
 * copy, then to re-open it for the comparison). The vault API has no
 * pre-derived-key path, so each round also times one derivation with the
 * same parameters, and the round's export minus two derivations is the
 * figure "excluding key derivation". Wall and CPU time (of this thread) are
 * both reported: CPU time does not count waiting for a busy machine's cores
 * or for fsync().
 */
#include "config.h"

#include <stdio.h>
#include <time.h>

#include "rv-backup.h"
#include "rv-backup-private.h"
#include "rv-kdf.h"
#include "rv-test-util.h"

#define ROUNDS      9
#define N_ACCOUNTS  10000

typedef struct
{
  double wall;
  double cpu;
} Sample;

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
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static Sample
now (void)
{
  return (Sample) { g_get_monotonic_time () / 1000.0, cpu_ms () };
}

static Sample
since (Sample start)
{
  Sample end = now ();

  return (Sample) { end.wall - start.wall, end.cpu - start.cpu };
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

static Sample
time_kdf (const RvSecret *password)
{
  guint8 salt[RV_KDF_SALT_BYTES] = { 1 };
  RvKdfParams params;
  Sample start;
  g_autoptr(RvSecret) key = NULL;

  rv_kdf_get_calibrated (&params);
  start = now ();
  key = rv_kdf_derive (password, salt, &params, NULL);
  g_assert_nonnull (key);
  return since (start);
}

static void
report (const char *what,
        double     *wall,
        double     *cpu)
{
  double w = median (wall, ROUNDS);
  double c = median (cpu, ROUNDS);

  printf ("%-58s median %8.1f ms wall, %8.1f ms CPU\n", what, w, c);
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
  double export_wall[ROUNDS], export_cpu[ROUNDS], net_wall[ROUNDS], net_cpu[ROUNDS];
  double kdf_wall[ROUNDS], kdf_cpu[ROUNDS], copy_wall[ROUNDS], copy_cpu[ROUNDS];
  double open_wall[ROUNDS], open_cpu[ROUNDS], cmp_wall[ROUNDS], cmp_cpu[ROUNDS];
  double save_wall[ROUNDS], save_cpu[ROUNDS], verify_wall[ROUNDS], verify_cpu[ROUNDS];

  vault = rv_vault_create (path, password, &error);
  g_assert_no_error (error);
  fill (vault);
  g_assert_true (rv_vault_save (vault, &error));

  for (guint r = 0; r < ROUNDS; r++)
    {
      g_autoptr(RvVault) copy = NULL;
      Sample kdf = time_kdf (backup_password);
      Sample start = now ();
      Sample t;

      if (!rv_backup_export (vault, backup, backup_password, NULL, &error))
        g_error ("export failed: %s", error->message);
      t = since (start);
      export_wall[r] = t.wall, export_cpu[r] = t.cpu;
      kdf_wall[r] = kdf.wall, kdf_cpu[r] = kdf.cpu;
      net_wall[r] = t.wall - 2 * kdf.wall, net_cpu[r] = t.cpu - 2 * kdf.cpu;

      start = now ();
      if (!rv_backup_verify (backup, backup_password, NULL, &error))
        g_error ("verify failed: %s", error->message);
      t = since (start);
      verify_wall[r] = t.wall, verify_cpu[r] = t.cpu;

      /* The parts, each on its own. */
      start = now ();
      g_assert_true (rv_vault_save_copy (vault, backup, backup_password, NULL));
      t = since (start);
      copy_wall[r] = t.wall, copy_cpu[r] = t.cpu;
      start = now ();
      copy = rv_vault_open (backup, backup_password, NULL);
      g_assert_nonnull (copy);
      t = since (start);
      open_wall[r] = t.wall, open_cpu[r] = t.cpu;
      start = now ();
      g_assert_true (rv_backup_compare (vault, copy, NULL));
      t = since (start);
      cmp_wall[r] = t.wall, cmp_cpu[r] = t.cpu;
      rv_vault_close (copy);
      start = now ();
      rv_vault_mark_dirty (vault);
      g_assert_true (rv_vault_save (vault, NULL));
      t = since (start);
      save_wall[r] = t.wall, save_cpu[r] = t.cpu;
    }

  printf ("%u accounts, %u rounds, RV_KDF_TARGET_MS=%s\n", N_ACCOUNTS, ROUNDS,
          g_getenv ("RV_KDF_TARGET_MS") ? g_getenv ("RV_KDF_TARGET_MS") : "(unset)");
  report ("key derivation (one)", kdf_wall, kdf_cpu);
  report ("verified encrypted export, with its 2 derivations", export_wall, export_cpu);
  report ("verified encrypted export EXCLUDING key derivation", net_wall, net_cpu);
  printf ("  (target <= 300 ms)\n");
  report ("verify-backup (1 derivation)", verify_wall, verify_cpu);
  report ("  part: rv_vault_save_copy (1 derivation)", copy_wall, copy_cpu);
  report ("  part: rv_vault_open of the copy (1 derivation)", open_wall, open_cpu);
  report ("  part: entry-by-entry comparison", cmp_wall, cmp_cpu);
  report ("  part: rv_vault_save recording the export", save_wall, save_cpu);

  rv_vault_close (vault);
  rv_test_rm_rf (dir);
  return 0;
}
