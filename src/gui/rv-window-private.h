/* rv-window-private.h: what rv-window.c and rv-window-actions.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rv-account-list.h"
#include "rv-auto-lock.h"
#include "rv-backup-scheduler.h"
#include "rv-clipboard-guard.h"
#include "rv-code-clock.h"
#include "rv-create-page.h"
#include "rv-unlock-page.h"
#include "rv-window.h"

G_BEGIN_DECLS

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
  RvBackupScheduler    *scheduler;      /* the vault's save-and-back-up policy */
  guint                 save_idle_id;
  GtkWidget            *pending_page;
  guint                 settle_pages_id;
  gboolean              save_failed;
  gboolean              import_after_create;
};


/* rv-window.c */
void  rv_window_show_account            (RvWindow       *self,
                                         RvAccount      *account);
void  rv_window_copy_code               (RvWindow       *self,
                                         RvAccount      *account);
void  rv_window_push_page               (RvWindow       *self,
                                         GtkWidget      *page);

/* rv-window-actions.c: the win.* actions */
void  rv_window_class_install_actions   (GtkWidgetClass *widget_class);
/* Actions that only mean something while a vault is open. */
void  rv_window_set_vault_actions_enabled (RvWindow     *self,
                                           gboolean      enabled);
void  rv_window_start_import            (RvWindow       *self);

G_END_DECLS
