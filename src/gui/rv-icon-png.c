/* rv-icon-png.c: renders the app icon's SVG to PNG at one size (build tool)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   rv-icon-png INPUT.svg SIZE OUTPUT.png
 *
 * The gresource carries the app icon as PNGs (48 px, and 128 px at scale 1
 * and 2 for the unlock and first-run pages and About): with the SVG there,
 * GTK rendered it on the way to the first frame, about 5 ms of main-thread
 * CPU (tests/bench/bench-gui-startup; the window shows no icon on X11
 * without a window manager, so which lookup did it is not pinned down).
 * Made at build time with gdk-pixbuf, so they cannot drift from the SVG.
 */
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <stdlib.h>

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  int size;

  if (argc != 4 || (size = atoi (argv[2])) <= 0)
    {
      g_printerr ("usage: %s INPUT.svg SIZE OUTPUT.png\n", argv[0]);
      return 2;
    }
  pixbuf = gdk_pixbuf_new_from_file_at_size (argv[1], size, size, &error);
  if (pixbuf == NULL || !gdk_pixbuf_save (pixbuf, argv[3], "png", &error, NULL))
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return 1;
    }
  return 0;
}
