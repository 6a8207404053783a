/* rv-provider-load.c: reading and checking recovery profiles
 * (data/providers/NAME.json), one file or a whole directory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "rv-json.h"
#include "rv-provider-private.h"

#define RV_PROVIDER_SCHEMA 1

static const char *channel_names[] = {
  "public-issue-form", "web-form", "email", "in-product", "none",
};
static const char *field_type_names[] = {
  "text", "multiline", "checkbox", "choice",
};
static const char *source_names[] = {
  "none", "username", "service", "email", "reason", "facts", "evidence", "summary",
  "codes-state", "acknowledgement",
};
static const char *style_names[] = {
  "issue-form", "plain",
};
static const char *normalize_names[] = {
  "strip-spaces", "strip-dashes", "lowercase", "uppercase", "group-5",
};



/* Parsing. Every reader names the file and the key path in its error, so a
 * profile author finds the mistake at once. */

typedef struct
{
  const char *origin;
  GError    **error;
} Ctx;

static gboolean
fail (Ctx        *ctx,
      int         code,
      const char *path,
      const char *what)
{
  g_set_error (ctx->error, RV_PROVIDER_ERROR, code,
               _("Recovery profile “%s”: “%s” %s"), ctx->origin, path, what);
  return FALSE;
}

static gboolean
read_string (Ctx         *ctx,
             JsonObject  *object,
             const char  *parent,
             const char  *key,
             gboolean     required,
             char       **out)
{
  JsonNode *node = rv_json_member (object, key);
  g_autofree char *path = parent ? g_strdup_printf ("%s.%s", parent, key) : g_strdup (key);

  if (node == NULL)
    {
      if (required)
        return fail (ctx, RV_PROVIDER_ERROR_MISSING_KEY, path, _("is missing"));
      *out = NULL;
      return TRUE;
    }
  if (!rv_json_holds_string (node))
    return fail (ctx, RV_PROVIDER_ERROR_MISSING_KEY, path, _("must be a string"));
  if (required && *json_node_get_string (node) == '\0')
    return fail (ctx, RV_PROVIDER_ERROR_BAD_VALUE, path, _("must not be empty"));
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
read_bool (Ctx        *ctx,
           JsonObject *object,
           const char *path,
           const char *key,
           gboolean    fallback,
           gboolean   *out)
{
  JsonNode *node = rv_json_member (object, key);

  *out = fallback;
  if (node == NULL)
    return TRUE;
  if (!rv_json_holds_boolean (node))
    {
      g_autofree char *full = path ? g_strdup_printf ("%s.%s", path, key) : g_strdup (key);

      return fail (ctx, RV_PROVIDER_ERROR_MISSING_KEY, full, _("must be true or false"));
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_uint (Ctx        *ctx,
           JsonObject *object,
           const char *path,
           const char *key,
           guint       max,
           guint      *out)
{
  JsonNode *node = rv_json_member (object, key);
  g_autofree char *full = path ? g_strdup_printf ("%s.%s", path, key) : g_strdup (key);
  gint64 value;

  if (node == NULL)
    return fail (ctx, RV_PROVIDER_ERROR_MISSING_KEY, full, _("is missing"));
  if (!rv_json_holds_integer (node))
    return fail (ctx, RV_PROVIDER_ERROR_MISSING_KEY, full, _("must be a whole number"));
  value = json_node_get_int (node);
  if (value < 0 || value > max)
    return fail (ctx, RV_PROVIDER_ERROR_BAD_VALUE, full, _("is out of range"));
  *out = (guint) value;
  return TRUE;
}

static gboolean
read_strv (Ctx         *ctx,
           JsonObject  *object,
           const char  *parent,
           const char  *key,
           gboolean     required,
           GStrv       *out)
{
  JsonNode *node = rv_json_member (object, key);
  g_autofree char *path = parent ? g_strdup_printf ("%s.%s", parent, key) : g_strdup (key);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node == NULL)
    {
      if (required)
        return fail (ctx, RV_PROVIDER_ERROR_MISSING_KEY, path, _("is missing"));
      *out = g_strv_builder_end (builder);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (ctx, RV_PROVIDER_ERROR_MISSING_KEY, path, _("must be a list of strings"));

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!rv_json_holds_string (item))
        return fail (ctx, RV_PROVIDER_ERROR_MISSING_KEY, path, _("must be a list of strings"));
      g_strv_builder_add (builder, json_node_get_string (item));
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
read_enum (Ctx          *ctx,
           const char   *path,
           const char   *value,
           const char  **names,
           guint         n_names,
           guint        *out)
{
  for (guint i = 0; i < n_names; i++)
    {
      if (g_str_equal (value, names[i]))
        {
          *out = i;
          return TRUE;
        }
    }
  return fail (ctx, RV_PROVIDER_ERROR_BAD_VALUE, path, _("has an unknown value"));
}

static JsonObject *
read_object (Ctx        *ctx,
             JsonObject *object,
             const char *path,
             const char *key)
{
  JsonNode *node = rv_json_member (object, key);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *full = path ? g_strdup_printf ("%s.%s", path, key) : g_strdup (key);

      fail (ctx, RV_PROVIDER_ERROR_MISSING_KEY, full, _("is missing or not an object"));
      return NULL;
    }
  return json_node_get_object (node);
}

/* Calls @read_item on each object of the array @key. */
static gboolean
read_list (Ctx         *ctx,
           JsonObject  *object,
           const char  *parent,
           const char  *key,
           gboolean   (*read_item) (Ctx *, JsonObject *, const char *, GPtrArray *),
           GPtrArray   *into)
{
  JsonNode *node = rv_json_member (object, key);
  g_autofree char *path = parent ? g_strdup_printf ("%s.%s", parent, key) : g_strdup (key);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return fail (ctx, RV_PROVIDER_ERROR_MISSING_KEY, path, _("is missing or not a list"));

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);

      if (!JSON_NODE_HOLDS_OBJECT (item))
        return fail (ctx, RV_PROVIDER_ERROR_MISSING_KEY, item_path, _("must be an object"));
      if (!read_item (ctx, json_node_get_object (item), item_path, into))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_step (Ctx        *ctx,
           JsonObject *object,
           const char *path,
           GPtrArray  *into)
{
  RvProviderStep *step = g_new0 (RvProviderStep, 1);

  g_ptr_array_add (into, step);
  return read_string (ctx, object, path, "id", TRUE, &step->id) &&
         read_string (ctx, object, path, "title", TRUE, &step->title) &&
         read_string (ctx, object, path, "description", TRUE, &step->description) &&
         read_string (ctx, object, path, "requires", FALSE, &step->requires);
}

static gboolean
read_ack (Ctx        *ctx,
          JsonObject *object,
          const char *path,
          GPtrArray  *into)
{
  RvProviderAck *ack = g_new0 (RvProviderAck, 1);

  g_ptr_array_add (into, ack);
  return read_string (ctx, object, path, "id", TRUE, &ack->id) &&
         read_string (ctx, object, path, "text", TRUE, &ack->text) &&
         read_string (ctx, object, path, "description", FALSE, &ack->description) &&
         read_string (ctx, object, path, "url", FALSE, &ack->url);
}

static gboolean
read_evidence (Ctx        *ctx,
               JsonObject *object,
               const char *path,
               GPtrArray  *into)
{
  RvProviderEvidence *evidence = g_new0 (RvProviderEvidence, 1);

  g_ptr_array_add (into, evidence);
  return read_string (ctx, object, path, "id", TRUE, &evidence->id) &&
         read_string (ctx, object, path, "label", TRUE, &evidence->label) &&
         read_string (ctx, object, path, "description", FALSE, &evidence->description);
}

static gboolean
read_field (Ctx        *ctx,
            JsonObject *object,
            const char *path,
            GPtrArray  *into)
{
  RvProviderField *field = g_new0 (RvProviderField, 1);
  g_autofree char *type = NULL;
  g_autofree char *source = NULL;
  g_autofree char *format = NULL;
  g_autofree char *type_path = g_strdup_printf ("%s.type", path);
  g_autofree char *source_path = g_strdup_printf ("%s.source", path);
  guint value = 0;

  g_ptr_array_add (into, field);
  if (!read_string (ctx, object, path, "id", TRUE, &field->id) ||
      !read_string (ctx, object, path, "label", TRUE, &field->label) ||
      !read_string (ctx, object, path, "description", FALSE, &field->description) ||
      !read_string (ctx, object, path, "option", FALSE, &field->option) ||
      !read_string (ctx, object, path, "type", TRUE, &type) ||
      !read_string (ctx, object, path, "source", FALSE, &source) ||
      !read_string (ctx, object, path, "format", FALSE, &format) ||
      !read_bool (ctx, object, path, "required", FALSE, &field->required))
    return FALSE;

  if (!read_enum (ctx, type_path, type, field_type_names, G_N_ELEMENTS (field_type_names), &value))
    return FALSE;
  field->type = value;
  value = 0;
  if (source != NULL &&
      !read_enum (ctx, source_path, source, source_names, G_N_ELEMENTS (source_names), &value))
    return FALSE;
  field->source = value;
  field->backticks = g_strcmp0 (format, "backticks") == 0;

  if (field->type == RV_FIELD_CHOICE)
    {
      if (!read_strv (ctx, object, path, "choices", TRUE, &field->choices))
        return FALSE;
      if (field->choices[0] == NULL)
        return fail (ctx, RV_PROVIDER_ERROR_BAD_VALUE, path, _("offers no choices"));
    }
  if (field->type == RV_FIELD_CHECKBOX &&
      field->source != RV_FIELD_SOURCE_ACKNOWLEDGEMENT && field->option == NULL)
    return fail (ctx, RV_PROVIDER_ERROR_MISSING_KEY, path,
                 _("is a checkbox without an “option” text"));
  return TRUE;
}

static gboolean
read_identity (RvProvider *self,
               Ctx        *ctx,
               JsonObject *root)
{
  guint schema = 0;
  JsonObject *match;

  if (!read_uint (ctx, root, NULL, "schema", G_MAXINT, &schema))
    return FALSE;
  if (schema != RV_PROVIDER_SCHEMA)
    return fail (ctx, RV_PROVIDER_ERROR_BAD_VALUE, "schema",
                 _("is a version this program does not know"));

  if (!read_string (ctx, root, NULL, "id", TRUE, &self->id) ||
      !read_string (ctx, root, NULL, "name", TRUE, &self->name) ||
      !read_uint (ctx, root, NULL, "version", G_MAXINT, &self->version) ||
      !read_string (ctx, root, NULL, "checked", TRUE, &self->checked) ||
      !read_strv (ctx, root, NULL, "sources", TRUE, &self->sources) ||
      !read_bool (ctx, root, NULL, "generic", FALSE, &self->generic))
    return FALSE;
  if (self->sources[0] == NULL)
    return fail (ctx, RV_PROVIDER_ERROR_BAD_VALUE, "sources", _("must name at least one source"));

  if ((match = read_object (ctx, root, NULL, "match")) == NULL)
    return FALSE;
  return read_strv (ctx, match, "match", "issuers", TRUE, &self->issuers) &&
         read_strv (ctx, match, "match", "domains", TRUE, &self->domains);
}

static gboolean
read_channel (RvProvider *self,
              Ctx        *ctx,
              JsonObject *root)
{
  JsonObject *channel;
  g_autofree char *kind = NULL;
  guint value;

  if ((channel = read_object (ctx, root, NULL, "channel")) == NULL)
    return FALSE;
  if (!read_string (ctx, channel, "channel", "kind", TRUE, &kind) ||
      !read_enum (ctx, "channel.kind", kind, channel_names, G_N_ELEMENTS (channel_names), &value) ||
      !read_string (ctx, channel, "channel", "url", FALSE, &self->channel_url) ||
      !read_string (ctx, channel, "channel", "address", FALSE, &self->channel_address) ||
      !read_string (ctx, channel, "channel", "official_address", FALSE, &self->official_address) ||
      !read_string (ctx, channel, "channel", "summary", TRUE, &self->channel_summary) ||
      !read_bool (ctx, channel, "channel", "public", FALSE, &self->channel_public))
    return FALSE;
  self->channel_kind = value;

  if (self->channel_kind == RV_CHANNEL_EMAIL && self->channel_address == NULL)
    return fail (ctx, RV_PROVIDER_ERROR_MISSING_KEY, "channel.address",
                 _("is needed for an email channel"));
  if (self->channel_kind != RV_CHANNEL_NONE && self->channel_kind != RV_CHANNEL_EMAIL &&
      self->channel_url == NULL)
    return fail (ctx, RV_PROVIDER_ERROR_MISSING_KEY, "channel.url",
                 _("is needed for this channel"));
  if (self->channel_url != NULL && !g_str_has_prefix (self->channel_url, "https://"))
    return fail (ctx, RV_PROVIDER_ERROR_BAD_VALUE, "channel.url", _("must be an https:// address"));
  return TRUE;
}

/* The format is anchored so a code must match as a whole; the shape finds
 * code-like words inside free text (a draft about to be sent). */
static gboolean
read_codes (RvProvider *self,
            Ctx        *ctx,
            JsonObject *root)
{
  JsonObject *codes;
  g_autofree char *shape = NULL;
  g_autoptr(GError) regex_error = NULL;

  if ((codes = read_object (ctx, root, NULL, "recovery_codes")) == NULL)
    return FALSE;
  if (!read_uint (ctx, codes, "recovery_codes", "count", 1000, &self->code_count) ||
      !read_string (ctx, codes, "recovery_codes", "format", FALSE, &self->code_format) ||
      !read_string (ctx, codes, "recovery_codes", "format_description", FALSE,
                    &self->code_format_description) ||
      !read_string (ctx, codes, "recovery_codes", "shape", FALSE, &shape) ||
      !read_string (ctx, codes, "recovery_codes", "example", FALSE, &self->code_example) ||
      !read_string (ctx, codes, "recovery_codes", "instructions", TRUE, &self->code_instructions) ||
      !read_strv (ctx, codes, "recovery_codes", "normalize", FALSE, &self->code_normalize) ||
      !read_bool (ctx, codes, "recovery_codes", "single_use", TRUE, &self->codes_single_use))
    return FALSE;

  for (guint i = 0; self->code_normalize[i] != NULL; i++)
    {
      guint ignored;

      if (!read_enum (ctx, "recovery_codes.normalize", self->code_normalize[i], normalize_names,
                      G_N_ELEMENTS (normalize_names), &ignored))
        return FALSE;
    }

  if (self->code_format == NULL)
    return TRUE;
  if (self->code_format[0] != '^' || !g_str_has_suffix (self->code_format, "$"))
    return fail (ctx, RV_PROVIDER_ERROR_BAD_REGEX, "recovery_codes.format",
                 _("must start with ^ and end with $"));
  self->code_regex = g_regex_new (self->code_format, G_REGEX_OPTIMIZE, 0, &regex_error);
  if (self->code_regex == NULL)
    return fail (ctx, RV_PROVIDER_ERROR_BAD_REGEX, "recovery_codes.format",
                 _("is not a valid regular expression"));

  if (shape == NULL)
    shape = g_strndup (self->code_format + 1, strlen (self->code_format) - 2);
  {
    g_autofree char *bounded = g_strdup_printf ("(?<![0-9A-Za-z])(?:%s)(?![0-9A-Za-z])", shape);

    self->code_shape = g_regex_new (bounded, G_REGEX_OPTIMIZE, 0, &regex_error);
  }
  if (self->code_shape == NULL)
    return fail (ctx, RV_PROVIDER_ERROR_BAD_REGEX, "recovery_codes.shape",
                 _("is not a valid regular expression"));

  if (self->code_example != NULL &&
      !rv_provider_check_recovery_code (self, self->code_example, NULL))
    return fail (ctx, RV_PROVIDER_ERROR_BAD_VALUE, "recovery_codes.example",
                 _("does not match the format"));
  return TRUE;
}

static gboolean
check_fields (RvProvider *self,
              Ctx        *ctx)
{
  if (self->fields->len == 0)
    return fail (ctx, RV_PROVIDER_ERROR_MISSING_KEY, "request.fields",
                 _("must list at least one field"));

  for (guint i = 0; i < self->fields->len; i++)
    {
      RvProviderField *field = g_ptr_array_index (self->fields, i);

      for (guint j = 0; j < i; j++)
        if (g_str_equal (field->id, ((RvProviderField *) g_ptr_array_index (self->fields, j))->id))
          return fail (ctx, RV_PROVIDER_ERROR_DUPLICATE, field->id, _("is the id of two fields"));

      /* Staff find the account first: the username always leads. */
      if ((i == 0) != (field->source == RV_FIELD_SOURCE_USERNAME))
        return fail (ctx, RV_PROVIDER_ERROR_BAD_VALUE, field->id,
                     _("must be the only username field, and the first field"));
      if (field->source == RV_FIELD_SOURCE_ACKNOWLEDGEMENT &&
          (field->type != RV_FIELD_CHECKBOX ||
           rv_provider_find_acknowledgement (self, field->id) == NULL))
        return fail (ctx, RV_PROVIDER_ERROR_BAD_VALUE, field->id,
                     _("must be a checkbox with an acknowledgement of the same id"));
      if ((field->source == RV_FIELD_SOURCE_CODES_STATE) != (field->type == RV_FIELD_CHECKBOX) &&
          field->source != RV_FIELD_SOURCE_ACKNOWLEDGEMENT)
        return fail (ctx, RV_PROVIDER_ERROR_BAD_VALUE, field->id,
                     _("has a source that does not fit its type"));
    }
  return TRUE;
}

static gboolean
read_request (RvProvider *self,
              Ctx        *ctx,
              JsonObject *root)
{
  JsonObject *request;
  g_autofree char *style = NULL;
  guint value;

  if ((request = read_object (ctx, root, NULL, "request")) == NULL)
    return FALSE;
  if (!read_string (ctx, request, "request", "style", TRUE, &style) ||
      !read_enum (ctx, "request.style", style, style_names, G_N_ELEMENTS (style_names), &value) ||
      !read_string (ctx, request, "request", "title", TRUE, &self->request_title) ||
      !read_list (ctx, request, "request", "fields", read_field, self->fields))
    return FALSE;
  self->request_style = value;

  return read_list (ctx, root, NULL, "acknowledgements", read_ack, self->acknowledgements) &&
         read_list (ctx, root, NULL, "evidence", read_evidence, self->evidence) &&
         check_fields (self, ctx);
}

static gboolean
read_profile (RvProvider *self,
              Ctx        *ctx,
              JsonObject *root)
{
  return read_identity (self, ctx, root) &&
         read_channel (self, ctx, root) &&
         read_strv (ctx, root, NULL, "eligibility", FALSE, &self->eligibility) &&
         read_list (ctx, root, NULL, "self_service", read_step, self->self_service) &&
         read_codes (self, ctx, root) &&
         read_strv (ctx, root, NULL, "tokens", FALSE, &self->token_prefixes) &&
         read_request (self, ctx, root) &&
         read_string (ctx, root, NULL, "timing", TRUE, &self->timing) &&
         read_strv (ctx, root, NULL, "next_steps", TRUE, &self->next_steps) &&
         read_strv (ctx, root, NULL, "after_recovery", TRUE, &self->after_recovery) &&
         read_strv (ctx, root, NULL, "warnings", TRUE, &self->warnings);
}

RvProvider *
rv_provider_new_from_data (const char  *data,
                           gssize       length,
                           const char  *origin,
                           GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(RvProvider) self = NULL;
  g_autoptr(GError) json_error = NULL;
  Ctx ctx = { origin ? origin : "?", error };

  g_return_val_if_fail (data != NULL, NULL);

  if ((root = rv_json_parse (data, length, &json_error)) == NULL)
    {
      g_set_error (error, RV_PROVIDER_ERROR, RV_PROVIDER_ERROR_BAD_JSON,
                   _("Recovery profile “%s” cannot be read: %s"),
                   ctx.origin, json_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, RV_PROVIDER_ERROR, RV_PROVIDER_ERROR_BAD_JSON,
                   _("Recovery profile “%s” is not a JSON object"), ctx.origin);
      return NULL;
    }

  self = g_object_new (RV_TYPE_PROVIDER, NULL);
  self->origin = g_strdup (ctx.origin);
  if (!read_profile (self, &ctx, json_node_get_object (root)))
    return NULL;
  return g_steal_pointer (&self);
}

RvProvider *
rv_provider_new_from_file (const char  *path,
                           GError     **error)
{
  g_autofree char *data = NULL;
  g_autofree char *base = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  base = g_path_get_basename (path);
  return rv_provider_new_from_data (data, length, base, error);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static void
add_problem (GPtrArray *problems,
             GError    *error)
{
  if (problems != NULL)
    g_ptr_array_add (problems, error);
  else
    g_error_free (error);
}

GPtrArray *
rv_provider_load_directory (const char *directory,
                            GPtrArray  *problems)
{
  GPtrArray *providers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  GError *error = NULL;
  const char *name;

  g_return_val_if_fail (directory != NULL, providers);

  if ((dir = g_dir_open (directory, 0, &error)) == NULL)
    {
      add_problem (problems, error);
      return providers;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (directory, g_ptr_array_index (names, i), NULL);
      RvProvider *provider = rv_provider_new_from_file (path, &error);

      if (provider == NULL)
        add_problem (problems, g_steal_pointer (&error));
      else if (rv_provider_lookup (providers, provider->id) != NULL)
        {
          GError *duplicate =
            g_error_new (RV_PROVIDER_ERROR, RV_PROVIDER_ERROR_DUPLICATE,
                         _("Recovery profile “%s”: another profile already has the id "
                           "“%s”"),
                         provider->origin, provider->id);

          add_problem (problems, duplicate);
          g_object_unref (provider);
        }
      else
        g_ptr_array_add (providers, provider);
    }

  if (providers->len == 0)
    add_problem (problems, g_error_new (RV_PROVIDER_ERROR, RV_PROVIDER_ERROR_NO_PROFILES,
                                        _("No usable recovery profile in “%s”"), directory));
  return providers;
}

char *
rv_provider_dup_default_directory (void)
{
  const char *env = g_getenv ("RV_PROVIDERS_DIR");
  g_autofree char *installed = g_build_filename (PKGDATADIR, "providers", NULL);

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  if (g_file_test (installed, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&installed);
  return g_build_filename (SOURCE_DATADIR, "providers", NULL);
}

GPtrArray *
rv_provider_load_default (GPtrArray *problems)
{
  g_autofree char *directory = rv_provider_dup_default_directory ();

  return rv_provider_load_directory (directory, problems);
}

/* The names the file format uses for channel kinds. */
const char *
rv_provider_channel_kind_to_string (RvChannelKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (channel_names), "none");

  return channel_names[kind];
}
