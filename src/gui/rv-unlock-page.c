/* rv-unlock-page.c: asks for the password and opens the vault
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Key derivation takes about half a second by design, so opening runs in
 * a worker thread (rv_vault_open_async) while a spinner turns.
 *
 * At start-up the application starts the keyring open before GTK is even
 * initialised (rv_unlock_page_prefetch_keyring): reading, unwrapping and
 * parsing 10,000 accounts then runs while the window is built, and the
 * page adopts that open instead of starting its own. The worker hands its
 * result over under a lock rather than through the task's callback: the
 * main loop has not run yet when the window is built, and a result taken
 * there lets the window show the accounts in its very first frame (no
 * unlock page, no cross-fade to the list). Whether the vault has
 * a keyring slot at all (a read of the whole file) is only asked when the
 * keyring open fails, not on the way to the first frame.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rv-status-icon.h"
#include "rv-unlock-page.h"

struct _RvUnlockPage
{
  AdwBin        parent_instance;

  AdwStatusPage *status_page;
  GtkEditable  *password_row;
  GtkLabel     *error_label;
  GtkButton    *unlock_button;
  GtkSpinner   *spinner;
  GtkButton    *keyring_button;

  char         *path;
  char         *error;
  GCancellable *cancellable;
  gboolean      busy;
};

G_DEFINE_FINAL_TYPE (RvUnlockPage, rv_unlock_page, ADW_TYPE_BIN)

/* The keyring open started at launch, until a page adopts its result.
 * Reference-counted (g_rc_box): held by the task and, until a page takes
 * the result or the application drops it, by `prefetch`. */
typedef struct
{
  char         *path;
  GCancellable *cancellable;
  GMutex        lock;        /* guards done, vault and error, set by the worker */
  gboolean      done;
  RvVault      *vault;
  GError       *error;
  RvUnlockPage *page;        /* weak: the page that adopted it (main thread only) */
} Prefetch;

static Prefetch *prefetch;

static void finish_open (RvUnlockPage *self,
                         RvVault      *vault,
                         GError       *error,
                         gboolean      with_keyring);

enum {
  PROP_0,
  PROP_PATH,
  PROP_BUSY,
  N_PROPS
};

enum {
  UNLOCKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
rv_unlock_page_new (void)
{
  return g_object_new (RV_TYPE_UNLOCK_PAGE, NULL);
}

const char *
rv_unlock_page_get_path (RvUnlockPage *self)
{
  g_return_val_if_fail (RV_IS_UNLOCK_PAGE (self), NULL);

  return self->path;
}

void
rv_unlock_page_set_path (RvUnlockPage *self,
                         const char   *path)
{
  g_return_if_fail (RV_IS_UNLOCK_PAGE (self));

  if (g_strcmp0 (self->path, path) == 0)
    return;

  g_free (self->path);
  self->path = g_strdup (path);
  /* A keyring open under way answers that (see finish_open). */
  gtk_widget_set_visible (GTK_WIDGET (self->keyring_button),
                          path != NULL &&
                          (prefetch == NULL || g_strcmp0 (prefetch->path, path) != 0) &&
                          rv_vault_has_keyring_slot_file (path));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
}

gboolean
rv_unlock_page_get_busy (RvUnlockPage *self)
{
  g_return_val_if_fail (RV_IS_UNLOCK_PAGE (self), FALSE);

  return self->busy;
}

const char *
rv_unlock_page_get_error (RvUnlockPage *self)
{
  g_return_val_if_fail (RV_IS_UNLOCK_PAGE (self), NULL);

  return self->error;
}

static void
update_sensitivity (RvUnlockPage *self)
{
  const char *text = gtk_editable_get_text (self->password_row);

  /* Read-only rather than insensitive: see rv-create-page.c. */
  gtk_editable_set_editable (self->password_row, !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_button), !self->busy && *text != '\0');
  gtk_widget_set_sensitive (GTK_WIDGET (self->keyring_button), !self->busy);
}

static void
set_busy (RvUnlockPage *self,
          gboolean      busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  update_sensitivity (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_error (RvUnlockPage *self,
           const char   *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->password_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message ? message : "",
                                  -1);
}

static void
focus_entry (RvUnlockPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  gtk_editable_select_region (self->password_row, 0, -1);
}

static void
finish_open (RvUnlockPage *self,
             RvVault      *vault,
             GError       *error,
             gboolean      with_keyring)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (vault == NULL)
    {
      gboolean has_slot = with_keyring && rv_vault_has_keyring_slot_file (self->path);

      if (g_error_matches (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD))
        set_error (self, _("Wrong password. Try again."));
      else if (with_keyring && !has_slot &&
               g_error_matches (error, RV_VAULT_ERROR, RV_VAULT_ERROR_KEYRING))
        set_error (self, NULL);   /* no keyring unlock: the password, as usual */
      else if (g_error_matches (error, RV_VAULT_ERROR, RV_VAULT_ERROR_KEYRING))
        set_error (self, _("The login keyring could not unlock the vault. Enter your password."));
      else
        set_error (self, error->message);
      if (with_keyring)
        gtk_widget_set_visible (GTK_WIDGET (self->keyring_button), has_slot);
      focus_entry (self);
      return;
    }

  set_error (self, NULL);
  gtk_editable_set_text (self->password_row, "");
  g_signal_emit (self, signals[UNLOCKED], 0, vault);
}

static void
open_ready_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RvUnlockPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVault) vault = rv_vault_open_finish (result, &error);

  finish_open (self, vault, error, FALSE);
}

static void
prefetch_clear (gpointer data)
{
  Prefetch *p = data;

  if (p->page != NULL)
    g_object_remove_weak_pointer (G_OBJECT (p->page), (gpointer *) &p->page);
  g_free (p->path);
  g_clear_object (&p->cancellable);
  if (p->vault != NULL)
    rv_vault_close (p->vault);
  g_clear_object (&p->vault);
  g_clear_error (&p->error);
  g_mutex_clear (&p->lock);
}

static void
prefetch_unref (Prefetch *p)
{
  g_rc_box_release_full (p, prefetch_clear);
}

static gboolean
prefetch_is_done (Prefetch *p)
{
  gboolean done;

  g_mutex_lock (&p->lock);
  done = p->done;
  g_mutex_unlock (&p->lock);
  return done;
}

/* The launch-time open of @path, if no page has adopted it yet. */
static Prefetch *
unclaimed_prefetch (const char *path)
{
  if (prefetch == NULL || prefetch->page != NULL || g_strcmp0 (prefetch->path, path) != 0)
    return NULL;
  return prefetch;
}

/* Hands the prefetched result to the page that adopted it. */
static void
prefetch_deliver (void)
{
  Prefetch *p = g_steal_pointer (&prefetch);
  g_autoptr(RvUnlockPage) self = g_object_ref (p->page);
  g_autoptr(RvVault) vault = NULL;
  g_autoptr(GError) error = NULL;

  g_mutex_lock (&p->lock);
  vault = g_steal_pointer (&p->vault);
  error = g_steal_pointer (&p->error);
  g_mutex_unlock (&p->lock);
  prefetch_unref (p);
  finish_open (self, vault, error, TRUE);
}

static void
prefetch_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Prefetch *p = task_data;
  GError *error = NULL;
  RvVault *vault = rv_vault_open_with_keyring (p->path, cancellable, &error);

  g_mutex_lock (&p->lock);
  p->vault = vault;
  p->error = error;
  p->done = TRUE;
  g_mutex_unlock (&p->lock);
  g_task_return_boolean (task, TRUE);
}

/* The worker is done: a page that adopted the open and has not taken the
 * result yet gets it now. */
static void
prefetch_ready_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Prefetch *p = g_task_get_task_data (G_TASK (result));

  if (p == prefetch && p->page != NULL)
    prefetch_deliver ();
}

/**
 * rv_unlock_page_prefetch_keyring:
 * @path: the vault the window will show
 *
 * Starts opening @path with the login keyring now, for the unlock page
 * that will try the keyring for the same path. Nothing happens when no file
 * is there.
 */
void
rv_unlock_page_prefetch_keyring (const char *path)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  if (prefetch != NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return;

  prefetch = g_rc_box_new0 (Prefetch);
  g_mutex_init (&prefetch->lock);
  prefetch->path = g_strdup (path);
  prefetch->cancellable = g_cancellable_new ();
  task = g_task_new (NULL, prefetch->cancellable, prefetch_ready_cb, NULL);
  g_task_set_source_tag (task, rv_unlock_page_prefetch_keyring);
  g_task_set_task_data (task, g_rc_box_acquire (prefetch), (GDestroyNotify) prefetch_unref);
  g_task_run_in_thread (task, prefetch_thread);
}

/**
 * rv_unlock_page_prefetch_pending:
 *
 * Whether a keyring open started at launch is still at work.
 */
gboolean
rv_unlock_page_prefetch_pending (void)
{
  return prefetch != NULL && !prefetch_is_done (prefetch);
}

/**
 * rv_unlock_page_take_prefetched:
 * @path: the vault a window is about to show
 *
 * Returns: (transfer full) (nullable): the vault the keyring open started
 * at launch opened, if it is done and no page took it: a window that gets
 * it needs no unlock page. %NULL while it runs, or when it failed (a page
 * that tries the keyring then takes the error).
 */
RvVault *
rv_unlock_page_take_prefetched (const char *path)
{
  Prefetch *p;
  RvVault *vault = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if ((p = unclaimed_prefetch (path)) == NULL)
    return NULL;
  g_mutex_lock (&p->lock);
  if (p->done)
    vault = g_steal_pointer (&p->vault);
  g_mutex_unlock (&p->lock);
  if (vault != NULL)
    {
      prefetch = NULL;
      prefetch_unref (p);
    }
  return vault;
}

/* At exit: a prefetched vault no page took is closed. */
void
rv_unlock_page_drop_prefetch (void)
{
  Prefetch *p = g_steal_pointer (&prefetch);

  if (p == NULL)
    return;
  g_cancellable_cancel (p->cancellable);
  prefetch_unref (p);
}

static gboolean
adopt_prefetch (RvUnlockPage *self)
{
  if (unclaimed_prefetch (self->path) == NULL)
    return FALSE;

  g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, prefetch->cancellable);
  prefetch->page = self;
  g_object_add_weak_pointer (G_OBJECT (self), (gpointer *) &prefetch->page);
  set_busy (self, TRUE);
  if (prefetch_is_done (prefetch))
    prefetch_deliver ();
  return TRUE;
}

static void
start_open (RvUnlockPage   *self,
            const RvSecret *password)
{
  g_return_if_fail (self->path != NULL);

  if (self->busy)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  set_busy (self, TRUE);
  rv_vault_open_async (self->path, password, self->cancellable,
                       open_ready_cb, g_object_ref (self));
}

void
rv_unlock_page_unlock (RvUnlockPage *self)
{
  g_autoptr(RvSecret) password = NULL;
  const char *text;

  g_return_if_fail (RV_IS_UNLOCK_PAGE (self));

  text = gtk_editable_get_text (self->password_row);
  if (*text == '\0')
    return;

  password = rv_secret_new_from_string (text);
  start_open (self, password);
}

gboolean
rv_unlock_page_try_keyring (RvUnlockPage *self)
{
  g_return_val_if_fail (RV_IS_UNLOCK_PAGE (self), FALSE);

  if (self->path != NULL && !self->busy && adopt_prefetch (self))
    return TRUE;
  if (self->path == NULL || !rv_vault_has_keyring_slot_file (self->path))
    return FALSE;

  start_open (self, NULL);
  return TRUE;
}

void
rv_unlock_page_reset (RvUnlockPage *self)
{
  g_return_if_fail (RV_IS_UNLOCK_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  if (self->busy)
    set_busy (self, FALSE);
  set_error (self, NULL);
  gtk_editable_set_text (self->password_row, "");
  gtk_widget_set_visible (GTK_WIDGET (self->keyring_button),
                          self->path != NULL && rv_vault_has_keyring_slot_file (self->path));
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
password_activated_cb (RvUnlockPage *self)
{
  rv_unlock_page_unlock (self);
}

static void
password_changed_cb (RvUnlockPage *self)
{
  update_sensitivity (self);
}

static void
unlock_clicked_cb (RvUnlockPage *self)
{
  rv_unlock_page_unlock (self);
}

static void
keyring_clicked_cb (RvUnlockPage *self)
{
  rv_unlock_page_try_keyring (self);
}

static gboolean
rv_unlock_page_grab_focus (GtkWidget *widget)
{
  RvUnlockPage *self = RV_UNLOCK_PAGE (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

/* The window closes or another page replaces this one: a pending open is
 * cancelled (the task holds a reference to the page, so dispose would come
 * only after the key derivation). */
static void
rv_unlock_page_unmap (GtkWidget *widget)
{
  RvUnlockPage *self = RV_UNLOCK_PAGE (widget);

  if (self->busy)
    {
      g_cancellable_cancel (self->cancellable);
      set_busy (self, FALSE);
    }
  GTK_WIDGET_CLASS (rv_unlock_page_parent_class)->unmap (widget);
}

static void
rv_unlock_page_dispose (GObject *object)
{
  RvUnlockPage *self = RV_UNLOCK_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RV_TYPE_UNLOCK_PAGE);

  G_OBJECT_CLASS (rv_unlock_page_parent_class)->dispose (object);
}

static void
rv_unlock_page_finalize (GObject *object)
{
  RvUnlockPage *self = RV_UNLOCK_PAGE (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (rv_unlock_page_parent_class)->finalize (object);
}

static void
rv_unlock_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RvUnlockPage *self = RV_UNLOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rv_unlock_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RvUnlockPage *self = RV_UNLOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      rv_unlock_page_set_path (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rv_unlock_page_class_init (RvUnlockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rv_unlock_page_dispose;
  object_class->finalize = rv_unlock_page_finalize;
  object_class->get_property = rv_unlock_page_get_property;
  object_class->set_property = rv_unlock_page_set_property;
  widget_class->grab_focus = rv_unlock_page_grab_focus;
  widget_class->unmap = rv_unlock_page_unmap;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[UNLOCKED] = g_signal_new ("unlocked",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 1, RV_TYPE_VAULT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/RecoveryVault/rv-unlock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RvUnlockPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, RvUnlockPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, RvUnlockPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, RvUnlockPage, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, RvUnlockPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, RvUnlockPage, keyring_button);
  gtk_widget_class_bind_template_callback (widget_class, password_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, password_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, unlock_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, keyring_clicked_cb);

}

static void
rv_unlock_page_init (RvUnlockPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rv_status_page_set_icon_when_shown (self->status_page, "com.example.RecoveryVault");
}
