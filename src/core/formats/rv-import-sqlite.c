/* rv-import-sqlite.c: the apps' SQLite databases, opened from memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A database is opened read-only from the bytes in guarded memory
 * (sqlite3_deserialize): it never goes to disk. (SQLite's page cache holds
 * copies of the pages in the ordinary heap while the file is read: a known
 * limitation, like json-glib's.)
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "rv-import-private.h"

#define SQLITE_MAGIC "SQLite format 3"

gboolean
rv_import_sqlite_is_database (const guint8 *data,
                              gsize         len)
{
  return len >= 100 && memcmp (data, SQLITE_MAGIC, sizeof SQLITE_MAGIC) == 0;
}

gboolean
rv_import_sqlite_require (GError **error)
{
  return rv_lazy_library_require (&rv_lazy_sqlite, RV_IMPORT_ERROR,
                                  RV_IMPORT_ERROR_MISSING_LIBRARY,
                                  _("SQLite databases cannot be read"), error);
}

sqlite3 *
rv_import_sqlite_open (const guint8  *data,
                       gsize          len,
                       GError       **error)
{
  sqlite3 *db = NULL;

  if (!rv_import_sqlite_is_database (data, len))
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNKNOWN_FORMAT,
                           _("This is not an SQLite database"));
      return NULL;
    }
  if (!rv_import_sqlite_require (error))
    return NULL;
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

int
rv_import_sqlite_table_state (sqlite3    *db,
                              const char *table,
                              const char *columns)
{
  g_autofree char *query = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc, state;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return -1;
  if (rc == SQLITE_DONE)
    return 0;
  /* Other apps have tables of the same name: the columns tell them apart. */
  query = g_strdup_printf ("SELECT %s FROM \"%s\" LIMIT 0", columns, table);
  state = sqlite3_prepare_v2 (db, query, -1, &stmt, NULL) == SQLITE_OK ? 1 : 0;
  sqlite3_finalize (stmt);
  return state;
}

gboolean
rv_import_sqlite_detect (const guint8 *data,
                         gsize         len,
                         const char   *table,
                         const char   *columns)
{
  sqlite3 *db;
  gboolean found;

  if (!rv_import_sqlite_is_database (data, len) ||
      (db = rv_import_sqlite_open (data, len, NULL)) == NULL)
    return FALSE;
  /* A damaged database of the app is still one, to be named. */
  found = rv_import_sqlite_table_state (db, table, columns) != 0;
  sqlite3_close (db);
  return found;
}

sqlite3 *
rv_import_sqlite_open_app (const guint8  *data,
                           gsize          len,
                           const char    *app,
                           const char    *table,
                           const char    *columns,
                           GError       **error)
{
  sqlite3 *db = rv_import_sqlite_open (data, len, error);
  int state;

  if (db == NULL)
    return NULL;
  state = rv_import_sqlite_table_state (db, table, columns);
  if (state < 0)
    g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                 _("The database is damaged (its list of tables cannot be read): %s"),
                 sqlite3_errmsg (db));
  else if (state == 0)
    g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNKNOWN_FORMAT,
                 _("This database is not %s’s (no “%s” table with its columns)"), app, table);
  if (state <= 0)
    {
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

gboolean
rv_import_sqlite_each_row (sqlite3              *db,
                           const char           *query,
                           const char           *table,
                           RvImportResult       *result,
                           RvImportSqliteRowFunc convert,
                           gpointer              user_data,
                           GError              **error)
{
  sqlite3_stmt *stmt = NULL;
  guint index = 0;
  int rc;

  if (sqlite3_prepare_v2 (db, query, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                   _("The %s table is damaged: %s"), table, sqlite3_errmsg (db));
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    convert (result, stmt, ++index, user_data);
  if (rc != SQLITE_DONE)
    g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                 _("The %s table is damaged after row %u: %s"), table, index,
                 sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}
