/* fuzz-import-authplus.c: libFuzzer target for the Authenticator Plus importer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-import.h"

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  return fuzz_import (data, size, RV_IMPORT_FORMAT_AUTHPLUS);
}
