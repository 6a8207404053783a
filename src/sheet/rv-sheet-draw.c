/* rv-sheet-draw.c: drawing the emergency sheet's pages with cairo and pango,
 * and rendering them to a PDF in guarded memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rv-sheet-private.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <string.h>

/* One text at @x, @y (its top), wrapped at @width (0: no wrap); draws only
 * when @draw. Returns its height. Layouts are made at 72 dpi without hinted
 * metrics, so measuring on one surface and drawing on another (PDF, the
 * printer's) give the same lines. */
static double
text_full (cairo_t        *cr,
           gboolean        draw,
           double          x,
           double          y,
           double          width,
           const char     *font,
           const char     *text,
           gboolean        markup,
           double          grey,
           PangoAlignment  alignment,
           double         *text_width)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoContext *context = pango_layout_get_context (layout);
  cairo_font_options_t *options = cairo_font_options_create ();
  PangoFontDescription *desc = pango_font_description_from_string (font);
  int w, h;

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 72.0);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (options);

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, alignment);
  if (markup)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &w, &h);
  if (text_width != NULL)
    *text_width = (double) w / PANGO_SCALE;
  if (draw)
    {
      cairo_save (cr);
      cairo_set_source_rgb (cr, grey, grey, grey);
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, layout);
      cairo_restore (cr);
    }
  return (double) h / PANGO_SCALE;
}

static double
text (cairo_t    *cr,
      gboolean    draw,
      double      x,
      double      y,
      double      width,
      const char *font,
      const char *markup,
      double      grey)
{
  return text_full (cr, draw, x, y, width, font, markup, TRUE, grey, PANGO_ALIGN_LEFT, NULL);
}

static void
rule (cairo_t *cr,
      double   x,
      double   y,
      double   width,
      double   line_width,
      double   grey)
{
  cairo_save (cr);
  cairo_set_source_rgb (cr, grey, grey, grey);
  cairo_set_line_width (cr, line_width);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + width, y);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_qr (cairo_t          *cr,
         const RvQrMatrix *qr,
         double            x,
         double            y,
         double            side)
{
  double module = side / qr->width;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  /* One path, filled once: neighbouring modules join without seams. */
  for (guint my = 0; my < qr->width; my++)
    for (guint mx = 0; mx < qr->width; mx++)
      {
        guint run = 0;

        while (mx + run < qr->width && rv_qr_matrix_get (qr, mx + run, my))
          run++;
        if (run == 0)
          continue;
        cairo_rectangle (cr, x + mx * module, y + my * module, run * module, module);
        mx += run - 1;
      }
  cairo_fill (cr);
  cairo_restore (cr);
}

static char *
markup_printf (const char *format,
               ...) G_GNUC_PRINTF (1, 2);

static char *
markup_printf (const char *format,
               ...)
{
  va_list args;
  char *markup;

  va_start (args, format);
  markup = g_markup_vprintf_escaped (format, args);
  va_end (args);
  return markup;
}

static double
draw_intro (RvSheet  *sheet,
            cairo_t  *cr,
            gboolean  draw,
            double    x,
            double    y,
            double    width)
{
  const double pad = 10.0;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *fourth = NULL;
  double inner = width - 2 * pad, h = pad;

  first = markup_printf ("<b>%s</b>  %s", _("Locked out of an account?"),
                         _("Sign in with one of its unused recovery codes below, then cross "
                           "the code out: each code works once. Under each account: where "
                           "to go and what to have ready if you have no code left."));
  if (sheet->with_secrets)
    second = markup_printf ("<b>%s</b>  %s", _("New phone?"),
                            _("Scan an account’s QR code with any authenticator app. To "
                              "restore every account into Recovery Vault at once, scan or "
                              "photograph the pages and run “rvault import PAGE.png”."));
  else
    second = markup_printf ("<b>%s</b>  %s", _("New phone?"),
                            _("This sheet has no QR codes. Restore the accounts from your "
                              "encrypted backup (“rvault restore BACKUP”, or Backups → "
                              "Restore in the app) with the vault password."));
  third = markup_printf ("<b>%s</b>  %s", _("Keep it safe."),
                         sheet->with_secrets ?
                         _("Anyone holding this paper can sign in with these codes and make "
                           "your one-time codes. Store it like a passport; shred old sheets.") :
                         _("Anyone holding this paper can sign in with these codes. Store it "
                           "like a passport; shred old sheets."));
  fourth = markup_printf (_("Printed %s from vault %s. Codes added later are not on it."),
                          sheet->date, rv_vault_get_id (sheet->vault));

  if (draw)
    {
      /* The box is drawn first, under the text: measure, then draw. */
      double total = draw_intro (sheet, cr, FALSE, x, y, width);

      cairo_save (cr);
      cairo_set_source_rgb (cr, 0.94, 0.95, 0.97);
      cairo_rectangle (cr, x, y, width, total - GAP);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.20, 0.40, 0.75);
      cairo_rectangle (cr, x, y, 3, total - GAP);
      cairo_fill (cr);
      cairo_restore (cr);
    }
  h += text (cr, draw, x + pad, y + h, inner, FONT_BODY, first, 0) + 5;
  h += text (cr, draw, x + pad, y + h, inner, FONT_BODY, second, 0) + 5;
  h += text (cr, draw, x + pad, y + h, inner, FONT_BODY, third, 0) + 5;
  h += text (cr, draw, x + pad, y + h, inner, FONT_SMALL, fourth, GREY);
  return h + pad + GAP;
}

static double
draw_codes (Entry    *entry,
            cairo_t  *cr,
            gboolean  draw,
            double    x,
            double    y,
            double    width)
{
  double cell = 0, line = 0, h = 0;
  guint columns, rows;

  for (guint i = 0; i < entry->codes->len; i++)
    {
      double w;

      line = text_full (cr, FALSE, 0, 0, 0, FONT_CODE,
                        rv_secret_get_string (g_ptr_array_index (entry->codes, i)), FALSE, 0,
                        PANGO_ALIGN_LEFT, &w);
      cell = MAX (cell, w);
    }
  cell += CODE_BOX + 6 + 22;
  columns = CLAMP ((guint) (width / cell), 1, 4);
  rows = (entry->codes->len + columns - 1) / columns;
  line += 4;

  /* Down the columns, as the providers' own lists read. */
  for (guint i = 0; i < entry->codes->len && draw; i++)
    {
      double cx = x + (i / rows) * cell, cy = y + (i % rows) * line;

      cairo_save (cr);
      cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
      cairo_set_line_width (cr, 0.6);
      cairo_rectangle (cr, cx + 0.5, cy + (line - 4 - CODE_BOX) / 2, CODE_BOX, CODE_BOX);
      cairo_stroke (cr);
      cairo_restore (cr);
      text_full (cr, TRUE, cx + CODE_BOX + 6, cy, 0, FONT_CODE,
                 rv_secret_get_string (g_ptr_array_index (entry->codes, i)), FALSE, 0,
                 PANGO_ALIGN_LEFT, NULL);
    }
  h = rows * line;
  return h;
}

/* What the profile says to do when locked out: a few lines. */
static double
draw_lockout (Entry    *entry,
              cairo_t  *cr,
              gboolean  draw,
              double    x,
              double    y,
              double    width)
{
  RvProvider *provider = entry->provider;
  g_autoptr(GString) evidence = g_string_new (NULL);
  g_autofree char *heading = NULL;
  const char *url = NULL;
  double h = 0;

  if (provider == NULL)
    return 0;

  heading = markup_printf ("<b>%s</b>", _("If you are locked out"));
  h += text (cr, draw, x, y + h, width, FONT_SMALL, heading, 0) + 1.5;

  if (entry->codes->len > 0 && rv_provider_get_code_instructions (provider) != NULL)
    {
      g_autofree char *line = markup_printf ("%s", rv_provider_gettext (
                                               rv_provider_get_code_instructions (provider)));

      h += text (cr, draw, x, y + h, width, FONT_SMALL, line, 0) + 1.5;
    }

  url = rv_provider_get_channel_url (provider);
  if (url == NULL && rv_provider_is_generic (provider))
    url = rv_account_get_url (entry->account);
  if (url != NULL)
    {
      g_autofree char *line = markup_printf ("%s <b>%s</b>", _("Without a code, go to"), url);

      h += text (cr, draw, x, y + h, width, FONT_SMALL, line, 0) + 1.5;
    }
  else if (rv_provider_get_channel_summary (provider) != NULL)
    {
      g_autofree char *line = markup_printf ("%s", rv_provider_gettext (
                                               rv_provider_get_channel_summary (provider)));

      h += text (cr, draw, x, y + h, width, FONT_SMALL, line, 0) + 1.5;
    }
  if (rv_provider_get_official_address (provider) != NULL)
    {
      g_autofree char *line = markup_printf (_("Official address: %s"),
                                             rv_provider_get_official_address (provider));

      h += text (cr, draw, x, y + h, width, FONT_SMALL, line, 0) + 1.5;
    }

  for (guint i = 0; i < rv_provider_get_evidence (provider)->len && i < 4; i++)
    {
      const RvProviderEvidence *item = g_ptr_array_index (rv_provider_get_evidence (provider), i);

      if (evidence->len > 0)
        g_string_append (evidence, "; ");
      g_string_append (evidence, rv_provider_gettext (item->label));
    }
  if (evidence->len > 0)
    {
      g_autofree char *line = markup_printf ("%s %s", _("Have ready:"), evidence->str);

      h += text (cr, draw, x, y + h, width, FONT_SMALL, line, 0) + 1.5;
    }
  return h;
}

static double
draw_entry (RvSheet  *sheet,
            Entry    *entry,
            cairo_t  *cr,
            gboolean  draw,
            double    x,
            double    y,
            double    width)
{
  const char *issuer = rv_account_get_issuer (entry->account);
  const char *name = rv_account_get_name (entry->account);
  g_autofree char *heading = NULL;
  g_autofree char *label = NULL;
  double left = entry->qr != NULL ? width - QR_COLUMN : width;
  double h, lh, rh = 0;

  if (issuer != NULL && name != NULL)
    heading = markup_printf ("<b>%s</b>   <span foreground=\"#555555\">%s</span>", issuer, name);
  else
    heading = markup_printf ("<b>%s</b>", issuer != NULL ? issuer : name != NULL ? name : "?");
  h = text (cr, draw, x, y, width, FONT_HEADING, heading, 0) + 2;
  if (draw)
    rule (cr, x, y + h, width, 0.5, 0.6);
  h += 5;

  if (entry->codes->len > 0)
    label = markup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u unused recovery code, as %s prints it",
                                        "%u unused recovery codes, as %s prints them",
                                        entry->codes->len),
                           entry->codes->len,
                           entry->provider != NULL && !rv_provider_is_generic (entry->provider) ?
                           rv_provider_get_name (entry->provider) : _("the service"));
  else
    label = markup_printf ("<i>%s</i>", _("No unused recovery code is stored for this account."));
  lh = text (cr, draw, x, y + h, left - 8, FONT_SMALL, label, GREY) + 3;
  lh += draw_codes (entry, cr, draw, x, y + h + lh, left - 8) + 6;
  lh += draw_lockout (entry, cr, draw, x, y + h + lh, left - 12);

  if (entry->qr != NULL)
    {
      double qx = x + width - QR_COLUMN + (QR_COLUMN - QR_SIDE) / 2;
      g_autofree char *caption = markup_printf ("%s", _("Scan to set up a new phone"));

      if (draw)
        draw_qr (cr, entry->qr, qx, y + h, QR_SIDE);
      rh = QR_SIDE + 3;
      rh += text_full (cr, draw, x + width - QR_COLUMN, y + h + rh, QR_COLUMN, FONT_SMALL,
                       caption, TRUE, GREY, PANGO_ALIGN_CENTER, NULL) + 1;
      rh += text_full (cr, draw, x + width - QR_COLUMN, y + h + rh, QR_COLUMN, FONT_KEY,
                       rv_secret_get_string (entry->key), FALSE, GREY, PANGO_ALIGN_CENTER,
                       NULL);
    }
  return h + MAX (lh, rh) + GAP;
}

static double
draw_block (RvSheet  *sheet,
            guint     block,
            cairo_t  *cr,
            gboolean  draw,
            double    x,
            double    y,
            double    width)
{
  if (block == 0)
    return draw_intro (sheet, cr, draw, x, y, width);
  return draw_entry (sheet, g_ptr_array_index (sheet->entries, block - 1), cr, draw, x, y, width);
}

static double
draw_header (RvSheet  *sheet,
             cairo_t  *cr,
             gboolean  draw,
             guint     page,
             guint     n_pages)
{
  double width = sheet->width - 2 * MARGIN, h;
  g_autofree char *title = markup_printf ("%s", _("Emergency sheet"));
  g_autofree char *pages = markup_printf (_("Page %u of %u"), page + 1, n_pages);
  g_autofree char *facts = markup_printf (_("Recovery Vault · vault %s · printed %s"),
                                          rv_vault_get_id (sheet->vault), sheet->date);

  h = text (cr, draw, MARGIN, MARGIN, width, FONT_TITLE, title, 0.1);
  text_full (cr, draw, MARGIN, MARGIN + 4, width, FONT_BODY, pages, TRUE, GREY,
             PANGO_ALIGN_RIGHT, NULL);
  h += text (cr, draw, MARGIN, MARGIN + h, width, FONT_SMALL, facts, GREY) + 5;
  if (draw)
    rule (cr, MARGIN, MARGIN + h, width, 1.2, 0.15);
  return h + 14;
}

static double
draw_footer (RvSheet  *sheet,
             cairo_t  *cr,
             gboolean  draw)
{
  double width = sheet->width - 2 * MARGIN;
  g_autofree char *line = markup_printf ("%s", _("Confidential: this sheet holds recovery "
                                                "codes. Keep it safe, shred old copies."));
  double h = text_full (cr, FALSE, 0, 0, width, FONT_SMALL, line, TRUE, 0, PANGO_ALIGN_CENTER,
                        NULL);

  if (draw)
    {
      rule (cr, MARGIN, sheet->height - MARGIN - h - 4, width, 0.5, 0.6);
      text_full (cr, TRUE, MARGIN, sheet->height - MARGIN - h, width, FONT_SMALL, line, TRUE,
                 GREY, PANGO_ALIGN_CENTER, NULL);
    }
  return h + 10;
}

guint
rv_sheet_paginate (RvSheet *sheet,
                   double   width,
                   double   height)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  double top, bottom, y;
  guint start = 0;

  g_return_val_if_fail (sheet != NULL, 0);
  g_return_val_if_fail (width > 4 * MARGIN && height > 4 * MARGIN, 0);

  sheet->width = width;
  sheet->height = height;
  g_array_set_size (sheet->page_starts, 0);
  g_array_append_val (sheet->page_starts, start);

  surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cr = cairo_create (surface);
  top = MARGIN + draw_header (sheet, cr, FALSE, 0, 1);
  bottom = height - MARGIN - draw_footer (sheet, cr, FALSE);
  y = top;
  for (guint block = 0; block <= sheet->entries->len; block++)
    {
      double h = draw_block (sheet, block, cr, FALSE, MARGIN, y, width - 2 * MARGIN);

      /* A block taller than a page gets a page of its own and is cut. */
      if (y + h - GAP > bottom && y > top)
        {
          g_array_append_val (sheet->page_starts, block);
          y = top;
        }
      y += h;
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return sheet->page_starts->len;
}

void
rv_sheet_draw_page (RvSheet *sheet,
                    cairo_t *cr,
                    guint    page)
{
  guint n_pages, first, end;
  double y;

  g_return_if_fail (sheet != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (sheet->page_starts->len > 0);

  n_pages = sheet->page_starts->len;
  if (page >= n_pages)
    return;
  first = g_array_index (sheet->page_starts, guint, page);
  end = page + 1 < n_pages ? g_array_index (sheet->page_starts, guint, page + 1)
                           : sheet->entries->len + 1;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, sheet->width, sheet->height);
  cairo_fill (cr);
  y = MARGIN + draw_header (sheet, cr, TRUE, page, n_pages);
  draw_footer (sheet, cr, TRUE);
  for (guint block = first; block < end; block++)
    y += draw_block (sheet, block, cr, TRUE, MARGIN, y, sheet->width - 2 * MARGIN);
  cairo_restore (cr);
}

/* The PDF, in guarded memory */

typedef struct
{
  RvSecret *data;
  gsize     len;
} Buffer;

static cairo_status_t
buffer_write (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  Buffer *buffer = closure;

  if (buffer->len + length > MAX_PDF_SIZE)
    return CAIRO_STATUS_WRITE_ERROR;
  if (buffer->data == NULL || buffer->len + length > rv_secret_get_size (buffer->data))
    {
      gsize size = MAX (64 * 1024, 2 * (buffer->len + length));
      RvSecret *bigger = rv_secret_new (size);

      /* Grow by copying between guarded buffers: no stale copy is left. */
      if (buffer->data != NULL)
        memcpy (rv_secret_get_mutable_data (bigger), rv_secret_get_data (buffer->data),
                buffer->len);
      rv_secret_free (buffer->data);
      buffer->data = bigger;
    }
  memcpy (rv_secret_get_mutable_data (buffer->data) + buffer->len, data, length);
  buffer->len += length;
  return CAIRO_STATUS_SUCCESS;
}

RvSecret *
rv_sheet_render_pdf (RvSheet       *sheet,
                     RvSheetPaper   paper,
                     GError       **error)
{
  Buffer buffer = { NULL, 0 };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double width, height;
  guint n_pages;
  g_autofree char *title = NULL;

  g_return_val_if_fail (sheet != NULL, NULL);

  rv_sheet_paper_get_size (paper, &width, &height);
  n_pages = rv_sheet_paginate (sheet, width, height);
  surface = cairo_pdf_surface_create_for_stream (buffer_write, &buffer, width, height);
  title = g_strdup_printf ("%s %s", _("Emergency sheet"), sheet->date);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Recovery Vault");
  cr = cairo_create (surface);
  for (guint page = 0; page < n_pages; page++)
    {
      rv_sheet_draw_page (sheet, cr, page);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS || buffer.data == NULL)
    {
      rv_secret_free (buffer.data);
      g_set_error (error, RV_SHEET_ERROR, RV_SHEET_ERROR_DRAW,
                   _("The PDF could not be made: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return rv_secret_truncate (buffer.data, buffer.len);
}
