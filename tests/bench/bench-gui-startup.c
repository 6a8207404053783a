/* bench-gui-startup.c: launch to first frame with codes, and resident
 * memory, next to a bare libadwaita window started the same way
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Creates a vault with 10,000 accounts and keyring unlock, then starts, in
 * turn, the real app with RV_BENCH_STARTUP=1 (the window prints the time
 * from main() to the first painted frame with codes, and VmRSS, then quits)
 * and this program as a bare window (an AdwApplication whose window has a
 * header bar and a list of 12 rows; it prints the same from its main()).
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

static gint64 bare_start;

static void
bare_painted_cb (GdkFrameClock *clock,
                 GApplication  *app)
{
  g_print ("startup-ms %.1f\nrss-kb %" G_GINT64_FORMAT "\n",
           (g_get_monotonic_time () - bare_start) / 1000.0, rv_bench_rss_kb ());
  g_signal_handlers_disconnect_by_func (clock, bare_painted_cb, app);
  g_application_quit (app);
}

static void
bare_map_cb (GtkWidget    *window,
             GApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (bare_painted_cb), app);
}

static void
bare_activate_cb (GApplication *app)
{
  GtkWidget *window = rv_bench_bare_window_new (GTK_APPLICATION (app));

  g_signal_connect (window, "map", G_CALLBACK (bare_map_cb), app);
  gtk_window_present (GTK_WINDOW (window));
}

/* The comparison, started as a process of its own like the app. */
static int
bare_main (void)
{
  g_autoptr(AdwApplication) app = NULL;

  bare_start = g_get_monotonic_time ();
  app = adw_application_new ("com.example.RecoveryVault.BenchBare", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (bare_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), 0, NULL);
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

static double
read_value (const char *out,
            const char *name)
{
  const char *line = strstr (out, name);

  return line != NULL ? g_ascii_strtod (line + strlen (name), NULL) : -1;
}

typedef struct
{
  double ms, unlocked_ms, cpu_ms, rss_kb;
} Sample;

static gboolean
run_once (const char * const *argv,
          Sample             *sample)
{
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  envp = g_environ_setenv (envp, "RV_BENCH_STARTUP", "1", TRUE);
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
  sample->ms = read_value (out, "startup-ms ");
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
       const char *self,
       guint       n)
{
  g_autofree char *dir = rv_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "bench.rvault", NULL);
  const char *app_argv[] = { app, "--vault", path, NULL };
  const char *bare_argv[] = { self, "--bare", NULL };
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
           "vault unlocked at %.1f ms; CPU time %.1f ms), bare window %.1f ms: "
           "ratio %.2f (goal <= %.1f)\n",
           n, rv_bench_setup_name (), app_ms, RUNS,
           median_of (apps, G_STRUCT_OFFSET (Sample, unlocked_ms)),
           median_of (apps, G_STRUCT_OFFSET (Sample, cpu_ms)), bare_ms, app_ms / bare_ms,
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
  g_autofree char *self = NULL;
  int status;

  if (argc > 1 && g_str_equal (argv[1], "--bare"))
    return bare_main ();

  if (app == NULL || g_getenv ("DISPLAY") == NULL)
    {
      g_print ("# skipped: needs RV_GUI_APP and a display\n");
      return 77;
    }
  if ((status = rv_bench_run_setups (argc, argv)) >= 0)
    return status;

  self = g_file_read_link ("/proc/self/exe", NULL);
  status = bench (app, self != NULL ? self : argv[0],
                  g_getenv ("RV_BENCH_N") ? atoi (g_getenv ("RV_BENCH_N")) : N_ACCOUNTS);
  return status;
}
