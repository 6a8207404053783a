/* rv-backup-verify.c: verifying a backup (it opens, and what it holds), and
 * recording in the vault that its latest backup was verified
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rv-backup.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rv-backup-private.h"
#include "rv-util.h"

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
  RvFileKey *verify = task_data;
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
  g_return_if_fail (path != NULL);
  g_return_if_fail (password != NULL);

  rv_file_key_run_in_thread (NULL, path, password, rv_backup_verify_async, cancellable, callback,
                             user_data, verify_thread);
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

/* Verifying and recording */

/* Whether @path is the backup @vault last wrote, through any spelling. */
static gboolean
is_latest_backup (RvVault    *vault,
                  const char *path)
{
  RvBackupState *state = rv_vault_get_backup_state (vault);
  g_autofree char *canonical = g_canonicalize_filename (path, NULL);
  GStatBuf a, b;

  if (state->export_path == NULL)
    return FALSE;
  if (g_str_equal (state->export_path, canonical))
    return TRUE;
  return g_stat (state->export_path, &a) == 0 && g_stat (path, &b) == 0 &&
         a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* Runs in the vault's thread: re-opening the latest backup is what "last
 * verified" means; other files are verified but not recorded. */
static gboolean
record_verified (RvVault       *vault,
                 RvBackupInfo  *info,
                 GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  info->recorded = FALSE;
  if (!is_latest_backup (vault, info->path))
    return TRUE;
  rv_vault_get_backup_state (vault)->verified_at = rv_now ();
  rv_vault_mark_dirty (vault);
  if (!rv_vault_save (vault, &local_error))
    {
      g_set_error (error, RV_BACKUP_ERROR, RV_BACKUP_ERROR_IO,
                   _("The backup opens, but the vault could not record it: %s"),
                   local_error->message);
      return FALSE;
    }
  info->recorded = TRUE;
  return TRUE;
}

gboolean
rv_backup_verify_and_record (RvVault         *vault,
                             const char      *path,
                             const RvSecret  *password,
                             RvBackupInfo    *info,
                             GError         **error)
{
  g_auto(RvBackupInfo) local_info = { 0 };

  g_return_val_if_fail (RV_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  if (!rv_backup_verify (path, password, &local_info, error) ||
      !record_verified (vault, &local_info, error))
    return FALSE;
  if (info != NULL)
    {
      *info = local_info;
      memset (&local_info, 0, sizeof local_info);
    }
  return TRUE;
}

void
rv_backup_verify_and_record_async (RvVault             *vault,
                                   const char          *path,
                                   const RvSecret      *password,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (RV_IS_VAULT (vault));
  g_return_if_fail (path != NULL);
  g_return_if_fail (password != NULL);

  /* The worker only opens the backup; the vault is touched in finish. */
  rv_file_key_run_in_thread (vault, path, password, rv_backup_verify_and_record_async, cancellable,
                             callback, user_data, verify_thread);
}

gboolean
rv_backup_verify_and_record_finish (RvVault       *vault,
                                    GAsyncResult  *result,
                                    RvBackupInfo  *info,
                                    GError       **error)
{
  RvBackupInfo *done;
  gboolean ok;

  g_return_val_if_fail (g_task_is_valid (result, vault), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        rv_backup_verify_and_record_async, FALSE);

  done = g_task_propagate_pointer (G_TASK (result), error);
  if (done == NULL)
    return FALSE;
  ok = record_verified (vault, done, error);
  if (ok && info != NULL)
    {
      *info = *done;
      memset (done, 0, sizeof *done);
    }
  info_free (done);
  return ok;
}
