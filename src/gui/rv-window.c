/* rv-window.c: the main window: create, unlock, accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <sys/resource.h>

#include "rv-account-list.h"
#include "rv-account-page.h"
#include "rv-add-account-dialog.h"
#include "rv-application.h"
#include "rv-auto-lock.h"
#include "rv-backup.h"
#include "rv-backups-page.h"
#include "rv-clipboard-guard.h"
#include "rv-code-clock.h"
#include "rv-confirm-password.h"
#include "rv-create-page.h"
#include "rv-export-dialog.h"
#include "rv-import-flow.h"
#include "rv-recovery-assistant.h"
#include "rv-request-draft.h"
#include "rv-unlock-page.h"
#include "rv-window.h"
#include "rv-util.h"
#include "rv-vault-sync.h"

struct _RvWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkSpinner           *loading_spinner;
  RvCreatePage         *create_page;
  RvUnlockPage         *unlock_page;
  AdwLeaflet           *leaflet;
  GtkWidget            *list_page;
  RvAccountList        *account_list;

  GSettings            *settings;
  RvCodeClock          *clock;
  RvClipboardGuard     *clipboard_guard;
  RvAutoLock           *auto_lock;

  char                 *vault_path;
  RvVault              *vault;
  guint                 save_idle_id;
  guint                 auto_backup_id;
  GtkWidget            *pending_page;
  guint                 settle_pages_id;
  gboolean              save_failed;
  gboolean              changed_since_auto_backup;
  gboolean              import_after_create;
  gint64                bench_unlocked_at;
};

/* Actions that only mean something while a vault is open. */
static const char *vault_actions[] = {
  "win.add-account", "win.backups", "win.export", "win.locked-out",
  "win.confirm-password", "win.search", "win.show-account", "win.next-hotp-code",
};

static void start_import (RvWindow *self);

/* Benchmark hook: with RV_BENCH_STARTUP set, the first frame painted with
 * codes on screen prints the time since main() and the resident memory,
 * then quits (see tests/bench/bench-gui-startup.c). */
static void
bench_after_paint_cb (GdkFrameClock *clock,
                      RvWindow      *self)
{
  g_autofree char *status = NULL;
  struct rusage usage;
  const char *rss;
  gint64 elapsed;

  if (rv_account_list_get_n_bound_rows (self->account_list) == 0)
    return;

  elapsed = g_get_monotonic_time () - rv_application_get_launch_time ();
  g_file_get_contents ("/proc/self/status", &status, NULL, NULL);
  rss = status ? strstr (status, "VmRSS:") : NULL;
  getrusage (RUSAGE_SELF, &usage);
  g_print ("startup-ms %.1f\nunlocked-ms %.1f\ncpu-ms %.1f\nrss-kb %" G_GINT64_FORMAT "\n",
           elapsed / 1000.0,
           (self->bench_unlocked_at - rv_application_get_launch_time ()) / 1000.0,
           (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0,
           rss ? g_ascii_strtoll (rss + strlen ("VmRSS:"), NULL, 10) : (gint64) -1);
  g_signal_handlers_disconnect_by_func (clock, bench_after_paint_cb, self);
  g_application_quit (g_application_get_default ());
}

static void
bench_arm (RvWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock == NULL || g_getenv ("RV_BENCH_STARTUP") == NULL)
    return;

  self->bench_unlocked_at = g_get_monotonic_time ();
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (bench_after_paint_cb), self, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

G_DEFINE_FINAL_TYPE (RvWindow, rv_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_VAULT_PATH,
  PROP_VAULT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

RvWindow *
rv_window_new (RvApplication *application,
               const char    *vault_path,
               gboolean       show_start_page)
{
  RvWindow *self;

  g_return_val_if_fail (RV_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (vault_path != NULL, NULL);

  self = g_object_new (RV_TYPE_WINDOW,
                       "application", application,
                       "vault-path", vault_path,
                       NULL);

  if (!show_start_page)
    return self;

  if (g_file_test (vault_path, G_FILE_TEST_EXISTS))
    {
      gtk_stack_set_visible_child_name (self->stack, "unlock");
      /* With keyring unlock on, the vault opens without asking. */
      rv_unlock_page_try_keyring (self->unlock_page);
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "create");
    }

  return self;
}

RvVault *
rv_window_get_vault (RvWindow *self)
{
  g_return_val_if_fail (RV_IS_WINDOW (self), NULL);

  return self->vault;
}

const char *
rv_window_get_page_name (RvWindow *self)
{
  g_return_val_if_fail (RV_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

GtkWidget *
rv_window_get_account_list (RvWindow *self)
{
  g_return_val_if_fail (RV_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->account_list);
}

GtkWidget *
rv_window_get_unlock_page (RvWindow *self)
{
  g_return_val_if_fail (RV_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->unlock_page);
}

GtkWidget *
rv_window_get_create_page (RvWindow *self)
{
  g_return_val_if_fail (RV_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->create_page);
}

void
rv_window_add_toast (RvWindow   *self,
                     const char *title)
{
  g_return_if_fail (RV_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

void
rv_window_show_error (RvWindow   *self,
                      const char *heading,
                      const char *detail)
{
  GtkWidget *dialog;

  g_return_if_fail (RV_IS_WINDOW (self));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, detail);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
refresh_health (RvWindow *self)
{
  rv_account_list_refresh_health (self->account_list,
                                  g_settings_get_uint (self->settings, "backup-max-age"));
}

static void auto_backup (RvWindow *self);

/* Automatic backups follow the changes, a few seconds after the last one,
 * so that a burst of edits makes one copy. */
#define AUTO_BACKUP_DELAY_S 3

static gboolean
auto_backup_cb (gpointer user_data)
{
  RvWindow *self = user_data;

  self->auto_backup_id = 0;
  if (self->vault != NULL)
    auto_backup (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_auto_backup (RvWindow *self)
{
  g_clear_handle_id (&self->auto_backup_id, g_source_remove);
  self->auto_backup_id = g_timeout_add_seconds (AUTO_BACKUP_DELAY_S, auto_backup_cb, self);
}

gboolean
rv_window_save (RvWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (RV_IS_WINDOW (self), FALSE);

  g_clear_handle_id (&self->save_idle_id, g_source_remove);

  if (self->vault == NULL || !rv_vault_is_dirty (self->vault))
    return TRUE;

  if (!rv_vault_save (self->vault, &error))
    {
      if (!self->save_failed)
        rv_window_show_error (self, _("Changes Not Saved"), error->message);
      self->save_failed = TRUE;
      return FALSE;
    }

  self->save_failed = FALSE;
  self->changed_since_auto_backup = TRUE;
  schedule_auto_backup (self);
  return TRUE;
}

static gboolean
save_idle_cb (gpointer user_data)
{
  RvWindow *self = user_data;

  self->save_idle_id = 0;
  rv_window_save (self);
  return G_SOURCE_REMOVE;
}

static void
vault_dirty_cb (RvWindow *self)
{
  /* A failed save is retried on the next change or tick, not in a loop. */
  if (self->vault != NULL && rv_vault_is_dirty (self->vault) && self->save_idle_id == 0)
    self->save_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT, save_idle_cb, self, NULL);
}

static void
reload_toast_cb (RvWindow *self)
{
  rv_window_lock (self);
}

static void
vault_file_changed_cb (RvWindow *self)
{
  AdwToast *toast;

  /* Reopening needs the key again: lock, and the user unlocks the new file
   * (at once when the keyring slot is on). */
  toast = adw_toast_new (_("The vault was changed by another program"));
  adw_toast_set_button_label (toast, _("_Reload"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (reload_toast_cb), self,
                           G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
auto_backup (RvWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_settings_get_string (self->settings, "backup-folder");
  g_autofree char *written = NULL;

  g_clear_handle_id (&self->auto_backup_id, g_source_remove);
  if (!self->changed_since_auto_backup ||
      !g_settings_get_boolean (self->settings, "automatic-backups") || *folder == '\0')
    return;

  written = rv_backup_auto (self->vault, folder,
                            g_settings_get_uint (self->settings, "backups-to-keep"), &error);
  if (written == NULL)
    rv_window_show_error (self, _("Automatic Backup Failed"), error->message);
  else
    self->changed_since_auto_backup = FALSE;
}

static void
pop_to_list (RvWindow *self)
{
  GtkWidget *child;

  adw_leaflet_set_visible_child (self->leaflet, self->list_page);
  while ((child = adw_leaflet_get_adjacent_child (self->leaflet,
                                                  ADW_NAVIGATION_DIRECTION_FORWARD)))
    adw_leaflet_remove (self->leaflet, child);
}

static void
close_dialogs (RvWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (gtk_window_get_transient_for (window) == GTK_WINDOW (self))
        gtk_window_destroy (window);
    }
}

/* Recovery requests whose follow-up date has passed are named once per
 * unlock, so a request sent weeks ago is not forgotten. */
static void
remind_follow_ups (RvWindow *self)
{
  g_autoptr(GPtrArray) due = NULL;
  g_autofree char *text = NULL;
  RvRecoveryRequest *first;

  due = rv_recovery_requests_due (rv_vault_get_requests (self->vault),
                                  rv_now ());
  if (due->len == 0)
    return;

  first = g_ptr_array_index (due, 0);
  if (due->len == 1)
    text = g_strdup_printf (_("Follow up: %s recovery request"),
                            first->service_name ? first->service_name : "?");
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Follow up: %u recovery request",
                                         "Follow up: %u recovery requests",
                                         due->len),
                            due->len);
  rv_window_add_toast (self, text);
}

/* Conflict copies from a synced folder, merged by core (docs/sync.md). */
static void
vault_synced_cb (RvVault      *vault,
                 RvSyncResult *result,
                 const GError *error,
                 gpointer      user_data)
{
  g_autofree char *text = NULL;

  if (error != NULL || result->problems->len > 0)
    rv_window_add_toast (user_data, error != NULL ? error->message
                                                  : g_ptr_array_index (result->problems, 0));
  if (result != NULL && result->changes > 0)
    {
      text = g_strdup_printf (ngettext ("Merged %u change from another device",
                                        "Merged %u changes from another device", result->changes),
                              result->changes);
      rv_window_add_toast (user_data, text);
    }
}

void
rv_window_set_vault (RvWindow *self,
                     RvVault  *vault)
{
  g_return_if_fail (RV_IS_WINDOW (self));
  g_return_if_fail (!vault || RV_IS_VAULT (vault));

  if (self->vault == vault)
    return;

  if (self->vault != NULL)
    {
      g_object_set_data (G_OBJECT (self), "rv-sync-watch", NULL);
      g_signal_handlers_disconnect_by_data (self->vault, self);
      rv_account_list_set_vault (self->account_list, NULL);
      g_clear_object (&self->vault);
    }

  for (guint i = 0; i < G_N_ELEMENTS (vault_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), vault_actions[i], vault != NULL);

  if (vault != NULL)
    {
      self->vault = g_object_ref (vault);
      self->save_failed = FALSE;
      g_signal_connect_swapped (vault, "notify::dirty", G_CALLBACK (vault_dirty_cb), self);
      g_signal_connect_swapped (vault, "file-changed",
                                G_CALLBACK (vault_file_changed_cb), self);
      g_object_set_data_full (G_OBJECT (self), "rv-sync-watch",
                              rv_sync_watch_folder (vault, vault_synced_cb, self),
                              (GDestroyNotify) rv_sync_watch_stop);
      rv_account_list_set_vault (self->account_list, vault);
      rv_code_clock_start (self->clock);
      rv_auto_lock_set_active (self->auto_lock, TRUE);
      gtk_stack_set_visible_child_name (self->stack, "vault");
      gtk_widget_grab_focus (GTK_WIDGET (self->account_list));
      vault_dirty_cb (self);
      remind_follow_ups (self);
      bench_arm (self);
      if (self->import_after_create)
        {
          self->import_after_create = FALSE;
          start_import (self);
        }
    }
  else
    {
      rv_code_clock_stop (self->clock);
      rv_auto_lock_set_active (self->auto_lock, FALSE);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VAULT]);
}

void
rv_window_lock (RvWindow *self)
{
  g_autoptr(RvVault) vault = NULL;

  g_return_if_fail (RV_IS_WINDOW (self));

  if (self->vault == NULL)
    return;

  /* Never lose a change: a vault that cannot be saved stays open. */
  if (!rv_window_save (self))
    {
      rv_window_add_toast (self, _("Not locked: the changes could not be saved"));
      return;
    }

  auto_backup (self);
  rv_clipboard_guard_clear_now (self->clipboard_guard);
  close_dialogs (self);
  pop_to_list (self);
  g_clear_object (&self->pending_page);

  vault = g_object_ref (self->vault);
  rv_window_set_vault (self, NULL);
  rv_vault_close (vault);

  rv_unlock_page_set_path (self->unlock_page, self->vault_path);
  rv_unlock_page_reset (self->unlock_page);
  gtk_stack_set_visible_child_name (self->stack, "unlock");
  gtk_widget_grab_focus (GTK_WIDGET (self->unlock_page));
}

static void
vault_ready_cb (RvWindow  *self,
                RvVault   *vault,
                GtkWidget *page)
{
  rv_window_set_vault (self, vault);
}

static void
copy_code (RvWindow  *self,
           RvAccount *account)
{
  g_autoptr(GError) error = NULL;
  char code[RV_OTP_CODE_BUFFER] = { 0 };

  if (rv_account_get_kind (account) == RV_OTP_KIND_NONE)
    return;

  if (!rv_account_generate_code (account, rv_now (), code, &error))
    {
      rv_window_add_toast (self, error->message);
      return;
    }

  rv_clipboard_guard_copy (self->clipboard_guard, code,
                           g_settings_get_uint (self->settings, "clipboard-clear-delay"));
  memset (code, 0, sizeof code);
  rv_window_add_toast (self, _("Code copied"));
}

static void
account_activated_cb (RvWindow      *self,
                      RvAccount     *account,
                      RvAccountList *list)
{
  copy_code (self, account);
}

static void
page_back_cb (RvWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Removes every page but the list and the visible one. */
static void
drop_hidden_pages (RvWindow *self)
{
  GtkWidget *visible = adw_leaflet_get_visible_child (self->leaflet);
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->leaflet));

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (child != visible && child != self->list_page)
        adw_leaflet_remove (self->leaflet, child);
      child = next;
    }
}

static void
push_page (RvWindow  *self,
           GtkWidget *page)
{
  /* AdwLeaflet 1.2 trips over a new visible child while it still animates
   * the previous change: wait for the end (leaflet_transition_cb). */
  if (adw_leaflet_get_child_transition_running (self->leaflet))
    {
      g_clear_object (&self->pending_page);
      self->pending_page = g_object_ref_sink (page);
      return;
    }

  /* The page shown before stays until the transition ends (removing a child
   * the leaflet is animating makes it measure a dead widget). */
  g_signal_connect_object (page, "back", G_CALLBACK (page_back_cb), self, G_CONNECT_SWAPPED);
  adw_leaflet_insert_child_after (self->leaflet, page,
                                  adw_leaflet_get_visible_child (self->leaflet));
  adw_leaflet_set_visible_child (self->leaflet, page);
  gtk_widget_grab_focus (page);
}

static void
undo_delete_cb (AdwToast *toast,
                RvWindow *self)
{
  RvAccount *account = g_object_get_data (G_OBJECT (toast), "account");

  if (self->vault != NULL && account != NULL)
    rv_vault_add_account (self->vault, account);
}

static void
account_deleted_cb (RvWindow      *self,
                    RvAccount     *account,
                    RvAccountPage *page)
{
  g_autofree char *name = rv_account_dup_display_name (account);
  g_autofree char *title = g_strdup_printf (_("“%s” deleted"), name);
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "account", g_object_ref (account), g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_delete_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
show_account (RvWindow  *self,
              RvAccount *account)
{
  GtkWidget *page;

  if (self->vault == NULL)
    return;

  page = rv_account_page_new (self->vault, account);
  g_signal_connect_object (page, "deleted", G_CALLBACK (account_deleted_cb), self,
                           G_CONNECT_SWAPPED);
  push_page (self, page);
}

static void
account_details_cb (RvWindow      *self,
                    RvAccount     *account,
                    RvAccountList *list)
{
  show_account (self, account);
}

static gboolean
settle_pages_cb (gpointer user_data)
{
  RvWindow *self = user_data;
  g_autoptr(GtkWidget) pending = NULL;

  self->settle_pages_id = 0;
  if (adw_leaflet_get_child_transition_running (self->leaflet))
    return G_SOURCE_REMOVE;
  drop_hidden_pages (self);
  pending = g_steal_pointer (&self->pending_page);
  if (pending != NULL && self->vault != NULL)
    push_page (self, pending);
  return G_SOURCE_REMOVE;
}

/* The leaflet announces the end of a transition from inside its own
 * bookkeeping (even while switching to another child): pages are only
 * removed or added once it is done. */
static void
leaflet_transition_cb (RvWindow *self)
{
  if (!adw_leaflet_get_child_transition_running (self->leaflet) && self->settle_pages_id == 0)
    self->settle_pages_id = g_idle_add (settle_pages_cb, self);
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
    show_account (self, account);
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
  copy_code (self, account);
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
  push_page (self, page);
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
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
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
      rv_window_add_toast (self, _("Choose a password for the new vault; the import follows"));
      return;
    }

  start_import (self);
}

static void
start_import (RvWindow *self)
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

static void
lock_requested_cb (RvWindow *self)
{
  rv_window_lock (self);
}

static void
clock_tick_cb (RvWindow    *self,
               gint64       now,
               RvCodeClock *clock)
{
  rv_account_list_update_codes (self->account_list, now);

  if (self->vault != NULL && rv_vault_is_dirty (self->vault) && !self->save_failed)
    rv_window_save (self);
}

static gboolean
rv_window_close_request (GtkWindow *window)
{
  RvWindow *self = RV_WINDOW (window);

  if (self->vault != NULL)
    {
      if (!rv_window_save (self))
        {
          rv_window_show_error (self, _("Changes Not Saved"),
                                _("The vault could not be saved, so the window stays open. "
                                  "Free some disk space or check the folder’s permissions, "
                                  "then close it again."));
          return TRUE;
        }
      auto_backup (self);
      rv_clipboard_guard_clear_now (self->clipboard_guard);
    }

  return GTK_WINDOW_CLASS (rv_window_parent_class)->close_request (window);
}

static void
rv_window_constructed (GObject *object)
{
  RvWindow *self = RV_WINDOW (object);

  G_OBJECT_CLASS (rv_window_parent_class)->constructed (object);

  rv_unlock_page_set_path (self->unlock_page, self->vault_path);
  rv_create_page_set_path (self->create_page, self->vault_path);
}

static void
rv_window_dispose (GObject *object)
{
  RvWindow *self = RV_WINDOW (object);

  g_clear_handle_id (&self->save_idle_id, g_source_remove);
  g_clear_handle_id (&self->auto_backup_id, g_source_remove);
  g_clear_handle_id (&self->settle_pages_id, g_source_remove);
  g_clear_object (&self->pending_page);
  if (self->vault != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->vault, self);
      g_clear_object (&self->vault);
    }
  if (self->clock != NULL)
    g_signal_handlers_disconnect_by_data (self->clock, self);
  g_clear_object (&self->clock);
  g_clear_object (&self->clipboard_guard);
  g_clear_object (&self->auto_lock);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), RV_TYPE_WINDOW);

  G_OBJECT_CLASS (rv_window_parent_class)->dispose (object);
}

static void
rv_window_finalize (GObject *object)
{
  RvWindow *self = RV_WINDOW (object);

  g_clear_pointer (&self->vault_path, g_free);

  G_OBJECT_CLASS (rv_window_parent_class)->finalize (object);
}

static void
rv_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  RvWindow *self = RV_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VAULT_PATH:
      g_value_set_string (value, self->vault_path);
      break;
    case PROP_VAULT:
      g_value_set_object (value, self->vault);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rv_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  RvWindow *self = RV_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VAULT_PATH:
      self->vault_path = g_value_dup_string (value);
      break;
    case PROP_VAULT:
      rv_window_set_vault (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rv_window_class_init (RvWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = rv_window_constructed;
  object_class->dispose = rv_window_dispose;
  object_class->finalize = rv_window_finalize;
  object_class->get_property = rv_window_get_property;
  object_class->set_property = rv_window_set_property;
  window_class->close_request = rv_window_close_request;

  properties[PROP_VAULT_PATH] =
    g_param_spec_string ("vault-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL, RV_TYPE_VAULT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RV_TYPE_ACCOUNT_LIST);
  g_type_ensure (RV_TYPE_CREATE_PAGE);
  g_type_ensure (RV_TYPE_UNLOCK_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/RecoveryVault/rv-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RvWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RvWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RvWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, RvWindow, create_page);
  gtk_widget_class_bind_template_child (widget_class, RvWindow, unlock_page);
  gtk_widget_class_bind_template_child (widget_class, RvWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RvWindow, list_page);
  gtk_widget_class_bind_template_child (widget_class, RvWindow, account_list);
  gtk_widget_class_bind_template_callback (widget_class, vault_ready_cb);
  gtk_widget_class_bind_template_callback (widget_class, account_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, account_details_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_transition_cb);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-account", "s", show_account_action);
  gtk_widget_class_install_action (widget_class, "win.next-hotp-code", "s",
                                   next_hotp_code_action);
  gtk_widget_class_install_action (widget_class, "win.add-account", NULL, add_account_action);
  gtk_widget_class_install_action (widget_class, "win.backups", NULL, backups_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.locked-out", "s", locked_out_action);
  gtk_widget_class_install_action (widget_class, "win.confirm-password", NULL,
                                   confirm_password_action);
}

static void
rv_window_init (RvWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->clock = rv_code_clock_new ();
  g_signal_connect_swapped (self->clock, "tick", G_CALLBACK (clock_tick_cb), self);
  self->clipboard_guard = rv_clipboard_guard_new (gtk_widget_get_clipboard (GTK_WIDGET (self)));
  self->auto_lock = rv_auto_lock_new (GTK_WIDGET (self));
  g_signal_connect_swapped (self->auto_lock, "lock", G_CALLBACK (lock_requested_cb), self);
  g_settings_bind (self->settings, "auto-lock-delay", self->auto_lock, "delay",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "lock-on-screensaver", self->auto_lock,
                   "lock-on-screensaver", G_SETTINGS_BIND_GET);
  /* The banner re-checks by itself when the vault changes. */
  g_signal_connect_object (self->settings, "changed::backup-max-age",
                           G_CALLBACK (refresh_health), self, G_CONNECT_SWAPPED);
  rv_account_list_refresh_health (self->account_list,
                                  g_settings_get_uint (self->settings, "backup-max-age"));
  g_settings_bind (self->settings, "window-width", self, "default-width",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized",
                   G_SETTINGS_BIND_DEFAULT);

  rv_account_list_set_key_capture_widget (self->account_list, self->list_page);

  for (guint i = 0; i < G_N_ELEMENTS (vault_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), vault_actions[i], FALSE);
}
