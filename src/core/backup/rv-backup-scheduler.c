/* rv-backup-scheduler.c: "the vault changed: save it, back it up soon"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scheduler finds out whether a save holds changes not backed up yet
 * from the vault's own times (RvBackupState: changed_at, which backup
 * bookkeeping does not move, against exported_at). It is attached to its vault (qdata) so
 * that rv_backup_save() from any widget reaches it without a window.
 */
#include "config.h"

#include "rv-backup-scheduler.h"

#include "rv-backup.h"

#define DEFAULT_DELAY_S  3
#define DEFAULT_KEEP     10

struct _RvBackupScheduler
{
  GObject       parent_instance;

  RvVault      *vault;
  gboolean      enabled;
  char         *folder;
  guint         keep;
  guint         delay;

  gboolean      pending;        /* a change not backed up yet */
  gboolean      running;
  gboolean      rerun;          /* a change came in while running */
  guint         timer_id;
  GCancellable *cancellable;
  GError       *flush_error;    /* the result a flush waits for */
  gboolean      flushing;
};

G_DEFINE_FINAL_TYPE (RvBackupScheduler, rv_backup_scheduler, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_VAULT,
  PROP_ENABLED,
  PROP_FOLDER,
  PROP_KEEP,
  PROP_DELAY,
  N_PROPS
};

enum {
  BACKUP_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GQuark
scheduler_quark (void)
{
  return g_quark_from_static_string ("rv-backup-scheduler");
}

gboolean
rv_backup_scheduler_is_active (RvBackupScheduler *self)
{
  g_return_val_if_fail (RV_IS_BACKUP_SCHEDULER (self), FALSE);

  return self->enabled && self->folder != NULL && self->folder[0] != '\0';
}

gboolean
rv_backup_scheduler_get_pending (RvBackupScheduler *self)
{
  g_return_val_if_fail (RV_IS_BACKUP_SCHEDULER (self), FALSE);

  return self->pending;
}

gboolean
rv_backup_scheduler_get_running (RvBackupScheduler *self)
{
  g_return_val_if_fail (RV_IS_BACKUP_SCHEDULER (self), FALSE);

  return self->running;
}

RvVault *
rv_backup_scheduler_get_vault (RvBackupScheduler *self)
{
  g_return_val_if_fail (RV_IS_BACKUP_SCHEDULER (self), NULL);

  return self->vault;
}

static void start_backup (RvBackupScheduler *self);

static void
backup_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RvBackupScheduler) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  path = rv_backup_auto_finish (RV_VAULT (source), result, &error);
  self->running = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (path != NULL && !self->rerun)
    self->pending = FALSE;
  if (self->flushing)
    {
      g_clear_error (&self->flush_error);
      self->flush_error = error ? g_error_copy (error) : NULL;
    }
  g_signal_emit (self, signals[BACKUP_FINISHED], 0, path, error);
  if (self->rerun && !self->flushing)
    start_backup (self);
}

static void
start_backup (RvBackupScheduler *self)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (!self->pending || !rv_backup_scheduler_is_active (self))
    return;
  if (self->running)
    {
      self->rerun = TRUE;
      return;
    }
  self->running = TRUE;
  self->rerun = FALSE;
  rv_backup_auto_async (self->vault, self->folder, self->keep, self->cancellable,
                        backup_done, g_object_ref (self));
}

static gboolean
timer_cb (gpointer user_data)
{
  RvBackupScheduler *self = user_data;

  self->timer_id = 0;
  start_backup (self);
  return G_SOURCE_REMOVE;
}

gboolean
rv_backup_scheduler_save (RvBackupScheduler  *self,
                          GError            **error)
{
  RvBackupState *state;

  g_return_val_if_fail (RV_IS_BACKUP_SCHEDULER (self), FALSE);

  state = rv_vault_get_backup_state (self->vault);
  if (!rv_vault_is_dirty (self->vault))
    return TRUE;
  if (!rv_vault_save (self->vault, error))
    return FALSE;
  /* Times are in seconds: a change in the same second as the last backup
   * counts as newer than it. */
  if (state->changed_at < state->exported_at)
    return TRUE;

  self->pending = TRUE;
  if (self->running)
    self->rerun = TRUE;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (rv_backup_scheduler_is_active (self))
    self->timer_id = g_timeout_add_seconds (self->delay, timer_cb, self);
  return TRUE;
}

gboolean
rv_backup_scheduler_flush (RvBackupScheduler  *self,
                           GError            **error)
{
  GMainContext *context = g_main_context_get_thread_default ();

  g_return_val_if_fail (RV_IS_BACKUP_SCHEDULER (self), FALSE);

  if (!rv_backup_scheduler_save (self, error))
    return FALSE;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (!rv_backup_scheduler_is_active (self))
    return TRUE;

  /* A backup already running may predate the last change: wait for it,
   * then make another one if needed. The wait is short (a file copy). */
  g_object_ref (self);
  self->flushing = TRUE;
  g_clear_error (&self->flush_error);
  while (self->running)
    g_main_context_iteration (context, TRUE);
  if (self->pending && self->flush_error == NULL)
    {
      start_backup (self);
      while (self->running)
        g_main_context_iteration (context, TRUE);
    }
  self->flushing = FALSE;
  g_object_unref (self);
  if (self->flush_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->flush_error));
      return FALSE;
    }
  return TRUE;
}

gboolean
rv_backup_save (RvVault  *vault,
                GError  **error)
{
  RvBackupScheduler *scheduler;

  g_return_val_if_fail (RV_IS_VAULT (vault), FALSE);

  scheduler = g_object_get_qdata (G_OBJECT (vault), scheduler_quark ());
  if (scheduler != NULL)
    return rv_backup_scheduler_save (scheduler, error);
  return !rv_vault_is_dirty (vault) || rv_vault_save (vault, error);
}

/* Lifecycle */

static void
set_vault (RvBackupScheduler *self,
           RvVault           *vault)
{
  RvBackupState *state = rv_vault_get_backup_state (vault);

  self->vault = g_object_ref (vault);
  g_object_set_qdata (G_OBJECT (vault), scheduler_quark (), self);
  /* Changes made before (another run, a crash) not backed up yet. */
  self->pending = state->changed_at > 0 && state->changed_at >= state->exported_at;
}

static void
rv_backup_scheduler_dispose (GObject *object)
{
  RvBackupScheduler *self = RV_BACKUP_SCHEDULER (object);

  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->vault != NULL &&
      g_object_get_qdata (G_OBJECT (self->vault), scheduler_quark ()) == self)
    g_object_set_qdata (G_OBJECT (self->vault), scheduler_quark (), NULL);
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (rv_backup_scheduler_parent_class)->dispose (object);
}

static void
rv_backup_scheduler_finalize (GObject *object)
{
  RvBackupScheduler *self = RV_BACKUP_SCHEDULER (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->folder, g_free);
  g_clear_error (&self->flush_error);

  G_OBJECT_CLASS (rv_backup_scheduler_parent_class)->finalize (object);
}

static void
rv_backup_scheduler_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RvBackupScheduler *self = RV_BACKUP_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      g_value_set_object (value, self->vault);
      break;
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    case PROP_FOLDER:
      g_value_set_string (value, self->folder);
      break;
    case PROP_KEEP:
      g_value_set_uint (value, self->keep);
      break;
    case PROP_DELAY:
      g_value_set_uint (value, self->delay);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rv_backup_scheduler_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RvBackupScheduler *self = RV_BACKUP_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      set_vault (self, g_value_get_object (value));
      break;
    case PROP_ENABLED:
      self->enabled = g_value_get_boolean (value);
      break;
    case PROP_FOLDER:
      g_free (self->folder);
      self->folder = g_value_dup_string (value);
      break;
    case PROP_KEEP:
      self->keep = g_value_get_uint (value);
      break;
    case PROP_DELAY:
      self->delay = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rv_backup_scheduler_class_init (RvBackupSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rv_backup_scheduler_dispose;
  object_class->finalize = rv_backup_scheduler_finalize;
  object_class->get_property = rv_backup_scheduler_get_property;
  object_class->set_property = rv_backup_scheduler_set_property;

  properties[PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL, RV_TYPE_VAULT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDER] =
    g_param_spec_string ("folder", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEEP] =
    g_param_spec_uint ("keep", NULL, NULL, 1, G_MAXUINT, DEFAULT_KEEP,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  properties[PROP_DELAY] =
    g_param_spec_uint ("delay", NULL, NULL, 0, 3600, DEFAULT_DELAY_S,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RvBackupScheduler::backup-finished:
   * @path: (nullable): the new automatic backup, or %NULL on failure
   * @error: (nullable): why it failed
   */
  signals[BACKUP_FINISHED] =
    g_signal_new ("backup-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_ERROR);
}

static void
rv_backup_scheduler_init (RvBackupScheduler *self)
{
  self->cancellable = g_cancellable_new ();
}

RvBackupScheduler *
rv_backup_scheduler_new (RvVault *vault)
{
  g_return_val_if_fail (RV_IS_VAULT (vault), NULL);

  return g_object_new (RV_TYPE_BACKUP_SCHEDULER, "vault", vault, NULL);
}
