/* rv-create-page.c: first run: create a vault, or import one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rv-create-page.h"
#include "rv-password-strength.h"
#include "rv-status-icon.h"

struct _RvCreatePage
{
  AdwBin        parent_instance;

  AdwStatusPage *status_page;
  GtkEditable  *password_row;
  GtkEditable  *confirm_row;
  GtkLevelBar  *strength_bar;
  GtkLabel     *hint_label;
  GtkLabel     *error_label;
  GtkButton    *create_button;
  GtkSpinner   *spinner;
  GtkWidget    *import_button;
  GtkWidget    *import_label;

  char         *path;
  char         *hint;
  GCancellable *cancellable;
  gboolean      valid;
  gboolean      busy;
};

G_DEFINE_FINAL_TYPE (RvCreatePage, rv_create_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PATH,
  PROP_VALID,
  N_PROPS
};

enum {
  CREATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
rv_create_page_new (void)
{
  return g_object_new (RV_TYPE_CREATE_PAGE, NULL);
}

const char *
rv_create_page_get_path (RvCreatePage *self)
{
  g_return_val_if_fail (RV_IS_CREATE_PAGE (self), NULL);

  return self->path;
}

void
rv_create_page_set_path (RvCreatePage *self,
                         const char   *path)
{
  g_return_if_fail (RV_IS_CREATE_PAGE (self));

  if (g_strcmp0 (self->path, path) == 0)
    return;

  g_free (self->path);
  self->path = g_strdup (path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
}

gboolean
rv_create_page_get_valid (RvCreatePage *self)
{
  g_return_val_if_fail (RV_IS_CREATE_PAGE (self), FALSE);

  return self->valid;
}

/* "Import From a File…" before there is a vault: say, under the button,
 * that the import follows the creation, and go to the password. */
void
rv_create_page_show_import_pending (RvCreatePage *self)
{
  g_return_if_fail (RV_IS_CREATE_PAGE (self));

  gtk_widget_set_visible (self->import_label, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->import_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  gtk_label_get_text (GTK_LABEL (self->import_label)), -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

const char *
rv_create_page_get_hint (RvCreatePage *self)
{
  g_return_val_if_fail (RV_IS_CREATE_PAGE (self), NULL);

  return self->hint;
}

gboolean
rv_create_page_get_busy (RvCreatePage *self)
{
  g_return_val_if_fail (RV_IS_CREATE_PAGE (self), FALSE);

  return self->busy;
}

static void
show_error (RvCreatePage *self,
            const char   *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->confirm_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message ? message : "",
                                  -1);
}

static void
changed_cb (RvCreatePage *self)
{
  const char *password = gtk_editable_get_text (self->password_row);
  const char *confirm = gtk_editable_get_text (self->confirm_row);
  RvPasswordStrength strength;
  gboolean match = g_strcmp0 (password, confirm) == 0;
  gboolean valid;

  g_clear_pointer (&self->hint, g_free);
  strength = rv_password_strength_check (password, &self->hint);
  gtk_label_set_text (self->hint_label, self->hint);
  gtk_level_bar_set_value (self->strength_bar, strength);

  /* Complain about a mismatch only once the confirmation is as long. */
  if (*confirm != '\0' && !match && strlen (confirm) >= strlen (password))
    show_error (self, _("The passwords do not match."));
  else
    show_error (self, NULL);

  valid = match && strength >= RV_PASSWORD_STRENGTH_FAIR;
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), valid && !self->busy);
  if (valid != self->valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
}

static void
set_busy (RvCreatePage *self,
          gboolean      busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  /* Not insensitive: a focused entry made insensitive keeps blinking in
   * GTK 4.8 and warns; read-only keeps the focus where it is. */
  /* Read-only, not insensitive: GTK 4.8 keeps the cursor of a focused entry
   * made insensitive blinking, and warns. */
  gtk_editable_set_editable (self->password_row, !busy);
  gtk_editable_set_editable (self->confirm_row, !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), self->valid && !busy);
}

static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  const RvSecret *password = task_data;
  const char *path = g_object_get_data (G_OBJECT (task), "path");
  GError *error = NULL;
  RvVault *vault = rv_vault_create (path, password, &error);

  if (vault == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, vault, g_object_unref);
}

static void
create_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RvCreatePage *self = RV_CREATE_PAGE (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVault) vault = g_task_propagate_pointer (G_TASK (result), &error);

  set_busy (self, FALSE);

  if (vault == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  gtk_editable_set_text (self->password_row, "");
  gtk_editable_set_text (self->confirm_row, "");
  g_signal_emit (self, signals[CREATED], 0, vault);
}

void
rv_create_page_create (RvCreatePage *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RV_IS_CREATE_PAGE (self));
  g_return_if_fail (self->path != NULL);

  if (!self->valid || self->busy)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  task = g_task_new (self, self->cancellable, create_ready_cb, NULL);
  g_task_set_source_tag (task, rv_create_page_create);
  g_task_set_task_data (task,
                        rv_secret_new_from_string (gtk_editable_get_text (self->password_row)),
                        (GDestroyNotify) rv_secret_free);
  g_object_set_data_full (G_OBJECT (task), "path", g_strdup (self->path), g_free);
  set_busy (self, TRUE);
  g_task_run_in_thread (task, create_thread);
}

static void
create_clicked_cb (RvCreatePage *self)
{
  rv_create_page_create (self);
}

static void
activated_cb (RvCreatePage *self)
{
  rv_create_page_create (self);
}

static gboolean
rv_create_page_grab_focus (GtkWidget *widget)
{
  RvCreatePage *self = RV_CREATE_PAGE (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
rv_create_page_dispose (GObject *object)
{
  RvCreatePage *self = RV_CREATE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RV_TYPE_CREATE_PAGE);

  G_OBJECT_CLASS (rv_create_page_parent_class)->dispose (object);
}

static void
rv_create_page_finalize (GObject *object)
{
  RvCreatePage *self = RV_CREATE_PAGE (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->hint, g_free);

  G_OBJECT_CLASS (rv_create_page_parent_class)->finalize (object);
}

static void
rv_create_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RvCreatePage *self = RV_CREATE_PAGE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rv_create_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RvCreatePage *self = RV_CREATE_PAGE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      rv_create_page_set_path (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rv_create_page_class_init (RvCreatePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rv_create_page_dispose;
  object_class->finalize = rv_create_page_finalize;
  object_class->get_property = rv_create_page_get_property;
  object_class->set_property = rv_create_page_set_property;
  widget_class->grab_focus = rv_create_page_grab_focus;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CREATED] = g_signal_new ("created",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, RV_TYPE_VAULT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/RecoveryVault/rv-create-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RvCreatePage, status_page);
  gtk_widget_class_bind_template_child (widget_class, RvCreatePage, password_row);
  gtk_widget_class_bind_template_child (widget_class, RvCreatePage, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, RvCreatePage, strength_bar);
  gtk_widget_class_bind_template_child (widget_class, RvCreatePage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, RvCreatePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, RvCreatePage, create_button);
  gtk_widget_class_bind_template_child (widget_class, RvCreatePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, RvCreatePage, import_button);
  gtk_widget_class_bind_template_child (widget_class, RvCreatePage, import_label);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);

}

static void
rv_create_page_init (RvCreatePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rv_status_page_set_icon_when_shown (self->status_page, "com.example.RecoveryVault");
  gtk_level_bar_add_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_LOW, 1);
  gtk_level_bar_add_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_HIGH, 2);
  gtk_level_bar_add_offset_value (self->strength_bar, GTK_LEVEL_BAR_OFFSET_FULL, 3);
  changed_cb (self);
}
