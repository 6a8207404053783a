/* fuzz-import.h: the body shared by the importers' libFuzzer targets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No password is given, so encrypted inputs stop before key derivation
 * (whose cost the file chooses); the decrypted payloads go through the same
 * parsers as plain files, which are fuzzed in full.
 */
#pragma once

#include "rv-import.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static inline int
fuzz_import (const guint8   *data,
             size_t          size,
             RvImportFormat  format)
{
  g_autoptr(RvImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  (void) rv_import_detect (data, size);
  (void) rv_import_is_encrypted (data, size, format);
  result = rv_import_parse (data, size, format, NULL, &error);
  g_assert ((result == NULL) == (error != NULL));
  if (error != NULL)
    {
      g_assert (error->domain == RV_IMPORT_ERROR);
      g_assert (error->message != NULL && error->message[0] != '\0');
      return 0;
    }

  /* Whatever is accepted is a working authenticator. */
  for (guint i = 0; i < result->accounts->len; i++)
    {
      RvAccount *account = g_ptr_array_index (result->accounts, i);
      char code[RV_OTP_CODE_BUFFER];

      g_assert (rv_account_generate_code (account, 1700000000, code, NULL));
    }
  for (guint i = 0; i < result->rejected->len; i++)
    {
      RvImportRejected *rejected = g_ptr_array_index (result->rejected, i);

      g_assert (rejected->label != NULL && rejected->reason != NULL);
    }
  return 0;
}
