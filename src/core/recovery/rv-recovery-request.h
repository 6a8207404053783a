/* rv-recovery-request.h: the former names of the request record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every request type is RvRequest* (RvRequestRecord, RvRequestDraft,
 * RvRequestAnswers, RvRequestFacts). These aliases keep the vault and
 * backup code, which store records, building until they move to the new
 * names; new code uses rv-request-record.h.
 */
#pragma once

#include "rv-request-record.h"

typedef RvRequestRecord RvRecoveryRequest;

#define RV_TYPE_RECOVERY_REQUEST      RV_TYPE_REQUEST_RECORD
#define rv_recovery_request_get_type  rv_request_record_get_type
#define rv_recovery_request_new       rv_request_record_new
#define rv_recovery_request_copy      rv_request_record_copy
#define rv_recovery_request_free      rv_request_record_free
#define rv_recovery_requests_due      rv_request_records_due

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RvRecoveryRequest, rv_request_record_free)
