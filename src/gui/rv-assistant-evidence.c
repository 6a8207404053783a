/* rv-assistant-evidence.c: step 4 of the recovery assistant, what the user
 * can still prove, in the profile's words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rv-assistant-evidence.h"
#include "rv-assistant-rows.h"

struct _RvAssistantEvidence
{
  AdwBin                parent_instance;

  AdwPreferencesGroup  *evidence_group;
  GtkTextView          *evidence_view;

  GPtrArray            *rows;      /* made from the profile */
  GPtrArray            *checks;
};

G_DEFINE_FINAL_TYPE (RvAssistantEvidence, rv_assistant_evidence, ADW_TYPE_BIN)

static void
rv_assistant_evidence_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RV_TYPE_ASSISTANT_EVIDENCE);

  G_OBJECT_CLASS (rv_assistant_evidence_parent_class)->dispose (object);
}

static void
rv_assistant_evidence_finalize (GObject *object)
{
  RvAssistantEvidence *self = RV_ASSISTANT_EVIDENCE (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);

  G_OBJECT_CLASS (rv_assistant_evidence_parent_class)->finalize (object);
}

static void
rv_assistant_evidence_class_init (RvAssistantEvidenceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rv_assistant_evidence_dispose;
  object_class->finalize = rv_assistant_evidence_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/RecoveryVault/"
                                                             "rv-assistant-evidence.ui");
  gtk_widget_class_bind_template_child (widget_class, RvAssistantEvidence, evidence_group);
  gtk_widget_class_bind_template_child (widget_class, RvAssistantEvidence, evidence_view);
}

static void
rv_assistant_evidence_init (RvAssistantEvidence *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->checks = g_ptr_array_new ();
}

void
rv_assistant_evidence_set_provider (RvAssistantEvidence *self,
                                    RvProvider          *provider)
{
  GPtrArray *evidence;
  g_autofree char *description = NULL;

  g_return_if_fail (RV_IS_ASSISTANT_EVIDENCE (self));

  rv_assistant_clear_rows (self->rows);
  g_ptr_array_set_size (self->checks, 0);
  evidence = rv_provider_get_evidence (provider);
  description = g_markup_printf_escaped (_("What %s accepts. Tick what you can still provide."),
                                         rv_provider_get_name (provider));
  adw_preferences_group_set_description (self->evidence_group, description);
  for (guint i = 0; i < evidence->len; i++)
    {
      const RvProviderEvidence *item = g_ptr_array_index (evidence, i);
      g_autofree char *name = g_strdup_printf ("evidence-%s", item->id);
      GtkCheckButton *check =
        rv_assistant_add_check_row (self->evidence_group, self->rows, name,
                                    rv_provider_gettext (item->label),
                                    rv_provider_gettext (item->description));

      g_object_set_data_full (G_OBJECT (check), "rv-id", g_strdup (item->id), g_free);
      g_ptr_array_add (self->checks, check);
    }
}

GStrv
rv_assistant_evidence_dup_ticked (RvAssistantEvidence *self)
{
  g_return_val_if_fail (RV_IS_ASSISTANT_EVIDENCE (self), NULL);

  return rv_assistant_dup_ticked_ids (self->checks);
}

char *
rv_assistant_evidence_dup_details (RvAssistantEvidence *self)
{
  g_return_val_if_fail (RV_IS_ASSISTANT_EVIDENCE (self), NULL);

  return rv_assistant_dup_text (self->evidence_view);
}
