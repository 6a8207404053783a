/* rv-request-record.h: the record of an account-recovery request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "rv-stamp.h"

G_BEGIN_DECLS

typedef enum
{
  RV_REQUEST_STATUS_DRAFT,
  RV_REQUEST_STATUS_SUBMITTED,
  RV_REQUEST_STATUS_WAITING,     /* the provider asked for something or is checking */
  RV_REQUEST_STATUS_RESOLVED,
  RV_REQUEST_STATUS_REJECTED,
} RvRequestStatus;

/* Nothing here is secret: the draft is checked for secrets before it is
 * stored. Times are Unix seconds, 0 when not set. */
typedef struct
{
  char            *id;
  char            *account_id;     /* NULL for a service that is not in the vault */
  char            *service_name;
  char            *provider_id;
  char            *draft;
  gint64           created_at;
  gint64           submitted_at;
  RvRequestStatus  status;
  char            *ticket_url;
  gint64           follow_up_at;
  RvStamp          modified;       /* stamped by the vault when it saves a change */
} RvRequestRecord;

#define RV_TYPE_REQUEST_RECORD (rv_request_record_get_type ())

GType               rv_request_record_get_type        (void) G_GNUC_CONST;
RvRequestRecord  *rv_request_record_new             (void);
RvRequestRecord  *rv_request_record_copy            (const RvRequestRecord *self);
void                rv_request_record_free            (RvRequestRecord       *self);
void                rv_request_record_sanitize        (RvRequestRecord       *self);
const char         *rv_request_status_to_string         (RvRequestStatus          status);
gboolean            rv_request_status_from_string       (const char              *text,
                                                         RvRequestStatus         *status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RvRequestRecord, rv_request_record_free)

G_END_DECLS
