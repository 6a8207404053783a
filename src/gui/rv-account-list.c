/* rv-account-list.c: the searchable list of accounts with their codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkListView only creates rows for what is on screen and recycles them,
 * so 10,000 accounts cost 10,000 model items and a screenful of widgets.
 * Filtering 10,000 accounts at once takes about a frame (see
 * tests/bench/bench-gui-filter.c) and shows the final result at once;
 * larger vaults filter incrementally so a keystroke never blocks.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rv-account-list.h"
#include "rv-account-row.h"
#include "rv-health-banner.h"
#include "rv-util.h"

struct _RvAccountList
{
  AdwBin              parent_instance;

  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  RvHealthBanner     *health_banner;
  GtkStack           *content_stack;
  GtkListView        *list_view;

  RvVault            *vault;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filter_model;
  GHashTable         *bound_rows;
  char               *query;
  guint               health_idle_id;

  gboolean            search_mode;
};

G_DEFINE_FINAL_TYPE (RvAccountList, rv_account_list, ADW_TYPE_BIN)

#define INCREMENTAL_FILTER_ABOVE 20000

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

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  RvAccountList *self = user_data;

  return rv_account_matches (item, self->query);
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

void
rv_account_list_set_search_text (RvAccountList *self,
                                 const char    *text)
{
  g_autofree char *folded = NULL;
  GtkFilterChange change;

  g_return_if_fail (RV_IS_ACCOUNT_LIST (self));

  folded = text != NULL && *text != '\0' ? g_utf8_casefold (text, -1) : NULL;
  if (g_strcmp0 (folded, self->query) == 0)
    return;

  change = compare_queries (self->query, folded);
  g_free (self->query);
  self->query = g_steal_pointer (&folded);
  gtk_filter_changed (GTK_FILTER (self->filter), change);
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

static void
setup_cb (GtkListItemFactory *factory,
          GtkListItem        *item,
          RvAccountList      *self)
{
  gtk_list_item_set_child (item, rv_account_row_new ());
}

static void
bind_cb (GtkListItemFactory *factory,
         GtkListItem        *item,
         RvAccountList      *self)
{
  RvAccountRow *row = RV_ACCOUNT_ROW (gtk_list_item_get_child (item));

  rv_account_row_set_account (row, gtk_list_item_get_item (item),
                              rv_now ());
  g_hash_table_add (self->bound_rows, row);
}

static void
unbind_cb (GtkListItemFactory *factory,
           GtkListItem        *item,
           RvAccountList      *self)
{
  RvAccountRow *row = RV_ACCOUNT_ROW (gtk_list_item_get_child (item));

  g_hash_table_remove (self->bound_rows, row);
  rv_account_row_set_account (row, NULL, 0);
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
  gtk_filter_list_model_set_model (self->filter_model,
                                   vault ? rv_vault_get_accounts (vault) : NULL);
  g_clear_handle_id (&self->health_idle_id, g_source_remove);
  if (vault != NULL)
    self->health_idle_id = g_idle_add_full (G_PRIORITY_LOW, health_idle_cb, self, NULL);
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
  if (self->filter_model != NULL)
    g_signal_handlers_disconnect_by_data (self->filter_model, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), RV_TYPE_ACCOUNT_LIST);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->vault);
  g_clear_pointer (&self->bound_rows, g_hash_table_unref);
  g_clear_pointer (&self->query, g_free);

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

  /* The entry sits in a clamp, where the search bar does not find it. */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect (keys, "key-pressed", G_CALLBACK (search_key_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  }

  self->bound_rows = g_hash_table_new (NULL, NULL);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  g_signal_connect_swapped (self->filter_model, "notify::pending",
                            G_CALLBACK (filter_pending_cb), self);
  g_signal_connect_swapped (self->filter_model, "items-changed",
                            G_CALLBACK (filter_pending_cb), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->filter_model)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (list_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), controller);
}
