/* rv-auto-lock.c: asks to lock after idle time or when the session locks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input only records a timestamp; the single timeout checks it when it
 * fires and re-arms for the rest, so pointer motion never touches timers.
 * The session lock is heard on the session bus (GNOME Shell and other
 * desktops emit ActiveChanged); without a bus, idle locking still works.
 */
#include "config.h"

#include "rv-auto-lock.h"

struct _RvAutoLock
{
  GObject          parent_instance;

  GtkWidget       *window;
  GDBusConnection *bus;
  GCancellable    *cancellable;
  guint            subscriptions[2];

  gint64           last_input;
  guint            delay;
  guint            timeout_id;
  gboolean         active;
  gboolean         lock_on_screensaver;
};

G_DEFINE_FINAL_TYPE (RvAutoLock, rv_auto_lock, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACTIVE,
  PROP_DELAY,
  PROP_LOCK_ON_SCREENSAVER,
  N_PROPS
};

enum {
  LOCK,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void rearm (RvAutoLock *self);

static void
request_lock (RvAutoLock *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_signal_emit (self, signals[LOCK], 0);
}

static gboolean
timeout_cb (gpointer user_data)
{
  RvAutoLock *self = user_data;

  self->timeout_id = 0;

  if (g_get_monotonic_time () - self->last_input >= (gint64) self->delay * G_USEC_PER_SEC)
    request_lock (self);
  else
    rearm (self);

  return G_SOURCE_REMOVE;
}

static void
rearm (RvAutoLock *self)
{
  gint64 due, left_ms;

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  if (!self->active || self->delay == 0)
    return;

  due = self->last_input + (gint64) self->delay * G_USEC_PER_SEC;
  left_ms = MAX (0, (due - g_get_monotonic_time ()) / 1000) + 1;
  self->timeout_id = g_timeout_add ((guint) MIN (left_ms, G_MAXUINT), timeout_cb, self);
}

void
rv_auto_lock_poke (RvAutoLock *self)
{
  g_return_if_fail (RV_IS_AUTO_LOCK (self));

  self->last_input = g_get_monotonic_time ();
}

static void
input_cb (RvAutoLock *self)
{
  rv_auto_lock_poke (self);
}

static gboolean
key_pressed_cb (RvAutoLock            *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  rv_auto_lock_poke (self);
  return GDK_EVENT_PROPAGATE;
}

static void
screensaver_cb (GDBusConnection *connection,
                const char      *sender,
                const char      *path,
                const char      *interface,
                const char      *signal,
                GVariant        *parameters,
                gpointer         user_data)
{
  RvAutoLock *self = user_data;
  gboolean locked = FALSE;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;

  g_variant_get (parameters, "(b)", &locked);
  if (locked && self->active && self->lock_on_screensaver)
    request_lock (self);
}

static void
bus_ready_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  static const char *interfaces[] = { "org.gnome.ScreenSaver", "org.freedesktop.ScreenSaver" };
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus = g_bus_get_finish (result, &error);
  RvAutoLock *self;

  if (bus == NULL)
    {
      /* No session bus (or cancelled): idle locking still works. */
      g_debug ("No session bus for screen-lock signals: %s", error->message);
      return;
    }

  self = user_data;
  self->bus = bus;
  for (guint i = 0; i < G_N_ELEMENTS (interfaces); i++)
    self->subscriptions[i] =
      g_dbus_connection_signal_subscribe (bus, NULL, interfaces[i], "ActiveChanged", NULL,
                                          NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                          screensaver_cb, self, NULL);
}

static void
add_controllers (RvAutoLock *self)
{
  GtkEventController *controller;

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->window, controller);

  controller = gtk_event_controller_motion_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "motion", G_CALLBACK (input_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->window, controller);

  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "pressed", G_CALLBACK (input_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->window, controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "scroll-begin", G_CALLBACK (input_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->window, controller);
}

RvAutoLock *
rv_auto_lock_new (GtkWidget *window)
{
  RvAutoLock *self;

  g_return_val_if_fail (GTK_IS_WIDGET (window), NULL);

  self = g_object_new (RV_TYPE_AUTO_LOCK, NULL);
  self->window = window;
  add_controllers (self);
  g_bus_get (G_BUS_TYPE_SESSION, self->cancellable, bus_ready_cb, self);

  return self;
}

void
rv_auto_lock_set_active (RvAutoLock *self,
                         gboolean    active)
{
  g_return_if_fail (RV_IS_AUTO_LOCK (self));

  active = !!active;
  if (self->active == active)
    return;

  self->active = active;
  self->last_input = g_get_monotonic_time ();
  rearm (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

gboolean
rv_auto_lock_get_active (RvAutoLock *self)
{
  g_return_val_if_fail (RV_IS_AUTO_LOCK (self), FALSE);

  return self->active;
}

void
rv_auto_lock_set_delay (RvAutoLock *self,
                        guint       seconds)
{
  g_return_if_fail (RV_IS_AUTO_LOCK (self));

  if (self->delay == seconds)
    return;

  self->delay = seconds;
  rearm (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELAY]);
}

guint
rv_auto_lock_get_delay (RvAutoLock *self)
{
  g_return_val_if_fail (RV_IS_AUTO_LOCK (self), 0);

  return self->delay;
}

static void
rv_auto_lock_dispose (GObject *object)
{
  RvAutoLock *self = RV_AUTO_LOCK (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);

  for (guint i = 0; i < G_N_ELEMENTS (self->subscriptions); i++)
    {
      if (self->subscriptions[i] != 0)
        g_dbus_connection_signal_unsubscribe (self->bus, self->subscriptions[i]);
      self->subscriptions[i] = 0;
    }
  g_clear_object (&self->bus);

  G_OBJECT_CLASS (rv_auto_lock_parent_class)->dispose (object);
}

static void
rv_auto_lock_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RvAutoLock *self = RV_AUTO_LOCK (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_DELAY:
      g_value_set_uint (value, self->delay);
      break;
    case PROP_LOCK_ON_SCREENSAVER:
      g_value_set_boolean (value, self->lock_on_screensaver);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rv_auto_lock_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  RvAutoLock *self = RV_AUTO_LOCK (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      rv_auto_lock_set_active (self, g_value_get_boolean (value));
      break;
    case PROP_DELAY:
      rv_auto_lock_set_delay (self, g_value_get_uint (value));
      break;
    case PROP_LOCK_ON_SCREENSAVER:
      self->lock_on_screensaver = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rv_auto_lock_class_init (RvAutoLockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rv_auto_lock_dispose;
  object_class->get_property = rv_auto_lock_get_property;
  object_class->set_property = rv_auto_lock_set_property;

  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DELAY] =
    g_param_spec_uint ("delay", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCK_ON_SCREENSAVER] =
    g_param_spec_boolean ("lock-on-screensaver", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[LOCK] = g_signal_new ("lock",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL,
                                G_TYPE_NONE, 0);
}

static void
rv_auto_lock_init (RvAutoLock *self)
{
  self->cancellable = g_cancellable_new ();
  self->lock_on_screensaver = TRUE;
}
