/* rv-account-list.h: the searchable list of accounts with their codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rv-account.h"
#include "rv-vault.h"

G_BEGIN_DECLS

#define RV_TYPE_ACCOUNT_LIST (rv_account_list_get_type ())

G_DECLARE_FINAL_TYPE (RvAccountList, rv_account_list, RV, ACCOUNT_LIST, AdwBin)

GtkWidget  *rv_account_list_new               (void);
RvVault    *rv_account_list_get_vault         (RvAccountList *self);
void        rv_account_list_set_vault         (RvAccountList *self,
                                               RvVault       *vault);
/* The filtered accounts as shown (RvAccount items). */
GListModel *rv_account_list_get_model         (RvAccountList *self);
void        rv_account_list_set_search_text   (RvAccountList *self,
                                               const char    *text);
void        rv_account_list_focus_search      (RvAccountList *self);
void        rv_account_list_focus_first_row   (RvAccountList *self);
void        rv_account_list_set_key_capture_widget (RvAccountList *self,
                                                    GtkWidget     *widget);
/* Updates the codes of the rows on screen (and only those). */
void        rv_account_list_update_codes      (RvAccountList *self,
                                               gint64         now);
guint       rv_account_list_get_n_bound_rows  (RvAccountList *self);
/* How long typing must pause before rows off screen are re-bound
 * (150 ms; tests set it longer to see the rows a scroll re-binds). */
void        rv_account_list_set_rebind_delay  (RvAccountList *self,
                                               guint          delay_ms);
/* Re-runs the backup health check and shows its first warning. */
void        rv_account_list_refresh_health    (RvAccountList *self,
                                               guint          max_backup_age_days);
gboolean    rv_account_list_get_health_shown  (RvAccountList *self);
void        rv_account_list_activate_position (RvAccountList *self,
                                               guint          position);

G_END_DECLS
