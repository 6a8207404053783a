/* rv-storage.c: atomic, durable vault files and the writers' lock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A save writes PATH.tmp (exclusive, 0600), fsyncs it, turns the current
 * file into PATH.prev through a hard link (so that PATH exists at every
 * instant), renames PATH.tmp over PATH and fsyncs the folder. A crash at any
 * point leaves PATH holding either the old or the new content.
 */
#include "config.h"

#include "rv-storage.h"
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

static gboolean
io_error (GError     **error,
          int          saved_errno,
          const char  *action,
          const char  *path)
{
  g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_IO,
               "Could not %s %s: %s", action, path, g_strerror (saved_errno));
  return FALSE;
}

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
  g_autofree char *lock_path = g_strconcat (path, ".lock", NULL);
  RvStorageLock *lock;
  guint waited = 0;
  int fd;

  fd = open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    {
      io_error (error, errno, "create the lock file", lock_path);
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
                         "Another program is saving the vault %s; try again in a moment",
                         path);
          else
            io_error (error, saved, "lock", lock_path);
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

/* Creates the vault's folder (0700) if it does not exist. */
gboolean
rv_storage_ensure_folder (const char  *path,
                          GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    return io_error (error, errno, "create the folder", folder);
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
                     "There is no vault at %s", path);
      else
        io_error (error, saved, "open", path);
      return NULL;
    }
  if (fstat (fd, &st) != 0)
    {
      int saved = errno;

      close (fd);
      io_error (error, saved, "read", path);
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_NOT_A_VAULT,
                   "%s is not a Recovery Vault file (not a regular file)", path);
      return NULL;
    }

  /* 10,000 accounts take 4 MiB: anything this large is not a vault, and
   * reading it whole could exhaust memory. */
  if (st.st_size > MAX_FILE_SIZE)
    {
      close (fd);
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT,
                   "%s is too large to be a Recovery Vault file", path);
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
          io_error (error, saved, "read", path);
          return NULL;
        }
      done += n;
    }
  close (fd);
  return g_bytes_new_take (g_steal_pointer (&data), done);
}

static gboolean
write_all (int            fd,
           const guint8  *data,
           gsize          size)
{
  while (size > 0)
    {
      ssize_t n = write (fd, data, size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      data += n;
      size -= n;
    }
  return TRUE;
}

static gboolean
write_new_file (const char  *path,
                GBytes      *contents,
                GError     **error)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (contents, &size);
  int fd;

  fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    return io_error (error, errno, "create", path);
  if (!write_all (fd, data, size) || fsync (fd) != 0)
    {
      int saved = errno;

      close (fd);
      unlink (path);
      return io_error (error, saved, "write", path);
    }
  if (close (fd) != 0)
    {
      int saved = errno;

      unlink (path);
      return io_error (error, saved, "write", path);
    }
  return TRUE;
}

/* Where links are not supported, the old file is copied instead. */
static gboolean
copy_previous (const char  *path,
               const char  *prev_tmp,
               GError     **error)
{
  g_autoptr(GBytes) old = rv_storage_read (path, error);

  return old != NULL && write_new_file (prev_tmp, old, error);
}

static gboolean
keep_previous_generation (const char  *path,
                          GError     **error)
{
  g_autofree char *prev = rv_storage_previous_path (path);
  g_autofree char *prev_tmp = g_strconcat (prev, ".tmp", NULL);

  if (unlink (prev_tmp) != 0 && errno != ENOENT)
    return io_error (error, errno, "remove", prev_tmp);
  if (link (path, prev_tmp) != 0)
    {
      int saved = errno;

      if (saved == ENOENT)
        return TRUE;  /* the first save */
      if (saved != EPERM && saved != EOPNOTSUPP && saved != EXDEV && saved != EMLINK)
        return io_error (error, saved, "keep the previous copy as", prev_tmp);
      if (!copy_previous (path, prev_tmp, error))
        return FALSE;
    }
  if (rename (prev_tmp, prev) != 0)
    {
      int saved = errno;

      unlink (prev_tmp);
      return io_error (error, saved, "keep the previous copy as", prev);
    }
  return TRUE;
}

static gboolean
sync_folder (const char  *path,
             GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  int fd = open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int saved;

  if (fd < 0)
    return io_error (error, errno, "open the folder", folder);
  /* Some file systems cannot sync a folder (EINVAL): nothing more to do. */
  if (fsync (fd) != 0 && errno != EINVAL)
    {
      saved = errno;
      close (fd);
      return io_error (error, saved, "sync the folder", folder);
    }
  close (fd);
  return TRUE;
}

/**
 * rv_storage_write:
 *
 * Replaces @path with @contents atomically and durably. The caller holds the
 * lock. On failure @path is untouched and no temporary file is left.
 */
gboolean
rv_storage_write (const char  *path,
                  GBytes      *contents,
                  gboolean     keep_previous,
                  GError     **error)
{
  g_autofree char *tmp = g_strconcat (path, ".tmp", NULL);

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  /* Under the lock, a temporary file can only be left by a crash. */
  if (unlink (tmp) != 0 && errno != ENOENT && errno != ENOTDIR)
    return io_error (error, errno, "remove", tmp);
  if (!write_new_file (tmp, contents, error))
    return FALSE;
  if (keep_previous && !keep_previous_generation (path, error))
    {
      unlink (tmp);
      return FALSE;
    }
  if (rename (tmp, path) != 0)
    {
      int saved = errno;

      unlink (tmp);
      return io_error (error, saved, "replace", path);
    }
  return sync_folder (path, error);
}

char *
rv_storage_previous_path (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_strconcat (path, ".prev", NULL);
}
