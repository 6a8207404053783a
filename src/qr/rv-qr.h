/* rv-qr.h: reading and drawing QR codes (zbar, libqrencode, gdk-pixbuf)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not part of core: used by the CLI and the GUI. QR codes of 2FA accounts
 * carry secrets, so decoded texts and encoded matrices live in RvSecret.
 */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "rv-secret.h"

G_BEGIN_DECLS

#define RV_QR_ERROR (rv_qr_error_quark ())

typedef enum
{
  RV_QR_ERROR_LOAD,        /* the image could not be read */
  RV_QR_ERROR_NO_CODE,     /* no QR code found in the image */
  RV_QR_ERROR_TOO_LONG,    /* text too long for a QR code */
  RV_QR_ERROR_ENCODE,      /* libqrencode failed */
  RV_QR_ERROR_SAVE,        /* the PNG could not be written */
} RvQrError;

/* A QR code: @width × @width modules, row by row in @modules, one byte each:
 * 1 = dark, 0 = light. No quiet zone included. */
typedef struct
{
  guint     width;
  RvSecret *modules;
} RvQrMatrix;

GQuark      rv_qr_error_quark          (void);

/* The texts of every QR code found (RvSecret each, in scan order, at least
 * one; NO_CODE otherwise). PNG, JPEG and whatever gdk-pixbuf loads. */
GPtrArray  *rv_qr_decode_image_file    (const char       *path,
                                        GError          **error);
GPtrArray  *rv_qr_decode_pixbuf        (GdkPixbuf        *pixbuf,
                                        GError          **error);
/* 8-bit grayscale (Y800) pixels, e.g. from a camera frame. */
GPtrArray  *rv_qr_decode_gray          (const guint8     *pixels,
                                        guint             width,
                                        guint             height,
                                        GError          **error);

/* Encodes @text (byte mode, error correction level M). */
RvQrMatrix *rv_qr_encode               (const RvSecret   *text,
                                        GError          **error);
gboolean    rv_qr_matrix_get           (const RvQrMatrix *matrix,
                                        guint             x,
                                        guint             y);
void        rv_qr_matrix_free          (RvQrMatrix       *matrix);

/* Renders black on white with @scale pixels per module and a quiet zone of
 * @margin modules: RGBA bytes, *@size × *@size pixels, rowstride *@size × 4. */
RvSecret   *rv_qr_matrix_render_rgba   (const RvQrMatrix *matrix,
                                        guint             scale,
                                        guint             margin,
                                        guint            *size);
gboolean    rv_qr_matrix_save_png      (const RvQrMatrix *matrix,
                                        const char       *path,
                                        guint             scale,
                                        GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RvQrMatrix, rv_qr_matrix_free)

G_END_DECLS
