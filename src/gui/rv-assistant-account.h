/* rv-assistant-account.h: step 1 of the recovery assistant, which account
 * and which recovery profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rv-account.h"
#include "rv-provider.h"
#include "rv-vault.h"

G_BEGIN_DECLS

#define RV_TYPE_ASSISTANT_ACCOUNT (rv_assistant_account_get_type ())

G_DECLARE_FINAL_TYPE (RvAssistantAccount, rv_assistant_account, RV, ASSISTANT_ACCOUNT, AdwBin)

/* Lists @vault's accounts (NULL: the user types a service by hand). */
void         rv_assistant_account_set_vault     (RvAssistantAccount *self,
                                                 RvVault            *vault);
/* Chooses @account in the list; FALSE when it is not there. */
gboolean     rv_assistant_account_select        (RvAssistantAccount *self,
                                                 RvAccount          *account);
/* The profiles to choose from, once loaded (takes @providers). */
void         rv_assistant_account_set_providers (RvAssistantAccount *self,
                                                 GPtrArray          *providers);
/* ::changed is emitted whenever one of these may have changed. */
RvAccount   *rv_assistant_account_get_account   (RvAssistantAccount *self);
RvProvider  *rv_assistant_account_get_provider  (RvAssistantAccount *self);
/* The service typed by hand, and the username, as typed. */
const char  *rv_assistant_account_get_service   (RvAssistantAccount *self);
const char  *rv_assistant_account_get_username  (RvAssistantAccount *self);
/* Whether the step is answered: a profile, and an account or a service. */
gboolean     rv_assistant_account_is_complete   (RvAssistantAccount *self);

G_END_DECLS
