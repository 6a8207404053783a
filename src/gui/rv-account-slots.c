/* rv-account-slots.c: the account list's rows as fixed places
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8's list view keeps no row for a new item: when a search replaces
 * the items, it destroys the ~200 rows it holds and builds new ones, about
 * 100 ms at 10,000 accounts for a keystroke (tests/bench/bench-gui-filter).
 * This model stands between the filtered accounts and the list view: its
 * items are places, slot N showing the model's item N. A change to the
 * model becomes, for the list view, only a change in the number of slots
 * at the end; the slots that stay keep their rows, and "slots-changed"
 * tells which of them now show another item, so that only the rows on
 * screen are re-bound and no hidden row costs anything.
 */
#include "config.h"

#include "rv-account-slots.h"

struct _RvAccountSlot
{
  GObject parent_instance;

  guint   position;
};

G_DEFINE_FINAL_TYPE (RvAccountSlot, rv_account_slot, G_TYPE_OBJECT)

static void
rv_account_slot_class_init (RvAccountSlotClass *klass)
{
}

static void
rv_account_slot_init (RvAccountSlot *self)
{
}

guint
rv_account_slot_get_position (RvAccountSlot *self)
{
  g_return_val_if_fail (RV_IS_ACCOUNT_SLOT (self), 0);

  return self->position;
}

struct _RvAccountSlots
{
  GObject     parent_instance;

  GListModel *model;
  GPtrArray  *slots;      /* of RvAccountSlot, made when first asked for; NULL holes */
  guint       n_model;    /* the model's items */
  guint       limit;      /* slots shown at most */
  guint       n_items;    /* MIN (n_model, limit) */
};

static void rv_account_slots_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RvAccountSlots, rv_account_slots, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      rv_account_slots_list_model_init))

enum {
  SLOTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GType
rv_account_slots_get_item_type (GListModel *list)
{
  return RV_TYPE_ACCOUNT_SLOT;
}

static guint
rv_account_slots_get_n_items (GListModel *list)
{
  return RV_ACCOUNT_SLOTS (list)->n_items;
}

static gpointer
rv_account_slots_get_item (GListModel *list,
                           guint       position)
{
  RvAccountSlots *self = RV_ACCOUNT_SLOTS (list);
  RvAccountSlot *slot;

  if (position >= self->n_items)
    return NULL;
  if (position >= self->slots->len)
    g_ptr_array_set_size (self->slots, position + 1);
  slot = g_ptr_array_index (self->slots, position);
  if (slot == NULL)
    {
      slot = g_object_new (RV_TYPE_ACCOUNT_SLOT, NULL);
      slot->position = position;
      g_ptr_array_index (self->slots, position) = slot;
    }
  return g_object_ref (slot);
}

static void
rv_account_slots_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = rv_account_slots_get_item_type;
  iface->get_n_items = rv_account_slots_get_n_items;
  iface->get_item = rv_account_slots_get_item;
}

static void
update_n_items (RvAccountSlots *self,
                guint           changed_from)
{
  guint old_n = self->n_items;
  guint new_n = MIN (self->n_model, self->limit);
  guint kept = MIN (old_n, new_n);

  self->n_items = new_n;
  /* First the rows that stay, then the ones that come or go at the end. */
  if (changed_from < kept)
    g_signal_emit (self, signals[SLOTS_CHANGED], 0, changed_from, kept - changed_from);
  if (old_n != new_n)
    g_list_model_items_changed (G_LIST_MODEL (self), kept, old_n - kept, new_n - kept);
}

static void
model_changed_cb (GListModel     *model,
                  guint           position,
                  guint           removed,
                  guint           added,
                  RvAccountSlots *self)
{
  self->n_model = self->n_model - removed + added;
  update_n_items (self, position);
}

RvAccountSlots *
rv_account_slots_new (GListModel *model)
{
  RvAccountSlots *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (RV_TYPE_ACCOUNT_SLOTS, NULL);
  self->model = g_object_ref (model);
  self->limit = G_MAXUINT;
  self->n_model = self->n_items = g_list_model_get_n_items (model);
  g_signal_connect (model, "items-changed", G_CALLBACK (model_changed_cb), self);
  return self;
}

GListModel *
rv_account_slots_get_model (RvAccountSlots *self)
{
  g_return_val_if_fail (RV_IS_ACCOUNT_SLOTS (self), NULL);

  return self->model;
}

/* At most @limit slots (G_MAXUINT: as many as the model has items): GTK
 * 4.8 builds a row for each of the first 200 slots at once, so the list
 * starts with a screenful and grows over the next frames. */
void
rv_account_slots_set_limit (RvAccountSlots *self,
                            guint           limit)
{
  g_return_if_fail (RV_IS_ACCOUNT_SLOTS (self));

  if (self->limit == limit)
    return;
  self->limit = limit;
  update_n_items (self, G_MAXUINT);
}

guint
rv_account_slots_get_limit (RvAccountSlots *self)
{
  g_return_val_if_fail (RV_IS_ACCOUNT_SLOTS (self), 0);

  return self->limit;
}

/* Whether the model has items past the limit. */
gboolean
rv_account_slots_is_limited (RvAccountSlots *self)
{
  g_return_val_if_fail (RV_IS_ACCOUNT_SLOTS (self), FALSE);

  return self->n_model > self->limit;
}

gpointer
rv_account_slots_dup_item (RvAccountSlots *self,
                           RvAccountSlot  *slot)
{
  g_return_val_if_fail (RV_IS_ACCOUNT_SLOTS (self), NULL);
  g_return_val_if_fail (RV_IS_ACCOUNT_SLOT (slot), NULL);

  return g_list_model_get_item (self->model, slot->position);
}

static void
rv_account_slots_dispose (GObject *object)
{
  RvAccountSlots *self = RV_ACCOUNT_SLOTS (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, model_changed_cb, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (rv_account_slots_parent_class)->dispose (object);
}

static void
rv_account_slots_finalize (GObject *object)
{
  RvAccountSlots *self = RV_ACCOUNT_SLOTS (object);

  g_ptr_array_unref (self->slots);

  G_OBJECT_CLASS (rv_account_slots_parent_class)->finalize (object);
}

static void
rv_account_slots_class_init (RvAccountSlotsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rv_account_slots_dispose;
  object_class->finalize = rv_account_slots_finalize;

  /**
   * RvAccountSlots::slots-changed:
   * @position: the first slot
   * @n: how many
   *
   * Slots [@position, @position + @n) show other items than before (the
   * list view is not told: their rows stay and are to be re-bound).
   */
  signals[SLOTS_CHANGED] = g_signal_new ("slots-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
clear_slot (gpointer slot)
{
  if (slot != NULL)
    g_object_unref (slot);
}

static void
rv_account_slots_init (RvAccountSlots *self)
{
  self->slots = g_ptr_array_new_with_free_func (clear_slot);
}
