/* test-otp-uri.c: good and bad otpauth URIs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "rv-base32.h"
#include "rv-otp-uri.h"

typedef struct
{
  const char     *uri;
  RvOtpKind       kind;
  const char     *issuer;
  const char     *account;
  const char     *secret_b32;
  RvOtpAlgorithm  algorithm;
  guint           digits;
  guint           period;
  guint64         counter;
} GoodCase;

static const GoodCase good_cases[] = {
  { "otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example",
    RV_OTP_KIND_TOTP, "Example", "alice@google.com", "JBSWY3DPEHPK3PXP", RV_OTP_ALGORITHM_SHA1, 6, 30, 0 },
  { "otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA256&digits=8&period=60",
    RV_OTP_KIND_TOTP, "ACME Co", "john.doe@email.com", "HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ", RV_OTP_ALGORITHM_SHA256, 8, 60, 0 },
  { "otpauth://totp/alice?secret=jbswy3dpehpk3pxp",
    RV_OTP_KIND_TOTP, NULL, "alice", "JBSWY3DPEHPK3PXP", RV_OTP_ALGORITHM_SHA1, 6, 30, 0 },
  { "otpauth://totp/Label%3A%20bob?secret=JBSWY3DPEHPK3PXP",
    RV_OTP_KIND_TOTP, "Label", "bob", "JBSWY3DPEHPK3PXP", RV_OTP_ALGORITHM_SHA1, 6, 30, 0 },
  { "otpauth://totp/Old:bob?secret=JBSWY3DPEHPK3PXP&issuer=New",
    RV_OTP_KIND_TOTP, "New", "bob", "JBSWY3DPEHPK3PXP", RV_OTP_ALGORITHM_SHA1, 6, 30, 0 },
  { "otpauth://hotp/PyPI:dev?secret=JBSWY3DPEHPK3PXP&counter=42&digits=7",
    RV_OTP_KIND_HOTP, "PyPI", "dev", "JBSWY3DPEHPK3PXP", RV_OTP_ALGORITHM_SHA1, 7, 30, 42 },
  { "OTPAUTH://TOTP/x:y?SECRET=JBSWY3DPEHPK3PXP&algorithm=sha512&digits=10",
    RV_OTP_KIND_TOTP, "x", "y", "JBSWY3DPEHPK3PXP", RV_OTP_ALGORITHM_SHA512, 10, 30, 0 },
  { "otpauth://totp/Steam:gamer?secret=JBSWY3DPEHPK3PXP&issuer=Steam",
    RV_OTP_KIND_STEAM, "Steam", "gamer", "JBSWY3DPEHPK3PXP", RV_OTP_ALGORITHM_SHA1, 5, 30, 0 },
  { "otpauth://totp/Valve:gamer?secret=JBSWY3DPEHPK3PXP&encoder=steam",
    RV_OTP_KIND_STEAM, "Valve", "gamer", "JBSWY3DPEHPK3PXP", RV_OTP_ALGORITHM_SHA1, 5, 30, 0 },
  { "otpauth://steam/Steam:gamer?secret=JBSWY3DPEHPK3PXP",
    RV_OTP_KIND_STEAM, "Steam", "gamer", "JBSWY3DPEHPK3PXP", RV_OTP_ALGORITHM_SHA1, 5, 30, 0 },
  { "otpauth://totp/A:b?secret=JBSW%20Y3DP%20EHPK%203PXP&image=https%3A%2F%2Fx&issuer=A+B",
    RV_OTP_KIND_TOTP, "A B", "b", "JBSWY3DPEHPK3PXP", RV_OTP_ALGORITHM_SHA1, 6, 30, 0 },
  { "otpauth://totp/%C3%89cole:%C3%A9l%C3%A8ve?secret=MZXW6YTBOI%3D%3D%3D%3D%3D%3D",
    RV_OTP_KIND_TOTP, "École", "élève", "MZXW6YTBOI", RV_OTP_ALGORITHM_SHA1, 6, 30, 0 },
  { "  otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=1\n",
    RV_OTP_KIND_TOTP, NULL, "x", "JBSWY3DPEHPK3PXP", RV_OTP_ALGORITHM_SHA1, 6, 1, 0 },
};

static void
test_good (gconstpointer data)
{
  const GoodCase *good = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RvOtpParams) params = rv_otp_uri_parse (good->uri, -1, &error);
  g_autoptr(RvSecret) expected = rv_base32_decode (good->secret_b32, -1, NULL);

  g_assert_no_error (error);
  g_assert_nonnull (params);
  g_assert_cmpint (params->kind, ==, good->kind);
  g_assert_cmpstr (params->issuer, ==, good->issuer);
  g_assert_cmpstr (params->account_name, ==, good->account);
  g_assert_true (rv_secret_equal (params->secret, expected));
  g_assert_cmpint (params->algorithm, ==, good->algorithm);
  g_assert_cmpuint (params->digits, ==, good->digits);
  g_assert_cmpuint (params->period, ==, good->period);
  g_assert_cmpuint (params->counter, ==, good->counter);
  g_assert_true (rv_otp_params_validate (params, NULL));
}

/* Every good case survives build → parse unchanged. */
static void
test_round_trip (gconstpointer data)
{
  const GoodCase *good = data;
  g_autoptr(RvOtpParams) params = rv_otp_uri_parse (good->uri, -1, NULL);
  g_autoptr(RvSecret) uri = rv_otp_uri_build (params);
  g_autoptr(GError) error = NULL;
  g_autoptr(RvOtpParams) again = rv_otp_uri_parse (rv_secret_get_string (uri), -1, &error);

  g_assert_no_error (error);
  g_assert_cmpint (again->kind, ==, params->kind);
  g_assert_cmpstr (again->issuer, ==, params->issuer);
  g_assert_cmpstr (again->account_name, ==, params->account_name);
  g_assert_true (rv_secret_equal (again->secret, params->secret));
  g_assert_cmpint (again->algorithm, ==, params->algorithm);
  g_assert_cmpuint (again->digits, ==, params->digits);
  g_assert_cmpuint (again->period, ==, params->period);
  g_assert_cmpuint (again->counter, ==, params->counter);
}

typedef struct
{
  const char    *uri;
  RvOtpUriError  code;
  const char    *message_part;
} BadCase;

static const BadCase bad_cases[] = {
  { "", RV_OTP_URI_ERROR_NOT_OTPAUTH, "otpauth://" },
  { "https://example.com/totp/x?secret=JBSWY3DPEHPK3PXP", RV_OTP_URI_ERROR_NOT_OTPAUTH, "otpauth://" },
  { "otpauth://motp/x?secret=JBSWY3DPEHPK3PXP", RV_OTP_URI_ERROR_BAD_TYPE, "“motp”" },
  { "otpauth://totp?secret=JBSWY3DPEHPK3PXP", RV_OTP_URI_ERROR_BAD_LABEL, "no label" },
  { "otpauth://totp/x", RV_OTP_URI_ERROR_MISSING_SECRET, "missing" },
  { "otpauth://totp/x?issuer=A", RV_OTP_URI_ERROR_MISSING_SECRET, "missing" },
  { "otpauth://totp/x?secret=", RV_OTP_URI_ERROR_MISSING_SECRET, "empty" },
  { "otpauth://totp/x?secret=JBSWY3DPEHPK3PX1", RV_OTP_URI_ERROR_BAD_SECRET, "'1' at position 16" },
  { "otpauth://totp/x?secret=JBS", RV_OTP_URI_ERROR_BAD_SECRET, "length" },
  { "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=MD5", RV_OTP_URI_ERROR_BAD_ALGORITHM, "“MD5”" },
  { "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=5", RV_OTP_URI_ERROR_BAD_DIGITS, "digits “5”" },
  { "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=11", RV_OTP_URI_ERROR_BAD_DIGITS, "6 to 10" },
  { "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=six", RV_OTP_URI_ERROR_BAD_DIGITS, "“six”" },
  { "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=0", RV_OTP_URI_ERROR_BAD_PERIOD, "period" },
  { "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=-30", RV_OTP_URI_ERROR_BAD_PERIOD, "period" },
  { "otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP", RV_OTP_URI_ERROR_MISSING_COUNTER, "counter" },
  { "otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=abc", RV_OTP_URI_ERROR_BAD_COUNTER, "counter “abc”" },
  { "otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=99999999999999999999", RV_OTP_URI_ERROR_BAD_COUNTER, "counter" },
  { "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&secret=JBSWY3DPEHPK3PXP", RV_OTP_URI_ERROR_DUPLICATE_PARAMETER, "“secret”" },
  { "otpauth://totp/a%2?secret=JBSWY3DPEHPK3PXP", RV_OTP_URI_ERROR_BAD_ENCODING, "label" },
  { "otpauth://totp/a%00b?secret=JBSWY3DPEHPK3PXP", RV_OTP_URI_ERROR_BAD_ENCODING, "label" },
  { "otpauth://totp/a%FFb?secret=JBSWY3DPEHPK3PXP", RV_OTP_URI_ERROR_BAD_ENCODING, "UTF-8" },
  { "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&issuer=%zz", RV_OTP_URI_ERROR_BAD_ENCODING, "issuer" },
  { "otpauth://totp/a?secret=JBSW%Y3DPEHPK3PXP", RV_OTP_URI_ERROR_BAD_ENCODING, "secret" },
  { "otpauth://totp/Steam:a?secret=JBSWY3DPEHPK3PXP&encoder=steam&algorithm=SHA256", RV_OTP_URI_ERROR_BAD_ALGORITHM, "Steam" },
};

static void
test_bad (gconstpointer data)
{
  const BadCase *bad = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RvOtpParams) params = rv_otp_uri_parse (bad->uri, -1, &error);

  g_assert_null (params);
  g_assert_error (error, RV_OTP_URI_ERROR, (gint) bad->code);
  if (strstr (error->message, bad->message_part) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, bad->message_part);
}

static void
test_too_long (void)
{
  g_autoptr(GString) uri = g_string_new ("otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&issuer=");
  g_autoptr(GError) error = NULL;
  g_autoptr(RvOtpParams) params = NULL;

  while (uri->len <= RV_OTP_URI_MAX_LENGTH)
    g_string_append_c (uri, 'a');
  params = rv_otp_uri_parse (uri->str, uri->len, &error);
  g_assert_null (params);
  g_assert_error (error, RV_OTP_URI_ERROR, RV_OTP_URI_ERROR_TOO_LONG);
}

static void
test_build_escapes (void)
{
  g_autoptr(RvOtpParams) params = rv_otp_params_new (RV_OTP_KIND_TOTP);
  g_autoptr(RvSecret) uri = NULL;

  params->issuer = g_strdup ("A&B: Co");
  params->account_name = g_strdup ("me?x=1");
  params->secret = rv_base32_decode ("JBSWY3DPEHPK3PXP", -1, NULL);
  uri = rv_otp_uri_build (params);
  g_assert_cmpstr (rv_secret_get_string (uri), ==,
                   "otpauth://totp/A%26B%3A%20Co:me%3Fx%3D1?secret=JBSWY3DPEHPK3PXP"
                   "&issuer=A%26B%3A%20Co&algorithm=SHA1&digits=6&period=30");
}

/* An issuer of @n bytes, each 'é' (two bytes) percent-encoded. */
static void
append_issuer (GString *uri,
               guint    n_bytes)
{
  for (guint i = 0; i < n_bytes / 2; i++)
    g_string_append (uri, "%C3%A9");
}

/* The longest fields an account may have still build a URI that parses
 * again (the fuzz target's invariant); one byte more is refused on input. */
static void
test_limit_round_trip (void)
{
  g_autoptr(GString) uri = g_string_new ("otpauth://totp/");
  g_autoptr(GError) error = NULL;
  g_autoptr(RvOtpParams) params = NULL;
  g_autoptr(RvOtpParams) again = NULL;
  g_autoptr(RvSecret) built = NULL;
  g_autoptr(RvSecret) raw = rv_secret_new (RV_OTP_MAX_SECRET_BYTES);
  g_autoptr(RvSecret) base32 = NULL;
  g_autoptr(GString) over = NULL;

  memset (rv_secret_get_mutable_data (raw), 0xa5, RV_OTP_MAX_SECRET_BYTES);
  base32 = rv_base32_encode_secret (raw);
  append_issuer (uri, RV_OTP_MAX_TEXT_BYTES);
  g_string_append_c (uri, ':');
  append_issuer (uri, RV_OTP_MAX_TEXT_BYTES);
  g_string_append (uri, "?secret=");
  g_string_append (uri, rv_secret_get_string (base32));
  g_string_append (uri, "&issuer=");
  append_issuer (uri, RV_OTP_MAX_TEXT_BYTES);
  g_assert_cmpuint (uri->len, <=, RV_OTP_URI_MAX_LENGTH);

  params = rv_otp_uri_parse (uri->str, uri->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (params->issuer), ==, RV_OTP_MAX_TEXT_BYTES);
  built = rv_otp_uri_build (params);
  g_assert_cmpuint (rv_secret_get_size (built), <=, RV_OTP_URI_MAX_LENGTH);
  again = rv_otp_uri_parse (rv_secret_get_string (built), -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->issuer, ==, params->issuer);
  g_assert_cmpstr (again->account_name, ==, params->account_name);
  g_assert_true (rv_secret_equal (again->secret, params->secret));

  /* 2 bytes more in the issuer: refused, not accepted and then unexportable. */
  over = g_string_new ("otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&issuer=");
  append_issuer (over, RV_OTP_MAX_TEXT_BYTES + 2);
  g_clear_pointer (&params, rv_otp_params_free);
  params = rv_otp_uri_parse (over->str, over->len, &error);
  g_assert_null (params);
  g_assert_error (error, RV_OTP_ERROR, RV_OTP_ERROR_TOO_LONG);
}

/* A short secret of zero bytes ("AAAA") is a placeholder. */
static void
test_zero_secret (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvOtpParams) params = NULL;

  params = rv_otp_uri_parse ("otpauth://totp/x?secret=AAAAAAAA", -1, &error);
  g_assert_null (params);
  g_assert_error (error, RV_OTP_ERROR, RV_OTP_ERROR_BAD_SECRET);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (good_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/otp-uri/good/%u", i);
      g_autofree char *rt = g_strdup_printf ("/otp-uri/round-trip/%u", i);

      g_test_add_data_func (path, &good_cases[i], test_good);
      g_test_add_data_func (rt, &good_cases[i], test_round_trip);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/otp-uri/bad/%u", i);
      g_test_add_data_func (path, &bad_cases[i], test_bad);
    }
  g_test_add_func ("/otp-uri/too-long", test_too_long);
  g_test_add_func ("/otp-uri/limit-round-trip", test_limit_round_trip);
  g_test_add_func ("/otp-uri/zero-secret", test_zero_secret);
  g_test_add_func ("/otp-uri/build-escapes", test_build_escapes);

  return g_test_run ();
}
