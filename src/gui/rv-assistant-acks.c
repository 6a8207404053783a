/* rv-assistant-acks.c: step 5 of the recovery assistant, the provider's
 * required acknowledgements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rv-assistant-acks.h"
#include "rv-assistant-rows.h"

struct _RvAssistantAcks
{
  AdwBin                parent_instance;

  AdwPreferencesGroup  *ack_group;

  GPtrArray            *rows;      /* made from the profile */
  GPtrArray            *checks;
};

G_DEFINE_FINAL_TYPE (RvAssistantAcks, rv_assistant_acks, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toggled_cb (RvAssistantAcks *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
rv_assistant_acks_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RV_TYPE_ASSISTANT_ACKS);

  G_OBJECT_CLASS (rv_assistant_acks_parent_class)->dispose (object);
}

static void
rv_assistant_acks_finalize (GObject *object)
{
  RvAssistantAcks *self = RV_ASSISTANT_ACKS (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);

  G_OBJECT_CLASS (rv_assistant_acks_parent_class)->finalize (object);
}

static void
rv_assistant_acks_class_init (RvAssistantAcksClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rv_assistant_acks_dispose;
  object_class->finalize = rv_assistant_acks_finalize;

  /**
   * RvAssistantAcks::changed:
   *
   * An acknowledgement was ticked or unticked.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/RecoveryVault/"
                                                             "rv-assistant-acks.ui");
  gtk_widget_class_bind_template_child (widget_class, RvAssistantAcks, ack_group);
}

static void
rv_assistant_acks_init (RvAssistantAcks *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->checks = g_ptr_array_new ();
}

/* The text the user agrees to, one click away. */
static void
add_read_link (GtkCheckButton      *check,
               const RvProviderAck *ack)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (check), ADW_TYPE_ACTION_ROW);
  GtkWidget *link = gtk_link_button_new_with_label (ack->url, _("Read"));
  g_autofree char *label = g_strdup_printf (_("Read “%s”"), rv_provider_gettext (ack->text));

  gtk_widget_set_valign (link, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (link, ack->url);
  gtk_accessible_update_property (GTK_ACCESSIBLE (link), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), link);
}

void
rv_assistant_acks_set_provider (RvAssistantAcks *self,
                                RvProvider      *provider)
{
  GPtrArray *acks;
  g_autofree char *description = NULL;

  g_return_if_fail (RV_IS_ASSISTANT_ACKS (self));

  rv_assistant_clear_rows (self->rows);
  g_ptr_array_set_size (self->checks, 0);
  acks = rv_provider_get_acknowledgements (provider);
  if (acks->len == 0)
    description = g_markup_printf_escaped (_("%s asks for no acknowledgement."),
                                           rv_provider_get_name (provider));
  else
    description = g_markup_printf_escaped (_("%s requires these. Tick each one to go on."),
                                           rv_provider_get_name (provider));
  adw_preferences_group_set_description (self->ack_group, description);

  for (guint i = 0; i < acks->len; i++)
    {
      const RvProviderAck *ack = g_ptr_array_index (acks, i);
      g_autofree char *name = g_strdup_printf ("ack-%s", ack->id);
      const char *text = ack->description ? rv_provider_gettext (ack->description) : NULL;
      GtkCheckButton *check = rv_assistant_add_check_row (self->ack_group, self->rows, name,
                                                          rv_provider_gettext (ack->text), text);

      if (ack->url != NULL)
        add_read_link (check, ack);
      g_object_set_data_full (G_OBJECT (check), "rv-id", g_strdup (ack->id), g_free);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (toggled_cb), self);
      g_ptr_array_add (self->checks, check);
    }
}

gboolean
rv_assistant_acks_is_complete (RvAssistantAcks *self)
{
  g_return_val_if_fail (RV_IS_ASSISTANT_ACKS (self), FALSE);

  for (guint i = 0; i < self->checks->len; i++)
    if (!gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      return FALSE;
  return TRUE;
}

GStrv
rv_assistant_acks_dup_ticked (RvAssistantAcks *self)
{
  g_return_val_if_fail (RV_IS_ASSISTANT_ACKS (self), NULL);

  return rv_assistant_dup_ticked_ids (self->checks);
}
