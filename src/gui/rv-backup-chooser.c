/* rv-backup-chooser.c: choosing a backup file, then typing its password
 * (the Backups page's Verify and Restore)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rv-backup-chooser.h"
#include "rv-password-prompt.h"

typedef struct
{
  GWeakRef            owner;
  char               *path;
  RvBackupChosenFunc  func;
} Choice;

static void
choice_free (Choice *choice)
{
  g_weak_ref_clear (&choice->owner);
  g_free (choice->path);
  g_free (choice);
}

static GtkWindow *
owner_window (GtkWidget *owner)
{
  GtkRoot *root = gtk_widget_get_root (owner);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
password_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Choice *choice = user_data;
  g_autoptr(GObject) owner = g_weak_ref_get (&choice->owner);
  g_autoptr(RvSecret) password = rv_password_prompt_run_finish (result, NULL);

  if (owner != NULL && password != NULL)
    choice->func (owner, choice->path, password);
  choice_free (choice);
}

/* The shared prompt: it answers Enter once the entry's handler is done. */
static void
file_chosen_cb (GtkNativeDialog *chooser,
                int              response,
                gpointer         user_data)
{
  Choice *choice = user_data;
  g_autoptr(GtkWidget) owner = g_weak_ref_get (&choice->owner);
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;

  if (response == GTK_RESPONSE_ACCEPT && owner != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      choice->path = g_file_get_path (file);
    }
  g_object_unref (chooser);
  if (choice->path == NULL)
    {
      choice_free (choice);
      return;
    }
  name = g_path_get_basename (choice->path);
  body = g_strdup_printf (_("Enter the password “%s” was saved with."), name);
  rv_password_prompt_run_async (owner_window (owner), _("Backup Password"), body, _("_Open"),
                                NULL, password_done_cb, choice);
}

void
rv_backup_chooser_run (GtkWidget          *owner,
                       const char         *title,
                       const char         *folder,
                       RvBackupChosenFunc  func)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  Choice *choice;

  g_return_if_fail (GTK_IS_WIDGET (owner));
  g_return_if_fail (func != NULL);

  gtk_file_filter_set_name (filter, _("Recovery Vault backups"));
  gtk_file_filter_add_pattern (filter, "*.rvault");
  chooser = gtk_file_chooser_native_new (title, owner_window (owner),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (folder != NULL && *folder != '\0')
    {
      g_autoptr(GFile) start = g_file_new_for_path (folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), start, NULL);
    }
  choice = g_new0 (Choice, 1);
  g_weak_ref_init (&choice->owner, owner);
  choice->func = func;
  g_signal_connect (chooser, "response", G_CALLBACK (file_chosen_cb), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
