/* test-window-widgets.c: the window opens the widgets of issue 4
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "../rv-test-util.h"
#include "rv-account-page.h"
#include "rv-add-account-dialog.h"
#include "rv-backups-page.h"
#include "rv-demo.h"
#include "rv-export-dialog.h"
#include "rv-gui-test-util.h"
#include "rv-window.h"

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

static GtkWidget *
visible_page (RvWindow *window)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                    RV_TYPE_WINDOW, "leaflet"));

  return adw_leaflet_get_visible_child (leaflet);
}

static gboolean
wait_for_page (RvWindow *window,
               GType     type)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!G_TYPE_CHECK_INSTANCE_TYPE (visible_page (window), type) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
  return G_TYPE_CHECK_INSTANCE_TYPE (visible_page (window), type);
}

static void
test_window_widgets (void)
{
  g_autoptr(RvApplication) app = rv_gui_test_app_new ();
  g_autofree char *dir = rv_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "vault.rvault", NULL);
  g_autoptr(RvSecret) password = rv_secret_new_from_string ("test password");
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVault) vault = rv_vault_create (path, password, &error);
  g_autoptr(RvAccount) account = NULL;
  RvWindow *window;
  GtkWindow *dialog;
  GtkWidget *page;

  g_assert_no_error (error);
  g_assert_true (rv_demo_add_samples (vault, &error));
  g_assert_true (rv_vault_save (vault, &error));
  account = g_list_model_get_item (rv_vault_get_accounts (vault), 0);

  window = rv_window_new (app, path, FALSE);
  g_object_ref_sink (window);
  rv_window_set_vault (window, vault);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rv_gui_test_wait_mapped (GTK_WIDGET (window)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-account", NULL));
  dialog = find_toplevel (RV_TYPE_ADD_ACCOUNT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  gtk_window_destroy (dialog);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  dialog = find_toplevel (RV_TYPE_EXPORT_DIALOG);
  g_assert_nonnull (dialog);
  gtk_window_destroy (dialog);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-account", "s",
                                             rv_account_get_id (account)));
  page = visible_page (window);
  g_assert_true (RV_IS_ACCOUNT_PAGE (page));
  g_assert_true (rv_account_page_get_account (RV_ACCOUNT_PAGE (page)) == account);
  gtk_widget_activate_action (page, "account.back", NULL);
  g_assert_false (RV_IS_ACCOUNT_PAGE (visible_page (window)));

  /* Opened while the leaflet still animates "back": shown once it ends. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.backups", NULL));
  g_assert_true (wait_for_page (window, RV_TYPE_BACKUPS_PAGE));

  /* Deleting from the page offers an undo that brings the account back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-account", "s",
                                             rv_account_get_id (account)));
  g_assert_true (wait_for_page (window, RV_TYPE_ACCOUNT_PAGE));
  page = visible_page (window);
  gtk_widget_activate_action (page, "account.delete", NULL);
  g_assert_null (rv_vault_find_account_by_id (vault, rv_account_get_id (account)));
  g_assert_false (RV_IS_ACCOUNT_PAGE (visible_page (window)));

  rv_window_lock (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  rv_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("RV_KDF_TARGET_MS", "1", TRUE);
  if (!rv_gui_test_init (&argc, &argv))
    {
      g_test_skip ("no display");
      return g_test_run ();
    }

  g_test_add_func ("/window-widgets/actions", test_window_widgets);

  return g_test_run ();
}
