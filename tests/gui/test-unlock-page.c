/* test-unlock-page.c: the unlock page on its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rv-gui-test-util.h"
#include "rv-test-util.h"
#include "rv-unlock-page.h"

static void
unlocked_cb (RvUnlockPage *page,
             RvVault      *vault,
             RvVault     **out)
{
  *out = g_object_ref (vault);
}

static void
test_unlock_page (void)
{
  g_autofree char *dir = rv_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "vault.rvault", NULL);
  g_autoptr(RvVault) created = rv_gui_test_create_vault (path);
  g_autoptr(RvVault) opened = NULL;
  GtkWidget *window = gtk_window_new ();
  RvUnlockPage *page = RV_UNLOCK_PAGE (rv_unlock_page_new ());
  GtkWidget *entry;

  rv_vault_close (created);
  g_object_ref_sink (page);
  rv_unlock_page_set_path (page, path);
  g_assert_cmpstr (rv_unlock_page_get_path (page), ==, path);
  g_signal_connect (page, "unlocked", G_CALLBACK (unlocked_cb), &opened);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (rv_gui_test_wait_mapped (GTK_WIDGET (page)));

  /* No keyring slot: nothing to try. */
  g_assert_false (rv_unlock_page_try_keyring (page));

  entry = rv_gui_test_find_first (GTK_WIDGET (page), ADW_TYPE_PASSWORD_ENTRY_ROW);
  gtk_editable_set_text (GTK_EDITABLE (entry), "wrong");
  rv_unlock_page_unlock (page);
  while (rv_unlock_page_get_busy (page))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (rv_unlock_page_get_error (page), ==, "Wrong password. Try again.");
  g_assert_null (opened);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "wrong");

  gtk_editable_set_text (GTK_EDITABLE (entry), RV_GUI_TEST_PASSWORD);
  rv_unlock_page_unlock (page);
  while (rv_unlock_page_get_busy (page))
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (opened);
  g_assert_null (rv_unlock_page_get_error (page));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  rv_unlock_page_reset (page);
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (page);
  rv_vault_close (opened);
  rv_test_rm_rf (dir);
}

/* A damaged file is named as such, not called a wrong password. */
static void
test_unlock_page_corrupt (void)
{
  g_autofree char *dir = rv_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "vault.rvault", NULL);
  RvUnlockPage *page = RV_UNLOCK_PAGE (rv_unlock_page_new ());
  GtkWidget *entry;

  g_assert_true (g_file_set_contents (path, "not a vault at all", -1, NULL));
  g_object_ref_sink (page);
  rv_unlock_page_set_path (page, path);
  entry = rv_gui_test_find_first (GTK_WIDGET (page), ADW_TYPE_PASSWORD_ENTRY_ROW);
  gtk_editable_set_text (GTK_EDITABLE (entry), "anything");
  rv_unlock_page_unlock (page);
  while (rv_unlock_page_get_busy (page))
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (rv_unlock_page_get_error (page));
  g_assert_cmpstr (rv_unlock_page_get_error (page), !=, "Wrong password. Try again.");

  g_assert_finalize_object (page);
  rv_test_rm_rf (dir);
}

/* The keyring open started at launch, before the page exists, is the one
 * the page's keyring attempt takes; a vault without keyring unlock then
 * just asks for the password, with no error. */
static void
test_unlock_page_prefetch (void)
{
  g_autofree char *dir = rv_test_make_tmpdir ();
  g_autofree char *plain = g_build_filename (dir, "plain.rvault", NULL);
  g_autofree char *keyring = g_build_filename (dir, "keyring.rvault", NULL);
  g_autoptr(RvVault) created = rv_gui_test_create_vault (plain);
  g_autoptr(RvVault) opened = NULL;
  g_autoptr(GError) error = NULL;
  RvUnlockPage *page = RV_UNLOCK_PAGE (rv_unlock_page_new ());
  gboolean has_keyring;

  rv_vault_close (created);
  g_clear_object (&created);
  created = rv_gui_test_create_vault (keyring);
  has_keyring = rv_vault_enable_keyring (created, NULL, &error);
  rv_vault_close (created);

  g_object_ref_sink (page);
  g_signal_connect (page, "unlocked", G_CALLBACK (unlocked_cb), &opened);

  rv_unlock_page_prefetch_keyring (plain);
  rv_unlock_page_set_path (page, plain);
  /* Busy until the worker is done, or answered at once if it already is. */
  g_assert_true (rv_unlock_page_try_keyring (page));
  while (rv_unlock_page_get_busy (page))
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (opened);
  g_assert_null (rv_unlock_page_get_error (page));
  /* Taken once: the next attempt checks the file itself. */
  g_assert_false (rv_unlock_page_try_keyring (page));

  if (has_keyring)
    {
      rv_unlock_page_prefetch_keyring (keyring);
      /* Done before the page asks: handed over within the call, so a
       * window built then shows the accounts in its first frame. */
      rv_gui_test_run_for (500);
      rv_unlock_page_set_path (page, keyring);
      g_assert_true (rv_unlock_page_try_keyring (page));
      g_assert_false (rv_unlock_page_get_busy (page));
      g_assert_nonnull (opened);
      g_assert_cmpstr (rv_vault_get_path (opened), ==, keyring);
      rv_vault_close (opened);
    }
  else
    {
      g_test_message ("no Secret Service (%s): keyring half not run", error->message);
    }

  /* One for another path stays unused, and is dropped. */
  rv_unlock_page_prefetch_keyring (plain);
  rv_unlock_page_set_path (page, keyring);
  rv_unlock_page_drop_prefetch ();

  g_assert_finalize_object (page);
  rv_test_rm_rf (dir);
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

  g_test_add_func ("/unlock-page/password", test_unlock_page);
  g_test_add_func ("/unlock-page/corrupt", test_unlock_page_corrupt);
  g_test_add_func ("/unlock-page/prefetch", test_unlock_page_prefetch);

  return g_test_run ();
}
