/* bench-gui-startup.c: launch to first frame with codes, and resident memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Creates a vault with N accounts and keyring unlock, then starts the real
 * app several times with RV_BENCH_STARTUP=1 (the window prints the time
 * from main() to the first painted frame with codes, and VmRSS, then
 * quits). Needs a display and an unlocked Secret Service (tools/test's
 * session); without them it says so and exits 77 (skipped).
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "rv-demo.h"
#include "rv-kdf.h"
#include "rv-test-util.h"
#include "rv-vault.h"

#define RUNS 7

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

static gboolean
make_vault (const char *path,
            guint       n)
{
  g_autoptr(RvSecret) password = rv_secret_new_from_string ("bench password");
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVault) vault = NULL;
  RvKdfParams kdf;

  /* Keyring unlock skips the password KDF anyway: keep creation cheap. */
  rv_kdf_params_interactive (&kdf);
  vault = rv_vault_create_full (path, password, &kdf, &error);
  g_assert_no_error (error);
  rv_demo_add_generated (vault, n);
  rv_vault_save (vault, &error);
  g_assert_no_error (error);

  if (!rv_vault_enable_keyring (vault, NULL, &error))
    {
      g_print ("# skipped: no Secret Service (%s)\n", error->message);
      return FALSE;
    }

  rv_vault_close (vault);
  return TRUE;
}

static gboolean
run_once (const char *app,
          const char *path,
          double     *ms,
          double     *unlocked_ms,
          double     *cpu_ms,
          double     *rss_kb)
{
  const char *argv[] = { app, "--vault", path, NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *line;
  int status;

  envp = g_environ_setenv (envp, "RV_BENCH_STARTUP", "1", TRUE);
  if (!g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, &err, &status, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }

  line = strstr (out, "startup-ms ");
  if (line == NULL)
    {
      g_printerr ("no measurement; stdout: %s\nstderr: %s\n", out, err);
      return FALSE;
    }
  *ms = g_ascii_strtod (line + strlen ("startup-ms "), NULL);
  line = strstr (out, "unlocked-ms ");
  *unlocked_ms = line ? g_ascii_strtod (line + strlen ("unlocked-ms "), NULL) : -1;
  line = strstr (out, "cpu-ms ");
  *cpu_ms = line ? g_ascii_strtod (line + strlen ("cpu-ms "), NULL) : -1;
  line = strstr (out, "rss-kb ");
  *rss_kb = line ? g_ascii_strtod (line + strlen ("rss-kb "), NULL) : -1;
  return TRUE;
}

static int
bench (const char *app,
       guint       n)
{
  g_autofree char *dir = rv_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "bench.rvault", NULL);
  double ms[RUNS], unlocked[RUNS], cpu[RUNS], rss[RUNS];

  if (!make_vault (path, n))
    {
      rv_test_rm_rf (dir);
      return 77;
    }

  for (guint i = 0; i < RUNS; i++)
    {
      if (!run_once (app, path, &ms[i], &unlocked[i], &cpu[i], &rss[i]))
        {
          rv_test_rm_rf (dir);
          return 1;
        }
    }

  g_print ("accounts %u: launch to first frame with codes %.1f ms (median of %u; "
           "vault unlocked at %.1f ms; CPU time %.1f ms), VmRSS %.0f KiB\n",
           n, median (ms, RUNS), RUNS, median (unlocked, RUNS), median (cpu, RUNS),
           median (rss, RUNS));
  rv_test_rm_rf (dir);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  const char *app = g_getenv ("RV_GUI_APP");
  int status;

  if (app == NULL || g_getenv ("DISPLAY") == NULL)
    {
      g_print ("# skipped: needs RV_GUI_APP and a display\n");
      return 77;
    }

  status = bench (app, g_getenv ("RV_BENCH_N") ? atoi (g_getenv ("RV_BENCH_N")) : 1000);
  if (status == 0)
    status = bench (app, 10000);

  return status;
}
