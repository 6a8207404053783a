/* rv-assistant-acks.h: step 5 of the recovery assistant, the provider's
 * required acknowledgements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rv-provider.h"

G_BEGIN_DECLS

#define RV_TYPE_ASSISTANT_ACKS (rv_assistant_acks_get_type ())

G_DECLARE_FINAL_TYPE (RvAssistantAcks, rv_assistant_acks, RV, ASSISTANT_ACKS, AdwBin)

/* Replaces the rows with those of @provider's profile. ::changed is
 * emitted whenever a tick changes. */
void      rv_assistant_acks_set_provider (RvAssistantAcks *self,
                                          RvProvider      *provider);
/* Whether every acknowledgement is ticked. */
gboolean  rv_assistant_acks_is_complete  (RvAssistantAcks *self);
/* The ids of the acknowledgements ticked, NULL-terminated. */
GStrv     rv_assistant_acks_dup_ticked   (RvAssistantAcks *self);

G_END_DECLS
