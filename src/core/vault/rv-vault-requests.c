/* rv-vault-requests.c: the vault's recovery requests (stamped when changed
 * in place, for sync), and whether a text holds one of the vault's secrets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rv-vault.h"

#include <string.h>

#include "rv-secret-scan.h"
#include "rv-util.h"
#include "rv-vault-payload.h"
#include "rv-vault-private.h"

/* What a request holds, to notice changes made to it in place. */
char *
_rv_vault_request_content (const RvRequestRecord *r)
{
  return g_strdup_printf ("%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%" G_GINT64_FORMAT
                          "\x1f%" G_GINT64_FORMAT "\x1f%" G_GINT64_FORMAT "\x1f%d",
                          r->id, r->account_id ? r->account_id : "",
                          r->service_name ? r->service_name : "",
                          r->provider_id ? r->provider_id : "", r->draft ? r->draft : "",
                          r->ticket_url ? r->ticket_url : "", r->created_at, r->submitted_at,
                          r->follow_up_at, (int) r->status);
}

/* Takes the requests as they are now as stamped. */
void
_rv_vault_remember_requests (RvVault *self)
{
  g_hash_table_remove_all (self->request_state);
  for (guint i = 0; i < self->requests->len; i++)
    {
      const RvRequestRecord *r = g_ptr_array_index (self->requests, i);

      g_hash_table_insert (self->request_state, g_strdup (r->id), _rv_vault_request_content (r));
    }
}

/* Requests are plain structs that callers change in place: a request whose
 * content differs from when it was last stamped gets a new stamp, and one
 * that is gone a tombstone. */
void
_rv_vault_stamp_requests (RvVault *self)
{
  g_autoptr(GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer id;

  for (guint i = 0; i < self->requests->len; i++)
    {
      RvRequestRecord *r = g_ptr_array_index (self->requests, i);
      g_autofree char *content = _rv_vault_request_content (r);
      const char *old = g_hash_table_lookup (self->request_state, r->id);

      g_hash_table_add (present, r->id);
      if (old == NULL || !g_str_equal (old, content))
        r->modified = rv_stamp_next (&r->modified);
    }
  g_hash_table_iter_init (&iter, self->request_state);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    if (!g_hash_table_contains (present, id))
      {
        RvStamp removed = rv_stamp_next (NULL);

        rv_tombstones_add (self->tombstones, id, RV_TOMBSTONE_REQUEST, &removed);
      }
  _rv_vault_remember_requests (self);
}

/* Returns: (transfer none) (element-type RvRequestRecord): the requests. */
GPtrArray *
rv_vault_get_requests (RvVault *self)
{
  g_return_val_if_fail (RV_IS_VAULT (self), NULL);

  return self->requests;
}

/**
 * rv_vault_add_request:
 * @request: (transfer full): the vault takes ownership
 */
void
rv_vault_add_request (RvVault           *self,
                      RvRequestRecord *request)
{
  g_return_if_fail (RV_IS_VAULT (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (!self->closed);

  rv_request_record_sanitize (request);
  g_ptr_array_add (self->requests, request);
  rv_vault_mark_changed (self);
}

static gboolean
account_secret_in_text (RvAccount          *account,
                        const RvSecretScan *scan)
{
  guint n_codes = rv_account_get_n_recovery_codes (account);

  if (rv_secret_scan_find_otp_seed (scan, rv_account_get_secret (account)))
    return TRUE;
  for (guint i = 0; i < n_codes; i++)
    if (rv_account_get_recovery_code (account, i)->code != NULL &&
        rv_secret_scan_find (scan, rv_account_get_recovery_code (account, i)->code))
      return TRUE;
  return FALSE;
}

/**
 * rv_vault_text_contains_secret:
 *
 * Whether @text contains any OTP seed (raw, or in base32 in any case and
 * with any spacing) or any recovery code (ignoring spaces, dashes and case);
 * see rv-secret-scan.h for the rule and its minimum length.
 * Used to refuse drafts that would leak a secret.
 */
gboolean
rv_vault_text_contains_secret (RvVault    *self,
                               const char *text)
{
  g_autoptr(RvSecretScan) scan = NULL;
  guint n;

  g_return_val_if_fail (RV_IS_VAULT (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  scan = rv_secret_scan_new (text);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

      if (account_secret_in_text (account, scan))
        return TRUE;
    }
  return FALSE;
}
