/* rv-assistant-account.c: step 1 of the recovery assistant, which account
 * and which recovery profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The vault's accounts are listed through a filtered GtkListView over the
 * vault's own GListModel: only the visible rows are widgets. GTK 4.8 still
 * builds 200 of them at once for a long list (a few for a short one), so
 * the list starts with a screenful (a GtkSliceListModel) and grows by a
 * step per frame: opening at 10,000 accounts costs what it costs at 10
 * (tests/bench/bench-gui-recovery-assistant).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rv-assistant-account.h"
#include "rv-util.h"

struct _RvAssistantAccount
{
  AdwBin                parent_instance;

  GtkSearchEntry       *account_search;
  GtkListView          *account_list;
  GtkSingleSelection   *account_selection;
  GtkFilterListModel   *account_filter_model;
  GtkSliceListModel    *account_slice;
  guint                 grow_tick_id;
  gboolean              grow_started;   /* the first frame shows a screenful */
  RvAccount            *pending_select; /* chosen, shown selected once the list is whole */
  GtkLabel             *account_empty_label;
  AdwEntryRow          *service_row;
  AdwComboRow          *provider_row;
  AdwEntryRow          *username_row;

  RvAccount            *account;
  GPtrArray            *providers;
  RvProvider           *provider;
  GtkCustomFilter      *account_filter;
  char                 *account_query;      /* casefolded search text, NULL for all */
};

G_DEFINE_FINAL_TYPE (RvAssistantAccount, rv_assistant_account, ADW_TYPE_BIN)

/* Rows on screen (the list is at most 320 px tall) and the growth per frame
 * past them, until past GTK 4.8's 200 rows. */
#define FIRST_ROWS 16
#define GROW_ROWS 32
#define ALL_ROWS_FROM 256

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
select_provider (RvAssistantAccount *self,
                 RvProvider          *provider)
{
  guint index;

  if (provider != NULL && g_ptr_array_find (self->providers, provider, &index))
    adw_combo_row_set_selected (self->provider_row, index);
}

static void
set_account (RvAssistantAccount *self,
             RvAccount           *account)
{
  if (!g_set_object (&self->account, account))
    return;
  if (account != NULL)
    {
      const char *name = rv_account_get_name (account);

      gtk_editable_set_text (GTK_EDITABLE (self->service_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->username_row), name ? name : "");
      select_provider (self, rv_provider_match_account (self->providers, account));
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
account_selected_cb (RvAssistantAccount *self)
{
  g_autoptr(RvAccount) account =
    gtk_single_selection_get_selected_item (self->account_selection) ?
    g_object_ref (gtk_single_selection_get_selected_item (self->account_selection)) : NULL;

  /* A search that hides the chosen account keeps it chosen. */
  if (account != NULL)
    {
      g_clear_object (&self->pending_select);
      set_account (self, account);
    }
}

static void
service_changed_cb (RvAssistantAccount *self)
{
  const char *service = gtk_editable_get_text (GTK_EDITABLE (self->service_row));

  /* Typing a service outside the vault is a choice too: it replaces the account. */
  if (!rv_str_is_blank (service) && self->account != NULL)
    {
      gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->account_selection));
      g_clear_object (&self->pending_select);
      g_clear_object (&self->account);
    }
  if (self->account == NULL)
    select_provider (self, rv_provider_match (self->providers, service, NULL));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
provider_selected_cb (RvAssistantAccount *self)
{
  guint index = adw_combo_row_get_selected (self->provider_row);

  self->provider = index < self->providers->len ? g_ptr_array_index (self->providers, index) : NULL;
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
account_filter_func (gpointer item,
                     gpointer user_data)
{
  RvAssistantAccount *self = user_data;

  /* The account list's own rule: issuer, name, email or a tag. */
  return rv_account_matches (RV_ACCOUNT (item), self->account_query);
}

static gboolean
grow_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  RvAssistantAccount *self = user_data;
  guint size = gtk_slice_list_model_get_size (self->account_slice);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->account_filter_model));

  if (!self->grow_started)
    {
      self->grow_started = TRUE;
      return G_SOURCE_CONTINUE;
    }
  size = size >= n || size + GROW_ROWS >= ALL_ROWS_FROM ? G_MAXUINT : size + GROW_ROWS;
  gtk_slice_list_model_set_size (self->account_slice, size);
  if (size != G_MAXUINT)
    return G_SOURCE_CONTINUE;
  self->grow_tick_id = 0;
  if (self->pending_select != NULL)
    {
      g_autoptr(RvAccount) account = g_steal_pointer (&self->pending_select);

      rv_assistant_account_select (self, account);
    }
  return G_SOURCE_REMOVE;
}

/* Before the list may get longer: a screenful, then more each frame. */
static void
start_growing (RvAssistantAccount *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->account_slice));

  gtk_slice_list_model_set_size (self->account_slice, MAX (FIRST_ROWS, shown));
  self->grow_started = FALSE;
  if (self->grow_tick_id == 0)
    self->grow_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->account_list),
                                                       grow_tick_cb, self, NULL);
}

static void
search_changed_cb (RvAssistantAccount *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->account_search));
  guint n_shown;

  g_clear_pointer (&self->account_query, g_free);
  start_growing (self);
  if (!rv_str_is_blank (text))
    self->account_query = g_strstrip (g_utf8_casefold (text, -1));
  /* No search, no filter: the vault's list passes through untouched. */
  gtk_filter_list_model_set_filter (self->account_filter_model,
                                    self->account_query ? GTK_FILTER (self->account_filter) : NULL);
  if (self->account_query != NULL)
    gtk_filter_changed (GTK_FILTER (self->account_filter), GTK_FILTER_CHANGE_DIFFERENT);
  n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->account_filter_model));
  gtk_widget_set_visible (GTK_WIDGET (self->account_empty_label), n_shown == 0);
}

static void
account_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_item_set_child (item, box);
}

static void
account_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  RvAccount *account = gtk_list_item_get_item (item);
  GtkWidget *title = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autofree char *display = rv_account_dup_display_name (account);
  const char *email = rv_account_get_email (account);

  gtk_label_set_text (GTK_LABEL (title), display);
  gtk_label_set_text (GTK_LABEL (subtitle), email ? email : "");
  gtk_widget_set_visible (subtitle, !rv_str_is_blank (email));
}

/* The vault's own list, filtered: no widget per account. */
void
rv_assistant_account_set_vault (RvAssistantAccount *self,
                                RvVault            *vault)
{
  GListModel *accounts = vault ? rv_vault_get_accounts (vault) : NULL;

  g_return_if_fail (RV_IS_ASSISTANT_ACCOUNT (self));


  start_growing (self);
  gtk_filter_list_model_set_model (self->account_filter_model, accounts);
  gtk_widget_set_visible (GTK_WIDGET (self->account_search), accounts != NULL);
  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->account_list), GTK_TYPE_FRAME),
                          accounts != NULL);
}

gboolean
rv_assistant_account_select (RvAssistantAccount *self,
                             RvAccount          *account)
{
  GListModel *model = G_LIST_MODEL (self->account_filter_model);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RvAccount) item = g_list_model_get_item (model, i);

      if (item == account)
        {
          /* Past the rows shown so far: chosen now, selected once they are
           * all there (growing the list at once would cost 200 rows). */
          if (i >= gtk_slice_list_model_get_size (self->account_slice))
            {
              g_set_object (&self->pending_select, account);
              set_account (self, account);
              return TRUE;
            }
          gtk_single_selection_set_selected (self->account_selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

static void
fill_providers (RvAssistantAccount *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; i < self->providers->len; i++)
    {
      RvProvider *provider = g_ptr_array_index (self->providers, i);

      gtk_string_list_append (names, rv_provider_gettext (rv_provider_get_name (provider)));
    }
  adw_combo_row_set_model (self->provider_row, G_LIST_MODEL (names));
  select_provider (self, rv_provider_match (self->providers, NULL, NULL));
  provider_selected_cb (self);
}

static void
rv_assistant_account_dispose (GObject *object)
{
  RvAssistantAccount *self = RV_ASSISTANT_ACCOUNT (object);

  if (self->grow_tick_id != 0 && self->account_list != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->account_list), self->grow_tick_id);
  self->grow_tick_id = 0;
  gtk_widget_dispose_template (GTK_WIDGET (object), RV_TYPE_ASSISTANT_ACCOUNT);
  g_clear_object (&self->account);
  g_clear_object (&self->pending_select);
  g_clear_pointer (&self->account_query, g_free);

  G_OBJECT_CLASS (rv_assistant_account_parent_class)->dispose (object);
}

static void
rv_assistant_account_finalize (GObject *object)
{
  RvAssistantAccount *self = RV_ASSISTANT_ACCOUNT (object);

  g_clear_pointer (&self->providers, g_ptr_array_unref);
  g_clear_object (&self->account_filter);

  G_OBJECT_CLASS (rv_assistant_account_parent_class)->finalize (object);
}

static void
rv_assistant_account_class_init (RvAssistantAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rv_assistant_account_dispose;
  object_class->finalize = rv_assistant_account_finalize;

  /**
   * RvAssistantAccount::changed:
   *
   * The account, the service, the username or the profile may have changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/RecoveryVault/"
                                                             "rv-assistant-account.ui");
  gtk_widget_class_bind_template_child (widget_class, RvAssistantAccount, account_search);
  gtk_widget_class_bind_template_child (widget_class, RvAssistantAccount, account_list);
  gtk_widget_class_bind_template_child (widget_class, RvAssistantAccount, account_selection);
  gtk_widget_class_bind_template_child (widget_class, RvAssistantAccount, account_filter_model);
  gtk_widget_class_bind_template_child (widget_class, RvAssistantAccount, account_slice);
  gtk_widget_class_bind_template_child (widget_class, RvAssistantAccount, account_empty_label);
  gtk_widget_class_bind_template_child (widget_class, RvAssistantAccount, service_row);
  gtk_widget_class_bind_template_child (widget_class, RvAssistantAccount, provider_row);
  gtk_widget_class_bind_template_child (widget_class, RvAssistantAccount, username_row);
}

static void
username_changed_cb (RvAssistantAccount *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
rv_assistant_account_init (RvAssistantAccount *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->providers = g_ptr_array_new_with_free_func (g_object_unref);

  self->account_filter = gtk_custom_filter_new (account_filter_func, self, NULL);
  g_signal_connect (factory, "setup", G_CALLBACK (account_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (account_bind_cb), NULL);
  gtk_list_view_set_factory (self->account_list, factory);
  g_signal_connect_swapped (self->account_selection, "notify::selected",
                            G_CALLBACK (account_selected_cb), self);
  g_signal_connect_swapped (self->account_search, "search-changed",
                            G_CALLBACK (search_changed_cb), self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->provider_row), FALSE);
  g_signal_connect_swapped (self->service_row, "changed", G_CALLBACK (service_changed_cb), self);
  g_signal_connect_swapped (self->username_row, "changed", G_CALLBACK (username_changed_cb),
                            self);
  g_signal_connect_swapped (self->provider_row, "notify::selected",
                            G_CALLBACK (provider_selected_cb), self);
}

void
rv_assistant_account_set_providers (RvAssistantAccount *self,
                                    GPtrArray          *providers)
{
  g_return_if_fail (RV_IS_ASSISTANT_ACCOUNT (self));
  g_return_if_fail (providers != NULL);

  g_ptr_array_unref (self->providers);
  self->providers = providers;
  gtk_widget_set_sensitive (GTK_WIDGET (self->provider_row), TRUE);
  fill_providers (self);
  if (self->account != NULL)
    select_provider (self, rv_provider_match_account (self->providers, self->account));
  else
    service_changed_cb (self);
}

RvAccount *
rv_assistant_account_get_account (RvAssistantAccount *self)
{
  g_return_val_if_fail (RV_IS_ASSISTANT_ACCOUNT (self), NULL);

  return self->account;
}

RvProvider *
rv_assistant_account_get_provider (RvAssistantAccount *self)
{
  g_return_val_if_fail (RV_IS_ASSISTANT_ACCOUNT (self), NULL);

  return self->provider;
}

const char *
rv_assistant_account_get_service (RvAssistantAccount *self)
{
  g_return_val_if_fail (RV_IS_ASSISTANT_ACCOUNT (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->service_row));
}

const char *
rv_assistant_account_get_username (RvAssistantAccount *self)
{
  g_return_val_if_fail (RV_IS_ASSISTANT_ACCOUNT (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->username_row));
}

gboolean
rv_assistant_account_is_complete (RvAssistantAccount *self)
{
  g_return_val_if_fail (RV_IS_ASSISTANT_ACCOUNT (self), FALSE);

  if (self->provider == NULL)
    return FALSE;
  return self->account != NULL || !rv_str_is_blank (rv_assistant_account_get_service (self));
}
