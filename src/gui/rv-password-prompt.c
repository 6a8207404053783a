/* rv-password-prompt.c: ask for one password in a message dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rv-password-prompt.h"

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             GTask            *task)
{
  GtkEditable *row = g_object_get_data (G_OBJECT (dialog), "row");
  const char *text = gtk_editable_get_text (row);

  /* One answer per dialog. */
  g_signal_handlers_disconnect_by_func (dialog, response_cb, task);

  if (g_strcmp0 (response, "accept") == 0 && *text != '\0')
    g_task_return_pointer (task, rv_secret_new_from_string (text),
                           (GDestroyNotify) rv_secret_free);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");

  gtk_editable_set_text (row, "");
  g_object_unref (task);
}

static gboolean
accept_idle_cb (gpointer user_data)
{
  AdwMessageDialog *dialog = user_data;

  if (gtk_widget_get_visible (GTK_WIDGET (dialog)))
    adw_message_dialog_response (dialog, "accept");
  return G_SOURCE_REMOVE;
}

/* Enter in the row: answering from inside the row's own "activate" handler
 * destroys the dialog, and the row under the handler, while the row still
 * uses itself (criticals, then a crash). Answer once the handler is done. */
static void
row_activated_cb (AdwEntryRow      *row,
                  AdwMessageDialog *dialog)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (row)) == '\0')
    return;
  g_idle_add_full (G_PRIORITY_DEFAULT, accept_idle_cb, g_object_ref (dialog), g_object_unref);
}

void
rv_password_prompt_run_async (GtkWindow           *parent,
                              const char          *heading,
                              const char          *body,
                              const char          *accept_label,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  GtkWidget *dialog;
  GtkWidget *list;
  GtkWidget *row;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rv_password_prompt_run_async);

  dialog = adw_message_dialog_new (parent, heading, body);
  row = adw_password_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Password"));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  g_object_set_data (G_OBJECT (dialog), "row", row);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "accept", accept_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "accept",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "accept");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), task);
  g_signal_connect_object (row, "entry-activated", G_CALLBACK (row_activated_cb), dialog, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (row);
}

RvSecret *
rv_password_prompt_run_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
