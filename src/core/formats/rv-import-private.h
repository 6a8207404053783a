/* rv-import-private.h: helpers shared by the importers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include "rv-lazy-sqlite.h"

#include "rv-import.h"
#include "rv-otp.h"

G_BEGIN_DECLS

/* One importer's view of an entry while it is converted. */
typedef struct
{
  RvImportResult *result;
  guint           index;     /* 1-based, for messages */
  char           *label;     /* what the user sees in the summary */
} RvImportEntry;

RvImportResult *rv_import_result_new           (RvImportFormat   format);
void            rv_import_result_warn          (RvImportResult  *result,
                                                const char      *format,
                                                ...) G_GNUC_PRINTF (2, 3);

void            rv_import_entry_init           (RvImportEntry   *entry,
                                                RvImportResult  *result,
                                                guint            index,
                                                const char      *issuer,
                                                const char      *name);
void            rv_import_entry_clear          (RvImportEntry   *entry);
/* Records the entry as rejected; always returns FALSE. */
gboolean        rv_import_entry_reject         (RvImportEntry   *entry,
                                                const char      *format,
                                                ...) G_GNUC_PRINTF (2, 3);
/* Validates @params and adds an account built from them (with @notes and
 * @tags, both may be NULL), or rejects the entry with the reason. */
gboolean        rv_import_entry_add            (RvImportEntry   *entry,
                                                const RvOtpParams *params,
                                                const char      *notes,
                                                const char * const *tags);
/* The OTP kind of an exporter's type name (any case; none means TOTP);
 * rejects the entry for mOTP, Yandex and unknown types. */
gboolean        rv_import_entry_kind           (RvImportEntry   *entry,
                                                const char      *type,
                                                RvOtpKind       *kind);
/* Decodes a base32 secret; rejects the entry on failure. */
RvSecret       *rv_import_entry_base32         (RvImportEntry   *entry,
                                                const char      *text);
/* Checks the ranges of JSON numbers before they go into @params. */
gboolean        rv_import_entry_numbers        (RvImportEntry   *entry,
                                                RvOtpParams     *params,
                                                gint64           digits,
                                                gint64           period,
                                                gint64           counter);
gboolean        rv_import_entry_algorithm      (RvImportEntry   *entry,
                                                const char      *text,
                                                RvOtpAlgorithm  *algorithm);

/* JSON. json-glib copies every string it parses into the ordinary heap, so
 * a parsed tree holds the secrets in memory we cannot lock: callers keep the
 * tree alive only while converting, and free it with rv_import_json_free(),
 * which wipes its string values first. (Copies json-glib's scanner made
 * while parsing are freed without wiping: a known limitation.) */
typedef JsonNode RvJsonTree;

RvJsonTree     *rv_import_json_parse           (const guint8    *data,
                                                gsize            len,
                                                GError         **error);
void            rv_import_json_free            (RvJsonTree      *tree);
/* Typed members: NULL/FALSE with a MALFORMED error naming @where and the
 * member when present with the wrong type (or absent, for _require_). */
gboolean        rv_import_json_get_string      (JsonObject      *object,
                                                const char      *member,
                                                const char      *where,
                                                const char     **value,
                                                GError         **error);
gboolean        rv_import_json_get_int         (JsonObject      *object,
                                                const char      *member,
                                                const char      *where,
                                                gint64           fallback,
                                                gint64          *value,
                                                GError         **error);
JsonObject     *rv_import_json_require_object  (JsonObject      *object,
                                                const char      *member,
                                                const char      *where,
                                                GError         **error);
JsonArray      *rv_import_json_require_array   (JsonObject      *object,
                                                const char      *member,
                                                const char      *where,
                                                GError         **error);
JsonObject     *rv_import_json_array_object    (JsonArray       *array,
                                                guint            index,
                                                const char      *what,
                                                GError         **error);
/* One entry of an export, the object number @number (from 1) of its list. */
typedef gboolean (*RvImportConvertFunc) (RvImportResult  *result,
                                         JsonObject      *object,
                                         guint            number,
                                         GError         **error);
/* Calls @convert for each element of @array, which must be an object (@what
 * names one in messages); stops at the first error. */
gboolean        rv_import_json_convert_each    (RvImportResult      *result,
                                                JsonArray           *array,
                                                const char          *what,
                                                RvImportConvertFunc  convert,
                                                GError             **error);

/* Binary helpers; decoded bytes go into RvSecret since they may be keys. */
RvSecret       *rv_import_hex_decode           (const char      *text,
                                                gsize            expected_len,
                                                const char      *what,
                                                GError         **error);
RvSecret       *rv_import_base64_decode        (const char      *text,
                                                gsize            len,
                                                const char      *what,
                                                GError         **error);
gboolean        rv_import_check_aes_gcm        (GError         **error);
/* AES-256-GCM with a 12-byte nonce and a 16-byte tag. FALSE without error
 * when authentication fails; the caller knows what that means. */
gboolean        rv_import_aes_gcm_decrypt      (const RvSecret  *key,
                                                const guint8    *nonce,
                                                const guint8    *ciphertext,
                                                gsize            ciphertext_len,
                                                const guint8    *tag,
                                                RvSecret       **plaintext);
/* AES-256-CBC with PKCS#7 padding (nettle: no AES-NI needed). FALSE
 * without error when the length or the padding is wrong. */
gboolean        rv_import_aes_cbc_decrypt      (const RvSecret  *key,
                                                const guint8    *iv,
                                                const guint8    *ciphertext,
                                                gsize            ciphertext_len,
                                                RvSecret       **plaintext);
/* Reads a stream to its end into guarded memory, at most RV_IMPORT_MAX_SIZE
 * bytes (RV_IMPORT_ERROR_TOO_LARGE past it; size_hint only sizes the start).
 * read returns the bytes read, 0 at the end, or -1 with @error set. */
typedef gssize (*RvImportReadFunc) (gpointer   source,
                                    guint8    *buffer,
                                    gsize      size,
                                    GError   **error);
RvSecret       *rv_import_read_all             (RvImportReadFunc read,
                                                gpointer         source,
                                                gsize            size_hint,
                                                const char      *app,
                                                GError         **error);
gboolean        rv_import_require_password     (const RvSecret  *password,
                                                const char      *app,
                                                GError         **error);

/* Android shared-preferences XML: the <string> entries of <map>, in file
 * order, values wiped when the array is freed. NULL and MALFORMED when the
 * file is not one. */
typedef struct
{
  char *name;
  char *value;
} RvImportPref;

GPtrArray      *rv_import_prefs_parse          (const guint8    *data,
                                                gsize            len,
                                                GError         **error);
const char     *rv_import_prefs_get            (GPtrArray       *prefs,
                                                const char      *name);
/* Wipes the value. */
void            rv_import_pref_free            (RvImportPref    *pref);

/* The importers. JSON-based ones take the parsed root. */
gboolean        rv_import_aegis_detect         (JsonNode        *root);
gboolean        rv_import_aegis_is_encrypted   (JsonNode        *root);
RvImportResult *rv_import_aegis_parse          (JsonNode        *root,
                                                const RvSecret  *password,
                                                GError         **error);

gboolean        rv_import_andotp_detect        (JsonNode        *root);
gboolean        rv_import_andotp_detect_binary (const guint8    *data,
                                                gsize            len);
RvImportResult *rv_import_andotp_parse         (JsonNode        *root,
                                                GError         **error);
RvImportResult *rv_import_andotp_parse_encrypted (const guint8  *data,
                                                gsize            len,
                                                const RvSecret  *password,
                                                GError         **error);

gboolean        rv_import_twofas_detect        (JsonNode        *root);
gboolean        rv_import_twofas_is_encrypted  (JsonNode        *root);
RvImportResult *rv_import_twofas_parse         (JsonNode        *root,
                                                const RvSecret  *password,
                                                GError         **error);

gboolean        rv_import_freeotp_detect       (JsonNode        *root);
RvImportResult *rv_import_freeotp_parse        (JsonNode        *root,
                                                GError         **error);

gboolean        rv_import_bitwarden_detect     (JsonNode        *root);
RvImportResult *rv_import_bitwarden_parse      (JsonNode        *root,
                                                GError         **error);

gboolean        rv_import_ente_detect          (JsonNode        *root);
RvImportResult *rv_import_ente_parse           (JsonNode        *root,
                                                const RvSecret  *password,
                                                GError         **error);

gboolean        rv_import_steam_detect         (JsonNode        *root);
RvImportResult *rv_import_steam_parse          (JsonNode        *root,
                                                GError         **error);

gboolean        rv_import_proton_detect        (JsonNode        *root);
RvImportResult *rv_import_proton_parse         (JsonNode        *root,
                                                GError         **error);

gboolean        rv_import_duo_detect           (JsonNode        *root);
RvImportResult *rv_import_duo_parse            (JsonNode        *root,
                                                GError         **error);

gboolean        rv_import_stratum_detect       (JsonNode        *root);
RvImportResult *rv_import_stratum_parse        (JsonNode        *root,
                                                GError         **error);

/* Adds a Stratum authenticator (type and algorithm numbers as in its
 * backups and database), or rejects it. */
gboolean        rv_import_stratum_add          (RvImportEntry   *entry,
                                                RvOtpParams     *params,
                                                gint64           type_id,
                                                gint64           algorithm,
                                                gint64           digits,
                                                gint64           period,
                                                gint64           counter,
                                                const char      *secret,
                                                const char * const *tags);

gboolean        rv_import_raivo_detect         (JsonNode        *root);
RvImportResult *rv_import_raivo_parse          (JsonNode        *root,
                                                GError         **error);
/* Raivo's password-protected ZIP archive holding raivo-otp-export.json. */
RvImportResult *rv_import_raivo_parse_zip      (const guint8    *data,
                                                gsize            len,
                                                const RvSecret  *password,
                                                GError         **error);
#define RV_IMPORT_RAIVO_ZIP_FILE "raivo-otp-export.json"

/* Authenticator Plus's export: a password-protected ZIP archive holding
 * Accounts.txt, a list of otpauth:// URIs. */
RvImportResult *rv_import_authplus_parse       (const guint8    *data,
                                                gsize            len,
                                                const RvSecret  *password,
                                                GError         **error);
#define RV_IMPORT_AUTHPLUS_ZIP_FILE "Accounts.txt"
/* Its backup database (authplus.db, SQLCipher 3), read by the helper
 * rv-sqlcipher-reader; _convert reads the helper's output (and is fuzzed). */
RvImportResult *rv_import_authplus_db_parse    (const guint8    *data,
                                                gsize            len,
                                                const RvSecret  *password,
                                                GError         **error);
/* The same database in a ZIP archive (as the app's backups are shared). */
RvImportResult *rv_import_authplus_db_parse_zip (const guint8   *data,
                                                gsize            len,
                                                const RvSecret  *password,
                                                GError         **error);
#define RV_IMPORT_AUTHPLUS_DB_FILE "authplus.db"
RvImportResult *rv_import_authplus_db_convert  (const guint8    *data,
                                                gsize            len,
                                                GError         **error);

/* ZIP archives (rv-import-zip.c), read from memory with libarchive. */
/* Loads libarchive (rv-lazy.h), or sets @error (MISSING_LIBRARY). */
gboolean        rv_import_zip_require          (GError         **error);
gboolean        rv_import_zip_is_zip           (const guint8    *data,
                                                gsize            len);
/* Whether the archive holds a file named file_name (in any folder), and
 * whether that file is encrypted (@encrypted may be NULL). */
gboolean        rv_import_zip_holds            (const guint8    *data,
                                                gsize            len,
                                                const char      *file_name,
                                                gboolean        *encrypted);
/* That file, inflated into guarded memory (at most RV_IMPORT_MAX_SIZE);
 * a password is asked for (RV_IMPORT_ERROR_NEEDS_PASSWORD) when it is
 * encrypted and @password is NULL. app_name names the export in errors. */
RvSecret       *rv_import_zip_extract          (const guint8    *data,
                                                gsize            len,
                                                const RvSecret  *password,
                                                const char      *file_name,
                                                const char      *app_name,
                                                gboolean        *was_encrypted,
                                                GError         **error);

/* Shared-preferences (XML) importers take the parsed entries. */
gboolean        rv_import_authy_detect         (GPtrArray       *prefs);
gboolean        rv_import_authy_is_encrypted   (GPtrArray       *prefs);
RvImportResult *rv_import_authy_parse          (GPtrArray       *prefs,
                                                const RvSecret  *password,
                                                GError         **error);

/* One FreeOTP token object: its "secret" (signed bytes) or, from a FreeOTP 2
 * backup, @decrypted; FALSE with @error when a member has the wrong type. */
gboolean        rv_import_freeotp_convert      (RvImportResult  *result,
                                                JsonObject      *token,
                                                guint            index,
                                                const RvSecret  *decrypted,
                                                GError         **error);

/* A JSON list of Java bytes (-128…127; 0…255 accepted too); MALFORMED
 * naming @what if one is not. */
RvSecret       *rv_import_java_bytes           (JsonArray       *bytes,
                                                const char      *what,
                                                GError         **error);

/* FreeOTP 2's backup: a Java-serialized HashMap of strings (rv-import-java.c
 * reads it into RvImportPref entries, in file order). */
gboolean        rv_import_java_is_map          (const guint8    *data,
                                                gsize            len);
GPtrArray      *rv_import_java_read_map        (const guint8    *data,
                                                gsize            len,
                                                GError         **error);
gboolean        rv_import_freeotp_backup_detect (const guint8   *data,
                                                gsize            len);
RvImportResult *rv_import_freeotp_backup_parse (const guint8    *data,
                                                gsize            len,
                                                const RvSecret  *password,
                                                GError         **error);

gboolean        rv_import_freeotp_detect_prefs (GPtrArray       *prefs);
RvImportResult *rv_import_freeotp_parse_prefs  (GPtrArray       *prefs,
                                                GError         **error);

gboolean        rv_import_totpauth_detect      (GPtrArray       *prefs);
RvImportResult *rv_import_totpauth_parse       (GPtrArray       *prefs,
                                                GError         **error);
/* The encrypted .bin backup: base64 text; "TotpAuthenticator" is tried
 * when @password is NULL or wrong (the app's password when none was set). */
gboolean        rv_import_totpauth_detect_binary (const guint8  *data,
                                                gsize            len);
/* Whether it needs a password (the app's own does not open it). */
gboolean        rv_import_totpauth_is_encrypted (const guint8   *data,
                                                gsize            len);
RvImportResult *rv_import_totpauth_parse_encrypted (const guint8 *data,
                                                gsize            len,
                                                const RvSecret  *password,
                                                GError         **error);

gboolean        rv_import_battlenet_detect     (GPtrArray       *prefs);
RvImportResult *rv_import_battlenet_parse      (GPtrArray       *prefs,
                                                GError         **error);

/* CSV (RFC 4180): the header and the rows, each a GPtrArray of fields
 * (wiped when freed); @lines holds each row's first line number. */
typedef struct
{
  GPtrArray *header;
  GPtrArray *rows;
  GArray    *lines;
} RvImportCsv;

RvImportCsv    *rv_import_csv_parse            (const guint8    *data,
                                                gsize            len,
                                                GError         **error);
void            rv_import_csv_free             (RvImportCsv     *csv);
int             rv_import_csv_column           (RvImportCsv     *csv,
                                                const char      *name);
const char     *rv_import_csv_get              (GPtrArray       *row,
                                                int              column);
/* Whether the first line has @first as first column (NULL: any) and a
 * column @member (NULL: any). */
gboolean        rv_import_csv_header_has       (const guint8    *data,
                                                gsize            len,
                                                const char      *first,
                                                const char      *member);

/* The columns of a CSV export that hold an account; any may be absent
 * (NULL or not in the header) but "totp". */
typedef struct
{
  const char *group;     /* a tag ("Root/" left out) */
  const char *title;     /* issuer */
  const char *user;      /* account name */
  const char *notes;
  const char *totp;
} RvImportCsvColumns;

/* Turns a TOTP cell into parameters, or rejects the entry. */
typedef RvOtpParams *(*RvImportCsvTotpFunc) (RvImportEntry *entry,
                                             const char    *totp,
                                             const char    *title,
                                             const char    *user);

/* Adds an account per row with a TOTP cell; returns the rows without. */
guint           rv_import_csv_convert          (RvImportCsv     *csv,
                                                RvImportResult  *result,
                                                const RvImportCsvColumns *columns,
                                                RvImportCsvTotpFunc totp_func);

/* A Bitwarden "totp" value (otpauth URI, steam://, bare base32), the item's
 * name and user name filling in a bare label; rejects the entry if bad. */
RvOtpParams    *rv_import_bitwarden_totp_params (RvImportEntry  *entry,
                                                const char      *totp,
                                                const char      *name,
                                                const char      *username);
gboolean        rv_import_bitwarden_csv_detect (const guint8    *data,
                                                gsize            len);
RvImportResult *rv_import_bitwarden_csv_parse  (const guint8    *data,
                                                gsize            len,
                                                GError         **error);
gboolean        rv_import_keepassxc_detect     (const guint8    *data,
                                                gsize            len);
RvImportResult *rv_import_keepassxc_parse      (const guint8    *data,
                                                gsize            len,
                                                GError         **error);

/* Argon2id with the file's costs (libargon2: any number of lanes), checked
 * against the limits below first; derives rv_secret_get_size (@key) bytes. */
#define RV_IMPORT_ARGON2_MAX_PASSES 64
#define RV_IMPORT_ARGON2_MAX_KIB    (1024 * 1024)
#define RV_IMPORT_ARGON2_MAX_LANES  16
gboolean        rv_import_argon2id             (const RvSecret  *password,
                                                const guint8    *salt,
                                                gsize            salt_len,
                                                guint32          passes,
                                                guint32          memory_kib,
                                                guint32          lanes,
                                                RvSecret        *key,
                                                GError         **error);
/* AES-256-GCM with a nonce of any length, associated data and a 16-byte
 * tag (nettle: no AES-NI needed). FALSE without error when authentication
 * fails. */
gboolean        rv_import_aes_gcm_open         (const RvSecret  *key,
                                                const guint8    *nonce,
                                                gsize            nonce_len,
                                                const guint8    *aad,
                                                gsize            aad_len,
                                                const guint8    *ciphertext,
                                                gsize            ciphertext_len,
                                                const guint8    *tag,
                                                RvSecret       **plaintext);

/* SQLite databases, opened read-only from memory. */
/* Loads sqlite3 (rv-lazy.h), or sets @error (MISSING_LIBRARY). */
gboolean        rv_import_sqlite_require       (GError         **error);
gboolean        rv_import_sqlite_is_database   (const guint8    *data,
                                                gsize            len);
sqlite3        *rv_import_sqlite_open          (const guint8    *data,
                                                gsize            len,
                                                GError         **error);
/* 1: @table exists with @columns (a SELECT list); 0: not; -1: unreadable. */
int             rv_import_sqlite_table_state   (sqlite3         *db,
                                                const char      *table,
                                                const char      *columns);
/* Whether @data is a database with @table and @columns (or a damaged one
 * with @table). */
gboolean        rv_import_sqlite_detect        (const guint8    *data,
                                                gsize            len,
                                                const char      *table,
                                                const char      *columns);
/* Opens @app's database, MALFORMED or UNKNOWN_FORMAT without @table. */
sqlite3        *rv_import_sqlite_open_app      (const guint8    *data,
                                                gsize            len,
                                                const char      *app,
                                                const char      *table,
                                                const char      *columns,
                                                GError         **error);
typedef void (*RvImportSqliteRowFunc) (RvImportResult *result,
                                       sqlite3_stmt   *stmt,
                                       guint           number,
                                       gpointer        user_data);
/* Runs @query, calling @convert for each row (numbered from 1). */
gboolean        rv_import_sqlite_each_row      (sqlite3         *db,
                                                const char      *query,
                                                const char      *table,
                                                RvImportResult  *result,
                                                RvImportSqliteRowFunc convert,
                                                gpointer         user_data,
                                                GError         **error);

gboolean        rv_import_microsoft_detect     (const guint8    *data,
                                                gsize            len);
RvImportResult *rv_import_microsoft_parse      (const guint8    *data,
                                                gsize            len,
                                                GError         **error);
gboolean        rv_import_stratumdb_detect     (const guint8    *data,
                                                gsize            len);
RvImportResult *rv_import_stratumdb_parse      (const guint8    *data,
                                                gsize            len,
                                                GError         **error);

/* OTPClient's database: detected by "OTPClient" (versions 2, 3); the
 * headerless version 1 is read when the format is chosen. */
gboolean        rv_import_otpclient_detect     (const guint8    *data,
                                                gsize            len);
RvImportResult *rv_import_otpclient_parse      (const guint8    *data,
                                                gsize            len,
                                                const RvSecret  *password,
                                                GError         **error);
/* The decrypted content: a JSON list of tokens. */
RvImportResult *rv_import_otpclient_parse_tokens (const RvSecret *plaintext,
                                                GError         **error);

/* Stratum's encrypted backups ("AUTHENTICATORPRO", "AuthenticatorPro"). */
gboolean        rv_import_stratum_detect_binary (const guint8   *data,
                                                gsize            len);
RvImportResult *rv_import_stratum_parse_encrypted (const guint8 *data,
                                                gsize            len,
                                                const RvSecret  *password,
                                                GError         **error);

gboolean        rv_import_googledb_detect      (const guint8    *data,
                                                gsize            len);
RvImportResult *rv_import_googledb_parse       (const guint8    *data,
                                                gsize            len,
                                                GError         **error);

RvImportResult *rv_import_google_parse         (const guint8    *data,
                                                gsize            len,
                                                GError         **error);

/* The first non-blank, non-comment line starts with @scheme. */
gboolean        rv_import_text_starts_with     (const guint8    *data,
                                                gsize            len,
                                                const char      *scheme);
RvImportResult *rv_import_urilist_parse        (const guint8    *data,
                                                gsize            len,
                                                GError         **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RvImportEntry, rv_import_entry_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RvImportCsv, rv_import_csv_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RvJsonTree, rv_import_json_free)

G_END_DECLS
