/* rv-backup-private.h: helpers shared by the backup files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rv-backup.h"

G_BEGIN_DECLS

/* Every stored field except the id and the time of the last update (which
 * the vault moves whenever an account is touched, restoring included). */
gboolean  rv_backup_accounts_same_content  (RvAccount *a,
                                            RvAccount *b);

/* Whether @copy holds exactly what @vault holds, entry by entry; if not, a
 * RV_BACKUP_ERROR_MISMATCH error names the first difference. */
gboolean  rv_backup_compare                (RvVault   *vault,
                                            RvVault   *copy,
                                            GError   **error);

/* Removes the export scratch folder @scratch and its files, never through
 * a link (see rv-backup.c); FALSE when it is not a real folder. */
gboolean  rv_backup_remove_scratch         (const char *scratch);
/* Removes the day-old scratch folders left in @folder. */
void      rv_backup_remove_stale_scratch   (const char *folder);

G_END_DECLS
