/* rv-atomic-file.c: durable, atomic replacement of a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one place that writes a file durably: a temporary file beside the
 * target (exclusive, the asked-for mode), write_all, fsync, rename over the
 * target, fsync of the folder. The vault's storage, exports and automatic
 * backups all go through it.
 */
#include "config.h"

#include "rv-atomic-file.h"
#include "rv-util.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

struct _RvAtomicFile
{
  char *path;
  char *tmp;
};

/* @format names what failed; the cause follows. */
#define set_errno_error(error, saved_errno, ...) \
  rv_set_errno_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), saved_errno, \
                      __VA_ARGS__)

gboolean
rv_atomic_file_sync_folder (const char  *path,
                            GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *shown = g_filename_display_name (folder);
  int fd;

  fd = open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return set_errno_error (error, errno, _("Could not open the folder “%s”"), shown);
  /* Some file systems cannot sync a folder (EINVAL): nothing more to do. */
  if (fsync (fd) != 0 && errno != EINVAL)
    {
      int saved_errno = errno;

      close (fd);
      return set_errno_error (error, saved_errno, _("Could not sync the folder “%s”"), shown);
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
      if (n < 0)
        return FALSE;
      if (n == 0)
        {
          errno = EIO;
          return FALSE;
        }
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

static void
atomic_file_free (RvAtomicFile *file)
{
  g_free (file->path);
  g_free (file->tmp);
  g_free (file);
}

RvAtomicFile *
rv_atomic_file_prepare (const char     *path,
                        gconstpointer   data,
                        gsize           len,
                        guint           mode,
                        GError        **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *shown = g_filename_display_name (path);
  RvAtomicFile *file;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (data != NULL || len == 0, NULL);

  folder = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", folder, base);

  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, (int) mode);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *shown_folder = g_filename_display_name (folder);

      set_errno_error (error, saved_errno, _("Could not create a file in “%s”"), shown_folder);
      return NULL;
    }

  /* mkstemp applies the umask; the mode asked for must hold regardless. */
  errno = 0;
  if (fchmod (fd, mode) != 0 || !write_all (fd, data, len) || fsync (fd) != 0)
    {
      int saved_errno = errno ? errno : EIO;

      close (fd);
      g_unlink (tmp);
      set_errno_error (error, saved_errno, _("Could not write “%s”"), shown);
      return NULL;
    }
  if (close (fd) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp);
      set_errno_error (error, saved_errno, _("Could not write “%s”"), shown);
      return NULL;
    }

  file = g_new0 (RvAtomicFile, 1);
  file->path = g_strdup (path);
  file->tmp = g_steal_pointer (&tmp);
  return file;
}

gboolean
rv_atomic_file_commit (RvAtomicFile  *file,
                       GError       **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (file != NULL, FALSE);

  if (g_rename (file->tmp, file->path) != 0)
    {
      int saved_errno = errno;
      g_autofree char *shown = g_filename_display_name (file->path);

      set_errno_error (error, saved_errno, _("Could not replace “%s”"), shown);
      rv_atomic_file_abort (file);
      return FALSE;
    }
  path = g_steal_pointer (&file->path);
  atomic_file_free (file);
  return rv_atomic_file_sync_folder (path, error);
}

void
rv_atomic_file_abort (RvAtomicFile *file)
{
  if (file == NULL)
    return;
  g_unlink (file->tmp);
  atomic_file_free (file);
}

gboolean
rv_atomic_file_write (const char     *path,
                      gconstpointer   data,
                      gsize           len,
                      guint           mode,
                      GError        **error)
{
  RvAtomicFile *file;

  g_return_val_if_fail (path != NULL, FALSE);

  file = rv_atomic_file_prepare (path, data, len, mode, error);
  return file != NULL && rv_atomic_file_commit (file, error);
}
