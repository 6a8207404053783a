/* rv-password-strength.c: a plain-language hint about a new password
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Deliberately simple (length and character variety): the hint must be
 * explainable in one sentence. Length dominates, so a long passphrase of
 * plain words is "strong" without symbols.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rv-password-strength.h"

static guint
count_classes (const char *password)
{
  gboolean lower = FALSE, upper = FALSE, digit = FALSE, other = FALSE;

  for (const char *p = password; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_islower (c))
        lower = TRUE;
      else if (g_unichar_isupper (c))
        upper = TRUE;
      else if (g_unichar_isdigit (c))
        digit = TRUE;
      else
        other = TRUE;
    }

  return lower + upper + digit + other;
}

static gboolean
is_repetitive (const char *password)
{
  gunichar first = g_utf8_get_char (password);

  for (const char *p = password; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_utf8_get_char (p) != first)
        return FALSE;
    }

  return TRUE;
}

RvPasswordStrength
rv_password_strength_check (const char  *password,
                            char       **hint)
{
  RvPasswordStrength strength;
  const char *why;
  glong length;
  guint classes;

  g_return_val_if_fail (password != NULL, RV_PASSWORD_STRENGTH_EMPTY);

  length = g_utf8_strlen (password, -1);
  classes = length > 0 ? count_classes (password) : 0;

  if (length == 0)
    {
      strength = RV_PASSWORD_STRENGTH_EMPTY;
      why = _("Choose a password to protect the vault.");
    }
  else if (is_repetitive (password))
    {
      strength = RV_PASSWORD_STRENGTH_WEAK;
      why = _("Weak: the same character repeated is guessed at once.");
    }
  else if (length < 8)
    {
      strength = RV_PASSWORD_STRENGTH_WEAK;
      why = _("Weak: use at least 8 characters; a few words are easier to remember.");
    }
  else if (length >= 16 || (length >= 12 && classes >= 3))
    {
      strength = RV_PASSWORD_STRENGTH_STRONG;
      why = _("Strong: long enough to resist guessing.");
    }
  else if (length >= 12 || classes >= 3)
    {
      strength = RV_PASSWORD_STRENGTH_FAIR;
      why = _("Fair: a longer password or a few more words would make it strong.");
    }
  else
    {
      strength = RV_PASSWORD_STRENGTH_FAIR;
      why = _("Fair: mix letters, digits and symbols, or make it longer.");
    }

  if (hint != NULL)
    *hint = g_strdup (why);

  return strength;
}
