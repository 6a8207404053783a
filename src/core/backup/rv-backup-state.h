/* rv-backup-state.h: what the vault knows about its backups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Times are Unix seconds, 0 when never. Stored inside the encrypted vault. */
typedef struct
{
  gint64  changed_at;             /* last change worth backing up */
  gint64  exported_at;            /* last successful (verified) export */
  char   *export_path;            /* where that export was written */
  gint64  verified_at;            /* last time a backup was re-opened and compared */
  gint64  password_entered_at;    /* last unlock with the password, not the keyring */
  gint64  sheet_printed_at;       /* last verified emergency sheet (paper copy) */
  char   *sheet_codes;            /* what sheets hold: "ACCOUNT-ID:DIGEST" per account,
                                   * space-separated (see rv_health_record_sheet()) */
} RvBackupState;

G_END_DECLS
