/* rv-secret.c: secrets kept in libsodium guarded memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every sodium_malloc() costs guard pages, several mappings and locked
 * memory, so one allocation per secret does not scale to 10,000 accounts.
 * Secrets are bump-allocated from shared guarded regions instead; a region is
 * released when the last secret in it is freed. Freed bytes are wiped at once.
 */
#define _GNU_SOURCE
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rv-secret.h"

#include <errno.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <string.h>
#include <unistd.h>
#include <gio/gio.h>
#include <sodium.h>

#define REGION_SIZE  (64 * 1024)
#define ALIGNMENT    16

typedef struct
{
  guint8 *base;
  gsize   size;
  gsize   used;
  guint   live;
} Region;

struct _RvSecret
{
  Region *region;
  gsize   size;
  gsize   reserved;
  guint8  data[];
};

G_LOCK_DEFINE_STATIC (arena);
static Region   *current_region;
static gsize     n_regions;
static gboolean  memory_locked = TRUE;

static void
ensure_sodium (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      if (sodium_init () < 0)
        g_error ("libsodium could not be initialised");
      g_once_init_leave (&initialized, 1);
    }
}

static Region *
region_new (gsize size)
{
  Region *region = g_new0 (Region, 1);

  region->base = sodium_malloc (size);
  if (region->base == NULL)
    g_error ("Out of guarded memory (%" G_GSIZE_FORMAT " bytes)", size);
  region->size = size;

  /* sodium_malloc() already tried; ask again to learn the answer, so that a
   * process over RLIMIT_MEMLOCK degrades with a warning instead of failing. */
  if (sodium_mlock (region->base, size) != 0 && memory_locked)
    {
      memory_locked = FALSE;
      g_message ("Secret memory could not be locked against swapping "
                 "(RLIMIT_MEMLOCK too low); secrets may reach swap");
    }
  n_regions++;
  return region;
}

static void
region_free (Region *region)
{
  sodium_free (region->base);
  g_free (region);
  n_regions--;
}

RvSecret *
rv_secret_new (gsize size)
{
  gsize needed = sizeof (RvSecret) + size + 1;
  RvSecret *self;
  Region *region;

  g_return_val_if_fail (size < G_MAXSIZE / 2, NULL);

  ensure_sodium ();
  needed = (needed + ALIGNMENT - 1) & ~(gsize) (ALIGNMENT - 1);

  G_LOCK (arena);
  if (needed > REGION_SIZE / 4)
    {
      region = region_new (needed);
    }
  else
    {
      if (current_region == NULL || current_region->size - current_region->used < needed)
        {
          if (current_region != NULL && current_region->live == 0)
            region_free (current_region);
          current_region = region_new (REGION_SIZE);
        }
      region = current_region;
    }

  self = (RvSecret *) (region->base + region->used);
  region->used += needed;
  region->live++;
  G_UNLOCK (arena);

  memset (self, 0, needed);
  self->region = region;
  self->size = size;
  self->reserved = needed;
  return self;
}

RvSecret *
rv_secret_new_from_data (gconstpointer data,
                         gsize         size)
{
  RvSecret *self = rv_secret_new (size);

  g_return_val_if_fail (data != NULL || size == 0, self);

  if (size > 0)
    memcpy (self->data, data, size);
  return self;
}

RvSecret *
rv_secret_new_from_string (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return rv_secret_new_from_data (text, strlen (text));
}

RvSecret *
rv_secret_copy (const RvSecret *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return rv_secret_new_from_data (self->data, self->size);
}

void
rv_secret_free (RvSecret *self)
{
  Region *region;

  if (self == NULL)
    return;

  region = self->region;
  sodium_memzero (self, self->reserved);

  G_LOCK (arena);
  g_assert (region->live > 0);
  region->live--;
  if (region->live == 0)
    {
      if (region == current_region)
        region->used = 0;
      else
        region_free (region);
    }
  G_UNLOCK (arena);
}

const guint8 *
rv_secret_get_data (const RvSecret *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->data;
}

guint8 *
rv_secret_get_mutable_data (RvSecret *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->data;
}

const char *
rv_secret_get_string (const RvSecret *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char *) self->data;
}

gsize
rv_secret_get_size (const RvSecret *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->size;
}

/* Shortens the secret in place (the tail is wiped); returns it for chaining. */
RvSecret *
rv_secret_truncate (RvSecret *self,
                    gsize     size)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (size <= self->size, self);

  sodium_memzero (self->data + size, self->size - size);
  self->size = size;
  return self;
}

/* In constant time; two absent secrets are equal, an absent and a present one are not. */
gboolean
rv_secret_equal (const RvSecret *a,
                 const RvSecret *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (a->size != b->size)
    return FALSE;
  return a->size == 0 || sodium_memcmp (a->data, b->data, a->size) == 0;
}

/* Whether the secret's bytes occur in @haystack: used to refuse text (a
 * drafted request, a log line) that would leak a secret. */
gboolean
rv_secret_contains (const char     *haystack,
                    gsize           haystack_len,
                    const RvSecret *needle)
{
  g_return_val_if_fail (haystack != NULL, FALSE);
  g_return_val_if_fail (needle != NULL, FALSE);

  if (needle->size == 0 || needle->size > haystack_len)
    return FALSE;
  return memmem (haystack, haystack_len, needle->data, needle->size) != NULL;
}

/* Reads everything from @fd (up to @max_size bytes) straight into guarded
 * memory; a single trailing newline (or CRLF) is dropped. */
RvSecret *
rv_secret_read_fd (int      fd,
                   gsize    max_size,
                   GError **error)
{
  g_autoptr(RvSecret) buffer = rv_secret_new (max_size);
  gsize len = 0;

  for (;;)
    {
      ssize_t n;

      if (len == max_size)
        {
          guint8 extra;

          n = read (fd, &extra, 1);
          if (n > 0)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                           _("Input is longer than %zu bytes"), max_size);
              return NULL;
            }
        }
      else
        {
          n = read (fd, buffer->data + len, max_size - len);
        }

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not read input: %s"), g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;
      len += n;
    }

  if (len > 0 && buffer->data[len - 1] == '\n')
    len--;
  if (len > 0 && buffer->data[len - 1] == '\r')
    len--;

  return rv_secret_new_from_data (buffer->data, len);
}

/**
 * rv_secret_protect_process:
 *
 * Keeps an unlocked vault out of core dumps: the process is made
 * non-dumpable (no core file, and no ptrace attach or /proc/PID/mem read by
 * other processes of the same user) and its core size limit is set to 0.
 * Skipped when RV_ALLOW_CORE_DUMPS=1 (to debug a crash, or for the test that
 * checks with gcore that guarded memory stays out of a dump).
 *
 * Returns: whether the process is now protected
 */
gboolean
rv_secret_protect_process (void)
{
  struct rlimit none = { 0, 0 };
  gboolean ok = TRUE;

  if (g_strcmp0 (g_getenv ("RV_ALLOW_CORE_DUMPS"), "1") == 0)
    return FALSE;
  if (setrlimit (RLIMIT_CORE, &none) != 0)
    ok = FALSE;
  if (prctl (PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
    ok = FALSE;
  return ok;
}

gboolean
rv_secret_memory_is_locked (void)
{
  return memory_locked;
}

gsize
rv_secret_get_n_regions (void)
{
  return n_regions;
}

RvFileKey *
rv_file_key_new (const char     *path,
                 const RvSecret *password)
{
  RvFileKey *self = g_new0 (RvFileKey, 1);

  self->path = g_strdup (path);
  self->password = password != NULL ? rv_secret_copy (password) : NULL;
  return self;
}

void
rv_file_key_free (RvFileKey *self)
{
  if (self == NULL)
    return;
  g_free (self->path);
  g_clear_pointer (&self->password, rv_secret_free);
  g_free (self);
}

void
rv_file_key_run_in_thread (gpointer             source_object,
                           const char          *path,
                           const RvSecret      *password,
                           gpointer             source_tag,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data,
                           GTaskThreadFunc      func)
{
  g_autoptr(GTask) task = g_task_new (source_object, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, rv_file_key_new (path, password),
                        (GDestroyNotify) rv_file_key_free);
  g_task_run_in_thread (task, func);
}
