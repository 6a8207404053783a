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

#include "rv-assistant-acks.h"
#include "rv-assistant-draft.h"
#include "rv-assistant-evidence.h"
#include "rv-assistant-happened.h"
#include "rv-assistant-next.h"
#include "rv-assistant-rows.h"
#include "rv-recovery-assistant.h"
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
  GtkSearchEntry       *account_search;
  GtkListView          *account_list;
  GtkSingleSelection   *account_selection;
  GtkFilterListModel   *account_filter_model;
  GtkLabel             *account_empty_label;
  AdwEntryRow          *service_row;
  AdwComboRow          *provider_row;
  AdwEntryRow          *username_row;
  GtkLabel             *holds_label;
  AdwPreferencesGroup  *otp_group;
  AdwActionRow         *code_row;
  AdwPreferencesGroup  *codes_group;
  AdwActionRow         *codes_row;
  AdwActionRow         *revealed_row;
  AdwPreferencesGroup  *self_service_group;
  AdwPreferencesGroup  *rejected_group;
  RvAssistantHappened  *happened_page;
  RvAssistantEvidence  *evidence_page;
  RvAssistantAcks      *acks_page;
  RvAssistantDraft     *draft_page;
  RvAssistantNext      *next_page;

  RvVault              *vault;
  RvAccount            *account;
  RvAccount            *initial_account;    /* opened for it: step 2 once profiles are in */
  GCancellable         *load_cancellable;
  GPtrArray            *providers;
  RvProvider           *provider;
  RvRequestDraft       *draft;
  char                 *draft_error;

  GtkCustomFilter      *account_filter;
  char                 *account_query;      /* casefolded search text, NULL for all */
  GtkCheckButton       *stored_rejected_check;
  /* Rows made from the profile, removed when the profile changes. */
  GPtrArray            *profile_rows;

  Step                  step;
  guint                 code_timeout;
  int                   revealed_index;
};

G_DEFINE_FINAL_TYPE (RvRecoveryAssistant, rv_recovery_assistant, ADW_TYPE_WINDOW)

enum {
  REQUEST_RECORDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_actions (RvRecoveryAssistant *self);

/* Step 1: the account and the profile */

static void
select_provider (RvRecoveryAssistant *self,
                 RvProvider          *provider)
{
  guint index;

  if (provider != NULL && g_ptr_array_find (self->providers, provider, &index))
    adw_combo_row_set_selected (self->provider_row, index);
}

static void
set_account (RvRecoveryAssistant *self,
             RvAccount           *account)
{
  if (!g_set_object (&self->account, account))
    return;
  if (account != NULL)
    {
      const char *name = rv_account_get_name (account);

      gtk_editable_set_text (GTK_EDITABLE (self->service_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->username_row), name ? name : "");
      select_provider (self, rv_provider_match_account (self->providers, account));
    }
  update_actions (self);
}

static void
account_selected_cb (RvRecoveryAssistant *self)
{
  g_autoptr(RvAccount) account =
    gtk_single_selection_get_selected_item (self->account_selection) ?
    g_object_ref (gtk_single_selection_get_selected_item (self->account_selection)) : NULL;

  /* A search that hides the chosen account keeps it chosen. */
  if (account != NULL)
    set_account (self, account);
}

static void
service_changed_cb (RvRecoveryAssistant *self)
{
  const char *service = gtk_editable_get_text (GTK_EDITABLE (self->service_row));

  /* Typing a service outside the vault is a choice too: it replaces the account. */
  if (!rv_str_is_blank (service) && self->account != NULL)
    {
      gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->account_selection));
      g_clear_object (&self->account);
    }
  if (self->account == NULL)
    select_provider (self, rv_provider_match (self->providers, service, NULL));
  update_actions (self);
}

static void
provider_selected_cb (RvRecoveryAssistant *self)
{
  guint index = adw_combo_row_get_selected (self->provider_row);

  self->provider = index < self->providers->len ? g_ptr_array_index (self->providers, index) : NULL;
  update_actions (self);
}

static gboolean
account_filter_func (gpointer item,
                     gpointer user_data)
{
  RvRecoveryAssistant *self = user_data;

  /* The account list's own rule: issuer, name, email or a tag. */
  return rv_account_matches (RV_ACCOUNT (item), self->account_query);
}

static void
search_changed_cb (RvRecoveryAssistant *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->account_search));
  guint n_shown;

  g_clear_pointer (&self->account_query, g_free);
  if (!rv_str_is_blank (text))
    self->account_query = g_strstrip (g_utf8_casefold (text, -1));
  /* No search, no filter: the vault's list passes through untouched. */
  gtk_filter_list_model_set_filter (self->account_filter_model,
                                    self->account_query ? GTK_FILTER (self->account_filter) : NULL);
  if (self->account_query != NULL)
    gtk_filter_changed (GTK_FILTER (self->account_filter), GTK_FILTER_CHANGE_DIFFERENT);
  n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->account_filter_model));
  gtk_widget_set_visible (GTK_WIDGET (self->account_empty_label), n_shown == 0);
}

static void
account_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_item_set_child (item, box);
}

static void
account_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  RvAccount *account = gtk_list_item_get_item (item);
  GtkWidget *title = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autofree char *display = rv_account_dup_display_name (account);
  const char *email = rv_account_get_email (account);

  gtk_label_set_text (GTK_LABEL (title), display);
  gtk_label_set_text (GTK_LABEL (subtitle), email ? email : "");
  gtk_widget_set_visible (subtitle, !rv_str_is_blank (email));
}

/* The vault's own list, filtered: no widget per account. */
static void
fill_accounts (RvRecoveryAssistant *self)
{
  GListModel *accounts = self->vault ? rv_vault_get_accounts (self->vault) : NULL;

  gtk_filter_list_model_set_model (self->account_filter_model, accounts);
  gtk_widget_set_visible (GTK_WIDGET (self->account_search), accounts != NULL);
  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->account_list), GTK_TYPE_FRAME),
                          accounts != NULL);
}

static gboolean
select_account_in_list (RvRecoveryAssistant *self,
                        RvAccount           *account)
{
  GListModel *model = G_LIST_MODEL (self->account_filter_model);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RvAccount) item = g_list_model_get_item (model, i);

      if (item == account)
        {
          gtk_single_selection_set_selected (self->account_selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

static void
fill_providers (RvRecoveryAssistant *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; i < self->providers->len; i++)
    {
      RvProvider *provider = g_ptr_array_index (self->providers, i);

      gtk_string_list_append (names, rv_provider_gettext (rv_provider_get_name (provider)));
    }
  adw_combo_row_set_model (self->provider_row, G_LIST_MODEL (names));
  select_provider (self, rv_provider_match (self->providers, NULL, NULL));
  provider_selected_cb (self);
}

/* Step 2: what the vault still holds */

static gboolean
update_code (gpointer user_data)
{
  RvRecoveryAssistant *self = user_data;
  gint64 now = rv_now ();
  g_autofree char *left = NULL;
  char code[RV_OTP_CODE_BUFFER];

  if (self->account == NULL || !rv_account_generate_code (self->account, now, code, NULL))
    return G_SOURCE_CONTINUE;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->code_row), code);
  if (rv_account_get_kind (self->account) == RV_OTP_KIND_HOTP)
    left = g_strdup (_("Counter-based code"));
  else
    left = g_strdup_printf (_("Valid for %u more seconds"),
                            rv_otp_seconds_left (now, rv_account_get_period (self->account)));
  adw_action_row_set_subtitle (self->code_row, left);
  explicit_bzero (code, sizeof code);
  return G_SOURCE_CONTINUE;
}

static gboolean
has_otp_secret (RvAccount *account)
{
  return account != NULL && rv_account_get_secret (account) != NULL &&
         rv_account_get_kind (account) != RV_OTP_KIND_NONE;
}

static void
fill_codes (RvRecoveryAssistant *self)
{
  guint unused = self->account ? rv_account_get_n_unused_recovery_codes (self->account) : 0;
  g_autofree char *title = g_strdup_printf (ngettext ("%u unused recovery code",
                                                      "%u unused recovery codes", unused), unused);
  const char *instructions;

  gtk_widget_set_visible (GTK_WIDGET (self->codes_group), unused > 0);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->codes_row), title);
  instructions = rv_provider_get_code_instructions (self->provider);
  adw_action_row_set_subtitle (self->codes_row, rv_provider_gettext (instructions));
  gtk_widget_set_visible (GTK_WIDGET (self->revealed_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->revealed_row), "");
  self->revealed_index = -1;
}

static gboolean
vault_holds_a_way_in (RvRecoveryAssistant *self)
{
  return has_otp_secret (self->account) ||
         (self->account != NULL && rv_account_get_n_unused_recovery_codes (self->account) > 0);
}

/* The one answer that lets a request be drafted while the vault holds a
 * way in, in words that fit what it holds. */
static void
fill_rejected (RvRecoveryAssistant *self)
{
  gboolean otp = has_otp_secret (self->account);
  guint unused = self->account ? rv_account_get_n_unused_recovery_codes (self->account) : 0;
  const char *name = self->provider ? rv_provider_get_name (self->provider) : "";
  g_autofree char *title = NULL;
  GtkWidget *row;

  if (otp && unused > 0)
    title = g_strdup_printf (_("I tried this code and the recovery codes, and %s rejected them"),
                             name);
  else if (otp)
    title = g_strdup_printf (_("I tried this code, and %s rejected it"), name);
  else
    title = g_strdup_printf (_("I tried the recovery codes, and %s rejected them"), name);
  row = gtk_widget_get_ancestor (GTK_WIDGET (self->stored_rejected_check), ADW_TYPE_ACTION_ROW);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->stored_rejected_check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

static void
fill_holds (RvRecoveryAssistant *self)
{
  gboolean otp = has_otp_secret (self->account);
  guint unused = self->account ? rv_account_get_n_unused_recovery_codes (self->account) : 0;

  if (self->account == NULL)
    gtk_label_set_text (self->holds_label,
                        _("This service is not in the vault: try its own recovery steps first."));
  else if (otp)
    gtk_label_set_text (self->holds_label, _("You are not locked out"));
  else if (unused > 0)
    gtk_label_set_text (self->holds_label, _("You can still get in with a recovery code"));
  else
    gtk_label_set_text (self->holds_label, _("The vault holds no code for this account"));

  gtk_widget_set_visible (GTK_WIDGET (self->otp_group), otp);
  gtk_widget_set_visible (GTK_WIDGET (self->rejected_group), vault_holds_a_way_in (self));
  fill_rejected (self);
  fill_codes (self);
  if (otp)
    update_code (self);
}

static void
fill_self_service (RvRecoveryAssistant *self)
{
  GPtrArray *steps_list = rv_provider_get_self_service (self->provider);

  for (guint i = 0; i < steps_list->len; i++)
    {
      const RvProviderStep *step = g_ptr_array_index (steps_list, i);
      g_autofree char *subtitle = NULL;

      if (step->requires != NULL)
        subtitle = g_strdup_printf (_("%s (needs: %s)"), rv_provider_gettext (step->description),
                                    rv_provider_gettext (step->requires));
      else
        subtitle = g_strdup (rv_provider_gettext (step->description));
      rv_assistant_add_row (self->self_service_group, self->profile_rows,
                            rv_assistant_make_row (rv_provider_gettext (step->title), subtitle));
    }
}

/* The steps that follow the profile: its rows are replaced when it changes */

static void
apply_profile (RvRecoveryAssistant *self)
{
  rv_assistant_clear_rows (self->profile_rows);
  fill_self_service (self);
  rv_assistant_evidence_set_provider (self->evidence_page, self->provider);
  rv_assistant_acks_set_provider (self->acks_page, self->provider);
  rv_assistant_next_set_provider (self->next_page, self->provider);
}

/* Step 6: the draft, from the answers of every step */

static RvRequestAnswers *
collect_answers (RvRecoveryAssistant *self)
{
  RvRequestAnswers *answers = rv_request_answers_new ();
  const char *username = gtk_editable_get_text (GTK_EDITABLE (self->username_row));
  const char *service = gtk_editable_get_text (GTK_EDITABLE (self->service_row));

  answers->username = rv_str_is_blank (username) ? NULL : g_strstrip (g_strdup (username));
  if (self->account == NULL && !rv_str_is_blank (service))
    answers->service = g_strstrip (g_strdup (service));
  answers->happened = rv_assistant_happened_get_kinds (self->happened_page);
  answers->stored_rejected = gtk_check_button_get_active (self->stored_rejected_check);
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
can_leave_account_step (RvRecoveryAssistant *self)
{
  const char *service = gtk_editable_get_text (GTK_EDITABLE (self->service_row));

  if (self->provider == NULL)
    return FALSE;
  return self->account != NULL || !rv_str_is_blank (service);
}

static gboolean
can_go_on (RvRecoveryAssistant *self)
{
  switch (self->step)
    {
    case STEP_ACCOUNT:
      return can_leave_account_step (self);
    case STEP_HOLDS:
      return !vault_holds_a_way_in (self) ||
             gtk_check_button_get_active (self->stored_rejected_check);
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

  g_clear_handle_id (&self->code_timeout, g_source_remove);
  /* A revealed recovery code does not stay on screen behind other steps. */
  if (self->step == STEP_HOLDS)
    fill_codes (self);
  if (self->step == STEP_ACCOUNT && step > STEP_ACCOUNT)
    apply_profile (self);
  self->step = step;

  if (step == STEP_HOLDS)
    {
      fill_holds (self);
      if (has_otp_secret (self->account))
        self->code_timeout = g_timeout_add_seconds (1, update_code, self);
    }
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
reveal_code_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RvRecoveryAssistant *self = RV_RECOVERY_ASSISTANT (widget);
  guint n = self->account ? rv_account_get_n_recovery_codes (self->account) : 0;

  for (guint i = 0; i < n; i++)
    {
      const RvRecoveryCode *code = rv_account_get_recovery_code (self->account, i);

      if (code->used_at != 0)
        continue;
      /* Shown only on this explicit request; the label keeps a copy while
       * it is visible. */
      self->revealed_index = i;
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->revealed_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->revealed_row),
                                     rv_secret_get_string (code->code));
      adw_action_row_set_subtitle (self->revealed_row,
                                   _("Each code works once. After you use it, mark it as used."));
      gtk_widget_set_visible (GTK_WIDGET (self->revealed_row), TRUE);
      return;
    }
}

static void
mark_used_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RvRecoveryAssistant *self = RV_RECOVERY_ASSISTANT (widget);
  g_autoptr(GError) error = NULL;

  if (self->account == NULL || self->revealed_index < 0)
    return;
  if (!rv_account_mark_recovery_code_used (self->account, self->revealed_index,
                                           rv_now (), &error) ||
      (self->vault != NULL && !rv_vault_save (self->vault, &error)))
    {
      adw_action_row_set_subtitle (self->revealed_row, error->message);
      return;
    }
  fill_codes (self);
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
  adw_toast_overlay_add_toast (self->toast_overlay,
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
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Title copied")));
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
  g_ptr_array_unref (self->providers);
  self->providers = providers;
  gtk_widget_set_sensitive (GTK_WIDGET (self->provider_row), TRUE);
  fill_providers (self);
  if (self->account != NULL)
    select_provider (self, rv_provider_match_account (self->providers, self->account));
  else
    service_changed_cb (self);
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

  g_clear_handle_id (&self->code_timeout, g_source_remove);
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->initial_account);
  gtk_widget_dispose_template (GTK_WIDGET (self), RV_TYPE_RECOVERY_ASSISTANT);
  g_clear_object (&self->vault);
  g_clear_object (&self->account);
  g_clear_pointer (&self->draft, rv_request_draft_free);
  g_clear_pointer (&self->draft_error, g_free);
  g_clear_pointer (&self->account_query, g_free);

  G_OBJECT_CLASS (rv_recovery_assistant_parent_class)->dispose (object);
}

static void
rv_recovery_assistant_finalize (GObject *object)
{
  RvRecoveryAssistant *self = RV_RECOVERY_ASSISTANT (object);

  g_clear_pointer (&self->providers, g_ptr_array_unref);
  g_clear_object (&self->account_filter);
  g_clear_pointer (&self->profile_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (rv_recovery_assistant_parent_class)->finalize (object);
}

static void
rv_recovery_assistant_class_init (RvRecoveryAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rv_recovery_assistant_dispose;
  object_class->finalize = rv_recovery_assistant_finalize;

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
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, account_search);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, account_list);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, account_selection);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, account_filter_model);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, account_empty_label);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, service_row);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, provider_row);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, username_row);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, holds_label);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, otp_group);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, code_row);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, codes_group);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, codes_row);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, revealed_row);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, self_service_group);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, rejected_group);
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
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_type_ensure (RV_TYPE_ASSISTANT_HAPPENED);
  g_type_ensure (RV_TYPE_ASSISTANT_EVIDENCE);
  g_type_ensure (RV_TYPE_ASSISTANT_ACKS);
  g_type_ensure (RV_TYPE_ASSISTANT_DRAFT);
  g_type_ensure (RV_TYPE_ASSISTANT_NEXT);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->profile_rows = g_ptr_array_new ();
  self->revealed_index = -1;
  self->providers = g_ptr_array_new_with_free_func (g_object_unref);
  load_providers_async (self);

  self->account_filter = gtk_custom_filter_new (account_filter_func, self, NULL);
  g_signal_connect (factory, "setup", G_CALLBACK (account_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (account_bind_cb), NULL);
  gtk_list_view_set_factory (self->account_list, factory);
  g_signal_connect_swapped (self->account_selection, "notify::selected",
                            G_CALLBACK (account_selected_cb), self);
  g_signal_connect_swapped (self->account_search, "search-changed",
                            G_CALLBACK (search_changed_cb), self);

  self->stored_rejected_check =
    rv_assistant_add_check_row (self->rejected_group, NULL, "stored-rejected",
                                _("I tried these, and they were rejected"), NULL);
  g_signal_connect_swapped (self->stored_rejected_check, "toggled", G_CALLBACK (update_actions),
                            self);

  g_signal_connect_swapped (self->acks_page, "changed", G_CALLBACK (update_actions), self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->provider_row), FALSE);
  g_signal_connect_swapped (self->service_row, "changed", G_CALLBACK (service_changed_cb), self);
  g_signal_connect_swapped (self->username_row, "changed", G_CALLBACK (update_actions), self);
  g_signal_connect_swapped (self->provider_row, "notify::selected",
                            G_CALLBACK (provider_selected_cb), self);
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
  fill_accounts (self);

  /* Step 2 needs the account's profile: it follows once the profiles are loaded. */
  if (account != NULL && select_account_in_list (self, account))
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
