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
  RV_VAULT_SLOT_PAPER_KEY,    /* compartment slots only */
} RvVaultSlotType;

/* The paper key of the recovery-code compartment: 128 random bits, printed
 * as 26 base32 characters in groups of 4. */
#define RV_PAPER_KEY_SIZE 16

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

/* The recovery-code compartment's header (docs/vault-format.md): its id,
 * the vault it was made in (bound into its slots' and sealed codes'
 * associated data, so a backup copy with another vault id still opens it),
 * and its slots (password, optional paper key) wrapping its own key. */
typedef struct _RvVaultCompartment
{
  char   *id;
  char   *vault_id;
  GArray *slots;                 /* of RvVaultSlot */
} RvVaultCompartment;

/* A parsed vault file whose version and header are good, and its checksum
 * unless parsed with the checksum deferred (checksum_checked). */
typedef struct
{
  GBytes      *bytes;
  char        *display_name;
  char        *vault_id;
  guint        version;          /* as read: RV_VAULT_FORMAT_VERSION_MIN to _VERSION */
  guint8       payload_nonce[RV_VAULT_NONCE_SIZE];
  GArray      *slots;            /* of RvVaultSlot */
  RvVaultCompartment *compartment;  /* nullable: the compartment is off */
  gsize        payload_offset;
  gsize        payload_size;
  guint8       checksum[RV_VAULT_CHECKSUM_SIZE];
  gboolean     checksum_checked; /* FALSE: parsed with the checksum deferred */
} RvVaultFile;

RvVaultFile       *rv_vault_file_parse            (GBytes            *bytes,
                                                   const char        *display_name,
                                                   GError           **error);
RvVaultFile       *rv_vault_file_parse_full       (GBytes            *bytes,
                                                   const char        *display_name,
                                                   gboolean           defer_checksum,
                                                   GError           **error);
gboolean           rv_vault_file_check_checksum   (RvVaultFile       *file,
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

/* Like rv_vault_file_build(), with the compartment's header (nullable). */
GBytes            *rv_vault_file_build_full       (const char        *vault_id,
                                                   GArray            *slots,
                                                   const RvVaultCompartment *compartment,
                                                   const RvSecret    *master_key,
                                                   const RvSecret    *plaintext);

RvVaultCompartment *rv_vault_compartment_new      (const char        *vault_id);
RvVaultCompartment *rv_vault_compartment_copy     (const RvVaultCompartment *compartment);
void               rv_vault_compartment_free      (RvVaultCompartment *compartment);
const RvVaultSlot *rv_vault_compartment_find_slot (const RvVaultCompartment *compartment,
                                                   RvVaultSlotType    type);
/* The compartment's slots: the same wrapping as the vault's, with their own
 * associated data (which adds the compartment id). */
RvSecret          *rv_vault_compartment_slot_unwrap (const RvVaultSlot *slot,
                                                     const RvVaultCompartment *compartment,
                                                     const RvSecret    *wrapping_key);
gboolean           rv_vault_compartment_slot_init_password (RvVaultSlot *slot,
                                                     const RvVaultCompartment *compartment,
                                                     const RvSecret    *password,
                                                     const RvKdfParams *kdf,
                                                     const RvSecret    *key,
                                                     GError           **error);
/* A paper-key slot for @paper_key (RV_PAPER_KEY_SIZE bytes) with a new salt. */
void               rv_vault_compartment_slot_init_paper (RvVaultSlot  *slot,
                                                     const RvVaultCompartment *compartment,
                                                     const RvSecret    *paper_key,
                                                     const RvSecret    *key);
/* A recovery code sealed under the compartment's @key: nonce || ciphertext
 * and tag, the associated data binding the compartment's vault id, @account_id
 * and @code_id. Unsealing returns %NULL if anything was altered. */
GBytes            *rv_vault_compartment_seal      (const RvVaultCompartment *compartment,
                                                   const RvSecret    *key,
                                                   const char        *account_id,
                                                   const char        *code_id,
                                                   const RvSecret    *code);
RvSecret          *rv_vault_compartment_unseal    (const RvVaultCompartment *compartment,
                                                   const RvSecret    *key,
                                                   const char        *account_id,
                                                   const char        *code_id,
                                                   GBytes            *sealed);
/* BLAKE2b-256 keyed with the slot's salt over the paper key. */
RvSecret          *rv_vault_paper_slot_derive_key (const RvVaultSlot *slot,
                                                   const RvSecret    *paper_key);

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

/* The slot crypto with the compartment's associated data (@compartment not
 * %NULL) or the vault's (@vault_id); rv-vault-compartment-format.c. */
RvSecret          *_rv_vault_slot_unwrap_full     (const RvVaultSlot *slot,
                                                   const char        *vault_id,
                                                   const RvVaultCompartment *compartment,
                                                   const RvSecret    *wrapping_key);
void               _rv_vault_slot_wrap_full       (RvVaultSlot       *slot,
                                                   const char        *vault_id,
                                                   const RvVaultCompartment *compartment,
                                                   const RvSecret    *wrapping_key,
                                                   const RvSecret    *master_key);
gboolean           _rv_vault_slot_init_password_full (RvVaultSlot    *slot,
                                                   const char        *vault_id,
                                                   const RvVaultCompartment *compartment,
                                                   const RvSecret    *password,
                                                   const RvKdfParams *kdf,
                                                   const RvSecret    *master_key,
                                                   GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RvVaultFile, rv_vault_file_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RvVaultCompartment, rv_vault_compartment_free)

G_END_DECLS
