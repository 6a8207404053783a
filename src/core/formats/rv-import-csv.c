/* rv-import-csv.c: comma-separated exports (RFC 4180) and the importers that
 * read them: KeePassXC's CSV export (Bitwarden's is in rv-import-bitwarden.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hand-written: GLib has no CSV reader, and the records hold secrets, which
 * this one keeps out of long-lived memory (each field is wiped when its row
 * is freed). Quoted fields may hold commas, doubled quotes and newlines.
 *
 * KeePassXC ("Group","Title","Username","Password","URL","Notes","TOTP",…):
 * "TOTP" is an otpauth:// URI, or KeePassXC's older "key=BASE32&step=30&
 * size=6" settings (also "period"/"digits", "encoder=steam" for Steam). The
 * group path, less its "Root" top, becomes a tag; "Notes" are kept; rows
 * without TOTP are passwords and are counted, not imported.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>
#include <sodium.h>

#include "rv-import-private.h"
#include "rv-otp-uri.h"
#include "rv-util.h"

static void
wipe_free (gpointer pointer)
{
  char *text = pointer;

  if (text != NULL)
    sodium_memzero (text, strlen (text));
  g_free (text);
}

/* Appends to a field that may hold a secret (a TOTP column): when the
 * buffer grows, the old one is wiped before it is freed, as GString's own
 * growth would leave it behind. */
static void
field_append (GString *field,
              char     c)
{
  if (field->len + 1 >= field->allocated_len)
    {
      gsize size = field->allocated_len * 2;
      char *larger = g_malloc (size);

      memcpy (larger, field->str, field->len + 1);
      sodium_memzero (field->str, field->allocated_len);
      g_free (field->str);
      field->str = larger;
      field->allocated_len = size;
    }
  g_string_append_c (field, c);
}

/* One record from @data at *@offset; NULL at the end, or with @error set
 * for an unterminated quote (named by the record's first line). */
static GPtrArray *
read_record (const char  *data,
             gsize        len,
             gsize       *offset,
             guint       *line,
             GError     **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (wipe_free);
  GString *field = g_string_sized_new (64);
  gsize i = *offset;
  guint first_line = *line;
  gboolean quoted = FALSE, was_quoted = FALSE;

  if (i >= len)
    {
      g_string_free (field, TRUE);
      return NULL;
    }
  for (; i < len; i++)
    {
      char c = data[i];

      if (quoted)
        {
          if (c == '"' && i + 1 < len && data[i + 1] == '"')
            {
              field_append (field, '"');
              i++;
            }
          else if (c == '"')
            quoted = FALSE;
          else
            {
              if (c == '\n')
                (*line)++;
              field_append (field, c);
            }
          continue;
        }
      if (c == '"' && field->len == 0 && !was_quoted)
        quoted = was_quoted = TRUE;
      else if (c == ',')
        {
          g_ptr_array_add (fields, g_strndup (field->str, field->len));
          sodium_memzero (field->str, field->len);
          g_string_truncate (field, 0);
          was_quoted = FALSE;
        }
      else if (c == '\n' || c == '\r')
        {
          if (c == '\r' && i + 1 < len && data[i + 1] == '\n')
            i++;
          (*line)++;
          i++;
          break;
        }
      else
        field_append (field, c);
    }
  if (quoted)
    {
      sodium_memzero (field->str, field->len);
      g_string_free (field, TRUE);
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                   _("line %u: a quoted field is not closed"), first_line);
      return NULL;
    }
  g_ptr_array_add (fields, g_strndup (field->str, field->len));
  sodium_memzero (field->str, field->len);
  g_string_free (field, TRUE);
  *offset = i;
  return g_steal_pointer (&fields);
}

static gsize
skip_bom (const guint8 *data,
          gsize         len)
{
  return len >= 3 && data[0] == 0xef && data[1] == 0xbb && data[2] == 0xbf ? 3 : 0;
}

RvImportCsv *
rv_import_csv_parse (const guint8  *data,
                     gsize          len,
                     GError       **error)
{
  g_autoptr(RvImportCsv) csv = g_new0 (RvImportCsv, 1);
  gsize offset = skip_bom (data, len);
  guint line = 1;
  GPtrArray *record;
  GError *local_error = NULL;

  if (!g_utf8_validate_len ((const char *) data, len, NULL))
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                           _("The file is not valid UTF-8 text"));
      return NULL;
    }
  csv->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  csv->lines = g_array_new (FALSE, FALSE, sizeof (guint));
  csv->header = read_record ((const char *) data, len, &offset, &line, error);
  if (csv->header == NULL)
    return NULL;
  for (;;)
    {
      guint start = line;

      record = read_record ((const char *) data, len, &offset, &line, &local_error);
      if (record == NULL)
        break;
      /* Blank lines (a trailing newline, mostly) are no rows. */
      if (record->len == 1 && *(char *) record->pdata[0] == '\0')
        {
          g_ptr_array_unref (record);
          continue;
        }
      g_ptr_array_add (csv->rows, record);
      g_array_append_val (csv->lines, start);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return g_steal_pointer (&csv);
}

void
rv_import_csv_free (RvImportCsv *csv)
{
  if (csv == NULL)
    return;
  g_clear_pointer (&csv->header, g_ptr_array_unref);
  g_clear_pointer (&csv->rows, g_ptr_array_unref);
  g_clear_pointer (&csv->lines, g_array_unref);
  g_free (csv);
}

int
rv_import_csv_column (RvImportCsv *csv,
                      const char  *name)
{
  if (name == NULL)
    return -1;
  for (guint i = 0; i < csv->header->len; i++)
    if (g_ascii_strcasecmp (g_strstrip ((char *) csv->header->pdata[i]), name) == 0)
      return (int) i;
  return -1;
}

const char *
rv_import_csv_get (GPtrArray *row,
                   int        column)
{
  return column >= 0 && (guint) column < row->len ? row->pdata[column] : NULL;
}

/* The header alone, for detection: cheap on a large file. */
gboolean
rv_import_csv_header_has (const guint8 *data,
                          gsize         len,
                          const char   *first,
                          const char   *member)
{
  gsize offset = skip_bom (data, len);
  guint line = 1;
  const char *newline = memchr (data + offset, '\n', len - offset);
  gsize header_len = newline != NULL ? (gsize) ((const guint8 *) newline - data) : len;
  g_autoptr(GPtrArray) header = NULL;
  gboolean has_first = first == NULL, has_member = member == NULL;

  if (!g_utf8_validate_len ((const char *) data, header_len, NULL))
    return FALSE;
  header = read_record ((const char *) data, header_len, &offset, &line, NULL);
  if (header == NULL || header->len < 2)
    return FALSE;
  for (guint i = 0; i < header->len; i++)
    {
      const char *name = g_strstrip ((char *) header->pdata[i]);

      if (i == 0 && first != NULL && g_ascii_strcasecmp (name, first) == 0)
        has_first = TRUE;
      if (member != NULL && g_ascii_strcasecmp (name, member) == 0)
        has_member = TRUE;
    }
  return has_first && has_member;
}

/* KeePassXC */

gboolean
rv_import_keepassxc_detect (const guint8 *data,
                            gsize         len)
{
  return rv_import_csv_header_has (data, len, "Group", "TOTP") &&
         rv_import_csv_header_has (data, len, NULL, "Title");
}

/* "key=…&step=…&size=…": KeePassXC's settings before it stored URIs. */
static RvOtpParams *
params_from_settings (RvImportEntry *entry,
                      const char    *settings)
{
  g_autoptr(RvOtpParams) params = rv_otp_params_new (RV_OTP_KIND_TOTP);
  g_auto(GStrv) pairs = g_strsplit (settings, "&", -1);
  const char *key = NULL;
  gint64 digits = 6, period = 30;

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *equals = strchr (pairs[i], '=');
      const char *value;

      if (equals == NULL)
        continue;
      *equals = '\0';
      value = equals + 1;
      if (g_str_equal (pairs[i], "key") || g_str_equal (pairs[i], "secret"))
        key = value;
      else if ((g_str_equal (pairs[i], "step") || g_str_equal (pairs[i], "period")) &&
               !g_ascii_string_to_signed (value, 10, 1, G_MAXUINT32, &period, NULL))
        {
          rv_import_entry_reject (entry, "bad period “%s”", value);
          return NULL;
        }
      else if ((g_str_equal (pairs[i], "size") || g_str_equal (pairs[i], "digits")) &&
               !g_ascii_string_to_signed (value, 10, 1, 100, &digits, NULL))
        {
          rv_import_entry_reject (entry, "bad number of digits “%s”", value);
          return NULL;
        }
      else if (g_str_equal (pairs[i], "encoder") && g_ascii_strcasecmp (value, "steam") == 0)
        params->kind = RV_OTP_KIND_STEAM;
    }
  if (!rv_import_entry_numbers (entry, params, digits, period, 0))
    return NULL;
  params->secret = rv_import_entry_base32 (entry, key);
  for (guint i = 0; pairs[i] != NULL; i++)
    sodium_memzero (pairs[i], strlen (pairs[i]));
  return params->secret != NULL ? g_steal_pointer (&params) : NULL;
}

/* The group or folder as a tag: KeePassXC's "Root" top left out. */
static char *
group_tag (const char *group)
{
  if (rv_str_is_blank (group) || g_str_equal (group, "Root"))
    return NULL;
  if (g_str_has_prefix (group, "Root/"))
    group += 5;
  return g_strdup (group);
}

guint
rv_import_csv_convert (RvImportCsv           *csv,
                       RvImportResult        *result,
                       const RvImportCsvColumns *columns,
                       RvImportCsvTotpFunc    totp_func)
{
  int group_col = rv_import_csv_column (csv, columns->group);
  int title_col = rv_import_csv_column (csv, columns->title);
  int user_col = rv_import_csv_column (csv, columns->user);
  int notes_col = rv_import_csv_column (csv, columns->notes);
  int totp_col = rv_import_csv_column (csv, columns->totp);
  guint n_without_totp = 0;

  for (guint i = 0; i < csv->rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (csv->rows, i);
      const char *title = rv_import_csv_get (row, title_col);
      const char *user = rv_import_csv_get (row, user_col);
      const char *totp = rv_import_csv_get (row, totp_col);
      g_autofree char *tag = group_tag (rv_import_csv_get (row, group_col));
      const char *tags[] = { tag, NULL };
      g_autoptr(RvOtpParams) params = NULL;
      g_auto(RvImportEntry) entry = { 0 };

      if (rv_str_is_blank (totp))
        {
          n_without_totp++;
          continue;
        }
      rv_import_entry_init (&entry, result, g_array_index (csv->lines, guint, i), title, user);
      params = totp_func (&entry, totp, title, user);
      if (params != NULL)
        rv_import_entry_add (&entry, params, rv_import_csv_get (row, notes_col), tags);
    }
  return n_without_totp;
}

static RvOtpParams *
keepassxc_totp (RvImportEntry *entry,
                const char    *totp,
                const char    *title,
                const char    *user)
{
  RvOtpParams *params;

  if (g_ascii_strncasecmp (totp, "otpauth://", 10) == 0)
    return rv_import_bitwarden_totp_params (entry, totp, title, user);
  params = params_from_settings (entry, totp);
  if (params != NULL)
    {
      params->issuer = g_strdup (title);
      params->account_name = g_strdup (user);
    }
  return params;
}

RvImportResult *
rv_import_keepassxc_parse (const guint8  *data,
                           gsize          len,
                           GError       **error)
{
  static const RvImportCsvColumns columns = { "Group", "Title", "Username", "Notes", "TOTP" };
  g_autoptr(RvImportResult) result = rv_import_result_new (RV_IMPORT_FORMAT_KEEPASSXC);
  g_autoptr(RvImportCsv) csv = rv_import_csv_parse (data, len, error);
  guint n_without_totp;

  if (csv == NULL)
    return NULL;
  if (rv_import_csv_column (csv, "TOTP") < 0 || rv_import_csv_column (csv, "Title") < 0)
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                           _("The header of this KeePassXC export has no “Title” or “TOTP” "
                           "column"));
      return NULL;
    }
  n_without_totp = rv_import_csv_convert (csv, result, &columns, keepassxc_totp);
  if (n_without_totp > 0)
    rv_import_result_warn (result, "%u KeePassXC entr%s without TOTP left out", n_without_totp,
                           n_without_totp == 1 ? "y" : "ies");
  return g_steal_pointer (&result);
}
