/* test-account-avatar.c: every account row shows a recognisable avatar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rv-account-avatar.h"
#include "rv-account-row.h"
#include "rv-gui-test-util.h"
#include "rv-icon-pack.h"
#include "rv-otp-uri.h"

/* The initials AdwAvatar draws (its label). */
static const char *
shown_initials (GtkWidget *avatar)
{
  g_autoptr(GPtrArray) labels = rv_gui_test_find_all (avatar, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_get_visible (g_ptr_array_index (labels, i)))
      return gtk_label_get_text (g_ptr_array_index (labels, i));
  return NULL;
}

/* The "colorN" style class AdwAvatar picks for its text. */
static char *
colour_class (GtkWidget *avatar)
{
  g_autoptr(GPtrArray) all = rv_gui_test_find_all (avatar, GTK_TYPE_WIDGET);

  g_ptr_array_add (all, avatar);
  for (guint i = 0; i < all->len; i++)
    {
      g_auto(GStrv) classes = gtk_widget_get_css_classes (g_ptr_array_index (all, i));

      for (guint j = 0; classes[j] != NULL; j++)
        if (g_str_has_prefix (classes[j], "color") && g_ascii_isdigit (classes[j][5]))
          return g_strdup (classes[j]);
    }
  return NULL;
}

static void
test_avatar_initials (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *a = rv_account_avatar_new (32);
  GtkWidget *b = rv_account_avatar_new (32);
  GtkWidget *c = rv_account_avatar_new (32);
  GtkWidget *d = rv_account_avatar_new (32);
  g_autofree char *colour_a = NULL;
  g_autofree char *colour_b = NULL;

  rv_account_avatar_set_icon_packs (g_ptr_array_new ());
  gtk_box_append (GTK_BOX (box), a);
  gtk_box_append (GTK_BOX (box), b);
  gtk_box_append (GTK_BOX (box), c);
  gtk_box_append (GTK_BOX (box), d);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));

  rv_account_avatar_set_issuer (RV_ACCOUNT_AVATAR (a), "Example Bank", "alice");
  rv_account_avatar_set_issuer (RV_ACCOUNT_AVATAR (b), "Example Bank", "bob");
  rv_account_avatar_set_issuer (RV_ACCOUNT_AVATAR (c), "  ", "alice");
  rv_account_avatar_set_issuer (RV_ACCOUNT_AVATAR (d), NULL, NULL);
  g_assert_true (rv_gui_test_wait_mapped (d));

  g_assert_cmpstr (shown_initials (a), ==, "EB");
  g_assert_cmpstr (rv_account_avatar_get_text (RV_ACCOUNT_AVATAR (a)), ==, "Example Bank");
  g_assert_false (rv_account_avatar_has_pack_icon (RV_ACCOUNT_AVATAR (a)));
  /* The same issuer, the same colour. */
  colour_a = colour_class (a);
  colour_b = colour_class (b);
  g_assert_nonnull (colour_a);
  g_assert_cmpstr (colour_a, ==, colour_b);
  /* No issuer: the account name's initial. */
  g_assert_cmpstr (shown_initials (c), ==, "A");
  g_assert_cmpstr (rv_account_avatar_get_text (RV_ACCOUNT_AVATAR (d)), ==, "");

  gtk_window_destroy (GTK_WINDOW (window));
  rv_account_avatar_set_icon_packs (NULL);
}

static GBytes *
red_png (void)
{
  g_autoptr(GBytes) pixels = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guint8 *data = g_malloc (16 * 16 * 4);

  for (guint i = 0; i < 16 * 16; i++)
    memcpy (data + 4 * i, "\xe0\x1b\x24\xff", 4);
  pixels = g_bytes_new_take (data, 16 * 16 * 4);
  texture = gdk_memory_texture_new (16, 16, GDK_MEMORY_R8G8B8A8, pixels, 16 * 4);
  return gdk_texture_save_to_png_bytes (texture);
}

static void
add_entry (struct archive *zip,
           const char     *name,
           gconstpointer   data,
           gsize           length)
{
  struct archive_entry *entry = archive_entry_new ();

  archive_entry_set_pathname (entry, name);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, length);
  g_assert_cmpint (archive_write_header (zip, entry), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_data (zip, data, length), ==, (la_ssize_t) length);
  archive_entry_free (entry);
}

static void
test_avatar_pack_icon (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rv-avatar-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "pack.zip", NULL);
  g_autoptr(GBytes) png = red_png ();
  const char *manifest =
    "{ \"uuid\": \"3a3c9d6e-4d2b-4f59-9d7e-5b7f0b6f1a01\", \"name\": \"Test\", \"version\": 1,"
    "  \"icons\": [ { \"filename\": \"PNG/GitHub.png\", \"issuer\": [ \"github\" ] } ] }";
  const char *github_uri = "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub";
  struct archive *zip = archive_write_new ();
  g_autoptr(GPtrArray) packs = g_ptr_array_new_with_free_func ((GDestroyNotify) rv_icon_pack_unref);
  g_autoptr(RvAccount) account = NULL;
  g_autoptr(RvOtpParams) params = NULL;
  GtkWidget *row;
  GtkWidget *avatar;
  GtkWidget *window = gtk_window_new ();

  g_assert_no_error (error);
  archive_write_set_format_zip (zip);
  g_assert_cmpint (archive_write_open_filename (zip, path), ==, ARCHIVE_OK);
  add_entry (zip, "PNG/GitHub.png", g_bytes_get_data (png, NULL), g_bytes_get_size (png));
  add_entry (zip, "pack.json", manifest, strlen (manifest));
  archive_write_close (zip);
  archive_write_free (zip);
  g_ptr_array_add (packs, rv_icon_pack_new_from_zip (path, &error));
  g_assert_no_error (error);
  rv_account_avatar_set_icon_packs (packs);

  /* A row for a GitHub account shows the pack's icon... */
  params = rv_otp_uri_parse (github_uri, strlen (github_uri), &error);
  g_assert_no_error (error);
  account = rv_account_new_from_otp_params (params);
  row = rv_account_row_new ();
  gtk_window_set_child (GTK_WINDOW (window), row);
  gtk_window_present (GTK_WINDOW (window));
  rv_account_row_set_account (RV_ACCOUNT_ROW (row), account, 1700000000);
  g_assert_true (rv_gui_test_wait_mapped (row));
  avatar = rv_gui_test_find_first (row, RV_TYPE_ACCOUNT_AVATAR);
  g_assert_nonnull (avatar);
  g_assert_true (rv_account_avatar_has_pack_icon (RV_ACCOUNT_AVATAR (avatar)));
  g_assert_nonnull (adw_avatar_get_custom_image (ADW_AVATAR (gtk_widget_get_first_child (avatar))));

  /* ... and one the pack does not know, its initials. */
  rv_account_set_issuer (account, "PyPI");
  rv_account_row_set_account (RV_ACCOUNT_ROW (row), account, 1700000000);
  g_assert_false (rv_account_avatar_has_pack_icon (RV_ACCOUNT_AVATAR (avatar)));
  g_assert_null (adw_avatar_get_custom_image (ADW_AVATAR (gtk_widget_get_first_child (avatar))));
  g_assert_cmpstr (shown_initials (avatar), ==, "P");

  gtk_window_destroy (GTK_WINDOW (window));
  rv_account_avatar_set_icon_packs (NULL);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_row_avatar_initials (void)
{
  g_autoptr(GError) error = NULL;
  const char *uri =
    "otpauth://totp/Example%20Bank:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example%20Bank";
  g_autoptr(RvOtpParams) params = rv_otp_uri_parse (uri, strlen (uri), &error);
  g_autoptr(RvAccount) account = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *row = rv_account_row_new ();
  GtkWidget *avatar;

  g_assert_no_error (error);
  rv_account_avatar_set_icon_packs (g_ptr_array_new ());
  account = rv_account_new_from_otp_params (params);
  gtk_window_set_child (GTK_WINDOW (window), row);
  gtk_window_present (GTK_WINDOW (window));
  rv_account_row_set_account (RV_ACCOUNT_ROW (row), account, 1700000000);
  g_assert_true (rv_gui_test_wait_mapped (row));

  avatar = rv_gui_test_find_first (row, RV_TYPE_ACCOUNT_AVATAR);
  g_assert_nonnull (avatar);
  g_assert_true (gtk_widget_get_mapped (avatar));
  g_assert_cmpstr (shown_initials (avatar), ==, "EB");
  g_assert_cmpint (gtk_widget_get_width (avatar), >=, 32);

  gtk_window_destroy (GTK_WINDOW (window));
  rv_account_avatar_set_icon_packs (NULL);
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

  g_test_add_func ("/account-avatar/initials", test_avatar_initials);
  g_test_add_func ("/account-avatar/pack-icon", test_avatar_pack_icon);
  g_test_add_func ("/account-avatar/row", test_row_avatar_initials);
  return g_test_run ();
}
