/* rv-change-password-dialog.c: old password, new password twice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Re-wrapping the key derives two keys (old and new password): it runs in
 * a worker thread. The vault must not be changed meanwhile, so the dialog
 * is modal.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rv-change-password-dialog.h"
#include "rv-password-strength.h"

struct _RvChangePasswordDialog
{
  AdwWindow    parent_instance;

  GtkEditable *old_row;
  GtkEditable *new_row;
  GtkEditable *confirm_row;
  GtkLabel    *hint_label;
  GtkLabel    *error_label;
  GtkButton   *change_button;
  GtkSpinner  *spinner;

  RvVault     *vault;
  gboolean     busy;
};

G_DEFINE_FINAL_TYPE (RvChangePasswordDialog, rv_change_password_dialog, ADW_TYPE_WINDOW)

typedef struct
{
  RvVault  *vault;
  RvSecret *old_password;
  RvSecret *new_password;
} ChangeData;

static void
change_data_free (ChangeData *data)
{
  g_clear_object (&data->vault);
  g_clear_pointer (&data->old_password, rv_secret_free);
  g_clear_pointer (&data->new_password, rv_secret_free);
  g_free (data);
}

static gboolean
is_valid (RvChangePasswordDialog *self)
{
  const char *new_text = gtk_editable_get_text (self->new_row);

  return *gtk_editable_get_text (self->old_row) != '\0' &&
         g_strcmp0 (new_text, gtk_editable_get_text (self->confirm_row)) == 0 &&
         rv_password_strength_check (new_text, NULL) >= RV_PASSWORD_STRENGTH_FAIR;
}

static void
show_error (RvChangePasswordDialog *self,
            const char             *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
changed_cb (RvChangePasswordDialog *self)
{
  g_autofree char *hint = NULL;

  rv_password_strength_check (gtk_editable_get_text (self->new_row), &hint);
  gtk_label_set_text (self->hint_label, hint);
  gtk_widget_set_sensitive (GTK_WIDGET (self->change_button), !self->busy && is_valid (self));
}

static void
set_busy (RvChangePasswordDialog *self,
          gboolean                busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  /* Read-only rather than insensitive: see rv-create-page.c. */
  gtk_editable_set_editable (self->old_row, !busy);
  gtk_editable_set_editable (self->new_row, !busy);
  gtk_editable_set_editable (self->confirm_row, !busy);
  changed_cb (self);
}

static void
change_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ChangeData *data = task_data;
  GError *error = NULL;

  if (rv_vault_change_password (data->vault, data->old_password, data->new_password, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
change_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RvChangePasswordDialog *self = RV_CHANGE_PASSWORD_DIALOG (source);
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD))
        show_error (self, _("The current password is wrong."));
      else
        show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->old_row));
      gtk_editable_select_region (self->old_row, 0, -1);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
change_clicked_cb (RvChangePasswordDialog *self)
{
  g_autoptr(GTask) task = NULL;
  ChangeData *data;

  if (self->busy || !is_valid (self))
    return;

  data = g_new0 (ChangeData, 1);
  data->vault = g_object_ref (self->vault);
  data->old_password = rv_secret_new_from_string (gtk_editable_get_text (self->old_row));
  data->new_password = rv_secret_new_from_string (gtk_editable_get_text (self->new_row));

  show_error (self, NULL);
  set_busy (self, TRUE);
  task = g_task_new (self, NULL, change_ready_cb, NULL);
  g_task_set_source_tag (task, change_clicked_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) change_data_free);
  g_task_run_in_thread (task, change_thread);
}

GtkWidget *
rv_change_password_dialog_new (GtkWindow *parent,
                               RvVault   *vault)
{
  RvChangePasswordDialog *self;

  g_return_val_if_fail (RV_IS_VAULT (vault), NULL);

  self = g_object_new (RV_TYPE_CHANGE_PASSWORD_DIALOG, "transient-for", parent, NULL);
  self->vault = g_object_ref (vault);

  return GTK_WIDGET (self);
}

static gboolean
rv_change_password_dialog_close_request (GtkWindow *window)
{
  /* The worker thread holds the vault; let it finish first. */
  if (RV_CHANGE_PASSWORD_DIALOG (window)->busy)
    return TRUE;

  return GTK_WINDOW_CLASS (rv_change_password_dialog_parent_class)->close_request (window);
}

static void
rv_change_password_dialog_dispose (GObject *object)
{
  RvChangePasswordDialog *self = RV_CHANGE_PASSWORD_DIALOG (object);

  g_clear_object (&self->vault);

  G_OBJECT_CLASS (rv_change_password_dialog_parent_class)->dispose (object);
}

static void
rv_change_password_dialog_class_init (RvChangePasswordDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rv_change_password_dialog_dispose;
  window_class->close_request = rv_change_password_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/RecoveryVault/"
                                               "rv-change-password-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RvChangePasswordDialog, old_row);
  gtk_widget_class_bind_template_child (widget_class, RvChangePasswordDialog, new_row);
  gtk_widget_class_bind_template_child (widget_class, RvChangePasswordDialog, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, RvChangePasswordDialog, hint_label);
  gtk_widget_class_bind_template_child (widget_class, RvChangePasswordDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, RvChangePasswordDialog, change_button);
  gtk_widget_class_bind_template_child (widget_class, RvChangePasswordDialog, spinner);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, change_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rv_change_password_dialog_init (RvChangePasswordDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
