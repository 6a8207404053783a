/* test-password-strength.c: the plain-language hint for new passwords
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>

#include "rv-password-strength.h"

typedef struct
{
  const char         *password;
  RvPasswordStrength  strength;
  const char         *hint_prefix;
} Case;

static const Case cases[] = {
  { "", RV_PASSWORD_STRENGTH_EMPTY, "Choose" },
  { "aaaaaaaaaaaaaaaaaaaa", RV_PASSWORD_STRENGTH_WEAK, "Weak" },
  { "abc", RV_PASSWORD_STRENGTH_WEAK, "Weak" },
  { "Tr0ub4!", RV_PASSWORD_STRENGTH_WEAK, "Weak" },
  { "abcdefgh", RV_PASSWORD_STRENGTH_FAIR, "Fair" },
  { "Abcdef12", RV_PASSWORD_STRENGTH_FAIR, "Fair" },
  { "abcdefghijkl", RV_PASSWORD_STRENGTH_FAIR, "Fair" },
  { "Abcdefgh1234", RV_PASSWORD_STRENGTH_STRONG, "Strong" },
  { "correct horse battery staple", RV_PASSWORD_STRENGTH_STRONG, "Strong" },
  { "éèàùçéèàùçéèàùç!", RV_PASSWORD_STRENGTH_STRONG, "Strong" },
};

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *hint = NULL;

  g_assert_cmpint (rv_password_strength_check (c->password, &hint), ==, c->strength);
  g_assert_true (g_str_has_prefix (hint, c->hint_prefix));
  g_assert_cmpint (rv_password_strength_check (c->password, NULL), ==, c->strength);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/password-strength/%u", i);

      g_test_add_data_func (path, &cases[i], test_case);
    }

  return g_test_run ();
}
