/* test-vault-keyring.c: unlocking with the login keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a Secret Service (tools/test runs the suite in dbus-run-session with
 * an unlocked gnome-keyring); skips cleanly without one.
 */
#include <libsecret/secret.h>
#include <sodium.h>
#include <string.h>

#include "rv-keyring.h"
#include "rv-vault-format.h"
#include "rv-test-util.h"
#include "rv-vault.h"

#define PASSWORD "keyring test password"

static SecretValue *
keyring_lookup (const char *vault_id)
{
  g_autoptr(GError) error = NULL;
  SecretValue *value = secret_password_lookup_binary_sync (rv_keyring_get_schema (), NULL, &error,
                                                           "vault-id", vault_id, NULL);

  g_assert_no_error (error);
  return value;
}

static void
on_opened (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  RvVault **out = user_data;

  *out = rv_vault_open_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_enable_open_disable (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *vault_id = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RvSecret) password = rv_secret_new_from_string (PASSWORD);
  g_autoptr(RvSecret) new_password = rv_secret_new_from_string ("another password");
  g_autoptr(RvSecret) secret = rv_secret_new_from_string ("keyring account secret");
  g_autoptr(RvAccount) account = rv_account_new ();
  g_autoptr(RvVault) vault = NULL;
  g_autoptr(RvVault) back = NULL;
  g_autoptr(RvAccount) got = NULL;
  g_autoptr(SecretValue) value = NULL;
  RvVault *async_back = NULL;
  g_autoptr(RvSecret) old_key = NULL;
  g_autofree char *old_copy = NULL;
  gsize old_copy_len = 0;

  if (!rv_test_have_secret_service ())
    {
      g_test_skip ("No Secret Service on the session bus");
      return;
    }

  dir = rv_test_make_tmpdir ();
  path = g_build_filename (dir, "vault.rvault", NULL);
  vault = rv_vault_create (path, password, &error);
  g_assert_no_error (error);
  vault_id = g_strdup (rv_vault_get_id (vault));
  rv_account_set_issuer (account, "Keyring");
  rv_account_set_secret (account, secret);
  rv_vault_add_account (vault, account);
  g_assert_true (rv_vault_save (vault, &error));
  g_assert_no_error (error);

  /* Not enabled yet. */
  g_assert_false (rv_vault_get_keyring_enabled (vault));
  g_assert_false (rv_vault_has_keyring_slot_file (path));
  back = rv_vault_open_with_keyring (path, NULL, &error);
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_KEYRING);
  g_clear_error (&error);

  g_assert_true (rv_vault_enable_keyring (vault, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rv_vault_get_keyring_enabled (vault));
  g_assert_true (rv_vault_has_keyring_slot_file (path));
  value = keyring_lookup (vault_id);
  g_assert_nonnull (value);
  g_clear_pointer (&value, secret_value_unref);
  /* The item's label, shown in keyring browsers and prompts, has no path. */
  {
    g_autolist(SecretRetrievable) items =
      secret_password_search_sync (rv_keyring_get_schema (), SECRET_SEARCH_ALL, NULL, &error,
                                   "vault-id", vault_id, NULL);

    g_assert_no_error (error);
    g_assert_nonnull (items);
    for (GList *l = items; l != NULL; l = l->next)
      {
        g_autofree char *label = secret_retrievable_get_label (l->data);

        g_assert_null (strstr (label, dir));
        g_assert_nonnull (strstr (label, "Recovery Vault"));
      }
  }

  /* Open without a password, synchronously and in a thread. */
  back = rv_vault_open_with_keyring (path, NULL, &error);
  g_assert_no_error (error);
  got = g_list_model_get_item (rv_vault_get_accounts (back), 0);
  g_assert_cmpstr (rv_secret_get_string (rv_account_get_secret (got)), ==, "keyring account secret");
  g_assert_true (rv_vault_get_keyring_enabled (back));
  g_clear_object (&back);
  g_clear_object (&got);

  rv_vault_open_async (path, NULL, NULL, on_opened, &async_back);
  while (async_back == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (rv_vault_get_accounts (async_back)), ==, 1);
  g_object_unref (async_back);

  /* A new password re-wraps the same master key: the keyring still opens. */
  g_assert_true (rv_vault_change_password (vault, password, new_password, &error));
  g_assert_no_error (error);
  back = rv_vault_open_with_keyring (path, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&back);

  /* Turning it off needs the password: it gives the vault a new key. */
  g_assert_false (rv_vault_disable_keyring (vault, NULL, NULL, &error));
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  g_assert_true (rv_vault_get_keyring_enabled (vault));
  g_assert_false (rv_vault_disable_keyring (vault, password, NULL, &error));
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  g_assert_true (rv_vault_get_keyring_enabled (vault));

  /* What someone who copied the keyring key and the file before holds. */
  value = keyring_lookup (vault_id);
  g_assert_nonnull (value);
  {
    gsize len;
    const guint8 *bytes = (const guint8 *) secret_value_get (value, &len);

    old_key = rv_secret_new_from_data (bytes, len);
  }
  g_clear_pointer (&value, secret_value_unref);
  g_assert_true (g_file_get_contents (path, &old_copy, &old_copy_len, NULL));

  g_assert_true (rv_vault_disable_keyring (vault, new_password, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (rv_vault_get_keyring_enabled (vault));
  g_assert_false (rv_vault_has_keyring_slot_file (path));
  value = keyring_lookup (vault_id);
  g_assert_null (value);
  back = rv_vault_open_with_keyring (path, NULL, &error);
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_KEYRING);
  g_clear_error (&error);
  back = rv_vault_open (path, new_password, &error);
  g_assert_no_error (error);

  /* The master key changed: an account added afterwards is in a payload the
   * old keyring key (through the old file's keyring slot) cannot decrypt,
   * and neither can PATH.prev be. */
  {
    g_autoptr(RvAccount) later = rv_account_new ();
    g_autoptr(GBytes) old_bytes = g_bytes_new_take (g_steal_pointer (&old_copy), old_copy_len);
    g_autoptr(RvVaultFile) old_file = rv_vault_file_parse (old_bytes, "old copy", &error);
    g_autoptr(RvSecret) old_master = NULL;
    const char *suffixes[] = { "", ".prev" };

    g_assert_no_error (error);
    old_master = rv_vault_slot_unwrap (rv_vault_file_find_slot (old_file, RV_VAULT_SLOT_KEYRING),
                                       vault_id, old_key);
    g_assert_nonnull (old_master);
    {
      g_autoptr(RvSecret) old_plain = rv_vault_file_decrypt_payload (old_file, old_master, &error);

      g_assert_no_error (error);
      g_assert_nonnull (old_plain);
    }

    rv_account_set_issuer (later, "Added after");
    rv_vault_add_account (vault, later);
    g_assert_true (rv_vault_save (vault, &error));
    g_assert_no_error (error);
    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *name = g_strconcat (path, suffixes[i], NULL);
        g_autofree char *data = NULL;
        gsize len;
        g_autoptr(GBytes) bytes = NULL;
        g_autoptr(RvVaultFile) file = NULL;
        g_autoptr(RvSecret) plain = NULL;

        g_assert_true (g_file_get_contents (name, &data, &len, NULL));
        bytes = g_bytes_new_take (g_steal_pointer (&data), len);
        file = rv_vault_file_parse (bytes, name, &error);
        g_assert_no_error (error);
        g_assert_null (rv_vault_file_find_slot (file, RV_VAULT_SLOT_KEYRING));
        plain = rv_vault_file_decrypt_payload (file, old_master, &error);
        g_assert_null (plain);
        g_assert_nonnull (error);
        g_clear_error (&error);
      }
  }

  rv_test_rm_rf (dir);
}

/* A new vault in a new folder, with keyring unlock on; NULL (the test
 * skipped) without a Secret Service. */
static RvVault *
create_keyring_vault (const RvSecret  *password,
                      char           **dir,
                      char           **path)
{
  g_autoptr(GError) error = NULL;
  RvVault *vault;

  if (!rv_test_have_secret_service ())
    {
      g_test_skip ("No Secret Service on the session bus");
      return NULL;
    }
  *dir = rv_test_make_tmpdir ();
  *path = g_build_filename (*dir, "vault.rvault", NULL);
  vault = rv_vault_create (*path, password, &error);
  g_assert_no_error (error);
  g_assert_true (rv_vault_enable_keyring (vault, NULL, &error));
  g_assert_no_error (error);
  return vault;
}

/* The slot is in the file but its key left the keyring (another machine,
 * a reset keyring): a clear error pointing to the password. */
static void
test_key_missing (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RvSecret) password = rv_secret_new_from_string (PASSWORD);
  g_autoptr(RvVault) vault = NULL;
  g_autoptr(RvVault) back = NULL;

  vault = create_keyring_vault (password, &dir, &path);
  if (vault == NULL)
    return;
  g_assert_true (rv_keyring_clear (rv_vault_get_id (vault), NULL, &error));
  g_assert_no_error (error);

  back = rv_vault_open_with_keyring (path, NULL, &error);
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_KEYRING);
  g_assert_nonnull (strstr (error->message, "password"));
  g_clear_error (&error);
  back = rv_vault_open (path, password, &error);
  g_assert_no_error (error);
  rv_test_rm_rf (dir);
}

static void
write_damaged (const char   *path,
               const guint8 *data,
               gsize         len,
               gsize         offset,
               gboolean      fix_checksum)
{
  g_autofree guint8 *copy = g_memdup2 (data, len);
  g_autoptr(GError) error = NULL;

  copy[offset] ^= 0x01;
  if (fix_checksum)
    crypto_generichash (copy + len - RV_VAULT_CHECKSUM_SIZE, RV_VAULT_CHECKSUM_SIZE,
                        copy, len - RV_VAULT_CHECKSUM_SIZE, NULL, 0);
  g_assert_true (g_file_set_contents (path, (const char *) copy, len, &error));
  g_assert_no_error (error);
}

/* The keyring open hashes the file only when a step fails: damage still
 * reads as damage (CORRUPT, "checksum mismatch"), not as a forgery or a
 * keyring problem, wherever it is; a change with the checksum recomputed
 * is TAMPERED, as with the password. */
static void
test_damage (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RvSecret) password = rv_secret_new_from_string (PASSWORD);
  g_autoptr(RvVault) vault = NULL;
  g_autoptr(RvVault) back = NULL;
  gsize len, header_end;

  vault = create_keyring_vault (password, &dir, &path);
  if (vault == NULL)
    return;
  rv_vault_close (vault);
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  header_end = RV_VAULT_PREFIX_SIZE + ((guint8) data[12] | (guint8) data[13] << 8 |
                                       (guint8) data[14] << 16 | (gsize) (guint8) data[15] << 24);

  {
    /* The version, the header, the ciphertext, the tag. */
    const gsize offsets[] = { 9, RV_VAULT_PREFIX_SIZE + 40, header_end + 3,
                              len - RV_VAULT_CHECKSUM_SIZE - 8 };

    for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
      {
        write_damaged (path, (const guint8 *) data, len, offsets[i], FALSE);
        back = rv_vault_open_with_keyring (path, NULL, &error);
        g_assert_null (back);
        g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT);
        g_assert_nonnull (strstr (error->message, "checksum mismatch"));
        g_clear_error (&error);
      }
  }

  write_damaged (path, (const guint8 *) data, len, header_end + 3, TRUE);
  back = rv_vault_open_with_keyring (path, NULL, &error);
  g_assert_null (back);
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_TAMPERED);
  g_clear_error (&error);

  /* Only the checksum's own bytes damaged: the payload authenticates, so
   * the content is intact and opens (a password open refuses it first). */
  write_damaged (path, (const guint8 *) data, len, len - 1, FALSE);
  back = rv_vault_open_with_keyring (path, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&back);
  back = rv_vault_open (path, password, &error);
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT);
  g_clear_error (&error);

  rv_test_rm_rf (dir);
}

static void
on_disabled (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  int *outcome = user_data;
  g_autoptr(GError) error = NULL;

  if (rv_vault_disable_keyring_finish (RV_VAULT (source), result, &error))
    *outcome = 1;
  else
    *outcome = g_error_matches (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD) ? 2 : 3;
}

/* Preferences' way: the derivations in a thread, the vault changed back in
 * the main context; a wrong password changes nothing. */
static void
test_disable_async (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RvSecret) password = rv_secret_new_from_string (PASSWORD);
  g_autoptr(RvSecret) wrong = rv_secret_new_from_string ("not the password");
  g_autoptr(RvVault) vault = NULL;
  g_autoptr(RvVault) back = NULL;
  SecretValue *value;
  int outcome = 0;

  vault = create_keyring_vault (password, &dir, &path);
  if (vault == NULL)
    return;

  rv_vault_disable_keyring_async (vault, wrong, NULL, on_disabled, &outcome);
  while (outcome == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (outcome, ==, 2);
  g_assert_true (rv_vault_get_keyring_enabled (vault));
  g_assert_true (rv_vault_has_keyring_slot_file (path));

  outcome = 0;
  rv_vault_disable_keyring_async (vault, password, NULL, on_disabled, &outcome);
  g_assert_true (rv_vault_get_keyring_enabled (vault));  /* not yet: still deriving */
  while (outcome == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (outcome, ==, 1);
  g_assert_false (rv_vault_get_keyring_enabled (vault));
  g_assert_false (rv_vault_has_keyring_slot_file (path));
  value = keyring_lookup (rv_vault_get_id (vault));
  g_assert_null (value);
  back = rv_vault_open (path, password, &error);
  g_assert_no_error (error);
  rv_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/vault-keyring/enable-open-disable", test_enable_open_disable);
  g_test_add_func ("/vault-keyring/key-missing", test_key_missing);
  g_test_add_func ("/vault-keyring/damage", test_damage);
  g_test_add_func ("/vault-keyring/disable-async", test_disable_async);
  return g_test_run ();
}
