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
 * Not read: the app's own backup (authplus.db, a SQLCipher 3 database). It
 * would need libsqlcipher in the process beside libsqlite3, and both export
 * the same sqlite3_* symbols; docs/import.md says so and names the export
 * to make instead.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

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
