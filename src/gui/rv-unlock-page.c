/* rv-unlock-page.c: asks for the password and opens the vault
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Key derivation takes about half a second by design, so opening runs in
 * a worker thread (rv_vault_open_async) while a spinner turns.
 */
#include "config.h"

#include <glib/gi18n.h>

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
  gtk_widget_set_visible (GTK_WIDGET (self->keyring_button),
                          path != NULL && rv_vault_has_keyring_slot_file (path));
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
open_ready_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RvUnlockPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVault) vault = rv_vault_open_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (vault == NULL)
    {
      if (g_error_matches (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD))
        set_error (self, _("Wrong password. Try again."));
      else if (g_error_matches (error, RV_VAULT_ERROR, RV_VAULT_ERROR_KEYRING))
        set_error (self, _("The login keyring could not unlock the vault. Enter your password."));
      else
        set_error (self, error->message);
      focus_entry (self);
      return;
    }

  set_error (self, NULL);
  gtk_editable_set_text (self->password_row, "");
  g_signal_emit (self, signals[UNLOCKED], 0, vault);
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
}
