/* rv-qr-source.c: QR codes from the screen (portal) and the clipboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The screen: org.freedesktop.portal.Screenshot through GDBus (libportal is
 * not needed for one call): Screenshot() returns a Request object whose
 * Response signal carries the URI of the picture. We subscribe to that
 * signal before calling, on the object path the portal will use (from our
 * handle_token), so a fast answer is not missed. The picture holds whatever
 * the screen showed, maybe a secret: it is deleted once read.
 *
 * The clipboard: gdk_clipboard_read_texture_async().
 *
 * Either way the image goes to src/qr (zbar) as 8-bit grey pixels kept in
 * guarded memory, and the decoded texts come back as RvSecret.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rv-qr.h"
#include "rv-qr-source.h"
#include "rv-secret.h"

#define PORTAL_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_PATH "/org/freedesktop/portal/desktop"
#define SCREENSHOT_IFACE "org.freedesktop.portal.Screenshot"
#define REQUEST_IFACE "org.freedesktop.portal.Request"

GPtrArray *
rv_qr_source_decode_texture (GdkTexture  *texture,
                             GError     **error)
{
  int width, height;
  gsize stride;
  g_autoptr(RvSecret) rgba = NULL;
  g_autoptr(RvSecret) gray = NULL;
  const guint8 *in;
  guint8 *out;

  g_return_val_if_fail (GDK_IS_TEXTURE (texture), NULL);

  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  stride = (gsize) width * 4;
  rgba = rv_secret_new (stride * height);
  gray = rv_secret_new ((gsize) width * height);
  /* GTK 4.8: premultiplied B8G8R8A8 (CAIRO_FORMAT_ARGB32) on little-endian. */
  gdk_texture_download (texture, rv_secret_get_mutable_data (rgba), stride);

  in = rv_secret_get_data (rgba);
  out = rv_secret_get_mutable_data (gray);
  for (gsize i = 0; i < (gsize) width * height; i++)
    {
      guint b = in[4 * i], g = in[4 * i + 1], r = in[4 * i + 2], a = in[4 * i + 3];
      /* Transparent is light: a QR on a transparent background still reads. */
      guint y = (r * 77 + g * 150 + b * 29) >> 8;

      out[i] = (guint8) (y + (255 - a));
    }
  return rv_qr_decode_gray (out, width, height, error);
}

static void
clipboard_texture_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GPtrArray *codes;

  texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result, &error);
  if (texture == NULL)
    {
      g_task_return_new_error (task, RV_QR_ERROR, RV_QR_ERROR_LOAD,
                               _("The clipboard holds no image: %s"), error->message);
      return;
    }
  codes = rv_qr_source_decode_texture (texture, &error);
  if (codes == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, codes, (GDestroyNotify) g_ptr_array_unref);
}

void
rv_qr_source_read_clipboard_async (GdkClipboard        *clipboard,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (GDK_IS_CLIPBOARD (clipboard));

  task = g_task_new (clipboard, cancellable, callback, user_data);
  g_task_set_source_tag (task, rv_qr_source_read_clipboard_async);
  gdk_clipboard_read_texture_async (clipboard, cancellable, clipboard_texture_cb, task);
}

GPtrArray *
rv_qr_source_read_clipboard_finish (GdkClipboard  *clipboard,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, clipboard), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The screen */

typedef struct
{
  GDBusConnection *connection;
  char            *request_path;
  guint            response_id;
} ScanData;

static void
scan_data_free (ScanData *data)
{
  if (data->response_id != 0)
    g_dbus_connection_signal_unsubscribe (data->connection, data->response_id);
  g_clear_object (&data->connection);
  g_free (data->request_path);
  g_free (data);
}

static void
finish_response (GTask    *task,
                 guint32   response,
                 GVariant *results)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  const char *uri = NULL;
  GPtrArray *codes;

  if (response != 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The screenshot was not taken"));
      return;
    }
  if (!g_variant_lookup (results, "uri", "&s", &uri))
    {
      g_task_return_new_error (task, RV_QR_ERROR, RV_QR_ERROR_LOAD,
                               _("The screenshot portal gave no picture"));
      return;
    }
  file = g_file_new_for_uri (uri);
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_task_return_new_error (task, RV_QR_ERROR, RV_QR_ERROR_LOAD,
                               _("The screenshot is not a local file: %s"), uri);
      return;
    }
  codes = rv_qr_decode_image_file (path, &error);
  /* It may show a secret: it was taken for us alone, and is not kept. */
  g_unlink (path);
  if (codes == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, codes, (GDestroyNotify) g_ptr_array_unref);
}

static void
response_cb (GDBusConnection *connection,
             const char      *sender,
             const char      *object_path,
             const char      *interface,
             const char      *signal,
             GVariant        *parameters,
             gpointer         user_data)
{
  GTask *task = user_data;
  ScanData *data = g_task_get_task_data (task);
  g_autoptr(GVariant) results = NULL;
  guint32 response;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ua{sv})")))
    return;
  g_variant_get (parameters, "(u@a{sv})", &response, &results);
  /* One answer: the subscription holds the task's last reference. */
  g_dbus_connection_signal_unsubscribe (connection, data->response_id);
  data->response_id = 0;
  if (!g_task_had_error (task) && !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    finish_response (task, response, results);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
  g_object_unref (task);
}

static void
screenshot_call_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  ScanData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      g_dbus_connection_signal_unsubscribe (data->connection, data->response_id);
      data->response_id = 0;
      g_dbus_error_strip_remote_error (error);
      g_task_return_new_error (task, RV_QR_ERROR, RV_QR_ERROR_LOAD,
                               _("Could not ask for a screenshot: %s"), error->message);
      g_object_unref (task);
    }
  /* Otherwise the Response signal finishes the task. */
}

void
rv_qr_source_scan_screen_async (GDBusConnection     *connection,
                                const char          *parent_window,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *sender = NULL;
  GVariantBuilder options;
  ScanData *data;
  GTask *task;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rv_qr_source_scan_screen_async);

  if (connection != NULL)
    g_object_ref (connection);
  else if ((connection = g_bus_get_sync (G_BUS_TYPE_SESSION, cancellable, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  data = g_new0 (ScanData, 1);
  data->connection = connection;
  g_task_set_task_data (task, data, (GDestroyNotify) scan_data_free);

  /* The Request path the portal will use: .../request/SENDER/TOKEN. */
  token = g_strdup_printf ("recovery_vault_%u", g_random_int ());
  sender = g_strdelimit (g_strdup (g_dbus_connection_get_unique_name (connection) + 1), ".",
                         '_');
  data->request_path = g_strdup_printf (PORTAL_PATH "/request/%s/%s", sender, token);
  data->response_id = g_dbus_connection_signal_subscribe (connection, PORTAL_NAME,
                                                          REQUEST_IFACE, "Response",
                                                          data->request_path, NULL,
                                                          G_DBUS_SIGNAL_FLAGS_NONE,
                                                          response_cb, task, NULL);

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "modal", g_variant_new_boolean (TRUE));
  g_variant_builder_add (&options, "{sv}", "interactive", g_variant_new_boolean (FALSE));
  g_dbus_connection_call (connection, PORTAL_NAME, PORTAL_PATH, SCREENSHOT_IFACE, "Screenshot",
                          g_variant_new ("(sa{sv})", parent_window ? parent_window : "",
                                         &options),
                          G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, -1, cancellable,
                          screenshot_call_cb, task);
}

GPtrArray *
rv_qr_source_scan_screen_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
