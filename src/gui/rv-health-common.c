/* rv-health-common.c: what the banner and the Backups page share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rv-export-dialog.h"

#include "rv-health-common.h"

GPtrArray *
rv_health_check_now (RvVault *vault,
                     guint    max_backup_age_days)
{
  RvHealthPolicy policy;

  rv_health_policy_init (&policy);
  policy.max_backup_age_days = max_backup_age_days;
  return rv_health_check (vault, &policy);
}

const char *
rv_health_fix_label (RvHealthFix fix)
{
  switch (fix)
    {
    case RV_HEALTH_FIX_EXPORT_BACKUP:
      return _("_Export Backup…");
    case RV_HEALTH_FIX_ADD_RECOVERY_CODES:
      return _("_Add Codes…");
    case RV_HEALTH_FIX_REGENERATE_RECOVERY_CODES:
      return _("_Paste New Codes…");
    case RV_HEALTH_FIX_CONFIRM_PASSWORD:
      return _("_Enter Password…");
    default:
      return _("_Fix…");
    }
}

gboolean
rv_health_apply_fix (GtkWidget             *widget,
                     RvVault               *vault,
                     const RvHealthWarning *warning)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  switch (warning->fix)
    {
    case RV_HEALTH_FIX_EXPORT_BACKUP:
      dialog = rv_export_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, vault);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    case RV_HEALTH_FIX_ADD_RECOVERY_CODES:
    case RV_HEALTH_FIX_REGENERATE_RECOVERY_CODES:
      return warning->account_id != NULL &&
             gtk_widget_activate_action (widget, "win.show-account", "s", warning->account_id);
    case RV_HEALTH_FIX_CONFIRM_PASSWORD:
      return gtk_widget_activate_action (widget, "win.confirm-password", NULL);
    default:
      return FALSE;
    }
}

void
rv_health_notify_changed (RvVault *vault)
{
  g_return_if_fail (RV_IS_VAULT (vault));

  /* An export records itself in the backup state and saves, which leaves a
   * clean vault clean: no notification would fire. Re-announcing "dirty"
   * makes every watcher re-read the state. */
  g_object_notify (G_OBJECT (vault), "dirty");
}

void
rv_health_watch (RvVault   *vault,
                 GCallback  callback,
                 gpointer   object)
{
  g_signal_connect_object (vault, "notify::dirty", callback, object, G_CONNECT_SWAPPED);
  g_signal_connect_object (rv_vault_get_accounts (vault), "items-changed", callback, object,
                           G_CONNECT_SWAPPED);
}
