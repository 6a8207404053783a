/* rv-search-provider.c: accounts in the GNOME Shell overview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Implements org.gnome.Shell.SearchProvider2 (a gdbus-codegen skeleton made
 * from org.gnome.Shell.SearchProvider2.xml), exported by the application on
 * its D-Bus connection. GNOME Shell finds it through
 * data/com.example.RecoveryVault.search-provider.ini.
 *
 * What the Shell may learn, and why:
 * - Nothing while the vault is locked: no results, no metas, and activating
 *   does nothing. The Shell never unlocks the vault (no password, no keyring
 *   prompt from the overview).
 * - While it is unlocked: the id, issuer and account name or email of the
 *   accounts that match every search term; the same things the app's list
 *   shows. Unlike GNOME Authenticator, the description does NOT show the
 *   current code: the overview is on screen (and in screen shares and
 *   screenshots) for anyone watching whenever a search matches, the Shell
 *   keeps metas while the search is refined so a code shown would go stale,
 *   and the user who wants it gets it by activating the result. Never the
 *   secret, in any case.
 * - Activating a result copies the current code, with the app's clipboard
 *   clearing (RvClipboardGuard and the "clipboard-clear-delay" setting).
 *
 * Only time-based accounts (TOTP, Steam) are offered: a HOTP code moves the
 * counter on, which must be saved by the window that owns the vault, and an
 * account that only keeps recovery codes has no code to copy.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <string.h>

#include "rv-clipboard-guard.h"
#include "rv-search-provider.h"
#include "rv-shell-search-provider2.h"
#include "rv-util.h"
#include "rv-window.h"

struct _RvSearchProvider
{
  GObject                    parent_instance;

  RvShellSearchProvider2    *skeleton;
  RvSearchProviderVaultFunc  vault_func;
  gpointer                   user_data;
  GSettings                 *settings;
  GApplication              *application;   /* weak; for notifications */
  RvClipboardGuard          *clipboard_guard;
};

G_DEFINE_FINAL_TYPE (RvSearchProvider, rv_search_provider, G_TYPE_OBJECT)

static RvVault *
get_vault (RvSearchProvider *self)
{
  return self->vault_func (self->user_data);
}

static gboolean
is_offered (RvAccount *account)
{
  RvOtpKind kind = rv_account_get_kind (account);

  return kind == RV_OTP_KIND_TOTP || kind == RV_OTP_KIND_STEAM;
}

/* Every term (already case-folded) is in the issuer, name, email or a tag. */
static gboolean
matches_terms (RvAccount          *account,
               const char * const *folded_terms)
{
  if (!is_offered (account))
    return FALSE;
  for (guint i = 0; folded_terms[i] != NULL; i++)
    if (!rv_account_matches (account, folded_terms[i]))
      return FALSE;
  return TRUE;
}

static GStrv
fold_terms (const char * const *terms)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; terms != NULL && terms[i] != NULL; i++)
    {
      g_autofree char *folded = NULL;

      if (rv_str_is_blank (terms[i]))
        continue;
      folded = g_utf8_casefold (terms[i], -1);
      g_strv_builder_add (builder, folded);
    }
  return g_strv_builder_end (builder);
}

static GStrv
search (RvSearchProvider   *self,
        const char * const *candidates,
        const char * const *terms)
{
  g_autoptr(GStrvBuilder) results = g_strv_builder_new ();
  g_auto(GStrv) folded = fold_terms (terms);
  RvVault *vault = get_vault (self);

  /* An empty search matches nothing, as in the Shell's own providers. */
  if (vault == NULL || folded[0] == NULL)
    return g_strv_builder_end (results);

  if (candidates != NULL)
    {
      for (guint i = 0; candidates[i] != NULL; i++)
        {
          RvAccount *account = rv_vault_find_account_by_id (vault, candidates[i]);

          if (account != NULL && matches_terms (account, (const char * const *) folded))
            g_strv_builder_add (results, candidates[i]);
        }
    }
  else
    {
      GListModel *accounts = rv_vault_get_accounts (vault);
      guint n = g_list_model_get_n_items (accounts);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(RvAccount) account = g_list_model_get_item (accounts, i);

          if (matches_terms (account, (const char * const *) folded))
            g_strv_builder_add (results, rv_account_get_id (account));
        }
    }
  return g_strv_builder_end (results);
}

static gboolean
handle_get_initial_result_set (RvShellSearchProvider2 *skeleton,
                               GDBusMethodInvocation  *invocation,
                               const char * const     *terms,
                               RvSearchProvider       *self)
{
  g_auto(GStrv) results = search (self, NULL, terms);

  rv_shell_search_provider2_complete_get_initial_result_set (skeleton, invocation,
                                                             (const char * const *) results);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_get_subsearch_result_set (RvShellSearchProvider2 *skeleton,
                                 GDBusMethodInvocation  *invocation,
                                 const char * const     *previous_results,
                                 const char * const     *terms,
                                 RvSearchProvider       *self)
{
  g_auto(GStrv) results = search (self, previous_results, terms);

  rv_shell_search_provider2_complete_get_subsearch_result_set (skeleton, invocation,
                                                               (const char * const *) results);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

/* The account's name and email, as the list's subtitle shows them. */
static char *
describe (RvAccount *account)
{
  const char *name = rv_account_get_name (account);
  const char *email = rv_account_get_email (account);

  if (!rv_str_is_blank (name) && !rv_str_is_blank (email) && g_strcmp0 (name, email) != 0)
    return g_strdup_printf ("%s — %s", name, email);
  if (!rv_str_is_blank (name))
    return g_strdup (name);
  if (!rv_str_is_blank (email))
    return g_strdup (email);
  return g_strdup ("");
}

static gboolean
handle_get_result_metas (RvShellSearchProvider2 *skeleton,
                         GDBusMethodInvocation  *invocation,
                         const char * const     *identifiers,
                         RvSearchProvider       *self)
{
  g_autoptr(GIcon) icon = g_themed_icon_new (APP_ID);
  g_autofree char *icon_name = g_icon_to_string (icon);
  RvVault *vault = get_vault (self);
  GVariantBuilder metas;

  g_variant_builder_init (&metas, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; vault != NULL && identifiers != NULL && identifiers[i] != NULL; i++)
    {
      RvAccount *account = rv_vault_find_account_by_id (vault, identifiers[i]);
      const char *issuer;
      g_autofree char *title = NULL;
      g_autofree char *description = NULL;

      if (account == NULL || !is_offered (account))
        continue;

      issuer = rv_account_get_issuer (account);
      title = !rv_str_is_blank (issuer) ? g_strdup (issuer) : rv_account_dup_display_name (account);
      description = describe (account);

      g_variant_builder_open (&metas, G_VARIANT_TYPE ("a{sv}"));
      g_variant_builder_add (&metas, "{sv}", "id", g_variant_new_string (identifiers[i]));
      g_variant_builder_add (&metas, "{sv}", "name", g_variant_new_string (title));
      g_variant_builder_add (&metas, "{sv}", "description", g_variant_new_string (description));
      g_variant_builder_add (&metas, "{sv}", "gicon", g_variant_new_string (icon_name));
      g_variant_builder_close (&metas);
    }

  rv_shell_search_provider2_complete_get_result_metas (skeleton, invocation,
                                                       g_variant_builder_end (&metas));
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static RvClipboardGuard *
get_clipboard_guard (RvSearchProvider *self)
{
  GdkDisplay *display;

  if (self->clipboard_guard == NULL && (display = gdk_display_get_default ()) != NULL)
    self->clipboard_guard = rv_clipboard_guard_new (gdk_display_get_clipboard (display));
  return self->clipboard_guard;
}

static void
notify_copied (RvSearchProvider *self,
               RvAccount        *account,
               guint             clear_after)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;

  if (self->application == NULL)
    return;

  name = rv_account_dup_display_name (account);
  /* Translators: %s is an account, e.g. "PyPI (alice)" */
  title = g_strdup_printf (_("Code of %s copied"), name);
  notification = g_notification_new (title);
  if (clear_after > 0)
    {
      g_autofree char *body = g_strdup_printf (ngettext ("The clipboard is cleared in %u second.",
                                                         "The clipboard is cleared in %u seconds.",
                                                         clear_after),
                                               clear_after);
      g_notification_set_body (notification, body);
    }
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_LOW);
  g_application_send_notification (self->application, "code-copied", notification);
}

static gboolean
handle_activate_result (RvShellSearchProvider2 *skeleton,
                        GDBusMethodInvocation  *invocation,
                        const char             *identifier,
                        const char * const     *terms,
                        guint                   timestamp,
                        RvSearchProvider       *self)
{
  g_autoptr(GError) error = NULL;
  RvVault *vault = get_vault (self);
  RvAccount *account = vault != NULL ? rv_vault_find_account_by_id (vault, identifier) : NULL;
  RvClipboardGuard *guard = get_clipboard_guard (self);
  char code[RV_OTP_CODE_BUFFER] = { 0 };
  guint clear_after;

  if (account == NULL || !is_offered (account) || guard == NULL)
    {
      /* Locked since the search, or removed: nothing to copy. */
      rv_shell_search_provider2_complete_activate_result (skeleton, invocation);
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }

  if (!rv_account_generate_code (account, rv_now (), code, &error))
    {
      g_dbus_method_invocation_return_gerror (invocation, error);
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }

  clear_after = g_settings_get_uint (self->settings, "clipboard-clear-delay");
  rv_clipboard_guard_copy (guard, code, clear_after);
  memset (code, 0, sizeof code);
  notify_copied (self, account, clear_after);

  rv_shell_search_provider2_complete_activate_result (skeleton, invocation);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_launch_search (RvShellSearchProvider2 *skeleton,
                      GDBusMethodInvocation  *invocation,
                      const char * const     *terms,
                      guint                   timestamp,
                      RvSearchProvider       *self)
{
  /* Shows the app (its unlock page when locked); the terms stay in the Shell. */
  if (self->application != NULL)
    g_application_activate (self->application);

  rv_shell_search_provider2_complete_launch_search (skeleton, invocation);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

RvSearchProvider *
rv_search_provider_new (RvSearchProviderVaultFunc  vault_func,
                        gpointer                   user_data,
                        GSettings                 *settings)
{
  RvSearchProvider *self;

  g_return_val_if_fail (vault_func != NULL, NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (RV_TYPE_SEARCH_PROVIDER, NULL);
  self->vault_func = vault_func;
  self->user_data = user_data;
  self->settings = g_object_ref (settings);
  return self;
}

static RvVault *
application_vault (gpointer user_data)
{
  RvSearchProvider *self = user_data;
  GList *windows;

  if (self->application == NULL)
    return NULL;

  windows = gtk_application_get_windows (GTK_APPLICATION (self->application));
  for (const GList *l = windows; l != NULL; l = l->next)
    {
      RvVault *vault = RV_IS_WINDOW (l->data) ? rv_window_get_vault (l->data) : NULL;

      if (vault != NULL)
        return vault;
    }
  return NULL;
}

RvSearchProvider *
rv_search_provider_new_for_application (RvApplication *application)
{
  RvSearchProvider *self;

  g_return_val_if_fail (RV_IS_APPLICATION (application), NULL);

  self = rv_search_provider_new (application_vault, NULL,
                                 rv_application_get_settings (application));
  self->user_data = self;
  self->application = G_APPLICATION (application);
  g_object_add_weak_pointer (G_OBJECT (application), (gpointer *) &self->application);
  return self;
}

gboolean
rv_search_provider_export (RvSearchProvider  *self,
                           GDBusConnection   *connection,
                           const char        *object_path,
                           GError           **error)
{
  g_return_val_if_fail (RV_IS_SEARCH_PROVIDER (self), FALSE);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), FALSE);

  return g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (self->skeleton),
                                           connection, object_path, error);
}

void
rv_search_provider_unexport (RvSearchProvider *self)
{
  g_return_if_fail (RV_IS_SEARCH_PROVIDER (self));

  if (g_dbus_interface_skeleton_get_connection (G_DBUS_INTERFACE_SKELETON (self->skeleton)))
    g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (self->skeleton));
}

static void
rv_search_provider_dispose (GObject *object)
{
  RvSearchProvider *self = RV_SEARCH_PROVIDER (object);

  if (self->skeleton != NULL)
    {
      rv_search_provider_unexport (self);
      g_signal_handlers_disconnect_by_data (self->skeleton, self);
      g_clear_object (&self->skeleton);
    }
  if (self->application != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->application),
                                    (gpointer *) &self->application);
      self->application = NULL;
    }
  g_clear_object (&self->clipboard_guard);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rv_search_provider_parent_class)->dispose (object);
}

static void
rv_search_provider_class_init (RvSearchProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rv_search_provider_dispose;
}

static void
rv_search_provider_init (RvSearchProvider *self)
{
  self->skeleton = rv_shell_search_provider2_skeleton_new ();
  g_signal_connect (self->skeleton, "handle-get-initial-result-set",
                    G_CALLBACK (handle_get_initial_result_set), self);
  g_signal_connect (self->skeleton, "handle-get-subsearch-result-set",
                    G_CALLBACK (handle_get_subsearch_result_set), self);
  g_signal_connect (self->skeleton, "handle-get-result-metas",
                    G_CALLBACK (handle_get_result_metas), self);
  g_signal_connect (self->skeleton, "handle-activate-result",
                    G_CALLBACK (handle_activate_result), self);
  g_signal_connect (self->skeleton, "handle-launch-search",
                    G_CALLBACK (handle_launch_search), self);
}
