/* rv-otp.h: HOTP (RFC 4226), TOTP (RFC 6238) and Steam Guard codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "rv-secret.h"

G_BEGIN_DECLS

#define RV_OTP_ERROR (rv_otp_error_quark ())

typedef enum
{
  RV_OTP_ERROR_NO_SECRET,
  RV_OTP_ERROR_BAD_DIGITS,
  RV_OTP_ERROR_BAD_PERIOD,
  RV_OTP_ERROR_BAD_KIND,
  RV_OTP_ERROR_BAD_TIME,
  RV_OTP_ERROR_BAD_SECRET,    /* too long, or too short and all zero */
  RV_OTP_ERROR_TOO_LONG,      /* issuer or account name */
  RV_OTP_ERROR_COUNTER_EXHAUSTED,
} RvOtpError;

typedef enum
{
  RV_OTP_KIND_NONE,
  RV_OTP_KIND_TOTP,
  RV_OTP_KIND_HOTP,
  RV_OTP_KIND_STEAM,
} RvOtpKind;

typedef enum
{
  RV_OTP_ALGORITHM_SHA1,
  RV_OTP_ALGORITHM_SHA256,
  RV_OTP_ALGORITHM_SHA512,
} RvOtpAlgorithm;

/* One limit on what an account may hold, so that its otpauth URI (where the
 * issuer appears twice, and each byte may be escaped as %XX) always stays
 * under RV_OTP_URI_MAX_LENGTH (8192): 3 * (2 * 512 + 512) + base32 of 512
 * bytes (824) + the parameters is about 5,900 characters. */
#define RV_OTP_MAX_TEXT_BYTES    512
#define RV_OTP_MAX_SECRET_BYTES  512
/* An all-zero secret shorter than this (80 bits) is a placeholder, not a
 * secret. */
#define RV_OTP_MIN_ZERO_SECRET_BYTES 10

#define RV_OTP_MIN_DIGITS      6
#define RV_OTP_MAX_DIGITS      10
#define RV_OTP_STEAM_DIGITS    5
#define RV_OTP_DEFAULT_PERIOD  30
#define RV_OTP_MAX_PERIOD      (24 * 60 * 60)
/* Enough for the longest code and its NUL. */
#define RV_OTP_CODE_BUFFER     (RV_OTP_MAX_DIGITS + 1)

/* What a code generator needs, plus the label: what an otpauth URI carries. */
typedef struct
{
  RvOtpKind       kind;
  RvOtpAlgorithm  algorithm;
  guint           digits;
  guint           period;
  guint64         counter;
  char           *issuer;
  char           *account_name;
  RvSecret       *secret;
} RvOtpParams;

GQuark          rv_otp_error_quark           (void);

RvOtpParams    *rv_otp_params_new            (RvOtpKind          kind);
RvOtpParams    *rv_otp_params_copy           (const RvOtpParams *self);
void            rv_otp_params_free           (RvOtpParams       *self);
gboolean        rv_otp_params_validate       (const RvOtpParams *self,
                                              GError           **error);
gboolean        rv_otp_params_generate       (const RvOtpParams *self,
                                              gint64             unix_time,
                                              char               code[RV_OTP_CODE_BUFFER],
                                              GError           **error);

guint32         rv_otp_hotp_value            (const RvSecret    *key,
                                              RvOtpAlgorithm     algorithm,
                                              guint64            counter);
void            rv_otp_hotp                  (const RvSecret    *key,
                                              RvOtpAlgorithm     algorithm,
                                              guint64            counter,
                                              guint              digits,
                                              char               code[RV_OTP_CODE_BUFFER]);
void            rv_otp_totp                  (const RvSecret    *key,
                                              RvOtpAlgorithm     algorithm,
                                              gint64             unix_time,
                                              guint              period,
                                              guint              digits,
                                              char               code[RV_OTP_CODE_BUFFER]);
void            rv_otp_steam                 (const RvSecret    *key,
                                              gint64             unix_time,
                                              guint              period,
                                              char               code[RV_OTP_CODE_BUFFER]);

guint64         rv_otp_time_step             (gint64             unix_time,
                                              guint              period);
guint           rv_otp_seconds_left          (gint64             unix_time,
                                              guint              period);

const char     *rv_otp_kind_to_string        (RvOtpKind          kind);
gboolean        rv_otp_kind_from_string      (const char        *text,
                                              RvOtpKind         *kind);
const char     *rv_otp_algorithm_to_string   (RvOtpAlgorithm     algorithm);
gboolean        rv_otp_algorithm_from_string (const char        *text,
                                              RvOtpAlgorithm    *algorithm);

/* The HOTP counter after @counter; refuses (COUNTER_EXHAUSTED) rather than
 * wrap 2^64-1 to 0, which would repeat every code since the first. */
gboolean        rv_otp_next_counter          (guint64            counter,
                                              guint64           *next,
                                              GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RvOtpParams, rv_otp_params_free)

G_END_DECLS
