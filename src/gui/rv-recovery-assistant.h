/* rv-recovery-assistant.h: the “I’m locked out” assistant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rv-account.h"
#include "rv-provider.h"
#include "rv-vault.h"

G_BEGIN_DECLS

#define RV_TYPE_RECOVERY_ASSISTANT (rv_recovery_assistant_get_type ())

G_DECLARE_FINAL_TYPE (RvRecoveryAssistant, rv_recovery_assistant, RV, RECOVERY_ASSISTANT, AdwWindow)

/* @vault and @account may be NULL: then the user types a service by hand.
 * With @account, the assistant starts at what the vault still holds. */
GtkWidget   *rv_recovery_assistant_new            (GtkWindow           *parent,
                                                   RvVault             *vault,
                                                   RvAccount           *account);

/* The step shown: account, holds, happened, evidence, acks, draft, next. */
const char  *rv_recovery_assistant_get_step       (RvRecoveryAssistant *self);
RvAccount   *rv_recovery_assistant_get_account    (RvRecoveryAssistant *self);
RvProvider  *rv_recovery_assistant_get_provider   (RvRecoveryAssistant *self);
/* The checked draft of the draft step, or NULL (not there yet, or refused). */
const char  *rv_recovery_assistant_get_draft_text (RvRecoveryAssistant *self);
/* Why the draft was refused, or NULL. */
const char  *rv_recovery_assistant_get_draft_error (RvRecoveryAssistant *self);

G_END_DECLS
