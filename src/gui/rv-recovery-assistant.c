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

#include "rv-recovery-assistant.h"
#include "rv-request-draft.h"
#include "rv-util.h"

#define FOLLOW_UP_DAYS 7

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
  AdwPreferencesGroup  *happened_group;
  GtkLabel             *compromise_label;
  GtkTextView          *details_view;
  AdwPreferencesGroup  *evidence_group;
  GtkTextView          *evidence_view;
  AdwPreferencesGroup  *ack_group;
  GtkLabel             *channel_label;
  GtkLabel             *draft_error_label;
  AdwActionRow         *title_row;
  GtkTextView          *draft_view;
  GtkButton            *open_button;
  AdwPreferencesGroup  *next_group;
  AdwPreferencesGroup  *after_group;
  AdwEntryRow          *ticket_row;
  AdwEntryRow          *follow_up_row;
  AdwActionRow         *record_row;
  GtkButton            *record_button;

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
  GtkCheckButton       *happened_checks[RV_HAPPENED_N_KINDS];
  GPtrArray            *evidence_checks;
  GPtrArray            *ack_checks;
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

/* Small helpers */

static char *
dup_buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

/* A row for a profile string: never markup, whatever the profile holds. */
static AdwActionRow *
make_row (const char *title,
          const char *subtitle)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ? title : "");
  if (!rv_str_is_blank (subtitle))
    adw_action_row_set_subtitle (row, subtitle);
  return row;
}

static void
add_profile_row (RvRecoveryAssistant *self,
                 AdwPreferencesGroup *group,
                 AdwActionRow        *row)
{
  adw_preferences_group_add (group, GTK_WIDGET (row));
  g_ptr_array_add (self->profile_rows, row);
}

/* A row with a check box; the check carries the row's title as its
 * accessible name and @name as its widget name (tests find it by that). */
static GtkCheckButton *
add_check_row (RvRecoveryAssistant *self,
               AdwPreferencesGroup *group,
               const char          *name,
               const char          *title,
               const char          *subtitle,
               gboolean             from_profile)
{
  AdwActionRow *row = make_row (title, subtitle);
  GtkWidget *check = gtk_check_button_new ();

  gtk_widget_set_name (check, name);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_prefix (row, check);
  adw_action_row_set_activatable_widget (row, check);
  if (from_profile)
    add_profile_row (self, group, row);
  else
    adw_preferences_group_add (group, GTK_WIDGET (row));
  return GTK_CHECK_BUTTON (check);
}

static void
clear_profile_rows (RvRecoveryAssistant *self)
{
  for (guint i = 0; i < self->profile_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->profile_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->profile_rows, 0);
  g_ptr_array_set_size (self->evidence_checks, 0);
  g_ptr_array_set_size (self->ack_checks, 0);
}

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
      add_profile_row (self, self->self_service_group,
                       make_row (rv_provider_gettext (step->title), subtitle));
    }
}

/* Steps 4 and 5: evidence and acknowledgements, in the profile's words */

static void
fill_evidence (RvRecoveryAssistant *self)
{
  GPtrArray *evidence = rv_provider_get_evidence (self->provider);
  g_autofree char *description =
    g_markup_printf_escaped (_("What %s accepts. Tick what you can still provide."),
                             rv_provider_get_name (self->provider));

  adw_preferences_group_set_description (self->evidence_group, description);
  for (guint i = 0; i < evidence->len; i++)
    {
      const RvProviderEvidence *item = g_ptr_array_index (evidence, i);
      g_autofree char *name = g_strdup_printf ("evidence-%s", item->id);
      GtkCheckButton *check = add_check_row (self, self->evidence_group, name,
                                             rv_provider_gettext (item->label),
                                             rv_provider_gettext (item->description), TRUE);

      g_object_set_data_full (G_OBJECT (check), "rv-id", g_strdup (item->id), g_free);
      g_ptr_array_add (self->evidence_checks, check);
    }
}

static void
fill_acks (RvRecoveryAssistant *self)
{
  GPtrArray *acks = rv_provider_get_acknowledgements (self->provider);
  g_autofree char *description = NULL;

  if (acks->len == 0)
    description = g_markup_printf_escaped (_("%s asks for no acknowledgement."),
                                           rv_provider_get_name (self->provider));
  else
    description = g_markup_printf_escaped (_("%s requires these. Tick each one to go on."),
                                           rv_provider_get_name (self->provider));
  adw_preferences_group_set_description (self->ack_group, description);

  for (guint i = 0; i < acks->len; i++)
    {
      const RvProviderAck *ack = g_ptr_array_index (acks, i);
      g_autofree char *name = g_strdup_printf ("ack-%s", ack->id);
      const char *text = ack->description ? rv_provider_gettext (ack->description) : NULL;
      GtkCheckButton *check = add_check_row (self, self->ack_group, name,
                                             rv_provider_gettext (ack->text), text, TRUE);

      /* The text the user agrees to, one click away. */
      if (ack->url != NULL)
        {
          GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (check), ADW_TYPE_ACTION_ROW);
          GtkWidget *link = gtk_link_button_new_with_label (ack->url, _("Read"));
          g_autofree char *label = g_strdup_printf (_("Read “%s”"),
                                                    rv_provider_gettext (ack->text));

          gtk_widget_set_valign (link, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (link, ack->url);
          gtk_accessible_update_property (GTK_ACCESSIBLE (link), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          label, -1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), link);
        }

      g_object_set_data_full (G_OBJECT (check), "rv-id", g_strdup (ack->id), g_free);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (update_actions), self);
      g_ptr_array_add (self->ack_checks, check);
    }
}

/* Step 7: what to expect next */

static void
add_list_rows (RvRecoveryAssistant *self,
               AdwPreferencesGroup *group,
               const char * const  *items,
               const char          *icon)
{
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      AdwActionRow *row = make_row (rv_provider_gettext (items[i]), NULL);

      if (icon != NULL)
        adw_action_row_add_prefix (row, gtk_image_new_from_icon_name (icon));
      add_profile_row (self, group, row);
    }
}

static void
fill_next (RvRecoveryAssistant *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, FOLLOW_UP_DAYS);
  g_autofree char *date = g_date_time_format (later, "%Y-%m-%d");

  add_profile_row (self, self->next_group,
                   make_row (_("Timing"),
                             rv_provider_gettext (rv_provider_get_timing (self->provider))));
  add_list_rows (self, self->next_group, rv_provider_get_next_steps (self->provider), NULL);
  add_list_rows (self, self->next_group, rv_provider_get_warnings (self->provider),
                 "dialog-warning-symbolic");
  add_list_rows (self, self->after_group, rv_provider_get_after_recovery (self->provider), NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->follow_up_row), date);
}

static void
apply_profile (RvRecoveryAssistant *self)
{
  clear_profile_rows (self);
  fill_self_service (self);
  fill_evidence (self);
  fill_acks (self);
  fill_next (self);
}

/* Step 6: the draft */

static void
add_ticked_ids (GPtrArray    *checks,
                GStrvBuilder *builder)
{
  for (guint i = 0; i < checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (checks, i);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (check), "rv-id"));
    }
}

static RvRequestAnswers *
collect_answers (RvRecoveryAssistant *self)
{
  RvRequestAnswers *answers = rv_request_answers_new ();
  g_autoptr(GStrvBuilder) evidence = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) acknowledged = g_strv_builder_new ();
  const char *username = gtk_editable_get_text (GTK_EDITABLE (self->username_row));
  const char *service = gtk_editable_get_text (GTK_EDITABLE (self->service_row));

  answers->username = rv_str_is_blank (username) ? NULL : g_strstrip (g_strdup (username));
  if (self->account == NULL && !rv_str_is_blank (service))
    answers->service = g_strstrip (g_strdup (service));
  for (guint i = 0; i < RV_HAPPENED_N_KINDS; i++)
    if (gtk_check_button_get_active (self->happened_checks[i]))
      answers->happened |= 1 << i;
  answers->stored_rejected = gtk_check_button_get_active (self->stored_rejected_check);
  answers->details = dup_buffer_text (self->details_view);
  answers->evidence_details = dup_buffer_text (self->evidence_view);
  add_ticked_ids (self->evidence_checks, evidence);
  add_ticked_ids (self->ack_checks, acknowledged);
  g_strfreev (answers->evidence);
  answers->evidence = g_strv_builder_end (evidence);
  g_strfreev (answers->acknowledged);
  answers->acknowledged = g_strv_builder_end (acknowledged);
  return answers;
}

static const char *
open_label (RvProvider *provider)
{
  switch (rv_provider_get_channel_kind (provider))
    {
    case RV_CHANNEL_EMAIL:
      return _("_Open Mail Draft");
    case RV_CHANNEL_PUBLIC_ISSUE_FORM:
      return _("_Open Issue Form");
    case RV_CHANNEL_WEB_FORM:
    case RV_CHANNEL_IN_PRODUCT:
    case RV_CHANNEL_NONE:
    default:
      return _("_Open Support Page");
    }
}

static void
build_draft (RvRecoveryAssistant *self)
{
  g_autoptr(RvRequestAnswers) answers = collect_answers (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *channel = NULL;
  const char *summary = rv_provider_gettext (rv_provider_get_channel_summary (self->provider));

  g_clear_pointer (&self->draft, rv_request_draft_free);
  g_clear_pointer (&self->draft_error, g_free);
  self->draft = rv_request_draft_new (self->provider, answers, self->vault, self->account, NULL,
                                      &error);
  if (self->draft == NULL)
    self->draft_error = g_strdup (error->message);

  if (rv_provider_get_channel_public (self->provider))
    channel = g_strdup_printf (_("%s This request will be public: it holds no email address "
                                 "or phone number."), summary);
  else
    channel = g_strdup (summary);
  gtk_label_set_text (self->channel_label, channel);
  gtk_label_set_text (self->draft_error_label, self->draft_error ? self->draft_error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->draft_error_label), self->draft_error != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->title_row), self->draft != NULL);
  if (self->draft != NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->title_row),
                                     self->draft->title_label);
      adw_action_row_set_subtitle (self->title_row, self->draft->title);
    }
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->draft_view),
                            self->draft ? self->draft->body : "", -1);
  gtk_button_set_label (self->open_button, open_label (self->provider));
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
      for (guint i = 0; i < self->ack_checks->len; i++)
        if (!gtk_check_button_get_active (g_ptr_array_index (self->ack_checks, i)))
          return FALSE;
      return TRUE;
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
        {
          gtk_label_set_text (self->draft_error_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->draft_error_label), TRUE);
        }
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
  const char *ticket = gtk_editable_get_text (GTK_EDITABLE (self->ticket_row));
  const char *date = gtk_editable_get_text (GTK_EDITABLE (self->follow_up_row));
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *done = NULL;
  RvRequestRecord *request;
  gint64 follow_up;

  if (self->draft == NULL || self->vault == NULL)
    return;
  if (!rv_request_parse_date (date, &follow_up))
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->record_row),
                                     _("The follow-up date must look like 2026-12-31"));
      return;
    }
  request = rv_request_draft_make_record (self->draft, self->account,
                                          rv_now (),
                                          rv_str_is_blank (ticket) ? NULL : ticket, follow_up);
  id = g_strdup (request->id);
  rv_vault_add_request (self->vault, request);
  if (!rv_vault_save (self->vault, &error))
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->record_row), error->message);
      return;
    }
  done = g_strdup_printf (_("Recorded. The app reminds you on %s."), date);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->record_row), done);
  gtk_widget_action_set_enabled (widget, "assistant.record", FALSE);
  g_signal_emit (self, signals[REQUEST_RECORDED], 0, id);
}

/* What happened */

static void
happened_toggled_cb (RvRecoveryAssistant *self)
{
  guint compromise_index = g_bit_nth_lsf (RV_HAPPENED_COMPROMISE, -1);
  gboolean compromise = gtk_check_button_get_active (self->happened_checks[compromise_index]);

  gtk_widget_set_visible (GTK_WIDGET (self->compromise_label), compromise);
}

static void
fill_happened (RvRecoveryAssistant *self)
{
  const char *labels[RV_HAPPENED_N_KINDS] = {
    _("I lost the device or app with my authenticator"),
    _("My recovery codes do not work"),
    _("I never had recovery codes, or I lost them"),
    _("I lost access to the account’s email address"),
    _("Codes or two-factor settings changed without my knowledge"),
  };

  for (guint i = 0; i < RV_HAPPENED_N_KINDS; i++)
    {
      g_autofree char *name = g_strdup_printf ("happened-%s", rv_happened_to_string (1 << i));

      self->happened_checks[i] = add_check_row (self, self->happened_group, name, labels[i], NULL,
                                                FALSE);
      g_signal_connect_swapped (self->happened_checks[i], "toggled",
                                G_CALLBACK (happened_toggled_cb), self);
    }
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
  g_clear_pointer (&self->evidence_checks, g_ptr_array_unref);
  g_clear_pointer (&self->ack_checks, g_ptr_array_unref);
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
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, happened_group);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, compromise_label);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, details_view);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, evidence_group);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, evidence_view);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, ack_group);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, channel_label);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, draft_error_label);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, title_row);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, draft_view);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, open_button);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, next_group);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, after_group);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, ticket_row);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, follow_up_row);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, record_row);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryAssistant, record_button);

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

  gtk_widget_init_template (GTK_WIDGET (self));

  self->evidence_checks = g_ptr_array_new ();
  self->ack_checks = g_ptr_array_new ();
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

  self->stored_rejected_check = add_check_row (self, self->rejected_group, "stored-rejected",
                                               _("I tried these, and they were rejected"), NULL,
                                               FALSE);
  g_signal_connect_swapped (self->stored_rejected_check, "toggled", G_CALLBACK (update_actions),
                            self);

  fill_happened (self);
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
