/* rv-old-backups.h: after a new key, the older copies that still open
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rv-vault.h"

G_BEGIN_DECLS

void rv_old_backups_offer (GtkWindow      *parent,
                           RvVault        *vault,
                           GSettings      *settings,
                           const RvSecret *old_password);

G_END_DECLS
