/* rv-demo.c: a demo vault with sample accounts (--demo, screenshots, benchmarks)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The secrets below are published sample data for the demo only; they
 * protect nothing.
 */
#include "config.h"

#include <string.h>

#include "rv-demo.h"
#include "rv-otp-uri.h"
#include "rv-util.h"

typedef struct
{
  const char *uri;
  const char *codes;     /* space-separated; NULL: none stored */
  guint       n_used;
} Sample;

static const Sample samples[] = {
  { "otpauth://totp/PyPI:alice-dev?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=PyPI",
    "4f1e0c2a9b7d3e58 a07c5e31d2b94f60 93d8e2b1c4a6f705 1c9b7e3a5d20f846 "
    "6e2a9d1b8c4f3057 b5f30e7c2a1d9864 d27c4a90e5b3f168 8a1f6e2d3c5b9074", 2 },
  { "otpauth://totp/GitHub:alice%40example.com?secret=KRUGKIDROVUWG2ZAMJZG653OEBTG66BA&issuer=GitHub",
    "3f9a1-7c2e4 b81d0-5e6a3 c47f2-9d1b8 0e5a6-2c3f9 d93b7-1a8e4 6c2f0-e5b91 "
    "a7e3d-40c6f 5b1c8-f2a97 e06d4-8b3c1 92f7a-d1e06 4c8b3-0f5a2 f1a69-3e7d8 "
    "7d0e2-b6c45 1b5f9-c8a03 8e4c7-2d9f1 c2a0b-6f4e7", 0 },
  { "otpauth://totp/GitLab:alice?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=GitLab",
    "1a2b3c4d5e6f7081 9a8b7c6d5e4f3021 0f1e2d3c4b5a6978 8796a5b4c3d2e1f0 "
    "2468ace013579bdf fdb97531eca86420 13579bdf2468ace0 0eca86420fdb9753 "
    "5a5a5a5a1b1b1b1b 6c6c6c6c7d7d7d7d", 1 },
  { "otpauth://totp/npm:alice-dev?secret=OVZWK4RAMFXGIIDQMFZXG53POJSA&issuer=npm",
    "d1b2-4c8e e5f6-0a7b 93c1-2d4e 7f80-6a1c 2b3d-9e5f", 4 },
  { "otpauth://totp/Google:alice%40gmail.com?secret=NBSWY3DPO5XXE3DEEBQWY2LDMUQGC3TEMJXWEYLOMFXGK3ZA&issuer=Google",
    "4821 7730 1593 6628 9047 3315 7762 0489 5316 9901 "
    "2274 8865 6630 1147 3398 5520 0713 4456 8829 6604", 3 },
  { "otpauth://totp/Microsoft:alice%40outlook.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Microsoft",
    "Q7RT2-MXW4K-9PLZB-3HCNV-8FJYD", 0 },
  { "otpauth://totp/Steam:alice_gamer?secret=ONSWG4TFOQYTEMZUGU3DOOBZGA&issuer=Steam&encoder=steam",
    "R48213 R77302 R15936", 0 },
  { "otpauth://hotp/Example%20Bank:alice?secret=IFBEGRCFIZDUQSKKJNGE2TSPKBIVEU2U&issuer=Example%20Bank&counter=12",
    NULL, 0 },
  { "otpauth://totp/Amazon%20Web%20Services:alice%40example.com?secret=MZXW6YTBOI4DGNZUGE2TCNBVGQ3DQMRY&issuer=Amazon%20Web%20Services",
    NULL, 0 },
  { "otpauth://totp/Dropbox:alice%40example.com?secret=GM4TGMZZHE4DIMJVGI3DOOJQGE2DCNZZ&issuer=Dropbox",
    "vbx2 k9mq t4rz 7hpl", 0 },
  { "otpauth://totp/fosstodon.org:%40alice?secret=KNSWG4TFORPWC3DJMNSV6ZTPONZXI33E&issuer=fosstodon.org&algorithm=SHA256",
    NULL, 0 },
  { "otpauth://totp/Proton:alice%40proton.me?secret=IJQWIZ3FOJZWK4TTMVZHG6LFON2GK3TU&issuer=Proton&digits=8",
    "8d4f2a1c 3e9b7d05 c6a2e481 f07b3d92 1b5e8c4a 9a3f6d27", 1 },
};

static RvAccount *
account_from_uri (const char  *uri,
                  GError     **error)
{
  g_autoptr(RvOtpParams) params = rv_otp_uri_parse (uri, strlen (uri), error);

  return params != NULL ? rv_account_new_from_otp_params (params) : NULL;
}

static gboolean
add_codes (RvAccount   *account,
           const char  *codes,
           guint        n_used,
           gint64       now,
           GError     **error)
{
  g_auto(GStrv) split = g_strsplit (codes, " ", -1);
  guint n = g_strv_length (split);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RvSecret) code = rv_secret_new_from_string (split[i]);
      gint64 used_at = i < n_used ? now - (gint64) (i + 1) * 86400 * 30 : 0;

      if (!rv_account_add_recovery_code (account, code, now - 86400 * 400, used_at, error))
        return FALSE;
    }
  rv_account_set_recovery_issued_at (account, now - 86400 * 400);
  rv_account_set_recovery_expected_count (account, n);
  return TRUE;
}

gboolean
rv_demo_add_samples (RvVault  *vault,
                     GError  **error)
{
  gint64 now = rv_now ();

  g_return_val_if_fail (RV_IS_VAULT (vault), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(RvAccount) account = account_from_uri (samples[i].uri, error);

      if (account == NULL)
        return FALSE;
      if (samples[i].codes != NULL &&
          !add_codes (account, samples[i].codes, samples[i].n_used, now, error))
        return FALSE;
      rv_vault_add_account (vault, account);
    }

  return TRUE;
}

void
rv_demo_add_generated (RvVault *vault,
                       guint    n)
{
  static const guint8 seed[20] = "demo-generated-seed";

  g_return_if_fail (RV_IS_VAULT (vault));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RvOtpParams) params = rv_otp_params_new (RV_OTP_KIND_TOTP);
      g_autoptr(RvAccount) account = NULL;
      guint8 key[20];

      memcpy (key, seed, sizeof key);
      key[0] ^= (guint8) i;
      key[1] ^= (guint8) (i >> 8);
      key[2] ^= (guint8) (i >> 16);
      params->secret = rv_secret_new_from_data (key, sizeof key);
      params->issuer = g_strdup_printf ("Service %u", i + 1);
      params->account_name = g_strdup_printf ("user%u@example.com", i + 1);
      account = rv_account_new_from_otp_params (params);
      rv_vault_add_account (vault, account);
    }
}

static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(RvSecret) password = rv_secret_new_from_string (RV_DEMO_PASSWORD);
  g_autoptr(RvVault) vault = NULL;
  GError *error = NULL;

  vault = rv_vault_create (path, password, &error);
  if (vault == NULL ||
      !rv_demo_add_samples (vault, &error) ||
      !rv_vault_save (vault, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&vault), g_object_unref);
}

void
rv_demo_create_async (const char          *path,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rv_demo_create_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, create_thread);
}

RvVault *
rv_demo_create_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
