/* rv-stamp.c: this machine's device id and the modification stamps of synced items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rv-stamp.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static gboolean
is_uuid (const char *text)
{
  return text != NULL && g_uuid_string_is_valid (text);
}

/* Device ids, one copy each for the life of the process (stamps hold them
 * by pointer, copied freely). Kept here, not in GLib's quark table, which
 * leaks its old array each time it grows past another 2,048 strings. */
static const char *
intern_device_id (const char *id)
{
  static GMutex lock;
  static GHashTable *ids;
  char *kept;

  g_mutex_lock (&lock);
  if (ids == NULL)
    ids = g_hash_table_new (g_str_hash, g_str_equal);
  kept = g_hash_table_lookup (ids, id);
  if (kept == NULL)
    {
      kept = g_strdup (id);
      g_hash_table_add (ids, kept);
    }
  g_mutex_unlock (&lock);
  return kept;
}

/* Reads the id, or makes one and writes it (0600, created exclusively so
 * that two first runs at once agree on one id). */
static char *
load_or_create_device_id (void)
{
  g_autofree char *folder = g_build_filename (g_get_user_state_dir (), "recovery-vault", NULL);
  g_autofree char *path = g_build_filename (folder, "device-id", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *fresh = NULL;
  int fd;

  if (g_file_get_contents (path, &contents, NULL, NULL))
    {
      g_strstrip (contents);
      if (is_uuid (contents))
        return g_steal_pointer (&contents);
    }

  fresh = g_uuid_string_random ();
  if (g_mkdir_with_parents (folder, 0700) != 0)
    return g_steal_pointer (&fresh);  /* not kept: this process still has one id */
  fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      /* Another process made it first, or an unreadable file is in the way. */
      g_clear_pointer (&contents, g_free);
      if (errno == EEXIST && g_file_get_contents (path, &contents, NULL, NULL))
        {
          g_strstrip (contents);
          if (is_uuid (contents))
            return g_steal_pointer (&contents);
        }
      return g_steal_pointer (&fresh);
    }
  if (write (fd, fresh, strlen (fresh)) < 0 || write (fd, "\n", 1) < 0 || fsync (fd) != 0)
    g_debug ("Could not write the device id to %s: %s", path, g_strerror (errno));
  close (fd);
  return g_steal_pointer (&fresh);
}

const char *
rv_device_get_id (void)
{
  static const char *device_id;

  if (g_once_init_enter (&device_id))
    {
      const char *env = g_getenv ("RV_DEVICE_ID");
      g_autofree char *id = NULL;

      id = is_uuid (env) ? g_strdup (env) : load_or_create_device_id ();
      /* Lowercase, as ids read back from files are. */
      for (char *c = id; *c != '\0'; c++)
        *c = g_ascii_tolower (*c);
      g_once_init_leave (&device_id, intern_device_id (id));
    }
  return device_id;
}

RvStamp
rv_stamp_next (const RvStamp *previous)
{
  RvStamp stamp;

  stamp.ms = g_get_real_time () / 1000;
  if (previous != NULL && stamp.ms <= previous->ms)
    stamp.ms = previous->ms + 1;
  stamp.device = rv_device_get_id ();
  return stamp;
}

RvStamp
rv_stamp_make (gint64      ms,
               const char *device)
{
  RvStamp stamp;

  /* A vault's stamps mostly name one device, over and over (a quarter of
   * opening 10,000 accounts went to checking and interning it again:
   * tests/bench/bench-vault.c): the last id this thread kept answers for
   * the same text, which is already a lowercase UUID. */
  static _Thread_local const char *last_kept;

  stamp.ms = ms;
  stamp.device = NULL;
  if (device != NULL && last_kept != NULL && strcmp (device, last_kept) == 0)
    {
      stamp.device = last_kept;
      return stamp;
    }
  /* Only a device id (a UUID, as every device makes) is kept, in its
   * lowercase form: kept ids stay for the life of the process, so a hostile
   * file's arbitrary text must not be (found by fuzz-vault). Anything else
   * reads as unknown, the same on every device. */
  if (is_uuid (device))
    {
      char lower[37];

      for (guint i = 0; i < sizeof lower; i++)
        lower[i] = g_ascii_tolower (device[i]);
      stamp.device = last_kept = intern_device_id (lower);
    }
  return stamp;
}

RvStamp
rv_stamp_from_seconds (gint64 unix_seconds)
{
  /* A forged or damaged time beyond year 292 million saturates instead of
   * overflowing into a negative stamp (found by fuzz-vault). */
  if (unix_seconds > G_MAXINT64 / 1000)
    return rv_stamp_make (G_MAXINT64, NULL);
  return rv_stamp_make (unix_seconds > 0 ? unix_seconds * 1000 : 0, NULL);
}

int
rv_stamp_compare (const RvStamp *a,
                  const RvStamp *b)
{
  if (a->ms != b->ms)
    return a->ms < b->ms ? -1 : 1;
  if (a->device == b->device)
    return 0;
  return g_strcmp0 (a->device, b->device);
}

gboolean
rv_stamp_is_none (const RvStamp *stamp)
{
  return stamp->ms == 0 && stamp->device == NULL;
}

RvStamp
rv_stamp_max (const RvStamp *a,
              const RvStamp *b)
{
  return rv_stamp_compare (a, b) >= 0 ? *a : *b;
}
