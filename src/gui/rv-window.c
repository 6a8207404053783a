/* rv-window.c: the main window: create, unlock, accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rv-window.h"

struct _RvWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;

  char                 *vault_path;
  RvVault              *vault;
};

G_DEFINE_FINAL_TYPE (RvWindow, rv_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_VAULT_PATH,
  PROP_VAULT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

RvWindow *
rv_window_new (RvApplication *application,
               const char    *vault_path,
               gboolean       show_start_page)
{
  g_return_val_if_fail (RV_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (vault_path != NULL, NULL);

  return g_object_new (RV_TYPE_WINDOW,
                       "application", application,
                       "vault-path", vault_path,
                       NULL);
}

RvVault *
rv_window_get_vault (RvWindow *self)
{
  g_return_val_if_fail (RV_IS_WINDOW (self), NULL);

  return self->vault;
}

void
rv_window_set_vault (RvWindow *self,
                     RvVault  *vault)
{
  g_return_if_fail (RV_IS_WINDOW (self));

  if (g_set_object (&self->vault, vault))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VAULT]);
}

const char *
rv_window_get_page_name (RvWindow *self)
{
  g_return_val_if_fail (RV_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

void
rv_window_lock (RvWindow *self)
{
  g_return_if_fail (RV_IS_WINDOW (self));

  rv_window_set_vault (self, NULL);
}

void
rv_window_add_toast (RvWindow   *self,
                     const char *title)
{
  g_return_if_fail (RV_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

void
rv_window_show_error (RvWindow   *self,
                      const char *heading,
                      const char *detail)
{
  GtkWidget *dialog;

  g_return_if_fail (RV_IS_WINDOW (self));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, detail);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
rv_window_dispose (GObject *object)
{
  RvWindow *self = RV_WINDOW (object);

  g_clear_object (&self->vault);

  G_OBJECT_CLASS (rv_window_parent_class)->dispose (object);
}

static void
rv_window_finalize (GObject *object)
{
  RvWindow *self = RV_WINDOW (object);

  g_clear_pointer (&self->vault_path, g_free);

  G_OBJECT_CLASS (rv_window_parent_class)->finalize (object);
}

static void
rv_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  RvWindow *self = RV_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VAULT_PATH:
      g_value_set_string (value, self->vault_path);
      break;
    case PROP_VAULT:
      g_value_set_object (value, self->vault);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rv_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  RvWindow *self = RV_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VAULT_PATH:
      self->vault_path = g_value_dup_string (value);
      break;
    case PROP_VAULT:
      rv_window_set_vault (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rv_window_class_init (RvWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rv_window_dispose;
  object_class->finalize = rv_window_finalize;
  object_class->get_property = rv_window_get_property;
  object_class->set_property = rv_window_set_property;

  properties[PROP_VAULT_PATH] =
    g_param_spec_string ("vault-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/RecoveryVault/rv-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RvWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RvWindow, stack);
}

static void
rv_window_init (RvWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
