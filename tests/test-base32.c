/* test-base32.c: RFC 4648 base32, tolerant input and exact output
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "rv-base32.h"

typedef struct
{
  const char *plain;
  const char *encoded;
} Vector;

/* RFC 4648 §10, without padding as we emit it. */
static const Vector rfc4648[] = {
  { "f", "MY" },
  { "fo", "MZXQ" },
  { "foo", "MZXW6" },
  { "foob", "MZXW6YQ" },
  { "fooba", "MZXW6YTB" },
  { "foobar", "MZXW6YTBOI" },
};

static void
test_rfc4648 (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (rfc4648); i++)
    {
      g_autoptr(RvSecret) encoded = rv_base32_encode ((const guint8 *) rfc4648[i].plain,
                                                      strlen (rfc4648[i].plain));
      g_autoptr(RvSecret) decoded = rv_base32_decode (rfc4648[i].encoded, -1, NULL);

      g_assert_cmpstr (rv_secret_get_string (encoded), ==, rfc4648[i].encoded);
      g_assert_nonnull (decoded);
      g_assert_cmpmem (rv_secret_get_data (decoded), rv_secret_get_size (decoded),
                       rfc4648[i].plain, strlen (rfc4648[i].plain));
    }
}

static const char *tolerant[] = {
  "MZXW6YTBOI======",
  "mzxw6ytboi",
  "MZXW 6YTB OI",
  "mzxw-6ytb-oi",
  "  MZXW6YTBOI  ",
  "MzXw6YtBoI",
};

static void
test_tolerant (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (tolerant); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RvSecret) decoded = rv_base32_decode (tolerant[i], -1, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (rv_secret_get_string (decoded), ==, "foobar");
    }
}

typedef struct
{
  const char   *text;
  RvBase32Error code;
  const char   *message_part;
} BadCase;

static const BadCase bad_cases[] = {
  { "", RV_BASE32_ERROR_EMPTY, "empty" },
  { "  ", RV_BASE32_ERROR_EMPTY, "empty" },
  { "MZXW1", RV_BASE32_ERROR_INVALID_CHARACTER, "'1' at position 5" },
  { "MZXW8", RV_BASE32_ERROR_INVALID_CHARACTER, "'8'" },
  { "MZ0W", RV_BASE32_ERROR_INVALID_CHARACTER, "'0' at position 3" },
  { "MZ\x01W", RV_BASE32_ERROR_INVALID_CHARACTER, "0x01" },
  { "M", RV_BASE32_ERROR_BAD_LENGTH, "1 characters" },
  { "MZX", RV_BASE32_ERROR_BAD_LENGTH, "3 characters" },
  { "MZXW6Y", RV_BASE32_ERROR_BAD_LENGTH, "6 characters" },
  { "MY=A", RV_BASE32_ERROR_BAD_PADDING, "followed" },
  { "MY==", RV_BASE32_ERROR_BAD_PADDING, "padding" },
};

static void
test_bad (gconstpointer data)
{
  const BadCase *bad = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RvSecret) decoded = rv_base32_decode (bad->text, -1, &error);

  g_assert_null (decoded);
  g_assert_error (error, RV_BASE32_ERROR, (gint) bad->code);
  g_assert_nonnull (strstr (error->message, bad->message_part));
}

static void
test_round_trip_random (void)
{
  for (guint n = 0; n < 200; n++)
    {
      gsize len = g_test_rand_int_range (1, 100);
      g_autoptr(RvSecret) bytes = rv_secret_new (len);
      g_autoptr(RvSecret) encoded = NULL;
      g_autoptr(RvSecret) decoded = NULL;

      for (gsize i = 0; i < len; i++)
        rv_secret_get_mutable_data (bytes)[i] = g_test_rand_int_range (0, 256);
      encoded = rv_base32_encode_secret (bytes);
      decoded = rv_base32_decode (rv_secret_get_string (encoded), -1, NULL);
      g_assert_true (rv_secret_equal (bytes, decoded));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/base32/rfc4648", test_rfc4648);
  g_test_add_func ("/base32/tolerant", test_tolerant);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/base32/bad/%u", i);
      g_test_add_data_func (path, &bad_cases[i], test_bad);
    }
  g_test_add_func ("/base32/round-trip", test_round_trip_random);

  return g_test_run ();
}
