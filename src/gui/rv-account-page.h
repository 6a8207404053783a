/* rv-account-page.h: one account's details, secret and recovery codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rv-vault.h"

G_BEGIN_DECLS

#define RV_TYPE_ACCOUNT_PAGE (rv_account_page_get_type ())

G_DECLARE_FINAL_TYPE (RvAccountPage, rv_account_page, RV, ACCOUNT_PAGE, AdwBin)

GtkWidget *rv_account_page_new                (RvVault       *vault,
                                               RvAccount     *account);
RvAccount *rv_account_page_get_account        (RvAccountPage *self);
gboolean   rv_account_page_get_secret_revealed (RvAccountPage *self);
/* Hides the secret key and any recovery code; done on leaving the page. */
void       rv_account_page_conceal            (RvAccountPage *self);

G_END_DECLS
