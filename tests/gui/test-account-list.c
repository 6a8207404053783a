/* test-account-list.c: the list widget: recycled rows, filtering, codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rv-account-list.h"
#include "rv-account-row.h"
#include "rv-demo.h"
#include "rv-gui-test-util.h"
#include "rv-test-util.h"
#include "rv-util.h"

static gboolean
wait_rows (RvAccountList *list)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (rv_account_list_get_n_bound_rows (list) == 0 && g_get_monotonic_time () < deadline)
    rv_gui_test_run_for (20);

  return rv_account_list_get_n_bound_rows (list) > 0;
}

/* A window of the size of the app's, with a list of 10,000 accounts, shown
 * until it has rows. */
static void
show_large_list (GtkWidget     *window,
                 RvAccountList *list,
                 RvVault       *vault)
{
  g_object_ref_sink (list);
  rv_demo_add_generated (vault, 10000);
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 720);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (list));
  rv_account_list_set_vault (list, vault);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_rows (list));
}

/* 10,000 accounts make a screenful of rows, not 10,000 widgets. */
static void
test_account_list_large (void)
{
  g_autofree char *dir = rv_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "vault.rvault", NULL);
  g_autoptr(RvVault) vault = rv_gui_test_create_vault (path);
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *window = gtk_window_new ();
  RvAccountList *list = RV_ACCOUNT_LIST (rv_account_list_new ());
  GListModel *model;
  gint64 now = rv_now ();

  show_large_list (window, list, vault);

  model = rv_account_list_get_model (list);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 10000);
  /* GTK 4.8 keeps about 200 items bound around the visible ones. */
  g_assert_cmpuint (rv_account_list_get_n_bound_rows (list), <=, 256);
  rows = rv_gui_test_find_all (GTK_WIDGET (list), RV_TYPE_ACCOUNT_ROW);
  g_assert_cmpuint (rows->len, <=, 256);

  /* Every bound row shows the code core computes for its account. */
  rv_account_list_update_codes (list, now);
  for (guint i = 0; i < rows->len; i++)
    {
      RvAccountRow *row = g_ptr_array_index (rows, i);
      RvAccount *account = rv_account_row_get_account (row);
      char code[RV_OTP_CODE_BUFFER];

      if (account == NULL)
        continue;
      g_assert_true (rv_account_generate_code (account, now, code, NULL));
      g_assert_cmpstr (rv_account_row_get_code (row), ==, code);
    }

  /* Case-insensitive, narrowing and widening. */
  rv_account_list_set_search_text (list, "SERVICE 999");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 11);   /* 999, 9990…9999 */
  rv_account_list_set_search_text (list, "service 9999");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  rv_account_list_set_search_text (list, "user12@");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  rv_account_list_set_search_text (list, "");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 10000);

  rv_account_list_set_vault (list, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (list);
  rv_vault_close (vault);
  rv_test_rm_rf (dir);
}

/* How many rows are parented and bound, and whether each shows an account
 * the search finds. */
static gboolean
rows_match (RvAccountList *list,
            const char    *query,
            guint          expected_rows)
{
  g_autoptr(GPtrArray) rows = rv_gui_test_find_all (GTK_WIDGET (list), RV_TYPE_ACCOUNT_ROW);
  guint shown = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      RvAccount *account = rv_account_row_get_account (g_ptr_array_index (rows, i));

      if (account == NULL)
        continue;
      if (!rv_account_matches (account, query))
        return FALSE;
      shown++;
    }
  return shown == expected_rows && rv_account_list_get_n_bound_rows (list) == expected_rows;
}

/* The list grows a screenful at a time, one step per frame, and re-binds
 * the rows off screen when idle: wait for both (frames are slow under
 * sanitizers), then every row shows a match. */
static void
assert_rows_match (RvAccountList *list,
                   const char    *query,
                   guint          expected_rows)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!rows_match (list, query, expected_rows) && g_get_monotonic_time () < deadline)
    rv_gui_test_run_for (50);
  g_assert_true (rows_match (list, query, expected_rows));
}

/* A keystroke re-binds the rows GTK holds instead of replacing them, and
 * every row ends up showing a match, on screen at once and off screen
 * after the frame. */
static void
test_account_list_rows_follow_search (void)
{
  g_autofree char *dir = rv_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "vault.rvault", NULL);
  g_autoptr(RvVault) vault = rv_gui_test_create_vault (path);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  GtkWidget *window = gtk_window_new ();
  RvAccountList *list = RV_ACCOUNT_LIST (rv_account_list_new ());
  GListModel *model;
  guint n_rows;

  show_large_list (window, list, vault);
  model = rv_account_list_get_model (list);

  /* The list grows to GTK 4.8's ~200 rows over a few frames. */
  n_rows = 205;
  assert_rows_match (list, "", n_rows);
  before = rv_gui_test_find_all (GTK_WIDGET (list), RV_TYPE_ACCOUNT_ROW);

  rv_account_list_set_search_text (list, "service 1");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1112);
  assert_rows_match (list, "service 1", n_rows);
  after = rv_gui_test_find_all (GTK_WIDGET (list), RV_TYPE_ACCOUNT_ROW);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < before->len; i++)
    g_assert_true (g_ptr_array_find (after, g_ptr_array_index (before, i), NULL));

  rv_account_list_set_search_text (list, "service 123");
  assert_rows_match (list, "service 123", 11);
  rv_account_list_set_search_text (list, "service 12");
  assert_rows_match (list, "service 12", 111);
  rv_account_list_set_search_text (list, "USER99");
  assert_rows_match (list, "user99", 111);
  rv_account_list_set_search_text (list, "");
  assert_rows_match (list, "", n_rows);

  rv_account_list_set_vault (list, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (list);
  rv_vault_close (vault);
  rv_test_rm_rf (dir);
}


/* The rows in view, and how many of them (and of all rows holding an
 * account) show an account the search finds. */
static void
count_rows (RvAccountList *list,
            const char    *query,
            guint         *in_view,
            guint         *in_view_matching,
            guint         *off_view_stale)
{
  g_autoptr(GPtrArray) views = rv_gui_test_find_all (GTK_WIDGET (list), GTK_TYPE_LIST_VIEW);
  g_autoptr(GPtrArray) rows = rv_gui_test_find_all (GTK_WIDGET (list), RV_TYPE_ACCOUNT_ROW);
  GtkWidget *view = g_ptr_array_index (views, 0);
  int height = gtk_widget_get_height (view);

  *in_view = *in_view_matching = *off_view_stale = 0;
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      RvAccount *account = rv_account_row_get_account (RV_ACCOUNT_ROW (row));
      graphene_rect_t bounds;
      gboolean shown;

      if (account == NULL)
        continue;
      shown = gtk_widget_get_mapped (row) && gtk_widget_compute_bounds (row, view, &bounds) &&
              bounds.origin.y + bounds.size.height > 0 && bounds.origin.y < height;
      if (shown)
        {
          (*in_view)++;
          *in_view_matching += rv_account_matches (account, query);
        }
      else
        {
          *off_view_stale += !rv_account_matches (account, query);
        }
    }
}

/* While the user types, the rows off screen keep their old account (no
 * layout for rows nobody sees); a scroll re-binds the ones it brings into
 * view before they are drawn. The delay is made long so that only the
 * scroll can have re-bound them. */
static void
test_account_list_scroll_rebinds (void)
{
  g_autofree char *dir = rv_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "vault.rvault", NULL);
  g_autoptr(RvVault) vault = rv_gui_test_create_vault (path);
  g_autoptr(GPtrArray) views = NULL;
  GtkWidget *window = gtk_window_new ();
  RvAccountList *list = RV_ACCOUNT_LIST (rv_account_list_new ());
  GtkAdjustment *adjustment;
  guint in_view, matching, stale;

  show_large_list (window, list, vault);
  assert_rows_match (list, "", 205);
  views = rv_gui_test_find_all (GTK_WIDGET (list), GTK_TYPE_LIST_VIEW);
  adjustment = gtk_scrollable_get_vadjustment (g_ptr_array_index (views, 0));

  rv_account_list_set_rebind_delay (list, 600000);
  rv_account_list_set_search_text (list, "user99");
  rv_gui_test_run_for (200);
  count_rows (list, "user99", &in_view, &matching, &stale);
  g_assert_cmpuint (in_view, >=, 5);
  g_assert_cmpuint (matching, ==, in_view);
  g_assert_cmpuint (stale, >, 0);

  /* Two screens down, among the 111 rows. */
  gtk_adjustment_set_value (adjustment, 2 * gtk_adjustment_get_page_size (adjustment));
  rv_gui_test_run_for (200);
  count_rows (list, "user99", &in_view, &matching, &stale);
  g_assert_cmpuint (in_view, >=, 5);
  g_assert_cmpuint (matching, ==, in_view);
  g_assert_cmpuint (stale, >, 0);

  /* Once typing pauses, every row shows a match. */
  rv_account_list_set_rebind_delay (list, 0);
  rv_account_list_set_search_text (list, "user9");
  rv_gui_test_run_for (300);
  g_assert_cmpuint (rv_account_list_get_n_bound_rows (list), >, 111);
  assert_rows_match (list, "user9", rv_account_list_get_n_bound_rows (list));

  rv_account_list_set_vault (list, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (list);
  rv_vault_close (vault);
  rv_test_rm_rf (dir);
}


/* The status pages' 128 px icons (SVG) are looked up when a page is shown,
 * not when the list is built. */
static AdwStatusPage *
find_status_page (GtkWidget  *root,
                  const char *title)
{
  g_autoptr(GPtrArray) pages = rv_gui_test_find_all (root, ADW_TYPE_STATUS_PAGE);

  for (guint i = 0; i < pages->len; i++)
    if (g_strcmp0 (adw_status_page_get_title (g_ptr_array_index (pages, i)), title) == 0)
      return g_ptr_array_index (pages, i);
  g_assert_not_reached ();
}

static void
test_account_list_status_icons (void)
{
  g_autofree char *dir = rv_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "vault.rvault", NULL);
  g_autoptr(RvVault) vault = rv_gui_test_create_vault (path);
  GtkWidget *window = gtk_window_new ();
  RvAccountList *list = RV_ACCOUNT_LIST (rv_account_list_new ());
  AdwStatusPage *empty, *no_results;

  g_object_ref_sink (list);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (list));
  empty = find_status_page (GTK_WIDGET (list), "No Accounts Yet");
  no_results = find_status_page (GTK_WIDGET (list), "No Results");
  g_assert_null (adw_status_page_get_icon_name (empty));
  g_assert_null (adw_status_page_get_icon_name (no_results));

  rv_account_list_set_vault (list, vault);
  gtk_window_present (GTK_WINDOW (window));
  rv_gui_test_run_for (200);
  g_assert_cmpstr (adw_status_page_get_icon_name (empty), ==,
                   "com.example.RecoveryVault-symbolic");
  g_assert_null (adw_status_page_get_icon_name (no_results));

  rv_demo_add_generated (vault, 3);
  rv_account_list_set_search_text (list, "no such account");
  rv_gui_test_run_for (200);
  g_assert_cmpstr (adw_status_page_get_icon_name (no_results), ==, "edit-find-symbolic");

  rv_account_list_set_vault (list, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (list);
  rv_vault_close (vault);
  rv_test_rm_rf (dir);
}

static void
test_account_list_group_digits (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "123456", "123 456" },
    { "1234567", "123 4567" },
    { "12345678", "1234 5678" },
    { "1234567890", "12345 67890" },
    { "FXCWP", "FXCWP" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *grouped = rv_account_row_group_digits (cases[i].in);

      g_assert_cmpstr (grouped, ==, cases[i].out);
    }
}

int
main (int   argc,
      char *argv[])
{
  if (!rv_gui_test_init (&argc, &argv))
    {
      g_test_skip ("no display");
      return g_test_run ();
    }

  g_test_add_func ("/account-list/large", test_account_list_large);
  g_test_add_func ("/account-list/rows-follow-search", test_account_list_rows_follow_search);
  g_test_add_func ("/account-list/scroll-rebinds", test_account_list_scroll_rebinds);
  g_test_add_func ("/account-list/status-icons", test_account_list_status_icons);
  g_test_add_func ("/account-list/group-digits", test_account_list_group_digits);

  return g_test_run ();
}
