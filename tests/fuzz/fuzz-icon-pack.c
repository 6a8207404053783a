/* fuzz-icon-pack.c: libFuzzer target for an icon pack's pack.json
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "rv-icon-pack.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* Whatever pack.json holds, it is refused with an error or read into icons
 * with safe relative names, and matching any issuer is defined. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(RvIconPack) pack = NULL;
  g_autoptr(GError) error = NULL;

  pack = rv_icon_pack_new_from_json ((const char *) data, size, &error);
  g_assert ((pack == NULL) == (error != NULL));
  if (pack == NULL)
    return 0;

  for (guint i = 0; i < rv_icon_pack_get_n_icons (pack); i++)
    {
      const RvIcon *icon = rv_icon_pack_get_icon (pack, i);

      g_auto(GStrv) parts = g_strsplit (icon->filename, "/", -1);

      /* A relative name without a way out ("..EG/x.png" is a folder name). */
      g_assert (icon->filename[0] != '\0' && icon->filename[0] != '/');
      for (guint j = 0; parts[j] != NULL; j++)
        g_assert (!g_str_equal (parts[j], "..") && !g_str_equal (parts[j], "."));
      g_assert (icon->issuers != NULL);
      for (guint j = 0; icon->issuers[j] != NULL; j++)
        {
          g_autofree char *stripped = g_strstrip (g_strdup (icon->issuers[j]));

          /* Every listed issuer finds an icon (maybe an earlier, equal one). */
          g_assert (rv_icon_pack_match (pack, icon->issuers[j]) != NULL || *stripped == '\0');
        }
    }
  rv_icon_pack_match (pack, "GitHub");
  rv_icon_pack_match (pack, "x");
  return 0;
}
