/* rv-sqlcipher-reader.c: reads the accounts of an Authenticator Plus backup
 * (a SQLCipher 3 database) for the importer, in a process of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Why a separate process: SQLCipher is a patched SQLite that exports the
 * same sqlite3_* symbols as the libsqlite3 the other database importers
 * link, so both cannot live in one process. The importer (src/core/formats/
 * rv-import-authplus.c) runs this program with
 *
 *   argv[1]: the database, still encrypted (a private copy the importer
 *            removes afterwards)
 *   fd 3: the backup password, read to its end (never in argv or environ)
 *   stdout: a JSON list of { "email", "issuer", "secret" }, one per account
 *
 * and exits 0; 2 when the password does not open the file (or it is no
 * SQLCipher database: the two look the same); 3 when it opens but holds no
 * accounts table; 1 on any other error, with a line on stderr. No secret is
 * ever written to stderr. The key is kept in libsodium's guarded memory and
 * SQLCipher wipes its own; the secrets read pass through SQLite's and
 * json-glib's ordinary memory, which ends with this short-lived process.
 *
 * The parameters are SQLCipher 3's defaults, which Authenticator Plus uses:
 * PBKDF2-HMAC-SHA1 with 64,000 iterations, 1,024-byte pages, HMAC-SHA1.
 */
#include "config.h"

#include <sqlite3.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-glib/json-glib.h>

#define MAX_KEY 4096

enum
{
  EXIT_READ_OK = 0,
  EXIT_FAILED = 1,
  EXIT_WRONG_KEY = 2,
  EXIT_NO_ACCOUNTS = 3,
};

/* The password from fd 4, into guarded memory; NULL on error. */
static char *
read_key (int    fd,
          gsize *len)
{
  char *key = sodium_malloc (MAX_KEY + 1);
  gsize used = 0;

  if (key == NULL)
    return NULL;
  for (;;)
    {
      ssize_t n = read (fd, key + used, MAX_KEY - used);

      if (n < 0)
        {
          sodium_free (key);
          return NULL;
        }
      if (n == 0)
        break;
      used += n;
      if (used == MAX_KEY)
        {
          sodium_free (key);
          return NULL;
        }
    }
  key[used] = '\0';
  *len = used;
  return key;
}

static gboolean
table_has_column (sqlite3    *db,
                  const char *table,
                  const char *column)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info(%s)", table);
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  while (!found && sqlite3_step (stmt) == SQLITE_ROW)
    found = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), column) == 0;
  sqlite3_finalize (stmt);
  return found;
}

static void
add_text (JsonBuilder  *builder,
          const char   *name,
          sqlite3_stmt *stmt,
          int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  json_builder_set_member_name (builder, name);
  if (text != NULL)
    json_builder_add_string_value (builder, (const char *) text);
  else
    json_builder_add_null_value (builder);
}

static int
dump_accounts (sqlite3 *db)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean has_issuer;
  gsize len = 0;
  int status;

  if (!table_has_column (db, "accounts", "email") ||
      !table_has_column (db, "accounts", "secret"))
    {
      fprintf (stderr, "rv-sqlcipher-reader: no accounts table with email and secret\n");
      return EXIT_NO_ACCOUNTS;
    }
  has_issuer = table_has_column (db, "accounts", "issuer");
  if (sqlite3_prepare_v2 (db, has_issuer ? "SELECT email, secret, issuer FROM accounts"
                                         : "SELECT email, secret FROM accounts",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      fprintf (stderr, "rv-sqlcipher-reader: %s\n", sqlite3_errmsg (db));
      return EXIT_FAILED;
    }
  json_builder_begin_array (builder);
  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      add_text (builder, "email", stmt, 0);
      add_text (builder, "secret", stmt, 1);
      if (has_issuer)
        add_text (builder, "issuer", stmt, 2);
      json_builder_end_object (builder);
    }
  sqlite3_finalize (stmt);
  json_builder_end_array (builder);
  if (status != SQLITE_DONE)
    {
      fprintf (stderr, "rv-sqlcipher-reader: %s\n", sqlite3_errmsg (db));
      return EXIT_FAILED;
    }

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, &len);
  if (fwrite (json, 1, len, stdout) != len || fflush (stdout) != 0)
    status = EXIT_FAILED;
  else
    status = EXIT_READ_OK;
  sodium_memzero (json, len);
  return status;
}

int
main (int   argc,
      char *argv[])
{
  sqlite3 *db = NULL;
  char *key;
  gsize key_len = 0;
  int status;

  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;

  if (argc != 2 || argv[1][0] != '/')
    {
      fprintf (stderr, "usage: rv-sqlcipher-reader /path/to/database 3<PASSWORD (run by the "
                       "importer, not by hand)\n");
      return EXIT_FAILED;
    }
  if (sodium_init () < 0 || (key = read_key (3, &key_len)) == NULL)
    {
      fprintf (stderr, "rv-sqlcipher-reader: the password could not be read\n");
      return EXIT_FAILED;
    }
  close (3);

  /* immutable: nothing is locked, journaled or written next to it. */
  escaped = g_uri_escape_string (argv[1], "/", FALSE);
  uri = g_strdup_printf ("file:%s?mode=ro&immutable=1", escaped);
  if (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) != SQLITE_OK)
    {
      fprintf (stderr, "rv-sqlcipher-reader: %s\n", db != NULL ? sqlite3_errmsg (db) : "");
      sqlite3_close (db);
      sodium_free (key);
      return EXIT_FAILED;
    }
  status = sqlite3_key (db, key, (int) key_len);
  sodium_free (key);
  if (status != SQLITE_OK ||
      sqlite3_exec (db, "PRAGMA kdf_iter = 64000; PRAGMA cipher_page_size = 1024;", NULL, NULL,
                    NULL) != SQLITE_OK)
    {
      fprintf (stderr, "rv-sqlcipher-reader: %s\n", sqlite3_errmsg (db));
      sqlite3_close (db);
      return EXIT_FAILED;
    }
  /* The first read decrypts page 1: a wrong key (or no such database) fails
   * its HMAC and reads as "not a database". */
  status = sqlite3_exec (db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
  if (status == SQLITE_NOTADB)
    status = EXIT_WRONG_KEY;
  else if (status != SQLITE_OK)
    {
      fprintf (stderr, "rv-sqlcipher-reader: %s\n", sqlite3_errmsg (db));
      status = EXIT_FAILED;
    }
  else
    status = dump_accounts (db);
  sqlite3_close (db);
  return status;
}
