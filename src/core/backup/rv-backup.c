/* rv-backup.c: encrypted backups that provably open: opening and exporting them
 * (verifying one is in rv-backup-verify.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A backup is our own vault format under its own password
 * (rv_vault_save_copy). It is written into a private temporary folder next
 * to the destination, re-opened with the backup password and compared with
 * the vault entry by entry; only a copy that passed replaces the
 * destination (rv_atomic_file_write), so a failed export never destroys an
 * older good backup.
 *
 * The destination folder may be shared (a synced or group folder): the
 * scratch folders in it are checked, opened and emptied relative to a
 * descriptor of the folder, never following a link (fstatat, openat with
 * O_NOFOLLOW, fdopendir, unlinkat), so a link planted in place of one cannot
 * make us delete another folder's files. GLib has no fd-relative API for
 * this, hence POSIX.
 */
#include "config.h"

#include "rv-backup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rv-atomic-file.h"
#include "rv-backup-private.h"
#include "rv-util.h"

G_DEFINE_QUARK (rv-backup-error-quark, rv_backup_error)

void
rv_backup_report_clear (RvBackupReport *report)
{
  g_return_if_fail (report != NULL);

  g_clear_pointer (&report->path, g_free);
  memset (report, 0, sizeof *report);
}

void
rv_backup_info_clear (RvBackupInfo *info)
{
  g_return_if_fail (info != NULL);

  g_clear_pointer (&info->path, g_free);
  g_clear_pointer (&info->issuers, g_strfreev);
  memset (info, 0, sizeof *info);
}

static RvBackupError
backup_error_code (const GError *vault_error)
{
  if (vault_error->domain != RV_VAULT_ERROR)
    return RV_BACKUP_ERROR_IO;
  switch (vault_error->code)
    {
    case RV_VAULT_ERROR_NOT_FOUND:
      return RV_BACKUP_ERROR_NOT_FOUND;
    case RV_VAULT_ERROR_NOT_A_VAULT:
    case RV_VAULT_ERROR_TRUNCATED:
    case RV_VAULT_ERROR_CORRUPT:
    case RV_VAULT_ERROR_TAMPERED:
      return RV_BACKUP_ERROR_DAMAGED;
    case RV_VAULT_ERROR_WRONG_PASSWORD:
      return RV_BACKUP_ERROR_WRONG_PASSWORD;
    case RV_VAULT_ERROR_UNSUPPORTED_VERSION:
      return RV_BACKUP_ERROR_UNSUPPORTED;
    case RV_VAULT_ERROR_WEAK_PASSWORD:
      return RV_BACKUP_ERROR_INVALID;
    default:
      return RV_BACKUP_ERROR_IO;
    }
}

/* Vault errors, said about a backup. */
static void
propagate_open_error (GError     **error,
                      GError      *vault_error,
                      const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *what = NULL;
  RvBackupError code = backup_error_code (vault_error);

  switch (code)
    {
    case RV_BACKUP_ERROR_NOT_FOUND:
      what = g_strdup_printf (_("No backup at “%s”"), display);
      break;
    case RV_BACKUP_ERROR_DAMAGED:
      what = g_strdup_printf (_("The backup “%s” is damaged and cannot be used"), display);
      break;
    case RV_BACKUP_ERROR_WRONG_PASSWORD:
      what = g_strdup_printf (_("Wrong password for the backup “%s”"), display);
      break;
    case RV_BACKUP_ERROR_UNSUPPORTED:
      what = g_strdup_printf (_("The backup “%s” was written by a newer version"), display);
      break;
    case RV_BACKUP_ERROR_MISMATCH:
    case RV_BACKUP_ERROR_IO:
    case RV_BACKUP_ERROR_INVALID:
    default:
      what = g_strdup_printf (_("Could not open the backup “%s”"), display);
      break;
    }
  /* The vault's own words add nothing to a wrong password. */
  if (code == RV_BACKUP_ERROR_WRONG_PASSWORD)
    g_set_error_literal (error, RV_BACKUP_ERROR, code, what);
  else
    g_set_error (error, RV_BACKUP_ERROR, code, _("%s: %s"), what, vault_error->message);
  g_error_free (vault_error);
}

RvVault *
rv_backup_open (const char      *path,
                const RvSecret  *password,
                GError         **error)
{
  GError *local_error = NULL;
  RvVault *backup;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (password != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_NOT_FOUND,
                   _("No backup at “%s”"), display);
      return NULL;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_INVALID,
                   _("“%s” is a folder, not a backup file"), display);
      return NULL;
    }
  backup = rv_vault_open (path, password, &local_error);
  if (backup == NULL)
    propagate_open_error (error, local_error, path);
  return backup;
}

/* The task data of an export: where, under which password, and a snapshot
 * of the content taken in the vault's thread. */
typedef struct
{
  RvFileKey *key;
  RvVault   *snapshot;
} ExportData;

static void
export_data_free (gpointer data)
{
  ExportData *export = data;

  rv_file_key_free (export->key);
  g_clear_object (&export->snapshot);
  g_free (export);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  RvFileKey *data = task_data;
  GError *error = NULL;
  RvVault *backup;

  if (g_task_return_error_if_cancelled (task))
    return;
  backup = rv_backup_open (data->path, data->password, &error);
  if (backup != NULL)
    g_task_return_pointer (task, backup, g_object_unref);
  else
    g_task_return_error (task, error);
}

void
rv_backup_open_async (const char          *path,
                      const RvSecret      *password,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (path != NULL);
  g_return_if_fail (password != NULL);

  rv_file_key_run_in_thread (NULL, path, password, rv_backup_open_async, cancellable, callback,
                             user_data, open_thread);
}

RvVault *
rv_backup_open_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rv_backup_open_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Exporting */

#define SCRATCH_PREFIX   ".rvault-backup-"
#define STALE_SCRATCH_S  (24 * 60 * 60)

/* Empties and removes the scratch folder @name in the folder open as
 * @parent_fd, with whatever the vault code left in it (lock files, previous
 * generations). Never follows a link: a link in place of the folder is left
 * alone, and so is the folder it points to. Returns whether it went. */
static gboolean
remove_scratch_at (int         parent_fd,
                   const char *name)
{
  struct stat before, opened;
  struct dirent *entry;
  DIR *dir;
  int fd;

  if (fstatat (parent_fd, name, &before, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISDIR (before.st_mode))
    return FALSE;
  fd = openat (parent_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0)
    return FALSE;
  /* The very folder that was checked, not one swapped in since. */
  if (fstat (fd, &opened) != 0 || opened.st_dev != before.st_dev ||
      opened.st_ino != before.st_ino || (dir = fdopendir (fd)) == NULL)
    {
      close (fd);
      return FALSE;
    }
  while ((entry = readdir (dir)) != NULL)
    if (strcmp (entry->d_name, ".") != 0 && strcmp (entry->d_name, "..") != 0)
      unlinkat (dirfd (dir), entry->d_name, 0);
  closedir (dir);
  return unlinkat (parent_fd, name, AT_REMOVEDIR) == 0;
}

gboolean
rv_backup_remove_scratch (const char *scratch)
{
  g_autofree char *folder = g_path_get_dirname (scratch);
  g_autofree char *name = g_path_get_basename (scratch);
  int parent_fd = open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  gboolean removed;

  if (parent_fd < 0)
    return FALSE;
  removed = remove_scratch_at (parent_fd, name);
  close (parent_fd);
  return removed;
}

/* Scratch folders an interrupted export left behind (a crash, a power cut);
 * a day old, so never one that another export is still using. */
void
rv_backup_remove_stale_scratch (const char *folder)
{
  gint64 limit = rv_now () - STALE_SCRATCH_S;
  struct dirent *entry;
  DIR *dir;
  int fd = open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd < 0)
    return;
  dir = fdopendir (fd);
  if (dir == NULL)
    {
      close (fd);
      return;
    }
  while ((entry = readdir (dir)) != NULL)
    {
      struct stat st;

      if (g_str_has_prefix (entry->d_name, SCRATCH_PREFIX) &&
          fstatat (dirfd (dir), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
          S_ISDIR (st.st_mode) && st.st_mtime < limit)
        remove_scratch_at (dirfd (dir), entry->d_name);
    }
  closedir (dir);
}

static char *
make_scratch (const char  *path,
              GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *scratch = g_build_filename (folder, SCRATCH_PREFIX "XXXXXX", NULL);

  rv_backup_remove_stale_scratch (folder);
  if (g_mkdtemp_full (scratch, 0700) == NULL)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (folder);

      g_set_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_IO,
                   _("Could not write into the folder “%s”: %s"), display,
                   g_strerror (saved_errno));
      return NULL;
    }
  return g_steal_pointer (&scratch);
}

/* Re-opens the freshly written @path and compares it with @vault. */
static gboolean
verify_written (RvVault         *vault,
                const char      *path,
                const RvSecret  *password,
                GError         **error)
{
  g_autoptr(RvVault) copy = NULL;
  gboolean ok;

  copy = rv_backup_open (path, password, error);
  if (copy == NULL)
    return FALSE;
  ok = rv_backup_compare (vault, copy, error);
  rv_vault_close (copy);
  return ok;
}

/* Only a copy that opened and compared equal replaces @path. */
static gboolean
write_verified_copy (RvVault         *vault,
                     const char      *scratch,
                     const char      *path,
                     const RvSecret  *password,
                     GError         **error)
{
  g_autofree char *tmp = g_build_filename (scratch, "backup.rvault", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len = 0;

  if (!rv_vault_save_copy (vault, tmp, password, &local_error))
    {
      g_set_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_IO,
                   _("Could not write the backup: %s"), local_error->message);
      return FALSE;
    }
  if (!verify_written (vault, tmp, password, error))
    return FALSE;

  /* The encrypted file, read back whole: small, and nothing secret. */
  if (!g_file_get_contents (tmp, &contents, &len, &local_error) ||
      !rv_atomic_file_write (path, contents, len, 0600, &local_error))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_IO,
                   _("Could not write the backup “%s”: %s"), display, local_error->message);
      return FALSE;
    }
  return TRUE;
}

static guint
count_recovery_codes (GListModel *accounts)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (accounts, i);

      n += rv_account_get_n_recovery_codes (account);
    }
  return n;
}

static gboolean
record_export (RvVault         *vault,
               const char      *path,
               gint64           when,
               gboolean         verified,
               GError         **error)
{
  RvBackupState *state = rv_vault_get_backup_state (vault);
  g_autoptr(GError) local_error = NULL;

  state->exported_at = when;
  g_free (state->export_path);
  state->export_path = g_canonicalize_filename (path, NULL);
  if (verified)
    state->verified_at = when;
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

/* Whether @path names the vault's own file or its previous generation
 * (through any spelling or link): a backup must never replace those. */
static gboolean
is_vault_file (RvVault    *vault,
               const char *path)
{
  g_autofree char *prev = rv_vault_get_previous_generation_path (rv_vault_get_path (vault));
  const char *own[] = { rv_vault_get_path (vault), prev };
  GStatBuf target, st;

  if (g_stat (path, &target) != 0)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (own); i++)
    if (g_stat (own[i], &st) == 0 && st.st_dev == target.st_dev && st.st_ino == target.st_ino)
      return TRUE;
  return FALSE;
}

static gboolean
check_destination (RvVault     *vault,
                   const char  *path,
                   GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_INVALID,
                   _("“%s” is a folder; choose a file name for the backup"), display);
      return FALSE;
    }
  if (is_vault_file (vault, path))
    {
      g_set_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_INVALID,
                   _("“%s” is the vault itself; choose another file for the backup"), display);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_export (RvVault         *vault,
              const char      *path,
              const RvSecret  *backup_password,
              GError         **error)
{
  if (rv_secret_get_size (backup_password) == 0)
    {
      g_set_error_literal (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_INVALID,
                           _("The backup password must not be empty"));
      return FALSE;
    }
  return check_destination (vault, path, error);
}

/* The slow half of an export (key derivation, writing, re-opening and
 * comparing). @content is the vault or, from a worker thread, a snapshot. */
static gboolean
write_backup (RvVault         *content,
              const char      *path,
              const RvSecret  *backup_password,
              GError         **error)
{
  g_autofree char *scratch = NULL;
  gboolean ok;

  scratch = make_scratch (path, error);
  if (scratch == NULL)
    return FALSE;
  ok = write_verified_copy (content, scratch, path, backup_password, error);
  rv_backup_remove_scratch (scratch);
  return ok;
}

/* The quick half: records the verified export in the vault and saves it.
 * Runs in the vault's own (main) thread, since it changes the vault and its
 * change notifications reach the GUI. */
static gboolean
record_backup (RvVault         *vault,
               const char      *path,
               RvBackupReport  *report,
               GError         **error)
{
  GListModel *accounts;
  gint64 when = rv_now ();

  if (!record_export (vault, path, when, TRUE, error))
    return FALSE;

  if (report != NULL)
    {
      accounts = rv_vault_get_accounts (vault);
      report->path = g_canonicalize_filename (path, NULL);
      report->n_accounts = g_list_model_get_n_items (accounts);
      report->n_recovery_codes = count_recovery_codes (accounts);
      report->n_requests = rv_vault_get_requests (vault)->len;
      report->written_at = when;
      report->verified_at = when;
    }
  return TRUE;
}

gboolean
rv_backup_export (RvVault         *vault,
                  const char      *path,
                  const RvSecret  *backup_password,
                  RvBackupReport  *report,
                  GError         **error)
{
  g_return_val_if_fail (RV_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (backup_password != NULL, FALSE);

  return check_export (vault, path, backup_password, error) &&
         write_backup (vault, path, backup_password, error) &&
         record_backup (vault, path, report, error);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *export = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (write_backup (export->snapshot, export->key->path, export->key->password, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
rv_backup_export_async (RvVault             *vault,
                        const char          *path,
                        const RvSecret      *backup_password,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportData *export;
  GError *error = NULL;

  g_return_if_fail (RV_IS_VAULT (vault));
  g_return_if_fail (path != NULL);
  g_return_if_fail (backup_password != NULL);

  task = g_task_new (vault, cancellable, callback, user_data);
  g_task_set_source_tag (task, rv_backup_export_async);
  export = g_new0 (ExportData, 1);
  export->key = rv_file_key_new (path, backup_password);
  g_task_set_task_data (task, export, export_data_free);

  /* The worker never touches the vault itself: it may be edited, saved or
   * locked (wiped) while the backup is written. */
  if (!check_export (vault, path, backup_password, &error) ||
      (export->snapshot = rv_vault_snapshot (vault, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_run_in_thread (task, export_thread);
}

gboolean
rv_backup_export_finish (RvVault         *vault,
                         GAsyncResult    *result,
                         RvBackupReport  *report,
                         GError         **error)
{
  ExportData *export;

  g_return_val_if_fail (g_task_is_valid (result, vault), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rv_backup_export_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  export = g_task_get_task_data (G_TASK (result));
  return record_backup (vault, export->key->path, report, error);
}
