/* rv-provider.c: recovery profiles: the object and what it holds (reading
 * and checking the files is in rv-provider-load.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rv-provider-private.h"

G_DEFINE_TYPE (RvProvider, rv_provider, G_TYPE_OBJECT)

G_DEFINE_QUARK (rv-provider-error-quark, rv_provider_error)

static void
field_free (RvProviderField *field)
{
  g_free (field->id);
  g_free (field->label);
  g_free (field->description);
  g_free (field->option);
  g_strfreev (field->choices);
  g_free (field);
}

static void
ack_free (RvProviderAck *ack)
{
  g_free (ack->id);
  g_free (ack->text);
  g_free (ack->description);
  g_free (ack->url);
  g_free (ack);
}

static void
evidence_free (RvProviderEvidence *evidence)
{
  g_free (evidence->id);
  g_free (evidence->label);
  g_free (evidence->description);
  g_free (evidence);
}

static void
step_free (RvProviderStep *step)
{
  g_free (step->id);
  g_free (step->title);
  g_free (step->description);
  g_free (step->requires);
  g_free (step);
}

static void
rv_provider_finalize (GObject *object)
{
  RvProvider *self = (RvProvider *) object;

  g_free (self->origin);
  g_free (self->id);
  g_free (self->name);
  g_free (self->checked);
  g_strfreev (self->sources);
  g_strfreev (self->issuers);
  g_strfreev (self->domains);
  g_free (self->channel_url);
  g_free (self->channel_address);
  g_free (self->official_address);
  g_free (self->channel_summary);
  g_strfreev (self->eligibility);
  g_clear_pointer (&self->self_service, g_ptr_array_unref);
  g_free (self->code_format);
  g_free (self->code_format_description);
  g_free (self->code_example);
  g_free (self->code_instructions);
  g_strfreev (self->code_normalize);
  g_clear_pointer (&self->code_regex, g_regex_unref);
  g_clear_pointer (&self->code_shape, g_regex_unref);
  g_strfreev (self->token_prefixes);
  g_free (self->request_title);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->acknowledgements, g_ptr_array_unref);
  g_clear_pointer (&self->evidence, g_ptr_array_unref);
  g_free (self->timing);
  g_strfreev (self->next_steps);
  g_strfreev (self->after_recovery);
  g_strfreev (self->warnings);

  G_OBJECT_CLASS (rv_provider_parent_class)->finalize (object);
}

static void
rv_provider_class_init (RvProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rv_provider_finalize;
}

static void
rv_provider_init (RvProvider *self)
{
  self->self_service = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  self->acknowledgements = g_ptr_array_new_with_free_func ((GDestroyNotify) ack_free);
  self->evidence = g_ptr_array_new_with_free_func ((GDestroyNotify) evidence_free);
}

/* What the user reads before and after sending */

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
rv_provider_dup_next_steps_text (RvProvider *self)
{
  GString *text = g_string_new (NULL);
  const char *url = rv_provider_get_channel_url (self);
  const char *address = rv_provider_get_channel_address (self);
  const char *official = rv_provider_get_official_address (self);

  g_return_val_if_fail (RV_IS_PROVIDER (self), NULL);

  g_string_append_printf (text, _("Where to send it: %s\n"),
                          rv_provider_gettext (rv_provider_get_channel_summary (self)));
  if (url != NULL)
    g_string_append_printf (text, "  %s\n", url);
  if (address != NULL)
    g_string_append_printf (text, "  %s\n", address);
  if (official != NULL)
    g_string_append_printf (text, _("Official address: %s\n"), official);
  if (rv_provider_get_channel_public (self))
    g_string_append (text, _("This channel is public: the draft contains no email address "
                             "or phone number.\n"));
  g_string_append_printf (text, _("\nTiming: %s\n"),
                          rv_provider_gettext (rv_provider_get_timing (self)));
  append_list (text, _("What happens next:"), rv_provider_get_next_steps (self));
  append_list (text, _("After recovery:"), rv_provider_get_after_recovery (self));
  append_list (text, _("Warnings:"), rv_provider_get_warnings (self));
  g_string_append (text, _("\nSupport staff never ask for recovery codes, passwords or "
                           "one-time codes.\n"));
  return g_string_free (text, FALSE);
}

/* Accessors */

const char *
rv_provider_gettext (const char *msgid)
{
  if (msgid == NULL || *msgid == '\0')
    return msgid;
  return g_dgettext (GETTEXT_PACKAGE, msgid);
}

const RvProviderAck *
rv_provider_find_acknowledgement (RvProvider *self,
                                  const char *id)
{
  g_return_val_if_fail (RV_IS_PROVIDER (self), NULL);

  for (guint i = 0; id != NULL && i < self->acknowledgements->len; i++)
    {
      const RvProviderAck *ack = g_ptr_array_index (self->acknowledgements, i);

      if (g_str_equal (ack->id, id))
        return ack;
    }
  return NULL;
}

const RvProviderEvidence *
rv_provider_find_evidence (RvProvider *self,
                           const char *id)
{
  g_return_val_if_fail (RV_IS_PROVIDER (self), NULL);

  for (guint i = 0; id != NULL && i < self->evidence->len; i++)
    {
      const RvProviderEvidence *evidence = g_ptr_array_index (self->evidence, i);

      if (g_str_equal (evidence->id, id))
        return evidence;
    }
  return NULL;
}

#define GETTER(type, name, field, fallback) \
  type \
  rv_provider_get_##name (RvProvider *self) \
  { \
    g_return_val_if_fail (RV_IS_PROVIDER (self), fallback); \
    return (type) self->field; \
  }

GETTER (const char *, id, id, NULL)
GETTER (const char *, name, name, NULL)
GETTER (const char *, origin, origin, NULL)
GETTER (guint, version, version, 0)
GETTER (const char *, checked, checked, NULL)
GETTER (const char * const *, sources, sources, NULL)
GETTER (RvChannelKind, channel_kind, channel_kind, RV_CHANNEL_NONE)
GETTER (const char *, channel_url, channel_url, NULL)
GETTER (const char *, channel_address, channel_address, NULL)
GETTER (const char *, official_address, official_address, NULL)
GETTER (const char *, channel_summary, channel_summary, NULL)
GETTER (gboolean, channel_public, channel_public, TRUE)
GETTER (const char * const *, eligibility, eligibility, NULL)
GETTER (GPtrArray *, self_service, self_service, NULL)
GETTER (guint, code_count, code_count, 0)
GETTER (const char *, code_format, code_format, NULL)
GETTER (const char *, code_format_description, code_format_description, NULL)
GETTER (const char *, code_example, code_example, NULL)
GETTER (const char *, code_instructions, code_instructions, NULL)
GETTER (gboolean, codes_single_use, codes_single_use, TRUE)
GETTER (GRegex *, code_shape, code_shape, NULL)
GETTER (const char * const *, token_prefixes, token_prefixes, NULL)
GETTER (RvRequestStyle, request_style, request_style, RV_REQUEST_STYLE_PLAIN)
GETTER (const char *, request_title, request_title, NULL)
GETTER (GPtrArray *, fields, fields, NULL)
GETTER (GPtrArray *, acknowledgements, acknowledgements, NULL)
GETTER (GPtrArray *, evidence, evidence, NULL)
GETTER (const char *, timing, timing, NULL)
GETTER (const char * const *, next_steps, next_steps, NULL)
GETTER (const char * const *, after_recovery, after_recovery, NULL)
GETTER (const char * const *, warnings, warnings, NULL)

#undef GETTER

gboolean
rv_provider_is_generic (RvProvider *self)
{
  g_return_val_if_fail (RV_IS_PROVIDER (self), FALSE);

  return self->generic;
}

gboolean
rv_provider_has_code_format (RvProvider *self)
{
  g_return_val_if_fail (RV_IS_PROVIDER (self), FALSE);

  return self->code_regex != NULL;
}
