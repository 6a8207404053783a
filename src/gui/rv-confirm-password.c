/* rv-confirm-password.c: re-enter the vault password (health fix)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With keyring unlock on, the password may go unused for months and be
 * forgotten: typing it once in a while proves it is still known. It is
 * checked by opening the vault file a second time (read only) in a thread.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rv-confirm-password.h"
#include "rv-password-prompt.h"
#include "rv-util.h"

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  RvVault *vault = source_object;
  const RvSecret *password = task_data;
  g_autoptr(RvVault) check = NULL;
  GError *error = NULL;

  check = rv_vault_open (rv_vault_get_path (vault), password, &error);
  if (check == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  rv_vault_close (check);
  g_task_return_boolean (task, TRUE);
}

static void
checked_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RvVault *vault = g_task_get_source_object (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD))
        {
          g_clear_error (&error);
          g_set_error_literal (&error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD,
                               _("Wrong password. Try again."));
        }
      g_task_return_error (task, error);
      return;
    }

  rv_vault_get_backup_state (vault)->password_entered_at = rv_now ();
  rv_vault_mark_dirty (vault);
  g_task_return_boolean (task, TRUE);
}

static void
prompt_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GTask) check = NULL;
  GError *error = NULL;
  RvSecret *password = rv_password_prompt_run_finish (result, &error);

  if (password == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  check = g_task_new (g_task_get_source_object (task), g_task_get_cancellable (task),
                      checked_cb, g_object_ref (task));
  g_task_set_task_data (check, password, (GDestroyNotify) rv_secret_free);
  g_task_run_in_thread (check, check_thread);
}

void
rv_confirm_password_run_async (GtkWindow           *parent,
                               RvVault             *vault,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (RV_IS_VAULT (vault));

  task = g_task_new (vault, cancellable, callback, user_data);
  g_task_set_source_tag (task, rv_confirm_password_run_async);
  rv_password_prompt_run_async (parent, _("Confirm Your Password"),
                                _("Keyring unlock has kept the password unused for a long time. "
                                  "Type it to make sure you still know it."),
                                _("C_onfirm"), cancellable, prompt_cb, task);
}

gboolean
rv_confirm_password_run_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
