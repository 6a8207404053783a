/* rv-sheet-private.h: the sheet's layout constants and its model, shared by
 * rv-sheet.c (what goes on it, writing it), rv-sheet-draw.c (cairo and pango)
 * and rv-sheet-verify.c (reading the PDF back with poppler and zbar)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rv-sheet.h"

#include "rv-qr.h"

G_BEGIN_DECLS

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

G_END_DECLS
