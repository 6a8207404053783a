/* rv-a11y.c: accessible names GTK 4.8 gets wrong, put right for every widget
 *
 * GTK 4.8 names a button with a text label twice: its "label" accessible
 * property holds the raw text, mnemonic underscore included, and the button
 * is also "labelled by" its label child, so a screen reader reads
 * "_Create Vault Create Vault". An icon-only button without an explicit
 * label (the peek button of a password row, for one) is named after the class
 * of its child, "GtkImage". Both come from GTK and libadwaita internals, in
 * every screen: one hook on "map" puts them right for every button, ours and
 * the toolkit's, instead of a fix per .ui file that the next button forgets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rv-a11y.h"

static void
label_changed_cb (GtkButton *button)
{
  rv_a11y_fix_button (button);
}

void
rv_a11y_fix_button (GtkButton *button)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (button);
  GtkWidget *child = gtk_button_get_child (button);

  if (!g_object_get_data (G_OBJECT (button), "rv-a11y-watched"))
    {
      g_object_set_data (G_OBJECT (button), "rv-a11y-watched", GINT_TO_POINTER (TRUE));
      g_signal_connect (button, "notify::label", G_CALLBACK (label_changed_cb), NULL);
      g_signal_connect (button, "notify::tooltip-text", G_CALLBACK (label_changed_cb), NULL);
    }

  if (gtk_button_get_label (button) != NULL && GTK_IS_LABEL (child))
    {
      /* The "labelled by" relation to the child label names it (without the
       * underscore); the raw property only doubles it. */
      gtk_accessible_reset_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL);
      return;
    }

  if (gtk_button_get_label (button) == NULL &&
      gtk_widget_get_tooltip_text (GTK_WIDGET (button)) != NULL &&
      (GTK_IS_IMAGE (child) || child == NULL) &&
      !gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL))
    {
      /* The tooltip is what a sighted user reads: the name, not a class name. */
      gtk_accessible_update_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gtk_widget_get_tooltip_text (GTK_WIDGET (button)), -1);
    }
}

static gboolean
map_hook (GSignalInvocationHint *hint,
          guint                  n_values,
          const GValue          *values,
          gpointer               user_data)
{
  GObject *object = g_value_get_object (&values[0]);

  if (GTK_IS_BUTTON (object))
    rv_a11y_fix_button (GTK_BUTTON (object));
  return TRUE;
}

void
rv_a11y_install (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      /* Signals exist once their class does. */
      g_type_class_unref (g_type_class_ref (GTK_TYPE_BUTTON));
      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0,
                                  map_hook, NULL, NULL);
      g_once_init_leave (&installed, 1);
    }
}
