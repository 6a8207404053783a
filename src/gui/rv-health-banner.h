/* rv-health-banner.h: the most important backup warning, with its fix
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rv-health.h"

G_BEGIN_DECLS

#define RV_TYPE_HEALTH_BANNER (rv_health_banner_get_type ())

G_DECLARE_FINAL_TYPE (RvHealthBanner, rv_health_banner, RV, HEALTH_BANNER, AdwBin)

GtkWidget  *rv_health_banner_new            (RvVault        *vault);
RvVault    *rv_health_banner_get_vault      (RvHealthBanner *self);
void        rv_health_banner_set_vault      (RvHealthBanner *self,
                                             RvVault        *vault);
/* Re-reads the vault's health now (it also does on every vault change). */
void        rv_health_banner_refresh        (RvHealthBanner *self);
/* The title of the warning shown, or NULL when all is well. */
const char *rv_health_banner_get_title      (RvHealthBanner *self);

G_END_DECLS
