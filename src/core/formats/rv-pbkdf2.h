/* rv-pbkdf2.h: PBKDF2-HMAC (RFC 8018), for reading other apps' files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rv-secret.h"

G_BEGIN_DECLS

/* Derives @key_len bytes. @digest is G_CHECKSUM_SHA1, _SHA256 or _SHA512.
 * Returns NULL for an unsupported digest, zero iterations or zero length. */
RvSecret *rv_pbkdf2_hmac (GChecksumType  digest,
                          const guint8  *password,
                          gsize          password_len,
                          const guint8  *salt,
                          gsize          salt_len,
                          guint          iterations,
                          gsize          key_len);

G_END_DECLS
