/* rv-import-java.c: the subset of Java object serialization that FreeOTP 2
 * writes its backups in, a java.util.HashMap of strings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hand-written: Debian has no C library that reads Java serialization (it
 * is Java's own format), and this subset is small. Every read is bounds
 * checked; anything outside the subset is refused, naming the byte.
 * From the Java Object Serialization Stream Protocol (Java SE spec, 6.4):
 *
 *   AC ED 00 05                          magic, version
 *   TC_OBJECT (73) TC_CLASSDESC (72)     the map's class description:
 *     "java.util.HashMap" (16-bit length + modified UTF-8),
 *     serialVersionUID (64 bits), flags SC_WRITE_METHOD | SC_SERIALIZABLE,
 *     field count, fields (type code, name): loadFactor F, threshold I,
 *     TC_ENDBLOCKDATA (78): no class annotation; TC_NULL (70): no superclass
 *   the fields' values (float, int: big-endian)
 *   what HashMap.writeObject adds: TC_BLOCKDATA (77, 8-bit length) or
 *     TC_BLOCKDATALONG (7A, 32-bit) holding the capacity and the size (two
 *     ints), then size keys and values, each TC_STRING (74, 16-bit length),
 *     TC_LONGSTRING (7C, 64-bit), TC_REFERENCE (71, a 32-bit handle: 0x7E0000
 *     for the class description, + 1 for the map, then one per new string)
 *     or TC_NULL (a value only), then TC_ENDBLOCKDATA.
 *
 * Modified UTF-8 is UTF-8 of UTF-16 units (a character past U+FFFF is two
 * 3-byte surrogates, U+0000 is C0 80): decoded to UTF-16, then converted.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>
#include <sodium.h>

#include "rv-import-private.h"

#define JAVA_MAGIC          0xaced
#define JAVA_VERSION        5
#define TC_NULL             0x70
#define TC_REFERENCE        0x71
#define TC_CLASSDESC        0x72
#define TC_OBJECT           0x73
#define TC_STRING           0x74
#define TC_BLOCKDATA        0x77
#define TC_ENDBLOCKDATA     0x78
#define TC_BLOCKDATALONG    0x7a
#define TC_LONGSTRING       0x7c
#define BASE_HANDLE         0x7e0000
#define SC_WRITE_METHOD     0x01
#define SC_SERIALIZABLE     0x02
#define HASHMAP_CLASS       "java.util.HashMap"
#define HASHMAP_SUID        G_GINT64_CONSTANT (362498820763181265)

typedef struct
{
  const guint8 *data;
  gsize         len;
  gsize         pos;
  gsize         block_left;   /* bytes left in the current block data */
  GPtrArray    *handles;      /* char *: the strings by handle (NULL: not one) */
} JavaReader;

static gboolean
cut_short (JavaReader  *reader,
           GError     **error)
{
  g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
               _("the Java data is cut short at byte %lu"), (gulong) reader->len);
  return FALSE;
}

static gboolean
unexpected (JavaReader  *reader,
            gsize        at,
            const char  *expected,
            GError     **error)
{
  if (at >= reader->len)
    return cut_short (reader, error);
  g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
               _("the Java data has 0x%02x at byte %lu where %s should be"),
               reader->data[at], (gulong) at, _(expected));
  return FALSE;
}

static gboolean
read_bytes (JavaReader    *reader,
            gsize          n,
            const guint8 **bytes,
            GError       **error)
{
  if (reader->len - reader->pos < n)
    return cut_short (reader, error);
  *bytes = reader->data + reader->pos;
  reader->pos += n;
  return TRUE;
}

static gboolean
read_be (JavaReader  *reader,
         guint        n,
         guint64     *value,
         GError     **error)
{
  const guint8 *bytes;

  if (!read_bytes (reader, n, &bytes, error))
    return FALSE;
  *value = 0;
  for (guint i = 0; i < n; i++)
    *value = (*value << 8) | bytes[i];
  return TRUE;
}

static gboolean
read_byte (JavaReader  *reader,
           guint8      *value,
           GError     **error)
{
  guint64 v;

  if (!read_be (reader, 1, &v, error))
    return FALSE;
  *value = (guint8) v;
  return TRUE;
}

/* @n bytes of modified UTF-8 as UTF-8 (NULL and MALFORMED if invalid). */
static char *
decode_modified_utf8 (JavaReader    *reader,
                      const guint8  *bytes,
                      gsize          n,
                      GError       **error)
{
  gsize start = reader->pos - n;
  gunichar2 *units = g_new (gunichar2, MAX (n, 1));
  gsize n_units = 0;
  char *text = NULL;

  for (gsize i = 0; i < n; n_units++)
    {
      guint8 b = bytes[i];

      if (b >= 0x01 && b < 0x80)
        {
          units[n_units] = b;
          i += 1;
        }
      else if ((b & 0xe0) == 0xc0 && n - i >= 2 && (bytes[i + 1] & 0xc0) == 0x80)
        {
          units[n_units] = ((b & 0x1f) << 6) | (bytes[i + 1] & 0x3f);
          i += 2;
        }
      else if ((b & 0xf0) == 0xe0 && n - i >= 3 && (bytes[i + 1] & 0xc0) == 0x80 &&
               (bytes[i + 2] & 0xc0) == 0x80)
        {
          units[n_units] = ((b & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) |
                           (bytes[i + 2] & 0x3f);
          i += 3;
        }
      else
        {
          g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                       _("the Java data has a text with invalid characters at byte %lu"),
                       (gulong) (start + i));
          goto out;
        }
      if (units[n_units] == 0)
        {
          g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                       _("the Java data has a text with a null character at byte %lu"),
                       (gulong) (start + i));
          goto out;
        }
    }
  text = g_utf16_to_utf8 (units, n_units, NULL, NULL, NULL);
  if (text == NULL)
    g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                 _("the Java data has a text with invalid characters at byte %lu"),
                 (gulong) start);
out:
  sodium_memzero (units, MAX (n, 1) * sizeof (gunichar2));
  g_free (units);
  return text;
}

/* A 16-bit length and modified UTF-8 (class and field names). */
static char *
read_utf (JavaReader  *reader,
          GError     **error)
{
  const guint8 *bytes;
  guint64 n;

  if (!read_be (reader, 2, &n, error) || !read_bytes (reader, n, &bytes, error))
    return NULL;
  return decode_modified_utf8 (reader, bytes, n, error);
}

static void
wipe_string (gpointer pointer)
{
  char *text = pointer;

  if (text != NULL)
    sodium_memzero (text, strlen (text));
  g_free (text);
}

/* TC_STRING, TC_LONGSTRING, TC_REFERENCE to a string, or TC_NULL when
 * @null_ok (then *@text is NULL). The text is a new copy. */
static gboolean
read_string_object (JavaReader  *reader,
                    gboolean     null_ok,
                    const char  *what,
                    char       **text,
                    GError     **error)
{
  gsize at = reader->pos;
  const guint8 *bytes;
  guint8 tc;
  guint64 n;

  if (reader->block_left > 0)
    return unexpected (reader, at, what, error);
  if (!read_byte (reader, &tc, error))
    return FALSE;
  switch (tc)
    {
    case TC_NULL:
      if (!null_ok)
        return unexpected (reader, at, what, error);
      *text = NULL;
      return TRUE;
    case TC_REFERENCE:
      if (!read_be (reader, 4, &n, error))
        return FALSE;
      if (n < BASE_HANDLE || n - BASE_HANDLE >= reader->handles->len ||
          g_ptr_array_index (reader->handles, n - BASE_HANDLE) == NULL)
        {
          g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                       _("the Java data refers to no earlier text at byte %lu"),
                       (gulong) at);
          return FALSE;
        }
      *text = g_strdup (g_ptr_array_index (reader->handles, n - BASE_HANDLE));
      return TRUE;
    case TC_STRING:
    case TC_LONGSTRING:
      if (!read_be (reader, tc == TC_STRING ? 2 : 8, &n, error))
        return FALSE;
      if (n > reader->len - reader->pos)
        return cut_short (reader, error);
      if (!read_bytes (reader, n, &bytes, error) ||
          (*text = decode_modified_utf8 (reader, bytes, n, error)) == NULL)
        return FALSE;
      g_ptr_array_add (reader->handles, g_strdup (*text));
      return TRUE;
    default:
      return unexpected (reader, at, what, error);
    }
}

/* An int of the map's block data. */
static gboolean
read_block_int (JavaReader  *reader,
                gint32      *value,
                GError     **error)
{
  guint64 v;

  if (reader->block_left == 0)
    {
      gsize at = reader->pos;
      guint8 tc;

      if (!read_byte (reader, &tc, error))
        return FALSE;
      if (tc != TC_BLOCKDATA && tc != TC_BLOCKDATALONG)
        return unexpected (reader, at, N_("block data"), error);
      if (!read_be (reader, tc == TC_BLOCKDATA ? 1 : 4, &v, error))
        return FALSE;
      reader->block_left = v;
    }
  /* An int split across two blocks is legal but never written. */
  if (reader->block_left < 4)
    return unexpected (reader, reader->pos, N_("block data"), error);
  if (!read_be (reader, 4, &v, error))
    return FALSE;
  reader->block_left -= 4;
  *value = (gint32) (guint32) v;
  return TRUE;
}

static gboolean
read_class_desc (JavaReader  *reader,
                 gsize       *fields_size,
                 GError     **error)
{
  g_autofree char *name = NULL;
  gsize at;
  guint64 suid, count;
  guint8 flags, tc;

  if (!read_byte (reader, &tc, error))
    return FALSE;
  if (tc != TC_CLASSDESC)
    return unexpected (reader, reader->pos - 1, N_("a class description"), error);
  if ((name = read_utf (reader, error)) == NULL || !read_be (reader, 8, &suid, error))
    return FALSE;
  if (!g_str_equal (name, HASHMAP_CLASS) || (gint64) suid != HASHMAP_SUID)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                   _("the Java data holds a “%s”, not a java.util.HashMap"), name);
      return FALSE;
    }
  g_ptr_array_add (reader->handles, NULL);
  at = reader->pos;
  if (!read_byte (reader, &flags, error))
    return FALSE;
  if (flags != (SC_WRITE_METHOD | SC_SERIALIZABLE))
    return unexpected (reader, at, N_("the class flags"), error);
  if (!read_be (reader, 2, &count, error))
    return FALSE;
  *fields_size = 0;
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *field = NULL;
      guint8 type;

      at = reader->pos;
      if (!read_byte (reader, &type, error) || (field = read_utf (reader, error)) == NULL)
        return FALSE;
      switch (type)
        {
        case 'B': case 'Z': *fields_size += 1; break;
        case 'C': case 'S': *fields_size += 2; break;
        case 'F': case 'I': *fields_size += 4; break;
        case 'D': case 'J': *fields_size += 8; break;
        default: return unexpected (reader, at, N_("a field type"), error);
        }
    }
  at = reader->pos;
  if (!read_byte (reader, &tc, error))
    return FALSE;
  if (tc != TC_ENDBLOCKDATA)
    return unexpected (reader, at, N_("the end of the class description"), error);
  at = reader->pos;
  if (!read_byte (reader, &tc, error))
    return FALSE;
  if (tc != TC_NULL)
    return unexpected (reader, at, N_("the end of the class description"), error);
  return TRUE;
}

gboolean
rv_import_java_is_map (const guint8 *data,
                       gsize         len)
{
  static const guint8 start[] = "\xac\xed\x00\x05\x73\x72\x00\x11" HASHMAP_CLASS;

  return len >= sizeof start - 1 && memcmp (data, start, sizeof start - 1) == 0;
}

GPtrArray *
rv_import_java_read_map (const guint8  *data,
                         gsize          len,
                         GError       **error)
{
  g_autoptr(GPtrArray) map = g_ptr_array_new_with_free_func ((GDestroyNotify) rv_import_pref_free);
  g_autoptr(GPtrArray) handles = g_ptr_array_new_with_free_func (wipe_string);
  JavaReader reader = { data, len, 0, 0, handles };
  const guint8 *skipped;
  gsize fields_size = 0;
  guint64 magic, version;
  gint32 capacity, size;
  guint8 tc;

  if (!read_be (&reader, 2, &magic, error) || !read_be (&reader, 2, &version, error))
    return NULL;
  if (magic != JAVA_MAGIC || version != JAVA_VERSION)
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                           _("the file is no Java data (version 5)"));
      return NULL;
    }
  if (!read_byte (&reader, &tc, error))
    return NULL;
  if (tc != TC_OBJECT)
    {
      unexpected (&reader, reader.pos - 1, N_("an object"), error);
      return NULL;
    }
  if (!read_class_desc (&reader, &fields_size, error))
    return NULL;
  g_ptr_array_add (handles, NULL);   /* the map */
  if (!read_bytes (&reader, fields_size, &skipped, error) ||
      !read_block_int (&reader, &capacity, error) || !read_block_int (&reader, &size, error))
    return NULL;
  /* Each pair takes two bytes at least: a bound before looping. */
  if (size < 0 || (guint64) size > (len - reader.pos) / 2)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                   _("the Java map claims %d entries, more than the file holds"), size);
      return NULL;
    }
  for (gint32 i = 0; i < size; i++)
    {
      g_autofree char *key = NULL;
      RvImportPref *pref;

      if (!read_string_object (&reader, FALSE, N_("a key (text)"), &key, error))
        return NULL;
      pref = g_new0 (RvImportPref, 1);
      pref->name = g_steal_pointer (&key);
      g_ptr_array_add (map, pref);
      if (!read_string_object (&reader, TRUE, N_("a value (text)"), &pref->value, error))
        return NULL;
    }
  if (reader.block_left > 0)
    {
      unexpected (&reader, reader.pos, N_("the end of the map"), error);
      return NULL;
    }
  if (!read_byte (&reader, &tc, error))
    return NULL;
  if (tc != TC_ENDBLOCKDATA)
    {
      unexpected (&reader, reader.pos - 1, N_("the end of the map"), error);
      return NULL;
    }
  if (reader.pos != len)
    {
      unexpected (&reader, reader.pos, N_("the end of the file"), error);
      return NULL;
    }
  return g_steal_pointer (&map);
}
