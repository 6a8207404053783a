/* rv-otp-uri.h: otpauth:// URIs (the Key Uri Format)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rv-otp.h"

G_BEGIN_DECLS

#define RV_OTP_URI_ERROR (rv_otp_uri_error_quark ())

typedef enum
{
  RV_OTP_URI_ERROR_NOT_OTPAUTH,
  RV_OTP_URI_ERROR_BAD_TYPE,
  RV_OTP_URI_ERROR_BAD_LABEL,
  RV_OTP_URI_ERROR_BAD_ENCODING,
  RV_OTP_URI_ERROR_MISSING_SECRET,
  RV_OTP_URI_ERROR_BAD_SECRET,
  RV_OTP_URI_ERROR_BAD_ALGORITHM,
  RV_OTP_URI_ERROR_BAD_DIGITS,
  RV_OTP_URI_ERROR_BAD_PERIOD,
  RV_OTP_URI_ERROR_BAD_COUNTER,
  RV_OTP_URI_ERROR_MISSING_COUNTER,
  RV_OTP_URI_ERROR_DUPLICATE_PARAMETER,
  RV_OTP_URI_ERROR_TOO_LONG,
} RvOtpUriError;

/* Longer input is refused before parsing. */
#define RV_OTP_URI_MAX_LENGTH 8192

GQuark       rv_otp_uri_error_quark (void);

RvOtpParams *rv_otp_uri_parse       (const char        *uri,
                                     gsize              len,
                                     GError           **error);
RvSecret    *rv_otp_uri_build       (const RvOtpParams *params);

G_END_DECLS
