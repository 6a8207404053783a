/* rv-base32.h: RFC 4648 base32
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rv-secret.h"

G_BEGIN_DECLS

#define RV_BASE32_ERROR (rv_base32_error_quark ())

typedef enum
{
  RV_BASE32_ERROR_EMPTY,
  RV_BASE32_ERROR_INVALID_CHARACTER,
  RV_BASE32_ERROR_BAD_LENGTH,
  RV_BASE32_ERROR_BAD_PADDING,
} RvBase32Error;

GQuark    rv_base32_error_quark        (void);

RvSecret *rv_base32_decode             (const char     *text,
                                        gsize           len,
                                        GError        **error);
RvSecret *rv_base32_encode             (const guint8   *data,
                                        gsize           len);
RvSecret *rv_base32_encode_secret      (const RvSecret *secret);

G_END_DECLS
