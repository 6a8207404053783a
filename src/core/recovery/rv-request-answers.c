/* rv-request-answers.c: what the user answers the “I’m locked out” assistant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rv-json.h"
#include "rv-request-answers.h"

G_DEFINE_QUARK (rv-request-error-quark, rv_request_error)

static const char *happened_names[RV_HAPPENED_N_KINDS] = {
  "lost-device", "codes-not-working", "codes-lost", "email-lost", "compromise-suspected",
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
  if (!rv_json_holds_string (node))
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

      if (!rv_json_holds_string (item))
        return answers_fail (error, key, _("must be a list of strings"));
      g_strv_builder_add (builder, json_node_get_string (item));
    }
  g_strfreev (*out);
  *out = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
answers_boolean (JsonNode    *node,
                 const char  *key,
                 gboolean    *out,
                 GError     **error)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!rv_json_holds_boolean (node))
    return answers_fail (error, key, _("must be true or false"));
  *out = json_node_get_boolean (node);
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
                       _("Answers: “what_happened” has an unknown value “%s” (expected "
                         "lost-device, codes-not-working, codes-lost, email-lost or "
                         "compromise-suspected)"),
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
  if (g_str_equal (key, "stored_rejected"))
    return answers_boolean (node, key, &self->stored_rejected, error);
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
rv_request_answers_new_from_data (const char  *data,
                                  gssize       length,
                                  const char  *origin,
                                  GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  if ((root = rv_json_parse (data, length, &local_error)) == NULL)
    {
      g_set_error (error, RV_REQUEST_ERROR, RV_REQUEST_ERROR_BAD_ANSWERS,
                   _("The answers “%s” cannot be read: %s"), origin ? origin : "?",
                   local_error->message);
      return NULL;
    }
  return rv_request_answers_from_json (root, error);
}

RvRequestAnswers *
rv_request_answers_load (const char  *path,
                         GError     **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      g_set_error (error, RV_REQUEST_ERROR, RV_REQUEST_ERROR_BAD_ANSWERS,
                   _("Could not read the answers “%s”: %s"), path, local_error->message);
      return NULL;
    }
  return rv_request_answers_new_from_data (data, length, path, error);
}
