/* rv-assistant-holds.c: step 2 of the recovery assistant, what the vault
 * still holds for the account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shown before anything else: a TOTP secret means the user is not locked
 * out. While the vault still holds a way in (a TOTP secret or unused
 * codes), the request is drafted only once the user confirms those were
 * tried and rejected.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rv-assistant-holds.h"
#include "rv-assistant-rows.h"
#include "rv-util.h"

struct _RvAssistantHolds
{
  AdwBin                parent_instance;

  GtkLabel             *holds_label;
  AdwPreferencesGroup  *otp_group;
  AdwActionRow         *code_row;
  AdwPreferencesGroup  *codes_group;
  AdwActionRow         *codes_row;
  AdwActionRow         *revealed_row;
  AdwPreferencesGroup  *self_service_group;
  AdwPreferencesGroup  *rejected_group;
  GtkCheckButton       *stored_rejected_check;

  RvAccount            *account;
  RvProvider           *provider;
  GPtrArray            *rows;      /* made from the profile */
  guint                 code_timeout;
  int                   revealed_index;
};

G_DEFINE_FINAL_TYPE (RvAssistantHolds, rv_assistant_holds, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
update_code (gpointer user_data)
{
  RvAssistantHolds *self = user_data;
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
fill_codes (RvAssistantHolds *self)
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
vault_holds_a_way_in (RvAssistantHolds *self)
{
  return has_otp_secret (self->account) ||
         (self->account != NULL && rv_account_get_n_unused_recovery_codes (self->account) > 0);
}

/* The one answer that lets a request be drafted while the vault holds a
 * way in, in words that fit what it holds. */
static void
fill_rejected (RvAssistantHolds *self)
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
fill_holds (RvAssistantHolds *self)
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
fill_self_service (RvAssistantHolds *self)
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
      rv_assistant_add_row (self->self_service_group, self->rows,
                            rv_assistant_make_row (rv_provider_gettext (step->title), subtitle));
    }
}

static void
rejected_toggled_cb (RvAssistantHolds *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
rv_assistant_holds_dispose (GObject *object)
{
  RvAssistantHolds *self = RV_ASSISTANT_HOLDS (object);

  g_clear_handle_id (&self->code_timeout, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (object), RV_TYPE_ASSISTANT_HOLDS);
  g_clear_object (&self->account);
  g_clear_object (&self->provider);

  G_OBJECT_CLASS (rv_assistant_holds_parent_class)->dispose (object);
}

static void
rv_assistant_holds_finalize (GObject *object)
{
  RvAssistantHolds *self = RV_ASSISTANT_HOLDS (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (rv_assistant_holds_parent_class)->finalize (object);
}

static void
rv_assistant_holds_class_init (RvAssistantHoldsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rv_assistant_holds_dispose;
  object_class->finalize = rv_assistant_holds_finalize;

  /**
   * RvAssistantHolds::changed:
   *
   * The “tried and rejected” tick changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/RecoveryVault/"
                                                             "rv-assistant-holds.ui");
  gtk_widget_class_bind_template_child (widget_class, RvAssistantHolds, holds_label);
  gtk_widget_class_bind_template_child (widget_class, RvAssistantHolds, otp_group);
  gtk_widget_class_bind_template_child (widget_class, RvAssistantHolds, code_row);
  gtk_widget_class_bind_template_child (widget_class, RvAssistantHolds, codes_group);
  gtk_widget_class_bind_template_child (widget_class, RvAssistantHolds, codes_row);
  gtk_widget_class_bind_template_child (widget_class, RvAssistantHolds, revealed_row);
  gtk_widget_class_bind_template_child (widget_class, RvAssistantHolds, self_service_group);
  gtk_widget_class_bind_template_child (widget_class, RvAssistantHolds, rejected_group);
}

static void
rv_assistant_holds_init (RvAssistantHolds *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->revealed_index = -1;
  self->stored_rejected_check =
    rv_assistant_add_check_row (self->rejected_group, NULL, "stored-rejected",
                                _("I tried these, and they were rejected"), NULL);
  g_signal_connect_swapped (self->stored_rejected_check, "toggled",
                            G_CALLBACK (rejected_toggled_cb), self);
}

void
rv_assistant_holds_set_provider (RvAssistantHolds *self,
                                 RvProvider       *provider)
{
  g_return_if_fail (RV_IS_ASSISTANT_HOLDS (self));

  g_set_object (&self->provider, provider);
  rv_assistant_clear_rows (self->rows);
  fill_self_service (self);
}

void
rv_assistant_holds_show (RvAssistantHolds *self,
                         RvAccount        *account,
                         RvProvider       *provider)
{
  g_return_if_fail (RV_IS_ASSISTANT_HOLDS (self));

  g_clear_handle_id (&self->code_timeout, g_source_remove);
  g_set_object (&self->account, account);
  g_set_object (&self->provider, provider);
  fill_holds (self);
  if (has_otp_secret (self->account))
    self->code_timeout = g_timeout_add_seconds (1, update_code, self);
}

void
rv_assistant_holds_hide (RvAssistantHolds *self)
{
  g_return_if_fail (RV_IS_ASSISTANT_HOLDS (self));

  g_clear_handle_id (&self->code_timeout, g_source_remove);
  /* A revealed recovery code does not stay on screen behind other steps. */
  fill_codes (self);
}

gboolean
rv_assistant_holds_can_go_on (RvAssistantHolds *self)
{
  g_return_val_if_fail (RV_IS_ASSISTANT_HOLDS (self), FALSE);

  return !vault_holds_a_way_in (self) ||
         gtk_check_button_get_active (self->stored_rejected_check);
}

gboolean
rv_assistant_holds_get_rejected (RvAssistantHolds *self)
{
  g_return_val_if_fail (RV_IS_ASSISTANT_HOLDS (self), FALSE);

  return gtk_check_button_get_active (self->stored_rejected_check);
}

void
rv_assistant_holds_reveal_code (RvAssistantHolds *self)
{
  guint n;

  g_return_if_fail (RV_IS_ASSISTANT_HOLDS (self));

  n = self->account ? rv_account_get_n_recovery_codes (self->account) : 0;

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

void
rv_assistant_holds_mark_used (RvAssistantHolds *self,
                              RvVault          *vault)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RV_IS_ASSISTANT_HOLDS (self));

  if (self->account == NULL || self->revealed_index < 0)
    return;
  if (!rv_account_mark_recovery_code_used (self->account, self->revealed_index,
                                           rv_now (), &error) ||
      (vault != NULL && !rv_vault_save (vault, &error)))
    {
      adw_action_row_set_subtitle (self->revealed_row, error->message);
      return;
    }
  fill_codes (self);
}
