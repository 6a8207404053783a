/* bench-gui-filter.c: one search keystroke over 10,000 accounts, as the
 * user sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Types into the account list's own search entry as a fast typist does,
 * a keystroke every 80 ms on average, and measures from the keystroke to
 * the end of the first painted frame after the list has the complete
 * result (as many items as accounts match, counted beforehand with the
 * core's rule, and no pending filtering): the entry's search delay, the
 * filter pass, the list view's relayout and re-binding, and the paint. The
 * goal is one frame (16 ms), and the complete result in the first frame
 * after the keystroke. Also the filter pass alone. Once per desktop set-up
 * (rv_bench_run_setups). Needs a display.
 *
 * The gaps between keystrokes vary (50 to 110 ms, from a fixed seed), as a
 * person's do. GDK paints on a 60 Hz grid of frames even when idle, so a
 * keystroke waits for the next slot of that grid (8 ms on average) before
 * its frame starts; gaps of exactly 80 ms (4.8 frames) would put every
 * keystroke at the same few places in the frame and measure those places
 * rather than the app.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "rv-account-list.h"
#include "rv-bench-util.h"
#include "rv-demo.h"
#include "rv-kdf.h"
#include "rv-test-util.h"

#define N_ACCOUNTS   10000
#define KEY_GAP_MS   80
#define KEY_GAP_MIN  50
#define KEY_GAP_MAX  110
#define ROUNDS       3
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

/* When the frame clock's phases of the last frame began, in ms since the
 * keystroke (RV_BENCH_VERBOSE): where a slow keystroke's time went. */
static gint64 phase_origin;
static double phase_at[3];

static void
update_cb (GdkFrameClock *clock)
{
  phase_at[0] = (g_get_monotonic_time () - phase_origin) / 1000.0;
}

static void
layout_cb (GdkFrameClock *clock)
{
  phase_at[1] = (g_get_monotonic_time () - phase_origin) / 1000.0;
}

static void
paint_cb (GdkFrameClock *clock)
{
  phase_at[2] = (g_get_monotonic_time () - phase_origin) / 1000.0;
}

typedef struct
{
  double wall_median;
  double cpu_median;
  double worst;
  guint  n;
  guint  first_frame;   /* keystrokes whose complete result was in the first frame after it */
} Typed;

/* Keystroke to the painted, complete result. */
static void
type_all (GtkWidget     *window,
          RvAccountList *list,
          GListModel    *accounts,
          Typed         *typed)
{
  enum { N_KEYS = G_N_ELEMENTS (keystrokes) };
  GtkFilterListModel *model = GTK_FILTER_LIST_MODEL (rv_account_list_get_model (list));
  GtkWidget *entry = find_search_entry (GTK_WIDGET (list));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gboolean verbose = g_getenv ("RV_BENCH_VERBOSE") != NULL;
  g_autoptr(GRand) gaps = g_rand_new_with_seed (80);
  double wall[N_KEYS * ROUNDS];
  double cpu[N_KEYS * ROUNDS];
  guint expected[N_KEYS];

  g_assert_nonnull (entry);
  for (guint i = 0; i < N_KEYS; i++)
    expected[i] = count_matches (accounts, keystrokes[i]);
  if (verbose)
    {
      g_signal_connect (clock, "update", G_CALLBACK (update_cb), NULL);
      g_signal_connect (clock, "layout", G_CALLBACK (layout_cb), NULL);
      g_signal_connect (clock, "paint", G_CALLBACK (paint_cb), NULL);
    }
  rv_account_list_focus_search (list);
  idle_for (KEY_GAP_MS);

  memset (typed, 0, sizeof *typed);
  for (guint k = 0; k < N_KEYS * ROUNDS; k++)
    {
      guint i = k % N_KEYS;
      gint64 start = g_get_monotonic_time ();
      gint64 frame = gdk_frame_clock_get_frame_counter (clock);
      double cpu_start = rv_bench_thread_cpu_ms ();
      double filtered;

      phase_origin = start;
      gtk_editable_set_text (GTK_EDITABLE (entry), keystrokes[i]);
      while (g_list_model_get_n_items (G_LIST_MODEL (model)) != expected[i] ||
             gtk_filter_list_model_get_pending (model) > 0)
        g_main_context_iteration (NULL, TRUE);
      filtered = (g_get_monotonic_time () - start) / 1000.0;
      rv_bench_wait_frame (window);
      wall[k] = (g_get_monotonic_time () - start) / 1000.0;
      cpu[k] = rv_bench_thread_cpu_ms () - cpu_start;
      typed->worst = MAX (typed->worst, wall[k]);
      typed->first_frame += gdk_frame_clock_get_frame_counter (clock) - frame == 1;
      if (verbose)
        g_print ("# \"%s\": %.1f ms (CPU %.1f ms), %u rows bound, frame %" G_GINT64_FORMAT
                 " after the keystroke; filtered at %.1f ms, frame's update %.1f, layout %.1f, "
                 "paint %.1f\n",
                 keystrokes[i], wall[k], cpu[k], rv_account_list_get_n_bound_rows (list),
                 gdk_frame_clock_get_frame_counter (clock) - frame, filtered, phase_at[0],
                 phase_at[1], phase_at[2]);

      idle_for (g_rand_int_range (gaps, KEY_GAP_MIN, KEY_GAP_MAX + 1));
    }

  if (verbose)
    {
      g_signal_handlers_disconnect_by_func (clock, update_cb, NULL);
      g_signal_handlers_disconnect_by_func (clock, layout_cb, NULL);
      g_signal_handlers_disconnect_by_func (clock, paint_cb, NULL);
    }
  typed->n = N_KEYS * ROUNDS;
  typed->cpu_median = rv_bench_median (cpu, typed->n);
  typed->wall_median = rv_bench_median (wall, typed->n);
}

/* The same keystrokes at the same gaps into the search entry of a bare
 * window (rv_bench_bare_window_new, and an entry under its header bar),
 * which filters nothing: what any window pays here for a keystroke's frame
 * (the wait for the frame's slot, the entry, the paint), the floor under
 * the list's. */
static double
bare_keystroke (void)
{
  enum { N_KEYS = G_N_ELEMENTS (keystrokes) };
  GtkWidget *window = rv_bench_bare_window_new (NULL);
  GtkWidget *box = adw_window_get_content (ADW_WINDOW (window));
  GtkWidget *entry = gtk_search_entry_new ();
  g_autoptr(GRand) gaps = g_rand_new_with_seed (80);
  double samples[N_KEYS * ROUNDS];
  double median;

  gtk_widget_insert_after (entry, box, gtk_widget_get_first_child (box));
  gtk_window_present (GTK_WINDOW (window));
  rv_bench_wait_frame (window);
  gtk_widget_grab_focus (entry);
  idle_for (KEY_GAP_MS);
  for (guint k = 0; k < N_KEYS * ROUNDS; k++)
    {
      gint64 start = g_get_monotonic_time ();

      gtk_editable_set_text (GTK_EDITABLE (entry), keystrokes[k % N_KEYS]);
      rv_bench_wait_frame (window);
      samples[k] = (g_get_monotonic_time () - start) / 1000.0;
      idle_for (g_rand_int_range (gaps, KEY_GAP_MIN, KEY_GAP_MAX + 1));
    }
  median = rv_bench_median (samples, N_KEYS * ROUNDS);
  gtk_window_destroy (GTK_WINDOW (window));
  return median;
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
  Typed typed;
  double pass, floor;
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

  type_all (window, RV_ACCOUNT_LIST (list), rv_vault_get_accounts (vault), &typed);
  pass = filter_only (RV_ACCOUNT_LIST (list));
  floor = bare_keystroke ();
  g_print ("filter keystroke over %u accounts (%s), typed into the search entry to the "
           "painted complete result: median %.1f ms = %.2f frames of %.0f ms (CPU %.1f ms; "
           "slowest %.1f ms; %u keystrokes %u to %u ms apart); complete in the first frame "
           "after the keystroke: %u of %u; the filter pass alone %.2f ms CPU; the same keystrokes "
           "in a bare window %.1f ms, so the list adds %.1f ms (%.2fx)\n",
           N_ACCOUNTS, rv_bench_setup_name (), typed.wall_median, typed.wall_median / FRAME_MS,
           FRAME_MS, typed.cpu_median, typed.worst, typed.n, KEY_GAP_MIN, KEY_GAP_MAX,
           typed.first_frame, typed.n, pass, floor, typed.wall_median - floor,
           typed.wall_median / floor);

  gtk_window_destroy (GTK_WINDOW (window));
  rv_vault_close (vault);
  rv_test_rm_rf (dir);
  return 0;
}
