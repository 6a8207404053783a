/* rv-pbkdf2.c: PBKDF2-HMAC (RFC 8018)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hand-rolled on GHmac because neither GLib nor libsodium has PBKDF2, and
 * andOTP and 2FAS encrypt their backups with keys derived by it (we never use
 * it for our own files). GHmac keeps the key schedule in the ordinary heap;
 * every block buffer of ours is in RvSecret memory and wiped.
 */
#include "config.h"

#include "rv-pbkdf2.h"

#include <string.h>
#include <sodium.h>

#define MAX_DIGEST 64

static void
hmac_once (GHmac        *prepared,
           const guint8 *data,
           gsize         len,
           guint8       *out,
           gsize         digest_len)
{
  GHmac *hmac = g_hmac_copy (prepared);
  gsize out_len = digest_len;

  g_hmac_update (hmac, data, len);
  g_hmac_get_digest (hmac, out, &out_len);
  g_hmac_unref (hmac);
}

RvSecret *
rv_pbkdf2_hmac (GChecksumType  digest,
                const guint8  *password,
                gsize          password_len,
                const guint8  *salt,
                gsize          salt_len,
                guint          iterations,
                gsize          key_len)
{
  g_autoptr(RvSecret) key = NULL;
  g_autoptr(RvSecret) scratch = NULL;
  g_autoptr(GHmac) prepared = NULL;
  gssize digest_len;
  guint8 *u, *t, *first;
  guint32 n_blocks;

  g_return_val_if_fail (password != NULL || password_len == 0, NULL);
  g_return_val_if_fail (salt != NULL || salt_len == 0, NULL);

  if (digest != G_CHECKSUM_SHA1 && digest != G_CHECKSUM_SHA256 && digest != G_CHECKSUM_SHA512)
    return NULL;
  if (iterations == 0 || key_len == 0 || salt_len > G_MAXSIZE - 4)
    return NULL;

  digest_len = g_checksum_type_get_length (digest);
  if ((guint64) key_len > (guint64) G_MAXUINT32 * (guint64) digest_len)
    return NULL;
  n_blocks = (key_len + digest_len - 1) / digest_len;

  prepared = g_hmac_new (digest, password_len > 0 ? password : (const guint8 *) "",
                         password_len);
  key = rv_secret_new (key_len);
  /* salt ‖ INT(i), then U and T. */
  scratch = rv_secret_new (salt_len + 4 + 2 * MAX_DIGEST);
  first = rv_secret_get_mutable_data (scratch);
  u = first + salt_len + 4;
  t = u + MAX_DIGEST;
  if (salt_len > 0)
    memcpy (first, salt, salt_len);

  for (guint32 block = 1; block <= n_blocks; block++)
    {
      gsize offset = (gsize) (block - 1) * digest_len;
      gsize take = MIN ((gsize) digest_len, key_len - offset);

      first[salt_len] = block >> 24;
      first[salt_len + 1] = block >> 16;
      first[salt_len + 2] = block >> 8;
      first[salt_len + 3] = block;
      hmac_once (prepared, first, salt_len + 4, u, digest_len);
      memcpy (t, u, digest_len);

      for (guint i = 1; i < iterations; i++)
        {
          hmac_once (prepared, u, digest_len, u, digest_len);
          for (gssize j = 0; j < digest_len; j++)
            t[j] ^= u[j];
        }
      memcpy (rv_secret_get_mutable_data (key) + offset, t, take);
    }
  return g_steal_pointer (&key);
}
