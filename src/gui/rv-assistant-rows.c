/* rv-assistant-rows.c: rows the steps of the recovery assistant build from
 * a provider profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rv-assistant-rows.h"
#include "rv-util.h"

AdwActionRow *
rv_assistant_make_row (const char *title,
                       const char *subtitle)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ? title : "");
  if (!rv_str_is_blank (subtitle))
    adw_action_row_set_subtitle (row, subtitle);
  return row;
}

void
rv_assistant_add_row (AdwPreferencesGroup *group,
                      GPtrArray           *rows,
                      AdwActionRow        *row)
{
  adw_preferences_group_add (group, GTK_WIDGET (row));
  if (rows != NULL)
    g_ptr_array_add (rows, row);
}

GtkCheckButton *
rv_assistant_add_check_row (AdwPreferencesGroup *group,
                            GPtrArray           *rows,
                            const char          *name,
                            const char          *title,
                            const char          *subtitle)
{
  AdwActionRow *row = rv_assistant_make_row (title, subtitle);
  GtkWidget *check = gtk_check_button_new ();

  gtk_widget_set_name (check, name);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_prefix (row, check);
  adw_action_row_set_activatable_widget (row, check);
  rv_assistant_add_row (group, rows, row);
  return GTK_CHECK_BUTTON (check);
}

void
rv_assistant_clear_rows (GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (rows, 0);
}

GStrv
rv_assistant_dup_ticked_ids (GPtrArray *checks)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (checks, i);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (check), "rv-id"));
    }
  return g_strv_builder_end (builder);
}

char *
rv_assistant_dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}
