/* rv-assistant-draft.c: step 6 of the recovery assistant, the drafted
 * request as core checked it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rv-assistant-draft.h"

struct _RvAssistantDraft
{
  AdwBin          parent_instance;

  GtkLabel       *channel_label;
  GtkLabel       *draft_error_label;
  AdwActionRow   *title_row;
  GtkTextView    *draft_view;
  GtkButton      *open_button;
  AdwPreferencesGroup *form_group;
  GPtrArray      *form_rows;      /* the rows in form_group */
};

G_DEFINE_FINAL_TYPE (RvAssistantDraft, rv_assistant_draft, ADW_TYPE_BIN)

static void
rv_assistant_draft_dispose (GObject *object)
{
  RvAssistantDraft *self = RV_ASSISTANT_DRAFT (object);

  g_clear_pointer (&self->form_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), RV_TYPE_ASSISTANT_DRAFT);

  G_OBJECT_CLASS (rv_assistant_draft_parent_class)->dispose (object);
}

static void
rv_assistant_draft_class_init (RvAssistantDraftClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rv_assistant_draft_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/RecoveryVault/"
                                                             "rv-assistant-draft.ui");
  gtk_widget_class_bind_template_child (widget_class, RvAssistantDraft, channel_label);
  gtk_widget_class_bind_template_child (widget_class, RvAssistantDraft, draft_error_label);
  gtk_widget_class_bind_template_child (widget_class, RvAssistantDraft, title_row);
  gtk_widget_class_bind_template_child (widget_class, RvAssistantDraft, draft_view);
  gtk_widget_class_bind_template_child (widget_class, RvAssistantDraft, open_button);
  gtk_widget_class_bind_template_child (widget_class, RvAssistantDraft, form_group);
}

static void
rv_assistant_draft_init (RvAssistantDraft *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->form_rows = g_ptr_array_new ();
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

/* One row per field of the provider's form, in its order, with the form's
 * own description: the user sees where each part of the draft goes. A
 * draft exists only when every required box may be ticked, so a checkbox
 * row says it is. */
static void
show_form (RvAssistantDraft *self,
           RvProvider       *provider,
           gboolean          drafted)
{
  GPtrArray *fields = rv_provider_get_fields (provider);

  for (guint i = 0; i < self->form_rows->len; i++)
    adw_preferences_group_remove (self->form_group, g_ptr_array_index (self->form_rows, i));
  g_ptr_array_set_size (self->form_rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->form_group), drafted && fields->len > 0);
  if (!drafted)
    return;

  for (guint i = 0; i < fields->len; i++)
    {
      const RvProviderField *field = g_ptr_array_index (fields, i);
      GtkWidget *row = adw_action_row_new ();
      g_autoptr(GString) subtitle = g_string_new (NULL);
      g_autofree char *title = NULL;

      const char *description = field->description;

      if (description == NULL && field->source == RV_FIELD_SOURCE_ACKNOWLEDGEMENT)
        description = rv_provider_find_acknowledgement (provider, field->id)->description;
      if (description != NULL)
        g_string_append (subtitle, rv_provider_gettext (description));
      if (field->type == RV_FIELD_CHECKBOX)
        {
          const char *option = field->source == RV_FIELD_SOURCE_ACKNOWLEDGEMENT
            ? rv_provider_find_acknowledgement (provider, field->id)->text
            : field->option;

          if (subtitle->len > 0)
            g_string_append_c (subtitle, '\n');
          /* Translators: a ticked checkbox of the provider's form, then its text */
          g_string_append_printf (subtitle, _("Ticked: “%s”"), rv_provider_gettext (option));
        }
      title = field->required
        ? g_strdup_printf (_("%s (required)"), rv_provider_gettext (field->label))
        : g_strdup (rv_provider_gettext (field->label));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      adw_preferences_group_add (self->form_group, row);
      g_ptr_array_add (self->form_rows, row);
    }
}

void
rv_assistant_draft_show (RvAssistantDraft     *self,
                         RvProvider           *provider,
                         const RvRequestDraft *draft,
                         const char           *error)
{
  g_autofree char *channel = NULL;
  const char *summary;

  g_return_if_fail (RV_IS_ASSISTANT_DRAFT (self));

  summary = rv_provider_gettext (rv_provider_get_channel_summary (provider));
  if (rv_provider_get_channel_public (provider))
    channel = g_strdup_printf (_("%s This request will be public: it holds no email address "
                                 "or phone number."), summary);
  else
    channel = g_strdup (summary);
  gtk_label_set_text (self->channel_label, channel);
  gtk_label_set_text (self->draft_error_label, error ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->draft_error_label), error != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->title_row), draft != NULL);
  if (draft != NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->title_row), draft->title_label);
      adw_action_row_set_subtitle (self->title_row, draft->title);
    }
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->draft_view),
                            draft ? draft->body : "", -1);
  gtk_button_set_label (self->open_button, open_label (provider));
  show_form (self, provider, draft != NULL);
}

void
rv_assistant_draft_show_error (RvAssistantDraft *self,
                               const char       *message)
{
  g_return_if_fail (RV_IS_ASSISTANT_DRAFT (self));

  gtk_label_set_text (self->draft_error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->draft_error_label), TRUE);
}
