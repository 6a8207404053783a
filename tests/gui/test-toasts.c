/* test-toasts.c: one toast at a time (rv-toasts, around libadwaita 1.2's
 * use-after-free when a toast shown during another's hide is dismissed)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rv-gui-test-util.h"
#include "rv-toasts.h"

static guint
count_toast_widgets (GtkWidget *overlay)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (overlay); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += g_str_equal (G_OBJECT_TYPE_NAME (child), "AdwToastWidget");
  return n;
}

static void
count_cb (AdwToast *toast,
          guint    *n)
{
  (*n)++;
}

static void
test_toasts_one_at_a_time (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  g_autoptr(AdwToast) first = g_object_ref (adw_toast_new ("Code copied"));
  g_autoptr(AdwToast) undo = NULL;
  guint dismissed = 0;

  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_present (GTK_WINDOW (window));
  rv_gui_test_run_for (50);

  /* A second plain toast while one is shown: the shown one says it. */
  rv_toasts_add (ADW_TOAST_OVERLAY (overlay), first);
  rv_gui_test_run_for (50);
  rv_toasts_add (ADW_TOAST_OVERLAY (overlay), adw_toast_new ("Code copied again"));
  rv_gui_test_run_for (50);
  g_assert_cmpuint (count_toast_widgets (overlay), ==, 1);
  g_assert_cmpstr (adw_toast_get_title (first), ==, "Code copied again");

  /* One with a button replaces it, after the first has hidden. */
  undo = g_object_ref (adw_toast_new ("Deleted"));
  adw_toast_set_button_label (undo, "_Undo");
  g_signal_connect (undo, "dismissed", G_CALLBACK (count_cb), &dismissed);
  rv_toasts_add (ADW_TOAST_OVERLAY (overlay), g_object_ref (undo));
  /* Not in the overlay yet: dismissing it there does nothing. */
  adw_toast_dismiss (undo);
  g_assert_cmpuint (dismissed, ==, 0);
  rv_gui_test_run_for (600);
  g_assert_cmpuint (count_toast_widgets (overlay), ==, 1);
  adw_toast_dismiss (undo);
  g_assert_cmpuint (dismissed, ==, 1);

  /* Dismissed at once, many times over: no crash (this was the crash). */
  for (guint i = 0; i < 6; i++)
    {
      AdwToast *toast = adw_toast_new ("Code copied");

      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      rv_toasts_add (ADW_TOAST_OVERLAY (overlay), g_object_ref (toast));
      rv_gui_test_run_for (40);
      rv_toasts_dismiss (ADW_TOAST_OVERLAY (overlay), toast);
      g_object_unref (toast);
      rv_gui_test_run_for (40);
    }
  rv_gui_test_run_for (800);
  g_assert_cmpuint (count_toast_widgets (overlay), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
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

  g_test_add_func ("/toasts/one-at-a-time", test_toasts_one_at_a_time);

  return g_test_run ();
}
