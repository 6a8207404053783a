/* rv-export.h: plain exports for other authenticators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every exporter here writes secrets in the clear, so each refuses to run
 * unless the caller passes RV_EXPORT_CONFIRM_UNENCRYPTED (after asking the
 * user). Output is kept in RvSecret buffers, never in the ordinary heap.
 * The encrypted backup is rv-backup.h.
 */
#pragma once

#include <gio/gio.h>

#include "rv-account.h"
#include "rv-secret.h"

G_BEGIN_DECLS

#define RV_EXPORT_ERROR (rv_export_error_quark ())

typedef enum
{
  RV_EXPORT_ERROR_NOT_CONFIRMED,   /* plain export without RV_EXPORT_CONFIRM_UNENCRYPTED */
  RV_EXPORT_ERROR_NOTHING,         /* no account can be written in this format */
  RV_EXPORT_ERROR_UNSUPPORTED,     /* this account cannot be written in this format */
  RV_EXPORT_ERROR_INVALID,         /* bad argument (batch size…) */
  RV_EXPORT_ERROR_IO,
} RvExportError;

typedef enum
{
  RV_EXPORT_FLAGS_NONE            = 0,
  RV_EXPORT_CONFIRM_UNENCRYPTED   = 1 << 0,
} RvExportFlags;

typedef enum
{
  RV_EXPORT_FORMAT_URI_LIST,           /* otpauth URIs, one per line */
  RV_EXPORT_FORMAT_AEGIS_JSON,         /* Aegis plain vault, version 1 */
  RV_EXPORT_FORMAT_GOOGLE_MIGRATION,   /* otpauth-migration:// URIs, one per batch */
} RvExportFormat;

/* An account that was left out, and why (translated). */
typedef struct
{
  char *account_id;
  char *display_name;
  char *reason;
} RvExportSkipped;

typedef struct
{
  guint      n_exported;
  GPtrArray *skipped;      /* (element-type RvExportSkipped) */
} RvExportReport;

/* Google Authenticator puts at most this many accounts in one QR code. */
#define RV_EXPORT_GOOGLE_DEFAULT_BATCH_SIZE 10

GQuark       rv_export_error_quark          (void);

void         rv_export_report_init          (RvExportReport *report);
void         rv_export_report_clear         (RvExportReport *report);

const char  *rv_export_format_to_string     (RvExportFormat  format);
gboolean     rv_export_format_from_string   (const char     *text,
                                             RvExportFormat *format);

/* @accounts: a GListModel of RvAccount (rv_vault_get_accounts() or a
 * selection). Accounts without OTP (kind NONE) and accounts the format cannot
 * express are skipped and listed in @report (may be NULL). */
RvSecret    *rv_export_uri_list             (GListModel     *accounts,
                                             RvExportFlags   flags,
                                             RvExportReport *report,
                                             GError        **error);
RvSecret    *rv_export_aegis_json           (GListModel     *accounts,
                                             RvExportFlags   flags,
                                             RvExportReport *report,
                                             GError        **error);
/* Returns: (transfer full) (element-type RvSecret): one
 * otpauth-migration://offline?data=… URI per batch of at most @batch_size
 * accounts, all sharing one batch_id. */
GPtrArray   *rv_export_google_migration     (GListModel     *accounts,
                                             guint           batch_size,
                                             RvExportFlags   flags,
                                             RvExportReport *report,
                                             GError        **error);

/* The otpauth URI of one account (what its QR code carries). */
RvSecret    *rv_export_account_uri          (RvAccount      *account,
                                             RvExportFlags   flags,
                                             GError        **error);

/* @secrets (element-type RvSecret), each followed by a newline. */
RvSecret    *rv_export_join_lines           (GPtrArray      *secrets);

/* Writes @content to @path atomically (temporary file, fsync, rename, fsync
 * of the folder) with mode 0600. */
gboolean     rv_export_write_file           (const char     *path,
                                             const RvSecret *content,
                                             GError        **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RvExportReport, rv_export_report_clear)

G_END_DECLS
