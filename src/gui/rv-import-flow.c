/* rv-import-flow.c: choose a file from another app, import its accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rv-import-flow.h"
#include "rv-import.h"
#include "rv-password-prompt.h"

typedef struct
{
  GtkWindow            *parent;
  GtkFileChooserNative *chooser;
  RvSecret             *contents;
} Flow;

static void
flow_free (Flow *flow)
{
  g_clear_object (&flow->parent);
  if (flow->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (flow->chooser));
  g_clear_object (&flow->chooser);
  g_clear_pointer (&flow->contents, rv_secret_free);
  g_free (flow);
}

static char *
summarize (const RvImportSummary *summary)
{
  g_autofree char *imported = NULL;
  guint skipped = summary->duplicates->len + summary->rejected->len;

  imported = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u account",
                                           "Imported %u accounts", summary->n_imported),
                              summary->n_imported);
  if (skipped == 0)
    return g_steal_pointer (&imported);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u skipped (duplicate or unreadable)",
                                       "%s, %u skipped (duplicates or unreadable)", skipped),
                          imported, skipped);
}

static void
parsed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(RvImportResult) parsed = NULL;
  g_auto(RvImportSummary) summary = { 0 };
  GError *error = NULL;

  parsed = rv_import_parse_finish (result, &error);
  if (parsed == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  rv_import_apply (g_task_get_source_object (task), parsed, &summary);
  g_task_return_pointer (task, summarize (&summary), g_free);
}

static void
parse (GTask          *task,
       const RvSecret *password)
{
  Flow *flow = g_task_get_task_data (task);

  rv_import_parse_async (rv_secret_get_data (flow->contents),
                         rv_secret_get_size (flow->contents),
                         RV_IMPORT_FORMAT_AUTO, password, g_task_get_cancellable (task),
                         parsed_cb, task);
}

static void
password_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(RvSecret) password = NULL;
  GError *error = NULL;

  password = rv_password_prompt_run_finish (result, &error);
  if (password == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  parse (task, password);
}

static void
chosen_cb (GtkFileChooserNative *chooser,
           int                   response,
           GTask                *task)
{
  Flow *flow = g_task_get_task_data (task);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  GError *error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
      g_object_unref (task);
      return;
    }

  flow->contents = rv_import_read_file (path, &error);
  if (flow->contents == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  if (rv_import_is_encrypted (rv_secret_get_data (flow->contents),
                              rv_secret_get_size (flow->contents), RV_IMPORT_FORMAT_AUTO))
    rv_password_prompt_run_async (flow->parent, _("Encrypted Export"),
                                  _("Enter the password this file was exported with."),
                                  _("_Import"), g_task_get_cancellable (task),
                                  password_cb, task);
  else
    parse (task, NULL);
}

void
rv_import_flow_run_async (GtkWindow           *parent,
                          RvVault             *vault,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;
  Flow *flow;

  g_return_if_fail (RV_IS_VAULT (vault));

  flow = g_new0 (Flow, 1);
  flow->parent = parent ? g_object_ref (parent) : NULL;
  flow->chooser = gtk_file_chooser_native_new (_("Import Accounts"), parent,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (flow->chooser), TRUE);

  task = g_task_new (vault, cancellable, callback, user_data);
  g_task_set_source_tag (task, rv_import_flow_run_async);
  g_task_set_task_data (task, flow, (GDestroyNotify) flow_free);
  g_signal_connect (flow->chooser, "response", G_CALLBACK (chosen_cb), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (flow->chooser));
}

char *
rv_import_flow_run_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
