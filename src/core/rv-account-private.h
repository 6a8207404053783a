/* rv-account-private.h: the account's fields, shared by rv-account.c (the
 * object and its OTP fields), rv-account-codes.c (recovery codes and their
 * tombstones) and rv-account-sync.c (field stamps, merge copies, history).
 * Not installed; nothing outside those three files includes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rv-account.h"

G_BEGIN_DECLS

struct _RvAccount
{
  GObject         parent_instance;

  char           *id;
  char           *issuer;
  char           *name;
  char           *email;
  char           *url;
  char           *notes;
  GStrv           tags;
  char           *search_key;       /* folded issuer, name, email, tags; NULL until searched */

  RvOtpKind       kind;
  RvOtpAlgorithm  algorithm;
  guint           digits;
  guint           period;
  guint64         counter;
  RvSecret       *secret;

  gint64          created;
  gint64          updated;

  GArray         *recovery_codes;   /* of RvRecoveryCode */
  gint64          recovery_issued_at;
  guint           recovery_expected_count;
  gint64          recovery_checked_at;

  /* Sync metadata: when each field last changed, and where. */
  RvStamp         field_stamps[RV_ACCOUNT_N_FIELDS];
  RvStamp         modified;
  GPtrArray      *history;          /* of RvAccountHistoryEntry, oldest first */
  GArray         *code_tombstones;  /* of RvCodeTombstone */
  gboolean        no_stamp;         /* a merge is copying stamped values */
  gboolean        codes_locked;     /* the recovery-code compartment is closed */

  RvAccountOwnerFunc owner_func;
  gpointer           owner;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_ISSUER,
  PROP_NAME,
  PROP_EMAIL,
  PROP_URL,
  PROP_NOTES,
  PROP_TAGS,
  PROP_KIND,
  PROP_ALGORITHM,
  PROP_DIGITS,
  PROP_PERIOD,
  PROP_COUNTER,
  PROP_CREATED,
  PROP_UPDATED,
  PROP_N_RECOVERY_CODES,
  PROP_N_UNUSED_RECOVERY_CODES,
  N_PROPS
};

/* Moves the account's modification stamp forward to @stamp. */
void      _rv_account_touch                  (RvAccount      *self,
                                              const RvStamp  *stamp);
/* A change made here, now: @field gets a new stamp. */
void      _rv_account_stamp_field            (RvAccount      *self,
                                              RvAccountField  field);
/* Notifies @prop_id (unless PROP_0) and tells the owner and "changed". */
void      _rv_account_emit_changed           (RvAccount      *self,
                                              guint           prop_id);
void      _rv_account_set_string             (RvAccount      *self,
                                              char          **field,
                                              const char     *value,
                                              guint           prop_id,
                                              RvAccountField  sync_field);
void      _rv_account_notify_recovery_counts (RvAccount      *self);
/* The index of the stored code equal to @code, or -1. */
gint      _rv_account_find_code              (RvAccount      *self,
                                              const RvSecret *code);

G_END_DECLS
