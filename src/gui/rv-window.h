/* rv-window.h: the main window: create, unlock, accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rv-application.h"
#include "rv-vault.h"

G_BEGIN_DECLS

#define RV_TYPE_WINDOW (rv_window_get_type ())

G_DECLARE_FINAL_TYPE (RvWindow, rv_window, RV, WINDOW, AdwApplicationWindow)

RvWindow   *rv_window_new            (RvApplication *application,
                                      const char    *vault_path,
                                      gboolean       show_start_page);
RvVault    *rv_window_get_vault      (RvWindow      *self);
void        rv_window_set_vault      (RvWindow      *self,
                                      RvVault       *vault);
const char *rv_window_get_page_name  (RvWindow      *self);
void        rv_window_lock           (RvWindow      *self);
void        rv_window_add_toast      (RvWindow      *self,
                                      const char    *title);
void        rv_window_show_error     (RvWindow      *self,
                                      const char    *heading,
                                      const char    *detail);
gboolean    rv_window_save           (RvWindow      *self);

/* The pages, for tests and the screenshot tool. */
GtkWidget  *rv_window_get_account_list (RvWindow    *self);
GtkWidget  *rv_window_get_unlock_page  (RvWindow    *self);
GtkWidget  *rv_window_get_create_page  (RvWindow    *self);

G_END_DECLS
