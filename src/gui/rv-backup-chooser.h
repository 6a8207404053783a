/* rv-backup-chooser.h: choosing a backup file, then typing its password
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rv-secret.h"

G_BEGIN_DECLS

/* Called with the chosen file and its password, if @owner still exists. */
typedef void (*RvBackupChosenFunc) (gpointer        owner,
                                    const char     *path,
                                    const RvSecret *password);

/* A file chooser for *.rvault (opening in @folder, nullable), then the
 * shared password prompt, both over @owner's window. @owner is held weakly:
 * closing it meanwhile drops the answer. */
void rv_backup_chooser_run (GtkWidget          *owner,
                            const char         *title,
                            const char         *folder,
                            RvBackupChosenFunc  func);

G_END_DECLS
