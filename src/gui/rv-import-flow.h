/* rv-import-flow.h: choose a file from another app, import its accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rv-vault.h"
#include "rv-window.h"

G_BEGIN_DECLS

/* File chooser, then a password if the file is encrypted (asked again if
 * wrong), parsing in a thread, a preview, and adding the accounts (duplicates
 * skipped). The caller saves (the window saves whenever the vault is dirty). */
void  rv_import_flow_run_async  (GtkWindow           *parent,
                                 RvVault             *vault,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
/* The same for a file given on the command line or dropped on the window.
 * Every path shows a preview (to add, already there, rejected) first:
 * nothing is added unless the user confirms it. */
void  rv_import_flow_run_file_async (GtkWindow           *parent,
                                     RvVault             *vault,
                                     GFile               *file,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
/* Returns: (transfer full): a one-line, translated summary. */
char *rv_import_flow_run_finish (GAsyncResult        *result,
                                 GError             **error);

/* Imports the files one after the other (each with its preview), as soon as
 * @window has an open vault: now, or after it is unlocked or created. */
void  rv_import_flow_import_files    (RvWindow            *window,
                                      GFile              **files,
                                      int                  n_files);
/* Files dropped on @window are imported that way. */
void  rv_import_flow_add_drop_target (RvWindow            *window);

G_END_DECLS
