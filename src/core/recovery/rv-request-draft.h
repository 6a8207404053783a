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

#include "rv-account.h"
#include "rv-provider.h"
#include "rv-request-record.h"
#include "rv-request-answers.h"
#include "rv-vault.h"

G_BEGIN_DECLS

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
  guint     codes_unused;
  guint     codes_expected;
  gboolean  has_otp_secret;
} RvRequestFacts;

typedef struct
{
  char     *provider_id;
  char     *service;
  char     *title;
  char     *body;
  char     *title_label;         /* “Title” or “Subject” (not translated: the provider's) */
  char     *text;                /* “Title: …” or “Subject: …”, a blank line, the body: for a
                                  * file or the CLI; an interface shows title and body apart */
  gboolean  compromise;
} RvRequestDraft;

void                rv_request_facts_init_from_account (RvRequestFacts      *facts,
                                                        RvAccount           *account);
void                rv_request_facts_clear          (RvRequestFacts         *facts);

/* Builds and checks the draft. @vault, @account and @password may be NULL;
 * whatever is given is searched for in the draft, each free-text answer
 * on its own first, so the error names the answer that holds a secret.
 * When @account still holds a TOTP secret or unused recovery codes, the
 * draft needs answers->stored_rejected (RV_REQUEST_ERROR_STORED_WAY_IN),
 * and then says those were rejected, never that they are lost. */
RvRequestDraft     *rv_request_draft_new            (RvProvider             *provider,
                                                     const RvRequestAnswers *answers,
                                                     RvVault                *vault,
                                                     RvAccount              *account,
                                                     const RvSecret         *password,
                                                     GError                **error);
void                rv_request_draft_free           (RvRequestDraft         *self);

/* mailto: for an email channel, else the support or prefilled issue URL;
 * NULL when the profile has neither. */
char               *rv_request_draft_dup_open_uri   (RvRequestDraft         *self,
                                                     RvProvider             *provider);
char               *rv_request_draft_dup_mailto     (RvRequestDraft         *self,
                                                     const char             *address);

RvRequestRecord  *rv_request_draft_make_record    (RvRequestDraft         *self,
                                                     RvAccount              *account,
                                                     gint64                  submitted_at,
                                                     const char             *ticket_url,
                                                     gint64                  follow_up_at);
/* A YYYY-MM-DD date as Unix seconds at 00:00 UTC; FALSE if not a date. */
gboolean            rv_request_parse_date           (const char             *text,
                                                     gint64                 *out);
/* Requests still open whose follow-up date is at or before @now, earliest
 * first. The array borrows the requests. */
GPtrArray          *rv_request_records_due        (GPtrArray              *requests,
                                                     gint64                  now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RvRequestDraft, rv_request_draft_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RvRequestFacts, rv_request_facts_clear)

G_END_DECLS
