/* rv-sheet.h: the emergency sheet: recovery codes (and QR codes) on paper
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not part of core (cairo, pango and poppler are not GLib): used by the CLI
 * and the GUI. A sheet lists, per account, its unused recovery codes as the
 * provider prints them, the few lines of its profile that help when locked
 * out, and optionally the otpauth QR code that enrols a new phone. It is
 * drawn with cairo and pango in points (1/72 inch), so the same code draws a
 * PDF page and a GtkPrintOperation page. A written PDF is read back with
 * poppler (rasterised, every QR code decoded, the text extracted) and
 * compared with the vault before success is reported.
 *
 * The sheet holds secrets: the PDF is kept in guarded memory and written
 * with rv_atomic_file_write() mode 0600. cairo, pango and poppler keep their
 * own working copies in the ordinary heap while drawing; that cannot be
 * avoided with these libraries.
 */
#pragma once

#include <cairo.h>

#include "rv-provider.h"
#include "rv-secret.h"
#include "rv-vault.h"

G_BEGIN_DECLS

#define RV_SHEET_ERROR (rv_sheet_error_quark ())

typedef enum
{
  RV_SHEET_ERROR_DRAW,        /* cairo could not make the PDF */
  RV_SHEET_ERROR_WRITE,       /* the file could not be written */
  RV_SHEET_ERROR_VERIFY,      /* the PDF does not read back as the vault */
  RV_SHEET_ERROR_QR,          /* an account's URI does not fit in a QR code */
} RvSheetError;

typedef enum
{
  RV_SHEET_PAPER_A4,
  RV_SHEET_PAPER_LETTER,
} RvSheetPaper;

typedef struct _RvSheet RvSheet;

GQuark       rv_sheet_error_quark        (void);

gboolean     rv_sheet_paper_from_string  (const char    *name,
                                          RvSheetPaper  *paper);
/* Page size in points. */
void         rv_sheet_paper_get_size     (RvSheetPaper   paper,
                                          double        *width,
                                          double        *height);

/* A sheet of @accounts (RvAccount, in this order; NULL: every account of
 * the vault). @providers (RvProvider) match each account to its profile;
 * NULL loads the default profiles. With @with_secrets, each account with
 * an OTP secret gets its otpauth QR code and setup key. @printed_at is the
 * date shown (Unix seconds). The sheet keeps references to the accounts:
 * use it while the vault is open. */
RvSheet     *rv_sheet_new                (RvVault       *vault,
                                          GPtrArray     *accounts,
                                          GPtrArray     *providers,
                                          gboolean       with_secrets,
                                          gint64         printed_at,
                                          GError       **error);
void         rv_sheet_free               (RvSheet       *sheet);

/* The accounts on the sheet (RvAccount). */
GPtrArray   *rv_sheet_get_accounts       (RvSheet       *sheet);
gboolean     rv_sheet_get_with_secrets   (RvSheet       *sheet);

/* Lays the sheet out on pages of @width × @height points; returns the
 * number of pages (at least one). */
guint        rv_sheet_paginate           (RvSheet       *sheet,
                                          double         width,
                                          double         height);
/* Draws page @page (from 0) of the last rv_sheet_paginate() on @cr, whose
 * user space is in points with the page's top left corner at 0,0. */
void         rv_sheet_draw_page          (RvSheet       *sheet,
                                          cairo_t       *cr,
                                          guint          page);

/* The whole sheet as a PDF, in guarded memory. */
RvSecret    *rv_sheet_render_pdf         (RvSheet       *sheet,
                                          RvSheetPaper   paper,
                                          GError       **error);
/* Reads @pdf back: rasterises every page at @dpi, decodes every QR code
 * and extracts the text. Fails with RV_SHEET_ERROR_VERIFY unless each
 * account meant to have a QR code has exactly its URI decoded (and no other
 * code is there), each unused recovery code is in the text, no used code is,
 * and without secrets no OTP secret is. @n_pages may be NULL. */
gboolean     rv_sheet_verify_pdf         (RvSheet        *sheet,
                                          const RvSecret *pdf,
                                          guint           dpi,
                                          guint          *n_pages,
                                          GError        **error);
/* Renders, verifies, writes @path atomically (mode 0600), reads the file
 * back and compares; then records the sheet in the vault's backup state
 * (rv_health_record_sheet(); the caller saves the vault). */
gboolean     rv_sheet_write_pdf          (RvSheet       *sheet,
                                          const char    *path,
                                          RvSheetPaper   paper,
                                          guint         *n_pages,
                                          GError       **error);
/* Records a sheet printed some other way (the GUI's print dialog). */
void         rv_sheet_record_printed     (RvSheet       *sheet);

/* @code as @provider prints it: the grouping of the profile's example
 * ("1234 5678" for Google), else as stored. */
RvSecret    *rv_sheet_format_code        (RvProvider    *provider,
                                          const RvSecret *code);

/* Rasterises page @page (from 0) of @pdf at @dpi: an RGB24 image surface
 * (white background), or NULL with @error set. For the verifier and tests. */
cairo_surface_t *rv_sheet_rasterize_page (const RvSecret *pdf,
                                          guint           page,
                                          guint           dpi,
                                          GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RvSheet, rv_sheet_free)

G_END_DECLS
