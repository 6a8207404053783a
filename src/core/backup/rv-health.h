/* rv-health.h: backup health warnings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rv-vault.h"

G_BEGIN_DECLS

typedef enum
{
  RV_HEALTH_NEVER_BACKED_UP,
  RV_HEALTH_CHANGED_SINCE_BACKUP,
  RV_HEALTH_BACKUP_TOO_OLD,
  RV_HEALTH_NO_RECOVERY_CODES,      /* per account */
  RV_HEALTH_FEW_RECOVERY_CODES,     /* per account */
  RV_HEALTH_PASSWORD_NOT_ENTERED,   /* keyring unlock on, password not typed for long */
  RV_HEALTH_SHEET_OUT_OF_DATE,      /* per account: codes changed after the emergency sheet */
} RvHealthKind;

typedef enum
{
  RV_HEALTH_FIX_EXPORT_BACKUP,
  RV_HEALTH_FIX_ADD_RECOVERY_CODES,
  RV_HEALTH_FIX_REGENERATE_RECOVERY_CODES,
  RV_HEALTH_FIX_CONFIRM_PASSWORD,
  RV_HEALTH_FIX_PRINT_SHEET,
} RvHealthFix;

typedef struct
{
  RvHealthKind  kind;
  RvHealthFix   fix;
  char         *account_id;     /* NULL for vault-wide warnings */
  char         *title;          /* short, translated */
  char         *detail;         /* one sentence naming the fix, translated */
} RvHealthWarning;

typedef struct
{
  gint64 now;
  guint  max_backup_age_days;       /* 0: no age limit */
  guint  few_codes_threshold;       /* default 2 */
  guint  password_reminder_days;    /* default 30 */
} RvHealthPolicy;

void       rv_health_policy_init      (RvHealthPolicy *policy);
/* Returns: (transfer full) (element-type RvHealthWarning): the warnings that apply. */
GPtrArray *rv_health_check            (RvVault              *vault,
                                       const RvHealthPolicy *policy);
void       rv_health_warning_free     (RvHealthWarning      *warning);

/* Records that the vault password was just typed and checked (an unlock
 * with the password, a confirmation): every front end calls this. */
gboolean   rv_health_record_password_entered (RvVault              *vault,
                                              GError              **error);

/* Records that a verified emergency sheet holding the recovery codes of
 * @accounts (RvAccount) was printed at @when: the backup state keeps a
 * digest of each account's codes (entries of other accounts stay), and
 * rv_health_check() warns when an account's codes change afterwards. */
void       rv_health_record_sheet     (RvVault              *vault,
                                       GPtrArray            *accounts,
                                       gint64                when);

/* The fix for RV_HEALTH_PASSWORD_NOT_ENTERED: checks @password against the
 * vault file (slow: key derivation; a wrong one is RV_VAULT_ERROR_WRONG_PASSWORD
 * with a message to show) and records that it was entered. */
gboolean   rv_health_confirm_password        (RvVault              *vault,
                                              const RvSecret       *password,
                                              GError              **error);
void       rv_health_confirm_password_async  (RvVault              *vault,
                                              const RvSecret       *password,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean   rv_health_confirm_password_finish (RvVault              *vault,
                                              GAsyncResult         *result,
                                              GError              **error);

G_END_DECLS
