/* rv-cli-query.h: choosing one account from what the user typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rv-vault.h"

G_BEGIN_DECLS

char      *rv_cli_short_id       (RvAccount   *account);
RvAccount *rv_cli_find_account   (RvVault     *vault,
                                  const char  *query,
                                  int         *status);

G_END_DECLS
