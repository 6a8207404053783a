/* rv-import-flow.c: choose a file from another app, preview, import its accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rv-import-flow.h"
#include "rv-import.h"
#include "rv-password-prompt.h"

/* Names listed per section of the preview; the rest is counted. */
#define PREVIEW_NAMES 8

typedef struct
{
  GtkWindow            *parent;
  RvVault              *vault;
  GtkFileChooserNative *chooser;
  char                 *path;
  RvSecret             *contents;
  RvImportResult       *parsed;
  gboolean              retrying;
} Flow;

static void
flow_free (Flow *flow)
{
  g_clear_object (&flow->parent);
  g_clear_object (&flow->vault);
  if (flow->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (flow->chooser));
  g_clear_object (&flow->chooser);
  g_clear_pointer (&flow->path, g_free);
  g_clear_pointer (&flow->contents, rv_secret_free);
  g_clear_pointer (&flow->parsed, rv_import_result_free);
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
append_names (GString    *text,
              const char *heading,
              GPtrArray  *names)
{
  g_string_append_printf (text, "\n\n%s", heading);
  for (guint i = 0; i < names->len && i < PREVIEW_NAMES; i++)
    g_string_append_printf (text, "\n• %s", (const char *) g_ptr_array_index (names, i));
  if (names->len > PREVIEW_NAMES)
    {
      g_string_append (text, "\n• ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more",
                                                 names->len - PREVIEW_NAMES),
                              names->len - PREVIEW_NAMES);
    }
}

/* What rv_import_apply() would do, as a dialog body: added, skipped, rejected. */
static char *
preview_text (const RvImportSummary *summary)
{
  GString *text = g_string_new (NULL);

  if (summary->n_imported == 0)
    g_string_append (text, _("Nothing new to add: the vault already has every account this "
                             "file holds that can be read."));
  else
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                               "%u account will be added.",
                                               "%u accounts will be added.",
                                               summary->n_imported),
                            summary->n_imported);

  if (summary->imported->len > 0)
    append_names (text, _("To add:"), summary->imported);
  if (summary->duplicates->len > 0)
    append_names (text, _("Skipped, already in the vault:"), summary->duplicates);
  if (summary->rejected->len > 0)
    {
      g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < summary->rejected->len; i++)
        {
          const RvImportRejected *r = g_ptr_array_index (summary->rejected, i);

          /* TRANSLATORS: an entry that cannot be imported, and why. */
          g_ptr_array_add (lines, g_strdup_printf (_("%s: %s"), r->label, r->reason));
        }
      append_names (text, _("Rejected, cannot be read:"), lines);
    }
  for (guint i = 0; i < summary->warnings->len; i++)
    g_string_append_printf (text, "\n\n%s", (const char *) g_ptr_array_index (summary->warnings, i));

  return g_string_free (text, FALSE);
}

static void
preview_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     GTask            *task)
{
  Flow *flow = g_task_get_task_data (task);
  g_auto(RvImportSummary) summary = { 0 };

  g_signal_handlers_disconnect_by_func (dialog, preview_response_cb, task);

  if (g_strcmp0 (response, "import") != 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
      g_object_unref (task);
      return;
    }

  rv_import_apply (flow->vault, flow->parsed, &summary);
  g_task_return_pointer (task, summarize (&summary), g_free);
  g_object_unref (task);
}

static void
show_preview (GTask *task)
{
  Flow *flow = g_task_get_task_data (task);
  g_auto(RvImportSummary) summary = { 0 };
  g_autofree char *name = g_path_get_basename (flow->path);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *accept = NULL;
  GtkWidget *dialog;

  rv_import_preview (flow->vault, flow->parsed, &summary);
  body = preview_text (&summary);
  /* TRANSLATORS: “Aegis file “backup.json””: the format, then the file's name. */
  heading = g_strdup_printf (_("Import %s File “%s”?"),
                             rv_import_format_get_display_name (flow->parsed->format), name);

  dialog = adw_message_dialog_new (flow->parent, heading, body);
  if (summary.n_imported > 0)
    {
      accept = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Import %u Account",
                                             "_Import %u Accounts", summary.n_imported),
                                summary.n_imported);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "import", accept,
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
    }
  else
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Close"));
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
    }
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (preview_response_cb), task);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void ask_password (GTask *task);

static void
parsed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  Flow *flow = g_task_get_task_data (task);
  GError *error = NULL;

  flow->parsed = rv_import_parse_finish (result, &error);
  if (flow->parsed == NULL)
    {
      if (g_error_matches (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_WRONG_PASSWORD))
        {
          g_clear_error (&error);
          flow->retrying = TRUE;
          ask_password (task);
          return;
        }
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  show_preview (task);
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
ask_password (GTask *task)
{
  Flow *flow = g_task_get_task_data (task);
  g_autofree char *name = g_path_get_basename (flow->path);
  g_autofree char *body = NULL;

  if (flow->retrying)
    body = g_strdup_printf (_("That password does not open “%s”. Enter the password it was "
                              "exported with."), name);
  else
    body = g_strdup_printf (_("Enter the password “%s” was exported with."), name);

  rv_password_prompt_run_async (flow->parent, _("Encrypted Export"), body, _("_Import"),
                                g_task_get_cancellable (task), password_cb, task);
}

static void
read_chosen (GTask *task)
{
  Flow *flow = g_task_get_task_data (task);
  GError *error = NULL;

  flow->contents = rv_import_read_file (flow->path, &error);
  if (flow->contents == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  if (rv_import_is_encrypted (rv_secret_get_data (flow->contents),
                              rv_secret_get_size (flow->contents), RV_IMPORT_FORMAT_AUTO))
    ask_password (task);
  else
    parse (task, NULL);
}

static void
chosen_cb (GtkFileChooserNative *chooser,
           int                   response,
           GTask                *task)
{
  Flow *flow = g_task_get_task_data (task);
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    flow->path = g_file_get_path (file);
  if (flow->path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
      g_object_unref (task);
      return;
    }

  read_chosen (task);
}

static GTask *
flow_task_new (GtkWindow           *parent,
               RvVault             *vault,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task;
  Flow *flow;

  flow = g_new0 (Flow, 1);
  flow->parent = parent ? g_object_ref (parent) : NULL;
  flow->vault = g_object_ref (vault);

  /* No source object: the finish function checks for none. */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rv_import_flow_run_async);
  g_task_set_task_data (task, flow, (GDestroyNotify) flow_free);
  return task;
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

  task = flow_task_new (parent, vault, cancellable, callback, user_data);
  flow = g_task_get_task_data (task);
  flow->chooser = gtk_file_chooser_native_new (_("Import Accounts"), parent,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (flow->chooser), TRUE);
  g_signal_connect (flow->chooser, "response", G_CALLBACK (chosen_cb), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (flow->chooser));
}

void
rv_import_flow_run_file_async (GtkWindow           *parent,
                               RvVault             *vault,
                               GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;
  Flow *flow;

  g_return_if_fail (RV_IS_VAULT (vault));
  g_return_if_fail (G_IS_FILE (file));

  task = flow_task_new (parent, vault, cancellable, callback, user_data);
  flow = g_task_get_task_data (task);
  flow->path = g_file_get_path (file);
  if (flow->path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("“%s” is not a local file"), uri);
      g_object_unref (task);
      return;
    }

  read_chosen (task);
}

char *
rv_import_flow_run_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Files given on the command line or dropped on a window: one import after
 * the other, once the window has an open vault (after unlock or creation). */

typedef struct
{
  RvWindow *window;
  GQueue    files;    /* GFile */
  gboolean  running;
  gulong    vault_handler;
} Queue;

static void queue_next (Queue *queue);

static void
queue_free (Queue *queue)
{
  g_queue_clear_full (&queue->files, g_object_unref);
  g_free (queue);
}

static void
queued_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Queue *queue = user_data;
  g_autoptr(RvWindow) window = queue->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = rv_import_flow_run_finish (result, &error);

  queue->running = FALSE;
  if (summary != NULL)
    rv_window_add_toast (window, summary);
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    rv_window_show_error (window, _("Import Failed"), error->message);

  queue_next (queue);
}

static void
queue_next (Queue *queue)
{
  RvVault *vault = rv_window_get_vault (queue->window);
  g_autoptr(GFile) file = NULL;

  if (queue->running || vault == NULL || g_queue_is_empty (&queue->files))
    return;

  file = g_queue_pop_head (&queue->files);
  queue->running = TRUE;
  /* The queue lives as long as the window; the window lives until the end. */
  g_object_ref (queue->window);
  rv_import_flow_run_file_async (GTK_WINDOW (queue->window), vault, file, NULL,
                                 queued_done_cb, queue);
}

static Queue *
window_queue (RvWindow *window)
{
  Queue *queue = g_object_get_data (G_OBJECT (window), "rv-import-queue");

  if (queue == NULL)
    {
      queue = g_new0 (Queue, 1);
      queue->window = window;
      g_queue_init (&queue->files);
      g_object_set_data_full (G_OBJECT (window), "rv-import-queue", queue,
                              (GDestroyNotify) queue_free);
      g_signal_connect_swapped (window, "notify::vault", G_CALLBACK (queue_next), queue);
    }
  return queue;
}

void
rv_import_flow_import_files (RvWindow  *window,
                             GFile    **files,
                             int        n_files)
{
  Queue *queue;

  g_return_if_fail (RV_IS_WINDOW (window));

  queue = window_queue (window);
  for (int i = 0; i < n_files; i++)
    g_queue_push_tail (&queue->files, g_object_ref (files[i]));

  if (rv_window_get_vault (window) == NULL && n_files > 0)
    rv_window_add_toast (window, _("Open the vault: the import follows"));
  queue_next (queue);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         RvWindow      *window)
{
  GSList *list = g_value_get_boxed (value);
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);
  rv_import_flow_import_files (window, (GFile **) files->pdata, (int) files->len);
  return files->len > 0;
}

void
rv_import_flow_add_drop_target (RvWindow *window)
{
  GtkDropTarget *target;

  g_return_if_fail (RV_IS_WINDOW (window));

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), window, 0);
  gtk_widget_add_controller (GTK_WIDGET (window), GTK_EVENT_CONTROLLER (target));
}
