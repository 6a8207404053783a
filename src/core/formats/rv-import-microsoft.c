/* rv-import-microsoft.c: Microsoft Authenticator's database (Android,
 * com.azure.authenticator/databases/PhoneFactor), an SQLite file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Table "accounts": name (the issuer), username, oath_secret_key and
 * account_type: 0 an account of another service (base32 secret, 6 digits),
 * 1 a Microsoft personal account (base64 secret, 8 digits); both SHA1,
 * 30 s. Other types (work or school accounts) and rows without a secret
 * only approve sign-ins: listed as rejected. Opened from memory
 * (rv-import-sqlite.c).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "rv-import-private.h"
#include "rv-util.h"

#define MICROSOFT_COLUMNS "name, username, oath_secret_key, account_type"

gboolean
rv_import_microsoft_detect (const guint8 *data,
                            gsize         len)
{
  return rv_import_sqlite_detect (data, len, "accounts", MICROSOFT_COLUMNS);
}

static void
convert_row (RvImportResult *result,
             sqlite3_stmt   *stmt,
             guint           number,
             gpointer        user_data)
{
  g_autoptr(RvOtpParams) params = rv_otp_params_new (RV_OTP_KIND_TOTP);
  g_auto(RvImportEntry) entry = { 0 };
  const char *issuer = (const char *) sqlite3_column_text (stmt, 0);
  const char *username = (const char *) sqlite3_column_text (stmt, 1);
  const char *secret = (const char *) sqlite3_column_text (stmt, 2);
  int type = sqlite3_column_int (stmt, 3);
  g_autoptr(GError) error = NULL;

  params->issuer = g_strdup (issuer);
  params->account_name = g_strdup (username);
  rv_import_entry_init (&entry, result, number, issuer, username);
  if (type != 0 && type != 1)
    {
      rv_import_entry_reject (&entry, "account type %d only approves sign-ins (no code secret)",
                              type);
      return;
    }
  if (rv_str_is_blank (secret))
    {
      rv_import_entry_reject (&entry, "no code secret (the account only approves sign-ins)");
      return;
    }
  if (type == 0)
    params->secret = rv_import_entry_base32 (&entry, secret);
  else if ((params->secret = rv_import_base64_decode (secret, strlen (secret), "the secret",
                                                      &error)) == NULL)
    rv_import_entry_reject (&entry, "bad secret: %s", error->message);
  if (params->secret == NULL)
    return;
  params->digits = type == 1 ? 8 : 6;
  rv_import_entry_add (&entry, params, NULL, NULL);
}

RvImportResult *
rv_import_microsoft_parse (const guint8  *data,
                           gsize          len,
                           GError       **error)
{
  g_autoptr(RvImportResult) result = rv_import_result_new (RV_IMPORT_FORMAT_MICROSOFT);
  sqlite3 *db = rv_import_sqlite_open_app (data, len, "Microsoft Authenticator", "accounts",
                                           MICROSOFT_COLUMNS, error);
  gboolean ok;

  if (db == NULL)
    return NULL;
  ok = rv_import_sqlite_each_row (db, "SELECT " MICROSOFT_COLUMNS " FROM accounts ORDER BY rowid",
                                  "accounts", result, convert_row, NULL, error);
  sqlite3_close (db);
  return ok ? g_steal_pointer (&result) : NULL;
}
