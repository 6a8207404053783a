/* rv-import-googledb.c: Google Authenticator's own database (Android,
 * databases/databases), an SQLite file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Table "accounts": email ("issuer:name" or a name), secret (base32),
 * counter, type (0 TOTP, 1 HOTP), issuer, and in newer versions
 * isencrypted (secrets sealed with a key in the Android keystore: those
 * rows cannot be read off the device and are listed as rejected). SHA1,
 * 6 digits, 30 s. The file is opened read-only from memory
 * (sqlite3_deserialize): it never goes to disk. (SQLite's page cache holds
 * copies of the pages in the ordinary heap while the file is read: a known
 * limitation, like json-glib's.)
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>
#include <sqlite3.h>

#include "rv-import-private.h"
#include "rv-util.h"

#define SQLITE_MAGIC "SQLite format 3"

static sqlite3 *
open_database (const guint8  *data,
               gsize          len,
               GError       **error)
{
  sqlite3 *db = NULL;

  if (len < 100 || memcmp (data, SQLITE_MAGIC, sizeof SQLITE_MAGIC) != 0)
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNKNOWN_FORMAT,
                           _("This is not an SQLite database"));
      return NULL;
    }
  if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
      sqlite3_deserialize (db, "main", (unsigned char *) data, len, len,
                           SQLITE_DESERIALIZE_READONLY) != SQLITE_OK)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                   _("The database could not be opened: %s"),
                   db != NULL ? sqlite3_errmsg (db) : "out of memory");
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

/* 1: the table with its columns; 0: none; -1: the schema cannot be read. */
static int
accounts_table_state (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int rc, state;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                          "name = 'accounts'", -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return -1;
  if (rc == SQLITE_DONE)
    return 0;
  /* The columns this format needs (other apps have "accounts" tables too). */
  state = sqlite3_prepare_v2 (db, "SELECT email, secret, counter, type, issuer FROM accounts "
                              "LIMIT 0", -1, &stmt, NULL) == SQLITE_OK ? 1 : 0;
  sqlite3_finalize (stmt);
  return state;
}

gboolean
rv_import_googledb_detect (const guint8 *data,
                           gsize         len)
{
  sqlite3 *db;
  gboolean found;

  if (len < 100 || memcmp (data, SQLITE_MAGIC, sizeof SQLITE_MAGIC) != 0 ||
      (db = open_database (data, len, NULL)) == NULL)
    return FALSE;
  /* A damaged Google Authenticator database is still one, to be named. */
  found = accounts_table_state (db) != 0;
  sqlite3_close (db);
  return found;
}

static void
convert_row (RvImportResult *result,
             sqlite3_stmt   *stmt,
             guint           index,
             gboolean        has_encrypted)
{
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
  sqlite3 *db = open_database (data, len, error);
  sqlite3_stmt *stmt = NULL;
  gboolean has_encrypted;
  guint index = 0;
  int rc;

  if (db == NULL)
    return NULL;
  if (accounts_table_state (db) < 0)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                   _("The database is damaged (its list of tables cannot be read): %s"),
                   sqlite3_errmsg (db));
      sqlite3_close (db);
      return NULL;
    }
  if (accounts_table_state (db) == 0)
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNKNOWN_FORMAT,
                           _("This database is not Google Authenticator's (no “accounts” table "
                           "with its columns)"));
      sqlite3_close (db);
      return NULL;
    }
  has_encrypted = sqlite3_prepare_v2 (db, "SELECT isencrypted FROM accounts LIMIT 0", -1,
                                      &stmt, NULL) == SQLITE_OK;
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (sqlite3_prepare_v2 (db, has_encrypted
                          ? "SELECT email, secret, counter, type, issuer, isencrypted "
                            "FROM accounts ORDER BY rowid"
                          : "SELECT email, secret, counter, type, issuer FROM accounts "
                            "ORDER BY rowid", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                   _("The accounts table is damaged: %s"), sqlite3_errmsg (db));
      sqlite3_close (db);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    convert_row (result, stmt, ++index, has_encrypted);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                   _("The accounts table is damaged after row %u: %s"), index,
                   sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_steal_pointer (&result);
}
