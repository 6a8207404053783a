/* test-account.c: the account model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rv-account.h"
#include "rv-base32.h"
#include "rv-otp-uri.h"

static void
count_changes (RvAccount *account,
               guint     *n)
{
  (*n)++;
}

static void
test_from_uri (void)
{
  g_autoptr(RvOtpParams) params =
    rv_otp_uri_parse ("otpauth://totp/ACME:me?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8", -1, NULL);
  g_autoptr(RvAccount) account = rv_account_new_from_otp_params (params);
  g_autoptr(RvOtpParams) back = rv_account_dup_otp_params (account);
  g_autofree char *display = rv_account_dup_display_name (account);
  char code[RV_OTP_CODE_BUFFER];

  g_assert_cmpstr (rv_account_get_issuer (account), ==, "ACME");
  g_assert_cmpstr (rv_account_get_name (account), ==, "me");
  g_assert_cmpstr (display, ==, "ACME (me)");
  g_assert_nonnull (rv_account_get_id (account));
  g_assert_true (rv_secret_equal (back->secret, params->secret));
  g_assert_true (rv_account_generate_code (account, 59, code, NULL));
  g_assert_cmpstr (code, ==, "94287082");
}

static RvAccount *
account_from_uri (const char *uri)
{
  g_autoptr(RvOtpParams) params = rv_otp_uri_parse (uri, -1, NULL);

  g_assert_nonnull (params);
  return rv_account_new_from_otp_params (params);
}

/* The one "same authenticator" rule: kind and secret, never the label. */
static void
test_same_otp (void)
{
  g_autoptr(RvAccount) a = account_from_uri ("otpauth://totp/ACME:me?secret=GEZDGNBVGY3TQOJQ");
  g_autoptr(RvAccount) relabelled = account_from_uri ("otpauth://totp/Other:you?secret=GEZDGNBVGY3TQOJQ");
  g_autoptr(RvAccount) hotp = account_from_uri ("otpauth://hotp/ACME:me?secret=GEZDGNBVGY3TQOJQ&counter=1");
  g_autoptr(RvAccount) other = account_from_uri ("otpauth://totp/ACME:me?secret=GEZDGNBVGY3TQOJR");
  g_autoptr(RvAccount) codes_only = rv_account_new ();
  g_autoptr(GListStore) store = g_list_store_new (RV_TYPE_ACCOUNT);

  g_assert_true (rv_account_same_otp (a, relabelled));
  g_assert_false (rv_account_same_otp (a, hotp));
  g_assert_false (rv_account_same_otp (a, other));
  g_assert_false (rv_account_same_otp (codes_only, codes_only));
  g_assert_true (rv_secret_equal (NULL, NULL));
  g_assert_false (rv_secret_equal (rv_account_get_secret (a), NULL));

  g_list_store_append (store, other);
  g_list_store_append (store, a);
  g_assert_true (rv_account_find_same_otp (G_LIST_MODEL (store), RV_OTP_KIND_TOTP,
                                           rv_account_get_secret (relabelled)) == a);
  g_assert_null (rv_account_find_same_otp (G_LIST_MODEL (store), RV_OTP_KIND_HOTP,
                                           rv_account_get_secret (a)));
}

static void
test_changed_signal (void)
{
  g_autoptr(RvAccount) account = rv_account_new ();
  const char *tags[] = { "work", "python", NULL };
  guint n = 0;

  g_signal_connect (account, "changed", G_CALLBACK (count_changes), &n);
  rv_account_set_issuer (account, "PyPI");
  rv_account_set_issuer (account, "PyPI");
  g_assert_cmpuint (n, ==, 1);
  rv_account_set_tags (account, tags);
  rv_account_set_tags (account, tags);
  g_assert_cmpuint (n, ==, 2);
  rv_account_set_digits (account, 8);
  g_assert_cmpuint (n, ==, 3);

  g_assert_true (rv_account_matches (account, "pyth"));
  g_assert_true (rv_account_matches (account, "pypi"));
  g_assert_false (rv_account_matches (account, "github"));
}

static void
test_recovery_codes (void)
{
  g_autoptr(RvAccount) account = rv_account_new ();
  g_autoptr(RvSecret) a = rv_secret_new_from_string ("badc0ffee0ddf00d");
  g_autoptr(RvSecret) b = rv_secret_new_from_string ("0123456789abcdef");
  g_autoptr(RvSecret) c = rv_secret_new_from_string ("ffffffffffffffff");
  g_autoptr(GError) error = NULL;

  g_assert_true (rv_account_add_recovery_code (account, a, 100, 0, NULL));
  g_assert_true (rv_account_add_recovery_code (account, b, 100, 0, NULL));
  g_assert_false (rv_account_add_recovery_code (account, a, 100, 0, &error));
  g_assert_error (error, RV_ACCOUNT_ERROR, RV_ACCOUNT_ERROR_DUPLICATE_CODE);
  g_clear_error (&error);

  g_assert_cmpuint (rv_account_get_n_recovery_codes (account), ==, 2);
  g_assert_cmpuint (rv_account_get_n_unused_recovery_codes (account), ==, 2);
  g_assert_cmpint (rv_account_get_recovery_issued_at (account), ==, 100);

  g_assert_true (rv_account_use_recovery_code (account, b, 200, NULL));
  g_assert_cmpuint (rv_account_get_n_unused_recovery_codes (account), ==, 1);
  g_assert_cmpint (rv_account_get_recovery_code (account, 1)->used_at, ==, 200);

  g_assert_false (rv_account_use_recovery_code (account, b, 300, &error));
  g_assert_error (error, RV_ACCOUNT_ERROR, RV_ACCOUNT_ERROR_CODE_ALREADY_USED);
  g_clear_error (&error);
  g_assert_false (rv_account_use_recovery_code (account, c, 300, &error));
  g_assert_error (error, RV_ACCOUNT_ERROR, RV_ACCOUNT_ERROR_NO_SUCH_CODE);
  g_clear_error (&error);

  rv_account_clear_recovery_codes (account);
  g_assert_cmpuint (rv_account_get_n_recovery_codes (account), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/account/from-uri", test_from_uri);
  g_test_add_func ("/account/changed", test_changed_signal);
  g_test_add_func ("/account/same-otp", test_same_otp);
  g_test_add_func ("/account/recovery-codes", test_recovery_codes);

  return g_test_run ();
}
