/* rv-vault.c: the encrypted vault: accounts, backup state, requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The vault owns the decrypted model and the master key. The file layout is
 * in rv-vault-format.c, the model's serialization in rv-vault-payload.c, the
 * disk protocol in rv-storage.c and the keyring in rv-keyring.c.
 */
#include "config.h"

#include "rv-vault.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rv-base32.h"
#include "rv-keyring.h"
#include "rv-storage.h"
#include "rv-vault-format.h"
#include "rv-vault-payload.h"
#include "rv-util.h"

#define LOCK_TIMEOUT_MS 2000

/* What identifies the file this object last wrote or read without hashing
 * it again: its trailing checksum, and its inode, size and change time
 * (which any write changes and no tool can set back). */
typedef struct
{
  guint8  checksum[RV_VAULT_CHECKSUM_SIZE];
  dev_t   dev;
  ino_t   ino;
  goffset size;
  gint64  ctime_sec;
  gint64  ctime_nsec;
} DiskStamp;

struct _RvVault
{
  GObject        parent_instance;

  char          *path;
  char          *write_path;      /* @path, or the file its symlink points to */
  char          *vault_id;
  RvSecret      *master_key;
  GArray        *slots;           /* of RvVaultSlot */

  GListStore    *accounts;
  RvBackupState  backup;
  GPtrArray     *requests;

  /* The trailing checksum of the file as this object last read or wrote
   * it: tells our own saves from another process's. */
  guint8         disk_checksum[RV_VAULT_CHECKSUM_SIZE];
  guint8         notified_checksum[RV_VAULT_CHECKSUM_SIZE];
  gboolean       have_disk_checksum;
  DiskStamp      disk_stamp;
  gboolean       have_disk_stamp;
  GFileMonitor  *monitor;

  guint          dirty : 1;
  guint          closed : 1;
  guint          in_account_changed : 1;
};

G_DEFINE_FINAL_TYPE (RvVault, rv_vault, G_TYPE_OBJECT)
G_DEFINE_QUARK (rv-vault-error-quark, rv_vault_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_DIRTY,
  PROP_KEYRING_ENABLED,
  N_PROPS
};

enum {
  FILE_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* A vault kept elsewhere through a symlink stays there: saves replace the
 * symlink's target, not the symlink. */
static char *
resolve_write_path (const char *path)
{
  struct stat st;
  char *real;
  char *result;

  if (lstat (path, &st) != 0 || !S_ISLNK (st.st_mode))
    return g_strdup (path);
  real = realpath (path, NULL);
  if (real == NULL)
    return g_strdup (path);
  result = g_strdup (real);
  free (real);
  return result;
}

static void
set_dirty (RvVault  *self,
           gboolean  dirty)
{
  if (self->dirty == !!dirty)
    return;
  self->dirty = !!dirty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

/* Any change stamps the account's "updated" time, unless the change was
 * to set that time (an import keeps the original). */
static void
on_account_changed (RvAccount *account,
                    gboolean   updated_only,
                    gpointer   user_data)
{
  RvVault *self = user_data;

  if (self->in_account_changed)
    return;
  if (!updated_only)
    {
      self->in_account_changed = TRUE;
      rv_account_set_updated (account, rv_now ());
      self->in_account_changed = FALSE;
    }
  rv_vault_mark_changed (self);
}

static void
watch_account (RvVault   *self,
               RvAccount *account)
{
  rv_account_set_owner (account, on_account_changed, self);
}

static void
unwatch_account (RvVault   *self,
                 RvAccount *account)
{
  if (rv_account_get_owner (account) == self)
    rv_account_set_owner (account, NULL, NULL);
}

static void
backup_state_clear (RvBackupState *backup)
{
  g_clear_pointer (&backup->export_path, g_free);
  g_clear_pointer (&backup->sheet_codes, g_free);
  memset (backup, 0, sizeof *backup);
}

static void
rv_vault_finalize (GObject *object)
{
  RvVault *self = (RvVault *) object;

  rv_vault_close (self);
  /* A closed vault's backup state may have been written to since. */
  backup_state_clear (&self->backup);
  g_clear_object (&self->accounts);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_clear_pointer (&self->slots, g_array_unref);
  g_clear_pointer (&self->vault_id, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->write_path, g_free);

  G_OBJECT_CLASS (rv_vault_parent_class)->finalize (object);
}

static void
rv_vault_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  RvVault *self = RV_VAULT (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;
    case PROP_KEYRING_ENABLED:
      g_value_set_boolean (value, rv_vault_get_keyring_enabled (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rv_vault_class_init (RvVaultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rv_vault_finalize;
  object_class->get_property = rv_vault_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEYRING_ENABLED] =
    g_param_spec_boolean ("keyring-enabled", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RvVault::file-changed:
   *
   * Another process replaced the vault file (this object's own saves do not
   * count): reopen it to see its changes.
   */
  signals[FILE_CHANGED] = g_signal_new ("file-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 0);
}

static void
rv_vault_init (RvVault *self)
{
  self->accounts = g_list_store_new (RV_TYPE_ACCOUNT);
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) rv_recovery_request_free);
  self->slots = g_array_new (FALSE, TRUE, sizeof (RvVaultSlot));
}

char *
rv_vault_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "recovery-vault", "vault.rvault", NULL);
}

/**
 * rv_vault_get_previous_generation_path:
 *
 * Returns: (transfer full): where the save before the last one is kept
 * (PATH.prev); rv_vault_open() opens it like any vault.
 */
char *
rv_vault_get_previous_generation_path (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return rv_storage_previous_path (path);
}

static gboolean
read_disk_stamp (const char *path,
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

static gboolean
disk_stamp_equal (const DiskStamp *a,
                  const DiskStamp *b)
{
  return memcmp (a->checksum, b->checksum, sizeof a->checksum) == 0 &&
         a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
         a->ctime_sec == b->ctime_sec && a->ctime_nsec == b->ctime_nsec;
}

/* Remembers the file just written or read (@contents) as this object's. */
static void
set_disk_stamp (RvVault *self,
                GBytes  *contents)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (contents, &size);
  DiskStamp stamp;

  memcpy (self->disk_checksum, data + size - RV_VAULT_CHECKSUM_SIZE, RV_VAULT_CHECKSUM_SIZE);
  self->have_disk_checksum = TRUE;
  /* Usable for the quick check only if the file on disk is this one. */
  self->have_disk_stamp = read_disk_stamp (self->write_path, &stamp) &&
                          memcmp (stamp.checksum, self->disk_checksum, sizeof stamp.checksum) == 0 &&
                          stamp.size == (goffset) size;
  self->disk_stamp = stamp;
}

/* Damage to the main file: say where the previous generation is. */
static void
propagate_open_error (GError      **error,
                      GError       *local_error,
                      const char   *path)
{
  g_autofree char *prev = rv_storage_previous_path (path);

  if (local_error->domain == RV_VAULT_ERROR &&
      (local_error->code == RV_VAULT_ERROR_TRUNCATED ||
       local_error->code == RV_VAULT_ERROR_CORRUPT ||
       local_error->code == RV_VAULT_ERROR_TAMPERED ||
       local_error->code == RV_VAULT_ERROR_NOT_A_VAULT) &&
      g_file_test (prev, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   "%s; the previous copy %s may still open", local_error->message, prev);
      g_error_free (local_error);
      return;
    }
  g_propagate_error (error, local_error);
}

static void
load_model (RvVault       *self,
            GPtrArray     *accounts,
            RvBackupState *backup,
            GPtrArray     *requests)  /* transfer full */
{
  for (guint i = 0; i < accounts->len; i++)
    watch_account (self, g_ptr_array_index (accounts, i));
  g_list_store_splice (self->accounts, 0, 0, accounts->pdata, accounts->len);
  self->backup = *backup;
  g_ptr_array_extend_and_steal (self->requests, requests);
}

static RvSecret *
unwrap_with_password (RvVaultFile     *file,
                      const RvSecret  *password,
                      GError         **error)
{
  const RvVaultSlot *slot = rv_vault_file_find_slot (file, RV_VAULT_SLOT_PASSWORD);
  g_autoptr(RvSecret) key = rv_vault_slot_derive_key (slot, password, error);
  RvSecret *master;

  if (key == NULL)
    return NULL;
  master = rv_vault_slot_unwrap (slot, file->vault_id, key);
  if (master == NULL)
    g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD,
                 "The password is wrong for the vault %s", file->display_name);
  return master;
}

static RvSecret *
unwrap_with_keyring (RvVaultFile   *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  const RvVaultSlot *slot = rv_vault_file_find_slot (file, RV_VAULT_SLOT_KEYRING);
  g_autoptr(RvSecret) key = NULL;
  RvSecret *master;

  if (slot == NULL)
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_KEYRING,
                   "Keyring unlock is not enabled for the vault %s; open it with its password",
                   file->display_name);
      return NULL;
    }
  key = rv_keyring_lookup (file->vault_id, cancellable, error);
  if (key == NULL)
    return NULL;
  master = rv_vault_slot_unwrap (slot, file->vault_id, key);
  if (master == NULL)
    g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_KEYRING,
                 "The keyring's unlock key does not open the vault %s; "
                 "open it with its password", file->display_name);
  return master;
}

static RvVault *
open_file (const char      *path,
           const RvSecret  *password,
           GCancellable    *cancellable,
           GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RvVaultFile) file = NULL;
  g_autoptr(RvSecret) master = NULL;
  g_autoptr(RvSecret) payload = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  RvBackupState backup;
  RvVault *self;

  bytes = rv_storage_read (path, error);
  if (bytes == NULL)
    return NULL;
  file = rv_vault_file_parse (bytes, path, error);
  if (file == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (password != NULL)
    master = unwrap_with_password (file, password, error);
  else
    master = unwrap_with_keyring (file, cancellable, error);
  if (master == NULL)
    return NULL;

  payload = rv_vault_file_decrypt_payload (file, master, error);
  if (payload == NULL)
    return NULL;
  if (!rv_vault_payload_parse (payload, &accounts, &backup, &requests, error))
    return NULL;

  self = g_object_new (RV_TYPE_VAULT, NULL);
  self->path = g_strdup (path);
  self->write_path = resolve_write_path (path);
  self->vault_id = g_strdup (file->vault_id);
  self->master_key = g_steal_pointer (&master);
  g_array_append_vals (self->slots, file->slots->data, file->slots->len);
  set_disk_stamp (self, bytes);
  memcpy (self->notified_checksum, file->checksum, sizeof self->notified_checksum);
  load_model (self, accounts, &backup, g_steal_pointer (&requests));
  if (password != NULL)
    self->backup.password_entered_at = rv_now ();
  return self;
}

static void
on_file_monitor_changed (GFileMonitor      *monitor,
                         GFile             *file,
                         GFile             *other_file,
                         GFileMonitorEvent  event,
                         RvVault           *self)
{
  DiskStamp now;

  if (self->closed || !read_disk_stamp (self->write_path, &now))
    return;
  if (memcmp (now.checksum, self->disk_checksum, sizeof now.checksum) == 0 ||
      memcmp (now.checksum, self->notified_checksum, sizeof now.checksum) == 0)
    return;
  memcpy (self->notified_checksum, now.checksum, sizeof now.checksum);
  g_signal_emit (self, signals[FILE_CHANGED], 0);
}

/* In the calling thread's main context: for the async open, in _finish. */
static void
start_monitor (RvVault *self)
{
  g_autoptr(GFile) file = g_file_new_for_path (self->write_path);

  if (self->monitor != NULL)
    return;
  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, NULL);
  if (self->monitor != NULL)
    g_signal_connect_object (self->monitor, "changed",
                             G_CALLBACK (on_file_monitor_changed), self, 0);
}

RvVault *
rv_vault_open (const char      *path,
               const RvSecret  *password,
               GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  RvVault *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (password != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = open_file (path, password, NULL, &local_error);
  if (self == NULL)
    {
      propagate_open_error (error, g_steal_pointer (&local_error), path);
      return NULL;
    }
  start_monitor (self);
  return self;
}

/**
 * rv_vault_restore_previous_generation:
 *
 * The way out offered when PATH is damaged: PATH.prev is opened first (so
 * nothing changes if it does not open either), then written to PATH with the
 * usual atomic protocol under the lock. The damaged file is moved to
 * PATH.damaged rather than deleted. PATH.prev stays as it was.
 */
RvVault *
rv_vault_restore_previous_generation (const char      *path,
                                      const RvSecret  *password,
                                      GError         **error)
{
  g_autofree char *prev = NULL;
  g_autofree char *damaged = NULL;
  g_autoptr(RvVault) self = NULL;
  g_autoptr(RvStorageLock) lock = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (password != NULL, NULL);

  prev = rv_storage_previous_path (path);
  self = open_file (prev, password, NULL, error);
  if (self == NULL)
    return NULL;
  bytes = rv_storage_read (prev, error);
  if (bytes == NULL)
    return NULL;

  g_free (self->path);
  self->path = g_strdup (path);
  g_free (self->write_path);
  self->write_path = resolve_write_path (path);

  lock = rv_storage_lock (self->write_path, LOCK_TIMEOUT_MS, error);
  if (lock == NULL)
    return NULL;
  damaged = g_strconcat (self->write_path, ".damaged", NULL);
  if (rename (self->write_path, damaged) != 0 && errno != ENOENT)
    {
      int saved = errno;

      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_IO,
                   "Could not move the damaged vault aside to %s: %s", damaged, g_strerror (saved));
      return NULL;
    }
  if (!rv_storage_write (self->write_path, bytes, FALSE, error))
    {
      /* Put the damaged file back rather than leave no file at PATH. */
      rename (damaged, self->write_path);
      return NULL;
    }
  set_disk_stamp (self, bytes);
  memcpy (self->notified_checksum, self->disk_checksum, sizeof self->disk_checksum);
  g_clear_pointer (&lock, rv_storage_unlock);
  start_monitor (self);
  return g_steal_pointer (&self);
}

RvVault *
rv_vault_open_with_keyring (const char    *path,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  RvVault *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = open_file (path, NULL, cancellable, &local_error);
  if (self == NULL)
    {
      propagate_open_error (error, g_steal_pointer (&local_error), path);
      return NULL;
    }
  start_monitor (self);
  return self;
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  RvFileKey *data = task_data;
  GError *local_error = NULL;
  GError *error = NULL;
  RvVault *self;

  self = open_file (data->path, data->password, cancellable, &local_error);
  if (self == NULL)
    {
      propagate_open_error (&error, local_error, data->path);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, self, g_object_unref);
}

/**
 * rv_vault_open_async:
 * @password: (nullable): the password, or %NULL to unlock with the keyring
 *
 * Opens the vault in a worker thread (the key derivation takes about half a
 * second). @password is copied.
 */
void
rv_vault_open_async (const char          *path,
                     const RvSecret      *password,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rv_vault_open_async);
  g_task_set_task_data (task, rv_file_key_new (path, password),
                        (GDestroyNotify) rv_file_key_free);
  g_task_run_in_thread (task, open_thread);
}

RvVault *
rv_vault_open_finish (GAsyncResult  *result,
                      GError       **error)
{
  RvVault *self;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rv_vault_open_async, NULL);

  self = g_task_propagate_pointer (G_TASK (result), error);
  if (self != NULL)
    start_monitor (self);
  return self;
}

gboolean
rv_vault_has_keyring_slot_file (const char *path)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RvVaultFile) file = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  bytes = rv_storage_read (path, NULL);
  if (bytes != NULL)
    file = rv_vault_file_parse (bytes, path, NULL);
  return file != NULL && rv_vault_file_find_slot (file, RV_VAULT_SLOT_KEYRING) != NULL;
}

static gboolean
check_password (const RvSecret  *password,
                GError         **error)
{
  if (password == NULL || rv_secret_get_size (password) == 0)
    {
      g_set_error_literal (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WEAK_PASSWORD,
                           "The password must not be empty");
      return FALSE;
    }
  return TRUE;
}

static GBytes *
build_file (RvVault *self)
{
  g_autoptr(RvSecret) plaintext = NULL;

  plaintext = rv_vault_payload_serialize (G_LIST_MODEL (self->accounts), &self->backup,
                                          self->requests);
  return rv_vault_file_build (self->vault_id, self->slots, self->master_key, plaintext);
}

/* What is on disk now, under the lock: whether it may become the previous
 * generation (only an intact vault does), and whether it is still the file
 * this object last read or wrote (else another program changed it). The
 * file this object wrote is recognised by its size and trailing checksum
 * without hashing it all again. */
static gboolean
check_disk_before_save (RvVault   *self,
                        gboolean  *keep_previous,
                        GError   **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RvVaultFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  DiskStamp now;

  *keep_previous = FALSE;
  if (self->have_disk_stamp && read_disk_stamp (self->write_path, &now) &&
      disk_stamp_equal (&now, &self->disk_stamp))
    {
      *keep_previous = TRUE;
      return TRUE;
    }

  bytes = rv_storage_read (self->write_path, &local_error);
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, RV_VAULT_ERROR, RV_VAULT_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  file = rv_vault_file_parse (bytes, self->path, NULL);
  if (file == NULL)
    return TRUE;  /* damaged: overwrite it, but never rotate it into PATH.prev */
  if (self->have_disk_checksum &&
      memcmp (file->checksum, self->disk_checksum, sizeof self->disk_checksum) != 0)
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_BUSY,
                   "Another program changed the vault %s since it was opened; "
                   "open it again before saving", self->path);
      return FALSE;
    }
  *keep_previous = TRUE;
  return TRUE;
}

static gboolean
write_vault (RvVault   *self,
             GError   **error)
{
  g_autoptr(RvStorageLock) lock = NULL;
  g_autoptr(GBytes) contents = NULL;
  gboolean keep_previous;

  if (!rv_storage_ensure_folder (self->write_path, error))
    return FALSE;
  lock = rv_storage_lock (self->write_path, LOCK_TIMEOUT_MS, error);
  if (lock == NULL)
    return FALSE;
  if (!check_disk_before_save (self, &keep_previous, error))
    return FALSE;

  contents = build_file (self);
  if (!rv_storage_write (self->write_path, contents, keep_previous, error))
    return FALSE;
  set_disk_stamp (self, contents);
  return TRUE;
}

/**
 * rv_vault_create_full:
 * @kdf: the password slot's Argon2id parameters; rv_vault_create() uses
 *   rv_kdf_get_calibrated(). Lower ones are for tests and fuzzing only.
 */
RvVault *
rv_vault_create_full (const char         *path,
                      const RvSecret     *password,
                      const RvKdfParams  *kdf,
                      GError            **error)
{
  g_autoptr(RvVault) self = NULL;
  RvVaultSlot slot;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (kdf != NULL, NULL);

  if (!check_password (password, error))
    return NULL;
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_EXISTS,
                   "There is already a file at %s", path);
      return NULL;
    }

  self = g_object_new (RV_TYPE_VAULT, NULL);
  self->path = g_strdup (path);
  self->write_path = g_strdup (path);
  self->vault_id = g_uuid_string_random ();
  self->master_key = rv_vault_new_master_key ();
  if (!rv_vault_slot_init_password (&slot, self->vault_id, password, kdf, self->master_key, error))
    return NULL;
  g_array_append_val (self->slots, slot);
  self->backup.changed_at = rv_now ();
  self->backup.password_entered_at = self->backup.changed_at;

  /* have_disk_checksum is FALSE, so a file that appeared meanwhile is
   * caught by the check under the lock only if it is a vault: test again. */
  if (!rv_storage_ensure_folder (path, error))
    return NULL;
  {
    g_autoptr(RvStorageLock) lock = rv_storage_lock (path, LOCK_TIMEOUT_MS, error);
    g_autoptr(GBytes) contents = NULL;

    if (lock == NULL)
      return NULL;
    if (g_file_test (path, G_FILE_TEST_EXISTS))
      {
        g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_EXISTS,
                     "There is already a file at %s", path);
        return NULL;
      }
    contents = build_file (self);
    if (!rv_storage_write (path, contents, FALSE, error))
      return NULL;
    set_disk_stamp (self, contents);
    memcpy (self->notified_checksum, self->disk_checksum, RV_VAULT_CHECKSUM_SIZE);
  }
  start_monitor (self);
  return g_steal_pointer (&self);
}

RvVault *
rv_vault_create (const char      *path,
                 const RvSecret  *password,
                 GError         **error)
{
  RvKdfParams kdf;

  g_return_val_if_fail (path != NULL, NULL);

  rv_kdf_get_calibrated (&kdf);
  return rv_vault_create_full (path, password, &kdf, error);
}

static gboolean
check_open (RvVault  *self,
            GError  **error)
{
  if (self->closed)
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_IO, "The vault %s is closed", self->path);
      return FALSE;
    }
  return TRUE;
}

/**
 * rv_vault_reload:
 *
 * Replaces the model, the slots and the backup state with what the file holds
 * now. The master key of a vault never changes (a new password re-wraps it),
 * so the key in memory decrypts every later save of the same vault; a file
 * that now holds another vault is refused.
 */
gboolean
rv_vault_reload (RvVault  *self,
                 GError  **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RvVaultFile) file = NULL;
  g_autoptr(RvSecret) payload = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  RvBackupState backup;
  guint n;

  g_return_val_if_fail (RV_IS_VAULT (self), FALSE);

  if (!check_open (self, error))
    return FALSE;
  bytes = rv_storage_read (self->write_path, error);
  if (bytes == NULL)
    return FALSE;
  file = rv_vault_file_parse (bytes, self->path, error);
  if (file == NULL)
    return FALSE;
  if (!g_str_equal (file->vault_id, self->vault_id))
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD,
                   "%s now holds another vault; open it with its password", self->path);
      return FALSE;
    }
  payload = rv_vault_file_decrypt_payload (file, self->master_key, error);
  if (payload == NULL)
    return FALSE;
  if (!rv_vault_payload_parse (payload, &accounts, &backup, &requests, error))
    return FALSE;

  /* Accounts others still hold keep their secrets until they let go. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

      unwatch_account (self, account);
    }
  for (guint i = 0; i < accounts->len; i++)
    watch_account (self, g_ptr_array_index (accounts, i));
  g_list_store_splice (self->accounts, 0, n, accounts->pdata, accounts->len);

  g_ptr_array_set_size (self->requests, 0);
  g_ptr_array_extend_and_steal (self->requests, g_steal_pointer (&requests));
  backup_state_clear (&self->backup);
  self->backup = backup;
  g_array_set_size (self->slots, 0);
  g_array_append_vals (self->slots, file->slots->data, file->slots->len);
  set_disk_stamp (self, bytes);
  memcpy (self->notified_checksum, file->checksum, sizeof self->notified_checksum);
  set_dirty (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEYRING_ENABLED]);
  return TRUE;
}

gboolean
rv_vault_save (RvVault  *self,
               GError  **error)
{
  g_return_val_if_fail (RV_IS_VAULT (self), FALSE);

  if (!check_open (self, error) || !write_vault (self, error))
    return FALSE;
  set_dirty (self, FALSE);
  return TRUE;
}

/**
 * rv_vault_save_copy:
 *
 * Writes the same content to @path as a separate vault: its own master key,
 * vault id and password slot (calibrated), no keyring slot. An existing
 * file at @path is replaced atomically.
 */
gboolean
rv_vault_save_copy (RvVault         *self,
                    const char      *path,
                    const RvSecret  *password,
                    GError         **error)
{
  g_autoptr(RvStorageLock) lock = NULL;
  g_autoptr(RvSecret) master = NULL;
  g_autoptr(RvSecret) plaintext = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GArray) slots = NULL;
  g_autofree char *vault_id = NULL;
  RvKdfParams kdf;
  RvVaultSlot slot;

  g_return_val_if_fail (RV_IS_VAULT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!check_open (self, error) || !check_password (password, error))
    return FALSE;
  if (g_strcmp0 (path, self->path) == 0)
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_EXISTS,
                   "A copy cannot replace the vault itself (%s)", path);
      return FALSE;
    }

  vault_id = g_uuid_string_random ();
  master = rv_vault_new_master_key ();
  rv_kdf_get_calibrated (&kdf);
  if (!rv_vault_slot_init_password (&slot, vault_id, password, &kdf, master, error))
    return FALSE;
  slots = g_array_new (FALSE, TRUE, sizeof (RvVaultSlot));
  g_array_append_val (slots, slot);

  plaintext = rv_vault_payload_serialize (G_LIST_MODEL (self->accounts), &self->backup,
                                          self->requests);
  contents = rv_vault_file_build (vault_id, slots, master, plaintext);

  if (!rv_storage_ensure_folder (path, error))
    return FALSE;
  lock = rv_storage_lock (path, LOCK_TIMEOUT_MS, error);
  if (lock == NULL)
    return FALSE;
  return rv_storage_write (path, contents, FALSE, error);
}

/**
 * rv_vault_snapshot:
 *
 * Returns: (transfer full): an in-memory copy of the content (accounts,
 * secrets, backup state, requests), with no file, slots or key. Slow work on
 * the content (writing an encrypted backup, comparing it) runs on a snapshot
 * in a worker thread, while the vault itself stays in its own thread, free to
 * change or close.
 */
RvVault *
rv_vault_snapshot (RvVault  *self,
                   GError  **error)
{
  g_autoptr(RvSecret) payload = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  RvBackupState backup = { 0 };
  RvVault *copy;

  g_return_val_if_fail (RV_IS_VAULT (self), NULL);

  if (!check_open (self, error))
    return NULL;

  payload = rv_vault_payload_serialize (G_LIST_MODEL (self->accounts), &self->backup,
                                        self->requests);
  if (!rv_vault_payload_parse (payload, &accounts, &backup, &requests, error))
    return NULL;

  copy = g_object_new (RV_TYPE_VAULT, NULL);
  copy->vault_id = g_strdup (self->vault_id);
  load_model (copy, accounts, &backup, g_steal_pointer (&requests));
  return copy;
}

static gint
find_slot (RvVault         *self,
           RvVaultSlotType  type)
{
  for (guint i = 0; i < self->slots->len; i++)
    if (g_array_index (self->slots, RvVaultSlot, i).type == type)
      return (gint) i;
  return -1;
}

/* Replaces (or adds, or with @slot %NULL removes) the slot of that type and
 * saves; on failure the slots are as before. */
static gboolean
save_with_slot (RvVault            *self,
                RvVaultSlotType     type,
                const RvVaultSlot  *slot,
                GError            **error)
{
  g_autoptr(GArray) saved = g_array_copy (self->slots);
  gint index = find_slot (self, type);

  if (index >= 0)
    g_array_remove_index (self->slots, index);
  if (slot != NULL)
    g_array_append_vals (self->slots, slot, 1);
  if (!write_vault (self, error))
    {
      g_array_set_size (self->slots, 0);
      g_array_append_vals (self->slots, saved->data, saved->len);
      return FALSE;
    }
  set_dirty (self, FALSE);
  return TRUE;
}

/**
 * rv_vault_change_password:
 *
 * Re-wraps the same master key under @new_password (new salt, calibrated
 * parameters) and saves. The keyring slot, if any, stays valid.
 */
gboolean
rv_vault_change_password (RvVault         *self,
                          const RvSecret  *old_password,
                          const RvSecret  *new_password,
                          GError         **error)
{
  const RvVaultSlot *current;
  g_autoptr(RvSecret) key = NULL;
  g_autoptr(RvSecret) master = NULL;
  RvVaultSlot slot;
  RvKdfParams kdf;

  g_return_val_if_fail (RV_IS_VAULT (self), FALSE);
  g_return_val_if_fail (old_password != NULL, FALSE);

  if (!check_open (self, error) || !check_password (new_password, error))
    return FALSE;

  current = &g_array_index (self->slots, RvVaultSlot, find_slot (self, RV_VAULT_SLOT_PASSWORD));
  key = rv_vault_slot_derive_key (current, old_password, error);
  if (key == NULL)
    return FALSE;
  master = rv_vault_slot_unwrap (current, self->vault_id, key);
  if (master == NULL || !rv_secret_equal (master, self->master_key))
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD,
                   "The current password is wrong for the vault %s", self->path);
      return FALSE;
    }

  rv_kdf_get_calibrated (&kdf);
  if (!rv_vault_slot_init_password (&slot, self->vault_id, new_password, &kdf, self->master_key, error))
    return FALSE;
  if (!save_with_slot (self, RV_VAULT_SLOT_PASSWORD, &slot, error))
    return FALSE;
  self->backup.password_entered_at = rv_now ();
  return TRUE;
}

/**
 * rv_vault_enable_keyring:
 *
 * Stores a new random key in the Secret Service and adds a keyring slot
 * wrapping the master key under it; saves.
 */
gboolean
rv_vault_enable_keyring (RvVault       *self,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(RvSecret) key = NULL;
  RvVaultSlot slot = { 0 };

  g_return_val_if_fail (RV_IS_VAULT (self), FALSE);

  if (!check_open (self, error))
    return FALSE;

  key = rv_vault_new_master_key ();
  slot.type = RV_VAULT_SLOT_KEYRING;
  rv_vault_slot_wrap (&slot, self->vault_id, key, self->master_key);

  if (!rv_keyring_clear (self->vault_id, cancellable, error) ||
      !rv_keyring_store (self->vault_id, self->path, key, cancellable, error))
    return FALSE;
  if (!save_with_slot (self, RV_VAULT_SLOT_KEYRING, &slot, error))
    {
      rv_keyring_clear (self->vault_id, NULL, NULL);
      return FALSE;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEYRING_ENABLED]);
  return TRUE;
}

/**
 * rv_vault_disable_keyring:
 *
 * Removes the keyring slot from the file (saving), then the key from the
 * Secret Service.
 */
gboolean
rv_vault_disable_keyring (RvVault       *self,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_return_val_if_fail (RV_IS_VAULT (self), FALSE);

  if (!check_open (self, error))
    return FALSE;
  if (find_slot (self, RV_VAULT_SLOT_KEYRING) >= 0)
    {
      if (!save_with_slot (self, RV_VAULT_SLOT_KEYRING, NULL, error))
        return FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEYRING_ENABLED]);
    }
  return rv_keyring_clear (self->vault_id, cancellable, error);
}

gboolean
rv_vault_get_keyring_enabled (RvVault *self)
{
  g_return_val_if_fail (RV_IS_VAULT (self), FALSE);

  return find_slot (self, RV_VAULT_SLOT_KEYRING) >= 0;
}

/**
 * rv_vault_close:
 *
 * Wipes the master key and every account's secret and recovery codes (also
 * in accounts that others still hold), and empties the lists.
 */
void
rv_vault_close (RvVault *self)
{
  guint n;

  g_return_if_fail (RV_IS_VAULT (self));

  if (self->closed)
    return;
  self->closed = TRUE;

  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->monitor, on_file_monitor_changed, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

      unwatch_account (self, account);
      rv_account_set_secret (account, NULL);
      rv_account_clear_recovery_codes (account);
    }
  g_list_store_remove_all (self->accounts);
  /* Emptied, not freed: getters stay safe on a closed vault. */
  g_ptr_array_set_size (self->requests, 0);
  g_array_set_size (self->slots, 0);
  g_clear_pointer (&self->master_key, rv_secret_free);
  backup_state_clear (&self->backup);
}

const char *
rv_vault_get_path (RvVault *self)
{
  g_return_val_if_fail (RV_IS_VAULT (self), NULL);

  return self->path;
}

const char *
rv_vault_get_id (RvVault *self)
{
  g_return_val_if_fail (RV_IS_VAULT (self), NULL);

  return self->vault_id;
}

gboolean
rv_vault_is_dirty (RvVault *self)
{
  g_return_val_if_fail (RV_IS_VAULT (self), FALSE);

  return self->dirty;
}

GListModel *
rv_vault_get_accounts (RvVault *self)
{
  g_return_val_if_fail (RV_IS_VAULT (self), NULL);

  return G_LIST_MODEL (self->accounts);
}

void
rv_vault_add_account (RvVault   *self,
                      RvAccount *account)
{
  g_return_if_fail (RV_IS_VAULT (self));
  g_return_if_fail (RV_IS_ACCOUNT (account));
  g_return_if_fail (!self->closed);

  watch_account (self, account);
  g_list_store_append (self->accounts, account);
  rv_vault_mark_changed (self);
}

gboolean
rv_vault_remove_account (RvVault   *self,
                         RvAccount *account)
{
  guint position;

  g_return_val_if_fail (RV_IS_VAULT (self), FALSE);
  g_return_val_if_fail (RV_IS_ACCOUNT (account), FALSE);

  if (!g_list_store_find (self->accounts, account, &position))
    return FALSE;
  unwatch_account (self, account);
  g_list_store_remove (self->accounts, position);
  rv_vault_mark_changed (self);
  return TRUE;
}

RvAccount *
rv_vault_find_account_by_id (RvVault    *self,
                             const char *id)
{
  guint n;

  g_return_val_if_fail (RV_IS_VAULT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
  for (guint i = 0; i < n; i++)
    {
      RvAccount *account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

      /* The store keeps its own reference: return a borrowed pointer. */
      g_object_unref (account);
      if (g_strcmp0 (rv_account_get_id (account), id) == 0)
        return account;
    }
  return NULL;
}

/**
 * rv_vault_find_accounts:
 *
 * Returns: (transfer container) (element-type RvAccount): the matching
 * accounts, in the vault's order; the array holds references.
 */
GPtrArray *
rv_vault_find_accounts (RvVault    *self,
                        const char *query)
{
  g_autofree char *folded = NULL;
  GPtrArray *found;
  guint n;

  g_return_val_if_fail (RV_IS_VAULT (self), NULL);

  folded = g_utf8_casefold (query ? query : "", -1);
  found = g_ptr_array_new_with_free_func (g_object_unref);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

      if (rv_account_matches (account, folded))
        g_ptr_array_add (found, g_steal_pointer (&account));
    }
  return found;
}

/* Returns: (transfer none): the vault's own backup state; change it, then
 * call rv_vault_mark_changed() or rv_vault_mark_dirty(). */
RvBackupState *
rv_vault_get_backup_state (RvVault *self)
{
  g_return_val_if_fail (RV_IS_VAULT (self), NULL);

  return &self->backup;
}

/* Something worth backing up changed: needs saving, and the backup state's
 * changed_at moves to now. */
void
rv_vault_mark_changed (RvVault *self)
{
  g_return_if_fail (RV_IS_VAULT (self));

  self->backup.changed_at = rv_now ();
  set_dirty (self, TRUE);
}

/* Needs saving, without counting as a change to back up (for example the
 * backup state's own times). */
void
rv_vault_mark_dirty (RvVault *self)
{
  g_return_if_fail (RV_IS_VAULT (self));

  set_dirty (self, TRUE);
}

/* Returns: (transfer none) (element-type RvRecoveryRequest): the requests. */
GPtrArray *
rv_vault_get_requests (RvVault *self)
{
  g_return_val_if_fail (RV_IS_VAULT (self), NULL);

  return self->requests;
}

/**
 * rv_vault_add_request:
 * @request: (transfer full): the vault takes ownership
 */
void
rv_vault_add_request (RvVault           *self,
                      RvRecoveryRequest *request)
{
  g_return_if_fail (RV_IS_VAULT (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (!self->closed);

  g_ptr_array_add (self->requests, request);
  rv_vault_mark_changed (self);
}

/* Upper-case, without spaces or dashes: how codes are typed and printed. */
static char *
normalize_text (const char *text,
                gsize       len)
{
  char *out = g_malloc (len + 1);
  gsize n = 0;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (text[i]) && text[i] != '-')
      out[n++] = g_ascii_toupper (text[i]);
  out[n] = '\0';
  return out;
}

/* Secrets shorter than this would match ordinary text by chance. */
#define MIN_SECRET_MATCH 4

static gboolean
normalized_contains (const char     *normalized_text,
                     const RvSecret *secret)
{
  g_autoptr(RvSecret) normalized = NULL;
  gsize size = rv_secret_get_size (secret);
  const guint8 *data = rv_secret_get_data (secret);
  guint8 *out;
  gsize n = 0;

  normalized = rv_secret_new (size);
  out = rv_secret_get_mutable_data (normalized);
  for (gsize i = 0; i < size; i++)
    if (!g_ascii_isspace (data[i]) && data[i] != '-')
      out[n++] = g_ascii_toupper (data[i]);
  rv_secret_truncate (normalized, n);
  return n >= MIN_SECRET_MATCH &&
         rv_secret_contains (normalized_text, strlen (normalized_text), normalized);
}

static gboolean
account_secret_in_text (RvAccount  *account,
                        const char *text,
                        gsize       len,
                        const char *normalized_text)
{
  const RvSecret *secret = rv_account_get_secret (account);
  guint n_codes = rv_account_get_n_recovery_codes (account);

  if (secret != NULL && rv_secret_get_size (secret) >= MIN_SECRET_MATCH)
    {
      g_autoptr(RvSecret) base32 = rv_base32_encode_secret (secret);

      if (rv_secret_contains (text, len, secret) || normalized_contains (normalized_text, base32))
        return TRUE;
    }
  for (guint i = 0; i < n_codes; i++)
    if (normalized_contains (normalized_text, rv_account_get_recovery_code (account, i)->code))
      return TRUE;
  return FALSE;
}

/**
 * rv_vault_text_contains_secret:
 *
 * Whether @text contains any OTP seed (raw, or in base32 in any case and
 * with any spacing) or any recovery code (ignoring spaces, dashes and case).
 * Used to refuse drafts that would leak a secret.
 */
gboolean
rv_vault_text_contains_secret (RvVault    *self,
                               const char *text)
{
  g_autofree char *normalized = NULL;
  gsize len;
  guint n;

  g_return_val_if_fail (RV_IS_VAULT (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  len = strlen (text);
  normalized = normalize_text (text, len);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

      if (account_secret_in_text (account, text, len, normalized))
        return TRUE;
    }
  return FALSE;
}
