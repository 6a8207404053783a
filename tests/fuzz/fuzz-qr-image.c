/* fuzz-qr-image.c: libFuzzer target for pictures of QR codes (rvault import PHOTO.png)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The image path of `rvault import`: gdk-pixbuf loads the picture, zbar
 * finds every QR code in it (a photographed emergency sheet holds several),
 * and their texts, joined, go through format detection and the importer.
 */
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "rv-import.h"
#include "rv-qr.h"

#define MAX_INPUT_SIZE   (1024 * 1024)
#define MAX_INPUT_PIXELS  (4 * 1024 * 1024)

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* A header may claim a huge picture: shrink it as it loads. */
static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  if ((gint64) width * height > MAX_INPUT_PIXELS)
    gdk_pixbuf_loader_set_size (loader, MIN (width, 2048), MIN (height, 2048));
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GdkPixbuf) oriented = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(RvSecret) joined = NULL;
  g_autoptr(RvImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) parse_error = NULL;
  GdkPixbuf *pixbuf;

  if (size > MAX_INPUT_SIZE)
    return 0;
  loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), NULL);
  if (!gdk_pixbuf_loader_write (loader, data, size, NULL))
    {
      gdk_pixbuf_loader_close (loader, NULL);
      return 0;
    }
  if (!gdk_pixbuf_loader_close (loader, NULL))
    return 0;
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    return 0;
  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);

  texts = rv_qr_decode_pixbuf (oriented != NULL ? oriented : pixbuf, &error);
  g_assert ((texts == NULL) == (error != NULL));
  if (texts == NULL)
    {
      g_assert (error->domain == RV_QR_ERROR);
      return 0;
    }
  g_assert (texts->len > 0);

  joined = rv_import_join_texts (texts);
  result = rv_import_parse (rv_secret_get_data (joined), rv_secret_get_size (joined),
                            RV_IMPORT_FORMAT_AUTO, NULL, &parse_error);
  g_assert ((result == NULL) == (parse_error != NULL));
  return 0;
}
