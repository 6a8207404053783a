/* test-widgets-a11y.c: every control of the widgets has a name and a key path
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
#include "rv-health-banner.h"

static const char *prefixes[] = {
  "account.", "recovery.", "add-account.", "export.", "backups.", "health.", "window.close",
};

static gboolean
is_our_control (GtkWidget *widget)
{
  const char *action;

  if (!GTK_IS_ACTIONABLE (widget))
    return FALSE;
  action = gtk_actionable_get_action_name (GTK_ACTIONABLE (widget));
  for (guint i = 0; action != NULL && i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (action, prefixes[i]))
      return TRUE;
  return FALSE;
}

static gboolean
has_name (GtkWidget *widget)
{
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return TRUE;
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
      gtk_button_get_icon_name (GTK_BUTTON (widget)) == NULL)
    return TRUE;
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      *adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)) != '\0')
    return TRUE;
  return FALSE;
}

/* Controls we made (action buttons and rows, spin buttons, text views,
 * pictures): each has a name, and each action control can take focus. */
static guint
check_tree (GtkWidget *widget,
            GString   *problems)
{
  guint n = 0;

  if (is_our_control (widget))
    {
      n++;
      if (!has_name (widget))
        g_string_append_printf (problems, "%s (%s) has no accessible name\n",
                                G_OBJECT_TYPE_NAME (widget),
                                gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)));
      if (!gtk_widget_get_focusable (widget))
        g_string_append_printf (problems, "%s (%s) cannot take focus\n",
                                G_OBJECT_TYPE_NAME (widget),
                                gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)));
    }
  else if ((GTK_IS_SPIN_BUTTON (widget) || GTK_IS_TEXT_VIEW (widget)) && !has_name (widget))
    {
      g_string_append_printf (problems, "%s has no accessible name\n", G_OBJECT_TYPE_NAME (widget));
    }
  else if (GTK_IS_PICTURE (widget) &&
           gtk_picture_get_alternative_text (GTK_PICTURE (widget)) == NULL)
    {
      g_string_append (problems, "GtkPicture has no alternative text\n");
    }

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    n += check_tree (c, problems);
  return n;
}

static void
check_window (GtkWidget *window,
              guint      min_controls)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  guint n;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rv_gui_test_wait_mapped (window));
  n = check_tree (window, problems);
  if (problems->len > 0)
    g_test_message ("%s", problems->str);
  g_assert_cmpstr (problems->str, ==, "");
  g_assert_cmpuint (n, >=, min_controls);
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
window_with (GtkWidget *child)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 600, 800);
  gtk_window_set_child (GTK_WINDOW (window), child);
  return window;
}

static void
test_controls_named (void)
{
  g_autofree char *dir = rv_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "vault.rvault", NULL);
  g_autoptr(RvSecret) password = rv_secret_new_from_string ("test password");
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVault) vault = rv_vault_create (path, password, &error);
  GListModel *accounts;
  GtkWidget *box;

  g_assert_no_error (error);
  g_assert_true (rv_demo_add_samples (vault, &error));
  accounts = rv_vault_get_accounts (vault);

  check_window (rv_add_account_dialog_new (NULL, vault), 3);
  check_window (rv_export_dialog_new (NULL, vault), 5);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), rv_health_banner_new (vault));
  gtk_box_append (GTK_BOX (box), rv_backups_page_new (vault));
  check_window (window_with (box), 5);

  /* Every account: with and without recovery codes, each kind. */
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (accounts, i);
      GtkWidget *page = rv_account_page_new (vault, account);

      gtk_widget_activate_action (page, "account.reveal-secret", NULL);
      check_window (window_with (page), 5);
    }

  rv_vault_close (vault);
  rv_test_rm_rf (dir);
}

/* The checker itself finds an unnamed icon button and an unfocusable one. */
static void
test_checker_finds_problems (void)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *icon = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *named = gtk_button_new_with_label ("Delete");

  g_object_ref_sink (box);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (icon), "account.delete");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (named), "account.delete");
  gtk_widget_set_focusable (named, FALSE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), named);

  g_assert_cmpuint (check_tree (box, problems), ==, 2);
  g_assert_cmpstr (problems->str, ==,
                   "GtkButton (account.delete) has no accessible name\n"
                   "GtkButton (account.delete) cannot take focus\n");
  g_assert_finalize_object (box);
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

  g_test_add_func ("/widgets/a11y/checker", test_checker_finds_problems);
  g_test_add_func ("/widgets/a11y/controls-named", test_controls_named);

  return g_test_run ();
}
