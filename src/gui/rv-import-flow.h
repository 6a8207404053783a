/* rv-import-flow.h: choose a file from another app, import its accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rv-vault.h"

G_BEGIN_DECLS

/* File chooser, then a password if the file is encrypted, then parsing in a
 * thread and adding the accounts (duplicates skipped). The caller saves. */
void  rv_import_flow_run_async  (GtkWindow           *parent,
                                 RvVault             *vault,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
/* Returns: (transfer full): a one-line, translated summary. */
char *rv_import_flow_run_finish (GAsyncResult        *result,
                                 GError             **error);

G_END_DECLS
