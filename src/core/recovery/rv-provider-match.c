/* rv-provider-match.c: which recovery profile fits a vault entry (issuer names, domains)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rv-provider-private.h"

RvProvider *
rv_provider_lookup (GPtrArray  *providers,
                    const char *id)
{
  g_return_val_if_fail (providers != NULL, NULL);

  if (id == NULL)
    return NULL;
  for (guint i = 0; i < providers->len; i++)
    {
      RvProvider *provider = g_ptr_array_index (providers, i);

      if (g_str_equal (provider->id, id))
        return provider;
    }
  return NULL;
}

/* The host of an http(s) URL or a bare domain, lower-cased. */
static char *
dup_host (const char *url)
{
  g_autofree char *host = NULL;

  if (url == NULL || *url == '\0')
    return NULL;
  if (strstr (url, "://") != NULL)
    {
      g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

      if (uri == NULL || g_uri_get_host (uri) == NULL)
        return NULL;
      host = g_strdup (g_uri_get_host (uri));
    }
  else if (strchr (url, '.') != NULL && strchr (url, ' ') == NULL && strchr (url, '@') == NULL)
    host = g_strndup (url, strcspn (url, "/:"));
  else
    return NULL;
  return g_ascii_strdown (host, -1);
}

static gboolean
host_matches (const char *host,
              const char *domain)
{
  gsize host_len = strlen (host);
  gsize domain_len = strlen (domain);

  if (g_ascii_strcasecmp (host, domain) == 0)
    return TRUE;
  return host_len > domain_len && host[host_len - domain_len - 1] == '.' &&
         g_ascii_strcasecmp (host + host_len - domain_len, domain) == 0;
}

gboolean
rv_provider_matches (RvProvider *self,
                     const char *issuer,
                     const char *url)
{
  g_autofree char *issuer_fold = issuer ? g_utf8_casefold (issuer, -1) : NULL;
  g_autofree char *issuer_host = dup_host (issuer);
  g_autofree char *url_host = dup_host (url);

  g_return_val_if_fail (RV_IS_PROVIDER (self), FALSE);

  for (guint i = 0; issuer_fold != NULL && self->issuers[i] != NULL; i++)
    {
      g_autofree char *fold = g_utf8_casefold (self->issuers[i], -1);

      if (g_str_equal (fold, issuer_fold))
        return TRUE;
    }
  for (guint i = 0; self->domains[i] != NULL; i++)
    {
      if ((issuer_host != NULL && host_matches (issuer_host, self->domains[i])) ||
          (url_host != NULL && host_matches (url_host, self->domains[i])))
        return TRUE;
    }
  return FALSE;
}

RvProvider *
rv_provider_match (GPtrArray  *providers,
                   const char *issuer,
                   const char *url)
{
  RvProvider *generic = NULL;

  g_return_val_if_fail (providers != NULL, NULL);

  for (guint i = 0; i < providers->len; i++)
    {
      RvProvider *provider = g_ptr_array_index (providers, i);

      if (provider->generic)
        generic = generic ? generic : provider;
      else if (rv_provider_matches (provider, issuer, url))
        return provider;
    }
  return generic;
}

RvProvider *
rv_provider_match_account (GPtrArray *providers,
                           RvAccount *account)
{
  g_return_val_if_fail (RV_IS_ACCOUNT (account), NULL);

  return rv_provider_match (providers, rv_account_get_issuer (account),
                            rv_account_get_url (account));
}
