/* rv-assistant-rows.h: rows the steps of the recovery assistant build from
 * a provider profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A row for a profile string: never markup, whatever the profile holds. */
AdwActionRow    *rv_assistant_make_row       (const char          *title,
                                              const char          *subtitle);
/* A row with a check box in @group; the check carries @title as its
 * accessible name and @name as its widget name (tests find it by that).
 * With @rows, the row is added to it, for rv_assistant_clear_rows(). */
GtkCheckButton  *rv_assistant_add_check_row  (AdwPreferencesGroup *group,
                                              GPtrArray           *rows,
                                              const char          *name,
                                              const char          *title,
                                              const char          *subtitle);
/* Adds @row to @group and to @rows. */
void             rv_assistant_add_row        (AdwPreferencesGroup *group,
                                              GPtrArray           *rows,
                                              AdwActionRow        *row);
/* Removes the rows of @rows from their groups and empties @rows. */
void             rv_assistant_clear_rows     (GPtrArray           *rows);
/* The "rv-id" of each active check of @checks, NULL-terminated. */
GStrv            rv_assistant_dup_ticked_ids (GPtrArray           *checks);
/* The text of @view, stripped. */
char            *rv_assistant_dup_text       (GtkTextView         *view);

G_END_DECLS
