/* rv-account.h: one account: OTP parameters, secret, recovery codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rv-otp.h"
#include "rv-secret.h"
#include "rv-stamp.h"

G_BEGIN_DECLS

#define RV_ACCOUNT_ERROR (rv_account_error_quark ())

typedef enum
{
  RV_ACCOUNT_ERROR_NO_SUCH_CODE,
  RV_ACCOUNT_ERROR_CODE_ALREADY_USED,
  RV_ACCOUNT_ERROR_DUPLICATE_CODE,
  RV_ACCOUNT_ERROR_CODE_NOT_USED,
  RV_ACCOUNT_ERROR_CODES_LOCKED,     /* the recovery-code compartment is closed */
} RvAccountError;

/* One recovery code; the code itself is a secret. Times are Unix seconds,
 * 0 when unknown or not yet. With the recovery-code compartment on, @sealed
 * holds the code encrypted under the compartment's key and @code is %NULL
 * until the compartment is opened (docs/vault-format.md). */
#define RV_RECOVERY_CODE_ID_LEN 16

typedef struct
{
  RvSecret *code;
  gint64    added_at;
  gint64    used_at;
  char      id[RV_RECOVERY_CODE_ID_LEN + 1];  /* 16 hex digits, stable across copies */
  RvStamp   modified;                          /* added, marked used or unused */
  GBytes   *sealed;                            /* nullable: nonce || ciphertext and tag */
} RvRecoveryCode;

/* What a merge compares and stamps one by one (docs/vault-format.md). */
typedef enum
{
  RV_ACCOUNT_FIELD_ISSUER,
  RV_ACCOUNT_FIELD_NAME,
  RV_ACCOUNT_FIELD_EMAIL,
  RV_ACCOUNT_FIELD_URL,
  RV_ACCOUNT_FIELD_NOTES,
  RV_ACCOUNT_FIELD_TAGS,
  RV_ACCOUNT_FIELD_OTP,            /* kind, algorithm, digits, period and secret as one */
  RV_ACCOUNT_FIELD_COUNTER,
  RV_ACCOUNT_FIELD_RECOVERY_META,  /* issued, expected count, checked */
  RV_ACCOUNT_N_FIELDS
} RvAccountField;

/* A value a merge replaced, kept so that nothing typed is lost. */
typedef struct
{
  RvAccountField  field;
  char           *text;      /* text fields */
  GStrv           tags;      /* tags */
  RvSecret       *secret;    /* OTP: the replaced secret */
  RvStamp         modified;  /* of the replaced value */
  RvStamp         replaced;  /* of the value that replaced it */
} RvAccountHistoryEntry;

#define RV_ACCOUNT_MAX_HISTORY 20

/* A removed recovery code of this account. */
typedef struct
{
  char     id[RV_RECOVERY_CODE_ID_LEN + 1];
  RvStamp  removed;
} RvCodeTombstone;

/* Stored values of an account, for rv_account_new_from_fields(). */
typedef struct
{
  const char          *id;
  const char          *issuer;
  const char          *name;
  const char          *email;
  const char          *url;
  const char          *notes;
  const char * const  *tags;
  RvOtpKind            kind;
  RvOtpAlgorithm       algorithm;
  guint                digits;
  guint                period;
  guint64              counter;
  RvSecret            *secret;             /* taken */
  gint64               created;
  gint64               updated;
  GArray              *recovery_codes;     /* of RvRecoveryCode, taken; no clear func */
  gint64               recovery_issued_at;
  guint                recovery_expected_count;
  gint64               recovery_checked_at;
  /* Sync metadata; left zero, they are derived from "updated" (version 1). */
  gboolean             have_stamps;
  RvStamp              field_stamps[RV_ACCOUNT_N_FIELDS];
  GPtrArray           *history;            /* of RvAccountHistoryEntry, taken; may be NULL */
} RvAccountFields;

#define RV_TYPE_ACCOUNT (rv_account_get_type ())

G_DECLARE_FINAL_TYPE (RvAccount, rv_account, RV, ACCOUNT, GObject)

GQuark                rv_account_error_quark                  (void);

RvAccount            *rv_account_new                          (void);
void                  rv_account_fields_init                  (RvAccountFields   *fields);
RvAccount            *rv_account_new_from_fields              (RvAccountFields   *fields);
RvAccount            *rv_account_new_from_otp_params          (const RvOtpParams *params);
RvOtpParams          *rv_account_dup_otp_params               (RvAccount         *self);
void                  rv_account_set_otp_params               (RvAccount         *self,
                                                               const RvOtpParams *params);

const char           *rv_account_get_id                       (RvAccount         *self);
void                  rv_account_set_id                       (RvAccount         *self,
                                                               const char        *id);
const char           *rv_account_get_issuer                   (RvAccount         *self);
void                  rv_account_set_issuer                   (RvAccount         *self,
                                                               const char        *issuer);
const char           *rv_account_get_name                     (RvAccount         *self);
void                  rv_account_set_name                     (RvAccount         *self,
                                                               const char        *name);
const char           *rv_account_get_email                    (RvAccount         *self);
void                  rv_account_set_email                    (RvAccount         *self,
                                                               const char        *email);
const char           *rv_account_get_url                      (RvAccount         *self);
void                  rv_account_set_url                      (RvAccount         *self,
                                                               const char        *url);
const char           *rv_account_get_notes                    (RvAccount         *self);
void                  rv_account_set_notes                    (RvAccount         *self,
                                                               const char        *notes);
const char * const   *rv_account_get_tags                     (RvAccount         *self);
void                  rv_account_set_tags                     (RvAccount         *self,
                                                               const char * const *tags);

RvOtpKind             rv_account_get_kind                     (RvAccount         *self);
void                  rv_account_set_kind                     (RvAccount         *self,
                                                               RvOtpKind          kind);
RvOtpAlgorithm        rv_account_get_algorithm                (RvAccount         *self);
void                  rv_account_set_algorithm                (RvAccount         *self,
                                                               RvOtpAlgorithm     algorithm);
guint                 rv_account_get_digits                   (RvAccount         *self);
void                  rv_account_set_digits                   (RvAccount         *self,
                                                               guint              digits);
guint                 rv_account_get_period                   (RvAccount         *self);
void                  rv_account_set_period                   (RvAccount         *self,
                                                               guint              period);
guint64               rv_account_get_counter                  (RvAccount         *self);
void                  rv_account_set_counter                  (RvAccount         *self,
                                                               guint64            counter);
const RvSecret       *rv_account_get_secret                   (RvAccount         *self);
gboolean              rv_account_has_otp                      (RvAccount         *self,
                                                               RvOtpKind          kind,
                                                               const RvSecret    *secret);
gboolean              rv_account_same_otp                     (RvAccount         *self,
                                                               RvAccount         *other);
RvAccount            *rv_account_find_same_otp                (GListModel        *accounts,
                                                               RvOtpKind          kind,
                                                               const RvSecret    *secret);
void                  rv_account_set_secret                   (RvAccount         *self,
                                                               const RvSecret    *secret);
/* Called by the account on every change; @updated_only when the change set
 * the "updated" time itself. One owner (the vault) at a time. */
typedef void (*RvAccountOwnerFunc) (RvAccount *account,
                                    gboolean   updated_only,
                                    gpointer   owner);
void                  rv_account_set_owner                    (RvAccount         *self,
                                                               RvAccountOwnerFunc func,
                                                               gpointer           owner);
gpointer              rv_account_get_owner                    (RvAccount         *self);
void                  rv_account_take_secret                  (RvAccount         *self,
                                                               RvSecret          *secret);

gint64                rv_account_get_created                  (RvAccount         *self);
void                  rv_account_set_created                  (RvAccount         *self,
                                                               gint64             created);
gint64                rv_account_get_updated                  (RvAccount         *self);
void                  rv_account_set_updated                  (RvAccount         *self,
                                                               gint64             updated);

gboolean              rv_account_generate_code                (RvAccount         *self,
                                                               gint64             unix_time,
                                                               char               code[RV_OTP_CODE_BUFFER],
                                                               GError           **error);
char                 *rv_account_dup_display_name             (RvAccount         *self);
gboolean              rv_account_matches                      (RvAccount         *self,
                                                               const char        *casefolded_query);

guint                 rv_account_get_n_recovery_codes         (RvAccount         *self);
guint                 rv_account_get_n_unused_recovery_codes  (RvAccount         *self);
const RvRecoveryCode *rv_account_get_recovery_code            (RvAccount         *self,
                                                               guint              index);
gboolean              rv_account_add_recovery_code            (RvAccount         *self,
                                                               const RvSecret    *code,
                                                               gint64             added_at,
                                                               gint64             used_at,
                                                               GError           **error);
gboolean              rv_account_mark_recovery_code_used      (RvAccount         *self,
                                                               guint              index,
                                                               gint64             when,
                                                               GError           **error);
gboolean              rv_account_mark_recovery_code_unused    (RvAccount         *self,
                                                               guint              index,
                                                               GError           **error);
gboolean              rv_account_use_recovery_code            (RvAccount         *self,
                                                               const RvSecret    *code,
                                                               gint64             when,
                                                               GError           **error);
void                  rv_account_clear_recovery_codes         (RvAccount         *self);
gint64                rv_account_get_recovery_issued_at       (RvAccount         *self);
void                  rv_account_set_recovery_issued_at       (RvAccount         *self,
                                                               gint64             when);
guint                 rv_account_get_recovery_expected_count  (RvAccount         *self);
void                  rv_account_set_recovery_expected_count  (RvAccount         *self,
                                                               guint              count);
gint64                rv_account_get_recovery_checked_at      (RvAccount         *self);
void                  rv_account_set_recovery_checked_at      (RvAccount         *self,
                                                               gint64             when);

/* Sync (rv-vault-merge.c). Every change through the setters stamps its
 * field and the account's "modified" with rv_stamp_next(). */
const char           *rv_account_field_to_string              (RvAccountField     field);
gboolean              rv_account_field_from_string            (const char        *text,
                                                               RvAccountField    *field);
RvStamp               rv_account_get_modified                 (RvAccount         *self);
RvStamp               rv_account_get_field_stamp              (RvAccount         *self,
                                                               RvAccountField     field);
gboolean              rv_account_field_equal                  (RvAccount         *self,
                                                               RvAccount         *other,
                                                               RvAccountField     field);
/* Takes @other's value and stamp of @field, without a new stamp. */
void                  rv_account_copy_field                   (RvAccount         *self,
                                                               RvAccount         *other,
                                                               RvAccountField     field);
/* Returns: (transfer full): @field's current value as a history entry
 * (replaced by @replaced). */
RvAccountHistoryEntry *rv_account_dup_history_entry           (RvAccount         *self,
                                                               RvAccountField     field,
                                                               const RvStamp     *replaced);
RvAccountHistoryEntry *rv_account_history_entry_copy          (const RvAccountHistoryEntry *entry);
void                  rv_account_history_entry_free           (RvAccountHistoryEntry *entry);
/* (element-type RvAccountHistoryEntry) (transfer none): oldest first. */
GPtrArray            *rv_account_get_history                  (RvAccount         *self);
/* Takes @entry; FALSE (and frees it) when the same value is already there.
 * Keeps the newest RV_ACCOUNT_MAX_HISTORY entries. */
gboolean              rv_account_add_history                  (RvAccount         *self,
                                                               RvAccountHistoryEntry *entry);
/* Recovery codes by id, for merging: no new stamp. */
gint                  rv_account_find_recovery_code_id        (RvAccount         *self,
                                                               const char        *id);
gint                  rv_account_find_recovery_code           (RvAccount         *self,
                                                               const RvSecret    *code);
void                  rv_account_put_recovery_code            (RvAccount         *self,
                                                               const RvRecoveryCode *code);
void                  rv_account_remove_recovery_code_at      (RvAccount         *self,
                                                               guint              index,
                                                               const RvStamp     *removed);
/* (element-type RvCodeTombstone) (transfer none) */
GArray               *rv_account_get_code_tombstones          (RvAccount         *self);
void                  rv_account_add_code_tombstone           (RvAccount         *self,
                                                               const char        *id,
                                                               const RvStamp     *removed);
void                  rv_account_drop_code_tombstone          (RvAccount         *self,
                                                               const char        *id);
/* Drops code tombstones removed before @before_ms. */
void                  rv_account_expire_code_tombstones       (RvAccount         *self,
                                                               gint64             before_ms);
/* Returns: (transfer full): an independent copy, stamps and history included. */
RvAccount            *rv_account_copy                         (RvAccount         *self);
/* The recovery-code compartment (set by the vault): while locked, codes
 * cannot be added or matched by value (RV_ACCOUNT_ERROR_CODES_LOCKED). */
void                  rv_account_set_recovery_codes_locked    (RvAccount         *self,
                                                               gboolean           locked);
gboolean              rv_account_get_recovery_codes_locked    (RvAccount         *self);
/* Sets a code's plaintext (@code taken, nullable: wiped) or sealed blob
 * (nullable), without a stamp: opening, closing and sealing change neither. */
void                  rv_account_set_recovery_code_plain      (RvAccount         *self,
                                                               guint              index,
                                                               RvSecret          *code);
void                  rv_account_set_recovery_code_sealed     (RvAccount         *self,
                                                               guint              index,
                                                               GBytes            *sealed);

/* The version-1 id of a code: the first 16 hex digits of BLAKE2b(account id || code). */
void                  rv_recovery_code_derive_id              (const char        *account_id,
                                                               const RvSecret    *code,
                                                               char               id[RV_RECOVERY_CODE_ID_LEN + 1]);

G_END_DECLS
