/* test-compartment-gate.c: the account page asks for the recovery-code
 * compartment's password only when a code must be shown or added
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "../rv-test-util.h"
#include "rv-account-page.h"
#include "rv-gui-test-util.h"
#include "rv-recovery-codes-view.h"

#define COMPARTMENT_PASSWORD "compartment password"

typedef struct
{
  char      *dir;
  RvVault   *vault;
  RvAccount *account;
  GtkWidget *window;
  GtkWidget *page;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvSecret) cpass = rv_secret_new_from_string (COMPARTMENT_PASSWORD);
  g_autofree char *path = NULL;
  const char *codes[] = { "1234 5678", "badc 0ffe" };

  fixture->dir = rv_test_make_tmpdir ();
  path = g_build_filename (fixture->dir, "vault.rvault", NULL);
  fixture->vault = rv_gui_test_create_vault (path);
  fixture->account = rv_account_new ();
  rv_account_set_issuer (fixture->account, "ACME Co");
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autoptr(RvSecret) code = rv_secret_new_from_string (codes[i]);

      g_assert_true (rv_account_add_recovery_code (fixture->account, code, 1000, 0, NULL));
    }
  rv_vault_add_account (fixture->vault, fixture->account);
  g_assert_true (rv_vault_enable_compartment (fixture->vault, cpass, NULL, &error));
  g_assert_no_error (error);
  rv_vault_close_compartment (fixture->vault);

  fixture->page = rv_account_page_new (fixture->vault, fixture->account);
  g_object_ref_sink (fixture->page);
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 600, 900);
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->page);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (rv_gui_test_wait_mapped (fixture->page));
}

/* A visible message dialog (whose body holds @text, if not NULL). */
static AdwMessageDialog *
find_dialog_with (const char *text)
{
  AdwMessageDialog *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        (text == NULL || strstr (adw_message_dialog_get_body (l->data), text) != NULL))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static AdwMessageDialog *
find_dialog (void)
{
  return find_dialog_with (NULL);
}

static AdwMessageDialog *
wait_for_dialog (void)
{
  for (guint i = 0; i < 200; i++)
    {
      AdwMessageDialog *dialog = find_dialog ();

      if (dialog != NULL)
        return dialog;
      rv_gui_test_run_for (10);
    }
  return NULL;
}

static void
close_dialogs (void)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      gtk_window_destroy (l->data);
  g_list_free (toplevels);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  close_dialogs ();
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->page);
  rv_vault_close (fixture->vault);
  g_clear_object (&fixture->account);
  g_assert_finalize_object (fixture->vault);
  rv_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
}

static RvRecoveryCodesView *
codes_view (Fixture *fixture)
{
  return RV_RECOVERY_CODES_VIEW (gtk_widget_get_template_child (fixture->page, RV_TYPE_ACCOUNT_PAGE,
                                                                "codes_view"));
}

/* Counts show without the password; revealing asks for it, a wrong one is
 * asked again with the reason, the right one opens and reveals. */
static void
test_reveal_asks (Fixture       *fixture,
                  gconstpointer  data)
{
  RvRecoveryCodesView *view = codes_view (fixture);
  AdwMessageDialog *dialog;
  GtkEditable *row;

  g_assert_cmpuint (rv_account_get_n_unused_recovery_codes (fixture->account), ==, 2);
  g_assert_null (find_dialog ());
  gtk_widget_activate_action (GTK_WIDGET (view), "recovery.reveal", "u", 1);
  dialog = wait_for_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpint (rv_recovery_codes_view_get_revealed (view), ==, -1);

  row = g_object_get_data (G_OBJECT (dialog), "row");
  g_assert_nonnull (row);
  gtk_editable_set_text (row, "wrong");
  adw_message_dialog_response (dialog, "accept");
  /* Asked again, saying why. */
  for (guint i = 0; i < 1000 && find_dialog_with ("is wrong") == NULL; i++)
    rv_gui_test_run_for (10);
  dialog = find_dialog_with ("is wrong");
  g_assert_nonnull (dialog);
  g_assert_false (rv_vault_get_compartment_open (fixture->vault));

  row = g_object_get_data (G_OBJECT (dialog), "row");
  gtk_editable_set_text (row, COMPARTMENT_PASSWORD);
  adw_message_dialog_response (dialog, "accept");
  for (guint i = 0; i < 1000 && rv_recovery_codes_view_get_revealed (view) != 1; i++)
    rv_gui_test_run_for (10);
  g_assert_true (rv_vault_get_compartment_open (fixture->vault));
  g_assert_cmpint (rv_recovery_codes_view_get_revealed (view), ==, 1);

  /* Open now: the next code is revealed without asking. */
  gtk_widget_activate_action (GTK_WIDGET (view), "recovery.reveal", "u", 0);
  g_assert_cmpint (rv_recovery_codes_view_get_revealed (view), ==, 0);
}

/* Cancelling reveals nothing and leaves the compartment closed. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  RvRecoveryCodesView *view = codes_view (fixture);
  AdwMessageDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (view), "recovery.reveal", "u", 0);
  dialog = wait_for_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  rv_gui_test_run_for (50);
  g_assert_false (rv_vault_get_compartment_open (fixture->vault));
  g_assert_cmpint (rv_recovery_codes_view_get_revealed (view), ==, -1);
  g_assert_null (rv_account_get_recovery_code (fixture->account, 0)->code);
}

int
main (int    argc,
      char **argv)
{
  if (!rv_gui_test_init (&argc, &argv))
    {
      g_test_skip ("no display");
      return g_test_run ();
    }

  g_test_add ("/compartment-gate/reveal-asks", Fixture, NULL, fixture_setup, test_reveal_asks,
              fixture_teardown);
  g_test_add ("/compartment-gate/cancel", Fixture, NULL, fixture_setup, test_cancel,
              fixture_teardown);
  return g_test_run ();
}
