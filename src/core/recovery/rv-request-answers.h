/* rv-request-answers.h: what the user answers the “I’m locked out” assistant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same answers come from the GUI's steps or from the JSON file of
 * `rvault request --answers` (docs/recovery-answers.md).
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define RV_REQUEST_ERROR (rv_request_error_quark ())

typedef enum
{
  RV_REQUEST_ERROR_BAD_ANSWERS,           /* the answers file is malformed */
  RV_REQUEST_ERROR_UNKNOWN_ID,            /* an evidence or acknowledgement id the profile lacks */
  RV_REQUEST_ERROR_MISSING_FIELD,         /* a required field would be empty */
  RV_REQUEST_ERROR_MISSING_ACKNOWLEDGEMENT,
  RV_REQUEST_ERROR_NOT_ELIGIBLE,          /* a required condition is not met (PyPI: codes lost) */
  RV_REQUEST_ERROR_LEAK,                  /* a secret or something shaped like one */
  RV_REQUEST_ERROR_PERSONAL_DATA,         /* an email address or phone number in a public request */
  RV_REQUEST_ERROR_STORED_WAY_IN,         /* the vault holds a TOTP secret or unused codes not
                                           * yet tried and rejected */
} RvRequestError;

/* What happened, as the assistant asks it. */
typedef enum
{
  RV_HAPPENED_LOST_DEVICE        = 1 << 0,
  RV_HAPPENED_CODES_NOT_WORKING  = 1 << 1,
  RV_HAPPENED_CODES_LOST         = 1 << 2,
  RV_HAPPENED_EMAIL_LOST         = 1 << 3,
  RV_HAPPENED_COMPROMISE         = 1 << 4,   /* codes or 2FA changed without my knowledge */
} RvHappened;

#define RV_HAPPENED_N_KINDS 5

typedef struct
{
  char       *service;           /* a service typed by hand (no account) */
  char       *username;          /* NULL: the account's name */
  char       *email;             /* NULL: the account's email; never used on a public channel */
  RvHappened  happened;
  char       *details;           /* free text about what happened */
  GStrv       evidence;          /* evidence ids of the profile */
  char       *evidence_details;  /* free text about the evidence */
  GStrv       acknowledged;      /* acknowledgement ids of the profile */
  gboolean    stored_rejected;   /* the user tried the TOTP secret and unused recovery codes
                                  * the vault holds, and the provider rejected them */
} RvRequestAnswers;

GQuark              rv_request_error_quark          (void);

RvRequestAnswers   *rv_request_answers_new          (void);
void                rv_request_answers_free         (RvRequestAnswers       *self);
RvRequestAnswers   *rv_request_answers_from_json    (JsonNode               *node,
                                                     GError                **error);
/* Through rv_json_parse(): bounded nesting depth. */
RvRequestAnswers   *rv_request_answers_new_from_data (const char         *data,
                                                     gssize              length,
                                                     const char         *origin,
                                                     GError            **error);
RvRequestAnswers   *rv_request_answers_load         (const char             *path,
                                                     GError                **error);
const char         *rv_happened_to_string           (RvHappened              kind);
gboolean            rv_happened_from_string         (const char             *text,
                                                     RvHappened             *kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RvRequestAnswers, rv_request_answers_free)

G_END_DECLS
