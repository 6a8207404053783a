/* rv-sheet-print.c: "Print Emergency Sheet…": the sheet through GtkPrintOperation or as a PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rv-sheet-print.h"

#include <glib/gi18n-lib.h>

#include "rv-health.h"
#include "rv-health-common.h"
#include "rv-util.h"
#include "rv-window.h"

/* Recording */

static gboolean
record_and_save (RvVault    *vault,
                 GPtrArray  *ids,
                 gint64      when,
                 GError    **error)
{
  g_autoptr(GPtrArray) accounts = g_ptr_array_new ();

  for (guint i = 0; i < ids->len; i++)
    {
      RvAccount *account = rv_vault_find_account_by_id (vault, ids->pdata[i]);

      if (account != NULL)
        g_ptr_array_add (accounts, account);
    }
  rv_health_record_sheet (vault, accounts, when);
  if (!rv_vault_save (vault, error))
    return FALSE;
  rv_health_notify_changed (vault);
  return TRUE;
}

static GPtrArray *
account_ids (RvSheet *sheet)
{
  GPtrArray *accounts = rv_sheet_get_accounts (sheet);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < accounts->len; i++)
    g_ptr_array_add (ids, g_strdup (rv_account_get_id (accounts->pdata[i])));
  return ids;
}

/* The check (and the PDF export), in a thread */

typedef struct
{
  RvVault      *snapshot;
  char         *path;
  gboolean      with_secrets;
  RvSheetPaper  paper;
  gint64        when;
  guint         n_pages;
  GPtrArray    *ids;
} CheckData;

static void
check_data_free (CheckData *data)
{
  if (data->snapshot != NULL)
    rv_vault_close (data->snapshot);
  g_clear_object (&data->snapshot);
  g_free (data->path);
  g_clear_pointer (&data->ids, g_ptr_array_unref);
  g_free (data);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckData *data = task_data;
  g_autoptr(RvSheet) sheet = NULL;
  g_autoptr(RvSecret) pdf = NULL;
  GError *error = NULL;
  gboolean ok;

  sheet = rv_sheet_new (data->snapshot, NULL, NULL, data->with_secrets, data->when, &error);
  if (sheet == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (data->path != NULL)
    ok = rv_sheet_write_pdf (sheet, data->path, data->paper, &data->n_pages, &error);
  else
    ok = (pdf = rv_sheet_render_pdf (sheet, data->paper, &error)) != NULL &&
         rv_sheet_verify_pdf (sheet, pdf, 150, &data->n_pages, &error);
  if (!ok)
    {
      g_task_return_error (task, error);
      return;
    }
  data->ids = account_ids (sheet);
  g_task_return_boolean (task, TRUE);
}

void
rv_sheet_print_check_async (RvVault             *vault,
                            const char          *path,
                            gboolean             with_secrets,
                            RvSheetPaper         paper,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CheckData *data;
  GError *error = NULL;

  g_return_if_fail (RV_IS_VAULT (vault));

  task = g_task_new (vault, cancellable, callback, user_data);
  g_task_set_source_tag (task, rv_sheet_print_check_async);
  data = g_new0 (CheckData, 1);
  data->path = g_strdup (path);
  data->with_secrets = with_secrets;
  data->paper = paper;
  data->when = rv_now ();
  g_task_set_task_data (task, data, (GDestroyNotify) check_data_free);
  /* The thread works on a copy: the user may edit the vault meanwhile. */
  data->snapshot = rv_vault_snapshot (vault, &error);
  if (data->snapshot == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_run_in_thread (task, check_thread);
}

gboolean
rv_sheet_print_check_finish (RvVault       *vault,
                             GAsyncResult  *result,
                             guint         *n_pages,
                             GError       **error)
{
  CheckData *data;

  g_return_val_if_fail (g_task_is_valid (result, vault), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  if (n_pages != NULL)
    *n_pages = data->n_pages;
  /* A written PDF is a sheet: record it in the vault itself, here in the
   * vault's own thread. */
  if (data->path != NULL)
    return record_and_save (vault, data->ids, data->when, error);
  return TRUE;
}

/* Printing */

typedef struct
{
  RvSheet *sheet;
  RvVault *vault;
} PrintData;

static void
print_data_free (PrintData *data)
{
  rv_sheet_free (data->sheet);
  g_clear_object (&data->vault);
  g_free (data);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintData         *data)
{
  guint n = rv_sheet_paginate (data->sheet, gtk_print_context_get_width (context),
                               gtk_print_context_get_height (context));

  gtk_print_operation_set_n_pages (operation, (int) n);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              PrintData         *data)
{
  rv_sheet_draw_page (data->sheet, gtk_print_context_get_cairo_context (context), (guint) page);
}

static void
done_cb (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         PrintData               *data)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  if (result != GTK_PRINT_OPERATION_RESULT_APPLY)
    return;
  ids = account_ids (data->sheet);
  if (!record_and_save (data->vault, ids, rv_now (), &error))
    g_warning ("The printed sheet could not be recorded: %s", error->message);
}

GtkPrintOperation *
rv_sheet_print_operation_new (RvSheet *sheet,
                              RvVault *vault)
{
  GtkPrintOperation *operation;
  PrintData *data;

  g_return_val_if_fail (sheet != NULL, NULL);
  g_return_val_if_fail (RV_IS_VAULT (vault), NULL);

  operation = gtk_print_operation_new ();
  data = g_new0 (PrintData, 1);
  data->sheet = sheet;
  data->vault = g_object_ref (vault);
  g_object_set_data_full (G_OBJECT (operation), "rv-sheet-print", data,
                          (GDestroyNotify) print_data_free);
  /* The sheet draws its own margins, in points from the paper's corner. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, _("Emergency sheet"));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), data);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), data);
  g_signal_connect (operation, "done", G_CALLBACK (done_cb), data);
  return operation;
}

/* The dialog */

typedef struct
{
  GtkWindow      *parent;
  RvVault        *vault;
  GtkCheckButton *secrets;
  gboolean        with_secrets;
} DialogData;

static void
dialog_data_free (DialogData *data)
{
  g_clear_object (&data->parent);
  g_clear_object (&data->vault);
  g_free (data);
}

static RvSheetPaper
default_paper (void)
{
  return g_str_equal (gtk_paper_size_get_default (), GTK_PAPER_NAME_LETTER) ?
         RV_SHEET_PAPER_LETTER : RV_SHEET_PAPER_A4;
}

static void
report (DialogData *data,
        const char *toast,
        GError     *error)
{
  if (!RV_IS_WINDOW (data->parent))
    return;
  if (error != NULL)
    rv_window_show_error (RV_WINDOW (data->parent), _("The emergency sheet failed its check"),
                          error->message);
  else
    rv_window_add_toast (RV_WINDOW (data->parent), toast);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  DialogData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (rv_sheet_print_check_finish (RV_VAULT (source), result, NULL, &error))
    report (data, _("Emergency sheet saved and checked. Print it and delete the file."), NULL);
  else
    report (data, NULL, error);
  dialog_data_free (data);
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    DialogData      *data)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (path == NULL)
    {
      dialog_data_free (data);
      return;
    }
  rv_sheet_print_check_async (data->vault, path, data->with_secrets, default_paper (), NULL,
                              export_done_cb, data);
}

static void
start_export (DialogData *data)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new (_("Export Emergency Sheet"), data->parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* TRANSLATORS: the file name of an exported emergency sheet */
  name = g_strdup_printf ("%s.pdf", _("emergency-sheet"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
print_checked_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  DialogData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  RvSheet *sheet;

  if (!rv_sheet_print_check_finish (RV_VAULT (source), result, NULL, &error))
    {
      report (data, NULL, error);
      dialog_data_free (data);
      return;
    }
  sheet = rv_sheet_new (data->vault, NULL, NULL, data->with_secrets, rv_now (), &error);
  if (sheet == NULL)
    {
      report (data, NULL, error);
      dialog_data_free (data);
      return;
    }
  operation = rv_sheet_print_operation_new (sheet, data->vault);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, data->parent,
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    report (data, NULL, error);
  dialog_data_free (data);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             DialogData       *data)
{
  data->with_secrets = gtk_check_button_get_active (data->secrets);
  if (g_str_equal (response, "print"))
    rv_sheet_print_check_async (data->vault, NULL, data->with_secrets, default_paper (), NULL,
                                print_checked_cb, data);
  else if (g_str_equal (response, "export"))
    start_export (data);
  else
    dialog_data_free (data);
}

AdwMessageDialog *
rv_sheet_print_dialog_new (GtkWindow *parent,
                           RvVault   *vault)
{
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *note;
  DialogData *data;

  g_return_val_if_fail (RV_IS_VAULT (vault), NULL);

  dialog = adw_message_dialog_new (parent, _("Print Emergency Sheet"),
                                   _("A paper copy of the unused recovery codes of every "
                                     "account, with what to do when locked out, to keep in a "
                                     "drawer or a safe. It is read back and checked before it "
                                     "is printed or saved."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "export", _("_Export as PDF…"),
                                    "print", _("_Print…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "print",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "print");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  data = g_new0 (DialogData, 1);
  data->parent = parent != NULL ? g_object_ref (parent) : NULL;
  data->vault = g_object_ref (vault);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  data->secrets = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (
                                      _("Include _QR codes to set up a new phone")));
  note = gtk_label_new (_("Anyone holding the paper can then make your one-time codes too."));
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_widget_add_css_class (note, "caption");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (data->secrets),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, note, NULL, -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (data->secrets));
  gtk_box_append (GTK_BOX (box), note);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), data);
  return ADW_MESSAGE_DIALOG (dialog);
}
