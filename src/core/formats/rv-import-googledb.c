/* rv-import-googledb.c: Google Authenticator's own database (Android,
 * databases/databases), an SQLite file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Table "accounts": email ("issuer:name" or a name), secret (base32),
 * counter, type (0 TOTP, 1 HOTP), issuer, and in newer versions
 * isencrypted (secrets sealed with a key in the Android keystore: those
 * rows cannot be read off the device and are listed as rejected). SHA1,
 * 6 digits, 30 s. Opened from memory (rv-import-sqlite.c).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "rv-import-private.h"
#include "rv-util.h"

#define GOOGLE_COLUMNS "email, secret, counter, type, issuer"

gboolean
rv_import_googledb_detect (const guint8 *data,
                           gsize         len)
{
  return rv_import_sqlite_detect (data, len, "accounts", GOOGLE_COLUMNS);
}

static void
convert_row (RvImportResult *result,
             sqlite3_stmt   *stmt,
             guint           index,
             gpointer        user_data)
{
  gboolean has_encrypted = GPOINTER_TO_INT (user_data);
  g_autoptr(RvOtpParams) params = rv_otp_params_new (RV_OTP_KIND_TOTP);
  g_auto(RvImportEntry) entry = { 0 };
  const char *email = (const char *) sqlite3_column_text (stmt, 0);
  const char *secret = (const char *) sqlite3_column_text (stmt, 1);
  sqlite3_int64 counter = sqlite3_column_int64 (stmt, 2);
  int type = sqlite3_column_int (stmt, 3);
  const char *issuer = (const char *) sqlite3_column_text (stmt, 4);
  const char *colon = email != NULL ? strchr (email, ':') : NULL;
  g_autofree char *name = NULL;

  /* "Issuer:name" labels: the part after the one colon is the name. */
  if (colon != NULL && strchr (colon + 1, ':') == NULL)
    {
      name = g_strdup (colon + 1);
      if (rv_str_is_blank (issuer))
        params->issuer = g_strndup (email, colon - email);
    }
  else
    name = g_strdup (email);
  if (params->issuer == NULL)
    params->issuer = g_strdup (issuer);
  params->account_name = g_strdup (name);
  rv_import_entry_init (&entry, result, index, params->issuer, name);

  if (has_encrypted && sqlite3_column_int (stmt, 5) > 0)
    {
      rv_import_entry_reject (&entry, "the secret is encrypted with a key kept on the phone "
                              "(export it from the app as a QR code instead)");
      return;
    }
  if (type == 1)
    params->kind = RV_OTP_KIND_HOTP;
  else if (type != 0)
    {
      rv_import_entry_reject (&entry, "unknown type %d", type);
      return;
    }
  if (rv_import_entry_numbers (&entry, params, 6, 30, counter) &&
      (params->secret = rv_import_entry_base32 (&entry, secret)) != NULL)
    rv_import_entry_add (&entry, params, NULL, NULL);
}

RvImportResult *
rv_import_googledb_parse (const guint8  *data,
                          gsize          len,
                          GError       **error)
{
  g_autoptr(RvImportResult) result = rv_import_result_new (RV_IMPORT_FORMAT_GOOGLE_DB);
  sqlite3 *db = rv_import_sqlite_open_app (data, len, "Google Authenticator", "accounts",
                                           GOOGLE_COLUMNS, error);
  gboolean has_encrypted, ok;

  if (db == NULL)
    return NULL;
  has_encrypted = rv_import_sqlite_table_state (db, "accounts", "isencrypted") > 0;
  ok = rv_import_sqlite_each_row (db, has_encrypted
                                  ? "SELECT " GOOGLE_COLUMNS ", isencrypted FROM accounts "
                                    "ORDER BY rowid"
                                  : "SELECT " GOOGLE_COLUMNS " FROM accounts ORDER BY rowid",
                                  "accounts", result, convert_row,
                                  GINT_TO_POINTER (has_encrypted), error);
  sqlite3_close (db);
  return ok ? g_steal_pointer (&result) : NULL;
}
