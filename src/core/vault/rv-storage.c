/* rv-storage.c: atomic, durable vault files and the writers' lock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A save writes a temporary file (exclusive, 0600) and fsyncs it, turns the
 * current file into PATH.prev through a hard link (so that PATH exists at
 * every instant), renames the temporary file over PATH and fsyncs the folder
 * (the last steps are rv-atomic-file's). A crash at any point leaves PATH
 * holding either the old or the new content.
 */
#include "config.h"

#include "rv-storage.h"
#include "rv-util.h"

#include <glib/gi18n-lib.h>

#include "rv-atomic-file.h"
#include "rv-vault.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#define LOCK_RETRY_MS 20
#define MAX_FILE_SIZE ((goffset) 512 * 1024 * 1024)

struct _RvStorageLock
{
  int fd;
};

/* @format names what failed; the cause follows. */
#define io_error(error, saved_errno, ...) \
  rv_set_errno_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_IO, saved_errno, __VA_ARGS__)

/**
 * rv_storage_lock:
 * @path: the vault file; the lock is PATH.lock beside it
 *
 * Takes the advisory lock every writer holds while saving, waiting up to
 * @timeout_ms for another process to finish.
 */
RvStorageLock *
rv_storage_lock (const char  *path,
                 guint        timeout_ms,
                 GError     **error)
{
  g_autofree char *lock_path = rv_storage_lock_path (path);
  RvStorageLock *lock;
  guint waited = 0;
  int fd;

  fd = open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    {
      io_error (error, errno, _("Could not create the lock file %s"), lock_path);
      return NULL;
    }
  while (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved = errno;

      if (saved == EINTR)
        continue;
      if (saved != EWOULDBLOCK || waited >= timeout_ms)
        {
          close (fd);
          if (saved == EWOULDBLOCK)
            g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_BUSY,
                         _("Another program is saving the vault %s; try again in a moment"),
                         path);
          else
            io_error (error, saved, _("Could not lock %s"), lock_path);
          return NULL;
        }
      g_usleep (LOCK_RETRY_MS * 1000);
      waited += LOCK_RETRY_MS;
    }

  lock = g_new0 (RvStorageLock, 1);
  lock->fd = fd;
  return lock;
}

void
rv_storage_unlock (RvStorageLock *lock)
{
  if (lock == NULL)
    return;
  /* Closing the descriptor releases the flock. */
  close (lock->fd);
  g_free (lock);
}

/* Creates the vault's folder (0700) if it does not exist, and tightens an
 * existing one of ours that others may enter or list (a 0755 folder from an
 * older version or another tool): the file names and the lock are nobody
 * else's business. */
gboolean
rv_storage_ensure_folder (const char  *path,
                          GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  struct stat st;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    return io_error (error, errno, _("Could not create the folder %s"), folder);
  if (stat (folder, &st) == 0 && st.st_uid == getuid () && (st.st_mode & 0077) != 0 &&
      chmod (folder, st.st_mode & 0700) != 0)
    return io_error (error, errno, _("Could not make the folder %s private"), folder);
  return TRUE;
}

GBytes *
rv_storage_read (const char  *path,
                 GError     **error)
{
  g_autofree guint8 *data = NULL;
  struct stat st;
  gsize done = 0;
  int fd;

  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      int saved = errno;

      if (saved == ENOENT)
        g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_NOT_FOUND,
                     _("There is no vault at %s"), path);
      else
        io_error (error, saved, _("Could not open %s"), path);
      return NULL;
    }
  if (fstat (fd, &st) != 0)
    {
      int saved = errno;

      close (fd);
      io_error (error, saved, _("Could not read %s"), path);
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_NOT_A_VAULT,
                   _("%s is not a Recovery Vault file (not a regular file)"), path);
      return NULL;
    }

  /* 10,000 accounts take 9 MB: anything this large is not a vault, and
   * reading it whole could exhaust memory. */
  if (st.st_size > MAX_FILE_SIZE)
    {
      close (fd);
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT,
                   _("%s is too large to be a Recovery Vault file"), path);
      return NULL;
    }

  data = g_malloc (st.st_size > 0 ? st.st_size : 1);
  while (done < (gsize) st.st_size)
    {
      ssize_t n = read (fd, data + done, st.st_size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = n < 0 ? errno : EIO;

          close (fd);
          io_error (error, saved, _("Could not read %s"), path);
          return NULL;
        }
      done += n;
    }
  close (fd);
  return g_bytes_new_take (g_steal_pointer (&data), done);
}

/* The atomic writer reports G_IO_ERROR; the vault's callers expect its own
 * domain. */
static gboolean
vault_io_error (GError **error,
                GError  *local_error)
{
  g_set_error_literal (error, RV_VAULT_ERROR, RV_VAULT_ERROR_IO, local_error->message);
  g_error_free (local_error);
  return FALSE;
}

/* PATH.prev becomes the current file through a hard link, so PATH exists at
 * every instant; where links are not supported, the old file is copied. */
static gboolean
keep_previous_generation (const char  *path,
                          GError     **error)
{
  g_autofree char *prev = rv_storage_previous_path (path);
  g_autofree char *prev_tmp = g_strconcat (prev, ".tmp", NULL);
  g_autoptr(GBytes) old = NULL;
  GError *local_error = NULL;

  if (unlink (prev_tmp) != 0 && errno != ENOENT)
    return io_error (error, errno, _("Could not remove %s"), prev_tmp);
  if (link (path, prev_tmp) == 0)
    {
      if (rename (prev_tmp, prev) != 0)
        {
          int saved = errno;

          unlink (prev_tmp);
          return io_error (error, saved, _("Could not keep the previous copy as %s"), prev);
        }
      return TRUE;
    }
  if (errno == ENOENT)
    return TRUE;  /* the first save */
  if (errno != EPERM && errno != EOPNOTSUPP && errno != EXDEV && errno != EMLINK)
    return io_error (error, errno, _("Could not keep the previous copy as %s"), prev_tmp);

  old = rv_storage_read (path, error);
  if (old == NULL)
    return FALSE;
  if (!rv_atomic_file_write (prev, g_bytes_get_data (old, NULL), g_bytes_get_size (old), 0600,
                             &local_error))
    return vault_io_error (error, local_error);
  return TRUE;
}

/**
 * rv_storage_write:
 *
 * Replaces @path with @contents atomically and durably (rv-atomic-file),
 * first keeping the current file as PATH.prev if @keep_previous. The caller
 * holds the lock. On failure @path is untouched and no temporary file is
 * left.
 */
gboolean
rv_storage_write (const char  *path,
                  GBytes      *contents,
                  gboolean     keep_previous,
                  GError     **error)
{
  RvAtomicFile *file;
  GError *local_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  file = rv_atomic_file_prepare (path, g_bytes_get_data (contents, NULL),
                                 g_bytes_get_size (contents), 0600, &local_error);
  if (file == NULL)
    return vault_io_error (error, local_error);
  if (keep_previous && !keep_previous_generation (path, error))
    {
      rv_atomic_file_abort (file);
      return FALSE;
    }
  if (!rv_atomic_file_commit (file, &local_error))
    return vault_io_error (error, local_error);
  return TRUE;
}

/* Returns: (transfer full): the writers' lock file, PATH.lock. */
char *
rv_storage_lock_path (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_strconcat (path, ".lock", NULL);
}

char *
rv_storage_previous_path (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_strconcat (path, ".prev", NULL);
}
