/* rv-account-slots.h: the account list's rows as fixed places
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RV_TYPE_ACCOUNT_SLOT (rv_account_slot_get_type ())
G_DECLARE_FINAL_TYPE (RvAccountSlot, rv_account_slot, RV, ACCOUNT_SLOT, GObject)

guint           rv_account_slot_get_position (RvAccountSlot *self);

#define RV_TYPE_ACCOUNT_SLOTS (rv_account_slots_get_type ())
G_DECLARE_FINAL_TYPE (RvAccountSlots, rv_account_slots, RV, ACCOUNT_SLOTS, GObject)

RvAccountSlots *rv_account_slots_new         (GListModel     *model);
GListModel     *rv_account_slots_get_model   (RvAccountSlots *self);
void            rv_account_slots_set_limit   (RvAccountSlots *self,
                                              guint           limit);
guint           rv_account_slots_get_limit   (RvAccountSlots *self);
gboolean        rv_account_slots_is_limited  (RvAccountSlots *self);
/* The item @slot shows now (transfer full), or NULL past the end. */
gpointer        rv_account_slots_dup_item    (RvAccountSlots *self,
                                              RvAccountSlot  *slot);

G_END_DECLS
