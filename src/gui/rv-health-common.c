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
    case RV_HEALTH_FIX_PRINT_SHEET:
      return _("_Print Sheet…");
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
    case RV_HEALTH_FIX_PRINT_SHEET:
      return gtk_widget_activate_action (widget, "win.print-emergency-sheet", NULL);
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

/* Refreshes are coalesced into one idle callback in the main context (a
 * restore or an import changes many accounts at once), and only run while
 * still watching. */
struct _RvHealthWatch
{
  gatomicrefcount  refs;
  gboolean         active;   /* read and written in the main context only */
  GWeakRef         object;
  GCallback        callback;
  RvVault         *vault;
  GListModel      *accounts;
  gulong           dirty_id;
  gulong           items_id;
};

static RvHealthWatch *
watch_ref (RvHealthWatch *self)
{
  g_atomic_ref_count_inc (&self->refs);
  return self;
}

static void
watch_unref (gpointer data)
{
  RvHealthWatch *self = data;

  if (!g_atomic_ref_count_dec (&self->refs))
    return;
  g_weak_ref_clear (&self->object);
  g_free (self);
}

static void
watch_closure_unref (gpointer  data,
                     GClosure *closure)
{
  watch_unref (data);
}

static gboolean
watch_idle (gpointer data)
{
  RvHealthWatch *self = data;
  g_autoptr(GObject) object = self->active ? g_weak_ref_get (&self->object) : NULL;

  if (object != NULL)
    ((void (*) (GObject *)) self->callback) (object);
  return G_SOURCE_REMOVE;
}

static void
on_vault_changed (RvHealthWatch *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, watch_idle, watch_ref (self), watch_unref);
}

RvHealthWatch *
rv_health_watch (RvVault   *vault,
                 GCallback  callback,
                 gpointer   object)
{
  RvHealthWatch *self = g_new0 (RvHealthWatch, 1);

  g_atomic_ref_count_init (&self->refs);
  self->active = TRUE;
  g_weak_ref_init (&self->object, object);
  self->callback = callback;
  self->vault = g_object_ref (vault);
  self->accounts = g_object_ref (rv_vault_get_accounts (vault));
  self->dirty_id = g_signal_connect_data (vault, "notify::dirty", G_CALLBACK (on_vault_changed),
                                          watch_ref (self), watch_closure_unref,
                                          G_CONNECT_SWAPPED);
  self->items_id = g_signal_connect_data (self->accounts, "items-changed",
                                          G_CALLBACK (on_vault_changed), watch_ref (self),
                                          watch_closure_unref, G_CONNECT_SWAPPED);
  return self;
}

void
rv_health_watch_free (RvHealthWatch *self)
{
  if (self == NULL)
    return;
  self->active = FALSE;
  g_signal_handler_disconnect (self->vault, self->dirty_id);
  g_signal_handler_disconnect (self->accounts, self->items_id);
  g_clear_object (&self->accounts);
  g_clear_object (&self->vault);
  watch_unref (self);
}

/* Dates */

char *
rv_format_date_full (gint64 when)
{
  g_autoptr(GDateTime) date = NULL;

  if (when == 0)
    return g_strdup (_("Never"));
  date = g_date_time_new_from_unix_local (when);
  if (date == NULL)
    return g_strdup (_("Unknown date"));
  /* Translators: a full date and time (g_date_time_format): the month by
   * name so that 6 December and 12 June cannot be confused. */
  return g_date_time_format (date, _("%-e %B %Y, %H:%M"));
}

static gint
days_between (GDateTime *earlier,
              GDateTime *later)
{
  g_autoptr(GDateTime) a = g_date_time_new_local (g_date_time_get_year (earlier),
                                                  g_date_time_get_month (earlier),
                                                  g_date_time_get_day_of_month (earlier),
                                                  12, 0, 0);
  g_autoptr(GDateTime) b = g_date_time_new_local (g_date_time_get_year (later),
                                                  g_date_time_get_month (later),
                                                  g_date_time_get_day_of_month (later),
                                                  12, 0, 0);

  /* Noon to noon, rounded: a summer-time change moves it by an hour. */
  return (gint) ((g_date_time_difference (b, a) + G_TIME_SPAN_HOUR * 2) / G_TIME_SPAN_DAY);
}

char *
rv_format_date (gint64 when,
                gint64 now)
{
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) today = NULL;
  g_autofree char *clock = NULL;
  gint days;

  if (when == 0)
    return g_strdup (_("Never"));
  date = g_date_time_new_from_unix_local (when);
  today = g_date_time_new_from_unix_local (now);
  if (date == NULL || today == NULL || when > now)
    return rv_format_date_full (when);

  /* Calendar days, not 24-hour periods: last night is "yesterday". */
  days = days_between (date, today);
  /* Translators: the time of day in a relative date (g_date_time_format). */
  clock = g_date_time_format (date, _("%H:%M"));
  if (days == 0)
    /* Translators: %s is a time of day. */
    return g_strdup_printf (_("Today at %s"), clock);
  if (days == 1)
    /* Translators: %s is a time of day. */
    return g_strdup_printf (_("Yesterday at %s"), clock);
  if (days < 7)
    return g_strdup_printf (ngettext ("%d day ago", "%d days ago", days), days);
  return rv_format_date_full (when);
}
