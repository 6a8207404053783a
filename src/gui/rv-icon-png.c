/* rv-icon-png.c: renders the app icon's SVG to PNG at one size (build tool)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   rv-icon-png INPUT.svg SIZE OUTPUT.png
 *
 * The gresource carries the app icon as PNGs at the sizes the app shows it
 * (48 px, the X11 window icon GTK sets on every start-up; 128 px and 256 px
 * for the unlock and first-run pages and About): rendering the SVG was
 * about 5 ms of the way to the first frame (tests/bench/bench-gui-startup).
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
