/* rv-sheet-verify.c: reading a sheet's PDF back (poppler rasterises each
 * page, zbar decodes every QR code) and comparing it with the vault; poppler
 * is loaded on first use (rv-lazy-poppler.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rv-sheet-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <sodium.h>
#include <string.h>

#include "rv-base32.h"
#include "rv-lazy-poppler.h"

/* RV_POPPLER_GLIB lets the tests name a library that is not there. */
RvLazyLibrary rv_lazy_poppler = RV_LAZY_LIBRARY_INIT (POPPLER_GLIB_SONAME, "RV_POPPLER_GLIB");

/* poppler-glib 22.12 has no autoptr support of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

static PopplerDocument *
open_pdf (const RvSecret  *pdf,
          GError         **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (rv_secret_get_data (pdf),
                                                rv_secret_get_size (pdf));
  g_autoptr(GError) local_error = NULL;
  PopplerDocument *document;

  if (!rv_lazy_library_require (&rv_lazy_poppler, RV_SHEET_ERROR, RV_SHEET_ERROR_VERIFY,
                                _("The sheet cannot be read back"), error))
    return NULL;
  document = poppler_document_new_from_bytes (bytes, NULL, &local_error);
  if (document == NULL)
    g_set_error (error, RV_SHEET_ERROR, RV_SHEET_ERROR_VERIFY,
                 _("The PDF does not open: %s"), local_error->message);
  return document;
}

static cairo_surface_t *
rasterize (PopplerPage *page,
           guint        dpi)
{
  double width, height, scale = dpi / 72.0;
  cairo_surface_t *surface;
  cairo_t *cr;

  poppler_page_get_size (page, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (width * scale),
                                        (int) ceil (height * scale));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render_for_printing (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
surface_wipe (cairo_surface_t *surface)
{
  cairo_surface_flush (surface);
  sodium_memzero (cairo_image_surface_get_data (surface),
                  (gsize) cairo_image_surface_get_stride (surface) *
                  cairo_image_surface_get_height (surface));
  cairo_surface_destroy (surface);
}

cairo_surface_t *
rv_sheet_rasterize_page (const RvSecret  *pdf,
                         guint            page,
                         guint            dpi,
                         GError         **error)
{
  g_autoptr(PopplerDocument) document = NULL;
  g_autoptr(PopplerPage) poppler_page = NULL;

  g_return_val_if_fail (pdf != NULL, NULL);
  g_return_val_if_fail (dpi >= 18 && dpi <= 1200, NULL);

  document = open_pdf (pdf, error);
  if (document == NULL)
    return NULL;
  poppler_page = poppler_document_get_page (document, (int) page);
  if (poppler_page == NULL)
    {
      g_set_error (error, RV_SHEET_ERROR, RV_SHEET_ERROR_VERIFY, _("The PDF has no page %u"),
                   page + 1);
      return NULL;
    }
  return rasterize (poppler_page, dpi);
}

/* The QR texts on one rasterised page (none is fine). */
static void
decode_page (cairo_surface_t *surface,
             GPtrArray       *found)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  g_autoptr(RvSecret) gray = rv_secret_new ((gsize) width * height);
  guint8 *out = rv_secret_get_mutable_data (gray);
  g_autoptr(GPtrArray) texts = NULL;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel = ((const guint32 *) (data + (gsize) y * stride))[x];

        out[(gsize) y * width + x] = (guint8) ((299 * ((pixel >> 16) & 0xff) +
                                                587 * ((pixel >> 8) & 0xff) +
                                                114 * (pixel & 0xff)) / 1000);
      }
  texts = rv_qr_decode_gray (out, (guint) width, (guint) height, NULL);
  for (guint i = 0; texts != NULL && i < texts->len; i++)
    g_ptr_array_add (found, rv_secret_copy (g_ptr_array_index (texts, i)));
}

/* Whether @code is in the text of a page, as whole words: poppler's search
 * follows the layout, where the plain text would glue neighbouring columns. */
static gboolean
pages_contain (GPtrArray      *pages,
               const RvSecret *code)
{
  for (guint i = 0; i < pages->len; i++)
    {
      GList *found = poppler_page_find_text_with_options (pages->pdata[i],
                                                         rv_secret_get_string (code),
                                                          POPPLER_FIND_WHOLE_WORDS_ONLY |
                                                          POPPLER_FIND_CASE_SENSITIVE);

      if (found != NULL)
        {
          g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
          return TRUE;
        }
    }
  return FALSE;
}

/* @text without white space, in guarded memory. */
static RvSecret *
squeeze (const char *text,
         gsize       len)
{
  RvSecret *out = rv_secret_new (len);
  guint8 *dest = rv_secret_get_mutable_data (out);
  gsize n = 0;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (text[i]))
      dest[n++] = text[i];
  return rv_secret_truncate (out, n);
}

static gboolean
verify_fail (GError     **error,
             const char  *format,
             ...) G_GNUC_PRINTF (2, 3);

static gboolean
verify_fail (GError     **error,
             const char  *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (RV_SHEET_ERROR, RV_SHEET_ERROR_VERIFY, format,
                                                args));
  va_end (args);
  return FALSE;
}

gboolean
rv_sheet_verify_pdf (RvSheet         *sheet,
                     const RvSecret  *pdf,
                     guint            dpi,
                     guint           *n_pages_out,
                     GError         **error)
{
  g_autoptr(PopplerDocument) document = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) rv_secret_free);
  g_autoptr(RvSecret) all_text = NULL;
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) text = NULL;
  guint n_pages, expected = 0;

  g_return_val_if_fail (sheet != NULL, FALSE);
  g_return_val_if_fail (pdf != NULL, FALSE);

  document = open_pdf (pdf, error);
  if (document == NULL)
    return FALSE;
  n_pages = (guint) poppler_document_get_n_pages (document);
  if (sheet->page_starts->len > 0 && n_pages != sheet->page_starts->len)
    {
      g_set_error (error, RV_SHEET_ERROR, RV_SHEET_ERROR_VERIFY,
                   _("The PDF has %u pages instead of %u"), n_pages, sheet->page_starts->len);
      return FALSE;
    }

  text = g_string_new (NULL);
  for (guint i = 0; i < n_pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (document, (int) i);
      g_autofree char *page_text = poppler_page_get_text (page);
      cairo_surface_t *surface;

      g_ptr_array_add (pages, page);
      surface = rasterize (page, dpi);

      decode_page (surface, found);
      surface_wipe (surface);
      if (page_text != NULL)
        {
          g_string_append (text, page_text);
          g_string_append_c (text, '\n');
          sodium_memzero (page_text, strlen (page_text));
        }
    }
  all_text = squeeze (text->str, text->len);
  sodium_memzero (text->str, text->len);

  for (guint i = 0; i < sheet->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (sheet->entries, i);
      guint matches = 0;

      if (entry->uri != NULL)
        {
          expected++;
          for (guint j = 0; j < found->len; j++)
            if (rv_secret_equal (g_ptr_array_index (found, j), entry->uri))
              matches++;
          if (matches != 1)
            return verify_fail (error,
                                matches == 0 ? _("The QR code of %s does not read back") :
                                _("The QR code of %s is on the sheet more than once"),
                                entry->name);
        }
      for (guint j = 0; j < entry->codes->len; j++)
        if (!pages_contain (pages, g_ptr_array_index (entry->codes, j)))
          return verify_fail (error, _("A recovery code of %s is missing from the sheet’s text"),
                              entry->name);
      for (guint j = 0; j < rv_account_get_n_recovery_codes (entry->account); j++)
        {
          const RvRecoveryCode *code = rv_account_get_recovery_code (entry->account, j);

          g_autoptr(RvSecret) printed = NULL;

          if (code->used_at == 0)
            continue;
          printed = rv_sheet_format_code (entry->provider, code->code);
          if (pages_contain (pages, printed))
            return verify_fail (error, _("A used recovery code of %s is on the sheet"),
                                entry->name);
        }
      if (entry->uri == NULL && rv_account_get_secret (entry->account) != NULL &&
          rv_secret_get_size (rv_account_get_secret (entry->account)) > 0)
        {
          const RvSecret *secret = rv_account_get_secret (entry->account);
          g_autoptr(RvSecret) key = rv_base32_encode_secret (secret);
          g_autoptr(RvSecret) bare = rv_secret_truncate (rv_secret_copy (key),
                                                         strcspn (rv_secret_get_string (key), "="));

          /* The setup key is printed in groups: look for it without spaces. */
          if (rv_secret_get_size (bare) >= 8 &&
              rv_secret_contains (rv_secret_get_string (all_text), rv_secret_get_size (all_text),
                                  bare))
            return verify_fail (error, _("The secret of %s is on a sheet meant to have none"),
                                entry->name);
        }
    }
  if (found->len != expected)
    {
      g_set_error (error, RV_SHEET_ERROR, RV_SHEET_ERROR_VERIFY,
                   _("The sheet has %u QR codes instead of %u"), found->len, expected);
      return FALSE;
    }
  if (n_pages_out != NULL)
    *n_pages_out = n_pages;
  return TRUE;
}
