/* fuzz-answers.c: libFuzzer target for the answers of `rvault request`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rv-request-draft.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static RvProvider *
pypi_profile (void)
{
  static RvProvider *provider;

  if (provider == NULL)
    {
      g_autofree char *path = g_build_filename (SOURCE_DATADIR, "providers", "pypi.json", NULL);

      provider = rv_provider_new_from_file (path, NULL);
      g_assert (provider != NULL);
    }
  return provider;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(RvRequestAnswers) answers = NULL;
  g_autoptr(RvRequestDraft) draft = NULL;
  g_autoptr(RvAccount) account = rv_account_new ();
  g_autoptr(RvSecret) secret = rv_secret_new_from_string ("12345678901234567890");
  g_autoptr(RvSecret) code = rv_secret_new_from_string ("badc0ffee0ddf00d");
  g_autoptr(GError) error = NULL;

  answers = rv_request_answers_new_from_data ((const char *) data, size, "fuzz", &error);
  g_assert ((answers == NULL) == (error != NULL));
  if (answers == NULL)
    return 0;

  rv_account_set_name (account, "alice-dev");
  rv_account_set_kind (account, RV_OTP_KIND_TOTP);
  rv_account_set_secret (account, secret);
  rv_account_add_recovery_code (account, code, 1, 0, NULL);
  draft = rv_request_draft_new (pypi_profile (), answers, NULL, account, NULL, &error);
  g_assert ((draft == NULL) == (error != NULL));
  /* A draft that got out holds neither stored secret. */
  if (draft != NULL)
    {
      g_assert (!rv_secret_contains (draft->text, strlen (draft->text), secret));
      g_assert (!rv_secret_contains (draft->text, strlen (draft->text), code));
      g_assert (strstr (draft->text, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ") == NULL);
    }
  return 0;
}
