/* rv-request-draft.h: drafting an account-recovery request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The draft is built only from the user's answers and non-secret facts of
 * the vault, in the order of the provider's form, username first. Before it
 * is returned it is searched for anything secret: stored OTP seeds (raw,
 * base32, spaced, any case), stored recovery codes, the vault password,
 * otpauth URIs, API-token prefixes and words shaped like the provider's
 * recovery codes. The draft is in the provider's language (English): it is
 * read by the provider's staff, not by the user's interface.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "rv-account.h"
#include "rv-provider.h"
#include "rv-recovery-request.h"
#include "rv-vault.h"

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
} RvRequestAnswers;

/* Non-secret facts the vault knows about the account. Times: Unix seconds,
 * 0 when unknown. */
typedef struct
{
  char     *account_name;
  char     *email;
  gint64    twofa_since;
  gint64    codes_issued_at;
  guint     codes_total;
  guint     codes_used;
  guint     codes_expected;
  gboolean  has_otp_secret;
} RvRequestFacts;

typedef struct
{
  char     *provider_id;
  char     *service;
  char     *title;
  char     *body;
  char     *text;                /* “Title: …” or “Subject: …”, a blank line, the body */
  gboolean  compromise;
} RvRequestDraft;

GQuark              rv_request_error_quark          (void);

RvRequestAnswers   *rv_request_answers_new          (void);
void                rv_request_answers_free         (RvRequestAnswers       *self);
RvRequestAnswers   *rv_request_answers_from_json    (JsonNode               *node,
                                                     GError                **error);
RvRequestAnswers   *rv_request_answers_load         (const char             *path,
                                                     GError                **error);
const char         *rv_happened_to_string           (RvHappened              kind);
gboolean            rv_happened_from_string         (const char             *text,
                                                     RvHappened             *kind);

void                rv_request_facts_init_from_account (RvRequestFacts      *facts,
                                                        RvAccount           *account);
void                rv_request_facts_clear          (RvRequestFacts         *facts);

/* Builds and checks the draft. @vault, @account and @password may be NULL;
 * whatever is given is searched for in the draft. */
RvRequestDraft     *rv_request_draft_new            (RvProvider             *provider,
                                                     const RvRequestAnswers *answers,
                                                     RvVault                *vault,
                                                     RvAccount              *account,
                                                     const RvSecret         *password,
                                                     GError                **error);
void                rv_request_draft_free           (RvRequestDraft         *self);

/* Refuses @text if it holds a secret or something shaped like one. The
 * error names the kind of thing, never the thing. */
gboolean            rv_request_check_text           (RvProvider             *provider,
                                                     const char             *text,
                                                     RvVault                *vault,
                                                     RvAccount              *account,
                                                     const RvSecret         *password,
                                                     GError                **error);

/* mailto: for an email channel, else the support or prefilled issue URL;
 * NULL when the profile has neither. */
char               *rv_request_draft_dup_open_uri   (RvRequestDraft         *self,
                                                     RvProvider             *provider);
char               *rv_request_draft_dup_mailto     (RvRequestDraft         *self,
                                                     const char             *address);
/* The profile's timing, next steps and checklist as plain text. */
char               *rv_provider_dup_next_steps_text (RvProvider             *provider);

RvRecoveryRequest  *rv_request_draft_make_record    (RvRequestDraft         *self,
                                                     RvAccount              *account,
                                                     gint64                  submitted_at,
                                                     const char             *ticket_url,
                                                     gint64                  follow_up_at);
/* A YYYY-MM-DD date as Unix seconds at 00:00 UTC; FALSE if not a date. */
gboolean            rv_request_parse_date           (const char             *text,
                                                     gint64                 *out);
/* Requests still open whose follow-up date is at or before @now, earliest
 * first. The array borrows the requests. */
GPtrArray          *rv_recovery_requests_due        (GPtrArray              *requests,
                                                     gint64                  now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RvRequestAnswers, rv_request_answers_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RvRequestDraft, rv_request_draft_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RvRequestFacts, rv_request_facts_clear)

G_END_DECLS
