/* rv-vault-format.h: the vault file: layout, header, slots, encryption
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See docs/vault-format.md. Nothing here touches the disk.
 */
#pragma once

#include <glib.h>

#include "rv-kdf.h"
#include "rv-secret.h"

G_BEGIN_DECLS

#define RV_VAULT_MAGIC           "\x89RVAULT\n"
#define RV_VAULT_MAGIC_SIZE      8
/* Written: version 2 (sync metadata, docs/vault-format.md). Read: 1 and 2;
 * a version-1 file is upgraded when it is next saved. */
#define RV_VAULT_FORMAT_VERSION  2
#define RV_VAULT_FORMAT_VERSION_MIN 1
#define RV_VAULT_PREFIX_SIZE     24
#define RV_VAULT_CHECKSUM_SIZE   32
#define RV_VAULT_NONCE_SIZE      24
#define RV_VAULT_KEY_SIZE        32
#define RV_VAULT_TAG_SIZE        16
#define RV_VAULT_WRAPPED_SIZE    (RV_VAULT_KEY_SIZE + RV_VAULT_TAG_SIZE)

typedef enum
{
  RV_VAULT_SLOT_PASSWORD,
  RV_VAULT_SLOT_KEYRING,
} RvVaultSlotType;

/* A slot holds the master key wrapped under a key derived from a password or
 * kept in the keyring. Nothing in it is secret. */
typedef struct
{
  RvVaultSlotType type;
  guint8          nonce[RV_VAULT_NONCE_SIZE];
  guint8          wrapped[RV_VAULT_WRAPPED_SIZE];
  guint8          salt[RV_KDF_SALT_BYTES];    /* password slots */
  RvKdfParams     kdf;                        /* password slots */
} RvVaultSlot;

/* A parsed vault file whose checksum, version and header are good. */
typedef struct
{
  GBytes      *bytes;
  char        *display_name;
  char        *vault_id;
  guint        version;          /* as read: RV_VAULT_FORMAT_VERSION_MIN to _VERSION */
  guint8       payload_nonce[RV_VAULT_NONCE_SIZE];
  GArray      *slots;            /* of RvVaultSlot */
  gsize        payload_offset;
  gsize        payload_size;
  guint8       checksum[RV_VAULT_CHECKSUM_SIZE];
} RvVaultFile;

RvVaultFile       *rv_vault_file_parse            (GBytes            *bytes,
                                                   const char        *display_name,
                                                   GError           **error);
void               rv_vault_file_free             (RvVaultFile       *file);
const RvVaultSlot *rv_vault_file_find_slot        (const RvVaultFile *file,
                                                   RvVaultSlotType    type);
RvSecret          *rv_vault_file_decrypt_payload  (const RvVaultFile *file,
                                                   const RvSecret    *master_key,
                                                   GError           **error);

/* Returns the whole file: a fresh payload nonce, @plaintext encrypted under
 * @master_key, the header authenticated, the checksum appended. */
GBytes            *rv_vault_file_build            (const char        *vault_id,
                                                   GArray            *slots,
                                                   const RvSecret    *master_key,
                                                   const RvSecret    *plaintext);

RvSecret          *rv_vault_slot_unwrap           (const RvVaultSlot *slot,
                                                   const char        *vault_id,
                                                   const RvSecret    *wrapping_key);
void               rv_vault_slot_wrap             (RvVaultSlot       *slot,
                                                   const char        *vault_id,
                                                   const RvSecret    *wrapping_key,
                                                   const RvSecret    *master_key);
RvSecret          *rv_vault_slot_derive_key       (const RvVaultSlot *slot,
                                                   const RvSecret    *password,
                                                   GError           **error);
gboolean           rv_vault_slot_init_password    (RvVaultSlot       *slot,
                                                   const char        *vault_id,
                                                   const RvSecret    *password,
                                                   const RvKdfParams *kdf,
                                                   const RvSecret    *master_key,
                                                   GError           **error);

RvSecret          *rv_vault_new_master_key        (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RvVaultFile, rv_vault_file_free)

G_END_DECLS
