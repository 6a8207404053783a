/* rv-backup-auto.c: automatic backups into a folder, with rotation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An automatic backup is a byte copy of the saved vault file: it is already
 * encrypted under the vault's own slots, so no password is needed to make
 * one. The copy is read back and compared with what was copied.
 */
#include "config.h"

#include "rv-backup.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rv-atomic-file.h"
#include "rv-vault-format.h"
#include "rv-util.h"

#define AUTO_PREFIX  "recovery-vault-"
#define AUTO_SUFFIX  ".rvault"

/* A name we wrote: recovery-vault-YYYYMMDD-HHMMSS[-N].rvault. Fills the
 * sort key: the time stamp, then the clash counter. */
static gboolean
parse_auto_name (const char *name,
                 char        stamp[16],
                 guint64    *counter)
{
  const char *p = name + strlen (AUTO_PREFIX);
  gsize len = strlen (name);
  g_autofree char *rest = NULL;

  if (!g_str_has_prefix (name, AUTO_PREFIX) || !g_str_has_suffix (name, AUTO_SUFFIX) ||
      len < strlen (AUTO_PREFIX) + 15 + strlen (AUTO_SUFFIX))
    return FALSE;
  for (guint i = 0; i < 15; i++)
    if (i == 8 ? p[i] != '-' : !g_ascii_isdigit (p[i]))
      return FALSE;
  memcpy (stamp, p, 15);
  stamp[15] = '\0';

  rest = g_strndup (p + 15, len - strlen (AUTO_PREFIX) - 15 - strlen (AUTO_SUFFIX));
  *counter = 0;
  if (rest[0] == '\0')
    return TRUE;
  return rest[0] == '-' && rest[1] != '\0' &&
         g_ascii_string_to_unsigned (rest + 1, 10, 1, G_MAXUINT, counter, NULL);
}

typedef struct
{
  char    *path;
  char     stamp[16];
  guint64  counter;
} AutoFile;

static void
auto_file_free (gpointer data)
{
  AutoFile *file = data;

  g_free (file->path);
  g_free (file);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const AutoFile *x = *(const AutoFile * const *) a;
  const AutoFile *y = *(const AutoFile * const *) b;
  int by_stamp = strcmp (y->stamp, x->stamp);

  if (by_stamp != 0)
    return by_stamp;
  return (y->counter > x->counter) - (y->counter < x->counter);
}

static GPtrArray *
list_auto_files (const char  *folder,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) dir = g_dir_open (folder, 0, &local_error);
  g_autoptr(GPtrArray) files = NULL;
  const char *name;

  if (dir == NULL)
    {
      g_set_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_IO,
                   _("Could not read the backup folder: %s"), local_error->message);
      return NULL;
    }
  files = g_ptr_array_new_with_free_func (auto_file_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      AutoFile *file = g_new0 (AutoFile, 1);

      if (!parse_auto_name (name, file->stamp, &file->counter))
        {
          auto_file_free (file);
          continue;
        }
      file->path = g_build_filename (folder, name, NULL);
      g_ptr_array_add (files, file);
    }
  g_ptr_array_sort (files, compare_newest_first);
  return g_steal_pointer (&files);
}

GPtrArray *
rv_backup_list_auto (const char  *folder,
                     GError     **error)
{
  g_autoptr(GPtrArray) files = NULL;
  GPtrArray *paths;

  g_return_val_if_fail (folder != NULL, NULL);

  files = list_auto_files (folder, error);
  if (files == NULL)
    return NULL;
  paths = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < files->len; i++)
    {
      AutoFile *file = g_ptr_array_index (files, i);

      g_ptr_array_add (paths, g_strdup (file->path));
    }
  return paths;
}

/* A fresh name for now, newer than every existing one even within the same
 * second (UTC, so that clock changes for summer time keep the order). */
static char *
new_auto_path (const char  *folder,
               GPtrArray   *existing)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  guint64 counter = 0;

  if (existing->len > 0)
    {
      AutoFile *newest = g_ptr_array_index (existing, 0);

      if (strcmp (newest->stamp, stamp) >= 0)
        {
          g_free (stamp);
          stamp = g_strdup (newest->stamp);
          counter = newest->counter + 1;
        }
    }
  if (counter == 0)
    return g_strdup_printf ("%s/" AUTO_PREFIX "%s" AUTO_SUFFIX, folder, stamp);
  return g_strdup_printf ("%s/" AUTO_PREFIX "%s-%" G_GUINT64_FORMAT AUTO_SUFFIX,
                          folder, stamp, counter);
}

/* The copy must read back byte for byte, and pass the format's own checks
 * (checksum, version, header): it then opens with exactly the vault's key
 * material, since its slots are the vault's. */
static gboolean
check_copy (const char    *path,
            const guint8  *expected,
            gsize          expected_len,
            GError       **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RvVaultFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, &local_error))
    {
      g_set_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_IO,
                   _("Could not read back the automatic backup: %s"), local_error->message);
      return FALSE;
    }
  bytes = g_bytes_new_take (contents, len);
  if (len != expected_len || memcmp (contents, expected, len) != 0)
    {
      g_set_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_MISMATCH,
                   _("The automatic backup “%s” does not read back as written"), display);
      return FALSE;
    }
  file = rv_vault_file_parse (bytes, display, &local_error);
  if (file == NULL)
    {
      g_set_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_DAMAGED,
                   _("The automatic backup is not a valid vault: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

static void
rotate (GPtrArray  *files,
        guint       keep)
{
  for (guint i = keep; i < files->len; i++)
    {
      AutoFile *file = g_ptr_array_index (files, i);

      g_unlink (file->path);
    }
}

static gboolean
prepare_folder (const char  *folder,
                GError     **error)
{
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (folder);

      g_set_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_IO,
                   _("Could not create the backup folder “%s”: %s"), display,
                   g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* A dirty vault is saved first: the copy is of the file on disk. Runs in
 * the vault's thread. */
static gboolean
save_before_copy (RvVault  *vault,
                  GError  **error)
{
  g_autoptr(GError) local_error = NULL;

  if (rv_vault_is_dirty (vault) && !rv_vault_save (vault, &local_error))
    {
      g_set_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_IO,
                   _("Could not save the vault before backing it up: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_keep (guint    keep,
            GError **error)
{
  if (keep == 0)
    {
      g_set_error_literal (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_INVALID,
                           _("At least one automatic backup must be kept"));
      return FALSE;
    }
  return TRUE;
}

/* The slow half, which never touches the vault object (so it may run in a
 * worker thread while the vault is edited): copies the saved file at
 * @vault_path into @folder, checks the copy and rotates. Returns: (transfer
 * full): the path of the new copy. */
static char *
copy_vault_file (const char  *vault_path,
                 const char  *folder,
                 guint        keep,
                 GError     **error)
{
  g_autofree char *absolute = g_canonicalize_filename (folder, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len = 0;

  if (!prepare_folder (absolute, error))
    return NULL;
  if (!g_file_get_contents (vault_path, &contents, &len, &local_error))
    {
      g_set_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_IO,
                   _("Could not read the vault file: %s"), local_error->message);
      return NULL;
    }
  files = list_auto_files (absolute, error);
  if (files == NULL)
    return NULL;

  path = new_auto_path (absolute, files);
  if (!rv_atomic_file_write (path, contents, len, 0600, &local_error))
    {
      g_set_error_literal (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_IO, local_error->message);
      return NULL;
    }
  if (!check_copy (path, (const guint8 *) contents, len, error))
    {
      g_unlink (path);
      return NULL;
    }

  /* The new copy is newest; keep it and the keep - 1 before it. */
  rotate (files, keep - 1);
  if (!rv_atomic_file_sync_folder (path, &local_error))
    {
      g_set_error_literal (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_IO, local_error->message);
      return NULL;
    }
  return g_steal_pointer (&path);
}

/* The quick half, in the vault's thread: the backup state and a save. */
static gboolean
record_auto (RvVault     *vault,
             const char  *path,
             GError     **error)
{
  RvBackupState *state = rv_vault_get_backup_state (vault);
  g_autoptr(GError) local_error = NULL;

  state->exported_at = rv_now ();
  g_free (state->export_path);
  state->export_path = g_strdup (path);
  rv_vault_mark_dirty (vault);
  if (!rv_vault_save (vault, &local_error))
    {
      g_set_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_IO,
                   _("The backup was written, but the vault could not record it: %s"),
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

char *
rv_backup_auto (RvVault     *vault,
                const char  *folder,
                guint        keep,
                GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (RV_IS_VAULT (vault), NULL);
  g_return_val_if_fail (folder != NULL, NULL);

  if (!check_keep (keep, error) || !save_before_copy (vault, error))
    return NULL;
  path = copy_vault_file (rv_vault_get_path (vault), folder, keep, error);
  if (path == NULL || !record_auto (vault, path, error))
    return NULL;
  return g_steal_pointer (&path);
}

typedef struct
{
  char  *vault_path;
  char  *folder;
  guint  keep;
} AutoData;

static void
auto_data_free (gpointer data)
{
  AutoData *auto_data = data;

  g_free (auto_data->vault_path);
  g_free (auto_data->folder);
  g_free (auto_data);
}

static void
auto_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  AutoData *auto_data = task_data;
  GError *error = NULL;
  char *path;

  if (g_task_return_error_if_cancelled (task))
    return;
  path = copy_vault_file (auto_data->vault_path, auto_data->folder, auto_data->keep, &error);
  if (path != NULL)
    g_task_return_pointer (task, path, g_free);
  else
    g_task_return_error (task, error);
}

/* The vault is saved (when dirty) before, and the copy recorded in finish,
 * both in the caller's thread; the worker only copies the file, so the
 * vault may be edited meanwhile. */
void
rv_backup_auto_async (RvVault             *vault,
                      const char          *folder,
                      guint                keep,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AutoData *auto_data;
  GError *error = NULL;

  g_return_if_fail (RV_IS_VAULT (vault));
  g_return_if_fail (folder != NULL);

  task = g_task_new (vault, cancellable, callback, user_data);
  g_task_set_source_tag (task, rv_backup_auto_async);
  if (!check_keep (keep, &error) || !save_before_copy (vault, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  auto_data = g_new0 (AutoData, 1);
  auto_data->vault_path = g_strdup (rv_vault_get_path (vault));
  auto_data->folder = g_strdup (folder);
  auto_data->keep = keep;
  g_task_set_task_data (task, auto_data, auto_data_free);
  g_task_run_in_thread (task, auto_thread);
}

char *
rv_backup_auto_finish (RvVault       *vault,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (g_task_is_valid (result, vault), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rv_backup_auto_async, NULL);

  path = g_task_propagate_pointer (G_TASK (result), error);
  if (path == NULL || !record_auto (vault, path, error))
    return NULL;
  return g_steal_pointer (&path);
}

/**
 * rv_backup_auto_remove:
 * @folder: the automatic backups' folder
 * @paths: files to delete, as rv_vault_find_old_backups() names them
 *
 * Deletes those of @paths that are automatic backups (by name) directly in
 * @folder and regular files; anything else, a link included, is left alone.
 * Goes through the folder's descriptor, never following a link, as the
 * stale-export cleanup does. Returns: how many were deleted
 */
guint
rv_backup_auto_remove (const char         *folder,
                       const char * const *paths,
                       GError            **error)
{
  g_autofree char *canonical = NULL;
  guint removed = 0;
  int fd;

  g_return_val_if_fail (folder != NULL, 0);

  canonical = g_canonicalize_filename (folder, NULL);
  fd = open (canonical, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_IO,
                   _("Could not read the backup folder: %s"), g_strerror (saved_errno));
      return 0;
    }
  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      g_autofree char *path = g_canonicalize_filename (paths[i], NULL);
      g_autofree char *parent = g_path_get_dirname (path);
      g_autofree char *name = g_path_get_basename (path);
      char stamp[16];
      guint64 counter;
      struct stat st;

      if (!g_str_equal (parent, canonical) || !parse_auto_name (name, stamp, &counter))
        continue;
      if (fstatat (fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG (st.st_mode))
        continue;
      if (unlinkat (fd, name, 0) == 0)
        removed++;
    }
  fsync (fd);
  close (fd);
  return removed;
}
