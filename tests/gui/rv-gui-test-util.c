/* rv-gui-test-util.c: helpers for the in-process GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rv-gui-test-util.h"
#include "rv-kdf.h"
#include "rv-otp-uri.h"

gboolean
rv_gui_test_init (int    *argc,
                  char ***argv)
{
  const char *display = g_getenv ("DISPLAY");
  const char *wayland = g_getenv ("WAYLAND_DISPLAY");

  /* gtk_test_init aborts without a display: skip instead. */
  if ((display == NULL || *display == '\0') && (wayland == NULL || *wayland == '\0'))
    {
      g_test_init (argc, argv, NULL);
      return FALSE;
    }

  gtk_test_init (argc, argv, NULL);
  adw_init ();
  return TRUE;
}

RvApplication *
rv_gui_test_app_new (void)
{
  g_autoptr(GError) error = NULL;
  RvApplication *app = rv_application_new ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  return app;
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
rv_gui_test_wait_for (gboolean *flag,
                      guint     timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);

  return *flag;
}

void
rv_gui_test_run_for (guint ms)
{
  gboolean never = FALSE;

  rv_gui_test_wait_for (&never, ms);
}

gboolean
rv_gui_test_wait_mapped (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while ((!gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) <= 0) &&
         g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

static void
find_all (GtkWidget *widget,
          GType      type,
          GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_type_is_a (G_OBJECT_TYPE (child), type))
        g_ptr_array_add (found, child);
      find_all (child, type, found);
    }
}

GPtrArray *
rv_gui_test_find_all (GtkWidget *root,
                      GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  find_all (root, type, found);
  return found;
}

GtkWidget *
rv_gui_test_find_first (GtkWidget *root,
                        GType      type)
{
  g_autoptr(GPtrArray) found = rv_gui_test_find_all (root, type);

  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

RvVault *
rv_gui_test_create_vault (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvSecret) password = rv_secret_new_from_string (RV_GUI_TEST_PASSWORD);
  RvKdfParams kdf;
  RvVault *vault;

  /* The cheapest Argon2id the format accepts: tests are not about the KDF. */
  rv_kdf_params_interactive (&kdf);
  kdf.opslimit = 1;
  kdf.memlimit = 8192;

  vault = rv_vault_create_full (path, password, &kdf, &error);
  g_assert_no_error (error);
  g_assert_nonnull (vault);

  return vault;
}

RvAccount *
rv_gui_test_add_uri (RvVault    *vault,
                     const char *uri)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvOtpParams) params = rv_otp_uri_parse (uri, strlen (uri), &error);
  g_autoptr(RvAccount) account = NULL;

  g_assert_no_error (error);
  account = rv_account_new_from_otp_params (params);
  rv_vault_add_account (vault, account);

  return account;
}

typedef struct
{
  char     *text;
  gboolean  done;
} ReadData;

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  ReadData *data = user_data;

  data->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  data->done = TRUE;
}

char *
rv_gui_test_read_clipboard (GdkClipboard *clipboard)
{
  ReadData data = { NULL, FALSE };

  gdk_clipboard_read_text_async (clipboard, NULL, read_cb, &data);
  g_assert_true (rv_gui_test_wait_for (&data.done, 5000));

  return data.text;
}
