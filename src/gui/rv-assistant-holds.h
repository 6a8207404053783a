/* rv-assistant-holds.h: step 2 of the recovery assistant, what the vault
 * still holds for the account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rv-account.h"
#include "rv-provider.h"
#include "rv-vault.h"

G_BEGIN_DECLS

#define RV_TYPE_ASSISTANT_HOLDS (rv_assistant_holds_get_type ())

G_DECLARE_FINAL_TYPE (RvAssistantHolds, rv_assistant_holds, RV, ASSISTANT_HOLDS, AdwBin)

/* Replaces the self-service rows with those of @provider's profile. */
void      rv_assistant_holds_set_provider (RvAssistantHolds *self,
                                           RvProvider       *provider);
/* Shows what the vault holds for @account (NULL: a service outside the
 * vault), and keeps its current code up to date until hidden. */
void      rv_assistant_holds_show         (RvAssistantHolds *self,
                                           RvAccount        *account,
                                           RvProvider       *provider);
/* Stops the code and hides a revealed recovery code. */
void      rv_assistant_holds_hide         (RvAssistantHolds *self);
/* Whether a request may be drafted: the vault holds no way in, or the user
 * ticked that it was tried and rejected (::changed follows that tick). */
gboolean  rv_assistant_holds_can_go_on    (RvAssistantHolds *self);
gboolean  rv_assistant_holds_get_rejected (RvAssistantHolds *self);
/* Shows the first unused recovery code, on the user's explicit request. */
void      rv_assistant_holds_reveal_code  (RvAssistantHolds *self);
/* Marks the revealed code used, and saves @vault (may be NULL). */
void      rv_assistant_holds_mark_used    (RvAssistantHolds *self,
                                           RvVault          *vault);

G_END_DECLS
