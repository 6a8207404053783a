/* rv-icon-pack.c: icon packs in Aegis's format (a zip with pack.json)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The format (as Aegis documents and reads it): a zip holding the images and,
 * at the top, pack.json:
 *   { "uuid": "…", "name": "…", "version": 1,
 *     "icons": [ { "filename": "SVG/GitHub.svg", "category": "Development",
 *                  "issuer": [ "github" ] }, … ] }
 * "category" may be null; images are SVG, PNG or JPEG (by extension).
 *
 * The zip is read with libarchive, into memory only: nothing is written to
 * disk, nothing is fetched. Hostile packs are refused as a whole with an error
 * naming the problem: an entry or filename that is absolute, climbs out with
 * "..", holds a backslash or a control character; a name twice; more entries,
 * a bigger image, manifest or total than the limits in rv-icon-pack.h (counted
 * while inflating, whatever the zip's headers claim); bad JSON; a listed image
 * that is not in the zip.
 *
 * Matching an account's issuer (case-insensitive, surrounding spaces ignored):
 * an icon whose issuer list holds exactly the issuer wins; otherwise, as in
 * Aegis, one where a listed issuer contains the account's issuer or the other
 * way round, but only when the shorter of the two has at least 3 characters
 * (so "X" does not match every issuer with an x). Among such, the longest
 * listed issuer wins (the most specific), then the first in the pack; over
 * several packs, the first pack (in file name order) at the best level.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "rv-icon-pack.h"
#include "rv-lazy-archive.h"

#define MANIFEST_NAME "pack.json"
#define MAX_NAME_LENGTH 512
#define MIN_PARTIAL_MATCH 3

struct _RvIconPack
{
  gatomicrefcount  ref_count;
  char            *uuid;
  char            *name;
  gint64           version;
  GPtrArray       *icons;   /* RvIcon */
};

G_DEFINE_QUARK (rv-icon-pack-error-quark, rv_icon_pack_error)

static void
icon_free (RvIcon *icon)
{
  g_free (icon->filename);
  g_free (icon->category);
  g_strfreev (icon->issuers);
  g_clear_pointer (&icon->data, g_bytes_unref);
  g_free (icon);
}

RvIconPack *
rv_icon_pack_ref (RvIconPack *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
rv_icon_pack_unref (RvIconPack *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->uuid);
  g_free (self->name);
  g_ptr_array_unref (self->icons);
  g_free (self);
}

/* A relative path inside the pack, without any way out of it. */
static gboolean
check_name (const char  *name,
            const char  *what,
            GError     **error)
{
  g_auto(GStrv) parts = NULL;

  if (name == NULL || *name == '\0' || strlen (name) > MAX_NAME_LENGTH ||
      !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, RV_ICON_PACK_ERROR, RV_ICON_PACK_ERROR_UNSAFE_NAME,
                   _("%s: a file name is empty, too long or not UTF-8"), what);
      return FALSE;
    }
  for (const char *p = name; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f || *p == '\\' || *p == ':')
      {
        g_autofree char *escaped = g_strescape (name, NULL);

        g_set_error (error, RV_ICON_PACK_ERROR, RV_ICON_PACK_ERROR_UNSAFE_NAME,
                     _("%s: the file name “%s” holds a character not allowed in a pack"),
                     what, escaped);
        return FALSE;
      }
  if (name[0] == '/')
    {
      g_set_error (error, RV_ICON_PACK_ERROR, RV_ICON_PACK_ERROR_UNSAFE_NAME,
                   _("%s: the file name “%s” is an absolute path"), what, name);
      return FALSE;
    }
  parts = g_strsplit (name, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_equal (parts[i], "..") || g_str_equal (parts[i], "."))
      {
        g_set_error (error, RV_ICON_PACK_ERROR, RV_ICON_PACK_ERROR_UNSAFE_NAME,
                     _("%s: the file name “%s” points outside the pack"), what, name);
        return FALSE;
      }
  return TRUE;
}

static gboolean
icon_type_for_name (const char *name,
                    RvIconType *type)
{
  const char *dot = strrchr (name, '.');
  g_autofree char *ext = dot != NULL ? g_ascii_strdown (dot + 1, -1) : NULL;

  if (ext == NULL)
    return FALSE;
  if (g_str_equal (ext, "svg"))
    *type = RV_ICON_TYPE_SVG;
  else if (g_str_equal (ext, "png"))
    *type = RV_ICON_TYPE_PNG;
  else if (g_str_equal (ext, "jpg") || g_str_equal (ext, "jpeg"))
    *type = RV_ICON_TYPE_JPEG;
  else
    return FALSE;
  return TRUE;
}

static gboolean
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, RV_ICON_PACK_ERROR, RV_ICON_PACK_ERROR_INVALID, _("pack.json: %s"), message);
  return FALSE;
}

static const char *
member_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static RvIcon *
parse_icon (JsonNode  *node,
            guint      index,
            GError   **error)
{
  g_autoptr(GStrvBuilder) issuers = g_strv_builder_new ();
  g_autofree char *what = g_strdup_printf (_("pack.json: icon %u"), index + 1);
  JsonObject *object;
  JsonNode *category;
  JsonNode *issuer;
  const char *filename;
  RvIcon *icon;
  RvIconType type;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, _("icon %u is not an object"), index + 1), NULL;
  object = json_node_get_object (node);

  filename = member_string (object, "filename");
  if (filename == NULL)
    return invalid (error, _("icon %u has no “filename” string"), index + 1), NULL;
  if (!check_name (filename, what, error))
    return NULL;
  if (!icon_type_for_name (filename, &type))
    return invalid (error, _("icon %u (“%s”) is not an SVG, PNG or JPEG file"), index + 1,
                    filename), NULL;

  category = json_object_get_member (object, "category");
  if (category != NULL && !JSON_NODE_HOLDS_NULL (category) &&
      member_string (object, "category") == NULL)
    return invalid (error, _("icon %u has a “category” that is not a string"), index + 1), NULL;

  issuer = json_object_get_member (object, "issuer");
  if (issuer == NULL || !JSON_NODE_HOLDS_ARRAY (issuer))
    return invalid (error, _("icon %u has no “issuer” list"), index + 1), NULL;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (issuer)); i++)
    {
      JsonNode *item = json_array_get_element (json_node_get_array (issuer), i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        return invalid (error, _("icon %u: issuer %u is not a string"), index + 1, i + 1), NULL;
      g_strv_builder_add (issuers, json_node_get_string (item));
    }

  icon = g_new0 (RvIcon, 1);
  icon->filename = g_strdup (filename);
  icon->category = g_strdup (member_string (object, "category"));
  icon->issuers = g_strv_builder_end (issuers);
  icon->type = type;
  return icon;
}

RvIconPack *
rv_icon_pack_new_from_json (const char  *data,
                            gsize        length,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) json_error = NULL;
  g_autoptr(RvIconPack) pack = NULL;
  JsonObject *root;
  JsonNode *node;
  JsonArray *icons;
  const char *text;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > RV_ICON_PACK_MAX_MANIFEST_SIZE)
    {
      g_set_error (error, RV_ICON_PACK_ERROR, RV_ICON_PACK_ERROR_TOO_LARGE,
                   _("pack.json is larger than %u MiB"),
                   RV_ICON_PACK_MAX_MANIFEST_SIZE / (1024 * 1024));
      return NULL;
    }
  if (!g_utf8_validate (data, length, NULL))
    return invalid (error, _("not UTF-8 text")), NULL;
  if (!json_parser_load_from_data (parser, data, length, &json_error))
    return invalid (error, _("not JSON: %s"), json_error->message), NULL;
  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, _("not a JSON object")), NULL;
  root = json_node_get_object (node);

  pack = g_new0 (RvIconPack, 1);
  g_atomic_ref_count_init (&pack->ref_count);
  pack->icons = g_ptr_array_new_with_free_func ((GDestroyNotify) icon_free);

  text = member_string (root, "uuid");
  if (text == NULL || !g_uuid_string_is_valid (text))
    return invalid (error, _("“uuid” is missing or not a UUID")), NULL;
  pack->uuid = g_ascii_strdown (text, -1);

  text = member_string (root, "name");
  if (text == NULL)
    return invalid (error, _("“name” is missing or not a string")), NULL;
  pack->name = g_strdup (text);

  node = json_object_get_member (root, "version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return invalid (error, _("“version” is missing or not a whole number")), NULL;
  pack->version = json_node_get_int (node);

  node = json_object_get_member (root, "icons");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, _("“icons” is missing or not a list")), NULL;
  icons = json_node_get_array (node);
  if (json_array_get_length (icons) > RV_ICON_PACK_MAX_ENTRIES)
    {
      g_set_error (error, RV_ICON_PACK_ERROR, RV_ICON_PACK_ERROR_TOO_LARGE,
                   _("pack.json lists more than %u icons"), RV_ICON_PACK_MAX_ENTRIES);
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (icons); i++)
    {
      RvIcon *icon = parse_icon (json_array_get_element (icons, i), i, error);

      if (icon == NULL)
        return NULL;
      g_ptr_array_add (pack->icons, icon);
    }

  return g_steal_pointer (&pack);
}

static gboolean
archive_failed (struct archive  *archive,
                const char      *path,
                GError         **error)
{
  const char *message = archive_error_string (archive);
  g_autofree char *base = g_path_get_basename (path);

  g_set_error (error, RV_ICON_PACK_ERROR, RV_ICON_PACK_ERROR_ARCHIVE,
               _("%s is not a readable zip file: %s"), base,
               message != NULL ? message : _("unknown error"));
  return FALSE;
}

/* Reads the current entry, refusing more than @limit bytes (counted as they
 * are inflated). */
static GBytes *
read_entry (struct archive  *archive,
            const char      *path,
            const char      *name,
            gsize            limit,
            gsize           *total,
            GError         **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  guint8 chunk[16384];

  for (;;)
    {
      la_ssize_t n = archive_read_data (archive, chunk, sizeof chunk);

      if (n < 0)
        return archive_failed (archive, path, error), NULL;
      if (n == 0)
        break;
      if (buffer->len + (gsize) n > limit)
        {
          g_set_error (error, RV_ICON_PACK_ERROR, RV_ICON_PACK_ERROR_TOO_LARGE,
                       _("%s is larger than %zu KiB"), name, limit / 1024);
          return NULL;
        }
      *total += n;
      if (*total > RV_ICON_PACK_MAX_TOTAL_SIZE)
        {
          g_set_error (error, RV_ICON_PACK_ERROR, RV_ICON_PACK_ERROR_TOO_LARGE,
                       _("the pack holds more than %u MiB"),
                       RV_ICON_PACK_MAX_TOTAL_SIZE / (1024 * 1024));
          return NULL;
        }
      g_byte_array_append (buffer, chunk, n);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

typedef struct archive RvArchiveReader;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RvArchiveReader, archive_read_free)

RvIconPack *
rv_icon_pack_new_from_zip (const char  *path,
                           GError     **error)
{
  g_autoptr(RvArchiveReader) archive = NULL;
  g_autoptr(GHashTable) images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_bytes_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GBytes) manifest = NULL;
  g_autoptr(RvIconPack) pack = NULL;
  g_autofree char *base = g_path_get_basename (path);
  struct archive_entry *entry;
  gsize total = 0;
  int status;

  g_return_val_if_fail (path != NULL, NULL);

  if (!rv_lazy_library_require (&rv_lazy_archive, RV_ICON_PACK_ERROR,
                                RV_ICON_PACK_ERROR_ARCHIVE,
                                _("Icon packs cannot be read"), error))
    return NULL;
  archive = archive_read_new ();
  archive_read_support_format_zip (archive);
  archive_read_support_filter_none (archive);
  if (archive_read_open_filename (archive, path, 16384) != ARCHIVE_OK)
    return archive_failed (archive, path, error), NULL;

  while ((status = archive_read_next_header (archive, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname_utf8 (entry);
      RvIconType type;

      if (name == NULL)
        name = archive_entry_pathname (entry);
      if (!check_name (name, base, error))
        return NULL;
      if (g_hash_table_size (seen) >= RV_ICON_PACK_MAX_ENTRIES)
        {
          g_set_error (error, RV_ICON_PACK_ERROR, RV_ICON_PACK_ERROR_TOO_LARGE,
                       _("%s holds more than %u files"), base, RV_ICON_PACK_MAX_ENTRIES);
          return NULL;
        }
      if (!g_hash_table_add (seen, g_strdup (name)))
        {
          g_set_error (error, RV_ICON_PACK_ERROR, RV_ICON_PACK_ERROR_INVALID,
                       _("%s holds “%s” twice"), base, name);
          return NULL;
        }
      if (archive_entry_filetype (entry) != AE_IFREG)
        continue;

      if (g_str_equal (name, MANIFEST_NAME))
        {
          manifest = read_entry (archive, path, name, RV_ICON_PACK_MAX_MANIFEST_SIZE, &total,
                                 error);
          if (manifest == NULL)
            return NULL;
        }
      else if (icon_type_for_name (name, &type))
        {
          GBytes *data = read_entry (archive, path, name, RV_ICON_PACK_MAX_ICON_SIZE, &total,
                                     error);

          if (data == NULL)
            return NULL;
          g_hash_table_insert (images, g_strdup (name), data);
        }
    }
  if (status != ARCHIVE_EOF)
    return archive_failed (archive, path, error), NULL;

  if (manifest == NULL)
    {
      g_set_error (error, RV_ICON_PACK_ERROR, RV_ICON_PACK_ERROR_NO_MANIFEST,
                   _("%s is not an icon pack: it has no pack.json"), base);
      return NULL;
    }
  pack = rv_icon_pack_new_from_json (g_bytes_get_data (manifest, NULL),
                                     g_bytes_get_size (manifest), error);
  if (pack == NULL)
    return NULL;

  for (guint i = 0; i < pack->icons->len; i++)
    {
      RvIcon *icon = g_ptr_array_index (pack->icons, i);
      GBytes *data = g_hash_table_lookup (images, icon->filename);

      if (data == NULL)
        {
          g_set_error (error, RV_ICON_PACK_ERROR, RV_ICON_PACK_ERROR_MISSING_ICON,
                       _("%s: pack.json lists “%s”, which is not in the zip"), base,
                       icon->filename);
          return NULL;
        }
      icon->data = g_bytes_ref (data);
    }

  return g_steal_pointer (&pack);
}

const char *
rv_icon_pack_get_uuid (RvIconPack *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->uuid;
}

const char *
rv_icon_pack_get_name (RvIconPack *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->name;
}

gint64
rv_icon_pack_get_version (RvIconPack *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->version;
}

guint
rv_icon_pack_get_n_icons (RvIconPack *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->icons->len;
}

const RvIcon *
rv_icon_pack_get_icon (RvIconPack *self,
                       guint       index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->icons->len, NULL);
  return g_ptr_array_index (self->icons, index);
}

typedef struct
{
  const RvIcon *icon;
  guint         level;    /* 2: exact, 1: partial, 0: none */
  gsize         length;   /* of the listed issuer that matched */
} Match;

static char *
fold (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  return g_utf8_casefold (stripped, -1);
}

/* Better than @best? Ties keep @best (the first one found). */
static void
consider (Match        *best,
          const RvIcon *icon,
          const char   *folded_issuer)
{
  for (guint i = 0; icon->issuers[i] != NULL; i++)
    {
      g_autofree char *listed = fold (icon->issuers[i]);
      gsize listed_length = g_utf8_strlen (listed, -1);
      gsize issuer_length = g_utf8_strlen (folded_issuer, -1);
      guint level = 0;

      if (*listed == '\0')
        continue;
      if (g_str_equal (listed, folded_issuer))
        level = 2;
      else if (MIN (listed_length, issuer_length) >= MIN_PARTIAL_MATCH &&
               (strstr (listed, folded_issuer) != NULL || strstr (folded_issuer, listed) != NULL))
        level = 1;

      if (level > best->level || (level == best->level && level > 0 &&
                                  listed_length > best->length))
        {
          best->icon = icon;
          best->level = level;
          best->length = listed_length;
        }
    }
}

static void
match_pack (RvIconPack *self,
            const char *folded_issuer,
            Match      *best)
{
  for (guint i = 0; i < self->icons->len; i++)
    consider (best, g_ptr_array_index (self->icons, i), folded_issuer);
}

const RvIcon *
rv_icon_pack_match (RvIconPack *self,
                    const char *issuer)
{
  g_autofree char *folded = NULL;
  Match best = { NULL, 0, 0 };

  g_return_val_if_fail (self != NULL, NULL);

  if (issuer == NULL)
    return NULL;
  folded = fold (issuer);
  if (*folded == '\0')
    return NULL;
  match_pack (self, folded, &best);
  return best.icon;
}

const RvIcon *
rv_icon_packs_match (GPtrArray  *packs,
                     const char *issuer)
{
  g_autofree char *folded = NULL;
  Match best = { NULL, 0, 0 };

  if (packs == NULL || issuer == NULL)
    return NULL;
  folded = fold (issuer);
  if (*folded == '\0')
    return NULL;
  for (guint i = 0; i < packs->len; i++)
    {
      Match in_pack = { NULL, 0, 0 };

      match_pack (g_ptr_array_index (packs, i), folded, &in_pack);
      if (in_pack.level > best.level)
        best = in_pack;
    }
  return best.icon;
}

char *
rv_icon_pack_default_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "recovery-vault", "icon-packs", NULL);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
rv_icon_packs_load_dir (const char *dir,
                        GPtrArray  *errors)
{
  GPtrArray *packs = g_ptr_array_new_with_free_func ((GDestroyNotify) rv_icon_pack_unref);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) folder = NULL;
  const char *name;

  g_return_val_if_fail (dir != NULL, packs);

  folder = g_dir_open (dir, 0, NULL);
  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    if (g_str_has_suffix (name, ".zip"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autoptr(GError) error = NULL;
      RvIconPack *pack = rv_icon_pack_new_from_zip (path, &error);

      if (pack != NULL)
        g_ptr_array_add (packs, pack);
      else if (errors != NULL)
        g_ptr_array_add (errors, g_steal_pointer (&error));
    }
  return packs;
}
