/* rv-import-prefs.c: Android shared-preferences XML files, as several apps
 * keep their accounts in them (Authy, FreeOTP, TOTP Authenticator, Battle.net)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * <map> <string name="key">text</string> <int name="n" value="1" /> … </map>.
 * Only the <string> entries are kept (the others never hold accounts). Read
 * with GMarkup, which handles this subset of XML (no DTD, no namespaces).
 * The values may hold secrets: they are wiped when the list is freed
 * (GMarkup's own buffers are freed without wiping, like json-glib's).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>
#include <sodium.h>

#include "rv-import-private.h"

/* Android never writes anything deeper; a bound keeps hostile files cheap. */
#define MAX_DEPTH 8

void
rv_import_pref_free (RvImportPref *pref)
{
  g_free (pref->name);
  if (pref->value != NULL)
    sodium_memzero (pref->value, strlen (pref->value));
  g_free (pref->value);
  g_free (pref);
}

typedef struct
{
  GPtrArray *prefs;
  GString   *text;
  char      *name;      /* of the <string> being read, directly under <map> */
  guint      depth;
  gboolean   seen_map;
} ParseState;

static void
start_element (GMarkupParseContext  *context,
               const char           *element,
               const char          **attribute_names,
               const char          **attribute_values,
               gpointer              user_data,
               GError              **error)
{
  ParseState *state = user_data;

  state->depth++;
  if (state->depth > MAX_DEPTH)
    {
      g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                           _("elements nested too deeply"));
      return;
    }
  if (state->depth == 1)
    {
      if (strcmp (element, "map") != 0)
        g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ELEMENT,
                     _("the root element is <%s>, not <map>"), element);
      state->seen_map = TRUE;
      return;
    }
  if (state->depth == 2 && strcmp (element, "string") == 0)
    {
      for (guint i = 0; attribute_names[i] != NULL; i++)
        if (strcmp (attribute_names[i], "name") == 0)
          {
            g_free (state->name);
            state->name = g_strdup (attribute_values[i]);
          }
      g_string_truncate (state->text, 0);
    }
}

static void
end_element (GMarkupParseContext  *context,
             const char           *element,
             gpointer              user_data,
             GError              **error)
{
  ParseState *state = user_data;

  if (state->depth == 2 && state->name != NULL)
    {
      RvImportPref *pref = g_new0 (RvImportPref, 1);

      pref->name = g_steal_pointer (&state->name);
      pref->value = g_strndup (state->text->str, state->text->len);
      g_ptr_array_add (state->prefs, pref);
      sodium_memzero (state->text->str, state->text->len);
      g_string_truncate (state->text, 0);
    }
  state->depth--;
}

static void
text (GMarkupParseContext  *context,
      const char           *text_data,
      gsize                 text_len,
      gpointer              user_data,
      GError              **error)
{
  ParseState *state = user_data;

  if (state->depth == 2 && state->name != NULL)
    g_string_append_len (state->text, text_data, text_len);
}

static const GMarkupParser parser = { start_element, end_element, text, NULL, NULL };

GPtrArray *
rv_import_prefs_parse (const guint8  *data,
                       gsize          len,
                       GError       **error)
{
  g_autoptr(GPtrArray) prefs =
    g_ptr_array_new_with_free_func ((GDestroyNotify) rv_import_pref_free);
  g_autoptr(GError) local_error = NULL;
  GMarkupParseContext *context;
  /* Sized for the whole file: a value (which may hold a secret) never
   * outgrows it, so the buffer is never moved, leaving a copy behind. */
  ParseState state = { prefs, g_string_sized_new (len + 1), NULL, 0, FALSE };
  gboolean ok;

  if (!g_utf8_validate_len ((const char *) data, len, NULL))
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                           _("The file is not valid UTF-8 text"));
      ok = FALSE;
    }
  else
    {
      context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &state, NULL);
      ok = g_markup_parse_context_parse (context, (const char *) data, len, &local_error) &&
           g_markup_parse_context_end_parse (context, &local_error);
      g_markup_parse_context_free (context);
      if (ok && !state.seen_map)
        {
          ok = FALSE;
          g_set_error_literal (&local_error, G_MARKUP_ERROR, G_MARKUP_ERROR_EMPTY,
                               _("no <map> element"));
        }
      if (!ok)
        g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                     _("The file is not a valid preferences XML file: %s"), local_error->message);
    }
  sodium_memzero (state.text->str, state.text->len);
  g_string_free (state.text, TRUE);
  g_free (state.name);
  return ok ? g_steal_pointer (&prefs) : NULL;
}

const char *
rv_import_prefs_get (GPtrArray  *prefs,
                     const char *name)
{
  for (guint i = 0; i < prefs->len; i++)
    {
      RvImportPref *pref = g_ptr_array_index (prefs, i);

      if (strcmp (pref->name, name) == 0)
        return pref->value;
    }
  return NULL;
}
