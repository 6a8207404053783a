/* test-recovery-assistant.c: the “I’m locked out” assistant walked end to end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rv-demo.h"
#include "rv-gui-test-util.h"
#include "rv-recovery-assistant.h"
#include "rv-request-draft.h"
#include "../rv-test-request-fixture.h"
#include "../rv-test-util.h"
#include "rv-util.h"

#define PASSWORD "correct horse battery staple"

typedef struct
{
  char      *dir;
  RvVault   *vault;
  RvAccount *pypi;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(RvSecret) password = rv_secret_new_from_string (PASSWORD);
  g_autoptr(RvAccount) other = rv_account_new ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = rv_test_make_tmpdir ();
  path = g_build_filename (fixture->dir, "v.rvault", NULL);
  fixture->vault = rv_vault_create (path, password, &error);
  g_assert_no_error (error);
  fixture->pypi = rv_test_make_request_account ("PyPI");
  rv_account_set_issuer (other, "Acme");
  rv_account_set_name (other, "alice");
  rv_vault_add_account (fixture->vault, other);
  rv_vault_add_account (fixture->vault, fixture->pypi);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  rv_vault_close (fixture->vault);
  g_clear_object (&fixture->vault);
  g_clear_object (&fixture->pypi);
  rv_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
}

/* A file under the source tree's tests/ (G_TEST_SRCDIR is tests/gui here). */
static const char *
tests_path (const char *relative)
{
  g_autofree char *path = g_build_filename (g_getenv ("RV_SOURCE_ROOT"), "tests", relative, NULL);

  return g_intern_string (path);
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
tick (RvRecoveryAssistant *assistant,
      const char          *name)
{
  GtkWidget *check = find_named (GTK_WIDGET (assistant), name);

  g_assert_nonnull (check);
  g_assert_true (GTK_IS_CHECK_BUTTON (check));
  /* Every check has an accessible name: the text of its row. */
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (check),
                                                   GTK_ACCESSIBLE_PROPERTY_LABEL));
  g_assert_true (gtk_widget_get_visible (check));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
}

/* A control of the assistant's template, or of one of its steps' own
 * templates (one widget per step). */
static gpointer
child (RvRecoveryAssistant *assistant,
       const char          *name)
{
  static const char *pages[] = {
    "account_page", "holds_page", "happened_page", "evidence_page", "acks_page", "draft_page",
    "next_page",
  };
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (assistant),
                                                   RV_TYPE_RECOVERY_ASSISTANT, name);

  for (guint i = 0; object == NULL && i < G_N_ELEMENTS (pages); i++)
    {
      GObject *page = gtk_widget_get_template_child (GTK_WIDGET (assistant),
                                                     RV_TYPE_RECOVERY_ASSISTANT, pages[i]);

      if (page != NULL)
        object = gtk_widget_get_template_child (GTK_WIDGET (page), G_OBJECT_TYPE (page), name);
    }
  g_assert_nonnull (object);
  return object;
}

static void
set_text (RvRecoveryAssistant *assistant,
          const char          *view,
          const char          *text)
{
  GtkTextView *text_view = child (assistant, view);

  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (text_view),
                                                   GTK_ACCESSIBLE_PROPERTY_LABEL));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (text_view), text ? text : "", -1);
}

static void
next (RvRecoveryAssistant *assistant)
{
  gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.next", NULL);
}

static const char *
row_title (RvRecoveryAssistant *assistant,
           const char          *name)
{
  return adw_preferences_row_get_title (child (assistant, name));
}

static void
on_recorded (RvRecoveryAssistant *assistant,
             const char          *id,
             char               **out)
{
  *out = g_strdup (id);
}

/* The profiles load in a thread; until they are in, no profile is chosen. */
static void
wait_for_profiles (RvRecoveryAssistant *assistant)
{
  while (rv_recovery_assistant_get_provider (assistant) == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static RvRecoveryAssistant *
open_assistant (Fixture   *fixture,
                RvAccount *account)
{
  RvRecoveryAssistant *assistant =
    RV_RECOVERY_ASSISTANT (rv_recovery_assistant_new (NULL, fixture->vault, account));

  g_object_ref_sink (assistant);
  gtk_window_present (GTK_WINDOW (assistant));
  g_assert_true (rv_gui_test_wait_mapped (GTK_WIDGET (assistant)));
  wait_for_profiles (assistant);
  return assistant;
}

static void close_assistant (RvRecoveryAssistant *assistant);

static void
count_rows_cb (GdkFrameClock *clock,
               guint         *rows)
{
  GtkWidget *list = g_object_get_data (G_OBJECT (clock), "rv-test-list");

  if (*rows != G_MAXUINT)
    return;
  *rows = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    (*rows)++;
}

static void
realized_cb (GtkWidget *window,
             guint     *rows)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_object_set_data (G_OBJECT (clock), "rv-test-list", g_object_get_data (G_OBJECT (window),
                                                                          "rv-test-list"));
  g_signal_connect (clock, "after-paint", G_CALLBACK (count_rows_cb), rows);
}

/* Step 1 over 10,000 accounts: the first frame has a screenful of rows, not
 * GTK's 200 (nor one per account), and an account far down the list, chosen
 * before opening, is the one chosen, and selected once the list is whole. */
static void
test_large_vault (void)
{
  g_autofree char *dir = rv_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "vault.rvault", NULL);
  g_autoptr(RvVault) vault = rv_gui_test_create_vault (path);
  g_autoptr(RvAccount) deep = NULL;
  g_autoptr(GPtrArray) lists = NULL;
  RvRecoveryAssistant *assistant;
  GtkSingleSelection *selection;
  GtkWidget *list;
  GdkFrameClock *clock;
  guint rows = G_MAXUINT;
  gint64 deadline;

  rv_demo_add_generated (vault, 10000);
  deep = g_list_model_get_item (rv_vault_get_accounts (vault), 9000);
  assistant = RV_RECOVERY_ASSISTANT (rv_recovery_assistant_new (NULL, vault, deep));
  g_object_ref_sink (assistant);
  lists = rv_gui_test_find_all (GTK_WIDGET (assistant), GTK_TYPE_LIST_VIEW);
  g_assert_cmpuint (lists->len, >=, 1);
  list = g_ptr_array_index (lists, 0);
  /* Counted at the first frame painted. */
  g_object_set_data (G_OBJECT (assistant), "rv-test-list", list);
  g_signal_connect (assistant, "realize", G_CALLBACK (realized_cb), &rows);
  gtk_window_present (GTK_WINDOW (assistant));
  g_assert_true (rv_gui_test_wait_mapped (GTK_WIDGET (assistant)));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (assistant));
  while (rows == G_MAXUINT)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_func (clock, count_rows_cb, &rows);
  g_assert_cmpuint (rows, >, 0);
  g_assert_cmpuint (rows, <=, 32);
  g_assert_true (rv_recovery_assistant_get_account (assistant) == deep);

  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (gtk_single_selection_get_selected_item (selection) != deep &&
         g_get_monotonic_time () < deadline)
    rv_gui_test_run_for (50);
  g_assert_true (gtk_single_selection_get_selected_item (selection) == deep);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 10000);
  g_assert_true (rv_recovery_assistant_get_account (assistant) == deep);

  wait_for_profiles (assistant);
  close_assistant (assistant);
  rv_vault_close (vault);
  rv_test_rm_rf (dir);
}

static void
close_assistant (RvRecoveryAssistant *assistant)
{
  gtk_window_destroy (GTK_WINDOW (assistant));
  g_assert_finalize_object (assistant);
}

/* Every step of the issue, with the answers of tests/data/drafts/pypi.json:
 * the draft shown is the expected file and the core's draft. */
static void
test_walk (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(RvRequestAnswers) answers = NULL;
  g_autoptr(RvRequestDraft) core_draft = NULL;
  g_autoptr(GPtrArray) providers = rv_provider_load_default (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *recorded_id = NULL;
  RvRecoveryAssistant *assistant = open_assistant (fixture, NULL);
  GPtrArray *requests;
  RvRequestRecord *request;
  gint64 now, follow_up;
  char code_before[RV_OTP_CODE_BUFFER], code_after[RV_OTP_CODE_BUFFER];
  const char *shown;

  answers = rv_request_answers_load (tests_path ("data/drafts/pypi.json"), &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (tests_path ("data/drafts/pypi.txt"), &expected, NULL, NULL));
  g_signal_connect (assistant, "request-recorded", G_CALLBACK (on_recorded), &recorded_id);

  /* 1. Which account: nothing chosen, no service typed, no way on. */
  g_assert_cmpstr (rv_recovery_assistant_get_step (assistant), ==, "account");
  next (assistant);
  g_assert_cmpstr (rv_recovery_assistant_get_step (assistant), ==, "account");
  /* The list is searched, not walked: "pyp" leaves PyPI alone in it. */
  g_assert_cmpuint (g_list_model_get_n_items (child (assistant, "account_selection")), ==, 2);
  gtk_editable_set_text (child (assistant, "account_search"), "pyp");
  g_signal_emit_by_name (child (assistant, "account_search"), "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (child (assistant, "account_selection")), ==, 1);
  gtk_single_selection_set_selected (child (assistant, "account_selection"), 0);
  g_assert_true (rv_recovery_assistant_get_account (assistant) == fixture->pypi);
  g_assert_cmpstr (rv_provider_get_id (rv_recovery_assistant_get_provider (assistant)), ==, "pypi");
  g_assert_cmpstr (gtk_editable_get_text (child (assistant, "username_row")), ==, "alice-dev");
  next (assistant);

  /* 2. What the vault still holds, before anything else. */
  g_assert_cmpstr (rv_recovery_assistant_get_step (assistant), ==, "holds");
  g_assert_cmpstr (gtk_label_get_text (child (assistant, "holds_label")), ==,
                   "You are not locked out");
  g_assert_false (gtk_widget_is_sensitive (child (assistant, "next_button")));
  g_assert_true (gtk_widget_get_visible (child (assistant, "otp_group")));
  now = rv_now ();
  g_assert_true (rv_account_generate_code (fixture->pypi, now - 1, code_before, NULL));
  g_assert_true (rv_account_generate_code (fixture->pypi, now + 1, code_after, NULL));
  shown = row_title (assistant, "code_row");
  g_assert_true (g_str_equal (shown, code_before) || g_str_equal (shown, code_after));
  g_assert_cmpstr (row_title (assistant, "codes_row"), ==, "6 unused recovery codes");
  g_assert_false (gtk_widget_get_visible (child (assistant, "revealed_row")));
  gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.reveal-code", NULL);
  g_assert_true (gtk_widget_get_visible (child (assistant, "revealed_row")));
  g_assert_cmpstr (row_title (assistant, "revealed_row"), ==, rv_test_stored_codes[2]);
  /* No draft while what the vault holds has not been tried and rejected. */
  next (assistant);
  g_assert_cmpstr (rv_recovery_assistant_get_step (assistant), ==, "holds");
  g_assert_true (gtk_widget_get_visible (child (assistant, "rejected_group")));
  tick (assistant, "stored-rejected");
  next (assistant);
  /* The revealed code does not linger behind the next steps. */
  g_assert_false (gtk_widget_get_visible (child (assistant, "revealed_row")));
  g_assert_cmpstr (row_title (assistant, "revealed_row"), ==, "");

  /* 3. What happened. */
  g_assert_cmpstr (rv_recovery_assistant_get_step (assistant), ==, "happened");
  tick (assistant, "happened-lost-device");
  tick (assistant, "happened-codes-not-working");
  g_assert_false (gtk_widget_get_visible (child (assistant, "compromise_label")));
  set_text (assistant, "details_view", answers->details);
  next (assistant);

  /* 4. What can be proven, in the profile's words. */
  g_assert_cmpstr (rv_recovery_assistant_get_step (assistant), ==, "evidence");
  tick (assistant, "evidence-repository");
  tick (assistant, "evidence-email");
  set_text (assistant, "evidence_view", answers->evidence_details);
  next (assistant);

  /* 5. Acknowledgements: all must be ticked to go on. */
  g_assert_cmpstr (rv_recovery_assistant_get_step (assistant), ==, "acks");
  tick (assistant, "ack-code-of-conduct");
  next (assistant);
  g_assert_cmpstr (rv_recovery_assistant_get_step (assistant), ==, "acks");
  tick (assistant, "ack-acknowledgement");
  next (assistant);

  /* 6. The draft: the expected text, and the core's for the same answers. */
  g_assert_cmpstr (rv_recovery_assistant_get_step (assistant), ==, "draft");
  g_assert_null (rv_recovery_assistant_get_draft_error (assistant));
  g_assert_cmpstr (rv_recovery_assistant_get_draft_text (assistant), ==, expected);
  core_draft = rv_request_draft_new (rv_provider_lookup (providers, "pypi"), answers,
                                     fixture->vault, fixture->pypi, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rv_recovery_assistant_get_draft_text (assistant), ==, core_draft->text);
  /* The title apart; the box holds the body only. */
  g_assert_cmpstr (row_title (assistant, "title_row"), ==, "Title");
  g_assert_cmpstr (adw_action_row_get_subtitle (child (assistant, "title_row")), ==,
                   "Account recovery request");
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (child (assistant, "draft_view"));
    GtkTextIter start, end;
    g_autofree char *shown_body = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    shown_body = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (shown_body, ==, core_draft->body);
    g_assert_null (strstr (shown_body, "Title:"));
  }
  g_assert_cmpstr (gtk_button_get_label (child (assistant, "open_button")), ==, "_Open Issue Form");
  /* The form's fields in its order, each with the form's own description. */
  {
    g_autoptr(GPtrArray) rows = rv_gui_test_find_all (child (assistant, "form_group"),
                                                      ADW_TYPE_ACTION_ROW);
    AdwActionRow *codes;

    g_assert_cmpuint (rows->len, ==, 5);
    g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==,
                     "PyPI Username (required)");
    codes = g_ptr_array_index (rows, 2);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (codes)), ==,
                     "Recovery Codes (required)");
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (codes),
                              "Every PyPI account generates eight recovery codes"));
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 4)),
                              "There may be a delay of a week or more"));
  }
  next (assistant);

  /* 7. What to expect next, and the record in the vault. */
  g_assert_cmpstr (rv_recovery_assistant_get_step (assistant), ==, "next");
  g_assert_true (rv_request_parse_date (gtk_editable_get_text (child (assistant, "follow_up_row")),
                                        &follow_up));
  g_assert_cmpint (follow_up, >, now + 5 * 86400);
  gtk_editable_set_text (child (assistant, "ticket_row"),
                         "https://github.com/pypi/support/issues/9999");
  gtk_editable_set_text (child (assistant, "follow_up_row"), "2000-01-31");
  gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.record", NULL);
  requests = rv_vault_get_requests (fixture->vault);
  g_assert_cmpuint (requests->len, ==, 1);
  request = g_ptr_array_index (requests, 0);
  g_assert_cmpstr (request->id, ==, recorded_id);
  g_assert_cmpstr (request->account_id, ==, rv_account_get_id (fixture->pypi));
  g_assert_cmpstr (request->provider_id, ==, "pypi");
  g_assert_cmpstr (request->draft, ==, expected);
  g_assert_cmpstr (request->ticket_url, ==, "https://github.com/pypi/support/issues/9999");
  g_assert_cmpint (request->follow_up_at, ==, 949276800);
  g_assert_cmpint (request->status, ==, RV_REQUEST_STATUS_SUBMITTED);
  g_assert_false (rv_vault_is_dirty (fixture->vault));

  close_assistant (assistant);
}

static void
test_compromise_and_leak (Fixture       *fixture,
                          gconstpointer  data)
{
  RvRecoveryAssistant *assistant = open_assistant (fixture, fixture->pypi);

  /* With an account given, the assistant opens on what the vault holds. */
  g_assert_cmpstr (rv_recovery_assistant_get_step (assistant), ==, "holds");
  tick (assistant, "stored-rejected");
  next (assistant);
  tick (assistant, "happened-codes-lost");
  tick (assistant, "happened-compromise-suspected");
  g_assert_true (gtk_widget_get_visible (child (assistant, "compromise_label")));
  set_text (assistant, "details_view", "The codes I had: BADC0FFEE0DDF00D");
  next (assistant);
  next (assistant);
  tick (assistant, "ack-code-of-conduct");
  tick (assistant, "ack-acknowledgement");
  next (assistant);

  g_assert_cmpstr (rv_recovery_assistant_get_step (assistant), ==, "draft");
  g_assert_null (rv_recovery_assistant_get_draft_text (assistant));
  g_assert_nonnull (strstr (rv_recovery_assistant_get_draft_error (assistant), "recovery code"));
  /* It says which answer holds it. */
  g_assert_nonnull (strstr (rv_recovery_assistant_get_draft_error (assistant),
                            "“What happened”"));
  g_assert_null (strstr (rv_recovery_assistant_get_draft_error (assistant), "BADC"));
  g_assert_true (gtk_widget_get_visible (child (assistant, "draft_error_label")));
  next (assistant);
  g_assert_cmpstr (rv_recovery_assistant_get_step (assistant), ==, "draft");

  /* Back, fix the text, and the draft says plainly what is suspected. */
  gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.back", NULL);
  gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.back", NULL);
  gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.back", NULL);
  g_assert_cmpstr (rv_recovery_assistant_get_step (assistant), ==, "happened");
  set_text (assistant, "details_view", "I got an email about new codes.");
  next (assistant);
  next (assistant);
  next (assistant);
  g_assert_cmpstr (rv_recovery_assistant_get_step (assistant), ==, "draft");
  g_assert_nonnull (strstr (rv_recovery_assistant_get_draft_text (assistant),
                            "### Reason for request\n\nSUSPECTED COMPROMISE:"));

  close_assistant (assistant);
}

static void
test_service_by_hand (Fixture       *fixture,
                      gconstpointer  data)
{
  RvRecoveryAssistant *assistant = RV_RECOVERY_ASSISTANT (rv_recovery_assistant_new (NULL, NULL,
                                                                                     NULL));

  g_object_ref_sink (assistant);
  gtk_window_present (GTK_WINDOW (assistant));
  g_assert_true (rv_gui_test_wait_mapped (GTK_WIDGET (assistant)));
  wait_for_profiles (assistant);

  gtk_editable_set_text (child (assistant, "service_row"), "GitLab");
  g_assert_cmpstr (rv_provider_get_id (rv_recovery_assistant_get_provider (assistant)), ==,
                   "gitlab");
  gtk_editable_set_text (child (assistant, "username_row"), "someone");
  next (assistant);
  g_assert_cmpstr (rv_recovery_assistant_get_step (assistant), ==, "holds");
  g_assert_false (gtk_widget_get_visible (child (assistant, "otp_group")));
  g_assert_false (gtk_widget_get_visible (child (assistant, "codes_group")));
  next (assistant);
  tick (assistant, "happened-lost-device");
  next (assistant);
  tick (assistant, "evidence-email");
  next (assistant);
  next (assistant);
  g_assert_cmpstr (rv_recovery_assistant_get_step (assistant), ==, "draft");
  g_assert_true (g_str_has_prefix (rv_recovery_assistant_get_draft_text (assistant),
                                   "Title: Two-factor authentication reset request\n\n"
                                   "GitLab.com username: someone\n"));
  next (assistant);
  /* No vault: nothing to record into. */
  g_assert_false (gtk_widget_is_sensitive (child (assistant, "record_button")));

  gtk_window_destroy (GTK_WINDOW (assistant));
  g_assert_finalize_object (assistant);
}

/* Closed at once, before the profiles are read: no crash, nothing kept alive. */
static void
test_close_while_loading (Fixture       *fixture,
                          gconstpointer  data)
{
  RvRecoveryAssistant *assistant =
    RV_RECOVERY_ASSISTANT (rv_recovery_assistant_new (NULL, fixture->vault, fixture->pypi));

  g_object_ref_sink (assistant);
  g_assert_null (rv_recovery_assistant_get_provider (assistant));
  gtk_window_destroy (GTK_WINDOW (assistant));
  g_assert_finalize_object (assistant);
  for (guint i = 0; i < 50; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *providers = NULL;

  if (!rv_gui_test_init (&argc, &argv))
    {
      g_test_skip ("no display");
      return g_test_run ();
    }

  providers = g_build_filename (g_getenv ("RV_SOURCE_ROOT"), "data", "providers", NULL);
  g_setenv ("RV_PROVIDERS_DIR", providers, TRUE);
  g_setenv ("RV_KDF_TARGET_MS", "1", TRUE);

  g_test_add_func ("/recovery-assistant/large-vault", test_large_vault);
  g_test_add ("/recovery-assistant/walk", Fixture, NULL, fixture_setup, test_walk,
              fixture_teardown);
  g_test_add ("/recovery-assistant/compromise-and-leak", Fixture, NULL, fixture_setup,
              test_compromise_and_leak, fixture_teardown);
  g_test_add ("/recovery-assistant/service-by-hand", Fixture, NULL, fixture_setup,
              test_service_by_hand, fixture_teardown);
  g_test_add ("/recovery-assistant/close-while-loading", Fixture, NULL, fixture_setup,
              test_close_while_loading, fixture_teardown);

  return g_test_run ();
}
