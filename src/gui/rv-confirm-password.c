/* rv-confirm-password.c: re-enter the vault password (health fix)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With keyring unlock on, the password may go unused for months and be
 * forgotten: typing it once in a while proves it is still known. The check
 * and its bookkeeping are core's (rv_health_confirm_password_async).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rv-confirm-password.h"
#include "rv-health.h"
#include "rv-password-prompt.h"

static void
checked_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (rv_health_confirm_password_finish (RV_VAULT (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
prompt_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  RvSecret *password = rv_password_prompt_run_finish (result, &error);

  if (password == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  rv_health_confirm_password_async (g_task_get_source_object (task), password,
                                    g_task_get_cancellable (task), checked_cb,
                                    g_object_ref (task));
  rv_secret_free (password);
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
