/* bench-otp.c: TOTP codes per second on one core, next to oathtool's cost
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>

#include "rv-otp.h"

#define ROUNDS     7
#define PER_ROUND  200000

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return values[n / 2];
}

/* Nanoseconds per code, from oathtool printing a window of 100,000 codes in
 * one process (so process start-up is spread over them). */
static double
oathtool_ns_per_code (void)
{
  g_autofree char *oathtool = g_find_program_in_path ("oathtool");
  double samples[ROUNDS];

  if (oathtool == NULL)
    return -1;

  for (guint r = 0; r < ROUNDS; r++)
    {
      const char *argv[] = { oathtool, "--totp", "--window=99999", "--now=2026-01-01 00:00:00 UTC",
                             "3132333435363738393031323334353637383930", NULL };
      gint64 start = g_get_monotonic_time ();

      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                         NULL, NULL, NULL, NULL))
        return -1;
      samples[r] = (g_get_monotonic_time () - start) * 1000.0 / 100000;
    }
  return median (samples, ROUNDS);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RvSecret) key = rv_secret_new_from_string ("12345678901234567890");
  static const RvOtpAlgorithm algorithms[] = {
    RV_OTP_ALGORITHM_SHA1, RV_OTP_ALGORITHM_SHA256, RV_OTP_ALGORITHM_SHA512,
  };
  double peer;

  for (guint a = 0; a < G_N_ELEMENTS (algorithms); a++)
    {
      double samples[ROUNDS];
      char code[RV_OTP_CODE_BUFFER];
      guint checksum = 0;

      for (guint r = 0; r < ROUNDS; r++)
        {
          gint64 start = g_get_monotonic_time ();

          for (guint i = 0; i < PER_ROUND; i++)
            {
              rv_otp_totp (key, algorithms[a], 1700000000 + (gint64) i * 30, 30, 6, code);
              checksum += code[0];
            }
          samples[r] = (g_get_monotonic_time () - start) * 1000.0 / PER_ROUND;
        }

      g_print ("TOTP %-6s median %.0f ns/code = %.0f codes/s on one core (checksum %u)\n",
               rv_otp_algorithm_to_string (algorithms[a]), median (samples, ROUNDS),
               1e9 / median (samples, ROUNDS), checksum);
      if (a == 0)
        {
          peer = oathtool_ns_per_code ();
          if (peer > 0)
            g_print ("oathtool SHA1 median %.0f ns/code (window of 100000 in one process): "
                     "ratio oathtool/rvault %.2f (goal >= 1)\n", peer, peer / median (samples, ROUNDS));
          else
            g_print ("oathtool not installed: no peer comparison\n");
        }
    }
  return 0;
}
