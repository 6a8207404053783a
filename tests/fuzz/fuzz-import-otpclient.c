/* fuzz-import-otpclient.c: libFuzzer target for the importer of format otpclient
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A database needs a password, which the fuzzer has not: a JSON input (the
 * decrypted token list, "[" first) also goes through the token reader.
 */
#include "fuzz-import.h"
#include "rv-import-private.h"

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  if (size > 0 && data[0] == '[')
    {
      g_autoptr(RvSecret) tokens = rv_secret_new_from_data (data, size);
      g_autoptr(RvImportResult) result = NULL;
      g_autoptr(GError) error = NULL;

      result = rv_import_otpclient_parse_tokens (tokens, &error);
      g_assert ((result == NULL) == (error != NULL));
      if (result != NULL)
        for (guint i = 0; i < result->accounts->len; i++)
          {
            char code[RV_OTP_CODE_BUFFER];

            g_assert (rv_account_generate_code (g_ptr_array_index (result->accounts, i),
                                                1700000000, code, NULL));
          }
    }
  return fuzz_import (data, size, RV_IMPORT_FORMAT_OTPCLIENT);
}
