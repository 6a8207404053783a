/* rv-application.c: the Recovery Vault application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rv-a11y.h"
#include "rv-application.h"
#include "rv-demo.h"
#include "rv-import-flow.h"
#include "rv-preferences-window.h"
#include "rv-search-provider.h"
#include "rv-unlock-page.h"
#include "rv-vault.h"
#include "rv-window.h"

struct _RvApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  char           *vault_path;
  char           *demo_dir;
  gboolean        demo;
  RvSearchProvider *search_provider;
};

G_DEFINE_FINAL_TYPE (RvApplication, rv_application, ADW_TYPE_APPLICATION)

static gint64 launch_time;

void
rv_application_mark_launch_time (void)
{
  launch_time = g_get_monotonic_time ();
}

gint64
rv_application_get_launch_time (void)
{
  return launch_time;
}

RvApplication *
rv_application_new (void)
{
  return g_object_new (RV_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", "/com/example/RecoveryVault",
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}

GSettings *
rv_application_get_settings (RvApplication *self)
{
  g_return_val_if_fail (RV_IS_APPLICATION (self), NULL);

  if (self->settings == NULL)
    self->settings = g_settings_new (APP_ID);

  return self->settings;
}

const char *
rv_application_get_vault_path (RvApplication *self)
{
  g_return_val_if_fail (RV_IS_APPLICATION (self), NULL);

  if (self->vault_path == NULL)
    self->vault_path = rv_vault_default_path ();

  return self->vault_path;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
lock_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  for (const GList *l = windows; l != NULL; l = l->next)
    {
      if (RV_IS_WINDOW (l->data))
        rv_window_lock (l->data);
    }
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  RvApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  RvVault *vault = RV_IS_WINDOW (parent) ? rv_window_get_vault (RV_WINDOW (parent)) : NULL;
  GtkWindow *prefs;

  prefs = GTK_WINDOW (rv_preferences_window_new (rv_application_get_settings (self), vault));
  gtk_window_set_transient_for (prefs, parent);
  gtk_window_present (prefs);
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (!GTK_IS_APPLICATION_WINDOW (window))
    return;
  /* Built on first use, not with every window as GtkApplication does with
   * gtk/help-overlay.ui: that cost every start-up a shortcuts window. */
  if (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)) == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/com/example/RecoveryVault/rv-shortcuts-window.ui");

      gtk_application_window_set_help_overlay (
        GTK_APPLICATION_WINDOW (window),
        GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
    }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  const char *developers[] = { "Recovery Vault contributors", NULL };

  adw_show_about_window (parent,
                         "application-name", _("Recovery Vault"),
                         "application-icon", APP_ID,
                         "developer-name", _("Recovery Vault contributors"),
                         "version", PACKAGE_VERSION,
                         "website", "https://example.com/recovery-vault",
                         "issue-url", "https://example.com/recovery-vault/issues",
                         "comments", _("Two-factor codes and account recovery codes in one "
                                       "encrypted vault, with backups you can trust."),
                         "developers", developers,
                         "copyright", "© 2026 Recovery Vault contributors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "lock", lock_action },
  { "preferences", preferences_action },
  { "shortcuts", shortcuts_action },
  { "about", about_action },
};

static void
set_accels (GtkApplication *app)
{
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.lock", { "<Control>l", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.shortcuts", { "<Control>question", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.add-account", { "<Control>n", NULL } },
    { "win.backups", { "<Control>b", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);
}

static void
rv_application_startup (GApplication *app)
{
  RvApplication *self = RV_APPLICATION (app);

  /* Only the first instance gets here: the keyring open of the vault the
   * window will show runs while GTK starts and the window is built. */
  if (!self->demo)
    rv_unlock_page_prefetch_keyring (rv_application_get_vault_path (self));

  G_APPLICATION_CLASS (rv_application_parent_class)->startup (app);

  rv_a11y_install ();

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  set_accels (GTK_APPLICATION (app));
}

static void
demo_ready_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RvWindow) window = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVault) vault = rv_demo_create_finish (result, &error);

  if (vault == NULL)
    rv_window_show_error (window, _("Could not create the demo vault"), error->message);
  else
    rv_window_set_vault (window, vault);
}

static void
rv_application_activate (GApplication *app)
{
  RvApplication *self = RV_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (rv_window_new (self, rv_application_get_vault_path (self),
                                          !self->demo));
      rv_import_flow_add_drop_target (RV_WINDOW (window));
      if (self->demo)
        rv_demo_create_async (self->vault_path, NULL, demo_ready_cb, g_object_ref (window));
    }

  gtk_window_present (window);
}

/* `recovery-vault FILE…` (and the desktop file's %F): import the files, each
 * after a preview, into the vault the window opens. */
static void
rv_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  GtkWindow *window;

  rv_application_activate (app);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (RV_IS_WINDOW (window))
    rv_import_flow_import_files (RV_WINDOW (window), files, n_files);
}

static int
rv_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  RvApplication *self = RV_APPLICATION (app);
  const char *path = NULL;

  if (g_variant_dict_lookup (options, "vault", "^&ay", &path))
    {
      g_free (self->vault_path);
      self->vault_path = g_canonicalize_filename (path, NULL);
    }

  if (g_variant_dict_contains (options, "demo"))
    {
      g_autoptr(GError) error = NULL;

      self->demo = TRUE;
      self->demo_dir = g_dir_make_tmp ("recovery-vault-demo-XXXXXX", &error);
      if (self->demo_dir == NULL)
        {
          g_printerr ("recovery-vault: %s\n", error->message);
          return EXIT_FAILURE;
        }
      g_free (self->vault_path);
      self->vault_path = g_build_filename (self->demo_dir, "demo.rvault", NULL);
    }

  /* A private vault must not be handed to an instance showing another one. */
  if (self->demo || path != NULL)
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  return -1;
}

/* Only ever called on the folder this process made with g_dir_make_tmp(). */
static void
remove_demo_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static void
rv_application_shutdown (GApplication *app)
{
  RvApplication *self = RV_APPLICATION (app);

  G_APPLICATION_CLASS (rv_application_parent_class)->shutdown (app);

  rv_unlock_page_drop_prefetch ();
  if (self->demo_dir != NULL)
    remove_demo_dir (self->demo_dir);
}

/* The GNOME Shell search provider, on the application's own connection. */
static gboolean
rv_application_dbus_register (GApplication     *app,
                              GDBusConnection  *connection,
                              const char       *object_path,
                              GError          **error)
{
  RvApplication *self = RV_APPLICATION (app);

  if (!G_APPLICATION_CLASS (rv_application_parent_class)->dbus_register (app, connection,
                                                                          object_path, error))
    return FALSE;
  self->search_provider = rv_search_provider_new_for_application (self);
  return rv_search_provider_export (self->search_provider, connection,
                                    RV_SEARCH_PROVIDER_PATH, error);
}

static void
rv_application_dbus_unregister (GApplication    *app,
                                GDBusConnection *connection,
                                const char      *object_path)
{
  RvApplication *self = RV_APPLICATION (app);

  g_clear_object (&self->search_provider);
  G_APPLICATION_CLASS (rv_application_parent_class)->dbus_unregister (app, connection,
                                                                      object_path);
}

static void
rv_application_finalize (GObject *object)
{
  RvApplication *self = RV_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->search_provider);
  g_clear_pointer (&self->vault_path, g_free);
  g_clear_pointer (&self->demo_dir, g_free);

  G_OBJECT_CLASS (rv_application_parent_class)->finalize (object);
}

static void
rv_application_class_init (RvApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = rv_application_finalize;
  app_class->startup = rv_application_startup;
  app_class->activate = rv_application_activate;
  app_class->open = rv_application_open;
  app_class->handle_local_options = rv_application_handle_local_options;
  app_class->shutdown = rv_application_shutdown;
  app_class->dbus_register = rv_application_dbus_register;
  app_class->dbus_unregister = rv_application_dbus_unregister;
}

static void
rv_application_init (RvApplication *self)
{
  static const GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Open a demo vault with sample accounts (password “demo”)"), NULL },
    { "vault", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Use the vault at PATH instead of the default one"), N_("PATH") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}
