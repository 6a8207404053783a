/* rv-bench-util.c: what the benchmarks share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <time.h>

#include "rv-bench-util.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
rv_bench_median (double *values,
                 guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return values[n / 2];
}

/* Thread CPU time: wall time on a shared, loaded machine mostly measures
 * the other processes. */
double
rv_bench_thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

typedef struct
{
  const char *name;
  gboolean    a11y;
  const char *renderer;    /* NULL: GTK's default */
} Setup;

static const Setup setups[] = {
  { "accessibility on, default renderer", TRUE, NULL },
  { "accessibility on, cairo", TRUE, "cairo" },
  { "accessibility off, default renderer", FALSE, NULL },
  { "accessibility off, cairo", FALSE, "cairo" },
};

const char *
rv_bench_setup_name (void)
{
  const char *index = g_getenv ("RV_BENCH_SETUP");

  return index != NULL ? setups[atoi (index) % G_N_ELEMENTS (setups)].name : "as started";
}

int
rv_bench_run_setups (int    argc,
                     char **argv)
{
  int status = 0;

  if (g_getenv ("RV_BENCH_SETUP") != NULL)
    return -1;
  /* RV_BENCH_ONE_SETUP=1: measure the environment as it is, once. */
  if (g_getenv ("RV_BENCH_ONE_SETUP") != NULL)
    return -1;

  for (guint i = 0; i < G_N_ELEMENTS (setups); i++)
    {
      g_auto(GStrv) envp = g_get_environ ();
      g_autofree char *index = g_strdup_printf ("%u", i);
      g_autoptr(GError) error = NULL;
      int wait_status;

      envp = g_environ_setenv (envp, "RV_BENCH_SETUP", index, TRUE);
      if (setups[i].a11y)
        {
          envp = g_environ_unsetenv (envp, "GTK_A11Y");
          envp = g_environ_unsetenv (envp, "NO_AT_BRIDGE");
        }
      else
        {
          envp = g_environ_setenv (envp, "GTK_A11Y", "none", TRUE);
        }
      if (setups[i].renderer != NULL)
        envp = g_environ_setenv (envp, "GSK_RENDERER", setups[i].renderer, TRUE);
      else
        envp = g_environ_unsetenv (envp, "GSK_RENDERER");

      g_print ("## set-up: %s\n", setups[i].name);
      if (!g_spawn_sync (NULL, argv, envp, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                         NULL, NULL, &wait_status, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      /* 77 (skipped) from one set-up skips the benchmark; a failure fails it. */
      if (WIFEXITED (wait_status) && WEXITSTATUS (wait_status) == 77)
        status = status == 0 ? 77 : status;
      else if (!g_spawn_check_wait_status (wait_status, &error))
        {
          g_printerr ("set-up \"%s\": %s\n", setups[i].name, error->message);
          status = 1;
        }
    }
  return status;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

void
rv_bench_wait_frame (GtkWidget *widget)
{
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong handler;

  while (!gtk_widget_get_mapped (widget))
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (widget);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
}

GtkWidget *
rv_bench_bare_window_new (GtkApplication *app)
{
  GtkWidget *window = app != NULL ? adw_application_window_new (app) : adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *title = g_strdup_printf ("Service %u", i + 1);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("edit-copy-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), "user@example.org");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, "Copy", -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);
  if (ADW_IS_APPLICATION_WINDOW (window))
    adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  else
    adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 720);
  return window;
}

gint64
rv_bench_spawned_at (gint64 fallback)
{
  const char *value = g_getenv ("RV_BENCH_SPAWNED_AT");
  gint64 at = value != NULL ? g_ascii_strtoll (value, NULL, 10) : 0;

  return at > 0 ? at : fallback;
}

gint64
rv_bench_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *rss;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  rss = strstr (status, "VmRSS:");
  return rss != NULL ? g_ascii_strtoll (rss + strlen ("VmRSS:"), NULL, 10) : -1;
}
