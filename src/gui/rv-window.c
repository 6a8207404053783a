/* rv-window.c: the main window: create, unlock, accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rv-account-page.h"
#include "rv-application.h"
#include "rv-bench-probe.h"
#include "rv-request-draft.h"
#include "rv-toasts.h"
#include "rv-window-private.h"
#include "rv-util.h"
#include "rv-vault-sync.h"

G_DEFINE_FINAL_TYPE (RvWindow, rv_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_VAULT_PATH,
  PROP_VAULT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void show_create_page (RvWindow *self);
static void show_unlock_page (RvWindow *self);
static void vault_ready_cb   (RvWindow  *self,
                              RvVault   *vault,
                              GtkWidget *page);

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
      /* With keyring unlock on, the vault opens without asking; usually the
       * open started at launch is done by now, and no unlock page is built. */
      g_autoptr(RvVault) vault = rv_unlock_page_take_prefetched (vault_path);

      if (vault != NULL)
        {
          rv_window_set_vault (self, vault);
        }
      else
        {
          show_unlock_page (self);
          rv_unlock_page_try_keyring (self->unlock_page);
        }
    }
  else
    {
      show_create_page (self);
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

/* Returns: (nullable): the unlock page, if it was shown */
GtkWidget *
rv_window_get_unlock_page (RvWindow *self)
{
  g_return_val_if_fail (RV_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->unlock_page);
}

/* The unlock page, made when first shown: a window whose vault the keyring
 * opened at launch builds neither its password row nor its buttons (~8 ms
 * before the first frame, most of it their classes' first use). */
static void
show_unlock_page (RvWindow *self)
{
  if (self->unlock_page == NULL)
    {
      self->unlock_page = RV_UNLOCK_PAGE (rv_unlock_page_new ());
      rv_unlock_page_set_path (self->unlock_page, self->vault_path);
      g_signal_connect_object (self->unlock_page, "unlocked", G_CALLBACK (vault_ready_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->unlock_page), "unlock");
    }
  gtk_stack_set_visible_child_name (self->stack, "unlock");
}

/* The first-run page, made when first shown: a window that opens a vault
 * never builds its password rows and strength meter. */
static void
show_create_page (RvWindow *self)
{
  if (self->create_page == NULL)
    {
      self->create_page = RV_CREATE_PAGE (rv_create_page_new ());
      rv_create_page_set_path (self->create_page, self->vault_path);
      g_signal_connect_object (self->create_page, "created", G_CALLBACK (vault_ready_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->create_page), "create");
    }
  gtk_stack_set_visible_child_name (self->stack, "create");
}

/* Returns: (nullable): the first-run page, if it was shown */
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

  rv_toasts_add (self->toast_overlay, adw_toast_new (title));
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

gboolean
rv_window_save (RvWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (RV_IS_WINDOW (self), FALSE);

  g_clear_handle_id (&self->save_idle_id, g_source_remove);

  if (self->vault == NULL || !rv_vault_is_dirty (self->vault))
    return TRUE;

  if (!rv_backup_scheduler_save (self->scheduler, &error))
    {
      if (!self->save_failed)
        rv_window_show_error (self, _("Changes Not Saved"), error->message);
      self->save_failed = TRUE;
      return FALSE;
    }

  self->save_failed = FALSE;
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
  rv_toasts_add (self->toast_overlay, toast);
}

static void
auto_backup_finished_cb (RvWindow     *self,
                         const char   *path,
                         const GError *error)
{
  if (error != NULL)
    rv_window_show_error (self, _("Automatic Backup Failed"), error->message);
}

/* The backup a lock or a close owes to the last changes, made at once;
 * its failure reaches auto_backup_finished_cb. */
static void
flush_auto_backup (RvWindow *self)
{
  if (self->scheduler != NULL)
    rv_backup_scheduler_flush (self->scheduler, NULL);
}

static void
set_scheduler (RvWindow *self,
               RvVault  *vault)
{
  if (self->scheduler != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->scheduler, self);
      g_clear_object (&self->scheduler);
    }
  if (vault == NULL)
    return;

  self->scheduler = rv_backup_scheduler_new (vault);
  g_settings_bind (self->settings, "automatic-backups", self->scheduler, "enabled",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "backup-folder", self->scheduler, "folder",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "backups-to-keep", self->scheduler, "keep",
                   G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->scheduler, "backup-finished",
                           G_CALLBACK (auto_backup_finished_cb), self, G_CONNECT_SWAPPED);
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
  RvRequestRecord *first;

  due = rv_request_records_due (rv_vault_get_requests (self->vault),
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
      set_scheduler (self, NULL);
      g_clear_object (&self->vault);
    }

  rv_window_set_vault_actions_enabled (self, vault != NULL);

  if (vault != NULL)
    {
      self->vault = g_object_ref (vault);
      self->save_failed = FALSE;
      set_scheduler (self, vault);
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
      rv_account_list_focus_first_row (self->account_list);
      vault_dirty_cb (self);
      remind_follow_ups (self);
      rv_bench_probe_arm (GTK_WIDGET (self), self->account_list);
      if (self->import_after_create)
        {
          self->import_after_create = FALSE;
          rv_window_start_import (self);
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

  flush_auto_backup (self);
  rv_clipboard_guard_clear_now (self->clipboard_guard);
  close_dialogs (self);
  pop_to_list (self);
  g_clear_object (&self->pending_page);

  vault = g_object_ref (self->vault);
  rv_window_set_vault (self, NULL);
  rv_vault_close (vault);

  show_unlock_page (self);
  rv_unlock_page_reset (self->unlock_page);
  gtk_widget_grab_focus (GTK_WIDGET (self->unlock_page));
}

static void
vault_ready_cb (RvWindow  *self,
                RvVault   *vault,
                GtkWidget *page)
{
  rv_window_set_vault (self, vault);
}

void
rv_window_copy_code (RvWindow  *self,
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
  rv_window_copy_code (self, account);
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

void
rv_window_push_page (RvWindow  *self,
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
  rv_toasts_add (self->toast_overlay, toast);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

void
rv_window_show_account (RvWindow  *self,
              RvAccount *account)
{
  GtkWidget *page;

  if (self->vault == NULL)
    return;

  page = rv_account_page_new (self->vault, account);
  g_signal_connect_object (page, "deleted", G_CALLBACK (account_deleted_cb), self,
                           G_CONNECT_SWAPPED);
  rv_window_push_page (self, page);
}

static void
account_details_cb (RvWindow      *self,
                    RvAccount     *account,
                    RvAccountList *list)
{
  rv_window_show_account (self, account);
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
    rv_window_push_page (self, pending);
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
      flush_auto_backup (self);
      rv_clipboard_guard_clear_now (self->clipboard_guard);
    }

  return GTK_WINDOW_CLASS (rv_window_parent_class)->close_request (window);
}

static void
rv_window_dispose (GObject *object)
{
  RvWindow *self = RV_WINDOW (object);

  g_clear_handle_id (&self->save_idle_id, g_source_remove);
  g_clear_handle_id (&self->settle_pages_id, g_source_remove);
  g_clear_object (&self->pending_page);
  if (self->vault != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->vault, self);
      set_scheduler (self, NULL);
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
  g_type_ensure (RV_TYPE_UNLOCK_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/RecoveryVault/rv-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RvWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RvWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RvWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, RvWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RvWindow, list_page);
  gtk_widget_class_bind_template_child (widget_class, RvWindow, account_list);
  gtk_widget_class_bind_template_callback (widget_class, vault_ready_cb);
  gtk_widget_class_bind_template_callback (widget_class, account_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, account_details_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_transition_cb);

  rv_window_class_install_actions (widget_class);
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

  rv_window_set_vault_actions_enabled (self, FALSE);
}
