/* rv-import-urilist.c: text files of otpauth:// URIs (one per line), and the
 * line reading shared with Google Authenticator's otpauth-migration:// URIs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Blank lines and lines starting with '#' are ignored. FreeOTP+'s "export
 * URIs" and many other apps write this format.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "rv-import-google.h"
#include "rv-import-private.h"
#include "rv-otp-uri.h"

/* The label of a URI that did not parse ("ACME:me" of otpauth://totp/
 * ACME:me?…), to name it in the rejection; NULL unless it is clearly apart
 * from the parameters (which hold the secret): before a '?', with no '=' or
 * '&' in it, valid UTF-8 once decoded, at most 100 bytes. */
static char *
uri_label (const char *line,
           gsize       len)
{
  const char *end = line + len, *start, *query;
  g_autofree char *label = NULL;

  if (len < 10 || g_ascii_strncasecmp (line, "otpauth://", 10) != 0)
    return NULL;
  start = memchr (line + 10, '/', len - 10);
  if (start == NULL)
    return NULL;
  start++;
  query = memchr (start, '?', end - start);
  if (query == NULL || query == start || query - start > 300 ||
      memchr (start, '=', query - start) != NULL || memchr (start, '&', query - start) != NULL)
    return NULL;
  label = g_uri_unescape_segment (start, query, NULL);
  if (label == NULL || label[0] == '\0' || strlen (label) > 100 ||
      !g_utf8_validate (label, -1, NULL))
    return NULL;
  return g_steal_pointer (&label);
}

static void
convert_uri (RvImportResult *result,
             const char     *line,
             gsize           len,
             guint           line_no)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvOtpParams) params = rv_otp_uri_parse (line, len, &error);
  g_auto(RvImportEntry) entry = { 0 };

  if (params == NULL)
    {
      g_autofree char *label = uri_label (line, len);
      g_autofree char *where = label != NULL ? g_strdup_printf ("line %u (%s)", line_no, label)
                                             : g_strdup_printf ("line %u", line_no);

      /* The URI did not parse: name the line and the label, never quote
       * the rest (it holds the secret). */
      rv_import_entry_init (&entry, result, line_no, where, NULL);
      rv_import_entry_reject (&entry, "%s", error->message);
      return;
    }
  rv_import_entry_init (&entry, result, line_no, params->issuer, params->account_name);
  rv_import_entry_add (&entry, params, NULL, NULL);
}

static RvImportResult *
parse_lines (const guint8    *data,
             gsize            len,
             RvImportFormat   format,
             GError         **error)
{
  g_autoptr(RvImportResult) result = rv_import_result_new (format);
  g_autoptr(RvGoogleBatches) batches = rv_google_batches_new ();
  const char *text = (const char *) data;
  const char *end = text + len;
  guint line_no = 0;

  while (text < end)
    {
      const char *newline = memchr (text, '\n', end - text);
      const char *line_end = newline != NULL ? newline : end;
      const char *start = text;
      gsize line_len;

      line_no++;
      text = newline != NULL ? newline + 1 : end;
      if (line_no == 1 && line_end - start >= 3 && memcmp (start, "\xef\xbb\xbf", 3) == 0)
        start += 3;
      while (start < line_end && g_ascii_isspace (*start))
        start++;
      while (line_end > start && g_ascii_isspace (line_end[-1]))
        line_end--;
      line_len = line_end - start;
      if (line_len == 0 || *start == '#')
        continue;

      if (line_len >= 18 && g_ascii_strncasecmp (start, "otpauth-migration:", 18) == 0)
        {
          if (!rv_google_batches_parse_uri (batches, result, start, line_len, line_no, error))
            return NULL;
        }
      else if (line_len >= 8 && g_ascii_strncasecmp (start, "otpauth:", 8) == 0)
        convert_uri (result, start, line_len, line_no);
      else
        {
          g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                       _("line %u: not an otpauth:// or otpauth-migration:// URI"), line_no);
          return NULL;
        }
    }
  rv_google_batches_finish (batches, result);
  return g_steal_pointer (&result);
}

RvImportResult *
rv_import_urilist_parse (const guint8  *data,
                         gsize          len,
                         GError       **error)
{
  return parse_lines (data, len, RV_IMPORT_FORMAT_URI_LIST, error);
}

RvImportResult *
rv_import_google_parse (const guint8  *data,
                        gsize          len,
                        GError       **error)
{
  return parse_lines (data, len, RV_IMPORT_FORMAT_GOOGLE_MIGRATION, error);
}
