/* bench-gui-recovery-assistant.c: “I’m Locked Out” opened and closed over
 * 10,000 accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Measures, in process, the time from rv_recovery_assistant_new() to the
 * assistant's first painted frame, and from gtk_window_destroy() until it
 * is finalized, with 10 and with 10,000 accounts in the vault (medians of
 * RUNS), and the ratio between the two. Step 1 used to make one row per
 * account (about 20 s to open and 11 s to close at 10,000). Needs a
 * display.
 */
#include "config.h"

#include <adwaita.h>

#include "rv-demo.h"
#include "rv-kdf.h"
#include "rv-recovery-assistant.h"
#include "rv-test-util.h"

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

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

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
      gboolean painted = FALSE;
      GdkFrameClock *clock;
      gulong handler;

      g_object_ref_sink (assistant);
      gtk_window_present (GTK_WINDOW (assistant));
      while (!gtk_widget_get_mapped (assistant))
        g_main_context_iteration (NULL, TRUE);
      clock = gtk_widget_get_frame_clock (assistant);
      handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
      while (!painted)
        g_main_context_iteration (NULL, TRUE);
      opens[run] = (g_get_monotonic_time () - start) / 1000.0;
      g_signal_handler_disconnect (clock, handler);

      start = g_get_monotonic_time ();
      gtk_window_destroy (GTK_WINDOW (assistant));
      g_object_unref (assistant);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      closes[run] = (g_get_monotonic_time () - start) / 1000.0;
    }
  *open_ms = median (opens, RUNS);
  *close_ms = median (closes, RUNS);
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

  if (g_getenv ("DISPLAY") == NULL)
    {
      g_print ("# skipped: needs a display\n");
      return 77;
    }

  gtk_init ();
  adw_init ();
  dir = rv_test_make_tmpdir ();

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(RvVault) vault = make_vault (dir, sizes[i]);

      measure (vault, &open_ms[i], &close_ms[i]);
      g_print ("recovery assistant, %u accounts: open to first frame %.1f ms, close %.1f ms "
               "(medians of %u)\n", sizes[i], open_ms[i], close_ms[i], RUNS);
      rv_vault_close (vault);
    }
  g_print ("10,000 vs 10 accounts: open %.2fx, close %.2fx\n",
           open_ms[1] / open_ms[0], close_ms[1] / MAX (close_ms[0], 0.001));

  rv_test_rm_rf (dir);
  return 0;
}
