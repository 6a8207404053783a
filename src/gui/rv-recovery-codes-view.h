/* rv-recovery-codes-view.h: an account's recovery codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rv-vault.h"

G_BEGIN_DECLS

#define RV_TYPE_RECOVERY_CODES_VIEW (rv_recovery_codes_view_get_type ())

G_DECLARE_FINAL_TYPE (RvRecoveryCodesView, rv_recovery_codes_view, RV, RECOVERY_CODES_VIEW, AdwBin)

GtkWidget *rv_recovery_codes_view_new          (RvVault             *vault,
                                                RvAccount           *account);
RvAccount *rv_recovery_codes_view_get_account  (RvRecoveryCodesView *self);
/* Hides a revealed code and forgets pasted text; called when the page is left. */
void       rv_recovery_codes_view_conceal      (RvRecoveryCodesView *self);
/* The index of the revealed code, or -1. */
int        rv_recovery_codes_view_get_revealed (RvRecoveryCodesView *self);

G_END_DECLS
