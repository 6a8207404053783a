/* test-otp.c: RFC 4226 Appendix D, RFC 6238 Appendix B and Steam vectors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rv-base32.h"
#include "rv-otp.h"

static const char *rfc4226_codes[] = {
  "755224", "287082", "359152", "969429", "338314",
  "254676", "287922", "162583", "399871", "520489",
};

static void
test_hotp_rfc4226 (void)
{
  g_autoptr(RvSecret) key = rv_secret_new_from_string ("12345678901234567890");

  for (guint i = 0; i < G_N_ELEMENTS (rfc4226_codes); i++)
    {
      char code[RV_OTP_CODE_BUFFER];

      rv_otp_hotp (key, RV_OTP_ALGORITHM_SHA1, i, 6, code);
      g_assert_cmpstr (code, ==, rfc4226_codes[i]);
    }
}

typedef struct
{
  gint64          time;
  RvOtpAlgorithm  algorithm;
  const char     *code;
} TotpVector;

static const TotpVector rfc6238_vectors[] = {
  { 59, RV_OTP_ALGORITHM_SHA1, "94287082" },
  { 59, RV_OTP_ALGORITHM_SHA256, "46119246" },
  { 59, RV_OTP_ALGORITHM_SHA512, "90693936" },
  { 1111111109, RV_OTP_ALGORITHM_SHA1, "07081804" },
  { 1111111109, RV_OTP_ALGORITHM_SHA256, "68084774" },
  { 1111111109, RV_OTP_ALGORITHM_SHA512, "25091201" },
  { 1111111111, RV_OTP_ALGORITHM_SHA1, "14050471" },
  { 1111111111, RV_OTP_ALGORITHM_SHA256, "67062674" },
  { 1111111111, RV_OTP_ALGORITHM_SHA512, "99943326" },
  { 1234567890, RV_OTP_ALGORITHM_SHA1, "89005924" },
  { 1234567890, RV_OTP_ALGORITHM_SHA256, "91819424" },
  { 1234567890, RV_OTP_ALGORITHM_SHA512, "93441116" },
  { 2000000000, RV_OTP_ALGORITHM_SHA1, "69279037" },
  { 2000000000, RV_OTP_ALGORITHM_SHA256, "90698825" },
  { 2000000000, RV_OTP_ALGORITHM_SHA512, "38618901" },
  { 20000000000, RV_OTP_ALGORITHM_SHA1, "65353130" },
  { 20000000000, RV_OTP_ALGORITHM_SHA256, "77737706" },
  { 20000000000, RV_OTP_ALGORITHM_SHA512, "47863826" },
};

static RvSecret *
rfc6238_seed (RvOtpAlgorithm algorithm)
{
  static const char digits[] = "1234567890";
  gsize len = algorithm == RV_OTP_ALGORITHM_SHA1 ? 20 :
              algorithm == RV_OTP_ALGORITHM_SHA256 ? 32 : 64;
  RvSecret *seed = rv_secret_new (len);
  guint8 *data = rv_secret_get_mutable_data (seed);

  for (gsize i = 0; i < len; i++)
    data[i] = digits[i % 10];
  return seed;
}

static void
test_totp_rfc6238 (gconstpointer data)
{
  const TotpVector *vector = data;
  g_autoptr(RvSecret) seed = rfc6238_seed (vector->algorithm);
  g_autoptr(RvOtpParams) params = rv_otp_params_new (RV_OTP_KIND_TOTP);
  char code[RV_OTP_CODE_BUFFER];

  params->algorithm = vector->algorithm;
  params->digits = 8;
  params->secret = rv_secret_copy (seed);
  g_assert_true (rv_otp_params_generate (params, vector->time, code, NULL));
  g_assert_cmpstr (code, ==, vector->code);

  rv_otp_totp (seed, vector->algorithm, vector->time, 30, 8, code);
  g_assert_cmpstr (code, ==, vector->code);
}

static void
test_steam (void)
{
  g_autoptr(RvSecret) zero = rv_secret_new (20);
  g_autoptr(RvSecret) seed = rv_base32_decode ("63BEDWCQZKTQWPESARIERL5DTTQFCJTK", -1, NULL);
  char code[RV_OTP_CODE_BUFFER];

  /* Published vectors (KeePassXC's and a Steam library's test suites). */
  rv_otp_steam (zero, 0, 30, code);
  g_assert_cmpstr (code, ==, "RYH4D");
  rv_otp_steam (zero, 30, 30, code);
  g_assert_cmpstr (code, ==, "DR2DK");
  rv_otp_steam (seed, 1511200518, 30, code);
  g_assert_cmpstr (code, ==, "FR8RV");
  rv_otp_steam (seed, 1511200714, 30, code);
  g_assert_cmpstr (code, ==, "9P3VP");
}

static void
test_ten_digits (void)
{
  g_autoptr(RvSecret) key = rv_secret_new_from_string ("12345678901234567890");
  char code[RV_OTP_CODE_BUFFER];
  guint32 value = rv_otp_hotp_value (key, RV_OTP_ALGORITHM_SHA1, 0);
  g_autofree char *expected = g_strdup_printf ("%010u", value);

  rv_otp_hotp (key, RV_OTP_ALGORITHM_SHA1, 0, 10, code);
  g_assert_cmpstr (code, ==, expected);
  g_assert_cmpuint (strlen (code), ==, 10);
}

static void
test_window_boundary (void)
{
  g_assert_cmpuint (rv_otp_seconds_left (59, 30), ==, 1);
  g_assert_cmpuint (rv_otp_seconds_left (60, 30), ==, 30);
  g_assert_cmpuint (rv_otp_time_step (59, 30), ==, 1);
  g_assert_cmpuint (rv_otp_time_step (60, 30), ==, 2);
  g_assert_cmpuint (rv_otp_time_step (60, 60), ==, 1);
}

static void
test_validate (void)
{
  g_autoptr(RvOtpParams) params = rv_otp_params_new (RV_OTP_KIND_TOTP);
  g_autoptr(GError) error = NULL;
  char code[RV_OTP_CODE_BUFFER];

  g_assert_false (rv_otp_params_generate (params, 0, code, &error));
  g_assert_error (error, RV_OTP_ERROR, RV_OTP_ERROR_NO_SECRET);
  g_clear_error (&error);

  params->secret = rv_secret_new_from_string ("x");
  params->digits = 11;
  g_assert_false (rv_otp_params_validate (params, &error));
  g_assert_error (error, RV_OTP_ERROR, RV_OTP_ERROR_BAD_DIGITS);
  g_clear_error (&error);

  params->digits = 6;
  params->period = 0;
  g_assert_false (rv_otp_params_validate (params, &error));
  g_assert_error (error, RV_OTP_ERROR, RV_OTP_ERROR_BAD_PERIOD);
  g_clear_error (&error);

  params->period = 30;
  g_assert_false (rv_otp_params_generate (params, -1, code, &error));
  g_assert_error (error, RV_OTP_ERROR, RV_OTP_ERROR_BAD_TIME);
}

static void
test_algorithm_names (void)
{
  RvOtpAlgorithm algorithm;

  g_assert_true (rv_otp_algorithm_from_string ("sha-256", &algorithm));
  g_assert_cmpint (algorithm, ==, RV_OTP_ALGORITHM_SHA256);
  g_assert_true (rv_otp_algorithm_from_string ("HmacSHA512", &algorithm));
  g_assert_cmpint (algorithm, ==, RV_OTP_ALGORITHM_SHA512);
  g_assert_true (rv_otp_algorithm_from_string ("SHA1", &algorithm));
  g_assert_cmpint (algorithm, ==, RV_OTP_ALGORITHM_SHA1);
  g_assert_false (rv_otp_algorithm_from_string ("MD5", &algorithm));
}

static void
test_counter_exhausted (void)
{
  g_autoptr(GError) error = NULL;
  guint64 next = 7;

  g_assert_true (rv_otp_next_counter (G_MAXUINT64 - 1, &next, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (next, ==, G_MAXUINT64);
  g_assert_false (rv_otp_next_counter (G_MAXUINT64, &next, &error));
  g_assert_error (error, RV_OTP_ERROR, RV_OTP_ERROR_COUNTER_EXHAUSTED);
  g_assert_cmpuint (next, ==, G_MAXUINT64);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/otp/hotp/rfc4226", test_hotp_rfc4226);
  for (guint i = 0; i < G_N_ELEMENTS (rfc6238_vectors); i++)
    {
      g_autofree char *path = g_strdup_printf ("/otp/totp/rfc6238/%" G_GINT64_FORMAT "/%s",
                                               rfc6238_vectors[i].time,
                                               rv_otp_algorithm_to_string (rfc6238_vectors[i].algorithm));
      g_test_add_data_func (path, &rfc6238_vectors[i], test_totp_rfc6238);
    }
  g_test_add_func ("/otp/steam", test_steam);
  g_test_add_func ("/otp/ten-digits", test_ten_digits);
  g_test_add_func ("/otp/window-boundary", test_window_boundary);
  g_test_add_func ("/otp/validate", test_validate);
  g_test_add_func ("/otp/counter-exhausted", test_counter_exhausted);
  g_test_add_func ("/otp/algorithm-names", test_algorithm_names);

  return g_test_run ();
}
