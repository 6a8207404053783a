/* rv-old-backups.c: after a new key, the older copies that still open
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A password change, or turning keyring unlock off, gives the vault a new
 * master key, but copies made before keep the old one. The core finds them
 * (rv_vault_find_old_backups_async(): a key derivation per file, in a
 * thread); this names them in a dialog and offers to replace the automatic
 * ones with a fresh copy (rv_backup_auto_async(), then
 * rv_backup_auto_remove()). Exports elsewhere are the user's to delete.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rv-backup.h"
#include "rv-old-backups.h"

typedef struct
{
  GtkWindow *parent;
  RvVault   *vault;
  GSettings *settings;
  char      *folder;        /* the automatic backups' folder, or NULL */
  gboolean   keyring;       /* after keyring unlock was turned off */
  GStrv      found;
} Offer;

static void
offer_free (Offer *offer)
{
  g_clear_object (&offer->parent);
  g_clear_object (&offer->vault);
  g_clear_object (&offer->settings);
  g_free (offer->folder);
  g_strfreev (offer->found);
  g_free (offer);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Offer, offer_free)

static void
tell (Offer      *offer,
      const char *text)
{
  if (ADW_IS_PREFERENCES_WINDOW (offer->parent))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (offer->parent),
                                      adw_toast_new (text));
  else
    g_message ("%s", text);
}

static void
replaced_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Offer) offer = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = rv_backup_auto_finish (RV_VAULT (source), result, &error);
  g_autofree char *text = NULL;
  guint removed;

  if (path == NULL)
    {
      tell (offer, error->message);
      return;
    }
  removed = rv_backup_auto_remove (offer->folder, (const char * const *) offer->found, &error);
  if (error != NULL)
    {
      tell (offer, error->message);
      return;
    }
  /* Short: a toast is cut at about 30 characters on a phone-sized window. */
  text = g_strdup_printf (ngettext ("Replaced %u old backup", "Replaced %u old backups", removed),
                          removed);
  tell (offer, text);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             gpointer          user_data)
{
  g_autoptr(Offer) offer = user_data;
  Offer *replacing;
  guint keep;

  if (!g_str_equal (response, "replace"))
    return;
  keep = MAX (g_settings_get_uint (offer->settings, "backups-to-keep"), 1);
  replacing = g_steal_pointer (&offer);
  rv_backup_auto_async (replacing->vault, replacing->folder, keep, NULL, replaced_cb, replacing);
}

/* Whether some of @found are in the automatic backups' folder. */
static gboolean
any_in_folder (Offer *offer)
{
  g_autofree char *folder = NULL;

  if (offer->folder == NULL)
    return FALSE;
  folder = g_canonicalize_filename (offer->folder, NULL);
  for (guint i = 0; offer->found[i] != NULL; i++)
    {
      g_autofree char *path = g_canonicalize_filename (offer->found[i], NULL);
      g_autofree char *parent = g_path_get_dirname (path);

      if (g_str_equal (parent, folder))
        return TRUE;
    }
  return FALSE;
}

static void
found_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Offer) offer = user_data;
  g_autoptr(GString) list = g_string_new (NULL);
  GtkWidget *dialog;
  GtkWidget *label;

  offer->found = rv_vault_find_old_backups_finish (RV_VAULT (source), result, NULL);
  if (offer->found == NULL || offer->found[0] == NULL)
    return;

  for (guint i = 0; offer->found[i] != NULL; i++)
    {
      g_autofree char *display = g_filename_display_name (offer->found[i]);

      g_string_append_printf (list, "%s%s", i > 0 ? "\n" : "", display);
    }
  dialog = adw_message_dialog_new (offer->parent, _("Older Backups Still Open"),
                                   offer->keyring ?
                                   _("The vault has a new key, but these copies were made "
                                     "before and hold the old keyring key: anyone who copied "
                                     "that key can open them. Replace or delete them.") :
                                   _("The vault has a new key, but these copies were made "
                                     "before and still open with the old password: anyone who "
                                     "knows it can read them. Replace or delete them."));
  label = gtk_label_new (list->str);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "monospace");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Older backups"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), label);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "keep", _("_Keep Them"));
  if (any_in_folder (offer))
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "replace",
                                       _("_Replace Automatic Backups"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "replace");
    }
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), g_steal_pointer (&offer));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * rv_old_backups_offer:
 * @settings: (nullable): the app's settings (the automatic backups'
 *   folder and how many to keep); %NULL: the default ones
 * @old_password: (nullable): the password before a change; %NULL after
 *   keyring unlock was turned off (the copies holding its old key)
 *
 * Looks for the older copies that still open, in the background, and, if
 * there are any, names them in a dialog over @parent.
 */
void
rv_old_backups_offer (GtkWindow      *parent,
                      RvVault        *vault,
                      GSettings      *settings,
                      const RvSecret *old_password)
{
  Offer *offer;
  g_autofree char *folder = NULL;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (RV_IS_VAULT (vault));

  offer = g_new0 (Offer, 1);
  offer->parent = g_object_ref (parent);
  offer->vault = g_object_ref (vault);
  offer->settings = settings ? g_object_ref (settings) : g_settings_new (APP_ID);
  folder = g_settings_get_string (offer->settings, "backup-folder");
  offer->folder = folder[0] != '\0' ? g_steal_pointer (&folder) : NULL;
  offer->keyring = old_password == NULL;
  rv_vault_find_old_backups_async (vault, old_password, offer->folder, NULL, found_cb, offer);
}
