/* test-search-provider.c: org.gnome.Shell.SearchProvider2 over a private bus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The provider is exported on a GTestDBus bus and called the way GNOME Shell
 * calls it: through a GDBusProxy on another connection (calls are async, as the
 * provider answers in this thread's main context).
 */
#include "config.h"

#include <glib/gstdio.h>

#include "rv-account.h"
#include "rv-gui-test-util.h"
#include "rv-search-provider.h"
#include "rv-util.h"
#include "rv-window.h"

#define IFACE "org.gnome.Shell.SearchProvider2"

static GTestDBus *test_bus;

typedef struct
{
  char             *dir;
  RvVault          *vault;
  gboolean          unlocked;
  GSettings        *settings;
  RvSearchProvider *provider;
  GDBusConnection  *server;
  GDBusConnection  *client;
  GDBusProxy       *proxy;
  RvAccount        *pypi;
  RvAccount        *github;
  RvAccount        *gitlab;
  RvAccount        *hotp;
} Fixture;

static RvVault *
fixture_vault (gpointer user_data)
{
  Fixture *fixture = user_data;

  return fixture->unlocked ? fixture->vault : NULL;
}

static GDBusConnection *
new_connection (void)
{
  g_autoptr(GError) error = NULL;
  GDBusConnection *connection =
    g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (test_bus),
                                            G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                            G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                            NULL, NULL, &error);

  g_assert_no_error (error);
  return connection;
}

static GDBusProxy *
new_proxy (GDBusConnection *client,
           const char      *name)
{
  g_autoptr(GError) error = NULL;
  GDBusProxy *proxy = g_dbus_proxy_new_sync (client,
                                             G_DBUS_PROXY_FLAGS_DO_NOT_LOAD_PROPERTIES |
                                             G_DBUS_PROXY_FLAGS_DO_NOT_CONNECT_SIGNALS |
                                             G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START,
                                             NULL, name, RV_SEARCH_PROVIDER_PATH, IFACE,
                                             NULL, &error);

  g_assert_no_error (error);
  return proxy;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("rv-search-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "vault.rvault", NULL);
  fixture->vault = rv_gui_test_create_vault (path);
  fixture->pypi = rv_gui_test_add_uri (fixture->vault,
    "otpauth://totp/PyPI:alice-dev?secret=JBSWY3DPEHPK3PXP&issuer=PyPI");
  fixture->github = rv_gui_test_add_uri (fixture->vault,
    "otpauth://totp/GitHub:alice?secret=GEZDGNBVGY3TQOJQ&issuer=GitHub");
  fixture->gitlab = rv_gui_test_add_uri (fixture->vault,
    "otpauth://totp/GitLab:bob?secret=MFRGGZDFMZTWQ2LK&issuer=GitLab");
  fixture->hotp = rv_gui_test_add_uri (fixture->vault,
    "otpauth://hotp/Gitea:alice?secret=ONSWG4TFOQYTEMZU&issuer=Gitea&counter=3");
  fixture->unlocked = TRUE;

  fixture->settings = g_settings_new (APP_ID);
  fixture->provider = rv_search_provider_new (fixture_vault, fixture, fixture->settings);
  fixture->server = new_connection ();
  rv_search_provider_export (fixture->provider, fixture->server, RV_SEARCH_PROVIDER_PATH,
                             &error);
  g_assert_no_error (error);
  fixture->client = new_connection ();
  fixture->proxy = new_proxy (fixture->client,
                              g_dbus_connection_get_unique_name (fixture->server));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "vault.rvault", NULL);

  g_clear_object (&fixture->proxy);
  g_assert_finalize_object (fixture->provider);
  g_dbus_connection_close_sync (fixture->client, NULL, NULL);
  g_dbus_connection_close_sync (fixture->server, NULL, NULL);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->server);
  g_clear_object (&fixture->settings);
  rv_vault_close (fixture->vault);
  g_clear_object (&fixture->vault);
  g_unlink (path);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

typedef struct
{
  GVariant *reply;
  GError   *error;
  gboolean  done;
} Call;

static void
call_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Call *call = user_data;

  call->reply = g_dbus_proxy_call_finish (G_DBUS_PROXY (source), result, &call->error);
  call->done = TRUE;
}

static GVariant *
call (GDBusProxy *proxy,
      const char *method,
      GVariant   *parameters)
{
  Call data = { NULL, NULL, FALSE };

  g_dbus_proxy_call (proxy, method, parameters, G_DBUS_CALL_FLAGS_NONE, 5000, NULL,
                     call_cb, &data);
  g_assert_true (rv_gui_test_wait_for (&data.done, 10000));
  g_assert_no_error (data.error);
  return data.reply;
}

/* The result ids of GetInitialResultSet(@terms), as one string "id,id". */
static GStrv
initial (GDBusProxy         *proxy,
         const char * const *terms)
{
  g_autoptr(GVariant) reply = call (proxy, "GetInitialResultSet",
                                    g_variant_new ("(^as)", terms));
  GStrv results = NULL;

  g_variant_get (reply, "(^as)", &results);
  return results;
}

static GStrv
subsearch (GDBusProxy         *proxy,
           const char * const *previous,
           const char * const *terms)
{
  g_autoptr(GVariant) reply = call (proxy, "GetSubsearchResultSet",
                                    g_variant_new ("(^as^as)", previous, terms));
  GStrv results = NULL;

  g_variant_get (reply, "(^as)", &results);
  return results;
}

static void
assert_ids (GStrv       results,
            RvAccount  *first,
            RvAccount  *second)
{
  g_assert_cmpuint (g_strv_length (results), ==, (first != NULL) + (second != NULL));
  if (first != NULL)
    g_assert_cmpstr (results[0], ==, rv_account_get_id (first));
  if (second != NULL)
    g_assert_cmpstr (results[1], ==, rv_account_get_id (second));
}

static void
test_search_unlocked (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *git[] = { "git", NULL };
  const char *git_upper[] = { "GIT", NULL };
  const char *git_alice[] = { "git", "alice", NULL };
  const char *pypi[] = { "pypi", NULL };
  const char *none[] = { "nothing-like-this", NULL };
  const char *blank[] = { " ", NULL };
  g_auto(GStrv) results = NULL;
  g_auto(GStrv) refined = NULL;

  /* Issuers; the HOTP account (Gitea) is not offered. */
  results = initial (fixture->proxy, git);
  assert_ids (results, fixture->github, fixture->gitlab);
  g_clear_pointer (&results, g_strfreev);
  results = initial (fixture->proxy, git_upper);
  assert_ids (results, fixture->github, fixture->gitlab);
  g_clear_pointer (&results, g_strfreev);

  /* Every term must match; the account name counts. */
  results = initial (fixture->proxy, git_alice);
  assert_ids (results, fixture->github, NULL);
  g_clear_pointer (&results, g_strfreev);

  results = initial (fixture->proxy, pypi);
  assert_ids (results, fixture->pypi, NULL);
  g_clear_pointer (&results, g_strfreev);
  results = initial (fixture->proxy, none);
  assert_ids (results, NULL, NULL);
  g_clear_pointer (&results, g_strfreev);
  results = initial (fixture->proxy, blank);
  assert_ids (results, NULL, NULL);
  g_clear_pointer (&results, g_strfreev);

  /* Refining keeps only previous results that still match. */
  results = initial (fixture->proxy, git);
  refined = subsearch (fixture->proxy, (const char * const *) results, git_alice);
  assert_ids (refined, fixture->github, NULL);
  g_clear_pointer (&refined, g_strfreev);
  refined = subsearch (fixture->proxy, (const char * const *) results, pypi);
  assert_ids (refined, NULL, NULL);
}

static void
test_search_locked (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *git[] = { "git", NULL };
  const char *ids[] = { rv_account_get_id (fixture->github), NULL };
  g_auto(GStrv) results = NULL;
  g_auto(GStrv) refined = NULL;
  g_autoptr(GVariant) metas = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autofree char *text = NULL;
  GdkClipboard *clipboard = gdk_display_get_clipboard (gdk_display_get_default ());

  fixture->unlocked = FALSE;

  results = initial (fixture->proxy, git);
  assert_ids (results, NULL, NULL);
  refined = subsearch (fixture->proxy, ids, git);
  assert_ids (refined, NULL, NULL);

  /* Nothing about an account, even by id. */
  metas = call (fixture->proxy, "GetResultMetas", g_variant_new ("(^as)", ids));
  g_assert_cmpstr (g_variant_get_type_string (metas), ==, "(aa{sv})");
  g_assert_cmpuint (g_variant_n_children (g_variant_get_child_value (metas, 0)), ==, 0);

  /* Activating copies nothing. */
  gdk_clipboard_set_text (clipboard, "left alone");
  reply = call (fixture->proxy, "ActivateResult",
                g_variant_new ("(s^asu)", ids[0], git, 0));
  rv_gui_test_run_for (200);
  text = rv_gui_test_read_clipboard (clipboard);
  g_assert_cmpstr (text, ==, "left alone");
}

static void
test_result_metas (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *ids[] = { rv_account_get_id (fixture->pypi), rv_account_get_id (fixture->hotp),
                        "no-such-id", rv_account_get_id (fixture->github), NULL };
  g_autoptr(GVariant) reply = call (fixture->proxy, "GetResultMetas",
                                    g_variant_new ("(^as)", ids));
  g_autoptr(GVariant) metas = g_variant_get_child_value (reply, 0);
  g_autoptr(GVariant) meta = NULL;
  g_autofree char *printed = NULL;
  g_autoptr(GIcon) icon = NULL;
  char code[RV_OTP_CODE_BUFFER] = { 0 };
  const char *value = NULL;

  /* The HOTP account and the unknown id are left out. */
  g_assert_cmpuint (g_variant_n_children (metas), ==, 2);

  meta = g_variant_get_child_value (metas, 0);
  g_assert_true (g_variant_lookup (meta, "id", "&s", &value));
  g_assert_cmpstr (value, ==, rv_account_get_id (fixture->pypi));
  g_assert_true (g_variant_lookup (meta, "name", "&s", &value));
  g_assert_cmpstr (value, ==, "PyPI");
  g_assert_true (g_variant_lookup (meta, "description", "&s", &value));
  g_assert_cmpstr (value, ==, "alice-dev");
  g_assert_true (g_variant_lookup (meta, "gicon", "&s", &value));
  icon = g_icon_new_for_string (value, NULL);
  g_assert_true (G_IS_THEMED_ICON (icon));
  g_clear_pointer (&meta, g_variant_unref);

  meta = g_variant_get_child_value (metas, 1);
  g_assert_true (g_variant_lookup (meta, "name", "&s", &value));
  g_assert_cmpstr (value, ==, "GitHub");

  /* Neither the secret nor the code is anywhere in the reply. */
  printed = g_variant_print (reply, FALSE);
  g_assert_null (strstr (printed, "JBSWY3DPEHPK3PXP"));
  g_assert_true (rv_account_generate_code (fixture->pypi, rv_now (), code, NULL));
  g_assert_null (strstr (printed, code));
  g_assert_cmpuint (g_variant_n_children (meta), ==, 4);
}

static gboolean
is_current_code (RvAccount  *account,
                 const char *text,
                 gint64      before,
                 gint64      after)
{
  char code[RV_OTP_CODE_BUFFER] = { 0 };

  g_assert_true (rv_account_generate_code (account, before, code, NULL));
  if (g_strcmp0 (code, text) == 0)
    return TRUE;
  g_assert_true (rv_account_generate_code (account, after, code, NULL));
  return g_strcmp0 (code, text) == 0;
}

static void
test_activate_copies_code (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *terms[] = { "git", NULL };
  GdkClipboard *clipboard = gdk_display_get_clipboard (gdk_display_get_default ());
  g_autoptr(GVariant) reply = NULL;
  g_autofree char *text = NULL;
  gint64 before, after;

  g_settings_set_uint (fixture->settings, "clipboard-clear-delay", 1);
  gdk_clipboard_set_text (clipboard, "before");

  before = rv_now ();
  reply = call (fixture->proxy, "ActivateResult",
                g_variant_new ("(s^asu)", rv_account_get_id (fixture->github), terms, 0));
  text = rv_gui_test_read_clipboard (clipboard);
  after = rv_now ();
  g_assert_cmpuint (strlen (text), ==, 6);
  g_assert_true (is_current_code (fixture->github, text, before, after));

  /* Cleared after the app's delay, as a code copied in the window. */
  rv_gui_test_run_for (1600);
  g_clear_pointer (&text, g_free);
  text = rv_gui_test_read_clipboard (clipboard);
  g_assert_cmpstr (text, ==, "");

  /* A HOTP account is never activated from the Shell (its counter would move). */
  g_clear_pointer (&reply, g_variant_unref);
  gdk_clipboard_set_text (clipboard, "kept");
  reply = call (fixture->proxy, "ActivateResult",
                g_variant_new ("(s^asu)", rv_account_get_id (fixture->hotp), terms, 0));
  rv_gui_test_run_for (200);
  g_clear_pointer (&text, g_free);
  text = rv_gui_test_read_clipboard (clipboard);
  g_assert_cmpstr (text, ==, "kept");
  g_assert_cmpuint (rv_account_get_counter (fixture->hotp), ==, 3);
}

/* The application exports the provider on its own connection, and it sees
 * the vault of its unlocked window only. */
static void
test_application_exports (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rv-search-app-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "vault.rvault", NULL);
  g_autoptr(RvApplication) app = rv_application_new ();
  g_autoptr(GDBusConnection) client = new_connection ();
  g_autoptr(GDBusProxy) proxy = NULL;
  g_autoptr(RvVault) vault = NULL;
  g_auto(GStrv) results = NULL;
  const char *terms[] = { "pypi", NULL };
  RvAccount *pypi;
  RvWindow *window;

  g_assert_no_error (error);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  proxy = new_proxy (client, APP_ID);

  /* No window yet: locked. */
  results = initial (proxy, terms);
  assert_ids (results, NULL, NULL);
  g_clear_pointer (&results, g_strfreev);

  vault = rv_gui_test_create_vault (path);
  pypi = rv_gui_test_add_uri (vault,
                              "otpauth://totp/PyPI:alice-dev?secret=JBSWY3DPEHPK3PXP&issuer=PyPI");
  window = rv_window_new (app, path, FALSE);
  rv_window_set_vault (window, vault);
  results = initial (proxy, terms);
  assert_ids (results, pypi, NULL);
  g_clear_pointer (&results, g_strfreev);

  rv_window_lock (window);
  results = initial (proxy, terms);
  assert_ids (results, NULL, NULL);

  gtk_window_destroy (GTK_WINDOW (window));
  rv_gui_test_run_for (100);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  int status;

  /* GTestDBus unsets DISPLAY (against X11 autolaunch); the widgets need it. */
  test_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (test_bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);

  if (!rv_gui_test_init (&argc, &argv))
    {
      g_test_skip ("no display");
      status = g_test_run ();
    }
  else
    {
      g_test_add ("/search-provider/unlocked", Fixture, NULL, fixture_set_up,
                  test_search_unlocked, fixture_tear_down);
      g_test_add ("/search-provider/locked", Fixture, NULL, fixture_set_up,
                  test_search_locked, fixture_tear_down);
      g_test_add ("/search-provider/result-metas", Fixture, NULL, fixture_set_up,
                  test_result_metas, fixture_tear_down);
      g_test_add ("/search-provider/activate", Fixture, NULL, fixture_set_up,
                  test_activate_copies_code, fixture_tear_down);
      g_test_add_func ("/search-provider/application", test_application_exports);
      status = g_test_run ();
    }

  /* Not g_test_dbus_down() (nor the last unref, which calls it): libadwaita keeps
   * the session connection (style portal) until exit. */
  g_test_dbus_stop (test_bus);
  return status;
}
