/* rv-assistant-next.c: step 7 of the recovery assistant, what to expect
 * next, and the record of the request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rv-assistant-next.h"
#include "rv-assistant-rows.h"
#include "rv-util.h"

#define FOLLOW_UP_DAYS 7

struct _RvAssistantNext
{
  AdwBin                parent_instance;

  AdwPreferencesGroup  *next_group;
  AdwPreferencesGroup  *after_group;
  AdwEntryRow          *ticket_row;
  AdwEntryRow          *follow_up_row;
  AdwActionRow         *record_row;
  GtkButton            *record_button;

  GPtrArray            *rows;      /* made from the profile */
};

G_DEFINE_FINAL_TYPE (RvAssistantNext, rv_assistant_next, ADW_TYPE_BIN)

static void
rv_assistant_next_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RV_TYPE_ASSISTANT_NEXT);

  G_OBJECT_CLASS (rv_assistant_next_parent_class)->dispose (object);
}

static void
rv_assistant_next_finalize (GObject *object)
{
  RvAssistantNext *self = RV_ASSISTANT_NEXT (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (rv_assistant_next_parent_class)->finalize (object);
}

static void
rv_assistant_next_class_init (RvAssistantNextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rv_assistant_next_dispose;
  object_class->finalize = rv_assistant_next_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/RecoveryVault/"
                                                             "rv-assistant-next.ui");
  gtk_widget_class_bind_template_child (widget_class, RvAssistantNext, next_group);
  gtk_widget_class_bind_template_child (widget_class, RvAssistantNext, after_group);
  gtk_widget_class_bind_template_child (widget_class, RvAssistantNext, ticket_row);
  gtk_widget_class_bind_template_child (widget_class, RvAssistantNext, follow_up_row);
  gtk_widget_class_bind_template_child (widget_class, RvAssistantNext, record_row);
  gtk_widget_class_bind_template_child (widget_class, RvAssistantNext, record_button);
}

static void
rv_assistant_next_init (RvAssistantNext *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

static void
add_list_rows (RvAssistantNext     *self,
               AdwPreferencesGroup *group,
               const char * const  *items,
               const char          *icon)
{
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      AdwActionRow *row = rv_assistant_make_row (rv_provider_gettext (items[i]), NULL);

      if (icon != NULL)
        adw_action_row_add_prefix (row, gtk_image_new_from_icon_name (icon));
      rv_assistant_add_row (group, self->rows, row);
    }
}

void
rv_assistant_next_set_provider (RvAssistantNext *self,
                                RvProvider      *provider)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, FOLLOW_UP_DAYS);
  g_autofree char *date = g_date_time_format (later, "%Y-%m-%d");

  g_return_if_fail (RV_IS_ASSISTANT_NEXT (self));

  rv_assistant_clear_rows (self->rows);
  rv_assistant_add_row (self->next_group, self->rows,
                        rv_assistant_make_row (_("Timing"),
                                               rv_provider_gettext (rv_provider_get_timing (provider))));
  add_list_rows (self, self->next_group, rv_provider_get_next_steps (provider), NULL);
  add_list_rows (self, self->next_group, rv_provider_get_warnings (provider),
                 "dialog-warning-symbolic");
  add_list_rows (self, self->after_group, rv_provider_get_after_recovery (provider), NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->follow_up_row), date);
}

const char *
rv_assistant_next_get_ticket (RvAssistantNext *self)
{
  const char *ticket;

  g_return_val_if_fail (RV_IS_ASSISTANT_NEXT (self), NULL);

  ticket = gtk_editable_get_text (GTK_EDITABLE (self->ticket_row));
  return rv_str_is_blank (ticket) ? NULL : ticket;
}

const char *
rv_assistant_next_get_follow_up (RvAssistantNext *self)
{
  g_return_val_if_fail (RV_IS_ASSISTANT_NEXT (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->follow_up_row));
}

void
rv_assistant_next_set_status (RvAssistantNext *self,
                              const char      *status)
{
  g_return_if_fail (RV_IS_ASSISTANT_NEXT (self));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->record_row), status);
}
