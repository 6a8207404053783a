/* rv-compartment-gate.c: open the recovery-code compartment before showing or adding codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The account page's recovery codes and the recovery assistant ask for the
 * compartment's password only when a code must be shown or added
 * (docs/vault-format.md). The password is asked with the shared prompt
 * (rv-password-prompt.c), the slow key derivation runs in a worker thread
 * on a copy of the compartment's header, and the codes are decrypted in the
 * vault's own thread.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rv-compartment-gate.h"
#include "rv-password-prompt.h"
#include "rv-vault-format.h"

typedef struct
{
  GtkWindow             *parent;
  RvVault               *vault;
  GObject               *owner;
  RvCompartmentGateFunc  func;
  RvVaultCompartment    *compartment;
  RvSecret              *password;
  char                  *problem;     /* the last attempt's error, shown in the next prompt */
} Gate;

static void
gate_free (Gate *gate)
{
  g_clear_object (&gate->parent);
  g_clear_object (&gate->vault);
  g_clear_object (&gate->owner);
  g_clear_pointer (&gate->compartment, rv_vault_compartment_free);
  g_clear_pointer (&gate->password, rv_secret_free);
  g_free (gate->problem);
  g_free (gate);
}

static void ask (Gate *gate);

static void
unwrap_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Gate *gate = task_data;
  GError *error = NULL;
  RvSecret *key = rv_vault_compartment_unwrap_key (gate->compartment, gate->password,
                                                   rv_vault_get_path (gate->vault), &error);

  if (key == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, key, (GDestroyNotify) rv_secret_free);
}

static void
unwrapped_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Gate *gate = g_task_get_task_data (G_TASK (result));
  g_autoptr(RvSecret) key = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&gate->password, rv_secret_free);
  key = g_task_propagate_pointer (G_TASK (result), &error);
  if (key != NULL &&
      rv_vault_open_compartment_with_key (gate->vault, gate->compartment->id, key, &error))
    {
      gate->func (gate->owner);
      gate_free (gate);
      return;
    }
  g_free (gate->problem);
  gate->problem = g_strdup (error->message);
  ask (gate);
}

static void
password_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Gate *gate = user_data;
  g_autoptr(GTask) task = NULL;

  gate->password = rv_password_prompt_run_finish (result, NULL);
  if (gate->password == NULL)
    {
      gate_free (gate);   /* cancelled */
      return;
    }
  task = g_task_new (NULL, NULL, unwrapped_cb, NULL);
  g_task_set_task_data (task, gate, NULL);
  g_task_run_in_thread (task, unwrap_thread);
}

static void
ask (Gate *gate)
{
  g_autofree char *body = NULL;

  body = g_strdup_printf ("%s%s%s",
                          _("Recovery codes are kept under their own password. Enter it, or the "
                            "paper key, to show or add codes."),
                          gate->problem != NULL ? "\n\n" : "",
                          gate->problem != NULL ? gate->problem : "");
  rv_password_prompt_run_async (gate->parent, _("Open the Recovery Codes"), body, _("_Open"),
                                NULL, password_cb, gate);
}

void
rv_compartment_gate_run (GtkWidget             *widget,
                         RvVault               *vault,
                         GObject               *owner,
                         RvCompartmentGateFunc  func)
{
  GtkRoot *root;
  Gate *gate;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (RV_IS_VAULT (vault));
  g_return_if_fail (func != NULL);

  if (!rv_vault_get_compartment_enabled (vault) || rv_vault_get_compartment_open (vault))
    {
      func (owner);
      return;
    }
  root = gtk_widget_get_root (widget);
  gate = g_new0 (Gate, 1);
  gate->parent = GTK_IS_WINDOW (root) ? g_object_ref (GTK_WINDOW (root)) : NULL;
  gate->vault = g_object_ref (vault);
  gate->owner = g_object_ref (owner);
  gate->func = func;
  gate->compartment = rv_vault_dup_compartment (vault);
  ask (gate);
}
