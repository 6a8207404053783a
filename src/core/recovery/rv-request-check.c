/* rv-request-check.c: refusing a request that would leak a secret
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "rv-request-check.h"
#include "rv-secret-scan.h"

/* Token prefixes refused in every draft, whatever the provider: one leaked
 * prefix already exposed a real PyPI token in a public issue. */
static const char *common_token_prefixes[] = {
  "pypi-AgE", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "npm_",
  "xoxb-", "xoxp-", "AKIA",
};

static gboolean
leak (GError     **error,
      const char  *what)
{
  g_set_error (error, RV_REQUEST_ERROR, RV_REQUEST_ERROR_LEAK,
               _("The request contains %s. Remove it: support never needs it, and "
                 "anyone who reads the request could use it."), what);
  return FALSE;
}

static gboolean
account_leaks (RvAccount          *account,
               const RvSecretScan *scan,
               GError            **error)
{
  if (rv_secret_scan_find_otp_seed (scan, rv_account_get_secret (account)))
    return !leak (error, _("the account’s two-factor secret"));
  for (guint i = 0; i < rv_account_get_n_recovery_codes (account); i++)
    if (rv_secret_scan_find (scan, rv_account_get_recovery_code (account, i)->code))
      return !leak (error, _("a recovery code stored in the vault"));
  return FALSE;
}

static gboolean
vault_leaks (RvVault            *vault,
             const char         *text,
             const RvSecretScan *scan,
             GError            **error)
{
  GListModel *accounts = rv_vault_get_accounts (vault);

  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (accounts, i);

      if (account_leaks (account, scan, error))
        return TRUE;
    }
  if (rv_vault_text_contains_secret (vault, text))
    return !leak (error, _("a secret stored in the vault"));
  return FALSE;
}

static gboolean
has_token (RvProvider *provider,
           const char *text)
{
  const char * const *prefixes = rv_provider_get_token_prefixes (provider);

  for (guint i = 0; i < G_N_ELEMENTS (common_token_prefixes); i++)
    if (strstr (text, common_token_prefixes[i]) != NULL)
      return TRUE;
  for (guint i = 0; prefixes != NULL && prefixes[i] != NULL; i++)
    if (strstr (text, prefixes[i]) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
matches (const char *pattern,
         const char *text)
{
  return g_regex_match_simple (pattern, text, G_REGEX_CASELESS, 0);
}

static gboolean
shape_leaks (RvProvider  *provider,
             const char  *text,
             GError     **error)
{
  GRegex *shape = rv_provider_get_code_shape (provider);

  if (matches ("otpauth(-migration)?:", text))
    return !leak (error, _("an otpauth URI (it holds the two-factor secret)"));
  if (has_token (provider, text))
    return !leak (error, _("something shaped like an API token"));
  /* Base32 as authenticators show a secret: one block, or groups of four.
   * Upper case only: lower-case groups of four are ordinary words. */
  if (g_regex_match_simple ("(?<![A-Za-z0-9])[A-Z2-7]{16,}=*(?![A-Za-z0-9])", text, 0, 0) ||
      g_regex_match_simple ("(?<![A-Za-z0-9])([A-Z2-7]{4} ){3,}[A-Z2-7]{4}(?![A-Za-z0-9])", text,
                            0, 0))
    return !leak (error, _("something shaped like a two-factor secret"));
  if (shape != NULL && g_regex_match (shape, text, 0, NULL))
    {
      g_autofree char *what = g_strdup_printf (_("something shaped like a %s recovery code"),
                                               rv_provider_get_name (provider));
      return !leak (error, what);
    }
  return FALSE;
}

/* On a public channel the whole world reads the request. */
static gboolean
personal_data_leaks (RvProvider  *provider,
                     const char  *text,
                     GError     **error)
{
  const char *what = NULL;

  if (!rv_provider_get_channel_public (provider))
    return FALSE;
  /* git@host:owner/repo is an SSH remote, not somebody's address. */
  if (matches ("(?<![A-Z0-9._%+-])(?!git@)[A-Z0-9._%+-]+@[A-Z0-9-]+(\\.[A-Z0-9-]+)*\\.[A-Z]{2,}",
               text))
    what = _("an email address");
  else if (matches ("(^|[^0-9A-Z])\\+[0-9][0-9 ().-]{6,}[0-9]", text) ||
           matches ("(^|[^0-9])\\(?[0-9]{3}\\)?[ .-][0-9]{3}[ .-][0-9]{4}([^0-9]|$)", text))
    what = _("a phone number");
  if (what == NULL)
    return FALSE;
  g_set_error (error, RV_REQUEST_ERROR, RV_REQUEST_ERROR_PERSONAL_DATA,
               _("The request contains %s, and %s's requests are public. Remove it; staff "
                 "will contact you through the account."), what, rv_provider_get_name (provider));
  return TRUE;
}

gboolean
rv_request_check_text (RvProvider      *provider,
                       const char      *text,
                       RvVault         *vault,
                       RvAccount       *account,
                       const RvSecret  *password,
                       GError         **error)
{
  g_autoptr(RvSecretScan) scan = NULL;

  g_return_val_if_fail (RV_IS_PROVIDER (provider), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  scan = rv_secret_scan_new (text);
  if (account != NULL && account_leaks (account, scan, error))
    return FALSE;
  if (vault != NULL && vault_leaks (vault, text, scan, error))
    return FALSE;
  if (password != NULL && rv_secret_get_size (password) >= 4 &&
      rv_secret_contains (text, strlen (text), password))
    return leak (error, _("the vault password"));
  if (shape_leaks (provider, text, error))
    return FALSE;
  if (personal_data_leaks (provider, text, error))
    return FALSE;
  return TRUE;
}
