/* replay-main.c: runs a fuzz target over its corpus folder without libFuzzer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n = 0;

  if (argc != 2)
    g_error ("usage: %s CORPUS-DIR", argv[0]);
  dir = g_dir_open (argv[1], 0, &error);
  if (dir == NULL)
    g_error ("%s", error->message);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (argv[1], name, NULL);
      g_autofree char *contents = NULL;
      gsize len;

      if (!g_file_get_contents (path, &contents, &len, &error))
        g_error ("%s", error->message);
      LLVMFuzzerTestOneInput ((const guint8 *) contents, len);
      n++;
    }
  g_print ("replayed %u inputs\n", n);
  return n > 0 ? 0 : 1;
}
