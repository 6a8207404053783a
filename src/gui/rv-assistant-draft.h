/* rv-assistant-draft.h: step 6 of the recovery assistant, the drafted
 * request as core checked it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rv-provider.h"
#include "rv-request-draft.h"

G_BEGIN_DECLS

#define RV_TYPE_ASSISTANT_DRAFT (rv_assistant_draft_get_type ())

G_DECLARE_FINAL_TYPE (RvAssistantDraft, rv_assistant_draft, RV, ASSISTANT_DRAFT, AdwBin)

/* Shows @draft for @provider, or @error (why core refused it) when @draft
 * is NULL. */
void  rv_assistant_draft_show       (RvAssistantDraft     *self,
                                     RvProvider           *provider,
                                     const RvRequestDraft *draft,
                                     const char           *error);
/* Shows @message as an error above the draft (a failed save). */
void  rv_assistant_draft_show_error (RvAssistantDraft     *self,
                                     const char           *message);

G_END_DECLS
