/* rv-request-draft.c: drafting an account-recovery request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "rv-base32.h"
#include "rv-request-draft.h"

G_DEFINE_QUARK (rv-request-error-quark, rv_request_error)

static const char *happened_names[RV_HAPPENED_N_KINDS] = {
  "lost-device", "codes-not-working", "codes-lost", "email-lost", "compromise-suspected",
};

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

/* Token prefixes refused in every draft, whatever the provider: one leaked
 * prefix already exposed a real PyPI token in a public issue. */
static const char *common_token_prefixes[] = {
  "pypi-AgE", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "npm_",
  "xoxb-", "xoxp-", "AKIA",
};

const char *
rv_happened_to_string (RvHappened kind)
{
  for (guint i = 0; i < RV_HAPPENED_N_KINDS; i++)
    if (kind == (RvHappened) (1 << i))
      return happened_names[i];
  g_return_val_if_reached (NULL);
}

gboolean
rv_happened_from_string (const char *text,
                         RvHappened *kind)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < RV_HAPPENED_N_KINDS; i++)
    {
      if (g_str_equal (text, happened_names[i]))
        {
          *kind = 1 << i;
          return TRUE;
        }
    }
  return FALSE;
}

/* Answers */

RvRequestAnswers *
rv_request_answers_new (void)
{
  RvRequestAnswers *self = g_new0 (RvRequestAnswers, 1);

  self->evidence = g_new0 (char *, 1);
  self->acknowledged = g_new0 (char *, 1);
  return self;
}

void
rv_request_answers_free (RvRequestAnswers *self)
{
  if (self == NULL)
    return;
  g_free (self->service);
  g_free (self->username);
  g_free (self->email);
  g_free (self->details);
  g_strfreev (self->evidence);
  g_free (self->evidence_details);
  g_strfreev (self->acknowledged);
  g_free (self);
}

static gboolean
answers_fail (GError    **error,
              const char *key,
              const char *what)
{
  g_set_error (error, RV_REQUEST_ERROR, RV_REQUEST_ERROR_BAD_ANSWERS,
               _("Answers: “%s” %s"), key, what);
  return FALSE;
}

static gboolean
answers_string (JsonNode    *node,
                const char  *key,
                char       **out,
                GError     **error)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return answers_fail (error, key, _("must be a string"));
  g_free (*out);
  *out = g_strstrip (g_strdup (json_node_get_string (node)));
  return TRUE;
}

static gboolean
answers_strv (JsonNode    *node,
              const char  *key,
              GStrv       *out,
              GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return answers_fail (error, key, _("must be a list of strings"));
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        return answers_fail (error, key, _("must be a list of strings"));
      g_strv_builder_add (builder, json_node_get_string (item));
    }
  g_strfreev (*out);
  *out = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
answers_happened (JsonNode    *node,
                  RvHappened  *out,
                  GError     **error)
{
  g_auto(GStrv) names = NULL;

  if (!answers_strv (node, "what_happened", &names, error))
    return FALSE;
  for (guint i = 0; names[i] != NULL; i++)
    {
      RvHappened kind;

      if (!rv_happened_from_string (names[i], &kind))
        {
          g_set_error (error, RV_REQUEST_ERROR, RV_REQUEST_ERROR_BAD_ANSWERS,
                       _("Answers: “what_happened” has an unknown value “%s” (expected lost-device, "
                         "codes-not-working, codes-lost, email-lost or compromise-suspected)"),
                       names[i]);
          return FALSE;
        }
      *out |= kind;
    }
  return TRUE;
}

static gboolean
answers_member (RvRequestAnswers  *self,
                const char        *key,
                JsonNode          *node,
                GError           **error)
{
  if (g_str_equal (key, "service"))
    return answers_string (node, key, &self->service, error);
  if (g_str_equal (key, "username"))
    return answers_string (node, key, &self->username, error);
  if (g_str_equal (key, "email"))
    return answers_string (node, key, &self->email, error);
  if (g_str_equal (key, "details"))
    return answers_string (node, key, &self->details, error);
  if (g_str_equal (key, "evidence_details"))
    return answers_string (node, key, &self->evidence_details, error);
  if (g_str_equal (key, "evidence"))
    return answers_strv (node, key, &self->evidence, error);
  if (g_str_equal (key, "acknowledged"))
    return answers_strv (node, key, &self->acknowledged, error);
  if (g_str_equal (key, "what_happened"))
    return answers_happened (node, &self->happened, error);
  return answers_fail (error, key, _("is not a known key (see docs/recovery-answers.md)"));
}

RvRequestAnswers *
rv_request_answers_from_json (JsonNode  *node,
                              GError   **error)
{
  g_autoptr(RvRequestAnswers) self = rv_request_answers_new ();
  g_autoptr(GList) members = NULL;
  JsonObject *object;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, RV_REQUEST_ERROR, RV_REQUEST_ERROR_BAD_ANSWERS,
                   _("Answers must be a JSON object"));
      return NULL;
    }
  object = json_node_get_object (node);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!answers_member (self, l->data, json_object_get_member (object, l->data), error))
      return NULL;
  return g_steal_pointer (&self);
}

RvRequestAnswers *
rv_request_answers_load (const char  *path,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!json_parser_load_from_file (parser, path, &local_error))
    {
      g_set_error (error, RV_REQUEST_ERROR, RV_REQUEST_ERROR_BAD_ANSWERS,
                   _("Could not read the answers “%s”: %s"), path, local_error->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, RV_REQUEST_ERROR, RV_REQUEST_ERROR_BAD_ANSWERS,
                   _("The answers file “%s” is empty"), path);
      return NULL;
    }
  return rv_request_answers_from_json (json_parser_get_root (parser), error);
}

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
  facts->codes_used = facts->codes_total - rv_account_get_n_unused_recovery_codes (account);
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

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
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
    if ((happened & (1 << i)) && happened_sentences[i] != NULL)
      g_string_append_printf (sentences, "%s%s", sentences->len ? " " : "", happened_sentences[i]);

  if (sentences->len > 0)
    g_string_append_printf (text, "%s%s", text->len ? "\n\n" : "", sentences->str);
  if (!is_blank (d->answers->details))
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
  if (!is_blank (d->answers->evidence_details))
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

      g_string_append_printf (text, "- Two-factor authentication in use since: %s\n", date);
    }
  if (facts->codes_total > 0)
    {
      g_autofree char *date = format_date (facts->codes_issued_at);
      guint total = MAX (facts->codes_total, facts->codes_expected);

      if (facts->codes_issued_at > 0)
        g_string_append_printf (text, "- Recovery codes issued: %s\n", date);
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
    g_string_append_printf (text, "%sWhat I can still prove:\n%s", text->len ? "\n\n" : "", evidence);
  if (*facts)
    g_string_append_printf (text, "%sDetails:\n%s", text->len ? "\n\n" : "", facts);
  return g_string_free (text, FALSE);
}

static char *
text_username (Drafter               *d,
               const RvProviderField *field)
{
  g_autoptr(GString) name = NULL;

  if (is_blank (d->username))
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
  if (field->source == RV_FIELD_SOURCE_CODES_STATE)
    return (d->answers->happened & (RV_HAPPENED_CODES_LOST | RV_HAPPENED_CODES_NOT_WORKING)) != 0;
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
  if (field->type != RV_FIELD_CHECKBOX && is_blank (value))
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
  draft->service = g_strdup (d->answers->service ? d->answers->service : rv_provider_get_name (d->provider));
  draft->compromise = compromise;
  /* A fixed title (PyPI's) stays as the form sets it; elsewhere a suspected
   * compromise goes into the subject, where staff see it first. */
  draft->title = style == RV_REQUEST_STYLE_PLAIN && compromise ?
                 g_strdup_printf ("%s (suspected compromise)", rv_provider_get_request_title (d->provider)) :
                 g_strdup (rv_provider_get_request_title (d->provider));
  draft->body = g_string_free (g_steal_pointer (&body), FALSE);
  draft->text = g_strdup_printf ("%s: %s\n\n%s",
                                 rv_provider_get_channel_kind (d->provider) == RV_CHANNEL_EMAIL ? "Subject" : "Title",
                                 draft->title, draft->body);
  return g_steal_pointer (&draft);
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
  d.username = !is_blank (answers->username) ? answers->username : facts.account_name;
  d.email = !is_blank (answers->email) ? answers->email : facts.email;

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
  g_free (self->body);
  g_free (self->text);
  g_free (self);
}

/* The leak check */

static gboolean
leak (GError     **error,
      const char  *what)
{
  g_set_error (error, RV_REQUEST_ERROR, RV_REQUEST_ERROR_LEAK,
               _("The request contains %s. Remove it: support never needs it, and "
                 "anyone who reads the request could use it."), what);
  return FALSE;
}

/* A copy of @text with spaces, dashes and '=' removed and the case folded,
 * so “jbsw y3dp…”, “JBSW-Y3DP” and “badc 0ffe…” are found too. The copy
 * may hold a secret: it is wiped before it is freed. */
static char *
squeeze (const char *text,
         gboolean    upper)
{
  gsize len = strlen (text);
  char *out = g_malloc (len + 1);
  gsize n = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (g_ascii_isspace (c) || c == '-' || c == '=')
        continue;
      out[n++] = upper ? g_ascii_toupper (c) : g_ascii_tolower (c);
    }
  out[n] = '\0';
  return out;
}

static void
wipe_free (char *text)
{
  if (text != NULL)
    {
      sodium_memzero (text, strlen (text));
      g_free (text);
    }
}

typedef char char_wiped;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (char_wiped, wipe_free)

static gboolean
squeezed_contains (const char     *squeezed,
                   const RvSecret *secret,
                   gboolean        upper)
{
  g_autoptr(char_wiped) needle = squeeze (rv_secret_get_string (secret), upper);
  gsize needle_len = strlen (needle);

  /* Very short values (a 4-character code) would match ordinary text. */
  return needle_len >= 6 && memmem (squeezed, strlen (squeezed), needle, needle_len) != NULL;
}

static gboolean
account_leaks (RvAccount   *account,
               const char  *text,
               const char  *upper,
               const char  *lower,
               GError     **error)
{
  const RvSecret *secret = rv_account_get_secret (account);

  if (secret != NULL && rv_secret_get_size (secret) > 0)
    {
      g_autoptr(RvSecret) base32 = rv_base32_encode_secret (secret);

      if (rv_secret_contains (text, strlen (text), secret) ||
          squeezed_contains (upper, base32, TRUE))
        return !leak (error, _("the account’s two-factor secret"));
    }
  for (guint i = 0; i < rv_account_get_n_recovery_codes (account); i++)
    {
      const RvRecoveryCode *code = rv_account_get_recovery_code (account, i);

      if (rv_secret_contains (text, strlen (text), code->code) ||
          squeezed_contains (lower, code->code, FALSE))
        return !leak (error, _("a recovery code stored in the vault"));
    }
  return FALSE;
}

static gboolean
vault_leaks (RvVault     *vault,
             const char  *text,
             const char  *upper,
             const char  *lower,
             GError     **error)
{
  GListModel *accounts = rv_vault_get_accounts (vault);

  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (accounts, i);

      if (account_leaks (account, text, upper, lower, error))
        return TRUE;
    }
  if (rv_vault_text_contains_secret (vault, text))
    return !leak (error, _("a secret stored in the vault"));
  return FALSE;
}

static gboolean
has_token (RvProvider *provider,
           const char *text)
{
  const char * const *prefixes = rv_provider_get_token_prefixes (provider);

  for (guint i = 0; i < G_N_ELEMENTS (common_token_prefixes); i++)
    if (strstr (text, common_token_prefixes[i]) != NULL)
      return TRUE;
  for (guint i = 0; prefixes != NULL && prefixes[i] != NULL; i++)
    if (strstr (text, prefixes[i]) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
matches (const char *pattern,
         const char *text)
{
  return g_regex_match_simple (pattern, text, G_REGEX_CASELESS, 0);
}

static gboolean
shape_leaks (RvProvider  *provider,
             const char  *text,
             GError     **error)
{
  GRegex *shape = rv_provider_get_code_shape (provider);

  if (matches ("otpauth(-migration)?:", text))
    return !leak (error, _("an otpauth URI (it holds the two-factor secret)"));
  if (has_token (provider, text))
    return !leak (error, _("something shaped like an API token"));
  /* Base32 as authenticators show a secret: one block, or groups of four.
   * Upper case only: lower-case groups of four are ordinary words. */
  if (g_regex_match_simple ("(?<![A-Za-z0-9])[A-Z2-7]{16,}=*(?![A-Za-z0-9])", text, 0, 0) ||
      g_regex_match_simple ("(?<![A-Za-z0-9])([A-Z2-7]{4} ){3,}[A-Z2-7]{4}(?![A-Za-z0-9])", text, 0, 0))
    return !leak (error, _("something shaped like a two-factor secret"));
  if (shape != NULL && g_regex_match (shape, text, 0, NULL))
    {
      g_autofree char *what = g_strdup_printf (_("something shaped like a %s recovery code"),
                                               rv_provider_get_name (provider));
      return !leak (error, what);
    }
  return FALSE;
}

/* On a public channel the whole world reads the request. */
static gboolean
personal_data_leaks (RvProvider  *provider,
                     const char  *text,
                     GError     **error)
{
  const char *what = NULL;

  if (!rv_provider_get_channel_public (provider))
    return FALSE;
  /* git@host:owner/repo is an SSH remote, not somebody's address. */
  if (matches ("(?<![A-Z0-9._%+-])(?!git@)[A-Z0-9._%+-]+@[A-Z0-9-]+(\\.[A-Z0-9-]+)*\\.[A-Z]{2,}", text))
    what = _("an email address");
  else if (matches ("(^|[^0-9A-Z])\\+[0-9][0-9 ().-]{6,}[0-9]", text) ||
           matches ("(^|[^0-9])\\(?[0-9]{3}\\)?[ .-][0-9]{3}[ .-][0-9]{4}([^0-9]|$)", text))
    what = _("a phone number");
  if (what == NULL)
    return FALSE;
  g_set_error (error, RV_REQUEST_ERROR, RV_REQUEST_ERROR_PERSONAL_DATA,
               _("The request contains %s, and %s's requests are public. Remove it; staff "
                 "will contact you through the account."), what, rv_provider_get_name (provider));
  return TRUE;
}

gboolean
rv_request_check_text (RvProvider      *provider,
                       const char      *text,
                       RvVault         *vault,
                       RvAccount       *account,
                       const RvSecret  *password,
                       GError         **error)
{
  g_autoptr(char_wiped) upper = NULL;
  g_autoptr(char_wiped) lower = NULL;

  g_return_val_if_fail (RV_IS_PROVIDER (provider), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  upper = squeeze (text, TRUE);
  lower = squeeze (text, FALSE);
  if (account != NULL && account_leaks (account, text, upper, lower, error))
    return FALSE;
  if (vault != NULL && vault_leaks (vault, text, upper, lower, error))
    return FALSE;
  if (password != NULL && rv_secret_get_size (password) >= 4 &&
      rv_secret_contains (text, strlen (text), password))
    return leak (error, _("the vault password"));
  if (shape_leaks (provider, text, error))
    return FALSE;
  if (personal_data_leaks (provider, text, error))
    return FALSE;
  return TRUE;
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

static void
append_list (GString            *text,
             const char         *heading,
             const char * const *items)
{
  if (items == NULL || items[0] == NULL)
    return;
  g_string_append_printf (text, "\n%s\n", heading);
  for (guint i = 0; items[i] != NULL; i++)
    g_string_append_printf (text, "  - %s\n", rv_provider_gettext (items[i]));
}

char *
rv_provider_dup_next_steps_text (RvProvider *provider)
{
  GString *text = g_string_new (NULL);
  const char *url = rv_provider_get_channel_url (provider);
  const char *address = rv_provider_get_channel_address (provider);
  const char *official = rv_provider_get_official_address (provider);

  g_return_val_if_fail (RV_IS_PROVIDER (provider), NULL);

  g_string_append_printf (text, _("Where to send it: %s\n"),
                          rv_provider_gettext (rv_provider_get_channel_summary (provider)));
  if (url != NULL)
    g_string_append_printf (text, "  %s\n", url);
  if (address != NULL)
    g_string_append_printf (text, "  %s\n", address);
  if (official != NULL)
    g_string_append_printf (text, _("Official address: %s\n"), official);
  if (rv_provider_get_channel_public (provider))
    g_string_append (text, _("This channel is public: the draft contains no email address or phone number.\n"));
  g_string_append_printf (text, _("\nTiming: %s\n"), rv_provider_gettext (rv_provider_get_timing (provider)));
  append_list (text, _("What happens next:"), rv_provider_get_next_steps (provider));
  append_list (text, _("After recovery:"), rv_provider_get_after_recovery (provider));
  append_list (text, _("Warnings:"), rv_provider_get_warnings (provider));
  g_string_append (text, _("\nSupport staff never ask for recovery codes, passwords or one-time codes.\n"));
  return g_string_free (text, FALSE);
}

/* Records */

RvRecoveryRequest *
rv_request_draft_make_record (RvRequestDraft *self,
                              RvAccount      *account,
                              gint64          submitted_at,
                              const char     *ticket_url,
                              gint64          follow_up_at)
{
  RvRecoveryRequest *request;

  g_return_val_if_fail (self != NULL, NULL);

  request = rv_recovery_request_new ();
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
  const RvRecoveryRequest *ra = *(const RvRecoveryRequest **) a;
  const RvRecoveryRequest *rb = *(const RvRecoveryRequest **) b;

  return (ra->follow_up_at > rb->follow_up_at) - (ra->follow_up_at < rb->follow_up_at);
}

GPtrArray *
rv_recovery_requests_due (GPtrArray *requests,
                          gint64     now)
{
  GPtrArray *due = g_ptr_array_new ();

  g_return_val_if_fail (requests != NULL, due);

  for (guint i = 0; i < requests->len; i++)
    {
      RvRecoveryRequest *request = g_ptr_array_index (requests, i);

      if (request->follow_up_at > 0 && request->follow_up_at <= now &&
          request->status != RV_REQUEST_STATUS_RESOLVED &&
          request->status != RV_REQUEST_STATUS_REJECTED)
        g_ptr_array_add (due, request);
    }
  g_ptr_array_sort (due, compare_follow_up);
  return due;
}
