/* rv-import-authplus.c: Authenticator Plus's export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Authenticator Plus (Android) exports its accounts as a ZIP archive
 * protected by the backup password, holding Accounts.txt: one otpauth://
 * URI per account (its categories are not in the export). This is the file
 * Aegis reads too. The archive is read by rv-import-zip.c, the URIs by the
 * URI list importer, so every URI parameter reads as it does there.
 *
 * The app's own backup (authplus.db, a SQLCipher 3 database) is read at the
 * end of this file, through a helper process.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib-unix.h>
#include <gio/gio.h>

#include <glib/gstdio.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "rv-import-private.h"

RvImportResult *
rv_import_authplus_parse (const guint8    *data,
                          gsize            len,
                          const RvSecret  *password,
                          GError         **error)
{
  g_autoptr(RvSecret) text = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean encrypted = FALSE;
  RvImportResult *result;

  if ((text = rv_import_zip_extract (data, len, password, RV_IMPORT_AUTHPLUS_ZIP_FILE,
                                     "Authenticator Plus", &encrypted, error)) == NULL)
    return NULL;
  result = rv_import_urilist_parse (rv_secret_get_data (text), rv_secret_get_size (text),
                                    &local_error);
  if (result == NULL)
    {
      /* The URIs are the damaged part: say where they are. */
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                   /* TRANSLATORS: %s is a file name (Accounts.txt), then an error */
                   _("%s in this Authenticator Plus export is damaged: %s"),
                   RV_IMPORT_AUTHPLUS_ZIP_FILE, local_error->message);
      return NULL;
    }
  result->format = RV_IMPORT_FORMAT_AUTHPLUS;
  result->was_encrypted = encrypted;
  return result;
}

/* The app's own backup (authplus.db): a SQLCipher 3 database, read by
 * rv-sqlcipher-reader in a process of its own (see its header for why and
 * how). It looks like random bytes, so it is never detected: it is read
 * when its format is chosen. */

#define READER_EXIT_WRONG_KEY   2
#define READER_EXIT_NO_ACCOUNTS 3
#define MAX_PASSWORD            4096

static char *
reader_path (void)
{
  const char *path = g_getenv ("RV_SQLCIPHER_READER");

  if (path != NULL && path[0] != '\0')
    return g_strdup (path);
  return g_build_filename (PKGLIBEXECDIR, "rv-sqlcipher-reader", NULL);
}

/* The database, still encrypted, copied into a private folder (0700, in
 * the user's runtime folder when there is one) for the helper: SQLite opens
 * files by name and resolves /proc/self/fd links to a name it cannot open,
 * so a memfd does not do. The copy reveals nothing the chosen file does not;
 * it is removed as soon as the helper is done. NULL with @error set. */
static char *
write_database (const guint8  *data,
                gsize          len,
                GError       **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_runtime_dir (), "rv-authplus-XXXXXX",
                                           NULL);
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;

  if (g_mkdtemp_full (dir, 0700) == NULL)
    {
      g_free (dir);
      dir = g_build_filename (g_get_tmp_dir (), "rv-authplus-XXXXXX", NULL);
      if (g_mkdtemp_full (dir, 0700) == NULL)
        {
          int saved = errno;

          g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNSUPPORTED_CRYPTO,
                       _("The Authenticator Plus backup could not be handed to its reader: %s"),
                       g_strerror (saved));
          return NULL;
        }
    }
  path = g_build_filename (dir, "authplus.db", NULL);
  if (!g_file_set_contents_full (path, (const char *) data, len, G_FILE_SET_CONTENTS_NONE, 0600,
                                 &local_error))
    {
      g_rmdir (dir);
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNSUPPORTED_CRYPTO,
                   _("The Authenticator Plus backup could not be handed to its reader: %s"),
                   local_error->message);
      return NULL;
    }
  return g_steal_pointer (&path);
}

static void
remove_database (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

/* A pipe already holding the password (shorter than a pipe's buffer), its
 * write end closed: the helper reads it to the end. -1 on failure. */
static int
password_fd (const RvSecret *password)
{
  int fds[2];
  gsize len = rv_secret_get_size (password), done = 0;

  if (!g_unix_open_pipe (fds, FD_CLOEXEC, NULL))
    return -1;
  while (done < len)
    {
      ssize_t n = write (fds[1], rv_secret_get_data (password) + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          close (fds[0]);
          close (fds[1]);
          return -1;
        }
      done += n;
    }
  close (fds[1]);
  return fds[0];
}

static gssize
stream_read (gpointer   stream,
             guint8    *buffer,
             gsize      size,
             GError   **error)
{
  return g_input_stream_read (stream, buffer, size, NULL, error);
}

static gboolean
convert_account (RvImportResult  *result,
                 JsonObject      *object,
                 guint            index,
                 GError         **error)
{
  g_autofree char *where = g_strdup_printf ("account %u", index);
  g_autoptr(RvOtpParams) params = rv_otp_params_new (RV_OTP_KIND_TOTP);
  g_auto(RvImportEntry) entry = { 0 };
  const char *email, *issuer, *secret;

  if (!rv_import_json_get_string (object, "email", where, &email, error) ||
      !rv_import_json_get_string (object, "issuer", where, &issuer, error) ||
      !rv_import_json_get_string (object, "secret", where, &secret, error))
    return FALSE;
  rv_import_entry_init (&entry, result, index, issuer, email);
  params->issuer = g_strdup (issuer);
  params->account_name = g_strdup (email);
  if ((params->secret = rv_import_entry_base32 (&entry, secret)) != NULL)
    rv_import_entry_add (&entry, params, NULL, NULL);
  return TRUE;
}

RvImportResult *
rv_import_authplus_db_convert (const guint8  *data,
                               gsize          len,
                               GError       **error)
{
  g_autoptr(RvImportResult) result = rv_import_result_new (RV_IMPORT_FORMAT_AUTHPLUS_DB);
  g_autoptr(RvJsonTree) root = rv_import_json_parse (data, len, error);
  JsonArray *accounts;

  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                           _("The accounts read from this Authenticator Plus backup are not a "
                             "list"));
      return NULL;
    }
  accounts = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (accounts); i++)
    {
      JsonNode *node = json_array_get_element (accounts, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                       _("account %u: not an object"), i + 1);
          return NULL;
        }
      if (!convert_account (result, json_node_get_object (node), i + 1, error))
        return NULL;
    }
  if (result->accounts->len > 0)
    g_ptr_array_add (result->warnings,
                     g_strdup (_("An Authenticator Plus backup does not say which accounts "
                                 "count (HOTP) or use other settings: every account was read "
                                 "as a 6-digit code every 30 seconds (TOTP, SHA-1). Check "
                                 "each code once against the service.")));
  result->was_encrypted = TRUE;
  return g_steal_pointer (&result);
}

RvImportResult *
rv_import_authplus_db_parse (const guint8    *data,
                             gsize            len,
                             const RvSecret  *password,
                             GError         **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(RvSecret) output = NULL;
  g_autofree char *path = NULL;
  g_autofree char *database = NULL;
  gboolean waited;
  int key_fd, status;

  if (!rv_import_require_password (password, "Authenticator Plus", error))
    return NULL;
  if (rv_secret_get_size (password) >= MAX_PASSWORD)
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_WRONG_PASSWORD,
                           _("This password is too long for an Authenticator Plus backup"));
      return NULL;
    }
  path = reader_path ();
  if (!g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNSUPPORTED_CRYPTO,
                   _("Reading an Authenticator Plus backup needs %s, which is not installed"),
                   path);
      return NULL;
    }
  if ((key_fd = password_fd (password)) < 0)
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNSUPPORTED_CRYPTO,
                           _("The password could not be handed to the Authenticator Plus "
                             "backup reader"));
      return NULL;
    }

  /* The helper's stderr names SQLite errors, never secrets; it is left out
   * of the app's log all the same. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_take_fd (launcher, key_fd, 3);
  if ((database = write_database (data, len, error)) == NULL)
    return NULL;
  reader = g_subprocess_launcher_spawn (launcher, &local_error, path, database, NULL);
  if (reader == NULL)
    {
      remove_database (database);
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNSUPPORTED_CRYPTO,
                   _("The Authenticator Plus backup reader could not be started: %s"),
                   local_error->message);
      return NULL;
    }
  output = rv_import_read_all (stream_read, g_subprocess_get_stdout_pipe (reader), 0,
                               "Authenticator Plus", error);
  if (output == NULL)
    g_subprocess_force_exit (reader);
  waited = g_subprocess_wait (reader, NULL, output != NULL ? error : NULL);
  remove_database (database);
  if (output == NULL || !waited)
    return NULL;
  status = g_subprocess_get_if_exited (reader) ? g_subprocess_get_exit_status (reader) : -1;
  switch (status)
    {
    case 0:
      return rv_import_authplus_db_convert (rv_secret_get_data (output),
                                            rv_secret_get_size (output), error);
    case READER_EXIT_WRONG_KEY:
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_WRONG_PASSWORD,
                           _("Wrong password for this Authenticator Plus backup (or the file "
                             "is no such backup)"));
      return NULL;
    case READER_EXIT_NO_ACCOUNTS:
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                           _("This database opens but holds no Authenticator Plus accounts "
                             "table"));
      return NULL;
    default:
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_DAMAGED,
                           _("This Authenticator Plus backup is damaged: its database could "
                             "not be read"));
      return NULL;
    }
}

RvImportResult *
rv_import_authplus_db_parse_zip (const guint8    *data,
                                 gsize            len,
                                 const RvSecret  *password,
                                 GError         **error)
{
  g_autoptr(RvSecret) db = NULL;
  gboolean encrypted = FALSE;

  /* The database inside is encrypted whether the archive is or not: one
   * password, the backup's, is asked for and opens both. */
  if (!rv_import_require_password (password, "Authenticator Plus", error))
    return NULL;
  if ((db = rv_import_zip_extract (data, len, password, RV_IMPORT_AUTHPLUS_DB_FILE,
                                   "Authenticator Plus", &encrypted, error)) == NULL)
    return NULL;
  return rv_import_authplus_db_parse (rv_secret_get_data (db), rv_secret_get_size (db), password,
                                      error);
}
