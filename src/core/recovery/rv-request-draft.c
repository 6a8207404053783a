/* rv-request-draft.c: drafting an account-recovery request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rv-request-check.h"
#include "rv-request-draft.h"
#include "rv-util.h"

/* Sentences of the draft. They stay in English on purpose: the provider's
 * staff read them, whatever the language of the user's desktop. */
static const char *happened_sentences[RV_HAPPENED_N_KINDS] = {
  "I lost the device or app that generated my two-factor authentication codes.",
  "My recovery codes are not accepted.",
  "I never generated my recovery codes, or I no longer have them.",
  "I lost access to the email address of the account.",
  NULL,
};

#define COMPROMISE_NOTICE \
  "SUSPECTED COMPROMISE: my recovery codes or two-factor settings were changed " \
  "without my knowledge. Please treat this account as possibly compromised. I am " \
  "securing my email account first."

/* Facts */

void
rv_request_facts_init_from_account (RvRequestFacts *facts,
                                    RvAccount      *account)
{
  g_return_if_fail (facts != NULL);

  memset (facts, 0, sizeof *facts);
  if (account == NULL)
    return;

  facts->account_name = g_strdup (rv_account_get_name (account));
  facts->email = g_strdup (rv_account_get_email (account));
  facts->twofa_since = rv_account_get_created (account);
  facts->codes_issued_at = rv_account_get_recovery_issued_at (account);
  facts->codes_total = rv_account_get_n_recovery_codes (account);
  facts->codes_unused = rv_account_get_n_unused_recovery_codes (account);
  facts->codes_used = facts->codes_total - facts->codes_unused;
  facts->codes_expected = rv_account_get_recovery_expected_count (account);
  facts->has_otp_secret = rv_account_get_secret (account) != NULL &&
                          rv_account_get_kind (account) != RV_OTP_KIND_NONE;
}

void
rv_request_facts_clear (RvRequestFacts *facts)
{
  g_clear_pointer (&facts->account_name, g_free);
  g_clear_pointer (&facts->email, g_free);
}

/* Drafting */

typedef struct
{
  RvProvider             *provider;
  const RvRequestAnswers *answers;
  const RvRequestFacts   *facts;
  const char             *username;
  const char             *email;
} Drafter;

static char *
format_date (gint64 unix_time)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (unix_time);

  return date ? g_date_time_format (date, "%Y-%m-%d") : g_strdup ("?");
}

/* What the vault still holds, tried and rejected: said as it is, so the
 * draft never claims lost what the vault has. */
static void
append_rejected (Drafter *d,
                 GString *sentences)
{
  const RvRequestFacts *facts = d->facts;

  if (!d->answers->stored_rejected || facts == NULL)
    return;
  if (facts->has_otp_secret)
    g_string_append_printf (sentences, "%sThe codes from the two-factor secret I still have "
                            "are rejected.", sentences->len ? " " : "");
  if (facts->codes_unused == 1)
    g_string_append_printf (sentences, "%sThe recovery code I still have is rejected.",
                            sentences->len ? " " : "");
  else if (facts->codes_unused > 1)
    g_string_append_printf (sentences, "%sThe %u recovery codes I still have are rejected.",
                            sentences->len ? " " : "", facts->codes_unused);
}

static gboolean
sentence_contradicts_vault (Drafter    *d,
                            RvHappened  kind)
{
  const RvRequestFacts *facts = d->facts;

  if (facts == NULL)
    return FALSE;
  if (kind == RV_HAPPENED_LOST_DEVICE)
    return facts->has_otp_secret;
  if (kind == RV_HAPPENED_CODES_LOST || kind == RV_HAPPENED_CODES_NOT_WORKING)
    return facts->codes_unused > 0;
  return FALSE;
}

static char *
text_reason (Drafter *d)
{
  GString *text = g_string_new (NULL);
  g_autoptr(GString) sentences = g_string_new (NULL);
  RvHappened happened = d->answers->happened;

  if (happened & RV_HAPPENED_COMPROMISE)
    g_string_append (text, COMPROMISE_NOTICE);

  for (guint i = 0; i < RV_HAPPENED_N_KINDS; i++)
    if ((happened & (1 << i)) && happened_sentences[i] != NULL &&
        !sentence_contradicts_vault (d, 1 << i))
      g_string_append_printf (sentences, "%s%s", sentences->len ? " " : "", happened_sentences[i]);
  append_rejected (d, sentences);

  if (sentences->len > 0)
    g_string_append_printf (text, "%s%s", text->len ? "\n\n" : "", sentences->str);
  if (!rv_str_is_blank (d->answers->details))
    g_string_append_printf (text, "%s%s", text->len ? "\n\n" : "", d->answers->details);
  return g_string_free (text, FALSE);
}

static char *
text_evidence (Drafter *d)
{
  GString *text = g_string_new (NULL);
  GPtrArray *options = rv_provider_get_evidence (d->provider);

  /* Profile order, so the same answers always give the same text. */
  for (guint i = 0; i < options->len; i++)
    {
      const RvProviderEvidence *evidence = g_ptr_array_index (options, i);

      if (g_strv_contains ((const char * const *) d->answers->evidence, evidence->id))
        g_string_append_printf (text, "%s- %s", text->len ? "\n" : "", evidence->label);
    }
  if (!rv_str_is_blank (d->answers->evidence_details))
    g_string_append_printf (text, "%s%s", text->len ? "\n\n" : "", d->answers->evidence_details);
  return g_string_free (text, FALSE);
}

static char *
text_facts (Drafter *d,
            gboolean with_email)
{
  GString *text = g_string_new (NULL);
  const RvRequestFacts *facts = d->facts;

  if (facts == NULL)
    return g_string_free (text, FALSE);

  if (with_email && d->email != NULL)
    g_string_append_printf (text, "- Account email: %s\n", d->email);
  if (facts->twofa_since > 0)
    {
      g_autofree char *date = format_date (facts->twofa_since);

      g_string_append_printf (text, "- Added to Recovery Vault on: %s\n", date);
    }
  if (facts->codes_total > 0)
    {
      g_autofree char *date = format_date (facts->codes_issued_at);
      guint total = MAX (facts->codes_total, facts->codes_expected);

      if (facts->codes_issued_at > 0)
        g_string_append_printf (text, "- Recovery codes saved in Recovery Vault on: %s\n", date);
      g_string_append_printf (text, "- Recovery codes used: %u of %u\n", facts->codes_used, total);
    }
  if (text->len > 0)
    g_string_truncate (text, text->len - 1);
  return g_string_free (text, FALSE);
}

static char *
text_summary (Drafter *d)
{
  g_autofree char *reason = text_reason (d);
  g_autofree char *evidence = text_evidence (d);
  g_autofree char *facts = text_facts (d, FALSE);
  GString *text = g_string_new (reason);

  if (*evidence)
    g_string_append_printf (text, "%sWhat I can still prove:\n%s", text->len ? "\n\n" : "",
                            evidence);
  if (*facts)
    g_string_append_printf (text, "%sDetails:\n%s", text->len ? "\n\n" : "", facts);
  return g_string_free (text, FALSE);
}

static char *
text_username (Drafter               *d,
               const RvProviderField *field)
{
  g_autoptr(GString) name = NULL;

  if (rv_str_is_blank (d->username))
    return g_strdup ("");
  name = g_string_new (d->username);
  g_strstrip (name->str);
  name->len = strlen (name->str);
  if (field->backticks)
    {
      g_string_replace (name, "`", "", 0);
      g_string_prepend_c (name, '`');
      g_string_append_c (name, '`');
    }
  return g_string_free (g_steal_pointer (&name), FALSE);
}

static char *
field_text (Drafter               *d,
            const RvProviderField *field,
            gboolean               with_email)
{
  switch (field->source)
    {
    case RV_FIELD_SOURCE_USERNAME:
      return text_username (d, field);
    case RV_FIELD_SOURCE_SERVICE:
      return g_strdup (d->answers->service ? d->answers->service : "");
    case RV_FIELD_SOURCE_EMAIL:
      return g_strdup (with_email && d->email ? d->email : "");
    case RV_FIELD_SOURCE_REASON:
      return text_reason (d);
    case RV_FIELD_SOURCE_FACTS:
      return text_facts (d, FALSE);
    case RV_FIELD_SOURCE_EVIDENCE:
      return text_evidence (d);
    case RV_FIELD_SOURCE_SUMMARY:
      return text_summary (d);
    case RV_FIELD_SOURCE_NONE:
    case RV_FIELD_SOURCE_CODES_STATE:
    case RV_FIELD_SOURCE_ACKNOWLEDGEMENT:
    default:
      return g_strdup ("");
    }
}

static gboolean
field_ticked (Drafter               *d,
              const RvProviderField *field)
{
  /* No working code left: none kept, or the kept ones are rejected. */
  if (field->source == RV_FIELD_SOURCE_CODES_STATE)
    return (d->facts != NULL && d->facts->codes_unused > 0) ?
           d->answers->stored_rejected :
           (d->answers->happened & (RV_HAPPENED_CODES_LOST | RV_HAPPENED_CODES_NOT_WORKING)) != 0;
  if (field->source == RV_FIELD_SOURCE_ACKNOWLEDGEMENT)
    return g_strv_contains ((const char * const *) d->answers->acknowledged, field->id);
  return FALSE;
}

static const char *
checkbox_text (Drafter               *d,
               const RvProviderField *field)
{
  if (field->source == RV_FIELD_SOURCE_ACKNOWLEDGEMENT)
    return rv_provider_find_acknowledgement (d->provider, field->id)->text;
  return field->option;
}

static gboolean
check_ids (Drafter  *d,
           GError  **error)
{
  for (guint i = 0; d->answers->evidence[i] != NULL; i++)
    if (rv_provider_find_evidence (d->provider, d->answers->evidence[i]) == NULL)
      {
        g_set_error (error, RV_REQUEST_ERROR, RV_REQUEST_ERROR_UNKNOWN_ID,
                     _("%s's profile has no evidence “%s”"),
                     rv_provider_get_name (d->provider), d->answers->evidence[i]);
        return FALSE;
      }
  for (guint i = 0; d->answers->acknowledged[i] != NULL; i++)
    if (rv_provider_find_acknowledgement (d->provider, d->answers->acknowledged[i]) == NULL)
      {
        g_set_error (error, RV_REQUEST_ERROR, RV_REQUEST_ERROR_UNKNOWN_ID,
                     _("%s's profile has no acknowledgement “%s”"),
                     rv_provider_get_name (d->provider), d->answers->acknowledged[i]);
        return FALSE;
      }
  return TRUE;
}

/* Every missing acknowledgement is named at once, in the provider's words,
 * so the user can tick them all in one go. */
static gboolean
check_acknowledgements (Drafter  *d,
                        GError  **error)
{
  GPtrArray *acks = rv_provider_get_acknowledgements (d->provider);
  g_autoptr(GString) missing = g_string_new (NULL);

  for (guint i = 0; i < acks->len; i++)
    {
      const RvProviderAck *ack = g_ptr_array_index (acks, i);

      if (!g_strv_contains ((const char * const *) d->answers->acknowledged, ack->id))
        g_string_append_printf (missing, "%s“%s”", missing->len ? "; " : "",
                                rv_provider_gettext (ack->text));
    }
  if (missing->len == 0)
    return TRUE;
  g_set_error (error, RV_REQUEST_ERROR, RV_REQUEST_ERROR_MISSING_ACKNOWLEDGEMENT,
               _("%s requires these acknowledgements: %s"),
               rv_provider_get_name (d->provider), missing->str);
  return FALSE;
}

static gboolean
check_field (Drafter               *d,
             const RvProviderField *field,
             const char            *value,
             GError               **error)
{
  if (!field->required)
    return TRUE;
  if (field->source == RV_FIELD_SOURCE_CODES_STATE && !field_ticked (d, field))
    {
      g_set_error (error, RV_REQUEST_ERROR, RV_REQUEST_ERROR_NOT_ELIGIBLE,
                   _("%s requires “%s” (%s): use an unused recovery code instead, or say that "
                     "the codes are lost or not accepted"),
                   rv_provider_get_name (d->provider), rv_provider_gettext (field->label),
                   rv_provider_gettext (field->option));
      return FALSE;
    }
  if (field->type != RV_FIELD_CHECKBOX && rv_str_is_blank (value))
    {
      g_set_error (error, RV_REQUEST_ERROR, RV_REQUEST_ERROR_MISSING_FIELD,
                   _("The request needs “%s”"), rv_provider_gettext (field->label));
      return FALSE;
    }
  return TRUE;
}

typedef enum
{
  PLAIN_NONE,
  PLAIN_LINE,
  PLAIN_BLOCK,
  PLAIN_CHECKBOX,
} PlainKind;

/* Single-line fields stay together; blocks and checkbox groups are set
 * apart by blank lines. Returns what was appended. */
static PlainKind
append_plain (GString               *body,
              PlainKind              previous,
              const RvProviderField *field,
              const char            *value,
              gboolean               ticked,
              const char            *option)
{
  PlainKind kind;

  if (field->type == RV_FIELD_CHECKBOX)
    kind = PLAIN_CHECKBOX;
  else if (*value == '\0')
    return previous;
  else if (field->type == RV_FIELD_MULTILINE || strchr (value, '\n') != NULL)
    kind = PLAIN_BLOCK;
  else
    kind = PLAIN_LINE;

  if (previous != PLAIN_NONE && (kind == PLAIN_BLOCK || kind != previous))
    g_string_append_c (body, '\n');
  if (kind == PLAIN_CHECKBOX)
    g_string_append_printf (body, "[%s] %s\n", ticked ? "x" : " ", option);
  else if (kind == PLAIN_BLOCK)
    g_string_append_printf (body, "%s:\n%s\n", field->label, value);
  else
    g_string_append_printf (body, "%s: %s\n", field->label, value);
  return kind;
}

/* As GitHub renders a submitted issue form. */
static void
append_issue_form (GString               *body,
                   const RvProviderField *field,
                   const char            *value,
                   gboolean               ticked,
                   const char            *option)
{
  g_string_append_printf (body, "%s### %s\n\n", body->len ? "\n" : "", field->label);
  if (field->type == RV_FIELD_CHECKBOX)
    g_string_append_printf (body, "- [%s] %s\n", ticked ? "X" : " ", option);
  else
    g_string_append_printf (body, "%s\n", *value ? value : "_No response_");
}

static RvRequestDraft *
build (Drafter  *d,
       GError  **error)
{
  g_autoptr(RvRequestDraft) draft = g_new0 (RvRequestDraft, 1);
  GPtrArray *fields = rv_provider_get_fields (d->provider);
  RvRequestStyle style = rv_provider_get_request_style (d->provider);
  gboolean with_email = !rv_provider_get_channel_public (d->provider);
  gboolean compromise = (d->answers->happened & RV_HAPPENED_COMPROMISE) != 0;
  g_autoptr(GString) body = g_string_new (NULL);
  PlainKind previous = PLAIN_NONE;
  const char *heading;

  if (!check_ids (d, error))
    return NULL;

  for (guint i = 0; i < fields->len; i++)
    {
      const RvProviderField *field = g_ptr_array_index (fields, i);
      g_autofree char *value = field_text (d, field, with_email);

      if (!check_field (d, field, value, error))
        return NULL;
      if (style == RV_REQUEST_STYLE_ISSUE_FORM)
        append_issue_form (body, field, value, field_ticked (d, field), checkbox_text (d, field));
      else
        previous = append_plain (body, previous, field, value, field_ticked (d, field),
                                 checkbox_text (d, field));
    }
  if (!check_acknowledgements (d, error))
    return NULL;

  draft->provider_id = g_strdup (rv_provider_get_id (d->provider));
  draft->service = g_strdup (d->answers->service ? d->answers->service :
                             rv_provider_get_name (d->provider));
  draft->compromise = compromise;
  /* A fixed title (PyPI's) stays as the form sets it; elsewhere a suspected
   * compromise goes into the subject, where staff see it first. */
  draft->title = style == RV_REQUEST_STYLE_PLAIN && compromise ?
                 g_strdup_printf ("%s (suspected compromise)",
                                  rv_provider_get_request_title (d->provider)) :
                 g_strdup (rv_provider_get_request_title (d->provider));
  draft->body = g_string_free (g_steal_pointer (&body), FALSE);
  heading = rv_provider_get_channel_kind (d->provider) == RV_CHANNEL_EMAIL ? "Subject" : "Title";
  draft->title_label = g_strdup (heading);
  draft->text = g_strdup_printf ("%s: %s\n\n%s", heading, draft->title, draft->body);
  return g_steal_pointer (&draft);
}

/* Each free-text answer on its own, so a refusal names where the secret
 * is; the whole draft is checked again once built. */
static gboolean
check_answers (Drafter         *d,
               RvVault         *vault,
               RvAccount       *account,
               const RvSecret  *password,
               GError         **error)
{
  const struct { const char *text; const char *label; } answers[] = {
    { d->answers->username, N_("Username") },
    { d->answers->service, N_("Service") },
    { d->answers->details, N_("What happened") },
    { d->answers->evidence_details, N_("What you can prove") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      GError *local_error = NULL;

      if (rv_str_is_blank (answers[i].text))
        continue;
      if (!rv_request_check_text (d->provider, answers[i].text, vault, account, password,
                                  &local_error))
        {
          g_propagate_prefixed_error (error, local_error, _("Your answer “%s”: "),
                                      _(answers[i].label));
          return FALSE;
        }
    }
  return TRUE;
}

RvRequestDraft *
rv_request_draft_new (RvProvider              *provider,
                      const RvRequestAnswers  *answers,
                      RvVault                 *vault,
                      RvAccount               *account,
                      const RvSecret          *password,
                      GError                 **error)
{
  g_auto(RvRequestFacts) facts = { 0 };
  g_autoptr(RvRequestDraft) draft = NULL;
  Drafter d = { provider, answers, &facts, NULL, NULL };

  g_return_val_if_fail (RV_IS_PROVIDER (provider), NULL);
  g_return_val_if_fail (answers != NULL, NULL);
  g_return_val_if_fail (account == NULL || RV_IS_ACCOUNT (account), NULL);

  rv_request_facts_init_from_account (&facts, account);
  d.username = !rv_str_is_blank (answers->username) ? answers->username : facts.account_name;
  d.email = !rv_str_is_blank (answers->email) ? answers->email : facts.email;

  if (!check_answers (&d, vault, account, password, error))
    return NULL;
  if ((facts.has_otp_secret || facts.codes_unused > 0) && !answers->stored_rejected)
    {
      g_set_error (error, RV_REQUEST_ERROR, RV_REQUEST_ERROR_STORED_WAY_IN,
                   _("Recovery Vault still holds a way into this account (%s). Sign in with "
                     "it first; draft a request only if %s rejects it."),
                   facts.has_otp_secret && facts.codes_unused > 0 ?
                     _("its two-factor secret and unused recovery codes") :
                   facts.has_otp_secret ? _("its two-factor secret") :
                     _("unused recovery codes"),
                   rv_provider_get_name (provider));
      return NULL;
    }

  draft = build (&d, error);
  if (draft == NULL)
    return NULL;
  if (answers->service == NULL && account != NULL && rv_account_get_issuer (account) != NULL)
    {
      g_free (draft->service);
      draft->service = g_strdup (rv_account_get_issuer (account));
    }
  if (!rv_request_check_text (provider, draft->text, vault, account, password, error))
    return NULL;
  return g_steal_pointer (&draft);
}

void
rv_request_draft_free (RvRequestDraft *self)
{
  if (self == NULL)
    return;
  g_free (self->provider_id);
  g_free (self->service);
  g_free (self->title);
  g_free (self->title_label);
  g_free (self->body);
  g_free (self->text);
  g_free (self);
}

/* Opening the channel */

char *
rv_request_draft_dup_mailto (RvRequestDraft *self,
                             const char     *address)
{
  g_autofree char *to = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (address != NULL, NULL);

  to = g_uri_escape_string (address, "@", FALSE);
  subject = g_uri_escape_string (self->title, NULL, FALSE);
  body = g_uri_escape_string (self->body, NULL, FALSE);
  return g_strdup_printf ("mailto:%s?subject=%s&body=%s", to, subject, body);
}

char *
rv_request_draft_dup_open_uri (RvRequestDraft *self,
                               RvProvider     *provider)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (RV_IS_PROVIDER (provider), NULL);

  if (rv_provider_get_channel_kind (provider) == RV_CHANNEL_EMAIL)
    return rv_request_draft_dup_mailto (self, rv_provider_get_channel_address (provider));
  return g_strdup (rv_provider_get_channel_url (provider));
}

/* Records */

RvRequestRecord *
rv_request_draft_make_record (RvRequestDraft *self,
                              RvAccount      *account,
                              gint64          submitted_at,
                              const char     *ticket_url,
                              gint64          follow_up_at)
{
  RvRequestRecord *request;

  g_return_val_if_fail (self != NULL, NULL);

  request = rv_request_record_new ();
  request->account_id = account ? g_strdup (rv_account_get_id (account)) : NULL;
  request->service_name = g_strdup (self->service);
  request->provider_id = g_strdup (self->provider_id);
  request->draft = g_strdup (self->text);
  request->submitted_at = submitted_at;
  request->status = submitted_at > 0 ? RV_REQUEST_STATUS_SUBMITTED : RV_REQUEST_STATUS_DRAFT;
  request->ticket_url = g_strdup (ticket_url);
  request->follow_up_at = follow_up_at;
  return request;
}

gboolean
rv_request_parse_date (const char *text,
                       gint64     *out)
{
  g_autoptr(GDateTime) date = NULL;
  guint64 year, month, day;
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  parts = g_strsplit (text, "-", 3);
  if (!g_ascii_string_to_unsigned (parts[0], 10, 1, 9999, &year, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &month, NULL) ||
      !g_ascii_string_to_unsigned (parts[2], 10, 1, 31, &day, NULL) ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;
  date = g_date_time_new_utc (year, month, day, 0, 0, 0);
  if (date == NULL)
    return FALSE;
  *out = g_date_time_to_unix (date);
  return TRUE;
}

static int
compare_follow_up (gconstpointer a,
                   gconstpointer b)
{
  const RvRequestRecord *ra = *(const RvRequestRecord **) a;
  const RvRequestRecord *rb = *(const RvRequestRecord **) b;

  return (ra->follow_up_at > rb->follow_up_at) - (ra->follow_up_at < rb->follow_up_at);
}

GPtrArray *
rv_request_records_due (GPtrArray *requests,
                          gint64     now)
{
  GPtrArray *due = g_ptr_array_new ();

  g_return_val_if_fail (requests != NULL, due);

  for (guint i = 0; i < requests->len; i++)
    {
      RvRequestRecord *request = g_ptr_array_index (requests, i);

      if (request->follow_up_at > 0 && request->follow_up_at <= now &&
          request->status != RV_REQUEST_STATUS_RESOLVED &&
          request->status != RV_REQUEST_STATUS_REJECTED)
        g_ptr_array_add (due, request);
    }
  g_ptr_array_sort (due, compare_follow_up);
  return due;
}
