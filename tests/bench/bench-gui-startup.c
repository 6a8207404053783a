/* bench-gui-startup.c: launch to first frame with codes, and resident
 * memory, next to a bare libadwaita window started the same way
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Creates a vault with 10,000 accounts and keyring unlock, then starts, in
 * turn, the real app with RV_BENCH_STARTUP=1 (the window prints the time
 * to the first painted frame with codes, and VmRSS, then quits) and
 * bench-gui-bare, a program linked with libadwaita alone whose window has a
 * header bar and a list of 12 rows (it prints the same). Both count from
 * the moment this program spawns them (RV_BENCH_SPAWNED_AT, monotonic µs),
 * as a user counts from the click: loading shared libraries is included.
 * Medians of RUNS each, and their ratios: the goals are launch at most 1.2×
 * the bare window's and VmRSS at most the bare window's + 40 MB. Once per
 * desktop set-up (rv_bench_run_setups). Needs a display and an unlocked
 * Secret Service (tools/test's session); without them it says so and exits
 * 77 (skipped).
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "rv-bench-util.h"
#include "rv-demo.h"
#include "rv-kdf.h"
#include "rv-test-util.h"
#include "rv-vault.h"

#define RUNS 9
#define N_ACCOUNTS 10000
#define MAX_RATIO 1.2
#define MAX_EXTRA_MB 40

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

static double
read_value (const char *out,
            const char *name)
{
  const char *line = strstr (out, name);

  return line != NULL ? g_ascii_strtod (line + strlen (name), NULL) : -1;
}

typedef struct
{
  double ms, main_ms, unlocked_ms, cpu_ms, rss_kb;
} Sample;

static gboolean
run_once (const char * const *argv,
          Sample             *sample)
{
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *spawned_at = NULL;
  int status;

  envp = g_environ_setenv (envp, "RV_BENCH_STARTUP", "1", TRUE);
  spawned_at = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_monotonic_time ());
  envp = g_environ_setenv (envp, "RV_BENCH_SPAWNED_AT", spawned_at, TRUE);
  if (!g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, &err, &status, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  if (strstr (out, "startup-ms ") == NULL)
    {
      g_printerr ("%s: no measurement; stdout: %s\nstderr: %s\n", argv[0], out, err);
      return FALSE;
    }
  /* RV_BENCH_VERBOSE=1: what the app printed on stderr. */
  if (g_getenv ("RV_BENCH_VERBOSE") != NULL && err != NULL && *err != '\0')
    g_printerr ("%s: %s", argv[0], err);
  sample->ms = read_value (out, "startup-ms ");
  sample->main_ms = read_value (out, "main-ms ");
  sample->unlocked_ms = read_value (out, "unlocked-ms ");
  sample->cpu_ms = read_value (out, "cpu-ms ");
  sample->rss_kb = read_value (out, "rss-kb ");
  return TRUE;
}

static double
median_of (Sample *samples,
           gsize   offset)
{
  double values[RUNS];

  for (guint i = 0; i < RUNS; i++)
    values[i] = *(double *) ((char *) &samples[i] + offset);
  return rv_bench_median (values, RUNS);
}

static int
bench (const char *app,
       const char *bare,
       guint       n)
{
  g_autofree char *dir = rv_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "bench.rvault", NULL);
  const char *app_argv[] = { app, "--vault", path, NULL };
  const char *bare_argv[] = { bare, NULL };
  Sample apps[RUNS], bares[RUNS];
  double app_ms, bare_ms, app_rss, bare_rss;

  if (!make_vault (path, n))
    {
      rv_test_rm_rf (dir);
      return 77;
    }

  /* In turn, so both see the same load on a shared machine. */
  for (guint i = 0; i < RUNS; i++)
    {
      if (!run_once (bare_argv, &bares[i]) || !run_once (app_argv, &apps[i]))
        {
          rv_test_rm_rf (dir);
          return 1;
        }
    }

  app_ms = median_of (apps, G_STRUCT_OFFSET (Sample, ms));
  bare_ms = median_of (bares, G_STRUCT_OFFSET (Sample, ms));
  app_rss = median_of (apps, G_STRUCT_OFFSET (Sample, rss_kb));
  bare_rss = median_of (bares, G_STRUCT_OFFSET (Sample, rss_kb));
  g_print ("accounts %u (%s): launch to first frame with codes %.1f ms (median of %u; "
           "main() at %.1f ms, vault unlocked at %.1f ms; CPU time %.1f ms), "
           "bare window %.1f ms (main() at %.1f ms): ratio %.2f (goal <= %.1f)\n",
           n, rv_bench_setup_name (), app_ms, RUNS,
           median_of (apps, G_STRUCT_OFFSET (Sample, main_ms)),
           median_of (apps, G_STRUCT_OFFSET (Sample, unlocked_ms)),
           median_of (apps, G_STRUCT_OFFSET (Sample, cpu_ms)), bare_ms,
           median_of (bares, G_STRUCT_OFFSET (Sample, main_ms)), app_ms / bare_ms,
           MAX_RATIO);
  g_print ("accounts %u (%s): VmRSS %.0f KiB, bare window %.0f KiB: +%.1f MB "
           "(goal <= +%d MB)\n",
           n, rv_bench_setup_name (), app_rss, bare_rss, (app_rss - bare_rss) / 1024.0,
           MAX_EXTRA_MB);
  rv_test_rm_rf (dir);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  const char *app = g_getenv ("RV_GUI_APP");
  const char *bare = g_getenv ("RV_BENCH_BARE");
  int status;

  if (app == NULL || bare == NULL || g_getenv ("DISPLAY") == NULL)
    {
      g_print ("# skipped: needs RV_GUI_APP, RV_BENCH_BARE and a display\n");
      return 77;
    }
  if ((status = rv_bench_run_setups (argc, argv)) >= 0)
    return status;

  status = bench (app, bare,
                  g_getenv ("RV_BENCH_N") ? atoi (g_getenv ("RV_BENCH_N")) : N_ACCOUNTS);
  return status;
}
