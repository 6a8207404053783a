/* rv-backups-page.c: backup health, state, export, verify and restore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rv-backup.h"
#include "rv-backup-chooser.h"
#include "rv-restore.h"
#include "rv-sync-status.h"
#include "rv-export-dialog.h"
#include "rv-health-common.h"
#include "rv-password-prompt.h"

#include "rv-backups-page.h"
#include "rv-toasts.h"
#include "rv-util.h"

struct _RvBackupsPage
{
  AdwBin               parent_instance;

  RvVault             *vault;
  RvHealthWatch       *watch;
  guint                max_backup_age_days;
  char                *backup_folder;
  GPtrArray           *warnings;       /* RvHealthWarning */
  GPtrArray           *warning_rows;   /* GtkWidget, owned by warnings_group */
  GCancellable        *cancellable;
  AdwToast            *opening_toast;

  AdwToastOverlay     *toast_overlay;
  AdwPreferencesGroup *warnings_group;
  GtkWidget           *all_good_row;
  GtkLabel            *exported_value;
  AdwActionRow        *location_row;
  GtkLabel            *verified_value;
  GtkLabel            *changed_value;
  AdwActionRow        *auto_row;
  AdwActionRow        *sync_row;
};

G_DEFINE_FINAL_TYPE (RvBackupsPage, rv_backups_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_VAULT,
  PROP_MAX_BACKUP_AGE_DAYS,
  PROP_BACKUP_FOLDER,
  N_PROPS
};

enum {
  BACK,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
show_toast (RvBackupsPage *self,
            const char    *title)
{
  rv_toasts_add (self->toast_overlay, adw_toast_new (title));
}

/* "Opening the backup…" stays until the result comes, then goes. */
static void
show_opening (RvBackupsPage *self)
{
  AdwToast *toast = adw_toast_new (_("Opening the backup…"));

  adw_toast_set_timeout (toast, 0);
  if (self->opening_toast != NULL)
    rv_toasts_dismiss (self->toast_overlay, self->opening_toast);
  g_set_object (&self->opening_toast, toast);
  rv_toasts_add (self->toast_overlay, toast);
}

static void
hide_opening (RvBackupsPage *self)
{
  if (self->opening_toast != NULL)
    rv_toasts_dismiss (self->toast_overlay, self->opening_toast);
  g_clear_object (&self->opening_toast);
}

static GtkWindow *
parent_window (RvBackupsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_message (RvBackupsPage *self,
              const char    *heading,
              const char    *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Warnings and state */

static void
on_fix_activated (AdwActionRow  *row,
                  RvBackupsPage *self)
{
  const RvHealthWarning *warning = g_object_get_data (G_OBJECT (row), "warning");

  if (!rv_health_apply_fix (GTK_WIDGET (self), self->vault, warning))
    show_toast (self, warning->detail);
}

/* The whole row runs the fix (its name in the tooltip and for screen
 * readers): a button beside the text left it a narrow column on a phone. */
static GtkWidget *
new_warning_row (RvBackupsPage         *self,
                 const RvHealthWarning *warning)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *fix = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *go = gtk_image_new_from_icon_name ("go-next-symbolic");

  /* The label without its mnemonic underscore. */
  parts = g_strsplit (rv_health_fix_label (warning->fix), "_", -1);
  fix = g_strjoinv ("", parts);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), warning->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), warning->detail);
  gtk_widget_add_css_class (icon, "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Warning"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), go);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, fix);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  fix, -1);
  g_object_set_data (G_OBJECT (row), "warning", (gpointer) warning);
  g_signal_connect_object (row, "activated", G_CALLBACK (on_fix_activated), self, 0);
  return row;
}

/* Per-account warnings of one kind, more than one: a single expandable row
 * ("12 accounts have no recovery codes") whose account rows are only made
 * when it is opened, so a big vault does not make a huge list. */
static gboolean
is_per_account (const RvHealthWarning *warning)
{
  return warning->account_id != NULL &&
         (warning->kind == RV_HEALTH_NO_RECOVERY_CODES ||
          warning->kind == RV_HEALTH_FEW_RECOVERY_CODES);
}

static char *
group_title (RvHealthKind kind,
             guint        n)
{
  if (kind == RV_HEALTH_NO_RECOVERY_CODES)
    return g_strdup_printf (ngettext ("%u account has no recovery codes",
                                      "%u accounts have no recovery codes", n), n);
  return g_strdup_printf (ngettext ("%u account has few recovery codes left",
                                    "%u accounts have few recovery codes left", n), n);
}

static void
on_group_expanded (AdwExpanderRow *expander,
                   GParamSpec     *pspec,
                   RvBackupsPage  *self)
{
  GPtrArray *members = g_object_get_data (G_OBJECT (expander), "members");

  if (!adw_expander_row_get_expanded (expander) ||
      g_object_get_data (G_OBJECT (expander), "filled") != NULL)
    return;
  g_object_set_data (G_OBJECT (expander), "filled", GINT_TO_POINTER (TRUE));
  for (guint i = 0; i < members->len; i++)
    adw_expander_row_add_row (expander, new_warning_row (self, g_ptr_array_index (members, i)));
}

static GtkWidget *
new_group_row (RvBackupsPage *self,
               GPtrArray     *members)
{
  const RvHealthWarning *first = g_ptr_array_index (members, 0);
  g_autofree char *title = group_title (first->kind, members->len);
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), _("Open to see them, and fix each one"));
  gtk_widget_add_css_class (icon, "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Warning"), -1);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);
  g_object_set_data_full (G_OBJECT (row), "members", g_ptr_array_ref (members),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (on_group_expanded), self, 0);
  return row;
}

static void
add_warning_row (RvBackupsPage *self,
                 GtkWidget     *row)
{
  adw_preferences_group_add (self->warnings_group, row);
  g_ptr_array_add (self->warning_rows, row);
}

static void
show_warnings (RvBackupsPage *self)
{
  g_autoptr(GPtrArray) no_codes = g_ptr_array_new ();
  g_autoptr(GPtrArray) few_codes = g_ptr_array_new ();
  GPtrArray *groups[] = { no_codes, few_codes };

  for (guint i = 0; i < self->warning_rows->len; i++)
    adw_preferences_group_remove (self->warnings_group,
                                  g_ptr_array_index (self->warning_rows, i));
  g_ptr_array_set_size (self->warning_rows, 0);

  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  self->warnings = rv_health_check_now (self->vault, self->max_backup_age_days);
  for (guint i = 0; i < self->warnings->len; i++)
    {
      RvHealthWarning *warning = g_ptr_array_index (self->warnings, i);

      if (is_per_account (warning))
        g_ptr_array_add (warning->kind == RV_HEALTH_NO_RECOVERY_CODES ? no_codes : few_codes,
                         warning);
      else
        add_warning_row (self, new_warning_row (self, warning));
    }
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      if (groups[i]->len == 1)
        add_warning_row (self, new_warning_row (self, g_ptr_array_index (groups[i], 0)));
      else if (groups[i]->len > 1)
        add_warning_row (self, new_group_row (self, groups[i]));
    }
  gtk_widget_set_visible (self->all_good_row, self->warnings->len == 0);
}

static void
set_time_label (GtkLabel *label,
                gint64    when)
{
  g_autofree char *text = rv_format_date (when, rv_now ());
  g_autofree char *full = when != 0 ? rv_format_date_full (when) : NULL;

  gtk_label_set_text (label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), full);
}

/* The line `rvault sync-status` prints, in short: the synced folder, copies
 * waiting (merged by the window's folder watch) and the last merge. */
static void
show_sync (RvBackupsPage *self)
{
  g_autoptr(RvSyncStatus) sync = rv_sync_status_read (rv_vault_get_path (self->vault),
                                                      rv_vault_get_id (self->vault));
  g_autoptr(GString) text = g_string_new (NULL);

  if (sync->engine == RV_SYNC_ENGINE_NONE)
    g_string_append (text, _("Not in a synced folder"));
  else
    /* Translators: "Syncthing folder: ~/Sync" */
    g_string_append_printf (text, _("%s folder: %s"), rv_sync_engine_to_string (sync->engine),
                            sync->root);
  if (sync->copies->len > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, ngettext ("%u conflict copy waiting to be merged",
                                              "%u conflict copies waiting to be merged",
                                              sync->copies->len), sync->copies->len);
    }
  if (sync->merged_before)
    {
      g_autofree char *when = rv_format_date (sync->last_merge, rv_now ());

      g_string_append (text, " · ");
      /* Translators: "last merge today at 10:15, 3 changes" */
      g_string_append_printf (text, ngettext ("last merge %s, %u change",
                                              "last merge %s, %u changes",
                                              sync->last_merge_changes),
                              when, sync->last_merge_changes);
    }
  adw_action_row_set_subtitle (self->sync_row, text->str);
  if (sync->copies->len > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->sync_row), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->sync_row), "warning");
}

static void
show_state (RvBackupsPage *self)
{
  RvBackupState *state = rv_vault_get_backup_state (self->vault);

  set_time_label (self->exported_value, state->exported_at);
  set_time_label (self->verified_value, state->verified_at);
  set_time_label (self->changed_value, state->changed_at);
  adw_action_row_set_subtitle (self->location_row,
                               state->export_path ? state->export_path : _("No export yet"));
  adw_action_row_set_subtitle (self->auto_row,
                               self->backup_folder && *self->backup_folder
                                 ? self->backup_folder
                                 : _("Not set: choose one in Preferences"));
  show_sync (self);
}

void
rv_backups_page_refresh (RvBackupsPage *self)
{
  g_return_if_fail (RV_IS_BACKUPS_PAGE (self));

  if (self->vault == NULL)
    return;
  show_warnings (self);
  show_state (self);
}

GPtrArray *
rv_backups_page_get_warnings (RvBackupsPage *self)
{
  g_return_val_if_fail (RV_IS_BACKUPS_PAGE (self), NULL);

  return self->warnings;
}

/* Verify */

static char *
describe_info (const RvBackupInfo *info)
{
  g_autofree char *written = rv_format_date_full (info->written_at);
  g_autofree char *issuers = info->issuers ? g_strjoinv (", ", info->issuers) : g_strdup ("");
  g_autofree char *accounts = NULL;
  g_autofree char *codes = NULL;
  g_autofree char *requests = NULL;

  accounts = g_strdup_printf (ngettext ("%u account (%u with codes)",
                                        "%u accounts (%u with codes)", info->n_accounts),
                              info->n_accounts, info->n_otp_accounts);
  codes = g_strdup_printf (ngettext ("%u recovery code (%u unused)",
                                     "%u recovery codes (%u unused)", info->n_recovery_codes),
                           info->n_recovery_codes, info->n_unused_recovery_codes);
  requests = g_strdup_printf (ngettext ("%u recovery request", "%u recovery requests",
                                        info->n_requests),
                              info->n_requests);
  /* Translators: what a verified backup holds: date; counts; issuer names. */
  return g_strdup_printf (_("Written %s.\n%s, %s, %s.\n%s"),
                          written, accounts, codes, requests, issuers);
}

static void
verify_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RvBackupsPage) self = user_data;
  RvBackupInfo info = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;

  hide_opening (self);
  if (!rv_backup_verify_and_record_finish (RV_VAULT (object), result, &info, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, _("This Backup Does Not Open"), error->message);
      return;
    }
  if (info.recorded)
    rv_health_notify_changed (self->vault);
  body = describe_info (&info);
  show_message (self, _("The Backup Opens"), body);
  rv_backup_info_clear (&info);
}

void
rv_backups_page_verify (RvBackupsPage  *self,
                        const char     *path,
                        const RvSecret *password)
{
  g_return_if_fail (RV_IS_BACKUPS_PAGE (self));
  g_return_if_fail (path != NULL && password != NULL);

  show_opening (self);
  rv_backup_verify_and_record_async (self->vault, path, password, self->cancellable, verify_done,
                                     g_object_ref (self));
}

static void
verify_with_password (gpointer        self,
                      const char     *path,
                      const RvSecret *password)
{
  rv_backups_page_verify (self, path, password);
}

static void
verify_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  rv_backup_chooser_run (widget, _("Verify a Backup"), RV_BACKUPS_PAGE (widget)->backup_folder,
                         verify_with_password);
}

/* Restore */

#define MAX_NAMES 8

/* "Added: GitHub, PyPI and 3 more." for one action of @plan, or NULL. */
static char *
list_names (RvRestorePlan   *plan,
            RvRestoreAction  action,
            const char      *label)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; i < plan->items->len; i++)
    {
      RvRestoreItem *item = g_ptr_array_index (plan->items, i);
      g_autofree char *name = NULL;

      if (item->action != action)
        continue;
      if (n++ >= MAX_NAMES)
        continue;
      name = rv_account_dup_display_name (item->incoming ? item->incoming : item->current);
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, name);
    }
  if (n == 0)
    return NULL;
  if (n > MAX_NAMES)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("and %u more", "and %u more",
                                                         n - MAX_NAMES), n - MAX_NAMES);

      g_string_append_printf (names, " %s", more);
    }
  /* Translators: "Added: GitHub, PyPI." — a kind of change, then account names. */
  return g_strdup_printf (_("%s: %s."), label, names->str);
}

static void
append_names (GString         *body,
              RvRestorePlan   *plan,
              RvRestoreAction  action,
              const char      *label)
{
  g_autofree char *line = list_names (plan, action, label);

  if (line != NULL)
    g_string_append_printf (body, "\n%s", line);
}

static char *
describe_plans (RvRestorePlan *merge,
                RvRestorePlan *replace)
{
  GString *body = g_string_new (NULL);

  /* Translators: the preview of a restore, before the user picks a mode. */
  g_string_append_printf (body, _("Merge: %u added, %u updated, %u kept as they are."),
                          merge->n_added, merge->n_updated, merge->n_unchanged);
  append_names (body, merge, RV_RESTORE_ADD, _("Added"));
  append_names (body, merge, RV_RESTORE_UPDATE, _("Updated"));
  g_string_append (body, "\n\n");
  g_string_append_printf (body, _("Replace: %u added, %u updated, %u removed: the vault "
                                  "becomes exactly the backup."),
                          replace->n_added, replace->n_updated, replace->n_removed);
  append_names (body, replace, RV_RESTORE_REMOVE, _("Removed"));
  return g_string_free (body, FALSE);
}

static void
apply_plan (RvBackupsPage *self,
            RvRestorePlan *plan)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!rv_backup_apply_restore (self->vault, plan, &error))
    {
      show_message (self, _("The Backup Could Not Be Restored"), error->message);
      return;
    }
  message = g_strdup_printf (_("Restored: %u added, %u updated, %u removed"),
                             plan->n_added, plan->n_updated, plan->n_removed);
  show_toast (self, message);
  rv_health_notify_changed (self->vault);
}

static void
on_restore_response (AdwMessageDialog *dialog,
                     const char       *response,
                     RvBackupsPage    *self)
{
  RvVault *backup = g_object_get_data (G_OBJECT (dialog), "backup");

  if (g_str_equal (response, "merge") || g_str_equal (response, "replace"))
    apply_plan (self, g_object_get_data (G_OBJECT (dialog), response));
  rv_vault_close (backup);
}

static void
preview_restore (RvBackupsPage *self,
                 RvVault       *backup)
{
  RvRestorePlan *merge = rv_backup_plan_restore (self->vault, backup, RV_RESTORE_MERGE);
  RvRestorePlan *replace = rv_backup_plan_restore (self->vault, backup, RV_RESTORE_REPLACE);
  g_autofree char *body = describe_plans (merge, replace);
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), _("Restore the Backup?"),
                                              body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace"),
                                    "merge", _("_Merge"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "merge",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "merge", merge,
                          (GDestroyNotify) rv_restore_plan_free);
  g_object_set_data_full (G_OBJECT (dialog), "replace", replace,
                          (GDestroyNotify) rv_restore_plan_free);
  g_object_set_data_full (G_OBJECT (dialog), "backup", g_object_ref (backup), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_restore_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_backup_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(RvBackupsPage) self = user_data;
  g_autoptr(RvVault) backup = NULL;
  g_autoptr(GError) error = NULL;

  hide_opening (self);
  backup = rv_backup_open_finish (result, &error);
  if (backup == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, _("This Backup Does Not Open"), error->message);
      return;
    }
  preview_restore (self, backup);
}

void
rv_backups_page_restore (RvBackupsPage  *self,
                         const char     *path,
                         const RvSecret *password)
{
  g_return_if_fail (RV_IS_BACKUPS_PAGE (self));
  g_return_if_fail (path != NULL && password != NULL);

  show_opening (self);
  rv_backup_open_async (path, password, self->cancellable, open_backup_done,
                        g_object_ref (self));
}

static void
restore_with_password (gpointer        self,
                       const char     *path,
                       const RvSecret *password)
{
  rv_backups_page_restore (self, path, password);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  rv_backup_chooser_run (widget, _("Restore from a Backup"),
                         RV_BACKUPS_PAGE (widget)->backup_folder, restore_with_password);
}

/* Other actions */

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RvBackupsPage *self = RV_BACKUPS_PAGE (widget);
  GtkWidget *dialog = rv_export_dialog_new (parent_window (self), self->vault);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[BACK], 0);
}

/* Lifecycle */

static void
set_vault (RvBackupsPage *self,
           RvVault       *vault)
{
  g_clear_pointer (&self->watch, rv_health_watch_free);
  g_set_object (&self->vault, vault);
  if (vault != NULL)
    self->watch = rv_health_watch (vault, G_CALLBACK (rv_backups_page_refresh), self);
  rv_backups_page_refresh (self);
}

RvVault *
rv_backups_page_get_vault (RvBackupsPage *self)
{
  g_return_val_if_fail (RV_IS_BACKUPS_PAGE (self), NULL);

  return self->vault;
}

static void
rv_backups_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (rv_backups_page_parent_class)->map (widget);
  rv_backups_page_refresh (RV_BACKUPS_PAGE (widget));
}

static void
rv_backups_page_dispose (GObject *object)
{
  RvBackupsPage *self = RV_BACKUPS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->opening_toast);
  set_vault (self, NULL);
  g_clear_pointer (&self->warning_rows, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->backup_folder, g_free);

  G_OBJECT_CLASS (rv_backups_page_parent_class)->dispose (object);
}

static void
rv_backups_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RvBackupsPage *self = RV_BACKUPS_PAGE (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      g_value_set_object (value, self->vault);
      break;
    case PROP_MAX_BACKUP_AGE_DAYS:
      g_value_set_uint (value, self->max_backup_age_days);
      break;
    case PROP_BACKUP_FOLDER:
      g_value_set_string (value, self->backup_folder);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rv_backups_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RvBackupsPage *self = RV_BACKUPS_PAGE (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      set_vault (self, g_value_get_object (value));
      break;
    case PROP_MAX_BACKUP_AGE_DAYS:
      if (self->max_backup_age_days == g_value_get_uint (value))
        break;
      self->max_backup_age_days = g_value_get_uint (value);
      rv_backups_page_refresh (self);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_BACKUP_FOLDER:
      if (g_strcmp0 (self->backup_folder, g_value_get_string (value)) == 0)
        break;
      g_free (self->backup_folder);
      self->backup_folder = g_value_dup_string (value);
      rv_backups_page_refresh (self);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rv_backups_page_class_init (RvBackupsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rv_backups_page_dispose;
  object_class->get_property = rv_backups_page_get_property;
  object_class->set_property = rv_backups_page_set_property;
  widget_class->map = rv_backups_page_map;

  properties[PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL, RV_TYPE_VAULT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Bind these two to the "max-backup-age" and "backup-folder" settings. */
  properties[PROP_MAX_BACKUP_AGE_DAYS] =
    g_param_spec_uint ("max-backup-age-days", NULL, NULL, 0, 3650, 30,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BACKUP_FOLDER] =
    g_param_spec_string ("backup-folder", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[BACK] =
    g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/RecoveryVault/rv-backups-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RvBackupsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RvBackupsPage, warnings_group);
  gtk_widget_class_bind_template_child (widget_class, RvBackupsPage, all_good_row);
  gtk_widget_class_bind_template_child (widget_class, RvBackupsPage, exported_value);
  gtk_widget_class_bind_template_child (widget_class, RvBackupsPage, location_row);
  gtk_widget_class_bind_template_child (widget_class, RvBackupsPage, verified_value);
  gtk_widget_class_bind_template_child (widget_class, RvBackupsPage, changed_value);
  gtk_widget_class_bind_template_child (widget_class, RvBackupsPage, auto_row);
  gtk_widget_class_bind_template_child (widget_class, RvBackupsPage, sync_row);

  gtk_widget_class_install_action (widget_class, "backups.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "backups.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "backups.verify", NULL, verify_action);
  gtk_widget_class_install_action (widget_class, "backups.restore", NULL, restore_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "backups.back", NULL);
}

static void
rv_backups_page_init (RvBackupsPage *self)
{
  self->max_backup_age_days = 30;
  self->warning_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rv_backups_page_new (RvVault *vault)
{
  g_return_val_if_fail (RV_IS_VAULT (vault), NULL);

  return g_object_new (RV_TYPE_BACKUPS_PAGE, "vault", vault, NULL);
}
