/* rv-health-common.h: what the banner and the Backups page share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rv-health.h"

G_BEGIN_DECLS

/* The warnings that apply now, most important first. */
GPtrArray  *rv_health_check_now        (RvVault               *vault,
                                        guint                  max_backup_age_days);
/* A button label for @fix, with a mnemonic. */
const char *rv_health_fix_label        (RvHealthFix            fix);
/* Runs the fix: the export dialog for backups; otherwise asks the window
 * ("win.show-account" with the account id, "win.confirm-password") and
 * returns FALSE when no such action exists. */
gboolean    rv_health_apply_fix        (GtkWidget             *widget,
                                        RvVault               *vault,
                                        const RvHealthWarning *warning);
/* Tells every observer of @vault that its backup state changed (the vault
 * has no signal of its own for that). */
void        rv_health_notify_changed   (RvVault               *vault);
/* @when (Unix seconds) for people: unambiguous and localized, relative
 * while recent ("Today at 19:51", "Yesterday at 08:02", "3 days ago"), else
 * "6 December 2026, 19:51"; "Never" for 0. */
char       *rv_format_date             (gint64                 when,
                                        gint64                 now);
/* Always the full date and time ("6 December 2026, 19:51"), for tooltips. */
char       *rv_format_date_full        (gint64                 when);

typedef struct _RvHealthWatch RvHealthWatch;

/* Calls @callback (@object) from the main context whenever the health of
 * @vault may have changed, as long as @object lives; free to stop. */
RvHealthWatch *rv_health_watch      (RvVault               *vault,
                                     GCallback              callback,
                                     gpointer               object);
void           rv_health_watch_free (RvHealthWatch         *watch);

G_END_DECLS
