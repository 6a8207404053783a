/* rv-backup-private.h: helpers shared by the backup files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rv-backup.h"

G_BEGIN_DECLS

/* Every stored field except the id. */
gboolean  rv_backup_accounts_equal_except_id  (RvAccount *a,
                                               RvAccount *b);

G_END_DECLS
