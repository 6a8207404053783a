/* rv-import.h: importing accounts from other authenticators' files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rv-account.h"
#include "rv-secret.h"
#include "rv-vault.h"

G_BEGIN_DECLS

#define RV_IMPORT_ERROR (rv_import_error_quark ())

typedef enum
{
  RV_IMPORT_ERROR_UNKNOWN_FORMAT,       /* not a format we recognise */
  RV_IMPORT_ERROR_MALFORMED,            /* recognised but damaged; the message says where */
  RV_IMPORT_ERROR_NEEDS_PASSWORD,       /* encrypted and no password given */
  RV_IMPORT_ERROR_WRONG_PASSWORD,       /* the password does not decrypt it */
  RV_IMPORT_ERROR_UNSUPPORTED_VERSION,  /* a version of the format we cannot read */
  RV_IMPORT_ERROR_UNSUPPORTED_CRYPTO,   /* e.g. AES-GCM without AES-NI, unknown KDF */
  RV_IMPORT_ERROR_DAMAGED,              /* encrypted payload fails authentication */
  RV_IMPORT_ERROR_TOO_LARGE,            /* over RV_IMPORT_MAX_SIZE */
  RV_IMPORT_ERROR_MISSING_LIBRARY,      /* a library the format needs did not load (rv-lazy.h) */
} RvImportError;

typedef enum
{
  RV_IMPORT_FORMAT_AUTO,
  RV_IMPORT_FORMAT_AEGIS,
  RV_IMPORT_FORMAT_ANDOTP,
  RV_IMPORT_FORMAT_TWOFAS,
  RV_IMPORT_FORMAT_FREEOTP_PLUS,
  RV_IMPORT_FORMAT_GOOGLE_MIGRATION,
  RV_IMPORT_FORMAT_BITWARDEN,
  RV_IMPORT_FORMAT_URI_LIST,
  RV_IMPORT_FORMAT_STEAM,
  RV_IMPORT_FORMAT_PROTON,
  RV_IMPORT_FORMAT_DUO,
  RV_IMPORT_FORMAT_STRATUM,
  RV_IMPORT_FORMAT_RAIVO,
  RV_IMPORT_FORMAT_AUTHY,
  RV_IMPORT_FORMAT_FREEOTP,
  RV_IMPORT_FORMAT_TOTP_AUTHENTICATOR,
  RV_IMPORT_FORMAT_BATTLENET,
  RV_IMPORT_FORMAT_BITWARDEN_CSV,
  RV_IMPORT_FORMAT_KEEPASSXC,
  RV_IMPORT_FORMAT_ENTE,
  RV_IMPORT_FORMAT_GOOGLE_DB,
  RV_IMPORT_FORMAT_OTPCLIENT,
  RV_IMPORT_FORMAT_MICROSOFT,
  RV_IMPORT_FORMAT_STRATUM_DB,
  RV_IMPORT_FORMAT_FREEOTP_BACKUP,
  RV_IMPORT_FORMAT_AUTHPLUS,
  RV_IMPORT_FORMAT_AUTHPLUS_DB,
} RvImportFormat;

/* Larger files are refused before parsing. */
#define RV_IMPORT_MAX_SIZE (64 * 1024 * 1024)

/* An entry of the file that was not imported, and why ("unknown algorithm
 * “MD5”"). The label is what the user would recognise ("ACME (me@x.org)" or
 * "entry 3"). Neither carries secret material. */
typedef struct
{
  char *label;
  char *reason;
} RvImportRejected;

/* What a file holds. @accounts are new RvAccount objects, not yet in any
 * vault; @warnings are file-level notes (e.g. "part 2 of 3 of the Google
 * export batch is missing"). */
typedef struct
{
  RvImportFormat  format;
  gboolean        was_encrypted;
  GPtrArray      *accounts;   /* RvAccount */
  GPtrArray      *rejected;   /* RvImportRejected */
  GPtrArray      *warnings;   /* char * */
} RvImportResult;

/* What applying a result to a vault did (or would do, for a preview). */
typedef struct
{
  guint       n_imported;
  GPtrArray  *imported;     /* char *: display names of the new accounts */
  GPtrArray  *duplicates;   /* char *: display names of those skipped */
  GPtrArray  *rejected;     /* RvImportRejected, copied from the result */
  GPtrArray  *warnings;     /* char *, copied from the result */
  gboolean    preview;      /* from rv_import_preview(): nothing was changed */
} RvImportSummary;

GQuark          rv_import_error_quark            (void);

const char     *rv_import_format_to_string       (RvImportFormat  format);
gboolean        rv_import_format_from_string     (const char     *text,
                                                  RvImportFormat *format);
/* Every format id but "auto", as "aegis, andotp, … or uri-list". */
char           *rv_import_format_list_ids        (void);
/* "Aegis", "Google Authenticator", …: for user interfaces. */
const char     *rv_import_format_get_display_name (RvImportFormat format);

/* Recognises the format from the content alone; AUTO if unknown. */
RvImportFormat  rv_import_detect                 (const guint8   *data,
                                                  gsize           len);
/* Whether the file needs a password (format AUTO: detected first). */
gboolean        rv_import_is_encrypted           (const guint8   *data,
                                                  gsize           len,
                                                  RvImportFormat  format);

/* Parses a whole file. @data is secret-bearing: keep it in RvSecret memory.
 * @password may be NULL for plain files. Either the whole file is read (with
 * individual entries possibly rejected, see RvImportResult) or nothing is
 * and @error says why. Key derivation makes this slow for encrypted files:
 * call it from a thread or use the _async variant.
 * Limitation: for the JSON formats, json-glib copies the strings it parses
 * (secrets included) into the ordinary heap; that tree lives only during the
 * call and is freed, but not wiped, before it returns. */
RvImportResult *rv_import_parse                  (const guint8   *data,
                                                  gsize           len,
                                                  RvImportFormat  format,
                                                  const RvSecret *password,
                                                  GError        **error);
/* The same in a thread; @data and @password are copied (into RvSecret). */
void            rv_import_parse_async            (const guint8   *data,
                                                  gsize           len,
                                                  RvImportFormat  format,
                                                  const RvSecret *password,
                                                  GCancellable   *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer        user_data);
RvImportResult *rv_import_parse_finish           (GAsyncResult   *result,
                                                  GError        **error);
void            rv_import_result_free            (RvImportResult *result);

/* Reads a whole file straight into guarded memory (G_IO_ERROR, or
 * RV_IMPORT_ERROR_TOO_LARGE past RV_IMPORT_MAX_SIZE). */
RvSecret       *rv_import_read_file              (const char     *path,
                                                  GError        **error);

/* Joins texts (RvSecret, e.g. decoded QR codes of a multi-part Google
 * export) into one newline-separated RvSecret for rv_import_parse(). */
RvSecret       *rv_import_join_texts             (GPtrArray      *texts);

/* Adds the result's accounts to @vault, skipping duplicates of accounts
 * already there or earlier in the same file (same kind and secret). Does not
 * save the vault. @summary must be zero-initialised or cleared. */
void            rv_import_apply                  (RvVault        *vault,
                                                  RvImportResult *result,
                                                  RvImportSummary *summary);
/* Fills @summary with what rv_import_apply() would do, changing nothing. */
void            rv_import_preview                (RvVault        *vault,
                                                  RvImportResult *result,
                                                  RvImportSummary *summary);
void            rv_import_summary_clear          (RvImportSummary *summary);
/* A multi-line, human-readable report (untranslated counts and names). */
char           *rv_import_summary_to_string      (const RvImportSummary *summary);

void            rv_import_rejected_free          (RvImportRejected *rejected);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RvImportResult, rv_import_result_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RvImportSummary, rv_import_summary_clear)

G_END_DECLS
