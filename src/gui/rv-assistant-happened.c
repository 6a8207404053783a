/* rv-assistant-happened.c: step 3 of the recovery assistant, what happened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rv-assistant-happened.h"
#include "rv-assistant-rows.h"

struct _RvAssistantHappened
{
  AdwBin                parent_instance;

  AdwPreferencesGroup  *happened_group;
  GtkLabel             *compromise_label;
  GtkTextView          *details_view;

  GtkCheckButton       *happened_checks[RV_HAPPENED_N_KINDS];
};

G_DEFINE_FINAL_TYPE (RvAssistantHappened, rv_assistant_happened, ADW_TYPE_BIN)

static void
happened_toggled_cb (RvAssistantHappened *self)
{
  guint compromise_index = g_bit_nth_lsf (RV_HAPPENED_COMPROMISE, -1);
  gboolean compromise = gtk_check_button_get_active (self->happened_checks[compromise_index]);

  gtk_widget_set_visible (GTK_WIDGET (self->compromise_label), compromise);
}

static void
rv_assistant_happened_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RV_TYPE_ASSISTANT_HAPPENED);

  G_OBJECT_CLASS (rv_assistant_happened_parent_class)->dispose (object);
}

static void
rv_assistant_happened_class_init (RvAssistantHappenedClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rv_assistant_happened_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/RecoveryVault/"
                                                             "rv-assistant-happened.ui");
  gtk_widget_class_bind_template_child (widget_class, RvAssistantHappened, happened_group);
  gtk_widget_class_bind_template_child (widget_class, RvAssistantHappened, compromise_label);
  gtk_widget_class_bind_template_child (widget_class, RvAssistantHappened, details_view);
}

static void
rv_assistant_happened_init (RvAssistantHappened *self)
{
  const char *labels[RV_HAPPENED_N_KINDS] = {
    _("I lost the device or app with my authenticator"),
    _("My recovery codes do not work"),
    _("I never had recovery codes, or I lost them"),
    _("I lost access to the account’s email address"),
    _("Codes or two-factor settings changed without my knowledge"),
  };

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < RV_HAPPENED_N_KINDS; i++)
    {
      g_autofree char *name = g_strdup_printf ("happened-%s", rv_happened_to_string (1 << i));

      self->happened_checks[i] = rv_assistant_add_check_row (self->happened_group, NULL, name,
                                                             labels[i], NULL);
      g_signal_connect_swapped (self->happened_checks[i], "toggled",
                                G_CALLBACK (happened_toggled_cb), self);
    }
}

RvHappened
rv_assistant_happened_get_kinds (RvAssistantHappened *self)
{
  RvHappened kinds = 0;

  g_return_val_if_fail (RV_IS_ASSISTANT_HAPPENED (self), 0);

  for (guint i = 0; i < RV_HAPPENED_N_KINDS; i++)
    if (gtk_check_button_get_active (self->happened_checks[i]))
      kinds |= 1 << i;
  return kinds;
}

char *
rv_assistant_happened_dup_details (RvAssistantHappened *self)
{
  g_return_val_if_fail (RV_IS_ASSISTANT_HAPPENED (self), NULL);

  return rv_assistant_dup_text (self->details_view);
}
