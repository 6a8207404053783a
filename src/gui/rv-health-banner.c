/* rv-health-banner.c: the most important backup warning, with its fix
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rv-health-common.h"

#include "rv-health-banner.h"

/* "Backup older than N days" becomes true with time alone. */
#define REFRESH_INTERVAL_SECONDS (60 * 60)

struct _RvHealthBanner
{
  AdwBin           parent_instance;

  RvVault         *vault;
  RvHealthWatch   *watch;
  guint            max_backup_age_days;
  RvHealthWarning *shown;
  guint            timeout_id;

  GtkRevealer     *revealer;
  GtkLabel        *title_label;
  GtkLabel        *detail_label;
  GtkButton       *fix_button;
};

G_DEFINE_FINAL_TYPE (RvHealthBanner, rv_health_banner, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_VAULT,
  PROP_MAX_BACKUP_AGE_DAYS,
  N_PROPS
};

enum {
  FIX_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static RvHealthWarning *
warning_copy (const RvHealthWarning *warning)
{
  RvHealthWarning *copy = g_new0 (RvHealthWarning, 1);

  copy->kind = warning->kind;
  copy->fix = warning->fix;
  copy->account_id = g_strdup (warning->account_id);
  copy->title = g_strdup (warning->title);
  copy->detail = g_strdup (warning->detail);
  return copy;
}

void
rv_health_banner_refresh (RvHealthBanner *self)
{
  g_autoptr(GPtrArray) warnings = NULL;

  g_return_if_fail (RV_IS_HEALTH_BANNER (self));

  g_clear_pointer (&self->shown, rv_health_warning_free);
  if (self->vault != NULL)
    warnings = rv_health_check_now (self->vault, self->max_backup_age_days);
  if (warnings != NULL && warnings->len > 0)
    self->shown = warning_copy (g_ptr_array_index (warnings, 0));

  if (self->shown != NULL)
    {
      gtk_label_set_text (self->title_label, self->shown->title);
      gtk_label_set_text (self->detail_label, self->shown->detail);
      gtk_button_set_label (self->fix_button, rv_health_fix_label (self->shown->fix));
    }
  gtk_revealer_set_reveal_child (self->revealer, self->shown != NULL);
}

static void
fix_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  RvHealthBanner *self = RV_HEALTH_BANNER (widget);

  if (self->shown == NULL)
    return;
  g_signal_emit (self, signals[FIX_REQUESTED], 0, self->shown->fix, self->shown->account_id);
  rv_health_apply_fix (widget, self->vault, self->shown);
}

static gboolean
on_timeout (gpointer user_data)
{
  rv_health_banner_refresh (user_data);
  return G_SOURCE_CONTINUE;
}

void
rv_health_banner_set_vault (RvHealthBanner *self,
                            RvVault        *vault)
{
  g_return_if_fail (RV_IS_HEALTH_BANNER (self));
  g_return_if_fail (vault == NULL || RV_IS_VAULT (vault));

  if (self->vault == vault)
    return;
  g_clear_pointer (&self->watch, rv_health_watch_free);
  g_set_object (&self->vault, vault);
  if (vault != NULL)
    self->watch = rv_health_watch (vault, G_CALLBACK (rv_health_banner_refresh), self);
  rv_health_banner_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VAULT]);
}

RvVault *
rv_health_banner_get_vault (RvHealthBanner *self)
{
  g_return_val_if_fail (RV_IS_HEALTH_BANNER (self), NULL);

  return self->vault;
}

const char *
rv_health_banner_get_title (RvHealthBanner *self)
{
  g_return_val_if_fail (RV_IS_HEALTH_BANNER (self), NULL);

  return self->shown ? self->shown->title : NULL;
}

static void
rv_health_banner_map (GtkWidget *widget)
{
  RvHealthBanner *self = RV_HEALTH_BANNER (widget);

  GTK_WIDGET_CLASS (rv_health_banner_parent_class)->map (widget);
  rv_health_banner_refresh (self);
  if (self->timeout_id == 0)
    self->timeout_id = g_timeout_add_seconds (REFRESH_INTERVAL_SECONDS, on_timeout, self);
}

static void
rv_health_banner_unmap (GtkWidget *widget)
{
  RvHealthBanner *self = RV_HEALTH_BANNER (widget);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  GTK_WIDGET_CLASS (rv_health_banner_parent_class)->unmap (widget);
}

static void
rv_health_banner_dispose (GObject *object)
{
  RvHealthBanner *self = RV_HEALTH_BANNER (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  rv_health_banner_set_vault (self, NULL);
  g_clear_pointer (&self->shown, rv_health_warning_free);

  G_OBJECT_CLASS (rv_health_banner_parent_class)->dispose (object);
}

static void
rv_health_banner_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RvHealthBanner *self = RV_HEALTH_BANNER (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      g_value_set_object (value, self->vault);
      break;
    case PROP_MAX_BACKUP_AGE_DAYS:
      g_value_set_uint (value, self->max_backup_age_days);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rv_health_banner_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RvHealthBanner *self = RV_HEALTH_BANNER (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      rv_health_banner_set_vault (self, g_value_get_object (value));
      break;
    case PROP_MAX_BACKUP_AGE_DAYS:
      if (self->max_backup_age_days == g_value_get_uint (value))
        break;
      self->max_backup_age_days = g_value_get_uint (value);
      rv_health_banner_refresh (self);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rv_health_banner_class_init (RvHealthBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rv_health_banner_dispose;
  object_class->get_property = rv_health_banner_get_property;
  object_class->set_property = rv_health_banner_set_property;
  widget_class->map = rv_health_banner_map;
  widget_class->unmap = rv_health_banner_unmap;

  properties[PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL, RV_TYPE_VAULT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Bind to the "max-backup-age" setting; 0 means no limit. */
  properties[PROP_MAX_BACKUP_AGE_DAYS] =
    g_param_spec_uint ("max-backup-age-days", NULL, NULL, 0, 3650, 30,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RvHealthBanner::fix-requested:
   * @fix: the #RvHealthFix the user asked for
   * @account_id: (nullable): the account concerned
   *
   * Emitted before the banner runs the fix itself (the export dialog, or
   * the window's "win.show-account" / "win.confirm-password" actions).
   */
  signals[FIX_REQUESTED] =
    g_signal_new ("fix-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/RecoveryVault/rv-health-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, RvHealthBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, RvHealthBanner, title_label);
  gtk_widget_class_bind_template_child (widget_class, RvHealthBanner, detail_label);
  gtk_widget_class_bind_template_child (widget_class, RvHealthBanner, fix_button);

  gtk_widget_class_install_action (widget_class, "health.fix", NULL, fix_action);
  gtk_widget_class_set_css_name (widget_class, "healthbanner");
}

static void
rv_health_banner_init (RvHealthBanner *self)
{
  self->max_backup_age_days = 30;

  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rv_health_banner_new (RvVault *vault)
{
  g_return_val_if_fail (vault == NULL || RV_IS_VAULT (vault), NULL);

  return g_object_new (RV_TYPE_HEALTH_BANNER, "vault", vault, NULL);
}
