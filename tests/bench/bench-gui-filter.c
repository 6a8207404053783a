/* bench-gui-filter.c: one search keystroke over 10,000 accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Measures, in process, the work behind a keystroke in the account list:
 * the filter re-run over every account (casefolded match), done at once
 * (incremental filtering off: the worst case) and the time until the
 * incremental filter has finished. Needs a display.
 */
#include "config.h"

#include <adwaita.h>
#include <time.h>

#include "rv-account-list.h"
#include "rv-demo.h"
#include "rv-kdf.h"
#include "rv-test-util.h"

#define N_ACCOUNTS 10000

static const char *keystrokes[] = {
  "s", "se", "ser", "serv", "servi", "servic", "service", "service ", "service 1",
  "service 12", "service 123", "service 12", "service 1", "service", "serv", "s", "",
  "u", "us", "use", "user", "user9", "user99", "user999", "user99", "user9", "user", "",
};

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

/* Thread CPU time: wall time on a shared, loaded machine mostly measures
 * the other processes. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static double
type_all (RvAccountList *list,
          gboolean       incremental,
          double        *cpu_median)
{
  GtkFilterListModel *model = GTK_FILTER_LIST_MODEL (rv_account_list_get_model (list));
  double samples[G_N_ELEMENTS (keystrokes)];
  double cpu[G_N_ELEMENTS (keystrokes)];

  gtk_filter_list_model_set_incremental (model, incremental);

  for (guint i = 0; i < G_N_ELEMENTS (keystrokes); i++)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_ms ();

      rv_account_list_set_search_text (list, keystrokes[i]);
      while (gtk_filter_list_model_get_pending (model) > 0)
        g_main_context_iteration (NULL, TRUE);
      samples[i] = (g_get_monotonic_time () - start) / 1000.0;
      cpu[i] = cpu_ms () - cpu_start;

      /* Let the list view catch up, as between real keystrokes. */
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }

  *cpu_median = median (cpu, G_N_ELEMENTS (keystrokes));
  return median (samples, G_N_ELEMENTS (keystrokes));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(RvSecret) password = rv_secret_new_from_string ("bench password");
  g_autoptr(RvVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  GtkWidget *list;
  RvKdfParams kdf;
  double wall, cpu;

  if (g_getenv ("DISPLAY") == NULL)
    {
      g_print ("# skipped: needs a display\n");
      return 77;
    }

  gtk_init ();
  adw_init ();

  dir = rv_test_make_tmpdir ();
  path = g_build_filename (dir, "bench.rvault", NULL);
  rv_kdf_params_interactive (&kdf);
  vault = rv_vault_create_full (path, password, &kdf, &error);
  g_assert_no_error (error);
  rv_demo_add_generated (vault, N_ACCOUNTS);

  window = gtk_window_new ();
  list = rv_account_list_new ();
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 720);
  rv_account_list_set_vault (RV_ACCOUNT_LIST (list), vault);
  gtk_window_present (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  wall = type_all (RV_ACCOUNT_LIST (list), FALSE, &cpu);
  g_print ("filter keystroke over %u accounts, all at once: %.2f ms (median of %u; "
           "CPU %.2f ms)\n", N_ACCOUNTS, wall, (guint) G_N_ELEMENTS (keystrokes), cpu);
  wall = type_all (RV_ACCOUNT_LIST (list), TRUE, &cpu);
  g_print ("filter keystroke over %u accounts, incremental until done: %.2f ms (median; "
           "CPU %.2f ms)\n", N_ACCOUNTS, wall, cpu);

  gtk_window_destroy (GTK_WINDOW (window));
  rv_vault_close (vault);
  rv_test_rm_rf (dir);
  return 0;
}
