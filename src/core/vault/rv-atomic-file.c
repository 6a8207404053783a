/* rv-atomic-file.c: durable, atomic replacement of a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rv-atomic-file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *what,
                 const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               "Could not %s “%s”: %s", what, display, g_strerror (saved_errno));
  return FALSE;
}

gboolean
rv_atomic_file_sync_folder (const char  *path,
                            GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  int fd;

  fd = open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return set_errno_error (error, errno, "open the folder", folder);
  if (fsync (fd) != 0 && errno != EINVAL)
    {
      int saved_errno = errno;

      close (fd);
      return set_errno_error (error, saved_errno, "sync the folder", folder);
    }
  close (fd);
  return TRUE;
}

static gboolean
write_all (int            fd,
           const guint8  *data,
           gsize          len)
{
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

gboolean
rv_atomic_file_write (const char     *path,
                      gconstpointer   data,
                      gsize           len,
                      guint           mode,
                      GError        **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  folder = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", folder, base);

  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, (int) mode);
  if (fd < 0)
    return set_errno_error (error, errno, "create a file in", folder);

  /* mkstemp applies the umask; the mode asked for must hold regardless. */
  errno = 0;
  if (fchmod (fd, mode) != 0 || !write_all (fd, data, len) || fsync (fd) != 0)
    {
      int saved_errno = errno ? errno : EIO;

      close (fd);
      g_unlink (tmp);
      return set_errno_error (error, saved_errno, "write", path);
    }
  if (close (fd) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp);
      return set_errno_error (error, saved_errno, "write", path);
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp);
      return set_errno_error (error, saved_errno, "replace", path);
    }
  return rv_atomic_file_sync_folder (path, error);
}
