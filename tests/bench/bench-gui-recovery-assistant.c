/* bench-gui-recovery-assistant.c: “I’m Locked Out” opened and closed over
 * 10,000 accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Measures, in process, the time from rv_recovery_assistant_new() to the
 * assistant's first painted frame, and from gtk_window_destroy() until it
 * is finalized, with 10 and with 10,000 accounts in the vault (medians of
 * RUNS), and the ratio between the two. Step 1 used to make one row per
 * account (about 20 s to open and 11 s to close at 10,000). The goal is
 * one frame (16 ms) at 10,000. Once per desktop set-up
 * (rv_bench_run_setups). Needs a display.
 */
#include "config.h"

#include <adwaita.h>

#include "rv-bench-util.h"
#include "rv-demo.h"
#include "rv-kdf.h"
#include "rv-recovery-assistant.h"
#include "rv-test-util.h"

#define RUNS 7

static void
measure (RvVault *vault,
         double  *open_ms,
         double  *close_ms)
{
  double opens[RUNS], closes[RUNS];

  for (guint run = 0; run < RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();
      GtkWidget *assistant = rv_recovery_assistant_new (NULL, vault, NULL);

      g_object_ref_sink (assistant);
      gtk_window_present (GTK_WINDOW (assistant));
      rv_bench_wait_frame (assistant);
      opens[run] = (g_get_monotonic_time () - start) / 1000.0;

      start = g_get_monotonic_time ();
      gtk_window_destroy (GTK_WINDOW (assistant));
      g_object_unref (assistant);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      closes[run] = (g_get_monotonic_time () - start) / 1000.0;
    }
  *open_ms = rv_bench_median (opens, RUNS);
  *close_ms = rv_bench_median (closes, RUNS);
}

static RvVault *
make_vault (const char *dir,
            guint       n)
{
  g_autofree char *name = g_strdup_printf ("bench-%u.rvault", n);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(RvSecret) password = rv_secret_new_from_string ("bench password");
  g_autoptr(GError) error = NULL;
  RvVault *vault;
  RvKdfParams kdf;

  rv_kdf_params_interactive (&kdf);
  vault = rv_vault_create_full (path, password, &kdf, &error);
  g_assert_no_error (error);
  rv_demo_add_generated (vault, n);
  return vault;
}

int
main (int   argc,
      char *argv[])
{
  const guint sizes[] = { 10, 10000 };
  double open_ms[G_N_ELEMENTS (sizes)], close_ms[G_N_ELEMENTS (sizes)];
  g_autofree char *dir = NULL;
  int status;

  if (g_getenv ("DISPLAY") == NULL)
    {
      g_print ("# skipped: needs a display\n");
      return 77;
    }
  if ((status = rv_bench_run_setups (argc, argv)) >= 0)
    return status;

  gtk_init ();
  adw_init ();
  dir = rv_test_make_tmpdir ();

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(RvVault) vault = make_vault (dir, sizes[i]);

      measure (vault, &open_ms[i], &close_ms[i]);
      g_print ("recovery assistant, %u accounts (%s): open to first frame %.1f ms = %.2f "
               "frames of 16 ms, close %.1f ms (medians of %u)\n", sizes[i],
               rv_bench_setup_name (), open_ms[i], open_ms[i] / 16.0, close_ms[i], RUNS);
      rv_vault_close (vault);
    }
  /* Any new window costs its realization and first layout; what the vault's
   * size adds must stay within a frame. */
  g_print ("10,000 vs 10 accounts (%s): open %.2fx (+%.1f ms, goal <= +16 ms), close %.2fx\n",
           rv_bench_setup_name (), open_ms[1] / open_ms[0], open_ms[1] - open_ms[0],
           close_ms[1] / MAX (close_ms[0], 0.001));

  rv_test_rm_rf (dir);
  return 0;
}
