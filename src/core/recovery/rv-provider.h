/* rv-provider.h: recovery profiles (data/providers/NAME.json)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A profile says how one service recovers an account after 2FA loss: its
 * channel, self-service steps, recovery-code format, the fields of its
 * request form, acknowledgements, accepted evidence, timing and what comes
 * next. Strings are stored in English, as the provider writes them (the
 * draft is sent in that language); the interface shows them through
 * rv_provider_gettext(), and tools/provider-strings.py extracts them for
 * translators.
 */
#pragma once

#include <gio/gio.h>

#include "rv-account.h"
#include "rv-secret.h"

G_BEGIN_DECLS

#define RV_PROVIDER_ERROR (rv_provider_error_quark ())

typedef enum
{
  RV_PROVIDER_ERROR_BAD_JSON,       /* not JSON, or not an object */
  RV_PROVIDER_ERROR_MISSING_KEY,    /* a required key is absent or has the wrong type */
  RV_PROVIDER_ERROR_BAD_VALUE,      /* a value is out of range or unknown */
  RV_PROVIDER_ERROR_BAD_REGEX,      /* the code format does not compile */
  RV_PROVIDER_ERROR_DUPLICATE,      /* a second profile with the same id */
  RV_PROVIDER_ERROR_NO_PROFILES,    /* the folder holds no usable profile */
  RV_PROVIDER_ERROR_BAD_CODE,       /* a recovery code does not match the format */
} RvProviderError;

typedef enum
{
  RV_CHANNEL_PUBLIC_ISSUE_FORM,
  RV_CHANNEL_WEB_FORM,
  RV_CHANNEL_EMAIL,
  RV_CHANNEL_IN_PRODUCT,
  RV_CHANNEL_NONE,
} RvChannelKind;

typedef enum
{
  RV_FIELD_TEXT,
  RV_FIELD_MULTILINE,
  RV_FIELD_CHECKBOX,
  RV_FIELD_CHOICE,
} RvFieldType;

/* Where the drafter takes a field's value from. */
typedef enum
{
  RV_FIELD_SOURCE_NONE,             /* left for the user */
  RV_FIELD_SOURCE_USERNAME,
  RV_FIELD_SOURCE_SERVICE,
  RV_FIELD_SOURCE_EMAIL,            /* never filled for a public channel */
  RV_FIELD_SOURCE_REASON,           /* what happened, plus the user's details */
  RV_FIELD_SOURCE_FACTS,            /* non-secret facts from the vault */
  RV_FIELD_SOURCE_EVIDENCE,         /* what the user can prove */
  RV_FIELD_SOURCE_SUMMARY,          /* reason, facts and evidence in one text */
  RV_FIELD_SOURCE_CODES_STATE,      /* ticked when no working recovery code is left */
  RV_FIELD_SOURCE_ACKNOWLEDGEMENT,  /* ticked when the acknowledgement of the same id is */
} RvFieldSource;

typedef enum
{
  RV_REQUEST_STYLE_ISSUE_FORM,      /* as GitHub renders a submitted issue form */
  RV_REQUEST_STYLE_PLAIN,           /* “Label: value” text for a web form or a mail */
} RvRequestStyle;

typedef struct
{
  char           *id;
  char           *label;
  char           *description;
  char           *option;           /* checkbox text; for acknowledgements, the ack's text */
  char          **choices;          /* RV_FIELD_CHOICE only */
  RvFieldType     type;
  RvFieldSource   source;
  gboolean        required;
  gboolean        backticks;        /* value wrapped in `…` (PyPI's username) */
} RvProviderField;

typedef struct
{
  char *id;
  char *text;                       /* the provider's exact wording */
  char *description;
  char *url;
} RvProviderAck;

typedef struct
{
  char *id;
  char *label;
  char *description;
} RvProviderEvidence;

typedef struct
{
  char *id;
  char *title;
  char *description;
  char *requires;
} RvProviderStep;

#define RV_TYPE_PROVIDER (rv_provider_get_type ())

G_DECLARE_FINAL_TYPE (RvProvider, rv_provider, RV, PROVIDER, GObject)

GQuark               rv_provider_error_quark               (void);

RvProvider          *rv_provider_new_from_file             (const char        *path,
                                                            GError           **error);
RvProvider          *rv_provider_new_from_data             (const char        *data,
                                                            gssize             length,
                                                            const char        *origin,
                                                            GError           **error);

/* Loads every *.json in @directory, in name order. A broken profile is
 * skipped and its GError appended to @problems (may be NULL). Returns the
 * usable profiles (RvProvider, owned). */
GPtrArray           *rv_provider_load_directory            (const char        *directory,
                                                            GPtrArray         *problems);
/* $RV_PROVIDERS_DIR, else the installed profiles, else the source tree's. */
char                *rv_provider_dup_default_directory     (void);
GPtrArray           *rv_provider_load_default              (GPtrArray         *problems);

RvProvider          *rv_provider_lookup                    (GPtrArray         *providers,
                                                            const char        *id);
/* The profile whose issuers or domains match @issuer or @url's host, else
 * the generic profile (NULL only when there is none). */
RvProvider          *rv_provider_match                     (GPtrArray         *providers,
                                                            const char        *issuer,
                                                            const char        *url);
RvProvider          *rv_provider_match_account             (GPtrArray         *providers,
                                                            RvAccount         *account);

const char          *rv_provider_get_id                    (RvProvider        *self);
const char          *rv_provider_get_name                  (RvProvider        *self);
const char          *rv_provider_get_origin                (RvProvider        *self);
guint                rv_provider_get_version               (RvProvider        *self);
const char          *rv_provider_get_checked               (RvProvider        *self);
const char * const  *rv_provider_get_sources               (RvProvider        *self);
gboolean             rv_provider_is_generic                (RvProvider        *self);
gboolean             rv_provider_matches                   (RvProvider        *self,
                                                            const char        *issuer,
                                                            const char        *url);

RvChannelKind        rv_provider_get_channel_kind          (RvProvider        *self);
const char          *rv_provider_get_channel_url           (RvProvider        *self);
const char          *rv_provider_get_channel_address       (RvProvider        *self);
const char          *rv_provider_get_official_address      (RvProvider        *self);
const char          *rv_provider_get_channel_summary       (RvProvider        *self);
gboolean             rv_provider_get_channel_public        (RvProvider        *self);

const char * const  *rv_provider_get_eligibility           (RvProvider        *self);
GPtrArray           *rv_provider_get_self_service          (RvProvider        *self);

guint                rv_provider_get_code_count            (RvProvider        *self);
gboolean             rv_provider_has_code_format           (RvProvider        *self);
const char          *rv_provider_get_code_format           (RvProvider        *self);
const char          *rv_provider_get_code_format_description (RvProvider      *self);
const char          *rv_provider_get_code_example          (RvProvider        *self);
const char          *rv_provider_get_code_instructions     (RvProvider        *self);
gboolean             rv_provider_get_codes_single_use      (RvProvider        *self);
/* Searches free text for anything shaped like this provider's codes. */
GRegex              *rv_provider_get_code_shape            (RvProvider        *self);
const char * const  *rv_provider_get_token_prefixes        (RvProvider        *self);

RvRequestStyle       rv_provider_get_request_style         (RvProvider        *self);
const char          *rv_provider_get_request_title         (RvProvider        *self);
GPtrArray           *rv_provider_get_fields                (RvProvider        *self);
GPtrArray           *rv_provider_get_acknowledgements      (RvProvider        *self);
const RvProviderAck *rv_provider_find_acknowledgement      (RvProvider        *self,
                                                            const char        *id);
GPtrArray           *rv_provider_get_evidence              (RvProvider        *self);
const RvProviderEvidence *rv_provider_find_evidence        (RvProvider        *self,
                                                            const char        *id);
const char          *rv_provider_get_timing                (RvProvider        *self);
const char * const  *rv_provider_get_next_steps            (RvProvider        *self);
const char * const  *rv_provider_get_after_recovery        (RvProvider        *self);
const char * const  *rv_provider_get_warnings              (RvProvider        *self);

/* Normalises a pasted code the way the provider prints it (spaces, case,
 * dash groups) and checks it against the provider's format. The error
 * never repeats the code. Without a format, any non-empty code passes. */
RvSecret            *rv_provider_normalize_recovery_code   (RvProvider        *self,
                                                            const char        *text,
                                                            gsize              length,
                                                            GError           **error);
gboolean             rv_provider_check_recovery_code       (RvProvider        *self,
                                                            const char        *text,
                                                            GError           **error);

/* Where to send the request, the timing, next steps and checklist, as
 * plain text in the user's language. */
char                *rv_provider_dup_next_steps_text       (RvProvider        *self);

const char          *rv_provider_channel_kind_to_string    (RvChannelKind     kind);
/* A profile string as the user reads it (translated if a catalogue has it). */
const char          *rv_provider_gettext                   (const char        *msgid);

G_END_DECLS
