/* rv-window-actions.c: the main window's win.* actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rv-add-account-dialog.h"
#include "rv-backups-page.h"
#include "rv-confirm-password.h"
#include "rv-export-dialog.h"
#include "rv-import-flow.h"
#include "rv-recovery-assistant.h"
#include "rv-sheet-print.h"
#include "rv-window-private.h"

static const char *vault_actions[] = {
  "win.add-account", "win.backups", "win.export", "win.locked-out",
  "win.confirm-password", "win.search", "win.show-account", "win.next-hotp-code",
  "win.copy-code",
  "win.print-emergency-sheet",
};

void
rv_window_set_vault_actions_enabled (RvWindow *self,
                                     gboolean  enabled)
{
  for (guint i = 0; i < G_N_ELEMENTS (vault_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), vault_actions[i], enabled);
}

static RvAccount *
account_from_parameter (RvWindow *self,
                        GVariant *parameter)
{
  const char *id = g_variant_get_string (parameter, NULL);

  if (self->vault == NULL || *id == '\0')
    return NULL;

  return rv_vault_find_account_by_id (self->vault, id);
}

static void
show_account_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RvWindow *self = RV_WINDOW (widget);
  RvAccount *account = account_from_parameter (self, parameter);

  if (account != NULL)
    rv_window_show_account (self, account);
}

/* The account page's copy button: the window owns the clipboard guard. */
static void
copy_code_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RvWindow *self = RV_WINDOW (widget);
  RvAccount *account = account_from_parameter (self, parameter);

  if (account != NULL && rv_account_get_kind (account) != RV_OTP_KIND_HOTP)
    rv_window_copy_code (self, account);
}

static void
next_hotp_code_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RvWindow *self = RV_WINDOW (widget);
  RvAccount *account = account_from_parameter (self, parameter);

  if (account == NULL || rv_account_get_kind (account) != RV_OTP_KIND_HOTP)
    return;

  rv_account_set_counter (account, rv_account_get_counter (account) + 1);
  rv_window_save (self);
  rv_window_copy_code (self, account);
}

static void
add_account_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RvWindow *self = RV_WINDOW (widget);

  if (self->vault != NULL)
    gtk_window_present (GTK_WINDOW (rv_add_account_dialog_new (GTK_WINDOW (self), self->vault)));
}

static void
backups_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RvWindow *self = RV_WINDOW (widget);

  GtkWidget *page;

  if (self->vault == NULL)
    return;
  page = rv_backups_page_new (self->vault);
  g_settings_bind (self->settings, "backup-max-age", page, "max-backup-age-days",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "backup-folder", page, "backup-folder",
                   G_SETTINGS_BIND_GET);
  rv_window_push_page (self, page);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RvWindow *self = RV_WINDOW (widget);

  if (self->vault != NULL)
    gtk_window_present (GTK_WINDOW (rv_export_dialog_new (GTK_WINDOW (self), self->vault)));
}

static void
print_sheet_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RvWindow *self = RV_WINDOW (widget);

  if (self->vault != NULL)
    gtk_window_present (GTK_WINDOW (rv_sheet_print_dialog_new (GTK_WINDOW (self), self->vault)));
}

static void
locked_out_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RvWindow *self = RV_WINDOW (widget);
  RvAccount *account = account_from_parameter (self, parameter);
  GtkWidget *assistant;

  if (self->vault == NULL)
    return;

  assistant = rv_recovery_assistant_new (GTK_WINDOW (self), self->vault, account);
  gtk_window_present (GTK_WINDOW (assistant));
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RvWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = rv_import_flow_run_finish (result, &error);

  if (summary != NULL)
    rv_window_add_toast (self, summary);
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    rv_window_show_error (self, _("Import Failed"), error->message);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RvWindow *self = RV_WINDOW (widget);

  /* On the first-run page there is no vault yet: the import follows its
   * creation. */
  if (self->vault == NULL)
    {
      self->import_after_create = TRUE;
      if (self->create_page != NULL)
        rv_create_page_show_import_pending (self->create_page);
      return;
    }

  rv_window_start_import (self);
}

void
rv_window_start_import (RvWindow *self)
{
  rv_import_flow_run_async (GTK_WINDOW (self), self->vault, NULL, import_done_cb,
                            g_object_ref (self));
}

static void
confirm_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RvWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (rv_confirm_password_run_finish (result, &error))
    {
      rv_window_save (self);
      rv_window_add_toast (self, _("Password confirmed"));
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      rv_window_add_toast (self, error->message);
    }
}

static void
confirm_password_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  RvWindow *self = RV_WINDOW (widget);

  if (self->vault != NULL)
    rv_confirm_password_run_async (GTK_WINDOW (self), self->vault, NULL, confirm_done_cb,
                                   g_object_ref (self));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RvWindow *self = RV_WINDOW (widget);

  if (self->vault != NULL)
    rv_account_list_focus_search (self->account_list);
}

void
rv_window_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-account", "s", show_account_action);
  gtk_widget_class_install_action (widget_class, "win.copy-code", "s", copy_code_action);
  gtk_widget_class_install_action (widget_class, "win.next-hotp-code", "s",
                                   next_hotp_code_action);
  gtk_widget_class_install_action (widget_class, "win.add-account", NULL, add_account_action);
  gtk_widget_class_install_action (widget_class, "win.backups", NULL, backups_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.print-emergency-sheet", NULL,
                                   print_sheet_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.locked-out", "s", locked_out_action);
  gtk_widget_class_install_action (widget_class, "win.confirm-password", NULL,
                                   confirm_password_action);
}
