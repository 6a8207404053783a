/* rv-assistant-happened.h: step 3 of the recovery assistant, what happened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rv-request-answers.h"

G_BEGIN_DECLS

#define RV_TYPE_ASSISTANT_HAPPENED (rv_assistant_happened_get_type ())

G_DECLARE_FINAL_TYPE (RvAssistantHappened, rv_assistant_happened, RV, ASSISTANT_HAPPENED, AdwBin)

/* The kinds ticked. */
RvHappened  rv_assistant_happened_get_kinds   (RvAssistantHappened *self);
/* What happened, in the user's words, stripped. */
char       *rv_assistant_happened_dup_details (RvAssistantHappened *self);

G_END_DECLS
