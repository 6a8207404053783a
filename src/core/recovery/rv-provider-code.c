/* rv-provider-code.c: recovery codes as a profile prints them (normalisation, format check)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rv-provider-private.h"

static gboolean
has_step (RvProvider *self,
          const char *name)
{
  return g_strv_contains ((const char * const *) self->code_normalize, name);
}

RvSecret *
rv_provider_normalize_recovery_code (RvProvider  *self,
                                     const char  *text,
                                     gsize        length,
                                     GError     **error)
{
  g_autoptr(RvSecret) code = NULL;
  guint8 *out;
  gsize n = 0;
  gboolean strip_spaces, strip_dashes, lower, upper;

  g_return_val_if_fail (RV_IS_PROVIDER (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  strip_spaces = has_step (self, "strip-spaces");
  strip_dashes = has_step (self, "strip-dashes") || has_step (self, "group-5");
  lower = has_step (self, "lowercase");
  upper = has_step (self, "uppercase");

  /* Room for the regrouping dashes of group-5. */
  code = rv_secret_new (length + length / 5 + 1);
  out = rv_secret_get_mutable_data (code);
  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if ((strip_spaces && g_ascii_isspace (c)) || (strip_dashes && c == '-'))
        continue;
      out[n++] = lower ? g_ascii_tolower (c) : upper ? g_ascii_toupper (c) : c;
    }

  if (has_step (self, "group-5") && n > 5)
    {
      gsize groups = (n - 1) / 5;

      for (gsize i = n; i-- > 0;)
        out[i + i / 5] = out[i];
      for (gsize g = 1; g <= groups; g++)
        out[g * 6 - 1] = '-';
      n += groups;
    }
  out[n] = '\0';
  code = rv_secret_truncate (g_steal_pointer (&code), n);

  if (n == 0)
    {
      g_set_error (error, RV_PROVIDER_ERROR, RV_PROVIDER_ERROR_BAD_CODE,
                   _("The recovery code is empty"));
      return NULL;
    }
  if (self->code_regex != NULL &&
      !g_regex_match (self->code_regex, rv_secret_get_string (code), 0, NULL))
    {
      g_set_error (error, RV_PROVIDER_ERROR, RV_PROVIDER_ERROR_BAD_CODE,
                   _("This does not look like a %s recovery code: expected %s, like %s"),
                   self->name,
                   rv_provider_gettext (self->code_format_description
                                        ? self->code_format_description : self->code_format),
                   self->code_example ? self->code_example : self->code_format);
      return NULL;
    }
  return g_steal_pointer (&code);
}

gboolean
rv_provider_check_recovery_code (RvProvider  *self,
                                 const char  *text,
                                 GError     **error)
{
  g_autoptr(RvSecret) code = NULL;

  g_return_val_if_fail (RV_IS_PROVIDER (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  code = rv_provider_normalize_recovery_code (self, text, strlen (text), error);
  return code != NULL;
}
