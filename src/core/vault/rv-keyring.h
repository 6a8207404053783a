/* rv-keyring.h: the keyring slot's key in the Secret Service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

#include "rv-secret.h"

G_BEGIN_DECLS

#define RV_KEYRING_SCHEMA_NAME "com.example.RecoveryVault.KeyringSlot"

const SecretSchema *rv_keyring_get_schema  (void);
gboolean            rv_keyring_store       (const char      *vault_id,
                                            const char      *path,
                                            const RvSecret  *key,
                                            GCancellable    *cancellable,
                                            GError         **error);
RvSecret           *rv_keyring_lookup      (const char      *vault_id,
                                            GCancellable    *cancellable,
                                            GError         **error);
gboolean            rv_keyring_clear       (const char      *vault_id,
                                            GCancellable    *cancellable,
                                            GError         **error);

G_END_DECLS
