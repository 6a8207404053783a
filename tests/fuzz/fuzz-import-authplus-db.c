/* fuzz-import-authplus-db.c: libFuzzer target for what the importer reads
 * from rv-sqlcipher-reader (the accounts of an Authenticator Plus backup)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The database itself is parsed by SQLCipher in the helper process; the
 * helper's JSON output is what this process parses.
 */
#include "fuzz-import.h"
#include "rv-import-private.h"

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(RvImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = rv_import_authplus_db_convert (data, size, &error);
  g_assert ((result == NULL) == (error != NULL));
  if (result != NULL)
    for (guint i = 0; i < result->accounts->len; i++)
      {
        char code[RV_OTP_CODE_BUFFER];

        g_assert (rv_account_generate_code (g_ptr_array_index (result->accounts, i), 1700000000,
                                            code, NULL));
      }
  return 0;
}
