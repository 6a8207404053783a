/* rv-recovery-codes-view.c: an account's recovery codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "rv-backup-scheduler.h"
#include "rv-compartment-gate.h"
#include "rv-health-common.h"
#include "rv-provider.h"

#include "rv-recovery-codes-view.h"
#include "rv-util.h"

/* Fewer unused codes than this and the user is told to get a new set. */
#define FEW_CODES_LEFT 2

struct _RvRecoveryCodesView
{
  AdwBin          parent_instance;

  RvVault        *vault;
  RvAccount      *account;
  GPtrArray      *code_rows;   /* GtkWidget, owned by codes_group */
  int             revealed;
  GPtrArray      *pending;     /* RvSecret: a parsed set awaiting confirmation */

  AdwPreferencesGroup *codes_group;
  AdwActionRow   *count_row;
  AdwActionRow   *warning_row;
  AdwPreferencesGroup *add_group;
  GtkTextView    *codes_text;
  GtkLabel       *codes_message;
};

G_DEFINE_FINAL_TYPE (RvRecoveryCodesView, rv_recovery_codes_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_VAULT,
  PROP_ACCOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_message (RvRecoveryCodesView *self,
             const char          *text,
             gboolean             is_error)
{
  gtk_label_set_text (self->codes_message, text ? text : "");
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->codes_message), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->codes_message), "error");
}

static GtkWindow *
parent_window (RvRecoveryCodesView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* The recovery profiles, loaded once: they are data shipped with the app. */
static GPtrArray *
default_providers (void)
{
  static GPtrArray *providers;

  if (g_once_init_enter (&providers))
    g_once_init_leave (&providers, rv_provider_load_default (NULL));
  return providers;
}

static RvProvider *
account_provider (RvRecoveryCodesView *self)
{
  GPtrArray *providers = default_providers ();

  if (providers == NULL || self->account == NULL)
    return NULL;
  return rv_provider_match_account (providers, self->account);
}

/* Rows */

/* Icon buttons, named for screen readers and tooltips: at 360 px a row has
 * no room for text buttons next to a revealed code. */
static GtkWidget *
new_row_button (const char *icon_name,
                const char *accessible_label,
                const char *action,
                guint       index)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, accessible_label);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", index);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  return button;
}

static GtkWidget *
new_code_row (RvRecoveryCodesView *self,
              guint                index)
{
  const RvRecoveryCode *code = rv_account_get_recovery_code (self->account, index);
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_strdup_printf (_("Code %u"), index + 1);
  g_autofree char *reveal_label = g_strdup_printf (_("Reveal code %u"), index + 1);
  g_autofree char *hide_label = g_strdup_printf (_("Hide code %u"), index + 1);
  g_autofree char *mark_label = g_strdup_printf (_("Mark code %u as used"), index + 1);
  g_autofree char *unmark_label = g_strdup_printf (_("Mark code %u as unused"), index + 1);
  gboolean revealed = self->revealed == (int) index;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (code->used_at != 0)
    {
      g_autofree char *date = rv_format_date_full (code->used_at);
      g_autofree char *subtitle = g_strdup_printf (_("Used on %s"), date);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (row, "dim-label");
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Unused"));

  if (revealed)
    {
      /* The label's copy of the code lives only while it is revealed. */
      GtkWidget *label = gtk_label_new (rv_secret_get_string (code->code));

      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      /* Long codes break between characters rather than widen the window. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "monospace");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             revealed ? new_row_button ("view-conceal-symbolic", hide_label,
                                                        "recovery.reveal", index)
                                      : new_row_button ("view-reveal-symbolic", reveal_label,
                                                        "recovery.reveal", index));
  if (code->used_at == 0)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               new_row_button ("object-select-symbolic", mark_label,
                                               "recovery.mark-used", index));
  else
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               new_row_button ("edit-undo-symbolic", unmark_label,
                                               "recovery.mark-unused", index));
  return row;
}

static void
remove_code_rows (RvRecoveryCodesView *self)
{
  for (guint i = 0; i < self->code_rows->len; i++)
    adw_preferences_group_remove (self->codes_group, g_ptr_array_index (self->code_rows, i));
  g_ptr_array_set_size (self->code_rows, 0);
}

static void
update_summary (RvRecoveryCodesView *self)
{
  guint n = rv_account_get_n_recovery_codes (self->account);
  guint unused = rv_account_get_n_unused_recovery_codes (self->account);
  g_autofree char *title = NULL;
  g_autofree char *warning = NULL;

  if (n == 0)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->count_row),
                                     _("No recovery codes stored"));
      adw_action_row_set_subtitle (self->count_row,
                                   _("Add the codes the provider gave you when you turned on two-factor authentication."));
    }
  else
    {
      /* Translators: "5 of 8 unused" */
      title = g_strdup_printf (ngettext ("%u of %u unused", "%u of %u unused", n), unused, n);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->count_row), title);
      adw_action_row_set_subtitle (self->count_row, NULL);
      if (rv_account_get_recovery_issued_at (self->account) != 0)
        {
          g_autofree char *date =
            rv_format_date_full (rv_account_get_recovery_issued_at (self->account));
          g_autofree char *subtitle = g_strdup_printf (_("Added on %s"), date);

          adw_action_row_set_subtitle (self->count_row, subtitle);
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->warning_row), n > 0 && unused <= FEW_CODES_LEFT);
  warning = unused == 0 ? g_strdup (_("No unused codes left"))
                        : g_strdup_printf (ngettext ("Only %u unused code left",
                                                     "Only %u unused codes left", unused),
                                           unused);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->warning_row), warning);
}

static void
show_format_hint (RvRecoveryCodesView *self)
{
  RvProvider *provider = account_provider (self);
  g_autofree char *description = NULL;
  const char *format = provider ? rv_provider_get_code_format_description (provider) : NULL;

  if (format == NULL)
    return;
  /* Translators: "PyPI codes: 16 hexadecimal characters. Paste or type…" */
  description = g_strdup_printf (_("%s codes: %s. Paste or type the codes the provider gave "
                                   "you, one per line. They replace the codes stored now."),
                                 rv_provider_gettext (rv_provider_get_name (provider)),
                                 rv_provider_gettext (format));
  adw_preferences_group_set_description (self->add_group, description);
}

static void
rebuild (RvRecoveryCodesView *self)
{
  guint n;

  remove_code_rows (self);
  if (self->account == NULL)
    return;

  n = rv_account_get_n_recovery_codes (self->account);
  if (self->revealed >= (int) n)
    self->revealed = -1;
  update_summary (self);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = new_code_row (self, i);

      adw_preferences_group_add (self->codes_group, row);
      g_ptr_array_add (self->code_rows, row);
    }
}

/* Actions */

static gboolean
save_vault (RvRecoveryCodesView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (rv_backup_save (self->vault, &error))
    return TRUE;

  message = g_strdup_printf (_("The vault could not be saved: %s"), error->message);
  set_message (self, message, TRUE);
  return FALSE;
}

/* The recovery-code compartment was opened for this code (rv-compartment-gate.c). */
static void
reveal_after_open (GObject *owner)
{
  RvRecoveryCodesView *self = RV_RECOVERY_CODES_VIEW (owner);
  int index = GPOINTER_TO_INT (g_object_get_data (owner, "rv-reveal-after-open")) - 1;

  if (self->account != NULL && index >= 0 &&
      index < (int) rv_account_get_n_recovery_codes (self->account) &&
      rv_account_get_recovery_code (self->account, index)->code != NULL)
    {
      self->revealed = index;
      rebuild (self);
    }
}

static void
reveal_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RvRecoveryCodesView *self = RV_RECOVERY_CODES_VIEW (widget);
  int index = (int) g_variant_get_uint32 (parameter);

  if (index >= (int) rv_account_get_n_recovery_codes (self->account))
    return;
  if (self->revealed != index && rv_account_get_recovery_code (self->account, index)->code == NULL)
    {
      g_object_set_data (G_OBJECT (self), "rv-reveal-after-open", GINT_TO_POINTER (index + 1));
      rv_compartment_gate_run (widget, self->vault, G_OBJECT (self), reveal_after_open);
      return;
    }
  /* One at a time: revealing a code hides the one shown before. */
  self->revealed = self->revealed == index ? -1 : index;
  rebuild (self);
}

static void
mark_used (RvRecoveryCodesView *self,
           guint                index)
{
  g_autoptr(GError) error = NULL;
  gint64 now = rv_now ();

  /* Before the change: the account's "changed" signal rebuilds the rows, and
   * a code concealed only afterwards stayed on screen with a Hide button
   * that revealed it again. */
  if (self->revealed == (int) index)
    self->revealed = -1;
  if (!rv_account_mark_recovery_code_used (self->account, index, now, &error))
    {
      set_message (self, error->message, TRUE);
      rebuild (self);
      return;
    }
  rebuild (self);
  if (save_vault (self))
    set_message (self, NULL, FALSE);
}

/* The undo of Mark Used: no question asked, it loses nothing. */
static void
mark_unused_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RvRecoveryCodesView *self = RV_RECOVERY_CODES_VIEW (widget);
  guint index = g_variant_get_uint32 (parameter);
  g_autoptr(GError) error = NULL;

  if (index >= rv_account_get_n_recovery_codes (self->account))
    return;
  if (!rv_account_mark_recovery_code_unused (self->account, index, &error))
    {
      set_message (self, error->message, TRUE);
      return;
    }
  if (save_vault (self))
    set_message (self, NULL, FALSE);
}

static void
on_mark_used_response (AdwMessageDialog    *dialog,
                       const char          *response,
                       RvRecoveryCodesView *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "index"));

  if (g_str_equal (response, "mark"))
    mark_used (self, index);
}

static void
mark_used_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RvRecoveryCodesView *self = RV_RECOVERY_CODES_VIEW (widget);
  guint index = g_variant_get_uint32 (parameter);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (index >= rv_account_get_n_recovery_codes (self->account))
    return;

  heading = g_strdup_printf (_("Mark Code %u as Used?"), index + 1);
  dialog = adw_message_dialog_new (parent_window (self), heading,
                                   _("Do this once you have typed the code at the provider: "
                                     "each code works only once."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "mark", _("_Mark Used"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "mark",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "index", GUINT_TO_POINTER (index));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_mark_used_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Pasting a new set */

static void
add_problem (GString *problems,
             char    *problem)
{
  if (problems->len > 0)
    g_string_append_c (problems, '\n');
  g_string_append (problems, problem);
  g_free (problem);
}

/* Checks @token against the provider's format (normalising it the way the
 * provider prints codes) and against the codes before it. Messages name
 * positions, never the codes. */
static void
add_token (GPtrArray  *codes,
           GArray     *positions,
           RvProvider *provider,
           const char *token,
           guint       position,
           GString    *problems)
{
  g_autoptr(RvSecret) code = NULL;
  g_autoptr(GError) error = NULL;

  if (provider != NULL)
    code = rv_provider_normalize_recovery_code (provider, token, strlen (token), &error);
  else
    code = rv_secret_new_from_string (token);
  if (code == NULL)
    {
      /* Translators: "Code 3: This does not look like a PyPI recovery code…" */
      add_problem (problems, g_strdup_printf (_("Code %u: %s"), position, error->message));
      return;
    }

  for (guint i = 0; i < codes->len; i++)
    if (rv_secret_equal (g_ptr_array_index (codes, i), code))
      {
        /* Translators: positions in the pasted list; the codes are not repeated. */
        add_problem (problems, g_strdup_printf (_("Code %u is the same as code %u."),
                                                position, g_array_index (positions, guint, i)));
        return;
      }
  g_ptr_array_add (codes, g_steal_pointer (&code));
  g_array_append_val (positions, position);
}

/* Splits @text into codes: one per line (commas also separate), blanks
 * around each removed. Codes may contain inner spaces ("1234 5678"). */
static GPtrArray *
parse_codes (char       *text,
             RvProvider *provider,
             GString    *problems)
{
  GPtrArray *codes = g_ptr_array_new_with_free_func ((GDestroyNotify) rv_secret_free);
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  char *cursor = text;
  char *token;
  guint position = 0;

  while ((token = strsep (&cursor, "\n,;")) != NULL)
    {
      g_strstrip (token);
      if (*token != '\0')
        add_token (codes, positions, provider, token, ++position, problems);
    }
  return codes;
}

static GPtrArray *
take_pasted_codes (RvRecoveryCodesView *self,
                   GString             *problems)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->codes_text);
  GtkTextIter start, end;
  char *text;
  GPtrArray *codes;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  codes = parse_codes (text, account_provider (self), problems);
  /* The codes now live in guarded memory; wipe the ordinary heap copy. */
  explicit_bzero (text, strlen (text));
  g_free (text);
  return codes;
}

static void
clear_pasted_text (RvRecoveryCodesView *self)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->codes_text), "", 0);
}

static guint
expected_count (RvRecoveryCodesView *self,
                guint                pasted)
{
  RvProvider *provider = account_provider (self);
  guint count = provider ? rv_provider_get_code_count (provider) : 0;

  return count > 0 ? count : pasted;
}

static void
store_codes (RvRecoveryCodesView *self,
             GPtrArray           *codes)
{
  gint64 now = rv_now ();
  g_autofree char *message = NULL;

  rv_account_clear_recovery_codes (self->account);
  for (guint i = 0; i < codes->len; i++)
    rv_account_add_recovery_code (self->account, g_ptr_array_index (codes, i), now, 0, NULL);
  rv_account_set_recovery_issued_at (self->account, now);
  rv_account_set_recovery_expected_count (self->account, expected_count (self, codes->len));
  rv_account_set_recovery_checked_at (self->account, now);
  self->revealed = -1;
  clear_pasted_text (self);

  if (!save_vault (self))
    return;
  message = g_strdup_printf (ngettext ("%u code saved.", "%u codes saved.", codes->len),
                             codes->len);
  set_message (self, message, FALSE);
}

static void
on_replace_response (AdwMessageDialog    *dialog,
                     const char          *response,
                     RvRecoveryCodesView *self)
{
  g_autoptr(GPtrArray) codes = g_steal_pointer (&self->pending);

  if (codes != NULL && g_str_equal (response, "replace"))
    store_codes (self, codes);
}

static void
confirm_replace (RvRecoveryCodesView *self,
                 GPtrArray           *codes)
{
  guint unused = rv_account_get_n_unused_recovery_codes (self->account);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_clear_pointer (&self->pending, g_ptr_array_unref);
  self->pending = g_ptr_array_ref (codes);
  body = g_strdup_printf (ngettext ("The %u unused code stored now will be forgotten. "
                                    "Do this only if the provider issued a new set.",
                                    "The %u unused codes stored now will be forgotten. "
                                    "Do this only if the provider issued a new set.",
                                    unused), unused);
  dialog = adw_message_dialog_new (parent_window (self), _("Replace the Recovery Codes?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_replace_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_after_open (GObject *owner)
{
  gtk_widget_activate_action (GTK_WIDGET (owner), "recovery.save-codes", NULL);
}

static void
save_codes_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RvRecoveryCodesView *self = RV_RECOVERY_CODES_VIEW (widget);

  /* Adding codes needs the recovery-code compartment open, if it is on. */
  if (rv_account_get_recovery_codes_locked (self->account))
    {
      rv_compartment_gate_run (widget, self->vault, G_OBJECT (self), save_after_open);
      return;
    }
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GPtrArray) codes = take_pasted_codes (self, problems);

  if (problems->len > 0)
    {
      set_message (self, problems->str, TRUE);
      return;
    }
  if (codes->len == 0)
    {
      set_message (self, _("Paste or type at least one code."), TRUE);
      return;
    }
  if (rv_account_get_n_unused_recovery_codes (self->account) > 0)
    confirm_replace (self, codes);
  else
    store_codes (self, codes);
}

/* Lifecycle */

static void
on_account_changed (RvRecoveryCodesView *self)
{
  rebuild (self);
}

static void
set_account (RvRecoveryCodesView *self,
             RvAccount           *account)
{
  if (self->account == account)
    return;
  if (self->account != NULL)
    g_signal_handlers_disconnect_by_data (self->account, self);
  g_set_object (&self->account, account);
  if (account != NULL)
    g_signal_connect_object (account, "changed", G_CALLBACK (on_account_changed), self,
                             G_CONNECT_SWAPPED);
  self->revealed = -1;
  rebuild (self);
  show_format_hint (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
}

void
rv_recovery_codes_view_conceal (RvRecoveryCodesView *self)
{
  g_return_if_fail (RV_IS_RECOVERY_CODES_VIEW (self));

  clear_pasted_text (self);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  if (self->revealed != -1)
    {
      self->revealed = -1;
      rebuild (self);
    }
}

int
rv_recovery_codes_view_get_revealed (RvRecoveryCodesView *self)
{
  g_return_val_if_fail (RV_IS_RECOVERY_CODES_VIEW (self), -1);

  return self->revealed;
}

RvAccount *
rv_recovery_codes_view_get_account (RvRecoveryCodesView *self)
{
  g_return_val_if_fail (RV_IS_RECOVERY_CODES_VIEW (self), NULL);

  return self->account;
}

static void
rv_recovery_codes_view_unmap (GtkWidget *widget)
{
  rv_recovery_codes_view_conceal (RV_RECOVERY_CODES_VIEW (widget));
  GTK_WIDGET_CLASS (rv_recovery_codes_view_parent_class)->unmap (widget);
}

static void
rv_recovery_codes_view_dispose (GObject *object)
{
  RvRecoveryCodesView *self = RV_RECOVERY_CODES_VIEW (object);

  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->code_rows, g_ptr_array_unref);
  g_clear_object (&self->account);
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (rv_recovery_codes_view_parent_class)->dispose (object);
}

static void
rv_recovery_codes_view_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  RvRecoveryCodesView *self = RV_RECOVERY_CODES_VIEW (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      g_value_set_object (value, self->vault);
      break;
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rv_recovery_codes_view_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  RvRecoveryCodesView *self = RV_RECOVERY_CODES_VIEW (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      if (g_set_object (&self->vault, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_ACCOUNT:
      set_account (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rv_recovery_codes_view_class_init (RvRecoveryCodesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rv_recovery_codes_view_dispose;
  object_class->get_property = rv_recovery_codes_view_get_property;
  object_class->set_property = rv_recovery_codes_view_set_property;
  widget_class->unmap = rv_recovery_codes_view_unmap;

  properties[PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL, RV_TYPE_VAULT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, RV_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/RecoveryVault/rv-recovery-codes-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryCodesView, codes_group);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryCodesView, count_row);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryCodesView, warning_row);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryCodesView, add_group);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryCodesView, codes_text);
  gtk_widget_class_bind_template_child (widget_class, RvRecoveryCodesView, codes_message);

  gtk_widget_class_install_action (widget_class, "recovery.reveal", "u", reveal_action);
  gtk_widget_class_install_action (widget_class, "recovery.mark-used", "u", mark_used_action);
  gtk_widget_class_install_action (widget_class, "recovery.mark-unused", "u",
                                   mark_unused_action);
  gtk_widget_class_install_action (widget_class, "recovery.save-codes", NULL, save_codes_action);
}

static void
rv_recovery_codes_view_init (RvRecoveryCodesView *self)
{
  self->revealed = -1;
  self->code_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rv_recovery_codes_view_new (RvVault   *vault,
                            RvAccount *account)
{
  g_return_val_if_fail (RV_IS_VAULT (vault), NULL);
  g_return_val_if_fail (RV_IS_ACCOUNT (account), NULL);

  return g_object_new (RV_TYPE_RECOVERY_CODES_VIEW,
                       "vault", vault,
                       "account", account,
                       NULL);
}
