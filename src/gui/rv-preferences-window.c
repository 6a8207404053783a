/* rv-preferences-window.c: preferences bound to GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rv-change-password-dialog.h"
#include "rv-old-backups.h"
#include "rv-password-prompt.h"
#include "rv-preferences-window.h"
#include "rv-util.h"

struct _RvPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GtkSpinButton        *auto_lock_spin;
  GtkSwitch            *session_switch;
  AdwActionRow         *keyring_row;
  GtkSwitch            *keyring_switch;
  AdwActionRow         *password_row;
  GtkSpinButton        *clipboard_spin;
  AdwActionRow         *folder_row;
  GtkSpinButton        *max_age_spin;
  GtkSwitch            *auto_backup_switch;
  GtkSpinButton        *keep_spin;

  GSettings            *settings;
  RvVault              *vault;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (RvPreferencesWindow, rv_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Spin buttons hold doubles; the settings are unsigned integers. */
static gboolean
get_uint_scaled (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  guint scale = GPOINTER_TO_UINT (user_data);

  g_value_set_double (value, (double) g_variant_get_uint32 (variant) / scale);
  return TRUE;
}

static GVariant *
set_uint_scaled (const GValue       *value,
                 const GVariantType *expected_type,
                 gpointer            user_data)
{
  guint scale = GPOINTER_TO_UINT (user_data);
  double v = g_value_get_double (value);

  return g_variant_new_uint32 ((guint32) (MAX (0.0, v) * scale + 0.5));
}

static void
bind_spin (RvPreferencesWindow *self,
           const char          *key,
           GtkSpinButton       *spin,
           guint                scale)
{
  g_settings_bind_with_mapping (self->settings, key,
                                gtk_spin_button_get_adjustment (spin), "value",
                                G_SETTINGS_BIND_DEFAULT,
                                get_uint_scaled, set_uint_scaled,
                                GUINT_TO_POINTER (scale), NULL);
}

static gboolean
has_folder (RvPreferencesWindow *self)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "backup-folder");

  return !rv_str_is_blank (folder);
}

/* Automatic backups need a folder: the switch cannot be turned on before
 * one is chosen (it can always be turned off). */
static void
update_auto_backup_switch (RvPreferencesWindow *self)
{
  gboolean active = gtk_switch_get_active (self->auto_backup_switch);

  if (active && !has_folder (self))
    {
      gtk_switch_set_active (self->auto_backup_switch, FALSE);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("Choose a backup folder first")));
      active = FALSE;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->auto_backup_switch), active || has_folder (self));
}

static void
update_folder_row (RvPreferencesWindow *self)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "backup-folder");

  adw_action_row_set_subtitle (self->folder_row,
                               *folder != '\0' ? folder : _("Not chosen"));
  update_auto_backup_switch (self);
}

static void
folder_chosen_cb (RvPreferencesWindow  *self,
                  int                   response,
                  GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (folder != NULL)
    path = g_file_get_path (folder);
  if (path != NULL)
    g_settings_set_string (self->settings, "backup-folder", path);

  g_clear_object (&self->chooser);
}

static void
choose_folder_cb (RvPreferencesWindow *self)
{
  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Backup Folder"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (folder_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* The switch follows the vault, whatever was asked. */
static void
show_keyring_state (RvPreferencesWindow *self)
{
  gboolean enabled = self->vault != NULL && rv_vault_get_keyring_enabled (self->vault);

  gtk_switch_set_active (self->keyring_switch, enabled);
  gtk_switch_set_state (self->keyring_switch, enabled);
}

static void
toast (RvPreferencesWindow *self,
       const char          *text)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
}

static void
keyring_disabled_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(RvPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->keyring_row), self->vault != NULL);
  if (rv_vault_disable_keyring_finish (RV_VAULT (source), result, &error))
    {
      toast (self, _("Keyring unlock is off"));
      rv_old_backups_offer (GTK_WINDOW (self), RV_VAULT (source), self->settings, NULL);
    }
  else
    toast (self, error->message);
  show_keyring_state (self);
}

/* Turning the keyring off gives the vault a new master key (a copy of the
 * keyring item must not open later versions), and that needs the password;
 * its key derivations run in a thread (rv_vault_disable_keyring_async()). */
static void
disable_keyring_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(RvPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RvSecret) password = rv_password_prompt_run_finish (result, &error);

  if (password != NULL && self->vault != NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->keyring_row), FALSE);
      rv_vault_disable_keyring_async (self->vault, password, NULL, keyring_disabled_cb,
                                      g_object_ref (self));
      return;
    }
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (self, error->message);
  show_keyring_state (self);
}

static gboolean
keyring_state_set_cb (RvPreferencesWindow *self,
                      gboolean             state,
                      GtkSwitch           *sw)
{
  g_autoptr(GError) error = NULL;

  if (self->vault == NULL || state == rv_vault_get_keyring_enabled (self->vault))
    return FALSE;

  if (!state)
    {
      rv_password_prompt_run_async (GTK_WINDOW (self), _("Turn Off Keyring Unlock"),
                                    _("Type the vault's password: it will be asked at every "
                                      "unlock, and the vault gets a new key."),
                                    _("_Turn Off"), NULL, disable_keyring_cb,
                                    g_object_ref (self));
      return TRUE;
    }
  if (!rv_vault_enable_keyring (self->vault, NULL, &error))
    {
      toast (self, error->message);
      show_keyring_state (self);
      return TRUE;
    }
  return FALSE;
}

static void
change_password_cb (RvPreferencesWindow *self)
{
  GtkWidget *dialog;

  if (self->vault == NULL)
    return;

  dialog = rv_change_password_dialog_new (GTK_WINDOW (self), self->vault, self->settings);
  gtk_window_present (GTK_WINDOW (dialog));
}

GtkWidget *
rv_preferences_window_new (GSettings *settings,
                           RvVault   *vault)
{
  RvPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (!vault || RV_IS_VAULT (vault), NULL);

  self = g_object_new (RV_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);
  self->vault = vault ? g_object_ref (vault) : NULL;

  bind_spin (self, "auto-lock-delay", self->auto_lock_spin, 60);
  bind_spin (self, "clipboard-clear-delay", self->clipboard_spin, 1);
  bind_spin (self, "backup-max-age", self->max_age_spin, 1);
  bind_spin (self, "backups-to-keep", self->keep_spin, 1);
  g_settings_bind (settings, "lock-on-screensaver", self->session_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "automatic-backups", self->auto_backup_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->auto_backup_switch, "notify::active",
                           G_CALLBACK (update_auto_backup_switch), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::backup-folder",
                           G_CALLBACK (update_folder_row), self, G_CONNECT_SWAPPED);
  update_folder_row (self);

  /* Vault-specific rows only mean something while a vault is open. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->keyring_row), vault != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), vault != NULL);
  if (vault != NULL)
    {
      gtk_switch_set_active (self->keyring_switch, rv_vault_get_keyring_enabled (vault));
      gtk_switch_set_state (self->keyring_switch, rv_vault_get_keyring_enabled (vault));
    }

  return GTK_WIDGET (self);
}

static void
rv_preferences_window_dispose (GObject *object)
{
  RvPreferencesWindow *self = RV_PREFERENCES_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->settings);
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (rv_preferences_window_parent_class)->dispose (object);
}

static void
rv_preferences_window_class_init (RvPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rv_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/RecoveryVault/"
                                               "rv-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RvPreferencesWindow, auto_lock_spin);
  gtk_widget_class_bind_template_child (widget_class, RvPreferencesWindow, session_switch);
  gtk_widget_class_bind_template_child (widget_class, RvPreferencesWindow, keyring_row);
  gtk_widget_class_bind_template_child (widget_class, RvPreferencesWindow, keyring_switch);
  gtk_widget_class_bind_template_child (widget_class, RvPreferencesWindow, password_row);
  gtk_widget_class_bind_template_child (widget_class, RvPreferencesWindow, clipboard_spin);
  gtk_widget_class_bind_template_child (widget_class, RvPreferencesWindow, folder_row);
  gtk_widget_class_bind_template_child (widget_class, RvPreferencesWindow, max_age_spin);
  gtk_widget_class_bind_template_child (widget_class, RvPreferencesWindow, auto_backup_switch);
  gtk_widget_class_bind_template_child (widget_class, RvPreferencesWindow, keep_spin);
  gtk_widget_class_bind_template_callback (widget_class, keyring_state_set_cb);
  gtk_widget_class_bind_template_callback (widget_class, change_password_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_folder_cb);
}

static void
rv_preferences_window_init (RvPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
