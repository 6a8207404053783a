/* rv-add-account-image.c: the add-account dialog's QR image page: an image
 * file, the screen or the clipboard decoded, what it holds listed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rv-import.h"
#include "rv-qr.h"
#include "rv-qr-source.h"

#include "rv-add-account-dialog-private.h"

void
rv_add_account_dialog_clear_found (RvAddAccountDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->found_list))))
    gtk_list_box_remove (self->found_list, child);
  g_ptr_array_set_size (self->image_accounts, 0);
  gtk_widget_set_visible (self->found_group, FALSE);
}

static void
add_found_row (RvAddAccountDialog *self,
               const char         *title,
               const char         *subtitle,
               gboolean            is_error)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (is_error ? "dialog-warning-symbolic"
                                                           : "object-select-symbolic");

  gtk_widget_add_css_class (icon, is_error ? "warning" : "success");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  is_error ? _("Cannot be added") : _("Ready to add"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_append (self->found_list, row);
  gtk_widget_set_visible (self->found_group, TRUE);
}

static void
add_found_account (RvAddAccountDialog *self,
                   RvAccount          *account)
{
  g_autofree char *title = rv_account_dup_display_name (account);
  g_autoptr(RvOtpParams) params = rv_account_dup_otp_params (account);
  RvAccount *duplicate = rv_account_find_same_otp (rv_vault_get_accounts (self->vault),
                                                   params->kind, params->secret);
  g_autofree char *summary = NULL;

  if (duplicate != NULL)
    {
      summary = rv_add_account_dialog_describe_duplicate (duplicate);
      add_found_row (self, title, summary, TRUE);
      return;
    }
  for (guint i = 0; i < self->image_accounts->len && params->secret != NULL; i++)
    {
      RvAccount *found = g_ptr_array_index (self->image_accounts, i);
      const RvSecret *secret = rv_account_get_secret (found);

      if (rv_account_get_kind (found) == params->kind && secret != NULL &&
          rv_secret_equal (secret, params->secret))
        {
          add_found_row (self, title, _("The same account appears twice in the image."), TRUE);
          return;
        }
    }

  summary = rv_add_account_dialog_describe_params (params);
  g_ptr_array_add (self->image_accounts, g_object_ref (account));
  add_found_row (self, title, summary, FALSE);
}

static void
add_migration_texts (RvAddAccountDialog *self,
                     GPtrArray          *texts)
{
  g_autoptr(RvSecret) joined = NULL;
  g_autoptr(RvImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (texts->len == 0)
    return;

  joined = rv_import_join_texts (texts);
  result = rv_import_parse (rv_secret_get_data (joined), rv_secret_get_size (joined),
                            RV_IMPORT_FORMAT_GOOGLE_MIGRATION, NULL, &error);
  if (result == NULL)
    {
      add_found_row (self, _("Google Authenticator export"), error->message, TRUE);
      return;
    }
  for (guint i = 0; i < result->accounts->len; i++)
    add_found_account (self, g_ptr_array_index (result->accounts, i));
  for (guint i = 0; i < result->rejected->len; i++)
    {
      RvImportRejected *rejected = g_ptr_array_index (result->rejected, i);

      add_found_row (self, rejected->label, rejected->reason, TRUE);
    }
  for (guint i = 0; i < result->warnings->len; i++)
    add_found_row (self, _("Google Authenticator export"),
                   g_ptr_array_index (result->warnings, i), TRUE);
}

static void
add_found_text (RvAddAccountDialog *self,
                const RvSecret     *text,
                guint               index)
{
  g_autoptr(RvOtpParams) params = NULL;
  g_autoptr(RvAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  params = rv_otp_uri_parse (rv_secret_get_string (text), rv_secret_get_size (text), &error);
  if (params == NULL)
    {
      g_autofree char *title = g_strdup_printf (_("QR code %u"), index + 1);

      add_found_row (self, title, error->message, TRUE);
      return;
    }
  account = rv_account_new_from_otp_params (params);
  add_found_account (self, account);
}

static void
show_decoded (RvAddAccountDialog *self,
              GPtrArray          *texts)
{
  g_autoptr(GPtrArray) migration = g_ptr_array_new ();

  for (guint i = 0; i < texts->len; i++)
    {
      const RvSecret *text = g_ptr_array_index (texts, i);

      if (g_str_has_prefix (rv_secret_get_string (text), "otpauth-migration:"))
        g_ptr_array_add (migration, (gpointer) text);
      else
        add_found_text (self, text, i);
    }
  add_migration_texts (self, migration);

  if (self->image_accounts->len == 0)
    rv_add_account_dialog_set_message (self->image_message,
                                       _("Nothing in this image can be added."), TRUE);
  else
    rv_add_account_dialog_set_message (self->image_message, NULL, FALSE);
}

static void
decode_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autofree char *path = g_file_get_path (file);
  GError *error = NULL;
  GPtrArray *texts;

  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Only local files can be opened"));
      return;
    }
  texts = rv_qr_decode_image_file (path, &error);
  if (texts == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texts, (GDestroyNotify) g_ptr_array_unref);
}

static void
decode_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  RvAddAccountDialog *self = RV_ADD_ACCOUNT_DIALOG (object);
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GError) error = NULL;

  texts = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_stop (self->image_spinner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "add-account.open-image", TRUE);
  if (texts == NULL)
    rv_add_account_dialog_set_message (self->image_message, error->message, TRUE);
  else
    show_decoded (self, texts);
  rv_add_account_dialog_update_can_add (self);
}

void
rv_add_account_dialog_load_image (RvAddAccountDialog *self,
                                  GFile              *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RV_IS_ADD_ACCOUNT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  gtk_stack_set_visible_child_name (self->stack, "image");
  rv_add_account_dialog_clear_found (self);
  rv_add_account_dialog_set_message (self->image_message, NULL, FALSE);
  gtk_spinner_start (self->image_spinner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "add-account.open-image", FALSE);
  rv_add_account_dialog_update_can_add (self);

  task = g_task_new (self, self->cancellable, decode_done, NULL);
  g_task_set_source_tag (task, rv_add_account_dialog_load_image);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, decode_thread);
}

static void
on_image_chosen (GtkNativeDialog    *chooser,
                 int                 response,
                 RvAddAccountDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      rv_add_account_dialog_load_image (self, file);
    }
  g_object_unref (chooser);
}

void
rv_add_account_dialog_open_image_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter)
{
  RvAddAccountDialog *self = RV_ADD_ACCOUNT_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_pixbuf_formats (filter);
  chooser = gtk_file_chooser_native_new (_("Open a QR Code Image"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_image_chosen), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* QR codes from the screen and the clipboard (rv-qr-source.c) */

static void
qr_source_done (RvAddAccountDialog *self,
                GPtrArray          *texts,
                GError             *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      g_cancellable_is_cancelled (self->cancellable))
    return;
  gtk_stack_set_visible_child_name (self->stack, "image");
  rv_add_account_dialog_clear_found (self);
  if (texts == NULL)
    rv_add_account_dialog_set_message (self->image_message, error->message, TRUE);
  else
    show_decoded (self, texts);
  rv_add_account_dialog_update_can_add (self);
}

static void
scan_screen_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RvAddAccountDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) texts = rv_qr_source_scan_screen_finish (result, &error);

  qr_source_done (self, texts, error);
}

void
rv_add_account_dialog_scan_screen_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  RvAddAccountDialog *self = RV_ADD_ACCOUNT_DIALOG (widget);

  rv_qr_source_scan_screen_async (NULL, "", self->cancellable, scan_screen_cb,
                                  g_object_ref (self));
}

static void
paste_image_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RvAddAccountDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) texts = rv_qr_source_read_clipboard_finish (GDK_CLIPBOARD (source),
                                                                   result, &error);

  qr_source_done (self, texts, error);
}

void
rv_add_account_dialog_paste_image_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  RvAddAccountDialog *self = RV_ADD_ACCOUNT_DIALOG (widget);

  rv_qr_source_read_clipboard_async (gtk_widget_get_clipboard (widget), self->cancellable,
                                     paste_image_cb, g_object_ref (self));
}
