/* rv-secret-scan.h: finding stored secrets in text somebody wrote
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rv-secret.h"

G_BEGIN_DECLS

/* Secrets shorter than this, once normalised, are not looked for: a
 * 4-character code matches ordinary words and numbers by chance. Six
 * characters cover every recovery-code format we know (8 or more) and
 * the base32 form of any OTP seed. */
#define RV_SECRET_SCAN_MIN_LENGTH 6

/* A text prepared for searching: the text as written, and a normalised copy
 * (ASCII upper case, without white space, '-' or '='), as codes are typed,
 * printed and grouped. The copy lives in guarded memory and is wiped. */
typedef struct _RvSecretScan RvSecretScan;

RvSecretScan *rv_secret_scan_new            (const char         *text);
void          rv_secret_scan_free           (RvSecretScan       *scan);

/* Whether @secret occurs in the text as written, or normalised in the
 * normalised text (recovery codes, passwords, any text secret). */
gboolean      rv_secret_scan_find           (const RvSecretScan *scan,
                                             const RvSecret     *secret);
/* Whether an OTP seed occurs: its raw bytes, or its base32 form in any case,
 * spacing or padding. */
gboolean      rv_secret_scan_find_otp_seed  (const RvSecretScan *scan,
                                             const RvSecret     *seed);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RvSecretScan, rv_secret_scan_free)

G_END_DECLS
