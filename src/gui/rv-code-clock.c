/* rv-code-clock.c: one timer, aligned to whole seconds, for all codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * TOTP codes change exactly at multiples of their period, which are whole
 * seconds of wall-clock time. g_timeout_add_seconds() batches wake-ups and
 * drifts by up to a second, so each tick re-arms a millisecond timeout for
 * the time left until the next full second of g_get_real_time().
 */
#include "config.h"

#include "rv-code-clock.h"

/* Timeouts may fire a little early; a wake-up this close to the next second
 * belongs to it. */
#define EARLY_MARGIN_US 20000

struct _RvCodeClock
{
  GObject  parent_instance;

  guint    timeout_id;
  gint64   now;
};

G_DEFINE_FINAL_TYPE (RvCodeClock, rv_code_clock, G_TYPE_OBJECT)

enum {
  TICK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64
current_second (void)
{
  gint64 real = g_get_real_time () + EARLY_MARGIN_US;

  return real / G_USEC_PER_SEC;
}

static guint
ms_to_next_second (void)
{
  gint64 real = g_get_real_time ();
  gint64 into = real % G_USEC_PER_SEC;

  /* +1 ms so that the wake-up lands just after the boundary. */
  return (guint) ((G_USEC_PER_SEC - into) / 1000) + 1;
}

static gboolean tick_cb (gpointer user_data);

static void
arm (RvCodeClock *self)
{
  guint ms = ms_to_next_second ();

  if (ms < EARLY_MARGIN_US / 1000)
    ms += 1000;

  self->timeout_id = g_timeout_add_full (G_PRIORITY_HIGH_IDLE, ms, tick_cb, self, NULL);
}

static gboolean
tick_cb (gpointer user_data)
{
  RvCodeClock *self = user_data;

  self->timeout_id = 0;
  self->now = current_second ();
  arm (self);
  g_signal_emit (self, signals[TICK], 0, self->now);

  return G_SOURCE_REMOVE;
}

RvCodeClock *
rv_code_clock_new (void)
{
  return g_object_new (RV_TYPE_CODE_CLOCK, NULL);
}

void
rv_code_clock_start (RvCodeClock *self)
{
  g_return_if_fail (RV_IS_CODE_CLOCK (self));

  if (self->timeout_id != 0)
    return;

  self->now = current_second ();
  arm (self);
}

void
rv_code_clock_stop (RvCodeClock *self)
{
  g_return_if_fail (RV_IS_CODE_CLOCK (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
}

gboolean
rv_code_clock_is_running (RvCodeClock *self)
{
  g_return_val_if_fail (RV_IS_CODE_CLOCK (self), FALSE);

  return self->timeout_id != 0;
}

gint64
rv_code_clock_get_now (RvCodeClock *self)
{
  g_return_val_if_fail (RV_IS_CODE_CLOCK (self), 0);

  return self->timeout_id != 0 ? self->now : current_second ();
}

static void
rv_code_clock_dispose (GObject *object)
{
  RvCodeClock *self = RV_CODE_CLOCK (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  G_OBJECT_CLASS (rv_code_clock_parent_class)->dispose (object);
}

static void
rv_code_clock_class_init (RvCodeClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rv_code_clock_dispose;

  /**
   * RvCodeClock::tick:
   * @now: the Unix time of the second that just began
   */
  signals[TICK] = g_signal_new ("tick",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL,
                                G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
rv_code_clock_init (RvCodeClock *self)
{
}
