/* rv-add-account-dialog-private.h: what the add-account dialog's files share
 *
 * The dialog is split by page: rv-add-account-dialog.c (the window, the link
 * and form pages, adding) and rv-add-account-image.c (the QR image page).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rv-add-account-dialog.h"
#include "rv-otp-uri.h"

G_BEGIN_DECLS

struct _RvAddAccountDialog
{
  AdwWindow     parent_instance;

  RvVault      *vault;
  RvOtpParams  *uri_params;
  RvOtpParams  *form_params;
  GPtrArray    *image_accounts;   /* RvAccount */
  GCancellable *cancellable;
  gboolean      form_touched;

  GtkWidget    *add_button;
  GtkStack     *stack;
  AdwEntryRow  *uri_row;
  GtkLabel     *uri_message;
  AdwEntryRow  *issuer_row;
  AdwEntryRow  *name_row;
  AdwEntryRow  *secret_row;
  int           uri_last_insert;  /* characters of the last insertion in uri_row */
  AdwComboRow  *kind_row;
  AdwComboRow  *algorithm_row;
  AdwActionRow *digits_row;
  GtkSpinButton *digits_spin;
  AdwActionRow *period_row;
  GtkSpinButton *period_spin;
  AdwActionRow *counter_row;
  GtkSpinButton *counter_spin;
  GtkLabel     *form_message;
  GtkSpinner   *image_spinner;
  GtkWidget    *found_group;
  GtkListBox   *found_list;
  GtkLabel     *image_message;
};

/* rv-add-account-dialog.c */
void  rv_add_account_dialog_set_message        (GtkLabel           *label,
                                                const char         *text,
                                                gboolean            is_error);
void  rv_add_account_dialog_update_can_add     (RvAddAccountDialog *self);
char *rv_add_account_dialog_describe_params    (const RvOtpParams  *params);
char *rv_add_account_dialog_describe_duplicate (RvAccount          *account);

/* rv-add-account-image.c: the QR image page */
void  rv_add_account_dialog_clear_found        (RvAddAccountDialog *self);
void  rv_add_account_dialog_open_image_action  (GtkWidget          *widget,
                                                const char         *action_name,
                                                GVariant           *parameter);
void  rv_add_account_dialog_scan_screen_action (GtkWidget          *widget,
                                                const char         *action_name,
                                                GVariant           *parameter);
void  rv_add_account_dialog_paste_image_action (GtkWidget          *widget,
                                                const char         *action_name,
                                                GVariant           *parameter);

G_END_DECLS
