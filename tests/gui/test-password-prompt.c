/* test-password-prompt.c: the one-password prompt, answered with Enter or a click
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rv-gui-test-util.h"
#include "rv-password-prompt.h"

typedef struct
{
  gboolean  done;
  RvSecret *password;
  GError   *error;
} Answer;

static void
answered_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Answer *answer = user_data;

  answer->password = rv_password_prompt_run_finish (result, &answer->error);
  answer->done = TRUE;
}

/* The prompt's dialog: the one toplevel other than @parent. */
static GtkWidget *
prompt_dialog (GtkWidget *parent)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (window != parent && ADW_IS_MESSAGE_DIALOG (window) &&
          gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

static void
type_password (GtkWidget  *dialog,
               const char *text)
{
  GtkWidget *entry = rv_gui_test_find_first (dialog, GTK_TYPE_TEXT);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

/* Enter in the password row answers and closes the dialog: before, the answer
 * came but the dialog stayed on screen, modal, taking the keyboard. */
static void
test_enter_answers_and_closes (void)
{
  GtkWidget *parent = gtk_window_new ();
  GtkWidget *dialog;
  GtkWidget *entry;
  Answer answer = { 0 };

  gtk_window_present (GTK_WINDOW (parent));
  rv_password_prompt_run_async (GTK_WINDOW (parent), "Encrypted Export", "Enter it.",
                                "_Import", NULL, answered_cb, &answer);
  dialog = prompt_dialog (parent);
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (rv_gui_test_wait_mapped (dialog));

  type_password (dialog, "1234 5678");
  entry = rv_gui_test_find_first (dialog, GTK_TYPE_TEXT);
  g_signal_emit_by_name (entry, "activate");

  g_assert_true (rv_gui_test_wait_for (&answer.done, 5000));
  g_assert_no_error (answer.error);
  g_assert_nonnull (answer.password);
  g_assert_cmpmem (rv_secret_get_data (answer.password), rv_secret_get_size (answer.password),
                   "1234 5678", 9);
  rv_gui_test_run_for (50);
  g_assert_null (dialog);
  g_assert_null (prompt_dialog (parent));

  rv_secret_free (answer.password);
  gtk_window_destroy (GTK_WINDOW (parent));
}

/* Enter in an empty row answers nothing: the prompt waits for a password. */
static void
test_enter_empty_waits (void)
{
  GtkWidget *parent = gtk_window_new ();
  GtkWidget *dialog;
  Answer answer = { 0 };

  gtk_window_present (GTK_WINDOW (parent));
  rv_password_prompt_run_async (GTK_WINDOW (parent), "Encrypted Export", "Enter it.",
                                "_Import", NULL, answered_cb, &answer);
  dialog = prompt_dialog (parent);
  g_assert_true (rv_gui_test_wait_mapped (dialog));
  g_signal_emit_by_name (rv_gui_test_find_first (dialog, GTK_TYPE_TEXT), "activate");
  rv_gui_test_run_for (100);
  g_assert_false (answer.done);
  g_assert_true (prompt_dialog (parent) == dialog);

  /* Escape (the close response) cancels. */
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (rv_gui_test_wait_for (&answer.done, 5000));
  g_assert_null (answer.password);
  g_assert_error (answer.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&answer.error);
  gtk_window_destroy (GTK_WINDOW (parent));
}

int
main (int   argc,
      char *argv[])
{
  /* With AT-SPI on, as in the journeys: destroying the dialog of an answered
   * prompt logged criticals there only (an AdwPasswordEntryRow in it). */
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL)
    g_setenv ("GTK_A11Y", "atspi", TRUE);
  if (!rv_gui_test_init (&argc, &argv))
    {
      g_test_skip ("no display");
      return g_test_run ();
    }

  g_test_add_func ("/password-prompt/enter-answers-and-closes", test_enter_answers_and_closes);
  g_test_add_func ("/password-prompt/enter-empty-waits", test_enter_empty_waits);

  return g_test_run ();
}
