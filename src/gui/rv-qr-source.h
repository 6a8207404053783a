/* rv-qr-source.h: QR codes from the screen (portal) and the clipboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Every QR code on @texture: a GPtrArray of RvSecret (the decoded texts), at
 * least one; RV_QR_ERROR_NO_CODE otherwise. */
GPtrArray *rv_qr_source_decode_texture        (GdkTexture          *texture,
                                               GError             **error);

/* Reads the image on @clipboard and decodes it. */
void       rv_qr_source_read_clipboard_async  (GdkClipboard        *clipboard,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GPtrArray *rv_qr_source_read_clipboard_finish (GdkClipboard        *clipboard,
                                               GAsyncResult        *result,
                                               GError             **error);

/* Asks xdg-desktop-portal (org.freedesktop.portal.Screenshot, on
 * @connection: NULL for the session bus) for a screenshot, which the user may
 * have to allow, and decodes it. @parent_window: the portal's window
 * identifier, or "". A refusal or cancellation by the user ends with
 * G_IO_ERROR_CANCELLED. */
void       rv_qr_source_scan_screen_async     (GDBusConnection     *connection,
                                               const char          *parent_window,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GPtrArray *rv_qr_source_scan_screen_finish    (GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
