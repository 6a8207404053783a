/* fuzz-otp-uri.c: libFuzzer target for the otpauth URI parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rv-otp-uri.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(RvOtpParams) params = NULL;
  g_autoptr(GError) error = NULL;

  params = rv_otp_uri_parse ((const char *) data, size, &error);
  g_assert ((params == NULL) == (error != NULL));

  /* What parses must validate, and survive a build → parse round trip. */
  if (params != NULL)
    {
      g_autoptr(RvSecret) uri = rv_otp_uri_build (params);
      g_autoptr(RvOtpParams) again = NULL;
      char code[RV_OTP_CODE_BUFFER];

      g_assert (rv_otp_params_validate (params, NULL));
      g_assert (rv_otp_params_generate (params, 1700000000, code, NULL));
      again = rv_otp_uri_parse (rv_secret_get_string (uri), -1, NULL);
      g_assert (again != NULL);
      g_assert (again->kind == params->kind);
      g_assert (g_strcmp0 (again->issuer, params->issuer) == 0);
      g_assert (rv_secret_equal (again->secret, params->secret));
    }
  return 0;
}
