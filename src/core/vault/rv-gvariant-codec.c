/* rv-gvariant-codec.c: writing and reading GVariant's serialized form in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes the exact bytes GLib would (the payload tests compare both ways with
 * GLib, and the fuzz target runs the reader); reads with every offset
 * checked. Secrets are copied straight between RvSecrets.
 */
#include "config.h"

#include "rv-gvariant-codec.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rv-vault.h"

static void
rv_gv_put (RvGvWriter    *w,
           gconstpointer  bytes,
           gsize          n)
{
  if (w->data != NULL && n > 0)
    memcpy (w->data + w->pos, bytes, n);
  w->pos += n;
}

static void
rv_gv_put_le (RvGvWriter *w,
              guint64     value,
              guint       n)
{
  guint8 bytes[8];

  for (guint i = 0; i < n; i++)
    bytes[i] = (guint8) (value >> (8 * i));
  rv_gv_put (w, bytes, n);
}

/* Every container that needs alignment starts aligned in the buffer, so
 * padding relative to the buffer is padding relative to the container. */
static void
rv_gv_pad (RvGvWriter *w,
           gsize       alignment)
{
  while (w->pos & (alignment - 1))
    {
      if (w->data != NULL)
        w->data[w->pos] = 0;
      w->pos++;
    }
}

/* GLib's rule: the smallest offset size that can address the whole
 * container, offsets included. */
static guint
rv_gv_offset_size_for_body (gsize body,
                            gsize n_offsets)
{
  if (body + n_offsets <= G_MAXUINT8)
    return 1;
  if (body + 2 * n_offsets <= G_MAXUINT16)
    return 2;
  if (body + 4 * n_offsets <= G_MAXUINT32)
    return 4;
  return 8;
}

RvGvContainer
rv_gv_array_begin (RvGvWriter *w,
                   gsize       alignment)
{
  RvGvContainer c;

  rv_gv_pad (w, alignment);
  c.start = w->pos;
  c.first_end = w->ends->len;
  return c;
}

void
rv_gv_array_element_end (RvGvWriter    *w,
                         RvGvContainer *c)
{
  gsize end = w->pos - c->start;

  g_array_append_val (w->ends, end);
}

void
rv_gv_array_end (RvGvWriter    *w,
                 RvGvContainer *c)
{
  gsize n = w->ends->len - c->first_end;
  guint size;

  if (n == 0)
    return;
  size = rv_gv_offset_size_for_body (w->pos - c->start, n);
  for (guint i = c->first_end; i < w->ends->len; i++)
    rv_gv_put_le (w, g_array_index (w->ends, gsize, i), size);
  g_array_set_size (w->ends, c->first_end);
}

/* A {sv} entry of the a{sv} @dict: the key, then the value (written by the
 * caller), then entry_end() with the value's type. */
RvGvContainer
rv_gv_entry_begin (RvGvWriter *w,
                   const char *key)
{
  RvGvContainer entry;

  rv_gv_pad (w, 8);
  entry.start = w->pos;
  rv_gv_put (w, key, strlen (key) + 1);
  entry.first_end = (guint) (w->pos - entry.start);  /* where the key ends */
  rv_gv_pad (w, 8);
  return entry;
}

void
rv_gv_entry_end (RvGvWriter    *w,
                 RvGvContainer *dict,
                 RvGvContainer *entry,
                 const char    *type)
{
  rv_gv_put (w, "", 1);
  rv_gv_put (w, type, strlen (type));
  rv_gv_put_le (w, entry->first_end, rv_gv_offset_size_for_body (w->pos - entry->start, 1));
  rv_gv_array_element_end (w, dict);
}

void
rv_gv_write_string (RvGvWriter    *w,
                    RvGvContainer *dict,
                    const char    *key,
                    const char    *value)
{
  RvGvContainer entry;

  if (value == NULL)
    return;
  entry = rv_gv_entry_begin (w, key);
  rv_gv_put (w, value, strlen (value) + 1);
  rv_gv_entry_end (w, dict, &entry, "s");
}

void
rv_gv_write_number (RvGvWriter    *w,
                    RvGvContainer *dict,
                    const char    *key,
                    const char    *type,
                    guint64        value,
                    guint          size)
{
  RvGvContainer entry = rv_gv_entry_begin (w, key);

  rv_gv_put_le (w, value, size);
  rv_gv_entry_end (w, dict, &entry, type);
}

void
rv_gv_write_time (RvGvWriter    *w,
                  RvGvContainer *dict,
                  const char    *key,
                  gint64         value)
{
  if (value != 0)
    rv_gv_write_number (w, dict, key, "x", (guint64) value, 8);
}

void
rv_gv_write_uint32 (RvGvWriter    *w,
                    RvGvContainer *dict,
                    const char    *key,
                    guint          value)
{
  rv_gv_write_number (w, dict, key, "u", value, 4);
}

/* Copied from guarded memory to guarded memory. */
void
rv_gv_write_secret (RvGvWriter     *w,
                    RvGvContainer  *dict,
                    const char     *key,
                    const RvSecret *secret)
{
  RvGvContainer entry = rv_gv_entry_begin (w, key);

  rv_gv_put (w, rv_secret_get_data (secret), rv_secret_get_size (secret));
  rv_gv_entry_end (w, dict, &entry, "ay");
}

void
rv_gv_write_bytes (RvGvWriter    *w,
                   RvGvContainer *dict,
                   const char    *key,
                   GBytes        *bytes)
{
  RvGvContainer entry = rv_gv_entry_begin (w, key);
  gsize size;
  gconstpointer data = g_bytes_get_data (bytes, &size);

  rv_gv_put (w, data, size);
  rv_gv_entry_end (w, dict, &entry, "ay");
}

void
rv_gv_write_strv (RvGvWriter         *w,
                  RvGvContainer      *dict,
                  const char         *key,
                  const char * const *strv)
{
  RvGvContainer entry = rv_gv_entry_begin (w, key);
  RvGvContainer array = rv_gv_array_begin (w, 1);

  for (guint i = 0; strv[i] != NULL; i++)
    {
      rv_gv_put (w, strv[i], strlen (strv[i]) + 1);
      rv_gv_array_element_end (w, &array);
    }
  rv_gv_array_end (w, &array);
  rv_gv_entry_end (w, dict, &entry, "as");
}

/* A stamp as GVariant "(xs)": the milliseconds, then the device id ("" for
 * none); the tuple's last member needs no framing offset. */
void
rv_gv_write_stamp (RvGvWriter    *w,
                   RvGvContainer *dict,
                   const char    *key,
                   gint64         ms,
                   const char    *device)
{
  RvGvContainer entry = rv_gv_entry_begin (w, key);

  if (device == NULL)
    device = "";
  rv_gv_put_le (w, (guint64) ms, 8);
  rv_gv_put (w, device, strlen (device) + 1);
  rv_gv_entry_end (w, dict, &entry, "(xs)");
}

static char *
rv_gv_describe (const RvGvContext *ctx)
{
  /* Nouns are marked N_() and translated only here, when a message needs
   * them: a gettext lookup for every record of a large vault cost more than
   * reading it. */
  const char *noun = _(ctx->noun);
  g_autofree char *self = ctx->index > 0 ? g_strdup_printf ("%s %u", noun, ctx->index)
                                         : g_strdup (noun);

  if (ctx->parent != NULL && ctx->parent->parent != NULL)
    {
      g_autofree char *parent = rv_gv_describe (ctx->parent);

      return g_strdup_printf ("%s, %s", parent, self);
    }
  return g_steal_pointer (&self);
}

static guint64
rv_gv_read_le (const guint8 *p,
               guint         n)
{
  guint64 value = 0;

  for (guint i = 0; i < n; i++)
    value |= (guint64) p[i] << (8 * i);
  return value;
}

static guint
rv_gv_offset_size_of (gsize size)
{
  if (size > G_MAXUINT32)
    return 8;
  if (size > G_MAXUINT16)
    return 4;
  if (size > G_MAXUINT8)
    return 2;
  return size > 0 ? 1 : 0;
}

static gboolean
rv_gv_array_iter_init (RvGvArrayIter *it,
                       RvGvSlice      array,
                       gsize          alignment)
{
  guint64 last;

  memset (it, 0, sizeof *it);
  it->array = array;
  it->alignment = alignment;
  if (array.size == 0)
    return TRUE;
  it->offset_size = rv_gv_offset_size_of (array.size);
  if (array.size < it->offset_size)
    return FALSE;
  last = rv_gv_read_le (array.data + array.size - it->offset_size, it->offset_size);
  if (last >= array.size || (array.size - last) % it->offset_size != 0)
    return FALSE;
  it->offsets_start = last;
  it->n = (array.size - last) / it->offset_size;
  return TRUE;
}

/* FALSE at the end, or with *@bad set when an offset is out of place. */
static gboolean
rv_gv_array_iter_next (RvGvArrayIter *it,
                       RvGvSlice     *element,
                       gboolean      *bad)
{
  gsize start;
  guint64 end;

  if (it->i >= it->n)
    return FALSE;
  start = (it->prev_end + it->alignment - 1) & ~(it->alignment - 1);
  end = rv_gv_read_le (it->array.data + it->offsets_start + it->i * it->offset_size,
                       it->offset_size);
  if (start > end || end > it->offsets_start)
    {
      *bad = TRUE;
      return FALSE;
    }
  element->data = it->array.data + start;
  element->size = end - start;
  it->prev_end = end;
  it->i++;
  return TRUE;
}

/* Splits a {sv} entry into its key, its value and the value's type. */
static gboolean
rv_gv_entry_split (RvGvSlice  entry,
                   RvGvEntry *out)
{
  guint size = rv_gv_offset_size_of (entry.size);
  gsize body_end, value_start, nul;
  guint64 key_end;

  if (entry.size <= size)
    return FALSE;
  body_end = entry.size - size;
  key_end = rv_gv_read_le (entry.data + body_end, size);
  if (key_end < 1 || key_end > body_end || entry.data[key_end - 1] != '\0' ||
      memchr (entry.data, '\0', key_end - 1) != NULL)
    return FALSE;
  value_start = (key_end + 7) & ~(gsize) 7;
  if (value_start >= body_end)
    return FALSE;

  /* A variant is its value, a NUL, then the type string (without NULs). */
  for (nul = body_end; nul > value_start; nul--)
    if (entry.data[nul - 1] == '\0')
      break;
  if (nul == value_start || nul == body_end)
    return FALSE;
  out->key = (const char *) entry.data;
  out->value.data = entry.data + value_start;
  out->value.size = nul - 1 - value_start;
  out->type = (const char *) entry.data + nul;
  out->type_len = body_end - nul;
  return TRUE;
}

gboolean
rv_gv_type_is (const RvGvEntry *entry,
               const char      *expected)
{
  gsize len = strlen (expected);

  return entry->type_len == len && memcmp (entry->type, expected, len) == 0;
}

gboolean
rv_gv_invalid (RvGvContext *ctx,
               const char  *detail)
{
  g_autofree char *what = rv_gv_describe (ctx);

  g_set_error (ctx->error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT,
               _("The vault’s content is damaged: %s %s"), what, detail);
  return FALSE;
}

static gboolean
rv_gv_invalid_field (RvGvContext *ctx,
                     const char  *detail,
                     const char  *key)
{
  g_autofree char *what = rv_gv_describe (ctx);

  g_set_error (ctx->error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT,
               _("The vault’s content is damaged: %s has %s “%s”"), what, detail, key);
  return FALSE;
}

gboolean
rv_gv_wrong_type (RvGvContext     *ctx,
                  const RvGvEntry *entry)
{
  g_autofree char *type = g_strndup (entry->type, MIN (entry->type_len, 32));
  g_autofree char *what = rv_gv_describe (ctx);

  g_strcanon (type, "abdghinoqstuvxy{}()m*?r", '?');
  g_set_error (ctx->error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT,
               _("The vault’s content is damaged: %s has “%s” of type %s"),
               what, entry->key, type);
  return FALSE;
}

/* Iterates the entries of the a{sv} in @dict; calls @func for each. */

gboolean
rv_gv_for_each_entry (RvGvContext   *ctx,
                      RvGvSlice      dict,
                      RvGvEntryFunc  func,
                      gpointer       user_data)
{
  RvGvArrayIter it;
  RvGvSlice element;
  gboolean bad = FALSE;

  if (!rv_gv_array_iter_init (&it, dict, 8))
    return rv_gv_invalid (ctx, _("is not a valid dictionary"));
  while (rv_gv_array_iter_next (&it, &element, &bad))
    {
      RvGvEntry entry;

      if (!rv_gv_entry_split (element, &entry))
        return rv_gv_invalid (ctx, _("has a malformed entry"));
      if (!func (ctx, &entry, user_data))
        return FALSE;
    }
  if (bad)
    return rv_gv_invalid (ctx, _("is not a valid dictionary"));
  return TRUE;
}

/* Iterates the dictionaries of an aa{sv}; each is "@noun N" in messages. */

gboolean
rv_gv_for_each_record (RvGvContext     *parent,
                       const RvGvEntry *entry,
                       const char      *noun,
                       RvGvRecordFunc   func,
                       gpointer         user_data)
{
  RvGvArrayIter it;
  RvGvSlice element;
  gboolean bad = FALSE;
  guint index = 0;

  if (!rv_gv_type_is (entry, "aa{sv}"))
    return rv_gv_wrong_type (parent, entry);
  if (!rv_gv_array_iter_init (&it, entry->value, 8))
    return rv_gv_invalid (parent, _("has a malformed list"));
  while (rv_gv_array_iter_next (&it, &element, &bad))
    {
      RvGvContext ctx = { parent, noun, ++index, parent->error };

      if (!func (&ctx, element, user_data))
        return FALSE;
    }
  if (bad)
    return rv_gv_invalid (parent, _("has a malformed list"));
  return TRUE;
}

gboolean
rv_gv_get_string (RvGvContext      *ctx,
                  const RvGvEntry  *entry,
                  const char      **out)
{
  const RvGvSlice *v = &entry->value;

  if (!rv_gv_type_is (entry, "s"))
    return rv_gv_wrong_type (ctx, entry);
  if (v->size == 0 || v->data[v->size - 1] != '\0' ||
      memchr (v->data, '\0', v->size - 1) != NULL ||
      !g_utf8_validate ((const char *) v->data, v->size - 1, NULL))
    {
      return rv_gv_invalid_field (ctx, _("an invalid"), entry->key);
    }
  *out = v->size > 1 ? (const char *) v->data : NULL;
  return TRUE;
}

gboolean
rv_gv_get_fixed (RvGvContext     *ctx,
                 const RvGvEntry *entry,
                 const char      *type,
                 gsize            size,
                 guint64         *out)
{
  if (!rv_gv_type_is (entry, type))
    return rv_gv_wrong_type (ctx, entry);
  if (entry->value.size != size)
    {
      return rv_gv_invalid_field (ctx, _("an invalid"), entry->key);
    }
  *out = rv_gv_read_le (entry->value.data, size);
  return TRUE;
}

gboolean
rv_gv_get_time (RvGvContext     *ctx,
                const RvGvEntry *entry,
                gint64          *out)
{
  guint64 value = 0;

  if (!rv_gv_get_fixed (ctx, entry, "x", 8, &value))
    return FALSE;
  if ((gint64) value < 0)
    {
      return rv_gv_invalid_field (ctx, _("a negative"), entry->key);
    }
  *out = (gint64) value;
  return TRUE;
}

gboolean
rv_gv_get_uint32 (RvGvContext     *ctx,
                  const RvGvEntry *entry,
                  guint           *out)
{
  guint64 value = 0;

  if (!rv_gv_get_fixed (ctx, entry, "u", 4, &value))
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

/* Returns: (transfer full): a guarded copy of the bytes, or %NULL. */
RvSecret *
rv_gv_get_secret (RvGvContext     *ctx,
                  const RvGvEntry *entry)
{
  if (!rv_gv_type_is (entry, "ay"))
    {
      rv_gv_wrong_type (ctx, entry);
      return NULL;
    }
  return rv_secret_new_from_data (entry->value.data, entry->value.size);
}

GBytes *
rv_gv_get_bytes (RvGvContext     *ctx,
                 const RvGvEntry *entry)
{
  if (!rv_gv_type_is (entry, "ay"))
    {
      rv_gv_wrong_type (ctx, entry);
      return NULL;
    }
  return g_bytes_new (entry->value.data, entry->value.size);
}

gboolean
rv_gv_get_strv (RvGvContext     *ctx,
                const RvGvEntry *entry,
                GPtrArray       *out)
{
  RvGvArrayIter it;
  RvGvSlice element;
  gboolean bad = FALSE;

  if (!rv_gv_type_is (entry, "as"))
    return rv_gv_wrong_type (ctx, entry);
  if (!rv_gv_array_iter_init (&it, entry->value, 1))
    return rv_gv_invalid (ctx, _("has malformed tags"));
  while (rv_gv_array_iter_next (&it, &element, &bad))
    {
      if (element.size == 0 || element.data[element.size - 1] != '\0' ||
          memchr (element.data, '\0', element.size - 1) != NULL ||
          !g_utf8_validate ((const char *) element.data, element.size - 1, NULL))
        return rv_gv_invalid (ctx, _("has an invalid tag"));
      g_ptr_array_add (out, (gpointer) element.data);
    }
  if (bad)
    return rv_gv_invalid (ctx, _("has malformed tags"));
  g_ptr_array_add (out, NULL);
  return TRUE;
}

/* Reads a "(xs)" stamp; *@device points into the payload (NULL for ""). */
gboolean
rv_gv_get_stamp (RvGvContext      *ctx,
                 const RvGvEntry  *entry,
                 gint64           *ms,
                 const char      **device)
{
  const RvGvSlice *v = &entry->value;
  const char *text;
  gsize len;

  if (!rv_gv_type_is (entry, "(xs)"))
    return rv_gv_wrong_type (ctx, entry);
  if (v->size < 9 || v->data[v->size - 1] != '\0')
    return rv_gv_invalid_field (ctx, _("an invalid"), entry->key);
  text = (const char *) v->data + 8;
  len = v->size - 9;
  if (memchr (text, '\0', len) != NULL || !g_utf8_validate (text, len, NULL))
    return rv_gv_invalid_field (ctx, _("an invalid"), entry->key);
  *ms = (gint64) rv_gv_read_le (v->data, 8);
  if (*ms < 0)
    return rv_gv_invalid_field (ctx, _("an invalid"), entry->key);
  *device = len > 0 ? text : NULL;
  return TRUE;
}
