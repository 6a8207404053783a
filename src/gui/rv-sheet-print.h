/* rv-sheet-print.h: "Print Emergency Sheet…": the sheet through GtkPrintOperation or as a PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rv-sheet.h"
#include "rv-vault.h"

G_BEGIN_DECLS

/* The dialog: whether to include QR codes, then Print… or Export as PDF…
 * Either checks the sheet (drawn, read back, compared with the vault)
 * first, and records it in the vault's backup state when done. */
AdwMessageDialog  *rv_sheet_print_dialog_new     (GtkWindow            *parent,
                                                  RvVault              *vault);

/* A print operation whose pages are drawn by rv_sheet_draw_page() on the
 * print context's cairo; when printing is applied, the sheet is recorded
 * and the vault saved. */
GtkPrintOperation *rv_sheet_print_operation_new  (RvSheet              *sheet,
                                                  RvVault              *vault);

/* In a thread, on a snapshot of @vault: with @path, writes the sheet there
 * (rv_sheet_write_pdf()); without, only draws and reads it back in memory
 * (the check before printing). On success with @path, records the sheet
 * in @vault and saves it. */
void               rv_sheet_print_check_async    (RvVault              *vault,
                                                  const char           *path,
                                                  gboolean              with_secrets,
                                                  RvSheetPaper          paper,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean           rv_sheet_print_check_finish   (RvVault              *vault,
                                                  GAsyncResult         *result,
                                                  guint                *n_pages,
                                                  GError              **error);

G_END_DECLS
