/* fuzz-base32.c: libFuzzer target for the base32 decoder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rv-base32.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(RvSecret) decoded = NULL;
  g_autoptr(GError) error = NULL;

  decoded = rv_base32_decode ((const char *) data, size, &error);
  g_assert ((decoded == NULL) == (error != NULL));

  if (decoded != NULL)
    {
      g_autoptr(RvSecret) encoded = rv_base32_encode_secret (decoded);
      g_autoptr(RvSecret) again = rv_base32_decode (rv_secret_get_string (encoded), -1, NULL);

      g_assert (again != NULL && rv_secret_equal (decoded, again));
    }
  return 0;
}
