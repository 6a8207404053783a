/* test-sheet-print.c: the emergency sheet through GtkPrintOperation, the PDF export, the dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "../rv-test-util.h"
#include "rv-gui-test-util.h"
#include "rv-health.h"
#include "rv-sheet-print.h"
#include "rv-util.h"

typedef struct
{
  char    *dir;
  RvVault *vault;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = NULL;
  RvAccount *account;

  fixture->dir = rv_test_make_tmpdir ();
  path = g_build_filename (fixture->dir, "vault.rvault", NULL);
  fixture->vault = rv_gui_test_create_vault (path);
  account = rv_gui_test_add_uri (fixture->vault,
                                 "otpauth://totp/GitHub:alice?secret=KRSXG5CTMVRXEZLU"
                                 "&issuer=GitHub");
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *text = g_strdup_printf ("badc0-f00d%u", i);
      g_autoptr(RvSecret) code = rv_secret_new_from_string (text);

      g_assert_true (rv_account_add_recovery_code (account, code, 1, 0, NULL));
    }
  g_assert_true (rv_vault_save (fixture->vault, NULL));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  /* A finished GTask is let go by its worker thread a moment later. */
  rv_gui_test_run_for (200);
  rv_vault_close (fixture->vault);
  g_assert_finalize_object (fixture->vault);
  rv_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
}

static RvSecret *
read_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return rv_secret_new_from_data (contents, len);
}

/* GTK's own PDF export of the print operation draws the pages the printer
 * would get: they read back as the vault, and the sheet is recorded. */
static void
test_print_operation (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "printed.pdf", NULL);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(RvSheet) check = NULL;
  g_autoptr(RvSecret) pdf = NULL;
  g_autoptr(GError) error = NULL;
  RvSheet *sheet;
  guint n_pages = 0;

  g_assert_cmpint (rv_vault_get_backup_state (fixture->vault)->sheet_printed_at, ==, 0);
  sheet = rv_sheet_new (fixture->vault, NULL, NULL, TRUE, rv_now (), &error);
  g_assert_no_error (error);
  operation = rv_sheet_print_operation_new (sheet, fixture->vault);
  gtk_print_operation_set_export_filename (operation, path);
  g_assert_cmpint (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL,
                                            &error), ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);

  pdf = read_file (path);
  check = rv_sheet_new (fixture->vault, NULL, NULL, TRUE, rv_now (), &error);
  g_assert_true (rv_sheet_verify_pdf (check, pdf, 150, &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, ==, 1);
  g_assert_cmpint (rv_vault_get_backup_state (fixture->vault)->sheet_printed_at, >, 0);
  g_assert_false (rv_vault_is_dirty (fixture->vault));
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;
  guint n_pages = 0;

  g_assert_true (rv_sheet_print_check_finish (RV_VAULT (source), result, &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, ==, 1);
  *done = TRUE;
}

static void
test_export_pdf (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "sheet.pdf", NULL);
  gboolean done = FALSE;
  GStatBuf st;

  rv_sheet_print_check_async (fixture->vault, path, FALSE, RV_SHEET_PAPER_LETTER, NULL,
                              check_done_cb, &done);
  g_assert_true (rv_gui_test_wait_for (&done, 60000));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (rv_vault_get_backup_state (fixture->vault)->sheet_printed_at, >, 0);
  g_assert_false (rv_vault_is_dirty (fixture->vault));
  {
    g_autoptr(GPtrArray) warnings = rv_health_check (fixture->vault, NULL);

    for (guint i = 0; i < warnings->len; i++)
      g_assert_cmpint (((RvHealthWarning *) warnings->pdata[i])->kind, !=,
                       RV_HEALTH_SHEET_OUT_OF_DATE);
  }

  /* The check before printing writes nothing and records nothing. */
  done = FALSE;
  rv_vault_get_backup_state (fixture->vault)->sheet_printed_at = 0;
  rv_sheet_print_check_async (fixture->vault, NULL, TRUE, RV_SHEET_PAPER_A4, NULL,
                              check_done_cb, &done);
  g_assert_true (rv_gui_test_wait_for (&done, 60000));
  g_assert_cmpint (rv_vault_get_backup_state (fixture->vault)->sheet_printed_at, ==, 0);
}

static void
test_dialog (Fixture       *fixture,
             gconstpointer  data)
{
  AdwMessageDialog *dialog = rv_sheet_print_dialog_new (NULL, fixture->vault);
  GtkWidget *check;

  g_object_ref_sink (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (rv_gui_test_wait_mapped (GTK_WIDGET (dialog)));
  g_assert_true (adw_message_dialog_has_response (dialog, "print"));
  g_assert_true (adw_message_dialog_has_response (dialog, "export"));
  check = rv_gui_test_find_first (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON);
  g_assert_nonnull (check);
  /* QR codes are a choice, off unless asked for. */
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  g_assert_cmpstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (check)), ==,
                   "Include _QR codes to set up a new phone");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  rv_gui_test_run_for (50);
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

  g_test_add ("/sheet-print/print-operation", Fixture, NULL, fixture_setup, test_print_operation,
              fixture_teardown);
  g_test_add ("/sheet-print/export-pdf", Fixture, NULL, fixture_setup, test_export_pdf,
              fixture_teardown);
  g_test_add ("/sheet-print/dialog", Fixture, NULL, fixture_setup, test_dialog,
              fixture_teardown);

  return g_test_run ();
}
