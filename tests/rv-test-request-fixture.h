/* rv-test-request-fixture.h: the fixed account the expected drafts
 * (tests/data/drafts/) are built from, shared by the core, CLI and GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rv-account.h"

/* 2024-03-01 and 2024-03-02, 00:00 UTC */
#define RV_TEST_CREATED_AT  1709251200
#define RV_TEST_ISSUED_AT   1709337600
#define RV_TEST_RAW_SECRET  "12345678901234567890"
#define RV_TEST_B32_SECRET  "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

static const char *rv_test_stored_codes[] = {
  "badc0ffee0ddf00d", "0123456789abcdef", "fedcba9876543210", "1111222233334444",
  "5555666677778888", "9999aaaabbbbcccc", "ddddeeeeffff0000", "0f1e2d3c4b5a6978",
};

/* Account “alice-dev” at @issuer: a TOTP secret, 8 recovery codes of which
 * the first 2 are used. */
static inline RvAccount *
rv_test_make_request_account (const char *issuer)
{
  RvAccount *account = rv_account_new ();
  RvSecret *secret = rv_secret_new_from_string (RV_TEST_RAW_SECRET);

  rv_account_set_issuer (account, issuer);
  rv_account_set_name (account, "alice-dev");
  rv_account_set_email (account, "alice@example.com");
  rv_account_set_kind (account, RV_OTP_KIND_TOTP);
  rv_account_set_secret (account, secret);
  rv_secret_free (secret);
  rv_account_set_created (account, RV_TEST_CREATED_AT);
  for (guint i = 0; i < G_N_ELEMENTS (rv_test_stored_codes); i++)
    {
      RvSecret *code = rv_secret_new_from_string (rv_test_stored_codes[i]);

      g_assert_true (rv_account_add_recovery_code (account, code, RV_TEST_ISSUED_AT,
                                                   i < 2 ? RV_TEST_ISSUED_AT + 86400 : 0, NULL));
      rv_secret_free (code);
    }
  rv_account_set_recovery_issued_at (account, RV_TEST_ISSUED_AT);
  rv_account_set_recovery_expected_count (account, 8);
  return account;
}
