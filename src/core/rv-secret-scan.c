/* rv-secret-scan.c: finding stored secrets in text somebody wrote
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one rule for "does this text leak a secret": used by the vault
 * (rv_vault_text_contains_secret) and by the recovery-request check.
 */
#include "config.h"

#include "rv-secret-scan.h"

#include <string.h>

#include "rv-base32.h"

struct _RvSecretScan
{
  const char *text;       /* borrowed */
  gsize       text_len;
  RvSecret   *normalized;
};

static gboolean
is_separator (char c)
{
  return g_ascii_isspace (c) || c == '-' || c == '=';
}

/* The normalised copy, in guarded memory. */
static RvSecret *
normalize (const char *data,
           gsize       len)
{
  RvSecret *out = rv_secret_new (len);
  guint8 *dest = rv_secret_get_mutable_data (out);
  gsize n = 0;

  for (gsize i = 0; i < len; i++)
    if (!is_separator (data[i]))
      dest[n++] = g_ascii_toupper (data[i]);
  return rv_secret_truncate (out, n);
}

/**
 * rv_secret_scan_new:
 * @text: borrowed: it must outlive the scan
 */
RvSecretScan *
rv_secret_scan_new (const char *text)
{
  RvSecretScan *scan;

  g_return_val_if_fail (text != NULL, NULL);

  scan = g_new0 (RvSecretScan, 1);
  scan->text = text;
  scan->text_len = strlen (text);
  scan->normalized = normalize (text, scan->text_len);
  return scan;
}

void
rv_secret_scan_free (RvSecretScan *scan)
{
  if (scan == NULL)
    return;
  rv_secret_free (scan->normalized);
  g_free (scan);
}

static gboolean
find_normalized (const RvSecretScan *scan,
                 const RvSecret     *secret)
{
  g_autoptr(RvSecret) needle = normalize ((const char *) rv_secret_get_data (secret),
                                          rv_secret_get_size (secret));

  return rv_secret_get_size (needle) >= RV_SECRET_SCAN_MIN_LENGTH &&
         rv_secret_contains (rv_secret_get_string (scan->normalized),
                             rv_secret_get_size (scan->normalized), needle);
}

static gboolean
find_raw (const RvSecretScan *scan,
          const RvSecret     *secret)
{
  return rv_secret_get_size (secret) >= RV_SECRET_SCAN_MIN_LENGTH &&
         rv_secret_contains (scan->text, scan->text_len, secret);
}

gboolean
rv_secret_scan_find (const RvSecretScan *scan,
                     const RvSecret     *secret)
{
  g_return_val_if_fail (scan != NULL, FALSE);

  if (secret == NULL)
    return FALSE;
  return find_raw (scan, secret) || find_normalized (scan, secret);
}

gboolean
rv_secret_scan_find_otp_seed (const RvSecretScan *scan,
                              const RvSecret     *seed)
{
  g_autoptr(RvSecret) base32 = NULL;

  g_return_val_if_fail (scan != NULL, FALSE);

  if (seed == NULL || rv_secret_get_size (seed) == 0)
    return FALSE;
  if (find_raw (scan, seed))
    return TRUE;
  base32 = rv_base32_encode_secret (seed);
  return find_normalized (scan, base32);
}
