/* rv-import-zip.c: one named file read out of a (password-protected) ZIP
 * archive, for the exports that are one (Raivo OTP, Authenticator Plus)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libarchive reads the archive from memory, in both encryptions these apps
 * write: WinZip AES and traditional PKWARE. The names of the files inside are
 * not encrypted, so an archive is recognised before any password is asked.
 * The file is inflated into guarded memory (rv_import_read_all), at most
 * RV_IMPORT_MAX_SIZE bytes (a ZIP bomb stops there with an error).
 * libarchive's messages are not translated and it has no error code for a
 * wrong passphrase: its "Incorrect passphrase" text tells it apart.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "rv-import-private.h"
#include "rv-lazy-archive.h"

typedef struct archive RvZipReader;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RvZipReader, archive_read_free)

gboolean
rv_import_zip_require (GError **error)
{
  return rv_lazy_library_require (&rv_lazy_archive, RV_IMPORT_ERROR,
                                  RV_IMPORT_ERROR_MISSING_LIBRARY,
                                  _("ZIP archives cannot be read"), error);
}

gboolean
rv_import_zip_is_zip (const guint8 *data,
                      gsize         len)
{
  return len >= 4 && memcmp (data, "PK\x03\x04", 4) == 0;
}

static gboolean
is_named (struct archive_entry *entry,
          const char           *file_name)
{
  const char *name = archive_entry_pathname_utf8 (entry);
  const char *base;

  if (name == NULL)
    name = archive_entry_pathname (entry);
  if (name == NULL || archive_entry_filetype (entry) != AE_IFREG)
    return FALSE;
  base = strrchr (name, '/');
  return g_str_equal (base != NULL ? base + 1 : name, file_name);
}

/* Opens the archive and moves to its file_name (in any folder); NULL when
 * the bytes are no ZIP archive holding one (with @error set if given). */
static struct archive *
zip_open (const guint8          *data,
                    gsize                  len,
                    const RvSecret        *password,
                    const char            *file_name,
                    const char            *app_name,
                    struct archive_entry **entry,
                    GError               **error)
{
  g_autoptr(RvZipReader) archive = NULL;
  int status;

  if (!rv_import_zip_is_zip (data, len))
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNKNOWN_FORMAT,
                           _("This is not a ZIP archive"));
      return NULL;
    }
  if (!rv_import_zip_require (error))
    return NULL;
  archive = archive_read_new ();
  archive_read_support_format_zip_seekable (archive);
  if (password != NULL)
    archive_read_add_passphrase (archive, rv_secret_get_string (password));
  if (archive_read_open_memory (archive, data, len) != ARCHIVE_OK)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                   _("The ZIP archive could not be read: %s"), archive_error_string (archive));
      return NULL;
    }
  while ((status = archive_read_next_header (archive, entry)) == ARCHIVE_OK ||
         status == ARCHIVE_WARN)
    if (is_named (*entry, file_name))
      return g_steal_pointer (&archive);
  if (status != ARCHIVE_EOF)
    g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                 _("The ZIP archive could not be read: %s"), archive_error_string (archive));
  else
    /* TRANSLATORS: the first %s is an app (Raivo OTP), the second a file name */
    g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNKNOWN_FORMAT,
                 _("This ZIP archive holds no %s export (%s)"), app_name, file_name);
  return NULL;
}

gboolean
rv_import_zip_holds (const guint8 *data,
                     gsize         len,
                     const char   *file_name,
                     gboolean     *encrypted)
{
  g_autoptr(RvZipReader) archive = NULL;
  struct archive_entry *entry;

  if (!rv_import_zip_is_zip (data, len))
    return FALSE;
  archive = zip_open (data, len, NULL, file_name, "", &entry, NULL);
  if (archive != NULL && encrypted != NULL)
    *encrypted = archive_entry_is_data_encrypted (entry);
  return archive != NULL;
}

static gboolean
read_failed (struct archive        *archive,
             struct archive_entry  *entry,
             const char            *app_name,
             GError               **error)
{
  const char *message = archive_error_string (archive);

  if (archive_entry_is_data_encrypted (entry) && message != NULL &&
      strstr (message, "passphrase") != NULL)
    /* TRANSLATORS: %s is an app (Raivo OTP) */
    g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_WRONG_PASSWORD,
                 _("Wrong password for this %s export"), app_name);
  else
    /* TRANSLATORS: the first %s is an app (Raivo OTP), the second what went wrong */
    g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_DAMAGED,
                 _("This %s export is damaged: %s"), app_name,
                 message != NULL ? message : _("unknown error"));
  return FALSE;
}

typedef struct
{
  struct archive       *archive;
  struct archive_entry *entry;
  const char           *app_name;
} ZipSource;

static gssize
zip_read (gpointer   user_data,
          guint8    *buffer,
          gsize      size,
          GError   **error)
{
  ZipSource *source = user_data;
  la_ssize_t n = archive_read_data (source->archive, buffer, size);

  if (n < 0)
    return read_failed (source->archive, source->entry, source->app_name, error), -1;
  return n;
}

RvSecret *
rv_import_zip_extract (const guint8    *data,
                       gsize            len,
                       const RvSecret  *password,
                       const char      *file_name,
                       const char      *app_name,
                       gboolean        *was_encrypted,
                       GError         **error)
{
  g_autoptr(RvZipReader) archive = NULL;
  struct archive_entry *entry;

  if ((archive = zip_open (data, len, password, file_name, app_name, &entry, error)) == NULL)
    return NULL;
  *was_encrypted = archive_entry_is_data_encrypted (entry);
  if (*was_encrypted && !rv_import_require_password (password, app_name, error))
    return NULL;
  ZipSource source = { archive, entry, app_name };

  /* What the archive declares only sizes the start. */
  return rv_import_read_all (zip_read, &source,
                             archive_entry_size_is_set (entry) && archive_entry_size (entry) > 0 ?
                             (gsize) archive_entry_size (entry) : 0, app_name, error);
}
