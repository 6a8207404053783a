/* rv-qr.c: reading QR codes with zbar, drawing them with libqrencode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rv-qr.h"

#include <errno.h>
#include <string.h>
#include <sodium.h>

#include "rv-lazy-qr.h"

G_DEFINE_QUARK (rv-qr-error-quark, rv_qr_error)

/* Loaded when a code is first read or drawn (rv-lazy.h); RV_LIBZBAR and
 * RV_LIBQRENCODE let the tests name a library that is not there. */
RvLazyLibrary rv_lazy_zbar = RV_LAZY_LIBRARY_INIT (ZBAR_SONAME, "RV_LIBZBAR");
RvLazyLibrary rv_lazy_qrencode = RV_LAZY_LIBRARY_INIT (QRENCODE_SONAME, "RV_LIBQRENCODE");

/* Longer than any otpauth or migration URI we write or expect. */
#define MAX_PIXELS (64 * 1024 * 1024)

static void
free_secret (gpointer secret)
{
  rv_secret_free (secret);
}

GPtrArray *
rv_qr_decode_gray (const guint8  *pixels,
                   guint          width,
                   guint          height,
                   GError       **error)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (free_secret);
  zbar_image_scanner_t *scanner;
  zbar_image_t *image;

  g_return_val_if_fail (pixels != NULL, NULL);

  if (width == 0 || height == 0 || (guint64) width * height > MAX_PIXELS)
    {
      g_set_error (error, RV_QR_ERROR, RV_QR_ERROR_LOAD,
                   "Unsupported image size %u×%u", width, height);
      return NULL;
    }
  if (!rv_lazy_library_require (&rv_lazy_zbar, RV_QR_ERROR, RV_QR_ERROR_LOAD,
                                "QR codes cannot be read", error))
    return NULL;

  scanner = zbar_image_scanner_create ();
  zbar_image_scanner_set_config (scanner, 0, ZBAR_CFG_ENABLE, 0);
  zbar_image_scanner_set_config (scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
  /* Keep the bytes as they are: no guessing of text encodings. */
  zbar_image_scanner_set_config (scanner, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1);

  image = zbar_image_create ();
  zbar_image_set_format (image, zbar_fourcc ('Y', '8', '0', '0'));
  zbar_image_set_size (image, width, height);
  zbar_image_set_data (image, pixels, (gulong) width * height, NULL);

  if (zbar_scan_image (scanner, image) > 0)
    for (const zbar_symbol_t *symbol = zbar_image_first_symbol (image);
         symbol != NULL;
         symbol = zbar_symbol_next (symbol))
      {
        const char *data = zbar_symbol_get_data (symbol);
        guint len = zbar_symbol_get_data_length (symbol);

        if (zbar_symbol_get_type (symbol) != ZBAR_QRCODE)
          continue;
        g_ptr_array_add (texts, rv_secret_new_from_data (data, len));
        /* zbar keeps its own copy in the heap; wipe it before it is freed. */
        sodium_memzero ((char *) data, len);
      }

  zbar_image_destroy (image);
  zbar_image_scanner_destroy (scanner);

  if (texts->len == 0)
    {
      g_set_error_literal (error, RV_QR_ERROR, RV_QR_ERROR_NO_CODE,
                           "No QR code found in the image");
      return NULL;
    }
  return g_steal_pointer (&texts);
}

GPtrArray *
rv_qr_decode_pixbuf (GdkPixbuf  *pixbuf,
                     GError    **error)
{
  guint width, height, rowstride, channels;
  const guint8 *pixels;
  gsize gray_size;
  guint8 *gray;
  GPtrArray *texts;

  g_return_val_if_fail (GDK_IS_PIXBUF (pixbuf), NULL);

  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  if (gdk_pixbuf_get_colorspace (pixbuf) != GDK_COLORSPACE_RGB ||
      gdk_pixbuf_get_bits_per_sample (pixbuf) != 8 ||
      width == 0 || height == 0 || (guint64) width * height > MAX_PIXELS)
    {
      g_set_error_literal (error, RV_QR_ERROR, RV_QR_ERROR_LOAD, "Unsupported image format");
      return NULL;
    }

  rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  channels = gdk_pixbuf_get_n_channels (pixbuf);
  pixels = gdk_pixbuf_read_pixels (pixbuf);
  /* A picture of a QR code is as secret as the code; the pixbuf is in the
   * heap anyway, so the grey copy is too, wiped after the scan. */
  gray_size = (gsize) width * height;
  gray = g_malloc (gray_size);
  for (guint y = 0; y < height; y++)
    {
      const guint8 *row = pixels + (gsize) y * rowstride;

      for (guint x = 0; x < width; x++)
        {
          const guint8 *p = row + (gsize) x * channels;
          guint luma = (299 * p[0] + 587 * p[1] + 114 * p[2]) / 1000;

          /* Transparent pixels are drawn over white. */
          if (channels == 4)
            luma = (luma * p[3] + 255 * (255 - p[3])) / 255;
          gray[(gsize) y * width + x] = (guint8) luma;
        }
    }

  texts = rv_qr_decode_gray (gray, width, height, error);
  sodium_memzero (gray, gray_size);
  g_free (gray);
  return texts;
}

GPtrArray *
rv_qr_decode_image_file (const char  *path,
                         GError     **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) oriented = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  pixbuf = gdk_pixbuf_new_from_file (path, &local_error);
  if (pixbuf == NULL)
    {
      display = g_filename_display_name (path);
      g_set_error (error, RV_QR_ERROR, RV_QR_ERROR_LOAD,
                   "Could not read the image “%s”: %s", display, local_error->message);
      return NULL;
    }
  /* Phone photos carry their rotation in EXIF. */
  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  return rv_qr_decode_pixbuf (oriented != NULL ? oriented : pixbuf, error);
}

RvQrMatrix *
rv_qr_encode (const RvSecret  *text,
              GError         **error)
{
  RvQrMatrix *matrix;
  QRcode *code;
  guint8 *modules;
  gsize n;

  g_return_val_if_fail (text != NULL, NULL);

  if (rv_secret_get_size (text) == 0)
    {
      g_set_error_literal (error, RV_QR_ERROR, RV_QR_ERROR_ENCODE, "Nothing to encode");
      return NULL;
    }
  if (!rv_lazy_library_require (&rv_lazy_qrencode, RV_QR_ERROR, RV_QR_ERROR_ENCODE,
                                "QR codes cannot be made", error))
    return NULL;
  errno = 0;
  code = QRcode_encodeData ((int) MIN (rv_secret_get_size (text), (gsize) G_MAXINT),
                            rv_secret_get_data (text), 0, QR_ECLEVEL_M);
  if (code == NULL)
    {
      if (errno == ERANGE || errno == EINVAL)
        g_set_error (error, RV_QR_ERROR, RV_QR_ERROR_TOO_LONG,
                     "%" G_GSIZE_FORMAT " bytes are too many for one QR code",
                     rv_secret_get_size (text));
      else
        g_set_error (error, RV_QR_ERROR, RV_QR_ERROR_ENCODE,
                     "The QR code could not be made: %s", g_strerror (errno));
      return NULL;
    }

  n = (gsize) code->width * code->width;
  matrix = g_new0 (RvQrMatrix, 1);
  matrix->width = code->width;
  matrix->modules = rv_secret_new (n);
  modules = rv_secret_get_mutable_data (matrix->modules);
  for (gsize i = 0; i < n; i++)
    modules[i] = code->data[i] & 1;
  /* libqrencode's matrix is in the heap: wipe it. */
  sodium_memzero (code->data, n);
  QRcode_free (code);
  return matrix;
}

gboolean
rv_qr_matrix_get (const RvQrMatrix *matrix,
                  guint             x,
                  guint             y)
{
  g_return_val_if_fail (matrix != NULL, FALSE);

  if (x >= matrix->width || y >= matrix->width)
    return FALSE;
  return rv_secret_get_data (matrix->modules)[(gsize) y * matrix->width + x] != 0;
}

void
rv_qr_matrix_free (RvQrMatrix *matrix)
{
  if (matrix == NULL)
    return;
  rv_secret_free (matrix->modules);
  g_free (matrix);
}

RvSecret *
rv_qr_matrix_render_rgba (const RvQrMatrix *matrix,
                          guint             scale,
                          guint             margin,
                          guint            *size)
{
  RvSecret *image;
  guint8 *pixels;
  guint side;

  g_return_val_if_fail (matrix != NULL, NULL);
  g_return_val_if_fail (scale > 0 && scale <= 64 && margin <= 64, NULL);

  side = (matrix->width + 2 * margin) * scale;
  image = rv_secret_new ((gsize) side * side * 4);
  pixels = rv_secret_get_mutable_data (image);
  for (guint y = 0; y < side; y++)
    for (guint x = 0; x < side; x++)
      {
        guint mx = x / scale, my = y / scale;
        gboolean dark = mx >= margin && my >= margin &&
                        rv_qr_matrix_get (matrix, mx - margin, my - margin);
        guint8 *p = pixels + ((gsize) y * side + x) * 4;

        p[0] = p[1] = p[2] = dark ? 0 : 255;
        p[3] = 255;
      }
  if (size != NULL)
    *size = side;
  return image;
}

gboolean
rv_qr_matrix_save_png (const RvQrMatrix  *matrix,
                       const char        *path,
                       guint              scale,
                       GError           **error)
{
  g_autoptr(RvSecret) rgba = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) local_error = NULL;
  guint side = 0;

  g_return_val_if_fail (matrix != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  rgba = rv_qr_matrix_render_rgba (matrix, MAX (scale, 1), 4, &side);
  pixbuf = gdk_pixbuf_new_from_data (rv_secret_get_data (rgba), GDK_COLORSPACE_RGB, TRUE, 8,
                                     side, side, side * 4, NULL, NULL);
  if (!gdk_pixbuf_save (pixbuf, path, "png", &local_error, NULL))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, RV_QR_ERROR, RV_QR_ERROR_SAVE, "Could not write “%s”: %s",
                   display, local_error->message);
      return FALSE;
    }
  return TRUE;
}
