/* rv-password-strength.h: a plain-language hint about a new password
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  RV_PASSWORD_STRENGTH_EMPTY,
  RV_PASSWORD_STRENGTH_WEAK,
  RV_PASSWORD_STRENGTH_FAIR,
  RV_PASSWORD_STRENGTH_STRONG,
} RvPasswordStrength;

/* @hint: (out) (optional): a translated sentence saying why. */
RvPasswordStrength rv_password_strength_check (const char  *password,
                                               char       **hint);

G_END_DECLS
