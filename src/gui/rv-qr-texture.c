/* rv-qr-texture.c: a QR code as a texture for GtkPicture
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rv-qr.h"

#include "rv-qr-texture.h"

/* Pixels per module: big enough for a phone camera at arm's length, and
 * GtkPicture scales down when space is short. */
#define QR_SCALE  6
#define QR_MARGIN 4

GdkTexture *
rv_qr_texture_new (const RvSecret  *text,
                   GError         **error)
{
  g_autoptr(RvQrMatrix) matrix = NULL;
  g_autoptr(GBytes) bytes = NULL;
  RvSecret *pixels;
  guint size = 0;

  g_return_val_if_fail (text != NULL, NULL);

  matrix = rv_qr_encode (text, error);
  if (matrix == NULL)
    return NULL;

  pixels = rv_qr_matrix_render_rgba (matrix, QR_SCALE, QR_MARGIN, &size);
  /* The texture reads the guarded buffer in place and frees (wipes) it with
   * the texture. */
  bytes = g_bytes_new_with_free_func (rv_secret_get_data (pixels), (gsize) size * size * 4,
                                      (GDestroyNotify) rv_secret_free, pixels);
  return gdk_memory_texture_new (size, size, GDK_MEMORY_R8G8B8A8, bytes, (gsize) size * 4);
}
