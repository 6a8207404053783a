/* rv-account-row.h: one account in the list: who, the code, time left
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rv-account.h"

G_BEGIN_DECLS

#define RV_TYPE_ACCOUNT_ROW (rv_account_row_get_type ())

G_DECLARE_FINAL_TYPE (RvAccountRow, rv_account_row, RV, ACCOUNT_ROW, GtkWidget)

/* How many seconds before the end of a period the next code shows. */
#define RV_ACCOUNT_ROW_NEXT_CODE_SECONDS 5

GtkWidget  *rv_account_row_new          (void);
RvAccount  *rv_account_row_get_account  (RvAccountRow *self);
void        rv_account_row_set_account  (RvAccountRow *self,
                                         RvAccount    *account,
                                         gint64        now);
void        rv_account_row_update       (RvAccountRow *self,
                                         gint64        now);
const char *rv_account_row_get_code     (RvAccountRow *self);
const char *rv_account_row_get_next_code (RvAccountRow *self);

/* "123456" -> "123 456": groups of three or four for reading aloud. */
char       *rv_account_row_group_digits (const char   *code);

G_END_DECLS
