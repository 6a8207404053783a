/* bench-gui-filter.c: one search keystroke over 10,000 accounts, as the
 * user sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Types into the account list's own search entry, one keystroke every
 * 80 ms (a fast typist), and measures from the keystroke to the end of the
 * first painted frame after the list has the complete result (as many
 * items as accounts match, counted beforehand with the core's rule, and no
 * pending filtering): the entry's search delay, the filter pass, the list
 * view's relayout and re-binding, and the paint. The goal is one frame
 * (16 ms). Also the filter pass alone. Once per desktop set-up
 * (rv_bench_run_setups). Needs a display.
 */
#include "config.h"

#include <adwaita.h>

#include "rv-account-list.h"
#include "rv-bench-util.h"
#include "rv-demo.h"
#include "rv-kdf.h"
#include "rv-test-util.h"

#define N_ACCOUNTS   10000
#define KEY_GAP_MS   80
#define FRAME_MS     16.0

static const char *keystrokes[] = {
  "s", "se", "ser", "serv", "servi", "servic", "service", "service ", "service 1",
  "service 12", "service 123", "service 12", "service 1", "service", "serv", "s", "",
  "u", "us", "use", "user", "user9", "user99", "user999", "user99", "user9", "user", "",
};

static GtkWidget *
find_search_entry (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_search_entry (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* How many accounts the search finds, by the core's rule. */
static guint
count_matches (GListModel *accounts,
               const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (accounts, i);

      n += rv_account_matches (account, folded);
    }
  return n;
}

static gboolean
gap_done_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
idle_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, gap_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Keystroke to the painted, complete result. */
static void
type_all (GtkWidget     *window,
          RvAccountList *list,
          GListModel    *accounts,
          double        *wall_median,
          double        *cpu_median,
          double        *worst)
{
  GtkFilterListModel *model = GTK_FILTER_LIST_MODEL (rv_account_list_get_model (list));
  GtkWidget *entry = find_search_entry (GTK_WIDGET (list));
  double wall[G_N_ELEMENTS (keystrokes)];
  double cpu[G_N_ELEMENTS (keystrokes)];
  guint expected[G_N_ELEMENTS (keystrokes)];

  g_assert_nonnull (entry);
  for (guint i = 0; i < G_N_ELEMENTS (keystrokes); i++)
    expected[i] = count_matches (accounts, keystrokes[i]);
  rv_account_list_focus_search (list);
  idle_for (KEY_GAP_MS);

  *worst = 0;
  for (guint i = 0; i < G_N_ELEMENTS (keystrokes); i++)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu_start = rv_bench_thread_cpu_ms ();

      gtk_editable_set_text (GTK_EDITABLE (entry), keystrokes[i]);
      while (g_list_model_get_n_items (G_LIST_MODEL (model)) != expected[i] ||
             gtk_filter_list_model_get_pending (model) > 0)
        g_main_context_iteration (NULL, TRUE);
      rv_bench_wait_frame (window);
      wall[i] = (g_get_monotonic_time () - start) / 1000.0;
      cpu[i] = rv_bench_thread_cpu_ms () - cpu_start;
      *worst = MAX (*worst, wall[i]);
      if (g_getenv ("RV_BENCH_VERBOSE") != NULL)
        g_print ("# \"%s\": %.1f ms (CPU %.1f ms), %u rows bound\n", keystrokes[i], wall[i],
                 cpu[i], rv_account_list_get_n_bound_rows (list));

      idle_for (KEY_GAP_MS);
    }

  *cpu_median = rv_bench_median (cpu, G_N_ELEMENTS (keystrokes));
  *wall_median = rv_bench_median (wall, G_N_ELEMENTS (keystrokes));
}

/* A frame with nothing changed, in the same window: what the renderer costs
 * at all, the floor under a keystroke's frame. */
static double
idle_frame (GtkWidget *window)
{
  double samples[G_N_ELEMENTS (keystrokes)];

  for (guint i = 0; i < G_N_ELEMENTS (keystrokes); i++)
    {
      gint64 start = g_get_monotonic_time ();

      rv_bench_wait_frame (window);
      samples[i] = (g_get_monotonic_time () - start) / 1000.0;
      idle_for (KEY_GAP_MS);
    }
  return rv_bench_median (samples, G_N_ELEMENTS (keystrokes));
}

/* The filter pass alone, without the entry or a frame. */
static double
filter_only (RvAccountList *list)
{
  GtkFilterListModel *model = GTK_FILTER_LIST_MODEL (rv_account_list_get_model (list));
  double samples[G_N_ELEMENTS (keystrokes)];

  for (guint i = 0; i < G_N_ELEMENTS (keystrokes); i++)
    {
      double start = rv_bench_thread_cpu_ms ();

      rv_account_list_set_search_text (list, keystrokes[i]);
      while (gtk_filter_list_model_get_pending (model) > 0)
        g_main_context_iteration (NULL, TRUE);
      samples[i] = rv_bench_thread_cpu_ms () - start;
      if (g_getenv ("RV_BENCH_VERBOSE") != NULL)
        g_print ("# pass \"%s\": %.1f ms CPU, %u shown\n", keystrokes[i], samples[i],
                 g_list_model_get_n_items (G_LIST_MODEL (model)));
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  rv_account_list_set_search_text (list, "");
  return rv_bench_median (samples, G_N_ELEMENTS (keystrokes));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(RvSecret) password = NULL;
  g_autoptr(RvVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  GtkWidget *list;
  RvKdfParams kdf;
  double wall, cpu, worst, pass, floor;
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
  path = g_build_filename (dir, "bench.rvault", NULL);
  password = rv_secret_new_from_string ("bench password");
  rv_kdf_params_interactive (&kdf);
  vault = rv_vault_create_full (path, password, &kdf, &error);
  g_assert_no_error (error);
  rv_demo_add_generated (vault, N_ACCOUNTS);

  window = adw_window_new ();
  list = rv_account_list_new ();
  adw_window_set_content (ADW_WINDOW (window), list);
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 720);
  rv_account_list_set_vault (RV_ACCOUNT_LIST (list), vault);
  gtk_window_present (GTK_WINDOW (window));
  rv_bench_wait_frame (window);

  type_all (window, RV_ACCOUNT_LIST (list), rv_vault_get_accounts (vault), &wall, &cpu, &worst);
  pass = filter_only (RV_ACCOUNT_LIST (list));
  floor = idle_frame (window);
  g_print ("filter keystroke over %u accounts (%s), typed into the search entry to the "
           "painted complete result: median %.1f ms = %.2f frames of %.0f ms (CPU %.1f ms; "
           "slowest %.1f ms; %u keystrokes); the filter pass alone %.2f ms CPU; a frame with "
           "nothing changed %.1f ms, so a keystroke adds %.1f ms\n",
           N_ACCOUNTS, rv_bench_setup_name (), wall, wall / FRAME_MS, FRAME_MS, cpu, worst,
           (guint) G_N_ELEMENTS (keystrokes), pass, floor, wall - floor);

  gtk_window_destroy (GTK_WINDOW (window));
  rv_vault_close (vault);
  rv_test_rm_rf (dir);
  return 0;
}
