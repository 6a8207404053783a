/* rv-account-list.c: the searchable list of accounts with their codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkListView only creates rows for what is on screen and recycles them,
 * so 10,000 accounts cost 10,000 model items and a screenful of widgets.
 * The list view shows places (RvAccountSlots) rather than the filtered
 * accounts themselves, so that a keystroke re-binds the rows on screen
 * instead of GTK destroying and building them; of the ~200 rows GTK keeps,
 * only those in view are re-bound at once, the others once typing pauses
 * or as a scroll brings them into view. Filtering 10,000 accounts
 * at once (folded keys kept on the accounts) takes a few milliseconds (see
 * tests/bench/bench-gui-filter.c) and shows the final result at once;
 * larger vaults filter incrementally so a keystroke never blocks.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rv-account-list.h"
#include "rv-account-row.h"
#include "rv-account-filter.h"
#include "rv-account-slots.h"
#include "rv-health-banner.h"
#include "rv-status-icon.h"
#include "rv-util.h"

struct _RvAccountList
{
  AdwBin              parent_instance;

  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  RvHealthBanner     *health_banner;
  GtkStack           *content_stack;
  GtkListView        *list_view;
  AdwStatusPage      *empty_page;
  AdwStatusPage      *no_results_page;

  RvVault            *vault;
  RvAccountFilter    *filter;
  GtkFilterListModel *filter_model;
  RvAccountSlots     *slots;
  GHashTable         *bound_rows;       /* RvAccountRow -> its RvAccountSlot */
  GHashTable         *stale_rows;       /* bound rows off screen, re-bound later */
  GPtrArray          *spare_rows;       /* rows of destroyed list items, for new ones */
  GHashTable         *item_rows;        /* GtkListItem -> its row (a reference) */
  guint               rebind_idle_id;
  gint64              stale_since;      /* the last change that left rows stale */
  guint               rebind_delay_ms;  /* STALE_DELAY_MS */
  GtkAdjustment      *vadjustment;
  double              row_pitch;        /* px from one row to the next, 0 if unknown */
  guint               grow_tick_id;
  guint               focus_tick_id;    /* rv_account_list_focus_first_row, waiting for rows */
  guint               focus_ticks;
  gboolean            grow_started;     /* the first frame after a change shows it as is */
  guint               health_idle_id;

  gboolean            search_mode;
};

G_DEFINE_FINAL_TYPE (RvAccountList, rv_account_list, ADW_TYPE_BIN)

#define INCREMENTAL_FILTER_ABOVE 20000
/* GTK 4.8 keeps about 200 rows around the visible ones. */
#define MAX_SPARE_ROWS 256
/* Rows bound at once beyond the ones in view, for a scroll already under
 * way. */
#define MARGIN_ROWS 3
/* The rows off screen show their new account once typing pauses this long
 * (or as they scroll into view), a few per idle, so that a keystroke's
 * frame only lays out the rows the user sees. */
#define STALE_DELAY_MS 150
#define REBIND_PER_IDLE 12
/* A list that gets longer starts with a screenful of slots and grows by a
 * step per frame until past GTK 4.8's ~200 rows, then shows all. */
#define MIN_FIRST_ROWS 16
#define MIN_ROW_HEIGHT 50     /* style.css: .account-row { min-height: 50px } */
#define GROW_ROWS 32
#define ALL_ROWS_FROM 256

static gboolean health_idle_cb (gpointer user_data);

enum {
  PROP_0,
  PROP_VAULT,
  PROP_SEARCH_MODE,
  N_PROPS
};

enum {
  ACCOUNT_ACTIVATED,
  ACCOUNT_DETAILS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
rv_account_list_new (void)
{
  return g_object_new (RV_TYPE_ACCOUNT_LIST, NULL);
}

static void
update_content_page (RvAccountList *self)
{
  const char *page = "list";

  if (self->vault != NULL &&
      g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0 &&
      gtk_filter_list_model_get_pending (self->filter_model) == 0)
    {
      GListModel *all = rv_vault_get_accounts (self->vault);

      page = g_list_model_get_n_items (all) == 0 ? "empty" : "no-results";
    }

  gtk_stack_set_visible_child_name (self->content_stack, page);
}

static GtkFilterChange
compare_queries (const char *old_query,
                 const char *new_query)
{
  if (old_query == NULL || *old_query == '\0')
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (new_query == NULL || *new_query == '\0')
    return GTK_FILTER_CHANGE_LESS_STRICT;
  if (strstr (new_query, old_query) != NULL)
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (strstr (old_query, new_query) != NULL)
    return GTK_FILTER_CHANGE_LESS_STRICT;
  return GTK_FILTER_CHANGE_DIFFERENT;
}

static void
scroll_to_top (RvAccountList *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));

  if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
  if (adjustment != NULL)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

/* The row widget shown at the top (GTK 4.8 has no API to focus an item by
 * position; the search starts the list at the top). */
static gboolean
focus_first_row (RvAccountList *self)
{
  GtkWidget *best = NULL;
  float best_y = G_MAXFLOAT;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (!gtk_widget_get_mapped (child) || !gtk_widget_get_focusable (child) ||
          !gtk_widget_compute_bounds (child, GTK_WIDGET (self->list_view), &bounds))
        continue;
      if (bounds.origin.y + bounds.size.height > 0 && bounds.origin.y < best_y)
        {
          best = child;
          best_y = bounds.origin.y;
        }
    }

  return best != NULL && gtk_widget_grab_focus (best);
}

#define FOCUS_MAX_FRAMES 10

static gboolean
focus_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  RvAccountList *self = user_data;

  if (!focus_first_row (self) && ++self->focus_ticks < FOCUS_MAX_FRAMES)
    return G_SOURCE_CONTINUE;
  self->focus_tick_id = 0;
  return G_SOURCE_REMOVE;
}

/**
 * rv_account_list_focus_first_row:
 *
 * Puts the keyboard focus on the row at the top, so that Enter copies its
 * code. A list just given its vault has no rows yet: they are made in the
 * next frame's layout, and the focus follows then (otherwise GTK would
 * give it to the window's first button).
 */
void
rv_account_list_focus_first_row (RvAccountList *self)
{
  g_return_if_fail (RV_IS_ACCOUNT_LIST (self));

  if (focus_first_row (self))
    return;
  self->focus_ticks = 0;
  if (self->focus_tick_id == 0)
    self->focus_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view),
                                                        focus_tick_cb, self, NULL);
}

/* Down from the search goes to the first result, not to whatever
 * widget comes next (the health banner). */
static gboolean
search_key_cb (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               RvAccountList         *self)
{
  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0)
    return FALSE;

  return focus_first_row (self);
}

static gboolean
grow_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  RvAccountList *self = user_data;
  guint limit = rv_account_slots_get_limit (self->slots);

  if (!self->grow_started)
    {
      self->grow_started = TRUE;
      return G_SOURCE_CONTINUE;
    }
  if (!rv_account_slots_is_limited (self->slots) || limit >= ALL_ROWS_FROM - GROW_ROWS)
    limit = G_MAXUINT;
  else
    limit += GROW_ROWS;
  rv_account_slots_set_limit (self->slots, limit);
  if (limit != G_MAXUINT)
    return G_SOURCE_CONTINUE;
  self->grow_tick_id = 0;
  return G_SOURCE_REMOVE;
}

/* Before a change that may lengthen the list: new rows come a screenful
 * at a time. */
static void
start_growing (RvAccountList *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->slots));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self->list_view));
  guint screenful;

  /* Not shown yet (the window shows the unlock page): as tall as the
   * window (its default size until first laid out), or as the screen
   * could be. Each row made costs about 1 ms of the first frame. */
  if (height <= 0 && GTK_IS_WINDOW (root))
    {
      height = gtk_widget_get_height (GTK_WIDGET (root));
      if (height <= 0)
        {
          int width;     /* GTK 4.8 takes no NULL here */

          gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);
        }
    }
  screenful = height > 0 ? (guint) height / MIN_ROW_HEIGHT + 2 : 2 * MIN_FIRST_ROWS;

  rv_account_slots_set_limit (self->slots, MAX (MAX (MIN_FIRST_ROWS, screenful), shown));
  self->grow_started = FALSE;
  if (self->grow_tick_id == 0)
    self->grow_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view),
                                                       grow_tick_cb, self, NULL);
}

void
rv_account_list_set_search_text (RvAccountList *self,
                                 const char    *text)
{
  g_autofree char *folded = NULL;
  const char *query;
  GtkFilterChange change;

  g_return_if_fail (RV_IS_ACCOUNT_LIST (self));

  folded = text != NULL && *text != '\0' ? g_utf8_casefold (text, -1) : NULL;
  query = rv_account_filter_get_query (self->filter);
  if (g_strcmp0 (folded, query) == 0)
    return;

  change = compare_queries (query, folded);
  if (change != GTK_FILTER_CHANGE_MORE_STRICT)
    start_growing (self);
  rv_account_filter_set_query (self->filter, folded, change);
  update_content_page (self);

  /* A new or cleared search starts at the top, not where the list was. */
  scroll_to_top (self);
}

static void
search_changed_cb (RvAccountList  *self,
                   GtkSearchEntry *entry)
{
  rv_account_list_set_search_text (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
search_activate_cb (RvAccountList  *self,
                    GtkSearchEntry *entry)
{
  /* Enter in the search copies the first match: search, Enter, paste. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
    rv_account_list_activate_position (self, 0);
}

static void
stop_search_cb (RvAccountList  *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

void
rv_account_list_activate_position (RvAccountList *self,
                                   guint          position)
{
  g_autoptr(RvAccount) account = NULL;

  g_return_if_fail (RV_IS_ACCOUNT_LIST (self));

  account = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);
  if (account != NULL)
    g_signal_emit (self, signals[ACCOUNT_ACTIVATED], 0, account);
}

static void
list_activate_cb (RvAccountList *self,
                  guint          position,
                  GtkListView   *list_view)
{
  rv_account_list_activate_position (self, position);
}

void
rv_account_list_refresh_health (RvAccountList *self,
                                guint          max_backup_age_days)
{
  g_return_if_fail (RV_IS_ACCOUNT_LIST (self));

  g_object_set (self->health_banner, "max-backup-age-days", max_backup_age_days, NULL);
  if (rv_health_banner_get_vault (self->health_banner) != NULL)
    rv_health_banner_refresh (self->health_banner);
}

gboolean
rv_account_list_get_health_shown (RvAccountList *self)
{
  g_return_val_if_fail (RV_IS_ACCOUNT_LIST (self), FALSE);

  if (self->health_idle_id != 0)
    health_idle_cb (self);

  return rv_health_banner_get_title (self->health_banner) != NULL;
}

/* Building a row and destroying one cost far more than binding it: rows of
 * list items GTK destroys (when a search shortens the list) wait here for
 * the list items it makes when the list grows again. GTK 4.8 has taken the
 * row off the list item by the time of "teardown": item_rows keeps a
 * reference to each. */
static void
setup_cb (GtkListItemFactory *factory,
          GtkListItem        *item,
          RvAccountList      *self)
{
  GtkWidget *row;

  if (self->spare_rows != NULL && self->spare_rows->len > 0)
    row = g_ptr_array_steal_index_fast (self->spare_rows, self->spare_rows->len - 1);
  else
    row = g_object_ref_sink (rv_account_row_new ());
  gtk_list_item_set_child (item, row);
  g_hash_table_insert (self->item_rows, item, row);
}

static void
teardown_cb (GtkListItemFactory *factory,
             GtkListItem        *item,
             RvAccountList      *self)
{
  GtkWidget *row = NULL;

  if (!g_hash_table_steal_extended (self->item_rows, item, NULL, (gpointer *) &row))
    return;
  if (gtk_widget_get_parent (row) != NULL)
    gtk_list_item_set_child (item, NULL);
  if (self->spare_rows != NULL && self->spare_rows->len < MAX_SPARE_ROWS)
    g_ptr_array_add (self->spare_rows, row);
  else
    g_object_unref (row);
}

static gboolean row_on_screen (RvAccountList *self,
                               GtkWidget     *row,
                               guint          position);
static void schedule_rebind (RvAccountList *self);

static void
bind_cb (GtkListItemFactory *factory,
         GtkListItem        *item,
         RvAccountList      *self)
{
  RvAccountRow *row = RV_ACCOUNT_ROW (gtk_list_item_get_child (item));
  RvAccountSlot *slot = gtk_list_item_get_item (item);
  g_autoptr(RvAccount) account = NULL;

  g_hash_table_insert (self->bound_rows, row, slot);
  /* Of the ~200 rows GTK binds around the visible ones, the ones off
   * screen are filled after the frame. */
  if (!row_on_screen (self, GTK_WIDGET (row), rv_account_slot_get_position (slot)))
    {
      g_hash_table_add (self->stale_rows, row);
      schedule_rebind (self);
      return;
    }
  account = rv_account_slots_dup_item (self->slots, slot);
  rv_account_row_set_account (row, account, rv_now ());
}

static void
unbind_cb (GtkListItemFactory *factory,
           GtkListItem        *item,
           RvAccountList      *self)
{
  RvAccountRow *row = RV_ACCOUNT_ROW (gtk_list_item_get_child (item));

  g_hash_table_remove (self->bound_rows, row);
  g_hash_table_remove (self->stale_rows, row);
  rv_account_row_set_account (row, NULL, 0);
}

static void
rebind_row (RvAccountList *self,
            RvAccountRow  *row,
            RvAccountSlot *slot,
            gint64         now)
{
  g_autoptr(RvAccount) account = rv_account_slots_dup_item (self->slots, slot);

  if (account != rv_account_row_get_account (row))
    rv_account_row_set_account (row, account, now);
}

static gboolean rebind_timeout_cb (gpointer user_data);

/* Stale rows wait until the last change is STALE_DELAY_MS old, then a few
 * are re-bound per idle: while the user types, nothing off screen is. */
static gboolean
rebind_idle_cb (gpointer user_data)
{
  RvAccountList *self = user_data;
  GHashTableIter iter;
  gpointer row;
  gint64 now = g_get_monotonic_time ();
  gint64 wait = self->stale_since + self->rebind_delay_ms * (gint64) 1000 - now;
  guint done = 0;

  if (wait > 0)
    {
      self->rebind_idle_id = g_timeout_add (wait / 1000 + 1, rebind_timeout_cb, self);
      return G_SOURCE_REMOVE;
    }
  now = rv_now ();
  g_hash_table_iter_init (&iter, self->stale_rows);
  while (done < REBIND_PER_IDLE && g_hash_table_iter_next (&iter, &row, NULL))
    {
      g_hash_table_iter_remove (&iter);
      rebind_row (self, row, g_hash_table_lookup (self->bound_rows, row), now);
      done++;
    }
  if (g_hash_table_size (self->stale_rows) > 0)
    return G_SOURCE_CONTINUE;
  self->rebind_idle_id = 0;
  return G_SOURCE_REMOVE;
}

static gboolean
rebind_timeout_cb (gpointer user_data)
{
  RvAccountList *self = user_data;

  self->rebind_idle_id = g_idle_add (rebind_idle_cb, self);
  return G_SOURCE_REMOVE;
}

static void
schedule_rebind (RvAccountList *self)
{
  self->stale_since = g_get_monotonic_time ();
  if (self->rebind_idle_id == 0)
    self->rebind_idle_id = g_timeout_add (self->rebind_delay_ms, rebind_timeout_cb, self);
}

/* The rows shown now or right after the current change: the top ones (a
 * search scrolls to the top) and those in view. */
static gboolean
row_on_screen (RvAccountList *self,
               GtkWidget     *row,
               guint          position)
{
  GtkAdjustment *adjustment = self->vadjustment;
  double page, height, first, shown;

  if (adjustment == NULL || (page = gtk_adjustment_get_page_size (adjustment)) <= 0)
    return TRUE;
  height = self->row_pitch > 0 ? self->row_pitch : MIN_ROW_HEIGHT;
  shown = page / height + 1;
  if (position < shown + MARGIN_ROWS)
    return TRUE;
  first = (gtk_adjustment_get_value (adjustment) - gtk_adjustment_get_lower (adjustment)) /
          height;
  return position + MARGIN_ROWS >= first && position <= first + shown + MARGIN_ROWS;
}

/* A scroll (by the user, or by the list to the focused row) brings stale
 * rows into view: they show their account before the frame draws them. */
static void
vadjustment_changed_cb (RvAccountList *self)
{
  GHashTableIter iter;
  gpointer row, slot;
  gint64 now;

  if (g_hash_table_size (self->stale_rows) == 0)
    return;
  now = rv_now ();
  g_hash_table_iter_init (&iter, self->stale_rows);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    {
      slot = g_hash_table_lookup (self->bound_rows, row);
      if (row_on_screen (self, row, rv_account_slot_get_position (slot)))
        {
          g_hash_table_iter_remove (&iter);
          rebind_row (self, row, slot, now);
        }
    }
}

/* Rows have one height: the list's height over its rows, whenever the
 * list view lays them out. */
static void
vadjustment_bounds_cb (RvAccountList *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->slots));
  double upper = gtk_adjustment_get_upper (self->vadjustment) -
                 gtk_adjustment_get_lower (self->vadjustment);

  if (n > 0 && upper > 0)
    self->row_pitch = upper / n;
}

static void
set_vadjustment (RvAccountList *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));

  if (self->vadjustment == adjustment)
    return;
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_set_object (&self->vadjustment, adjustment);
  if (adjustment == NULL)
    return;
  g_signal_connect_swapped (adjustment, "changed", G_CALLBACK (vadjustment_bounds_cb), self);
  g_signal_connect_swapped (adjustment, "value-changed",
                            G_CALLBACK (vadjustment_changed_cb), self);
}

/* Another search: the rows on screen show their place's new account at
 * once, the ~200 others GTK keeps around them after the frame. */
static void
slots_changed_cb (RvAccountList  *self,
                  guint           position,
                  guint           n,
                  RvAccountSlots *slots)
{
  GHashTableIter iter;
  gpointer row, slot;
  gint64 now = rv_now ();

  g_hash_table_iter_init (&iter, self->bound_rows);
  while (g_hash_table_iter_next (&iter, &row, &slot))
    {
      guint at = rv_account_slot_get_position (slot);

      if (at < position || at - position >= n)
        continue;
      if (row_on_screen (self, row, at))
        {
          g_hash_table_remove (self->stale_rows, row);
          rebind_row (self, row, slot, now);
        }
      else
        {
          g_hash_table_add (self->stale_rows, row);
        }
    }
  if (g_hash_table_size (self->stale_rows) > 0)
    schedule_rebind (self);
}

void
rv_account_list_update_codes (RvAccountList *self,
                              gint64         now)
{
  GHashTableIter iter;
  gpointer row;

  g_return_if_fail (RV_IS_ACCOUNT_LIST (self));

  g_hash_table_iter_init (&iter, self->bound_rows);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    rv_account_row_update (row, now);
}

guint
rv_account_list_get_n_bound_rows (RvAccountList *self)
{
  g_return_val_if_fail (RV_IS_ACCOUNT_LIST (self), 0);

  return g_hash_table_size (self->bound_rows);
}

void
rv_account_list_set_rebind_delay (RvAccountList *self,
                                  guint          delay_ms)
{
  g_return_if_fail (RV_IS_ACCOUNT_LIST (self));

  self->rebind_delay_ms = delay_ms;
  if (self->rebind_idle_id != 0)
    {
      g_clear_handle_id (&self->rebind_idle_id, g_source_remove);
      self->rebind_idle_id = g_timeout_add (delay_ms, rebind_timeout_cb, self);
    }
}

/* The health check walks every account: after the first frame with codes,
 * not before it. */
static gboolean
health_idle_cb (gpointer user_data)
{
  RvAccountList *self = user_data;

  self->health_idle_id = 0;
  /* The template's children are gone once the list is disposed. */
  if (self->health_banner != NULL)
    rv_health_banner_set_vault (self->health_banner, self->vault);
  return G_SOURCE_REMOVE;
}

RvVault *
rv_account_list_get_vault (RvAccountList *self)
{
  g_return_val_if_fail (RV_IS_ACCOUNT_LIST (self), NULL);

  return self->vault;
}

void
rv_account_list_set_vault (RvAccountList *self,
                           RvVault       *vault)
{
  g_return_if_fail (RV_IS_ACCOUNT_LIST (self));
  g_return_if_fail (!vault || RV_IS_VAULT (vault));

  if (!g_set_object (&self->vault, vault))
    return;

  gtk_filter_list_model_set_incremental (
    self->filter_model,
    vault && g_list_model_get_n_items (rv_vault_get_accounts (vault)) > INCREMENTAL_FILTER_ABOVE);
  if (vault != NULL)
    start_growing (self);
  gtk_filter_list_model_set_model (self->filter_model,
                                   vault ? rv_vault_get_accounts (vault) : NULL);
  g_clear_handle_id (&self->health_idle_id, g_source_remove);
  if (vault != NULL)
    /* The idle holds the list: a list set a vault while it goes away (its
     * window's teardown) must not leave a callback on freed memory. */
    self->health_idle_id = g_idle_add_full (G_PRIORITY_LOW, health_idle_cb, g_object_ref (self),
                                            g_object_unref);
  else if (self->health_banner != NULL)
    rv_health_banner_set_vault (self->health_banner, NULL);
  if (vault == NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_search_bar_set_search_mode (self->search_bar, FALSE);
    }
  update_content_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VAULT]);
}

GListModel *
rv_account_list_get_model (RvAccountList *self)
{
  g_return_val_if_fail (RV_IS_ACCOUNT_LIST (self), NULL);

  return G_LIST_MODEL (self->filter_model);
}

void
rv_account_list_focus_search (RvAccountList *self)
{
  g_return_if_fail (RV_IS_ACCOUNT_LIST (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
rv_account_list_set_key_capture_widget (RvAccountList *self,
                                        GtkWidget     *widget)
{
  g_return_if_fail (RV_IS_ACCOUNT_LIST (self));

  gtk_search_bar_set_key_capture_widget (self->search_bar, widget);
}

static RvAccount *
focused_account (RvAccountList *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus;

  if (focus != NULL && !RV_IS_ACCOUNT_ROW (focus))
    {
      row = gtk_widget_get_ancestor (focus, RV_TYPE_ACCOUNT_ROW);
      /* The focus sits on the list item, which holds the row. */
      if (row == NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view)))
        row = gtk_widget_get_first_child (focus);
    }

  return RV_IS_ACCOUNT_ROW (row) ? rv_account_row_get_account (RV_ACCOUNT_ROW (row)) : NULL;
}

static gboolean
list_key_pressed_cb (RvAccountList         *self,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkEventControllerKey *controller)
{
  RvAccount *account;

  if ((keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter) ||
      (state & GDK_CONTROL_MASK) == 0)
    return GDK_EVENT_PROPAGATE;

  account = focused_account (self);
  if (account == NULL)
    return GDK_EVENT_PROPAGATE;

  g_signal_emit (self, signals[ACCOUNT_DETAILS], 0, account);
  return GDK_EVENT_STOP;
}

static void
filter_pending_cb (RvAccountList *self)
{
  update_content_page (self);
}

static void
rv_account_list_dispose (GObject *object)
{
  RvAccountList *self = RV_ACCOUNT_LIST (object);

  g_clear_handle_id (&self->health_idle_id, g_source_remove);
  g_clear_handle_id (&self->rebind_idle_id, g_source_remove);
  if (self->list_view != NULL)
    g_signal_handlers_disconnect_by_func (self->list_view, set_vadjustment, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->vadjustment);
  if (self->grow_tick_id != 0 && self->list_view != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->grow_tick_id);
  self->grow_tick_id = 0;
  if (self->focus_tick_id != 0 && self->list_view != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->focus_tick_id);
  self->focus_tick_id = 0;
  if (self->filter_model != NULL)
    g_signal_handlers_disconnect_by_data (self->filter_model, self);
  /* No spare rows kept from the list items that go now. */
  g_clear_pointer (&self->spare_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), RV_TYPE_ACCOUNT_LIST);
  if (self->slots != NULL)
    g_signal_handlers_disconnect_by_data (self->slots, self);
  g_clear_object (&self->slots);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->vault);
  g_clear_pointer (&self->bound_rows, g_hash_table_unref);
  g_clear_pointer (&self->stale_rows, g_hash_table_unref);
  g_clear_pointer (&self->item_rows, g_hash_table_unref);

  G_OBJECT_CLASS (rv_account_list_parent_class)->dispose (object);
}

static void
rv_account_list_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RvAccountList *self = RV_ACCOUNT_LIST (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      g_value_set_object (value, self->vault);
      break;
    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, self->search_mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rv_account_list_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RvAccountList *self = RV_ACCOUNT_LIST (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      rv_account_list_set_vault (self, g_value_get_object (value));
      break;
    case PROP_SEARCH_MODE:
      if (self->search_mode != g_value_get_boolean (value))
        {
          self->search_mode = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rv_account_list_class_init (RvAccountListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (RV_TYPE_HEALTH_BANNER);

  object_class->dispose = rv_account_list_dispose;
  object_class->get_property = rv_account_list_get_property;
  object_class->set_property = rv_account_list_set_property;

  properties[PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL, RV_TYPE_VAULT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ACCOUNT_ACTIVATED] = g_signal_new ("account-activated",
                                             G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 1, RV_TYPE_ACCOUNT);
  signals[ACCOUNT_DETAILS] = g_signal_new ("account-details",
                                           G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, RV_TYPE_ACCOUNT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/RecoveryVault/rv-account-list.ui");
  gtk_widget_class_bind_template_child (widget_class, RvAccountList, search_bar);
  gtk_widget_class_bind_template_child (widget_class, RvAccountList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RvAccountList, health_banner);
  gtk_widget_class_bind_template_child (widget_class, RvAccountList, content_stack);
  gtk_widget_class_bind_template_child (widget_class, RvAccountList, list_view);
  gtk_widget_class_bind_template_child (widget_class, RvAccountList, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RvAccountList, no_results_page);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);

}

static void
rv_account_list_init (RvAccountList *self)
{
  GtkListItemFactory *factory;
  GtkEventController *controller;
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));
  rv_status_page_set_icon_when_shown (self->empty_page, "com.example.RecoveryVault-symbolic");
  rv_status_page_set_icon_when_shown (self->no_results_page, "edit-find-symbolic");

  /* The entry sits in a clamp, where the search bar does not find it. */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect (keys, "key-pressed", G_CALLBACK (search_key_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  }

  self->rebind_delay_ms = STALE_DELAY_MS;
  self->bound_rows = g_hash_table_new (NULL, NULL);
  self->stale_rows = g_hash_table_new (NULL, NULL);
  self->spare_rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->item_rows = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->filter = rv_account_filter_new ();
  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  g_signal_connect_swapped (self->filter_model, "notify::pending",
                            G_CALLBACK (filter_pending_cb), self);
  g_signal_connect_swapped (self->filter_model, "items-changed",
                            G_CALLBACK (filter_pending_cb), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
  g_signal_connect (factory, "teardown", G_CALLBACK (teardown_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  self->slots = rv_account_slots_new (G_LIST_MODEL (self->filter_model));
  g_signal_connect_swapped (self->slots, "slots-changed", G_CALLBACK (slots_changed_cb), self);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->slots)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  set_vadjustment (self);
  g_signal_connect_swapped (self->list_view, "notify::vadjustment",
                            G_CALLBACK (set_vadjustment), self);

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (list_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), controller);
}
