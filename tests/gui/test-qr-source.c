/* test-qr-source.c: QR codes from the screen (a portal stub) and the clipboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The screenshot portal is a small stub registered here on a GTestDBus bus
 * under org.freedesktop.portal.Desktop: Screenshot() answers with a Request
 * path and then its Response signal, carrying the URI of a QR code PNG this
 * test draws (a fake otpauth URI).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "rv-add-account-dialog.h"
#include "rv-gui-test-util.h"
#include "rv-qr.h"
#include "rv-qr-source.h"
#include "rv-qr-texture.h"

#define FAKE_URI "otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example"

static GTestDBus *test_bus;
static char *tmp_dir;

typedef struct
{
  GDBusConnection *connection;
  guint32          response;     /* 0: success, 1: the user cancelled */
  char            *picture;      /* what the "screenshot" is */
  guint            calls;
  gboolean         interactive;
} Portal;

static const char portal_xml[] =
  "<node><interface name='org.freedesktop.portal.Screenshot'>"
  "  <method name='Screenshot'>"
  "    <arg type='s' name='parent_window' direction='in'/>"
  "    <arg type='a{sv}' name='options' direction='in'/>"
  "    <arg type='o' name='handle' direction='out'/>"
  "  </method>"
  "</interface></node>";

typedef struct
{
  Portal *portal;
  char   *sender;
  char   *path;
} Pending;

static gboolean
respond (gpointer user_data)
{
  Pending *pending = user_data;
  GVariantBuilder results;

  g_variant_builder_init (&results, G_VARIANT_TYPE_VARDICT);
  if (pending->portal->response == 0)
    {
      g_autofree char *uri = g_filename_to_uri (pending->portal->picture, NULL, NULL);

      g_variant_builder_add (&results, "{sv}", "uri", g_variant_new_string (uri));
    }
  g_dbus_connection_emit_signal (pending->portal->connection, pending->sender, pending->path,
                                 "org.freedesktop.portal.Request", "Response",
                                 g_variant_new ("(ua{sv})", pending->portal->response,
                                                &results),
                                 NULL);
  g_free (pending->sender);
  g_free (pending->path);
  g_free (pending);
  return G_SOURCE_REMOVE;
}

static void
portal_method (GDBusConnection       *connection,
               const char            *sender,
               const char            *object_path,
               const char            *interface_name,
               const char            *method_name,
               GVariant              *parameters,
               GDBusMethodInvocation *invocation,
               gpointer               user_data)
{
  Portal *portal = user_data;
  g_autoptr(GVariant) options = NULL;
  g_autofree char *escaped = g_strdelimit (g_strdup (sender + 1), ".", '_');
  const char *token = "t";
  Pending *pending = g_new0 (Pending, 1);

  portal->calls++;
  g_variant_get (parameters, "(&s@a{sv})", NULL, &options);
  g_variant_lookup (options, "handle_token", "&s", &token);
  g_variant_lookup (options, "interactive", "b", &portal->interactive);
  pending->portal = portal;
  pending->sender = g_strdup (sender);
  pending->path = g_strdup_printf ("/org/freedesktop/portal/desktop/request/%s/%s", escaped,
                                   token);
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", pending->path));
  g_idle_add (respond, pending);
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

static void
portal_start (Portal *portal)
{
  static const GDBusInterfaceVTable vtable = { portal_method, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (portal_xml, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;

  portal->connection = new_connection ();
  g_dbus_connection_register_object (portal->connection, "/org/freedesktop/portal/desktop",
                                     info->interfaces[0], &vtable, portal, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (portal->connection, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.portal.Desktop", 0),
                                       G_VARIANT_TYPE ("(u)"), 0, -1, NULL, &error);
  g_assert_no_error (error);
}

static void
portal_stop (Portal *portal)
{
  g_dbus_connection_close_sync (portal->connection, NULL, NULL);
  g_clear_object (&portal->connection);
  g_free (portal->picture);
}

static char *
draw_qr_png (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvSecret) text = rv_secret_new_from_string (FAKE_URI);
  g_autoptr(RvQrMatrix) matrix = rv_qr_encode (text, &error);
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_assert_no_error (error);
  g_assert_true (rv_qr_matrix_save_png (matrix, path, 6, &error));
  g_assert_no_error (error);
  return path;
}

typedef struct
{
  GPtrArray *codes;
  GError    *error;
  gboolean   done;
} Result;

static void
scan_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Result *r = user_data;

  r->codes = rv_qr_source_scan_screen_finish (result, &r->error);
  r->done = TRUE;
}

static void
test_scan_screen (void)
{
  Portal portal = { NULL, 0, NULL, 0, TRUE };
  g_autoptr(GDBusConnection) client = new_connection ();
  Result r = { NULL, NULL, FALSE };

  portal.picture = draw_qr_png ("screen.png");
  portal_start (&portal);

  rv_qr_source_scan_screen_async (client, "", NULL, scan_cb, &r);
  g_assert_true (rv_gui_test_wait_for (&r.done, 10000));
  g_assert_no_error (r.error);
  g_assert_cmpuint (portal.calls, ==, 1);
  g_assert_false (portal.interactive);
  g_assert_cmpuint (r.codes->len, ==, 1);
  g_assert_cmpstr (rv_secret_get_string (g_ptr_array_index (r.codes, 0)), ==, FAKE_URI);
  /* The screenshot may show a secret: it is not left on disk. */
  g_assert_false (g_file_test (portal.picture, G_FILE_TEST_EXISTS));

  g_ptr_array_unref (r.codes);
  portal_stop (&portal);
}

static void
test_scan_screen_cancelled (void)
{
  Portal portal = { NULL, 1, NULL, 0, TRUE };
  g_autoptr(GDBusConnection) client = new_connection ();
  Result r = { NULL, NULL, FALSE };

  portal_start (&portal);
  rv_qr_source_scan_screen_async (client, "", NULL, scan_cb, &r);
  g_assert_true (rv_gui_test_wait_for (&r.done, 10000));
  g_assert_null (r.codes);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&r.error);
  portal_stop (&portal);
}

static void
test_scan_screen_no_code (void)
{
  Portal portal = { NULL, 0, NULL, 0, TRUE };
  g_autoptr(GDBusConnection) client = new_connection ();
  g_autoptr(GdkTexture) blank = NULL;
  g_autoptr(GBytes) pixels = g_bytes_new_take (g_malloc0 (64 * 64 * 4), 64 * 64 * 4);
  Result r = { NULL, NULL, FALSE };

  blank = gdk_memory_texture_new (64, 64, GDK_MEMORY_R8G8B8A8, pixels, 64 * 4);
  portal.picture = g_build_filename (tmp_dir, "blank.png", NULL);
  g_assert_true (gdk_texture_save_to_png (blank, portal.picture));
  portal_start (&portal);
  rv_qr_source_scan_screen_async (client, "", NULL, scan_cb, &r);
  g_assert_true (rv_gui_test_wait_for (&r.done, 10000));
  g_assert_error (r.error, RV_QR_ERROR, RV_QR_ERROR_NO_CODE);
  g_clear_error (&r.error);
  portal_stop (&portal);
}

static void
test_scan_screen_no_portal (void)
{
  g_autoptr(GDBusConnection) client = new_connection ();
  Result r = { NULL, NULL, FALSE };

  rv_qr_source_scan_screen_async (client, "", NULL, scan_cb, &r);
  g_assert_true (rv_gui_test_wait_for (&r.done, 10000));
  g_assert_error (r.error, RV_QR_ERROR, RV_QR_ERROR_LOAD);
  g_assert_nonnull (strstr (r.error->message, "screenshot"));
  g_clear_error (&r.error);
}

static void
clipboard_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Result *r = user_data;

  r->codes = rv_qr_source_read_clipboard_finish (GDK_CLIPBOARD (source), result, &r->error);
  r->done = TRUE;
}

static void
test_clipboard_image (void)
{
  GdkClipboard *clipboard = gdk_display_get_clipboard (gdk_display_get_default ());
  g_autoptr(GError) error = NULL;
  g_autoptr(RvSecret) text = rv_secret_new_from_string (FAKE_URI);
  g_autoptr(GdkTexture) texture = rv_qr_texture_new (text, &error);
  Result r = { NULL, NULL, FALSE };
  Result none = { NULL, NULL, FALSE };

  g_assert_no_error (error);
  gdk_clipboard_set_texture (clipboard, texture);
  rv_qr_source_read_clipboard_async (clipboard, NULL, clipboard_cb, &r);
  g_assert_true (rv_gui_test_wait_for (&r.done, 10000));
  g_assert_no_error (r.error);
  g_assert_cmpuint (r.codes->len, ==, 1);
  g_assert_cmpstr (rv_secret_get_string (g_ptr_array_index (r.codes, 0)), ==, FAKE_URI);
  g_ptr_array_unref (r.codes);

  /* Text is not an image. */
  gdk_clipboard_set_text (clipboard, "1234 5678");
  rv_qr_source_read_clipboard_async (clipboard, NULL, clipboard_cb, &none);
  g_assert_true (rv_gui_test_wait_for (&none.done, 10000));
  g_assert_error (none.error, RV_QR_ERROR, RV_QR_ERROR_LOAD);
  g_clear_error (&none.error);
}

/* The Add Account dialog's "Paste Image" reads the clipboard and offers its
 * account; Add adds it. */
static void
test_add_dialog_paste_image (void)
{
  GdkClipboard *clipboard = gdk_display_get_clipboard (gdk_display_get_default ());
  g_autofree char *path = g_build_filename (tmp_dir, "dialog.rvault", NULL);
  g_autoptr(RvVault) vault = rv_gui_test_create_vault (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RvSecret) text = rv_secret_new_from_string (FAKE_URI);
  g_autoptr(GdkTexture) texture = rv_qr_texture_new (text, &error);
  GtkWidget *dialog = rv_add_account_dialog_new (NULL, vault);
  GtkWidget *add_button = GTK_WIDGET (gtk_widget_get_template_child (dialog,
                                                                     RV_TYPE_ADD_ACCOUNT_DIALOG,
                                                                     "add_button"));
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  g_autoptr(RvAccount) account = NULL;

  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (dialog));
  gdk_clipboard_set_texture (clipboard, texture);
  g_assert_false (gtk_widget_get_sensitive (add_button));
  g_assert_true (gtk_widget_activate_action (dialog, "add-account.paste-image", NULL));
  while (!gtk_widget_get_sensitive (add_button) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
  g_assert_true (gtk_widget_get_sensitive (add_button));
  /* Adding closes (and frees) the dialog. */
  g_assert_true (gtk_widget_activate_action (dialog, "add-account.add", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (rv_vault_get_accounts (vault)), ==, 1);
  account = g_list_model_get_item (rv_vault_get_accounts (vault), 0);
  g_assert_cmpstr (rv_account_get_issuer (account), ==, "Example");

  rv_vault_close (vault);
  g_unlink (path);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  int status;

  /* GTestDBus unsets DISPLAY (against X11 autolaunch); GDK needs it. */
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
      tmp_dir = g_dir_make_tmp ("rv-qr-source-XXXXXX", NULL);
      g_test_add_func ("/qr-source/screen", test_scan_screen);
      g_test_add_func ("/qr-source/screen-cancelled", test_scan_screen_cancelled);
      g_test_add_func ("/qr-source/screen-no-code", test_scan_screen_no_code);
      g_test_add_func ("/qr-source/screen-no-portal", test_scan_screen_no_portal);
      g_test_add_func ("/qr-source/clipboard", test_clipboard_image);
      g_test_add_func ("/qr-source/add-dialog-paste", test_add_dialog_paste_image);
      status = g_test_run ();
      g_remove (tmp_dir);
    }

  /* Not g_test_dbus_down(): libadwaita keeps the session connection until exit. */
  g_test_dbus_stop (test_bus);
  return status;
}
