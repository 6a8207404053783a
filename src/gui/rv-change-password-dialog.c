/* rv-change-password-dialog.c: old password, new password twice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A password change derives two keys (old and new password) and gives the
 * vault a new master key: rv_vault_change_password_async() derives them in
 * a thread and changes the vault back here, so nothing else touches the
 * vault from another thread.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rv-change-password-dialog.h"
#include "rv-old-backups.h"
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
  GSettings   *settings;
  RvSecret    *old_password;  /* while the change runs: to find the copies it leaves */
  gboolean     busy;
};

G_DEFINE_FINAL_TYPE (RvChangePasswordDialog, rv_change_password_dialog, ADW_TYPE_WINDOW)

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
change_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RvChangePasswordDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);

  if (!rv_vault_change_password_finish (RV_VAULT (source), result, &error))
    {
      if (g_error_matches (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD))
        show_error (self, _("The current password is wrong."));
      else
        show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->old_row));
      gtk_editable_select_region (self->old_row, 0, -1);
      return;
    }

  if (gtk_window_get_transient_for (GTK_WINDOW (self)) != NULL)
    rv_old_backups_offer (gtk_window_get_transient_for (GTK_WINDOW (self)), self->vault,
                          self->settings, self->old_password);
  g_clear_pointer (&self->old_password, rv_secret_free);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
change_clicked_cb (RvChangePasswordDialog *self)
{
  g_autoptr(RvSecret) new_password = NULL;

  if (self->busy || !is_valid (self))
    return;

  g_clear_pointer (&self->old_password, rv_secret_free);
  self->old_password = rv_secret_new_from_string (gtk_editable_get_text (self->old_row));
  new_password = rv_secret_new_from_string (gtk_editable_get_text (self->new_row));
  show_error (self, NULL);
  set_busy (self, TRUE);
  rv_vault_change_password_async (self->vault, self->old_password, new_password, NULL,
                                  change_ready_cb, g_object_ref (self));
}

GtkWidget *
rv_change_password_dialog_new (GtkWindow *parent,
                               RvVault   *vault,
                               GSettings *settings)
{
  RvChangePasswordDialog *self;

  g_return_val_if_fail (RV_IS_VAULT (vault), NULL);

  self = g_object_new (RV_TYPE_CHANGE_PASSWORD_DIALOG, "transient-for", parent, NULL);
  self->vault = g_object_ref (vault);
  self->settings = settings ? g_object_ref (settings) : NULL;

  return GTK_WIDGET (self);
}

static gboolean
rv_change_password_dialog_close_request (GtkWindow *window)
{
  /* The change is under way: let it finish and say how it went. */
  if (RV_CHANGE_PASSWORD_DIALOG (window)->busy)
    return TRUE;

  return GTK_WINDOW_CLASS (rv_change_password_dialog_parent_class)->close_request (window);
}

static void
rv_change_password_dialog_dispose (GObject *object)
{
  RvChangePasswordDialog *self = RV_CHANGE_PASSWORD_DIALOG (object);

  g_clear_object (&self->vault);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->old_password, rv_secret_free);

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
