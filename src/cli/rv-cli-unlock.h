/* rv-cli-unlock.h: finding, unlocking and saving the vault for a command
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rv-cli.h"
#include "rv-util.h"
#include "rv-vault.h"

G_BEGIN_DECLS

typedef enum
{
  RV_CLI_UNLOCK_DEFAULT     = 0,
  RV_CLI_UNLOCK_NO_KEYRING  = 1 << 0,   /* the password is needed anyway */
} RvCliUnlockFlags;

const char *rv_cli_vault_path           (RvCliGlobal       *global);
int         rv_cli_vault_error_status   (const GError      *error);
gboolean    rv_cli_require_vault        (const char        *path,
                                         int               *status);
RvSecret   *rv_cli_get_password         (RvCliGlobal       *global,
                                         const char        *prompt,
                                         int               *status);
/* A password that is not the vault's (a backup's, the compartment's): from
 * @fd, else typed (twice when @repeat_prompt is set). @missing and @empty
 * are the messages for no descriptor without a terminal, and for "". */
RvSecret   *rv_cli_get_other_password   (int                fd,
                                         const char        *prompt,
                                         const char        *repeat_prompt,
                                         const char        *missing,
                                         const char        *empty,
                                         int               *status);
RvVault    *rv_cli_open_vault           (RvCliGlobal       *global,
                                         RvCliUnlockFlags   flags,
                                         int               *status);
int         rv_cli_save_vault           (RvVault           *vault);

G_END_DECLS
