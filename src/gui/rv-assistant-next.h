/* rv-assistant-next.h: step 7 of the recovery assistant, what to expect
 * next, and the record of the request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rv-provider.h"

G_BEGIN_DECLS

#define RV_TYPE_ASSISTANT_NEXT (rv_assistant_next_get_type ())

G_DECLARE_FINAL_TYPE (RvAssistantNext, rv_assistant_next, RV, ASSISTANT_NEXT, AdwBin)

/* Replaces the rows with those of @provider's profile, and proposes a
 * follow-up date. */
void         rv_assistant_next_set_provider  (RvAssistantNext *self,
                                              RvProvider      *provider);
/* The ticket or issue link typed, or NULL when blank. */
const char  *rv_assistant_next_get_ticket    (RvAssistantNext *self);
/* The follow-up date as typed (YYYY-MM-DD, unchecked). */
const char  *rv_assistant_next_get_follow_up (RvAssistantNext *self);
/* What became of the record: @status replaces “Not recorded yet”. */
void         rv_assistant_next_set_status    (RvAssistantNext *self,
                                              const char      *status);

G_END_DECLS
