/* test-code-clock.c: one timer, ticking at whole seconds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rv-code-clock.h"
#include "rv-gui-test-util.h"

typedef struct
{
  guint  n_ticks;
  gint64 ticks[3];
  gint64 offsets_us[3];
} Ticks;

static void
tick_cb (RvCodeClock *clock,
         gint64       now,
         Ticks       *ticks)
{
  if (ticks->n_ticks < G_N_ELEMENTS (ticks->ticks))
    {
      ticks->ticks[ticks->n_ticks] = now;
      ticks->offsets_us[ticks->n_ticks] = g_get_real_time () - now * G_USEC_PER_SEC;
      ticks->n_ticks++;
    }
}

static void
test_code_clock_ticks (void)
{
  g_autoptr(RvCodeClock) clock = rv_code_clock_new ();
  Ticks ticks = { 0 };
  gboolean done = FALSE;

  g_signal_connect (clock, "tick", G_CALLBACK (tick_cb), &ticks);
  rv_code_clock_start (clock);
  g_assert_true (rv_code_clock_is_running (clock));

  while (ticks.n_ticks < 3)
    {
      done = FALSE;
      rv_gui_test_wait_for (&done, 50);
    }

  for (guint i = 0; i < 3; i++)
    {
      /* Each tick is for the second that just began: the wall clock is past
       * it (or a hair before, for an early wake-up), never a second later. */
      g_assert_cmpint (ticks.offsets_us[i], >, -50000);
      g_assert_cmpint (ticks.offsets_us[i], <, G_USEC_PER_SEC);
      if (i > 0)
        g_assert_cmpint (ticks.ticks[i], >, ticks.ticks[i - 1]);
    }

  g_assert_cmpint (rv_code_clock_get_now (clock), ==, ticks.ticks[2]);
  rv_code_clock_stop (clock);
  g_assert_false (rv_code_clock_is_running (clock));
}

static void
test_code_clock_stop_in_tick (void)
{
  RvCodeClock *clock = rv_code_clock_new ();
  Ticks ticks = { 0 };

  g_signal_connect (clock, "tick", G_CALLBACK (tick_cb), &ticks);
  g_signal_connect (clock, "tick", G_CALLBACK (rv_code_clock_stop), NULL);
  rv_code_clock_start (clock);
  rv_gui_test_run_for (2200);
  g_assert_cmpuint (ticks.n_ticks, ==, 1);
  g_assert_false (rv_code_clock_is_running (clock));
  g_assert_finalize_object (clock);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/code-clock/ticks", test_code_clock_ticks);
  g_test_add_func ("/code-clock/stop-in-tick", test_code_clock_stop_in_tick);

  return g_test_run ();
}
