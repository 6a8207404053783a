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

G_END_DECLS
