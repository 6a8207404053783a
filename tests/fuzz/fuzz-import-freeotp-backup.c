/* fuzz-import-freeotp-backup.c: libFuzzer target for the importer of format freeotp-backup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Without a password the backup is read up to its master key: the Java
 * serialization reader, the whole map, in full. (Past it, the key
 * derivation's cost is the file's; the tokens' JSON is FreeOTP's, fuzzed by
 * fuzz-import-freeotp.)
 */
#include "fuzz-import.h"
#include "rv-import-private.h"

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GPtrArray) map = NULL;
  g_autoptr(GError) error = NULL;

  /* Any map read holds text only: keys and values are valid UTF-8. */
  map = rv_import_java_read_map (data, size, &error);
  g_assert ((map == NULL) == (error != NULL));
  if (map != NULL)
    for (guint i = 0; i < map->len; i++)
      {
        RvImportPref *pref = g_ptr_array_index (map, i);

        g_assert (g_utf8_validate (pref->name, -1, NULL));
        g_assert (pref->value == NULL || g_utf8_validate (pref->value, -1, NULL));
      }
  return fuzz_import (data, size, RV_IMPORT_FORMAT_FREEOTP_BACKUP);
}
