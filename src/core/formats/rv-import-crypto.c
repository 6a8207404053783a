/* rv-import-crypto.c: key derivation and ciphers that only other apps' files
 * need: Argon2id with parallelism (libargon2) and AES-256-GCM with any nonce
 * length and associated data (nettle)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libsodium's crypto_pwhash is Argon2id with one lane only, and its
 * AES-256-GCM takes 12-byte nonces, no others, and needs AES-NI; OTPClient
 * derives with 4 lanes and encrypts with a 16-byte IV, Stratum with 4
 * lanes. The reference Argon2 library and nettle read those files.
 */
#include "config.h"

#include "rv-import-private.h"

#include <glib/gi18n-lib.h>
#include <nettle/gcm.h>
#include <sodium.h>

#include "rv-lazy-argon2.h"

gboolean
rv_import_argon2id (const RvSecret  *password,
                    const guint8    *salt,
                    gsize            salt_len,
                    guint32          passes,
                    guint32          memory_kib,
                    guint32          lanes,
                    RvSecret        *key,
                    GError         **error)
{
  int rc;

  if (passes < 1 || passes > RV_IMPORT_ARGON2_MAX_PASSES ||
      memory_kib < 8 * lanes || memory_kib > RV_IMPORT_ARGON2_MAX_KIB ||
      lanes < 1 || lanes > RV_IMPORT_ARGON2_MAX_LANES)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNSUPPORTED_CRYPTO,
                   _("Unsupported Argon2id costs (%u passes, %u KiB, %u lanes)"),
                   passes, memory_kib, lanes);
      return FALSE;
    }
  if (!rv_lazy_library_require (&rv_lazy_argon2, RV_IMPORT_ERROR,
                                RV_IMPORT_ERROR_MISSING_LIBRARY,
                                _("The key cannot be derived"), error))
    return FALSE;
  rc = argon2id_hash_raw (passes, memory_kib, lanes, rv_secret_get_data (password),
                          rv_secret_get_size (password), salt, salt_len,
                          rv_secret_get_mutable_data (key), rv_secret_get_size (key));
  if (rc != ARGON2_OK)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNSUPPORTED_CRYPTO,
                   _("The key could not be derived: %s"), argon2_error_message (rc));
      return FALSE;
    }
  return TRUE;
}

gboolean
rv_import_aes_gcm_open (const RvSecret  *key,
                        const guint8    *nonce,
                        gsize            nonce_len,
                        const guint8    *aad,
                        gsize            aad_len,
                        const guint8    *ciphertext,
                        gsize            ciphertext_len,
                        const guint8    *tag,
                        RvSecret       **plaintext)
{
  g_autoptr(RvSecret) out = rv_secret_new (MAX (ciphertext_len, 1));
  g_autoptr(RvSecret) ctx = rv_secret_new (sizeof (struct gcm_aes256_ctx));
  struct gcm_aes256_ctx *gcm = (struct gcm_aes256_ctx *) rv_secret_get_mutable_data (ctx);
  guint8 digest[GCM_DIGEST_SIZE];
  gboolean ok;

  g_return_val_if_fail (rv_secret_get_size (key) == 32, FALSE);
  g_return_val_if_fail (nonce_len > 0, FALSE);

  gcm_aes256_set_key (gcm, rv_secret_get_data (key));
  gcm_aes256_set_iv (gcm, nonce_len, nonce);
  if (aad_len > 0)
    gcm_aes256_update (gcm, aad_len, aad);
  if (ciphertext_len > 0)
    gcm_aes256_decrypt (gcm, ciphertext_len, rv_secret_get_mutable_data (out), ciphertext);
  gcm_aes256_digest (gcm, GCM_DIGEST_SIZE, digest);
  ok = sodium_memcmp (digest, tag, GCM_DIGEST_SIZE) == 0;
  sodium_memzero (digest, sizeof digest);
  if (!ok)
    return FALSE;
  *plaintext = rv_secret_truncate (g_steal_pointer (&out), ciphertext_len);
  return TRUE;
}
