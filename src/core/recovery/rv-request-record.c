/* rv-request-record.c: the record of an account-recovery request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rv-request-record.h"
#include "rv-util.h"
#include "rv-text.h"

G_DEFINE_BOXED_TYPE (RvRequestRecord, rv_request_record,
                     rv_request_record_copy, rv_request_record_free)

static const char *status_names[] = {
  "draft", "submitted", "waiting", "resolved", "rejected",
};

RvRequestRecord *
rv_request_record_new (void)
{
  RvRequestRecord *self = g_new0 (RvRequestRecord, 1);

  self->id = g_uuid_string_random ();
  self->created_at = rv_now ();
  return self;
}

RvRequestRecord *
rv_request_record_copy (const RvRequestRecord *self)
{
  RvRequestRecord *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->id = g_strdup (self->id);
  copy->account_id = g_strdup (self->account_id);
  copy->service_name = g_strdup (self->service_name);
  copy->provider_id = g_strdup (self->provider_id);
  copy->draft = g_strdup (self->draft);
  copy->ticket_url = g_strdup (self->ticket_url);
  return copy;
}

void
rv_request_record_free (RvRequestRecord *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->account_id);
  g_free (self->service_name);
  g_free (self->provider_id);
  g_free (self->draft);
  g_free (self->ticket_url);
  g_free (self);
}

/* Removes control characters from the text a person reads (rv-text.c): called
 * when a record is loaded and when it is added to a vault. */
void
rv_request_record_sanitize (RvRequestRecord *self)
{
  g_return_if_fail (self != NULL);

  rv_text_sanitize_in_place (&self->service_name, RV_TEXT_LINE);
  rv_text_sanitize_in_place (&self->ticket_url, RV_TEXT_LINE);
  rv_text_sanitize_in_place (&self->draft, RV_TEXT_MULTILINE);
}

const char *
rv_request_status_to_string (RvRequestStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (status_names), "draft");

  return status_names[status];
}

gboolean
rv_request_status_from_string (const char      *text,
                               RvRequestStatus *status)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    {
      if (g_str_equal (text, status_names[i]))
        {
          *status = (RvRequestStatus) i;
          return TRUE;
        }
    }
  return FALSE;
}
