/* test-icon-pack.c: icon packs in Aegis's format, and hostile ones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every pack is made here: a zip written with libarchive holding a pack.json
 * and small SVG images drawn by this file.
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rv-icon-pack.h"

#define UUID "3a3c9d6e-4d2b-4f59-9d7e-5b7f0b6f1a01"

typedef struct
{
  const char *name;
  const char *data;   /* NULL: a directory */
  gsize       length; /* 0: strlen (data) */
} Entry;

static char *tmp_dir;

static char *
svg (const char *colour)
{
  return g_strdup_printf ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"32\" height=\"32\">"
                          "<circle cx=\"16\" cy=\"16\" r=\"14\" fill=\"%s\"/></svg>", colour);
}

static char *
write_zip (const char  *file,
           const Entry *entries,
           guint        n_entries)
{
  char *path = g_build_filename (tmp_dir, file, NULL);
  struct archive *zip = archive_write_new ();

  g_assert_cmpint (archive_write_set_format_zip (zip), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_open_filename (zip, path), ==, ARCHIVE_OK);
  for (guint i = 0; i < n_entries; i++)
    {
      struct archive_entry *entry = archive_entry_new ();
      gsize length = entries[i].length ? entries[i].length :
                     (entries[i].data ? strlen (entries[i].data) : 0);

      archive_entry_set_pathname (entry, entries[i].name);
      archive_entry_set_filetype (entry, entries[i].data ? AE_IFREG : AE_IFDIR);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_size (entry, length);
      g_assert_cmpint (archive_write_header (zip, entry), ==, ARCHIVE_OK);
      if (entries[i].data != NULL)
        g_assert_cmpint (archive_write_data (zip, entries[i].data, length), ==, (la_ssize_t) length);
      archive_entry_free (entry);
    }
  g_assert_cmpint (archive_write_close (zip), ==, ARCHIVE_OK);
  archive_write_free (zip);
  return path;
}

static const char *manifest =
  "{ \"uuid\": \"" UUID "\", \"name\": \"Test icons\", \"version\": 3,\n"
  "  \"icons\": [\n"
  "    { \"filename\": \"SVG/GitHub.svg\", \"category\": \"Development\","
  "      \"issuer\": [ \"github\" ] },\n"
  "    { \"filename\": \"SVG/Git.svg\", \"category\": null, \"issuer\": [ \"git\" ] },\n"
  "    { \"filename\": \"SVG/Google.svg\", \"issuer\": [ \"google\", \"gmail\" ] },\n"
  "    { \"filename\": \"SVG/GoogleCloud.svg\", \"category\": \"Cloud\","
  "      \"issuer\": [ \"Google Cloud\" ] },\n"
  "    { \"filename\": \"PNG/X.png\", \"category\": \"Social\", \"issuer\": [ \"X\" ] }\n"
  "  ] }";

static char *
write_good_pack (const char *file)
{
  g_autofree char *blue = svg ("#3584e4");
  g_autofree char *red = svg ("#e01b24");
  g_autofree char *green = svg ("#2ec27e");
  const Entry entries[] = {
    { "SVG", NULL, 0 },
    { "SVG/GitHub.svg", blue, 0 },
    { "SVG/Git.svg", red, 0 },
    { "SVG/Google.svg", green, 0 },
    { "SVG/GoogleCloud.svg", blue, 0 },
    { "PNG/X.png", "\x89PNG\r\n\x1a\n-not-really", 0 },
    { "README.txt", "not listed, not read", 0 },
    { "pack.json", manifest, 0 },
  };

  return write_zip (file, entries, G_N_ELEMENTS (entries));
}

static void
test_icon_pack_parse (void)
{
  g_autofree char *path = write_good_pack ("good.zip");
  g_autofree char *blue = svg ("#3584e4");
  g_autoptr(GError) error = NULL;
  g_autoptr(RvIconPack) pack = rv_icon_pack_new_from_zip (path, &error);
  const RvIcon *icon;

  g_assert_no_error (error);
  g_assert_nonnull (pack);
  g_assert_cmpstr (rv_icon_pack_get_uuid (pack), ==, UUID);
  g_assert_cmpstr (rv_icon_pack_get_name (pack), ==, "Test icons");
  g_assert_cmpint (rv_icon_pack_get_version (pack), ==, 3);
  g_assert_cmpuint (rv_icon_pack_get_n_icons (pack), ==, 5);

  icon = rv_icon_pack_get_icon (pack, 0);
  g_assert_cmpstr (icon->filename, ==, "SVG/GitHub.svg");
  g_assert_cmpstr (icon->category, ==, "Development");
  g_assert_cmpstrv (icon->issuers, ((const char *[]) { "github", NULL }));
  g_assert_cmpint (icon->type, ==, RV_ICON_TYPE_SVG);
  g_assert_cmpmem (g_bytes_get_data (icon->data, NULL), g_bytes_get_size (icon->data),
                   blue, strlen (blue));

  icon = rv_icon_pack_get_icon (pack, 1);
  g_assert_null (icon->category);
  icon = rv_icon_pack_get_icon (pack, 2);
  g_assert_null (icon->category);
  g_assert_cmpstrv (icon->issuers, ((const char *[]) { "google", "gmail", NULL }));
  icon = rv_icon_pack_get_icon (pack, 4);
  g_assert_cmpint (icon->type, ==, RV_ICON_TYPE_PNG);
  g_unlink (path);
}

static const char *
matched (RvIconPack *pack,
         const char *issuer)
{
  const RvIcon *icon = rv_icon_pack_match (pack, issuer);

  return icon != NULL ? icon->filename : NULL;
}

static void
test_icon_pack_match (void)
{
  g_autofree char *path = write_good_pack ("match.zip");
  g_autoptr(RvIconPack) pack = rv_icon_pack_new_from_zip (path, NULL);

  g_assert_nonnull (pack);
  /* Exact, whatever the case and the spaces around. */
  g_assert_cmpstr (matched (pack, "GitHub"), ==, "SVG/GitHub.svg");
  g_assert_cmpstr (matched (pack, "  GITHUB "), ==, "SVG/GitHub.svg");
  g_assert_cmpstr (matched (pack, "git"), ==, "SVG/Git.svg");
  g_assert_cmpstr (matched (pack, "Gmail"), ==, "SVG/Google.svg");
  g_assert_cmpstr (matched (pack, "x"), ==, "PNG/X.png");
  /* An exact match beats a longer partial one ("google" is in "Google Cloud"). */
  g_assert_cmpstr (matched (pack, "Google"), ==, "SVG/Google.svg");
  /* Partial, either way; the longest listed issuer wins. */
  g_assert_cmpstr (matched (pack, "GitHub Enterprise"), ==, "SVG/GitHub.svg");
  g_assert_cmpstr (matched (pack, "Google Cloud Platform"), ==, "SVG/GoogleCloud.svg");
  g_assert_cmpstr (matched (pack, "Cloud"), ==, "SVG/GoogleCloud.svg");
  /* Too short to match partially: "X" is not in every issuer with an x. */
  g_assert_null (matched (pack, "Xbox Live"));
  g_assert_null (matched (pack, "gi"));
  /* Nothing for nothing. */
  g_assert_null (matched (pack, "PyPI"));
  g_assert_null (matched (pack, ""));
  g_assert_null (matched (pack, "   "));
  g_assert_null (matched (pack, NULL));
  g_unlink (path);
}

static void
test_icon_packs_dir (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "packs", NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *other = g_strdup_printf (
    "{ \"uuid\": \"%s\", \"name\": \"Second\", \"version\": 1, \"icons\": ["
    "  { \"filename\": \"gh.svg\", \"issuer\": [ \"GitHub\" ] },"
    "  { \"filename\": \"pypi.svg\", \"issuer\": [ \"PyPI\" ] } ] }",
    "0f3c9d6e-4d2b-4f59-9d7e-5b7f0b6f1a02");
  g_autofree char *image = svg ("#9141ac");
  const Entry second[] = {
    { "gh.svg", image, 0 }, { "pypi.svg", image, 0 }, { "pack.json", other, 0 },
  };
  const Entry bad[] = { { "pack.json", "{ not json", 0 } };
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GPtrArray) packs = NULL;
  g_autofree char *dir_a = NULL;
  const RvIcon *icon;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  dir_a = g_build_filename ("packs", "a.zip", NULL);
  a = write_good_pack (dir_a);
  b = write_zip ("packs/b.zip", second, G_N_ELEMENTS (second));
  broken = write_zip ("packs/0-broken.zip", bad, G_N_ELEMENTS (bad));

  packs = rv_icon_packs_load_dir (dir, errors);
  g_assert_cmpuint (packs->len, ==, 2);
  g_assert_cmpstr (rv_icon_pack_get_name (g_ptr_array_index (packs, 0)), ==, "Test icons");
  g_assert_cmpstr (rv_icon_pack_get_name (g_ptr_array_index (packs, 1)), ==, "Second");
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_error ((GError *) g_ptr_array_index (errors, 0), RV_ICON_PACK_ERROR,
                  RV_ICON_PACK_ERROR_INVALID);

  /* The first pack wins a tie; a later pack fills what the first lacks. */
  icon = rv_icon_packs_match (packs, "GitHub");
  g_assert_cmpstr (icon->filename, ==, "SVG/GitHub.svg");
  icon = rv_icon_packs_match (packs, "pypi");
  g_assert_cmpstr (icon->filename, ==, "pypi.svg");
  g_assert_null (rv_icon_packs_match (packs, "npm"));

  g_unlink (a);
  g_unlink (b);
  g_unlink (broken);
  g_rmdir (dir);
}

static void
assert_refused (const Entry *entries,
                guint        n_entries,
                gint         code,
                const char  *in_message)
{
  g_autofree char *path = write_zip ("hostile.zip", entries, n_entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(RvIconPack) pack = rv_icon_pack_new_from_zip (path, &error);

  g_assert_null (pack);
  g_assert_error (error, RV_ICON_PACK_ERROR, code);
  if (strstr (error->message, in_message) == NULL)
    g_error ("“%s” not in “%s”", in_message, error->message);
  g_unlink (path);
}

static char *
manifest_for (const char *filename)
{
  return g_strdup_printf ("{ \"uuid\": \"" UUID "\", \"name\": \"Hostile\", \"version\": 1, "
                          "\"icons\": [ { \"filename\": \"%s\", \"issuer\": [ \"evil\" ] } ] }",
                          filename);
}

static void
test_icon_pack_hostile_names (void)
{
  g_autofree char *image = svg ("#000000");
  g_autofree char *ok = manifest_for ("a.svg");
  g_autofree char *climbs = manifest_for ("SVG/../../../.bashrc.svg");
  g_autofree char *absolute = manifest_for ("/etc/evil.svg");
  g_autofree char *windows = manifest_for ("..\\\\evil.svg");
  const Entry traversal[] = { { "../evil.svg", image, 0 }, { "pack.json", ok, 0 } };
  const Entry deep[] = { { "SVG/../../evil.svg", image, 0 }, { "pack.json", ok, 0 } };
  const Entry slash[] = { { "/tmp/evil.svg", image, 0 }, { "pack.json", ok, 0 } };
  const Entry backslash[] = { { "..\\evil.svg", image, 0 }, { "pack.json", ok, 0 } };
  const Entry listed_climbs[] = { { "a.svg", image, 0 }, { "pack.json", climbs, 0 } };
  const Entry listed_absolute[] = { { "a.svg", image, 0 }, { "pack.json", absolute, 0 } };
  const Entry listed_backslash[] = { { "a.svg", image, 0 }, { "pack.json", windows, 0 } };
  const Entry twice[] = { { "a.svg", image, 0 }, { "a.svg", image, 0 }, { "pack.json", ok, 0 } };

  assert_refused (traversal, G_N_ELEMENTS (traversal), RV_ICON_PACK_ERROR_UNSAFE_NAME,
                  "outside the pack");
  assert_refused (deep, G_N_ELEMENTS (deep), RV_ICON_PACK_ERROR_UNSAFE_NAME, "outside the pack");
  assert_refused (slash, G_N_ELEMENTS (slash), RV_ICON_PACK_ERROR_UNSAFE_NAME, "absolute path");
  /* libarchive reads a zip's backslashes as slashes: refused as climbing out. */
  assert_refused (backslash, G_N_ELEMENTS (backslash), RV_ICON_PACK_ERROR_UNSAFE_NAME,
                  "outside the pack");
  assert_refused (listed_backslash, G_N_ELEMENTS (listed_backslash),
                  RV_ICON_PACK_ERROR_UNSAFE_NAME, "not allowed");
  assert_refused (listed_climbs, G_N_ELEMENTS (listed_climbs), RV_ICON_PACK_ERROR_UNSAFE_NAME,
                  "icon 1");
  assert_refused (listed_absolute, G_N_ELEMENTS (listed_absolute),
                  RV_ICON_PACK_ERROR_UNSAFE_NAME, "absolute path");
  assert_refused (twice, G_N_ELEMENTS (twice), RV_ICON_PACK_ERROR_INVALID, "twice");
}

static void
test_icon_pack_hostile_sizes (void)
{
  gsize big_icon = RV_ICON_PACK_MAX_ICON_SIZE + 1;
  gsize big_manifest = RV_ICON_PACK_MAX_MANIFEST_SIZE + 1;
  g_autofree char *zeros = g_malloc0 (big_icon);
  g_autofree char *spaces = g_malloc (big_manifest);
  g_autofree char *ok = manifest_for ("a.svg");
  const Entry huge_icon[] = { { "a.svg", zeros, big_icon }, { "pack.json", ok, 0 } };
  const Entry huge_manifest[] = { { "pack.json", spaces, big_manifest } };

  memset (spaces, ' ', big_manifest);
  /* Deflated, these are a few KiB: the limits hold for what is inflated. */
  assert_refused (huge_icon, G_N_ELEMENTS (huge_icon), RV_ICON_PACK_ERROR_TOO_LARGE, "a.svg");
  assert_refused (huge_manifest, G_N_ELEMENTS (huge_manifest), RV_ICON_PACK_ERROR_TOO_LARGE,
                  "pack.json");
}

static void
test_icon_pack_hostile_content (void)
{
  g_autofree char *image = svg ("#000000");
  g_autofree char *ok = manifest_for ("a.svg");
  g_autofree char *exe = manifest_for ("a.exe");
  const Entry bad_json[] = { { "a.svg", image, 0 }, { "pack.json", "{ \"uuid\": ", 0 } };
  const Entry no_manifest[] = { { "a.svg", image, 0 } };
  const Entry missing[] = { { "b.svg", image, 0 }, { "pack.json", ok, 0 } };
  const Entry not_image[] = { { "a.exe", image, 0 }, { "pack.json", exe, 0 } };
  const Entry bad_uuid[] = {
    { "pack.json", "{ \"uuid\": \"nope\", \"name\": \"x\", \"version\": 1, \"icons\": [] }", 0 },
  };
  const Entry bad_issuer[] = {
    { "a.svg", image, 0 },
    { "pack.json", "{ \"uuid\": \"" UUID "\", \"name\": \"x\", \"version\": 1, \"icons\": "
                   "[ { \"filename\": \"a.svg\", \"issuer\": [ 3 ] } ] }", 0 },
  };
  g_autofree char *not_zip = g_build_filename (tmp_dir, "not-a.zip", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RvIconPack) pack = NULL;

  assert_refused (bad_json, G_N_ELEMENTS (bad_json), RV_ICON_PACK_ERROR_INVALID, "not JSON");
  assert_refused (no_manifest, G_N_ELEMENTS (no_manifest), RV_ICON_PACK_ERROR_NO_MANIFEST,
                  "pack.json");
  assert_refused (missing, G_N_ELEMENTS (missing), RV_ICON_PACK_ERROR_MISSING_ICON, "a.svg");
  assert_refused (not_image, G_N_ELEMENTS (not_image), RV_ICON_PACK_ERROR_INVALID, "SVG, PNG");
  assert_refused (bad_uuid, G_N_ELEMENTS (bad_uuid), RV_ICON_PACK_ERROR_INVALID, "uuid");
  assert_refused (bad_issuer, G_N_ELEMENTS (bad_issuer), RV_ICON_PACK_ERROR_INVALID,
                  "issuer 1");

  g_assert_true (g_file_set_contents (not_zip, "1234 5678 badc0ffee0ddf00d", -1, NULL));
  pack = rv_icon_pack_new_from_zip (not_zip, &error);
  g_assert_null (pack);
  g_assert_error (error, RV_ICON_PACK_ERROR, RV_ICON_PACK_ERROR_ARCHIVE);
  g_unlink (not_zip);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("rv-icon-pack-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/icon-pack/parse", test_icon_pack_parse);
  g_test_add_func ("/icon-pack/match", test_icon_pack_match);
  g_test_add_func ("/icon-pack/dir", test_icon_packs_dir);
  g_test_add_func ("/icon-pack/hostile-names", test_icon_pack_hostile_names);
  g_test_add_func ("/icon-pack/hostile-sizes", test_icon_pack_hostile_sizes);
  g_test_add_func ("/icon-pack/hostile-content", test_icon_pack_hostile_content);
  status = g_test_run ();

  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
