/* rv-vault-watch.c: noticing that another program replaced the vault file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Our own saves are told from another process's by the file's trailing
 * checksum, and a cheap stamp (inode, size, change time) avoids hashing the
 * file again before each save.
 */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rv-vault-private.h"
gboolean
_rv_vault_read_disk_stamp (const char *path,
                           DiskStamp  *stamp)
{
  struct stat st;
  gboolean ok = FALSE;
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  memset (stamp, 0, sizeof *stamp);
  if (fd < 0)
    return FALSE;
  if (fstat (fd, &st) == 0 && st.st_size >= RV_VAULT_PREFIX_SIZE + RV_VAULT_CHECKSUM_SIZE)
    {
      ok = pread (fd, stamp->checksum, RV_VAULT_CHECKSUM_SIZE,
                  st.st_size - RV_VAULT_CHECKSUM_SIZE) == RV_VAULT_CHECKSUM_SIZE;
      stamp->dev = st.st_dev;
      stamp->ino = st.st_ino;
      stamp->size = st.st_size;
      stamp->ctime_sec = st.st_ctim.tv_sec;
      stamp->ctime_nsec = st.st_ctim.tv_nsec;
    }
  close (fd);
  return ok;
}

gboolean
_rv_vault_disk_stamp_equal (const DiskStamp *a,
                            const DiskStamp *b)
{
  return memcmp (a->checksum, b->checksum, sizeof a->checksum) == 0 &&
         a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
         a->ctime_sec == b->ctime_sec && a->ctime_nsec == b->ctime_nsec;
}

/* Remembers the file just written or read (@contents) as this object's. */
void
_rv_vault_set_disk_stamp (RvVault *self,
                          GBytes  *contents)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (contents, &size);
  DiskStamp stamp;

  memcpy (self->disk_checksum, data + size - RV_VAULT_CHECKSUM_SIZE, RV_VAULT_CHECKSUM_SIZE);
  self->have_disk_checksum = TRUE;
  /* Usable for the quick check only if the file on disk is this one. */
  self->have_disk_stamp =
    _rv_vault_read_disk_stamp (self->write_path, &stamp) &&
    memcmp (stamp.checksum, self->disk_checksum, sizeof stamp.checksum) == 0 &&
    stamp.size == (goffset) size;
  self->disk_stamp = stamp;
}

static void
on_file_monitor_changed (GFileMonitor      *monitor,
                         GFile             *file,
                         GFile             *other_file,
                         GFileMonitorEvent  event,
                         RvVault           *self)
{
  DiskStamp now;

  if (self->closed || !_rv_vault_read_disk_stamp (self->write_path, &now))
    return;
  if (memcmp (now.checksum, self->disk_checksum, sizeof now.checksum) == 0 ||
      memcmp (now.checksum, self->notified_checksum, sizeof now.checksum) == 0)
    return;
  memcpy (self->notified_checksum, now.checksum, sizeof now.checksum);
  _rv_vault_emit_file_changed (self);
}

/* In the calling thread's main context: for the async open, in _finish. */
void
_rv_vault_start_monitor (RvVault *self)
{
  g_autoptr(GFile) file = g_file_new_for_path (self->write_path);

  if (self->monitor != NULL)
    return;
  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, NULL);
  if (self->monitor != NULL)
    g_signal_connect_object (self->monitor, "changed",
                             G_CALLBACK (on_file_monitor_changed), self, 0);
}

void
_rv_vault_stop_monitor (RvVault *self)
{
  if (self->monitor == NULL)
    return;
  g_signal_handlers_disconnect_by_func (self->monitor, on_file_monitor_changed, self);
  g_file_monitor_cancel (self->monitor);
  g_clear_object (&self->monitor);
}
