/* rv-keyring.c: the keyring slot's key in the Secret Service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The keyring holds a random 32-byte key that unwraps the vault's keyring
 * slot, never the master key itself: disabling keyring unlock removes the
 * slot from the file and the key from the keyring.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rv-keyring.h"
#include "rv-vault.h"

const SecretSchema *
rv_keyring_get_schema (void)
{
  static const SecretSchema schema = {
    .name = RV_KEYRING_SCHEMA_NAME,
    .flags = SECRET_SCHEMA_NONE,
    .attributes = {
      { .name = "vault-id", .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
      { .name = "path", .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
      { .name = NULL, .type = 0 },
    },
  };

  return &schema;
}

static void
set_keyring_error (GError      **error,
                   const char   *action,
                   GError       *cause)
{
  g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_KEYRING,
               _("Could not %s the keyring (is a Secret Service such as GNOME Keyring "
               "running and unlocked?): %s"), action, cause->message);
}

gboolean
rv_keyring_store (const char      *vault_id,
                  const char      *path,
                  const RvSecret  *key,
                  GCancellable    *cancellable,
                  GError         **error)
{
  g_autoptr(SecretValue) value = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (vault_id != NULL && path != NULL && key != NULL, FALSE);

  /* secret_value_new() copies into libsecret's own non-pageable memory. */
  value = secret_value_new ((const char *) rv_secret_get_data (key), rv_secret_get_size (key),
                            "application/octet-stream");
  label = g_strdup_printf ("Recovery Vault unlock key (%s)", path);
  if (!secret_password_store_binary_sync (rv_keyring_get_schema (), SECRET_COLLECTION_DEFAULT,
                                          label, value, cancellable, &local_error,
                                          "vault-id", vault_id, "path", path, NULL))
    {
      set_keyring_error (error, "store the unlock key in", local_error);
      return FALSE;
    }
  return TRUE;
}

/* Returns: (transfer full): the key, or %NULL with an error. */
RvSecret *
rv_keyring_lookup (const char    *vault_id,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(SecretValue) value = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize size = 0;

  g_return_val_if_fail (vault_id != NULL, NULL);

  value = secret_password_lookup_binary_sync (rv_keyring_get_schema (), cancellable, &local_error,
                                              "vault-id", vault_id, NULL);
  if (local_error != NULL)
    {
      set_keyring_error (error, "read the unlock key from", local_error);
      return NULL;
    }
  if (value == NULL)
    {
      g_set_error_literal (error, RV_VAULT_ERROR, RV_VAULT_ERROR_KEYRING,
                           _("The keyring has no unlock key for this vault; "
                           "open it with its password"));
      return NULL;
    }
  data = secret_value_get (value, &size);
  return rv_secret_new_from_data (data, size);
}

gboolean
rv_keyring_clear (const char    *vault_id,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (vault_id != NULL, FALSE);

  /* Returns FALSE without an error when nothing matched: that is fine. */
  if (!secret_password_clear_sync (rv_keyring_get_schema (), cancellable, &local_error,
                                   "vault-id", vault_id, NULL) && local_error != NULL)
    {
      set_keyring_error (error, "remove the unlock key from", local_error);
      return FALSE;
    }
  return TRUE;
}
