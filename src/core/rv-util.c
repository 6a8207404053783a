/* rv-util.c: what "now" is, what "blank" is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rv-util.h"

gint64
rv_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

gboolean
rv_str_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}
