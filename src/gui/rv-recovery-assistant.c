/* rv-recovery-assistant.c: the “I’m locked out” assistant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Seven steps: which account; what the vault still holds (shown before
 * anything else: a TOTP secret means the user is not locked out); what
 * happened; what can be proven; the provider's acknowledgements; the draft,
 * checked for secrets by core; what to expect next, and a record of the
 * request in the vault.
 *
 * Step 1 lists the vault's accounts through a filtered GtkListView over the
 * vault's own GListModel: only the visible rows are widgets, so opening is
 * as fast at 10,000 accounts as at 10 (tests/bench/bench-recovery-assistant).
 * While the vault still holds a way in (a TOTP secret or unused codes),
 * step 2 says so first, and the request is drafted only once the user
 * confirms those were tried and rejected.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rv-assistant-account.h"
#include "rv-assistant-acks.h"
#include "rv-assistant-draft.h"
#include "rv-assistant-evidence.h"
#include "rv-assistant-happened.h"
#include "rv-assistant-holds.h"
#include "rv-assistant-next.h"
#include "rv-compartment-gate.h"
#include "rv-assistant-rows.h"
#include "rv-recovery-assistant.h"
#include "rv-toasts.h"
#include "rv-request-draft.h"
#include "rv-util.h"

typedef enum
{
  STEP_ACCOUNT,
  STEP_HOLDS,
  STEP_HAPPENED,
  STEP_EVIDENCE,
  STEP_ACKS,
  STEP_DRAFT,
  STEP_NEXT,
  N_STEPS,
} Step;

/* The GtkStack page names (and rv_recovery_assistant_get_step()). */
static const char *step_names[N_STEPS] = {
  "account", "holds", "happened", "evidence", "acks", "draft", "next",
};

struct _RvRecoveryAssistant
{
  AdwWindow             parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkButton            *next_button;
  GtkStack             *stack;
  RvAssistantAccount   *account_page;
  RvAssistantHolds     *holds_page;
  RvAssistantHappened  *happened_page;
  RvAssistantEvidence  *evidence_page;
  RvAssistantAcks      *acks_page;
  RvAssistantDraft     *draft_page;
  RvAssistantNext      *next_page;

  RvVault              *vault;
  RvAccount            *account;
  RvAccount            *initial_account;    /* opened for it: step 2 once profiles are in */
  GCancellable         *load_cancellable;
  RvProvider           *provider;
  RvRequestDraft       *draft;
  char                 *draft_error;


  Step                  step;
};

G_DEFINE_FINAL_TYPE (RvRecoveryAssistant, rv_recovery_assistant, ADW_TYPE_WINDOW)

enum {
  REQUEST_RECORDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_actions (RvRecoveryAssistant *self);

/* Step 1: the assistant follows the account and the profile chosen */

static void
account_changed_cb (RvRecoveryAssistant *self)
{
  g_set_object (&self->account, rv_assistant_account_get_account (self->account_page));
  self->provider = rv_assistant_account_get_provider (self->account_page);
  update_actions (self);
}

/* The steps that follow the profile: its rows are replaced when it changes */

static void
apply_profile (RvRecoveryAssistant *self)
{
  rv_assistant_holds_set_provider (self->holds_page, self->provider);
  rv_assistant_evidence_set_provider (self->evidence_page, self->provider);
  rv_assistant_acks_set_provider (self->acks_page, self->provider);
  rv_assistant_next_set_provider (self->next_page, self->provider);
}

/* Step 6: the draft, from the answers of every step */

static RvRequestAnswers *
collect_answers (RvRecoveryAssistant *self)
{
  RvRequestAnswers *answers = rv_request_answers_new ();
  const char *username = rv_assistant_account_get_username (self->account_page);
  const char *service = rv_assistant_account_get_service (self->account_page);

  answers->username = rv_str_is_blank (username) ? NULL : g_strstrip (g_strdup (username));
  if (self->account == NULL && !rv_str_is_blank (service))
    answers->service = g_strstrip (g_strdup (service));
  answers->happened = rv_assistant_happened_get_kinds (self->happened_page);
  answers->stored_rejected = rv_assistant_holds_get_rejected (self->holds_page);
  answers->details = rv_assistant_happened_dup_details (self->happened_page);
  answers->evidence_details = rv_assistant_evidence_dup_details (self->evidence_page);
  g_strfreev (answers->evidence);
  answers->evidence = rv_assistant_evidence_dup_ticked (self->evidence_page);
  g_strfreev (answers->acknowledged);
  answers->acknowledged = rv_assistant_acks_dup_ticked (self->acks_page);
  return answers;
}

static void
build_draft (RvRecoveryAssistant *self)
{
  g_autoptr(RvRequestAnswers) answers = collect_answers (self);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->draft, rv_request_draft_free);
  g_clear_pointer (&self->draft_error, g_free);
  self->draft = rv_request_draft_new (self->provider, answers, self->vault, self->account, NULL,
                                      &error);
  if (self->draft == NULL)
    self->draft_error = g_strdup (error->message);
  rv_assistant_draft_show (self->draft_page, self->provider, self->draft, self->draft_error);
}

/* Navigation */

static gboolean
can_go_on (RvRecoveryAssistant *self)
{
  switch (self->step)
    {
    case STEP_ACCOUNT:
      return rv_assistant_account_is_complete (self->account_page);
    case STEP_HOLDS:
      return rv_assistant_holds_can_go_on (self->holds_page);
    case STEP_ACKS:
      return rv_assistant_acks_is_complete (self->acks_page);
    case STEP_DRAFT:
      return self->draft != NULL;
    case STEP_HAPPENED:
    case STEP_EVIDENCE:
    case STEP_NEXT:
    case N_STEPS:
    default:
      return TRUE;
    }
}

static void
update_actions (RvRecoveryAssistant *self)
{
  gboolean has_draft = self->draft != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.back", self->step > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.next", can_go_on (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.copy", has_draft);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.copy-title", has_draft);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.save", has_draft);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.open",
                                 has_draft && (rv_provider_get_channel_url (self->provider) ||
                                               rv_provider_get_channel_address (self->provider)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.record", has_draft && self->vault);
}

static void
show_step (RvRecoveryAssistant *self,
           Step                 step)
{
  GtkStackPage *page;
  g_autofree char *subtitle = NULL;

  g_return_if_fail (step < N_STEPS);

  if (self->step == STEP_HOLDS)
    rv_assistant_holds_hide (self->holds_page);
  if (self->step == STEP_ACCOUNT && step > STEP_ACCOUNT)
    apply_profile (self);
  self->step = step;

  if (step == STEP_HOLDS)
    rv_assistant_holds_show (self->holds_page, self->account, self->provider);
  else if (step == STEP_DRAFT)
    build_draft (self);

  gtk_stack_set_visible_child_name (self->stack, step_names[step]);
  page = gtk_stack_get_page (self->stack, gtk_stack_get_visible_child (self->stack));
  subtitle = g_strdup_printf (_("Step %u of %u: %s"), step + 1, (guint) N_STEPS,
                              gtk_stack_page_get_title (page));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  /* Short labels: the header bar fits 360 px (“Still locked out?” is the
   * question of step 2 itself). */
  gtk_button_set_label (self->next_button, step == STEP_NEXT ? _("_Done") : _("_Next"));
  update_actions (self);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RvRecoveryAssistant *self = RV_RECOVERY_ASSISTANT (widget);

  if (!can_go_on (self))
    return;
  if (self->step == STEP_NEXT)
    gtk_window_close (GTK_WINDOW (self));
  else
    show_step (self, self->step + 1);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RvRecoveryAssistant *self = RV_RECOVERY_ASSISTANT (widget);

  if (self->step > STEP_ACCOUNT)
    show_step (self, self->step - 1);
}

/* Actions on what the vault holds */

static void
reveal_after_open (GObject *owner)
{
  rv_assistant_holds_reveal_code (RV_RECOVERY_ASSISTANT (owner)->holds_page);
}

static void
reveal_code_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RvRecoveryAssistant *self = RV_RECOVERY_ASSISTANT (widget);

  /* With the recovery-code compartment on and closed, its password first. */
  if (self->vault != NULL && rv_vault_get_compartment_enabled (self->vault) &&
      !rv_vault_get_compartment_open (self->vault))
    {
      rv_compartment_gate_run (widget, self->vault, G_OBJECT (self), reveal_after_open);
      return;
    }
  rv_assistant_holds_reveal_code (self->holds_page);
}

static void
mark_used_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RvRecoveryAssistant *self = RV_RECOVERY_ASSISTANT (widget);

  rv_assistant_holds_mark_used (self->holds_page, self->vault);
}

/* Actions on the draft */

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RvRecoveryAssistant *self = RV_RECOVERY_ASSISTANT (widget);

  if (self->draft == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->draft->body);
  rv_toasts_add (self->toast_overlay,
                               adw_toast_new (_("Request body copied: paste it into the form")));
}

static void
copy_title_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RvRecoveryAssistant *self = RV_RECOVERY_ASSISTANT (widget);

  if (self->draft == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->draft->title);
  rv_toasts_add (self->toast_overlay, adw_toast_new (_("Title copied")));
}

static void
save_response_cb (GtkNativeDialog     *dialog,
               int                  response,
               RvRecoveryAssistant *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->draft != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      if (!g_file_replace_contents (file, self->draft->text, strlen (self->draft->text), NULL,
                                    FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error))
        rv_assistant_draft_show_error (self->draft_page, error->message);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RvRecoveryAssistant *self = RV_RECOVERY_ASSISTANT (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (self->draft == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Save the Request"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  name = g_strdup_printf ("recovery-request-%s.txt", self->draft->provider_id);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RvRecoveryAssistant *self = RV_RECOVERY_ASSISTANT (widget);
  g_autofree char *uri = NULL;

  if (self->draft == NULL)
    return;
  uri = rv_request_draft_dup_open_uri (self->draft, self->provider);
  if (uri != NULL)
    gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RvRecoveryAssistant *self = RV_RECOVERY_ASSISTANT (widget);
  const char *ticket = rv_assistant_next_get_ticket (self->next_page);
  const char *date = rv_assistant_next_get_follow_up (self->next_page);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *done = NULL;
  RvRequestRecord *request;
  gint64 follow_up;

  if (self->draft == NULL || self->vault == NULL)
    return;
  if (!rv_request_parse_date (date, &follow_up))
    {
      rv_assistant_next_set_status (self->next_page,
                                    _("The follow-up date must look like 2026-12-31"));
      return;
    }
  request = rv_request_draft_make_record (self->draft, self->account,
                                          rv_now (),
                                          ticket, follow_up);
  id = g_strdup (request->id);
  rv_vault_add_request (self->vault, request);
  if (!rv_vault_save (self->vault, &error))
    {
      rv_assistant_next_set_status (self->next_page, error->message);
      return;
    }
  done = g_strdup_printf (_("Recorded. The app reminds you on %s."), date);
  rv_assistant_next_set_status (self->next_page, done);
  gtk_widget_action_set_enabled (widget, "assistant.record", FALSE);
  g_signal_emit (self, signals[REQUEST_RECORDED], 0, id);
}

/* Profiles: read in a thread, so opening never waits for the disk */

static void
load_providers_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  /* A broken profile is skipped; `rvault providers` says why. */
  g_task_return_pointer (task, rv_provider_load_default (problems),
                         (GDestroyNotify) g_ptr_array_unref);
}

static void
providers_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *providers = g_task_propagate_pointer (G_TASK (result), &error);
  RvRecoveryAssistant *self = user_data;

  /* Cancelled at dispose: @self is gone. */
  if (providers == NULL)
    return;
  g_clear_object (&self->load_cancellable);
  rv_assistant_account_set_providers (self->account_page, providers);
  if (self->initial_account != NULL && self->account == self->initial_account)
    show_step (self, STEP_HOLDS);
  g_clear_object (&self->initial_account);
  update_actions (self);
}

static void
load_providers_async (RvRecoveryAssistant *self)
{
  g_autoptr(GTask) task = NULL;

  self->load_cancellable = g_cancellable_new ();
  /* No source object: closing the window must not wait for the thread. */
  task = g_task_new (NULL, self->load_cancellable, providers_loaded_cb, self);
  g_task_set_source_tag (task, load_providers_async);
  g_task_run_in_thread (task, load_providers_thread);
}

/* GObject */

static void
rv_recovery_assistant_dispose (GObject *object)
{
  RvRecoveryAssistant *self = RV_RECOVERY_ASSISTANT (object);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->initial_account);
  gtk_widget_dispose_template (GTK_WIDGET (self), RV_TYPE_RECOVERY_ASSISTANT);
  g_clear_object (&self->vault);
  g_clear_object (&self->account);
  g_clear_pointer (&self->draft, rv_request_draft_free);
  g_clear_pointer (&self->draft_error, g_free);

  G_OBJECT_CLASS (rv_recovery_assistant_parent_class)->dispose (object);
}

static void
rv_recovery_assistant_class_init (RvRecoveryAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rv_recovery_assistant_dispose;

  /**
   * RvRecoveryAssistant::request-recorded:
   * @id: the id of the request now stored in the vault
   */
  signals[REQUEST_RECORDED] = g_signal_new ("request-recorded", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/RecoveryVault/"
                                                             "rv-recovery-assistant.ui");
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, window_title);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, next_button);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, stack);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, account_page);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, holds_page);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, happened_page);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, evidence_page);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, acks_page);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, draft_page);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, next_page);

  gtk_widget_class_install_action (widget_class, "assistant.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "assistant.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "assistant.reveal-code", NULL, reveal_code_action);
  gtk_widget_class_install_action (widget_class, "assistant.mark-used", NULL, mark_used_action);
  gtk_widget_class_install_action (widget_class, "assistant.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "assistant.copy-title", NULL, copy_title_action);
  gtk_widget_class_install_action (widget_class, "assistant.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "assistant.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "assistant.record", NULL, record_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "assistant.next",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "assistant.back",
                                       NULL);
}

static void
rv_recovery_assistant_init (RvRecoveryAssistant *self)
{
  g_type_ensure (RV_TYPE_ASSISTANT_ACCOUNT);
  g_type_ensure (RV_TYPE_ASSISTANT_HOLDS);
  g_type_ensure (RV_TYPE_ASSISTANT_HAPPENED);
  g_type_ensure (RV_TYPE_ASSISTANT_EVIDENCE);
  g_type_ensure (RV_TYPE_ASSISTANT_ACKS);
  g_type_ensure (RV_TYPE_ASSISTANT_DRAFT);
  g_type_ensure (RV_TYPE_ASSISTANT_NEXT);
  gtk_widget_init_template (GTK_WIDGET (self));

  load_providers_async (self);
  g_signal_connect_swapped (self->account_page, "changed", G_CALLBACK (account_changed_cb), self);
  g_signal_connect_swapped (self->holds_page, "changed", G_CALLBACK (update_actions), self);
  g_signal_connect_swapped (self->acks_page, "changed", G_CALLBACK (update_actions), self);
  show_step (self, STEP_ACCOUNT);
}

GtkWidget *
rv_recovery_assistant_new (GtkWindow *parent,
                           RvVault   *vault,
                           RvAccount *account)
{
  RvRecoveryAssistant *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (vault == NULL || RV_IS_VAULT (vault), NULL);
  g_return_val_if_fail (account == NULL || RV_IS_ACCOUNT (account), NULL);

  self = g_object_new (RV_TYPE_RECOVERY_ASSISTANT,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->vault = vault ? g_object_ref (vault) : NULL;
  rv_assistant_account_set_vault (self->account_page, vault);

  /* Step 2 needs the account's profile: it follows once the profiles are loaded. */
  if (account != NULL && rv_assistant_account_select (self->account_page, account))
    self->initial_account = g_object_ref (account);
  update_actions (self);
  return GTK_WIDGET (self);
}

const char *
rv_recovery_assistant_get_step (RvRecoveryAssistant *self)
{
  g_return_val_if_fail (RV_IS_RECOVERY_ASSISTANT (self), NULL);

  return step_names[self->step];
}

RvAccount *
rv_recovery_assistant_get_account (RvRecoveryAssistant *self)
{
  g_return_val_if_fail (RV_IS_RECOVERY_ASSISTANT (self), NULL);

  return self->account;
}

RvProvider *
rv_recovery_assistant_get_provider (RvRecoveryAssistant *self)
{
  g_return_val_if_fail (RV_IS_RECOVERY_ASSISTANT (self), NULL);

  return self->provider;
}

const char *
rv_recovery_assistant_get_draft_text (RvRecoveryAssistant *self)
{
  g_return_val_if_fail (RV_IS_RECOVERY_ASSISTANT (self), NULL);

  return self->draft ? self->draft->text : NULL;
}

const char *
rv_recovery_assistant_get_draft_error (RvRecoveryAssistant *self)
{
  g_return_val_if_fail (RV_IS_RECOVERY_ASSISTANT (self), NULL);

  return self->draft_error;
}
