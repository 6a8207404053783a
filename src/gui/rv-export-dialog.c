/* rv-export-dialog.c: encrypted backups and plain exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rv-backup.h"
#include "rv-backup-scheduler.h"
#include "rv-export.h"
#include "rv-health-common.h"
#include "rv-password-strength.h"
#include "rv-qr-texture.h"

#include "rv-export-dialog.h"

struct _RvExportDialog
{
  AdwWindow       parent_instance;

  RvVault        *vault;
  GFile          *destination;
  GCancellable   *cancellable;
  GPtrArray      *google_codes;   /* RvSecret: otpauth-migration URIs */
  guint           google_index;

  GtkStack       *stack;
  AdwEntryRow    *password_row;
  AdwEntryRow    *confirm_row;
  AdwActionRow   *destination_row;
  GtkLabel       *strength_label;
  GtkLabel       *error_label;
  GtkSpinner     *spinner;
  AdwStatusPage  *done_page;
  GtkPicture     *qr_picture;
  GtkLabel       *qr_label;
};

G_DEFINE_FINAL_TYPE (RvExportDialog, rv_export_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_VAULT,
  PROP_DESTINATION,
  N_PROPS
};

enum {
  EXPORTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
show_error (RvExportDialog *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* Encrypted backup */

static GFile *
default_destination (void)
{
  const char *folder = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = g_strdup_printf ("recovery-vault-backup-%s.rvault", date);

  return g_file_new_build_filename (folder ? folder : g_get_home_dir (), name, NULL);
}

static gboolean
passwords_ready (RvExportDialog *self)
{
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));

  return *password != '\0' && g_str_equal (password, confirm);
}

static void
update_export_enabled (RvExportDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.export-encrypted",
                                 passwords_ready (self) && self->destination != NULL);
}

static void
on_password_changed (RvExportDialog *self)
{
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));
  g_autofree char *hint = NULL;

  rv_password_strength_check (password, &hint);
  if (*confirm != '\0' && !g_str_equal (password, confirm))
    gtk_label_set_text (self->strength_label, _("The two passwords do not match."));
  else
    gtk_label_set_text (self->strength_label, hint ? hint : "");
  show_error (self, NULL);
  update_export_enabled (self);
}

static void
clear_passwords (RvExportDialog *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
}

static char *
describe_report (const RvBackupReport *report)
{
  g_autofree char *accounts = g_strdup_printf (ngettext ("%u account", "%u accounts",
                                                         report->n_accounts),
                                               report->n_accounts);
  g_autofree char *codes = g_strdup_printf (ngettext ("%u recovery code", "%u recovery codes",
                                                      report->n_recovery_codes),
                                            report->n_recovery_codes);

  /* Translators: "The backup at /path opens with its password and holds the
   * same 3 accounts and 16 recovery codes as the vault." */
  return g_strdup_printf (_("The backup at %s opens with its password and holds the same %s "
                            "and %s as the vault. Keep the password somewhere other than "
                            "this computer."),
                          report->path, accounts, codes);
}

static void
show_verified (RvExportDialog       *self,
               const RvBackupReport *report)
{
  g_autofree char *description = describe_report (report);

  adw_status_page_set_icon_name (self->done_page, "emblem-ok-symbolic");
  adw_status_page_set_title (self->done_page, _("Backup Verified"));
  adw_status_page_set_description (self->done_page, description);
  gtk_stack_set_visible_child_name (self->stack, "done");
  rv_health_notify_changed (self->vault);
  g_signal_emit (self, signals[EXPORTED], 0, report->path);
}

static void
export_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RvExportDialog) self = user_data;
  RvBackupReport report = { 0 };
  g_autoptr(GError) error = NULL;

  if (!rv_backup_export_finish (RV_VAULT (object), result, &report, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_spinner_stop (self->spinner);
      gtk_stack_set_visible_child_name (self->stack, "choose");
      show_error (self, error->message);
      return;
    }

  gtk_spinner_stop (self->spinner);
  show_verified (self, &report);
  rv_backup_report_clear (&report);
}

static void
export_encrypted_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  RvExportDialog *self = RV_EXPORT_DIALOG (widget);
  g_autoptr(RvSecret) password = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (!passwords_ready (self) || self->destination == NULL)
    return;
  path = g_file_get_path (self->destination);
  if (path == NULL)
    {
      show_error (self, _("Choose a folder on this computer."));
      return;
    }

  /* Export saves the vault from its worker thread; saving pending changes
   * here first keeps the vault's notifications on the main thread. */
  if (!rv_backup_save (self->vault, &error))
    {
      show_error (self, error->message);
      return;
    }

  password = rv_secret_new_from_string (gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
  clear_passwords (self);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  gtk_spinner_start (self->spinner);
  rv_backup_export_async (self->vault, path, password, self->cancellable,
                          export_done, g_object_ref (self));
}

static void
on_confirm_activated (RvExportDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "export.export-encrypted", NULL);
}

static void
on_destination_chosen (GtkNativeDialog *chooser,
                       int              response,
                       RvExportDialog  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      rv_export_dialog_set_destination (self, file);
    }
  g_object_unref (chooser);
}

static GtkFileChooserNative *
new_save_chooser (RvExportDialog *self,
                  const char     *title,
                  GFile          *suggested)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GFile) folder = g_file_get_parent (suggested);
  g_autofree char *name = g_file_get_basename (suggested);

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  return chooser;
}

static void
choose_destination_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  RvExportDialog *self = RV_EXPORT_DIALOG (widget);
  GtkFileChooserNative *chooser;

  chooser = new_save_chooser (self, _("Save the Encrypted Backup"), self->destination);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_destination_chosen), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Plain exports */

static void
show_plain_done (RvExportDialog       *self,
                 const char           *path,
                 const RvExportReport *report)
{
  g_autofree char *description = NULL;

  description = g_strdup_printf (ngettext ("%u account written to %s. The file is not "
                                           "encrypted: delete it once the other app has "
                                           "imported it.",
                                           "%u accounts written to %s. The file is not "
                                           "encrypted: delete it once the other app has "
                                           "imported it.",
                                           report->n_exported),
                                 report->n_exported, path);
  adw_status_page_set_icon_name (self->done_page, "dialog-warning-symbolic");
  adw_status_page_set_title (self->done_page, _("Unencrypted File Written"));
  adw_status_page_set_description (self->done_page, description);
  gtk_stack_set_visible_child_name (self->stack, "done");
}

/* Only reached after the user confirmed: the only place that passes
 * RV_EXPORT_CONFIRM_UNENCRYPTED. */
static void
write_plain_file (RvExportDialog *self,
                  const char     *format,
                  const char     *path)
{
  GListModel *accounts = rv_vault_get_accounts (self->vault);
  g_auto(RvExportReport) report;
  g_autoptr(RvSecret) content = NULL;
  g_autoptr(GError) error = NULL;

  rv_export_report_init (&report);
  if (g_str_equal (format, "aegis"))
    content = rv_export_aegis_json (accounts, RV_EXPORT_CONFIRM_UNENCRYPTED, &report, &error);
  else
    content = rv_export_uri_list (accounts, RV_EXPORT_CONFIRM_UNENCRYPTED, &report, &error);

  if (content == NULL || !rv_export_write_file (path, content, &error))
    {
      show_error (self, error->message);
      return;
    }
  show_plain_done (self, path, &report);
}

static void
on_plain_destination_chosen (GtkNativeDialog *chooser,
                             int              response,
                             RvExportDialog  *self)
{
  const char *format = g_object_get_data (G_OBJECT (chooser), "format");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        write_plain_file (self, format, path);
    }
  g_object_unref (chooser);
}

static void
choose_plain_destination (RvExportDialog *self,
                          const char     *format)
{
  const char *folder = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  const char *name = g_str_equal (format, "aegis") ? "aegis-export-plain.json"
                                                   : "otpauth-links.txt";
  g_autoptr(GFile) suggested = g_file_new_build_filename (folder ? folder : g_get_home_dir (),
                                                          name, NULL);
  GtkFileChooserNative *chooser;

  chooser = new_save_chooser (self, _("Save the Unencrypted Export"), suggested);
  g_object_set_data_full (G_OBJECT (chooser), "format", g_strdup (format), g_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_plain_destination_chosen),
                           self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
show_google_code (RvExportDialog *self)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  guint n = self->google_codes->len;

  texture = rv_qr_texture_new (g_ptr_array_index (self->google_codes, self->google_index), &error);
  gtk_picture_set_paintable (self->qr_picture, texture ? GDK_PAINTABLE (texture) : NULL);
  if (texture == NULL)
    show_error (self, error->message);

  /* Translators: "Code 1 of 3" */
  label = g_strdup_printf (_("Code %u of %u"), self->google_index + 1, n);
  gtk_label_set_text (self->qr_label, label);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.previous-code",
                                 self->google_index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.next-code",
                                 self->google_index + 1 < n);
}

static void
show_google_codes (RvExportDialog *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *codes;

  codes = rv_export_google_migration (rv_vault_get_accounts (self->vault),
                                      RV_EXPORT_GOOGLE_DEFAULT_BATCH_SIZE,
                                      RV_EXPORT_CONFIRM_UNENCRYPTED, NULL, &error);
  if (codes == NULL)
    {
      show_error (self, error->message);
      return;
    }
  g_clear_pointer (&self->google_codes, g_ptr_array_unref);
  self->google_codes = codes;
  self->google_index = 0;
  show_google_code (self);
  gtk_stack_set_visible_child_name (self->stack, "qr");
}

static void
step_code_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RvExportDialog *self = RV_EXPORT_DIALOG (widget);

  if (self->google_codes == NULL)
    return;
  if (g_str_equal (action_name, "export.next-code") &&
      self->google_index + 1 < self->google_codes->len)
    self->google_index++;
  else if (g_str_equal (action_name, "export.previous-code") && self->google_index > 0)
    self->google_index--;
  show_google_code (self);
}

static void
on_unencrypted_response (AdwMessageDialog *dialog,
                         const char       *response,
                         RvExportDialog   *self)
{
  const char *format = g_object_get_data (G_OBJECT (dialog), "format");

  if (!g_str_equal (response, "export"))
    return;
  if (g_str_equal (format, "google"))
    show_google_codes (self);
  else
    choose_plain_destination (self, format);
}

static void
plain_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RvExportDialog *self = RV_EXPORT_DIALOG (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("This File Is Not Encrypted"),
                                   _("It holds your secret keys as plain text. Anyone who can "
                                     "read it (another program, a sync service, someone with "
                                     "your disk) can make your codes. Delete it as soon as the "
                                     "other app has imported it."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "export", _("_Export Unencrypted"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "format",
                          g_variant_dup_string (parameter, NULL), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_unencrypted_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Lifecycle */

/* "~/Documents/backup.rvault": short enough to read at a glance. */
static char *
display_path (GFile *file)
{
  g_autoptr(GFile) home = g_file_new_for_path (g_get_home_dir ());
  g_autofree char *relative = g_file_get_relative_path (home, file);

  if (relative != NULL)
    return g_build_filename ("~", relative, NULL);
  return g_file_get_parse_name (file);
}

void
rv_export_dialog_set_destination (RvExportDialog *self,
                                  GFile          *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (RV_IS_EXPORT_DIALOG (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (!g_set_object (&self->destination, file))
    return;
  path = file ? display_path (file) : NULL;
  adw_action_row_set_subtitle (self->destination_row, path ? path : _("Not chosen"));
  update_export_enabled (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESTINATION]);
}

GFile *
rv_export_dialog_get_destination (RvExportDialog *self)
{
  g_return_val_if_fail (RV_IS_EXPORT_DIALOG (self), NULL);

  return self->destination;
}

static void
forget_secrets (RvExportDialog *self)
{
  clear_passwords (self);
  gtk_picture_set_paintable (self->qr_picture, NULL);
  g_clear_pointer (&self->google_codes, g_ptr_array_unref);
}

static gboolean
rv_export_dialog_close_request (GtkWindow *window)
{
  forget_secrets (RV_EXPORT_DIALOG (window));
  return GTK_WINDOW_CLASS (rv_export_dialog_parent_class)->close_request (window);
}

/* Also when destroyed with its parent (locking closes every dialog). */
static void
rv_export_dialog_unmap (GtkWidget *widget)
{
  forget_secrets (RV_EXPORT_DIALOG (widget));
  GTK_WIDGET_CLASS (rv_export_dialog_parent_class)->unmap (widget);
}

static void
rv_export_dialog_dispose (GObject *object)
{
  RvExportDialog *self = RV_EXPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->google_codes, g_ptr_array_unref);
  g_clear_object (&self->destination);
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (rv_export_dialog_parent_class)->dispose (object);
}

static void
rv_export_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RvExportDialog *self = RV_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      g_value_set_object (value, self->vault);
      break;
    case PROP_DESTINATION:
      g_value_set_object (value, self->destination);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rv_export_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RvExportDialog *self = RV_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      self->vault = g_value_dup_object (value);
      break;
    case PROP_DESTINATION:
      rv_export_dialog_set_destination (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rv_export_dialog_class_init (RvExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rv_export_dialog_dispose;
  object_class->get_property = rv_export_dialog_get_property;
  object_class->set_property = rv_export_dialog_set_property;
  window_class->close_request = rv_export_dialog_close_request;
  widget_class->unmap = rv_export_dialog_unmap;

  properties[PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL, RV_TYPE_VAULT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESTINATION] =
    g_param_spec_object ("destination", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RvExportDialog::exported:
   * @path: where the verified encrypted backup was written
   */
  signals[EXPORTED] =
    g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/RecoveryVault/rv-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RvExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RvExportDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, RvExportDialog, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, RvExportDialog, destination_row);
  gtk_widget_class_bind_template_child (widget_class, RvExportDialog, strength_label);
  gtk_widget_class_bind_template_child (widget_class, RvExportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, RvExportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, RvExportDialog, done_page);
  gtk_widget_class_bind_template_child (widget_class, RvExportDialog, qr_picture);
  gtk_widget_class_bind_template_child (widget_class, RvExportDialog, qr_label);
  gtk_widget_class_bind_template_callback (widget_class, on_password_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_confirm_activated);

  gtk_widget_class_install_action (widget_class, "export.export-encrypted", NULL,
                                   export_encrypted_action);
  gtk_widget_class_install_action (widget_class, "export.choose-destination", NULL,
                                   choose_destination_action);
  gtk_widget_class_install_action (widget_class, "export.plain", "s", plain_action);
  gtk_widget_class_install_action (widget_class, "export.next-code", NULL, step_code_action);
  gtk_widget_class_install_action (widget_class, "export.previous-code", NULL, step_code_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rv_export_dialog_init (RvExportDialog *self)
{
  g_autoptr(GFile) destination = default_destination ();

  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  rv_export_dialog_set_destination (self, destination);
  update_export_enabled (self);
}

GtkWidget *
rv_export_dialog_new (GtkWindow *parent,
                      RvVault   *vault)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RV_IS_VAULT (vault), NULL);

  return g_object_new (RV_TYPE_EXPORT_DIALOG, "transient-for", parent, "vault", vault, NULL);
}
