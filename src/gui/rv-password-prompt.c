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

  /* adw_message_dialog_response() only emits "response": unlike a click
   * on the button it leaves the dialog open, a modal window nobody answers
   * any more (which then took the keyboard, Ctrl+Q included). Answer, then
   * close: response_cb has disconnected, so the close response reaches no one. */
  if (gtk_widget_get_visible (GTK_WIDGET (dialog)))
    {
      adw_message_dialog_response (dialog, "accept");
      gtk_window_close (GTK_WINDOW (dialog));
    }
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

/* An entry row whose text is hidden, with a button to show it. Not an
 * AdwPasswordEntryRow: libadwaita 1.2 casts a finalized one when the message
 * dialog holding it is destroyed with AT-SPI on ("invalid unclassed pointer in
 * cast to 'GtkEditable'", fatal under G_DEBUG=fatal-criticals) on every answer. */
static GtkWidget *
password_row_new (void)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkText *text = GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (row)));
  GtkWidget *peek = gtk_toggle_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Password"));
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_PASSWORD);
  gtk_text_set_visibility (text, FALSE);

  gtk_button_set_icon_name (GTK_BUTTON (peek), "view-reveal-symbolic");
  gtk_widget_set_valign (peek, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (peek, "flat");
  gtk_widget_set_tooltip_text (peek, _("Show Password"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (peek), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Show Password"), -1);
  g_object_bind_property (peek, "active", text, "visibility", G_BINDING_SYNC_CREATE);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), peek);
  return row;
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
  row = password_row_new ();
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
