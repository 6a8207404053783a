/* rv-util.c: what "now" is, what "blank" is, how a failed system call is told
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

gboolean
rv_set_errno_error (GError     **error,
                    GQuark       domain,
                    gint         code,
                    int          saved_errno,
                    const char  *format,
                    ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, domain, code, "%s: %s", what, g_strerror (saved_errno));
  return FALSE;
}
