/* rv-sheet.c: the emergency sheet, drawn with cairo and pango, read back with poppler
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rv-sheet.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <poppler.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#include "rv-atomic-file.h"
#include "rv-base32.h"
#include "rv-health.h"
#include "rv-otp-uri.h"
#include "rv-qr.h"

G_DEFINE_QUARK (rv-sheet-error-quark, rv_sheet_error)

/* poppler-glib 22.12 has no autoptr support of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

/* Layout, in points. */
#define MARGIN          46.0
#define GAP             16.0
#define QR_COLUMN       138.0
#define QR_SIDE         118.0
#define CODE_BOX        7.0
#define FONT_BODY       "DejaVu Sans 8.5"
#define FONT_SMALL      "DejaVu Sans 7.5"
#define FONT_HEADING    "DejaVu Sans 12"
#define FONT_TITLE      "DejaVu Sans Bold 17"
#define FONT_CODE       "DejaVu Sans Mono 11"
#define FONT_KEY        "DejaVu Sans Mono 7"
#define GREY            0.35

/* Bigger than any sheet we make; a limit for reading a file back. */
#define MAX_PDF_SIZE    (256 * 1024 * 1024)

typedef struct
{
  RvAccount  *account;
  char       *name;       /* for messages */
  RvProvider *provider;
  GPtrArray  *codes;      /* RvSecret: the unused codes, formatted */
  RvSecret   *uri;        /* with secrets and an OTP secret, else NULL */
  RvSecret   *key;        /* the setup key, grouped by four, or NULL */
  RvQrMatrix *qr;
} Entry;

struct _RvSheet
{
  RvVault    *vault;
  GPtrArray  *accounts;   /* RvAccount */
  GPtrArray  *entries;    /* Entry */
  gboolean    with_secrets;
  gint64      printed_at;
  char       *date;

  /* Pagination: the first block of each page, and the page size. Block 0 is
   * the introduction, block i + 1 the entry i. */
  GArray     *page_starts;  /* guint */
  double      width;
  double      height;
};

static void
entry_free (Entry *entry)
{
  g_clear_object (&entry->account);
  g_free (entry->name);
  g_clear_object (&entry->provider);
  g_clear_pointer (&entry->codes, g_ptr_array_unref);
  rv_secret_free (entry->uri);
  rv_secret_free (entry->key);
  rv_qr_matrix_free (entry->qr);
  g_free (entry);
}

gboolean
rv_sheet_paper_from_string (const char   *name,
                            RvSheetPaper *paper)
{
  g_return_val_if_fail (name != NULL, FALSE);

  if (g_ascii_strcasecmp (name, "a4") == 0)
    *paper = RV_SHEET_PAPER_A4;
  else if (g_ascii_strcasecmp (name, "letter") == 0)
    *paper = RV_SHEET_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

void
rv_sheet_paper_get_size (RvSheetPaper  paper,
                         double       *width,
                         double       *height)
{
  /* ISO 216 A4 is 210 × 297 mm; US Letter 8.5 × 11 in. */
  *width = paper == RV_SHEET_PAPER_LETTER ? 612.0 : 595.276;
  *height = paper == RV_SHEET_PAPER_LETTER ? 792.0 : 841.89;
}

RvSecret *
rv_sheet_format_code (RvProvider     *provider,
                      const RvSecret *code)
{
  const char *example = provider != NULL ? rv_provider_get_code_example (provider) : NULL;
  const char *text = rv_secret_get_string (code);
  gsize len = rv_secret_get_size (code);
  gsize example_chars = 0, n_spaces = 0;
  RvSecret *out;
  guint8 *dest;
  gsize pos = 0, from = 0;

  g_return_val_if_fail (code != NULL, NULL);

  /* The profile's example shows how the provider prints its codes: where it
   * has spaces that the stored (normalised) code lacks, put them back. */
  if (example != NULL)
    for (const char *p = example; *p != '\0'; p++)
      {
        if (*p == ' ')
          n_spaces++;
        else
          example_chars++;
      }
  if (n_spaces == 0 || example_chars != len || memchr (text, ' ', len) != NULL)
    return rv_secret_copy (code);

  out = rv_secret_new (len + n_spaces);
  dest = rv_secret_get_mutable_data (out);
  for (const char *p = example; *p != '\0'; p++)
    dest[pos++] = *p == ' ' ? ' ' : (guint8) text[from++];
  return out;
}

static RvSecret *
group_key (const RvSecret *secret)
{
  g_autoptr(RvSecret) base32 = rv_base32_encode_secret (secret);
  gsize len = rv_secret_get_size (base32), pos = 0;
  const guint8 *in = rv_secret_get_data (base32);
  RvSecret *out = rv_secret_new (len + len / 4);
  guint8 *dest = rv_secret_get_mutable_data (out);

  for (gsize i = 0; i < len && in[i] != '='; i++)
    {
      if (i > 0 && i % 4 == 0)
        dest[pos++] = ' ';
      dest[pos++] = in[i];
    }
  return rv_secret_truncate (out, pos);
}

static Entry *
entry_new (RvAccount   *account,
           GPtrArray   *providers,
           gboolean     with_secrets,
           GError     **error)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->account = g_object_ref (account);
  entry->name = rv_account_dup_display_name (account);
  entry->provider = rv_provider_match_account (providers, account);
  if (entry->provider != NULL)
    g_object_ref (entry->provider);
  entry->codes = g_ptr_array_new_with_free_func ((GDestroyNotify) rv_secret_free);
  for (guint i = 0; i < rv_account_get_n_recovery_codes (account); i++)
    {
      const RvRecoveryCode *code = rv_account_get_recovery_code (account, i);

      if (code->code == NULL)
        {
          /* Sealed: the recovery-code compartment must be opened first. */
          g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_COMPARTMENT_LOCKED,
                       _("The recovery codes of %s are in a locked compartment; "
                         "open it with its password first"), entry->name);
          entry_free (entry);
          return NULL;
        }
      if (code->used_at == 0)
        g_ptr_array_add (entry->codes, rv_sheet_format_code (entry->provider, code->code));
    }

  if (with_secrets && rv_account_get_kind (account) != RV_OTP_KIND_NONE &&
      rv_account_get_secret (account) != NULL)
    {
      g_autoptr(RvOtpParams) params = rv_account_dup_otp_params (account);
      g_autoptr(GError) local_error = NULL;

      entry->uri = rv_otp_uri_build (params);
      entry->key = group_key (rv_account_get_secret (account));
      entry->qr = rv_qr_encode (entry->uri, &local_error);
      if (entry->qr == NULL)
        {
          g_set_error (error, RV_SHEET_ERROR, RV_SHEET_ERROR_QR,
                       _("The QR code of %s could not be made: %s"), entry->name,
                       local_error->message);
          entry_free (entry);
          return NULL;
        }
    }
  return entry;
}

RvSheet *
rv_sheet_new (RvVault    *vault,
              GPtrArray  *accounts,
              GPtrArray  *providers,
              gboolean    with_secrets,
              gint64      printed_at,
              GError    **error)
{
  g_autoptr(RvSheet) sheet = g_new0 (RvSheet, 1);
  g_autoptr(GPtrArray) own_providers = NULL;
  g_autoptr(GDateTime) date = NULL;

  g_return_val_if_fail (RV_IS_VAULT (vault), NULL);

  if (providers == NULL)
    providers = own_providers = rv_provider_load_default (NULL);

  sheet->vault = g_object_ref (vault);
  sheet->with_secrets = with_secrets;
  sheet->printed_at = printed_at;
  date = g_date_time_new_from_unix_local (printed_at);
  sheet->date = date != NULL ? g_date_time_format (date, "%Y-%m-%d") : g_strdup ("?");
  sheet->accounts = g_ptr_array_new_with_free_func (g_object_unref);
  sheet->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  sheet->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));

  if (accounts != NULL)
    for (guint i = 0; i < accounts->len; i++)
      g_ptr_array_add (sheet->accounts, g_object_ref (g_ptr_array_index (accounts, i)));
  else
    for (guint i = 0; i < g_list_model_get_n_items (rv_vault_get_accounts (vault)); i++)
      g_ptr_array_add (sheet->accounts, g_list_model_get_item (rv_vault_get_accounts (vault), i));

  for (guint i = 0; i < sheet->accounts->len; i++)
    {
      Entry *entry = entry_new (g_ptr_array_index (sheet->accounts, i), providers,
                                with_secrets, error);

      if (entry == NULL)
        return NULL;
      g_ptr_array_add (sheet->entries, entry);
    }
  return g_steal_pointer (&sheet);
}

void
rv_sheet_free (RvSheet *sheet)
{
  if (sheet == NULL)
    return;
  g_clear_object (&sheet->vault);
  g_clear_pointer (&sheet->accounts, g_ptr_array_unref);
  g_clear_pointer (&sheet->entries, g_ptr_array_unref);
  g_clear_pointer (&sheet->page_starts, g_array_unref);
  g_free (sheet->date);
  g_free (sheet);
}

GPtrArray *
rv_sheet_get_accounts (RvSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, NULL);

  return sheet->accounts;
}

gboolean
rv_sheet_get_with_secrets (RvSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, FALSE);

  return sheet->with_secrets;
}

/* Drawing */

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

/* Reading back */

static PopplerDocument *
open_pdf (const RvSecret  *pdf,
          GError         **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (rv_secret_get_data (pdf),
                                                rv_secret_get_size (pdf));
  g_autoptr(GError) local_error = NULL;
  PopplerDocument *document = poppler_document_new_from_bytes (bytes, NULL, &local_error);

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

void
rv_sheet_record_printed (RvSheet *sheet)
{
  g_return_if_fail (sheet != NULL);

  rv_health_record_sheet (sheet->vault, sheet->accounts, sheet->printed_at);
}

static RvSecret *
read_back (const char  *path,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  RvSecret *data;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, RV_SHEET_ERROR, RV_SHEET_ERROR_VERIFY,
                   _("The PDF does not read back: %s"), g_strerror (saved_errno));
      return NULL;
    }
  data = rv_secret_read_fd (fd, MAX_PDF_SIZE, &local_error);
  close (fd);
  if (data == NULL)
    g_set_error (error, RV_SHEET_ERROR, RV_SHEET_ERROR_VERIFY, _("The PDF does not read back: %s"),
                 local_error->message);
  return data;
}

gboolean
rv_sheet_write_pdf (RvSheet       *sheet,
                    const char    *path,
                    RvSheetPaper   paper,
                    guint         *n_pages,
                    GError       **error)
{
  g_autoptr(RvSecret) pdf = NULL;
  g_autoptr(RvSecret) written = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (sheet != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  pdf = rv_sheet_render_pdf (sheet, paper, error);
  if (pdf == NULL)
    return FALSE;
  if (!rv_atomic_file_write (path, rv_secret_get_data (pdf), rv_secret_get_size (pdf), 0600,
                             &local_error))
    {
      g_set_error (error, RV_SHEET_ERROR, RV_SHEET_ERROR_WRITE, "%s", local_error->message);
      return FALSE;
    }
  /* What is checked is what the disk returns, not what was meant to be written. */
  written = read_back (path, error);
  if (written == NULL || !rv_sheet_verify_pdf (sheet, written, 150, n_pages, error))
    {
      /* A sheet that does not read back must not be mistaken for a good one. */
      g_unlink (path);
      return FALSE;
    }
  rv_sheet_record_printed (sheet);
  return TRUE;
}
