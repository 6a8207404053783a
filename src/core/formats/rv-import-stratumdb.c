/* rv-import-stratumdb.c: Stratum's own database (Android,
 * com.stratumauth.app/databases/authenticator.db3), an SQLite file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * From Stratum.Core/src/Entity/: table "authenticator" (type, issuer,
 * username, secret, algorithm, digits, period, counter, ranking, with the
 * numbers of its backups: rv-import-stratum.c), "category" (id, name) and
 * "authenticatorcategory" (categoryId, authenticatorSecret): categories
 * become tags. A database encrypted by the app (SQLCipher, key in the
 * phone's keystore) is no SQLite file to us: unknown. Opened from memory
 * (rv-import-sqlite.c).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "rv-import-private.h"

#define STRATUM_COLUMNS "type, issuer, username, secret, algorithm, digits, period, counter"
/* Tag names are joined with a character no name has. */
#define TAG_SEPARATOR "\x1f"

gboolean
rv_import_stratumdb_detect (const guint8 *data,
                            gsize         len)
{
  return rv_import_sqlite_detect (data, len, "authenticator", STRATUM_COLUMNS);
}

static void
convert_row (RvImportResult *result,
             sqlite3_stmt   *stmt,
             guint           number,
             gpointer        user_data)
{
  g_autoptr(RvOtpParams) params = rv_otp_params_new (RV_OTP_KIND_TOTP);
  g_auto(RvImportEntry) entry = { 0 };
  const char *issuer = (const char *) sqlite3_column_text (stmt, 1);
  const char *username = (const char *) sqlite3_column_text (stmt, 2);
  const char *secret = (const char *) sqlite3_column_text (stmt, 3);
  const char *joined = (const char *) sqlite3_column_text (stmt, 8);
  g_auto(GStrv) tags = joined != NULL ? g_strsplit (joined, TAG_SEPARATOR, -1) : NULL;

  params->issuer = g_strdup (issuer);
  params->account_name = g_strdup (username);
  rv_import_entry_init (&entry, result, number, issuer, username);
  rv_import_stratum_add (&entry, params, sqlite3_column_int64 (stmt, 0),
                         sqlite3_column_int64 (stmt, 4), sqlite3_column_int64 (stmt, 5),
                         sqlite3_column_int64 (stmt, 6), sqlite3_column_int64 (stmt, 7), secret,
                         (const char * const *) tags);
}

RvImportResult *
rv_import_stratumdb_parse (const guint8  *data,
                           gsize          len,
                           GError       **error)
{
  g_autoptr(RvImportResult) result = rv_import_result_new (RV_IMPORT_FORMAT_STRATUM_DB);
  sqlite3 *db = rv_import_sqlite_open_app (data, len, "Stratum", "authenticator",
                                           STRATUM_COLUMNS, error);
  gboolean has_categories, ok;

  if (db == NULL)
    return NULL;
  /* The tags of all rows in one grouped pass (a subquery per row would
   * scan the links for each: quadratic). */
  has_categories = rv_import_sqlite_table_state (db, "category", "id, name") > 0 &&
                   rv_import_sqlite_table_state (db, "authenticatorcategory",
                                                 "categoryId, authenticatorSecret") > 0;
  ok = rv_import_sqlite_each_row (db, has_categories
                                  ? "SELECT " STRATUM_COLUMNS ", t.names FROM authenticator a "
                                    "LEFT JOIN (SELECT l.authenticatorSecret AS linked, "
                                    "group_concat(c.name, char(31)) AS names "
                                    "FROM authenticatorcategory l JOIN category c "
                                    "ON c.id = l.categoryId GROUP BY l.authenticatorSecret) t "
                                    "ON t.linked = a.secret ORDER BY a.rowid"
                                  : "SELECT " STRATUM_COLUMNS ", NULL FROM authenticator "
                                    "ORDER BY rowid",
                                  "authenticator", result, convert_row, NULL, error);
  sqlite3_close (db);
  return ok ? g_steal_pointer (&result) : NULL;
}
