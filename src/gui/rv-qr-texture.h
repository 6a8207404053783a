/* rv-qr-texture.h: a QR code as a texture for GtkPicture
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "rv-secret.h"

G_BEGIN_DECLS

/* Encodes @text (which may be secret) as a QR code, black on white with a
 * quiet zone. The pixels stay in guarded memory until the texture is freed. */
GdkTexture *rv_qr_texture_new (const RvSecret  *text,
                               GError         **error);

G_END_DECLS
