/* rv-assistant-evidence.h: step 4 of the recovery assistant, what the user
 * can still prove, in the profile's words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rv-provider.h"

G_BEGIN_DECLS

#define RV_TYPE_ASSISTANT_EVIDENCE (rv_assistant_evidence_get_type ())

G_DECLARE_FINAL_TYPE (RvAssistantEvidence, rv_assistant_evidence, RV, ASSISTANT_EVIDENCE, AdwBin)

/* Replaces the rows with those of @provider's profile. */
void   rv_assistant_evidence_set_provider (RvAssistantEvidence *self,
                                           RvProvider          *provider);
/* The ids of the evidence ticked, NULL-terminated. */
GStrv  rv_assistant_evidence_dup_ticked   (RvAssistantEvidence *self);
/* The details typed, stripped. */
char  *rv_assistant_evidence_dup_details  (RvAssistantEvidence *self);

G_END_DECLS
