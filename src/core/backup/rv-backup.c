/* rv-backup.c: encrypted backups that provably open, and restoring them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A backup is our own vault format under its own password
 * (rv_vault_save_copy). It is written into a private temporary folder next
 * to the destination, re-opened with the backup password and compared with
 * the vault entry by entry; only a copy that passed replaces the
 * destination, so a failed export never destroys an older good backup.
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
    g_set_error (error, RV_BACKUP_ERROR, code, "%s: %s", what, vault_error->message);
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

typedef struct
{
  char     *path;
  RvSecret *password;
  RvVault  *snapshot;   /* exports: the content, copied in the vault's thread */
} PathPassword;

static PathPassword *
path_password_new (const char     *path,
                   const RvSecret *password)
{
  PathPassword *data = g_new0 (PathPassword, 1);

  data->path = g_strdup (path);
  data->password = rv_secret_copy (password);
  return data;
}

static void
path_password_free (gpointer data)
{
  PathPassword *pp = data;

  g_free (pp->path);
  rv_secret_free (pp->password);
  g_clear_object (&pp->snapshot);
  g_free (pp);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PathPassword *data = task_data;
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
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);
  g_return_if_fail (password != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rv_backup_open_async);
  g_task_set_task_data (task, path_password_new (path, password), path_password_free);
  g_task_run_in_thread (task, open_thread);
}

RvVault *
rv_backup_open_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rv_backup_open_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Comparing */

static gboolean
strvs_equal (const char * const *a,
             const char * const *b)
{
  return g_strv_equal (a, b);
}

static gboolean
recovery_codes_equal (RvAccount *a,
                      RvAccount *b)
{
  guint n = rv_account_get_n_recovery_codes (a);

  if (n != rv_account_get_n_recovery_codes (b) ||
      rv_account_get_recovery_issued_at (a) != rv_account_get_recovery_issued_at (b) ||
      rv_account_get_recovery_expected_count (a) != rv_account_get_recovery_expected_count (b) ||
      rv_account_get_recovery_checked_at (a) != rv_account_get_recovery_checked_at (b))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      const RvRecoveryCode *ca = rv_account_get_recovery_code (a, i);
      const RvRecoveryCode *cb = rv_account_get_recovery_code (b, i);

      if (ca->added_at != cb->added_at || ca->used_at != cb->used_at ||
          !rv_secret_equal (ca->code, cb->code))
        return FALSE;
    }
  return TRUE;
}

gboolean
rv_backup_accounts_same_content (RvAccount *a,
                                 RvAccount *b)
{
  return g_strcmp0 (rv_account_get_issuer (a), rv_account_get_issuer (b)) == 0 &&
         g_strcmp0 (rv_account_get_name (a), rv_account_get_name (b)) == 0 &&
         g_strcmp0 (rv_account_get_email (a), rv_account_get_email (b)) == 0 &&
         g_strcmp0 (rv_account_get_url (a), rv_account_get_url (b)) == 0 &&
         g_strcmp0 (rv_account_get_notes (a), rv_account_get_notes (b)) == 0 &&
         strvs_equal (rv_account_get_tags (a), rv_account_get_tags (b)) &&
         rv_account_get_kind (a) == rv_account_get_kind (b) &&
         rv_account_get_algorithm (a) == rv_account_get_algorithm (b) &&
         rv_account_get_digits (a) == rv_account_get_digits (b) &&
         rv_account_get_period (a) == rv_account_get_period (b) &&
         rv_account_get_counter (a) == rv_account_get_counter (b) &&
         rv_account_get_created (a) == rv_account_get_created (b) &&
         rv_secret_equal (rv_account_get_secret (a), rv_account_get_secret (b)) &&
         recovery_codes_equal (a, b);
}

gboolean
rv_backup_accounts_equal (RvAccount *a,
                          RvAccount *b)
{
  g_return_val_if_fail (RV_IS_ACCOUNT (a), FALSE);
  g_return_val_if_fail (RV_IS_ACCOUNT (b), FALSE);

  return g_strcmp0 (rv_account_get_id (a), rv_account_get_id (b)) == 0 &&
         rv_account_get_updated (a) == rv_account_get_updated (b) &&
         rv_backup_accounts_same_content (a, b);
}

static gboolean
requests_equal (const RvRecoveryRequest *a,
                const RvRecoveryRequest *b)
{
  return g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->account_id, b->account_id) == 0 &&
         g_strcmp0 (a->service_name, b->service_name) == 0 &&
         g_strcmp0 (a->provider_id, b->provider_id) == 0 &&
         g_strcmp0 (a->draft, b->draft) == 0 &&
         g_strcmp0 (a->ticket_url, b->ticket_url) == 0 &&
         a->created_at == b->created_at &&
         a->submitted_at == b->submitted_at &&
         a->status == b->status &&
         a->follow_up_at == b->follow_up_at;
}

/* Sets a MISMATCH error naming the first difference (never its content). */
gboolean
rv_backup_compare (RvVault  *vault,
                   RvVault  *copy,
                   GError  **error)
{
  GListModel *a = rv_vault_get_accounts (vault);
  GListModel *b = rv_vault_get_accounts (copy);
  GPtrArray *ra = rv_vault_get_requests (vault);
  GPtrArray *rb = rv_vault_get_requests (copy);
  guint n = g_list_model_get_n_items (a);

  if (n != g_list_model_get_n_items (b))
    {
      g_set_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_MISMATCH,
                   _("The backup holds %u accounts instead of %u"),
                   g_list_model_get_n_items (b), n);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RvAccount) x = g_list_model_get_item (a, i);
      g_autoptr(RvAccount) y = g_list_model_get_item (b, i);

      if (!rv_backup_accounts_equal (x, y))
        {
          g_autofree char *name = rv_account_dup_display_name (x);

          g_set_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_MISMATCH,
                       _("The account “%s” differs in the backup"), name);
          return FALSE;
        }
    }

  if (ra->len != rb->len)
    {
      g_set_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_MISMATCH,
                   _("The backup holds %u recovery requests instead of %u"), rb->len, ra->len);
      return FALSE;
    }
  for (guint i = 0; i < ra->len; i++)
    if (!requests_equal (g_ptr_array_index (ra, i), g_ptr_array_index (rb, i)))
      {
        g_set_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_MISMATCH,
                     _("A recovery request differs in the backup"));
        return FALSE;
      }
  return TRUE;
}

/* Exporting */

static gboolean
fsync_path (const char  *path,
            GError     **error)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  int saved_errno;

  if (fd >= 0 && fsync (fd) == 0)
    {
      close (fd);
      return TRUE;
    }
  saved_errno = errno;
  if (fd >= 0)
    close (fd);
  g_set_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_IO,
               _("Could not write the backup to disk: %s"), g_strerror (saved_errno));
  return FALSE;
}

/* Removes the private temporary folder and whatever the vault code left in
 * it (lock files, previous generations). */
static void
remove_scratch (const char *scratch)
{
  g_autoptr(GDir) dir = g_dir_open (scratch, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (scratch, name, NULL);

      g_unlink (child);
    }
  g_rmdir (scratch);
}

#define SCRATCH_PREFIX   ".rvault-backup-"
#define STALE_SCRATCH_S  (24 * 60 * 60)

/* Scratch folders an interrupted export left behind (a crash, a power cut);
 * a day old, so never one that another export is still using. */
static void
remove_stale_scratch (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  gint64 limit = rv_now () - STALE_SCRATCH_S;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (name, SCRATCH_PREFIX))
        continue;
      child = g_build_filename (folder, name, NULL);
      if (g_lstat (child, &st) == 0 && S_ISDIR (st.st_mode) && st.st_mtime < limit)
        remove_scratch (child);
    }
}

static char *
make_scratch (const char  *path,
              GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *scratch = g_build_filename (folder, SCRATCH_PREFIX "XXXXXX", NULL);

  remove_stale_scratch (folder);
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

static gboolean
write_verified_copy (RvVault         *vault,
                     const char      *scratch,
                     const char      *path,
                     const RvSecret  *password,
                     GError         **error)
{
  g_autofree char *tmp = g_build_filename (scratch, "backup.rvault", NULL);
  g_autoptr(GError) local_error = NULL;

  if (!rv_vault_save_copy (vault, tmp, password, &local_error))
    {
      g_set_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_IO,
                   _("Could not write the backup: %s"), local_error->message);
      return FALSE;
    }
  if (!fsync_path (tmp, error) || !verify_written (vault, tmp, password, error))
    return FALSE;

  if (g_rename (tmp, path) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_IO,
                   _("Could not write the backup “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }
  if (!rv_atomic_file_sync_folder (path, &local_error))
    {
      g_set_error_literal (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_IO, local_error->message);
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
  remove_scratch (scratch);
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
  PathPassword *export = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (write_backup (export->snapshot, export->path, export->password, &error))
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
  PathPassword *export;
  GError *error = NULL;

  g_return_if_fail (RV_IS_VAULT (vault));
  g_return_if_fail (path != NULL);
  g_return_if_fail (backup_password != NULL);

  task = g_task_new (vault, cancellable, callback, user_data);
  g_task_set_source_tag (task, rv_backup_export_async);
  export = path_password_new (path, backup_password);
  g_task_set_task_data (task, export, path_password_free);

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
  PathPassword *export;

  g_return_val_if_fail (g_task_is_valid (result, vault), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rv_backup_export_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  export = g_task_get_task_data (G_TASK (result));
  return record_backup (vault, export->path, report, error);
}

/* Verifying */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

void
rv_backup_info_fill (RvBackupInfo *info,
                     RvVault      *backup)
{
  GListModel *accounts;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GPtrArray) issuers = NULL;

  g_return_if_fail (info != NULL);
  g_return_if_fail (RV_IS_VAULT (backup));

  accounts = rv_vault_get_accounts (backup);
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  issuers = g_ptr_array_new ();
  info->n_accounts = g_list_model_get_n_items (accounts);
  for (guint i = 0; i < info->n_accounts; i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (accounts, i);
      const char *issuer = rv_account_get_issuer (account);

      if (rv_account_get_kind (account) != RV_OTP_KIND_NONE)
        info->n_otp_accounts++;
      info->n_recovery_codes += rv_account_get_n_recovery_codes (account);
      info->n_unused_recovery_codes += rv_account_get_n_unused_recovery_codes (account);
      if (issuer != NULL && issuer[0] != '\0' && g_hash_table_add (seen, (gpointer) issuer))
        g_ptr_array_add (issuers, g_strdup (issuer));
    }
  g_ptr_array_sort (issuers, compare_strings);
  g_ptr_array_add (issuers, NULL);
  info->issuers = (char **) g_ptr_array_steal (issuers, NULL);
  info->n_requests = rv_vault_get_requests (backup)->len;
  info->changed_at = rv_vault_get_backup_state (backup)->changed_at;
}

gboolean
rv_backup_verify (const char      *path,
                  const RvSecret  *password,
                  RvBackupInfo    *info,
                  GError         **error)
{
  g_autoptr(RvVault) backup = NULL;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  backup = rv_backup_open (path, password, error);
  if (backup == NULL)
    return FALSE;

  if (info != NULL)
    {
      rv_backup_info_fill (info, backup);
      info->path = g_canonicalize_filename (path, NULL);
      if (g_stat (path, &st) == 0)
        {
          info->written_at = st.st_mtime;
          info->size = st.st_size;
        }
    }
  rv_vault_close (backup);
  return TRUE;
}


static void
info_free (gpointer data)
{
  rv_backup_info_clear (data);
  g_free (data);
}

static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  PathPassword *verify = task_data;
  RvBackupInfo *info;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  info = g_new0 (RvBackupInfo, 1);
  if (rv_backup_verify (verify->path, verify->password, info, &error))
    g_task_return_pointer (task, info, info_free);
  else
    {
      info_free (info);
      g_task_return_error (task, error);
    }
}

void
rv_backup_verify_async (const char          *path,
                        const RvSecret      *password,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);
  g_return_if_fail (password != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rv_backup_verify_async);
  g_task_set_task_data (task, path_password_new (path, password), path_password_free);
  g_task_run_in_thread (task, verify_thread);
}

gboolean
rv_backup_verify_finish (GAsyncResult  *result,
                         RvBackupInfo  *info,
                         GError       **error)
{
  RvBackupInfo *done;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rv_backup_verify_async, FALSE);

  done = g_task_propagate_pointer (G_TASK (result), error);
  if (done == NULL)
    return FALSE;
  if (info != NULL)
    {
      *info = *done;
      memset (done, 0, sizeof *done);
    }
  info_free (done);
  return TRUE;
}
