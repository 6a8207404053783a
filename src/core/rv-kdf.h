/* rv-kdf.h: Argon2id password hashing and its calibration
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rv-secret.h"

G_BEGIN_DECLS

#define RV_KDF_SALT_BYTES 16
#define RV_KDF_KEY_BYTES  32

/* The most a file may ask for, and the most calibration ever chooses: 64
 * passes (as OTPClient) and 1 GiB (four times our largest choice). */
#define RV_KDF_MAX_OPSLIMIT  ((guint64) 64)
#define RV_KDF_MAX_MEMLIMIT  ((guint64) 1024 * 1024 * 1024)

typedef struct
{
  guint64 opslimit;
  guint64 memlimit;   /* bytes */
  gint32  alg;        /* crypto_pwhash_ALG_* */
} RvKdfParams;

void      rv_kdf_params_interactive   (RvKdfParams       *params);
void      rv_kdf_get_calibrated       (RvKdfParams       *params);
guint     rv_kdf_get_target_ms        (void);
gboolean  rv_kdf_params_are_sane      (const RvKdfParams *params,
                                       GError           **error);
RvSecret *rv_kdf_derive               (const RvSecret    *password,
                                       const guint8       salt[RV_KDF_SALT_BYTES],
                                       const RvKdfParams *params,
                                       GError           **error);

G_END_DECLS
