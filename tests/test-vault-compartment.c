/* test-vault-compartment.c: the recovery-code compartment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Enabling, opening and closing it, what works while it is closed, sealed
 * codes on disk, tampering, rotation of its key, disabling it, master-key
 * rotation, backup copies and the merge rules (docs/vault-format.md).
 */
#define _GNU_SOURCE  /* memmem */
#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>

#include "rv-test-util.h"
#include "rv-vault.h"
#include "rv-vault-format.h"
#include "rv-vault-merge.h"

#define VAULT_PASSWORD "vault password"
#define COMPARTMENT_PASSWORD "compartment password"

typedef struct
{
  char    *dir;
  char    *path;
  RvVault *vault;
} Fixture;

static RvSecret *
secret (const char *text)
{
  return rv_secret_new_from_string (text);
}

static RvAccount *
nth (RvVault *vault,
     guint    i)
{
  RvAccount *account = g_list_model_get_item (rv_vault_get_accounts (vault), i);

  g_object_unref (account);  /* borrowed: the vault keeps one */
  return account;
}

static void
add_code (RvAccount  *account,
          const char *text)
{
  g_autoptr(RvSecret) code = secret (text);
  g_autoptr(GError) error = NULL;

  g_assert_true (rv_account_add_recovery_code (account, code, 1000, 0, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RvSecret) password = secret (VAULT_PASSWORD);
  g_autoptr(RvAccount) account = rv_account_new ();
  g_autoptr(GError) error = NULL;

  f->dir = rv_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "vault.rvault", NULL);
  f->vault = rv_vault_create (f->path, password, &error);
  g_assert_no_error (error);
  rv_account_set_issuer (account, "Example");
  rv_account_set_name (account, "alice");
  add_code (account, "1234 5678");
  add_code (account, "badc 0ffe");
  rv_vault_add_account (f->vault, account);
  g_assert_true (rv_vault_save (f->vault, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->vault);
  rv_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static RvVault *
reopen (Fixture *f)
{
  g_autoptr(RvSecret) password = secret (VAULT_PASSWORD);
  g_autoptr(GError) error = NULL;
  RvVault *vault;

  g_clear_object (&f->vault);
  vault = rv_vault_open (f->path, password, &error);
  g_assert_no_error (error);
  f->vault = vault;
  return vault;
}

static void
enable (Fixture   *f,
        RvSecret **paper)
{
  g_autoptr(RvSecret) cpass = secret (COMPARTMENT_PASSWORD);
  g_autoptr(GError) error = NULL;

  g_assert_true (rv_vault_enable_compartment (f->vault, cpass, paper, &error));
  g_assert_no_error (error);
  g_assert_true (rv_vault_get_compartment_enabled (f->vault));
  g_assert_true (rv_vault_get_compartment_open (f->vault));
}

static void
open_compartment (RvVault    *vault,
                  const char *password)
{
  g_autoptr(RvSecret) cpass = secret (password);
  g_autoptr(GError) error = NULL;

  g_assert_true (rv_vault_open_compartment (vault, cpass, NULL, &error));
  g_assert_no_error (error);
}

/* The plaintext is not on disk nor in memory until the compartment opens;
 * counts, marks and saves work while it is closed. */
static void
test_closed (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvSecret) revealed = NULL;
  g_autoptr(RvSecret) extra = secret ("dead beef");
  RvCompartmentStatus status;
  RvAccount *account;
  RvVault *vault;

  enable (f, NULL);
  vault = reopen (f);
  g_assert_true (rv_vault_get_compartment_enabled (vault));
  g_assert_false (rv_vault_get_compartment_open (vault));
  account = nth (vault, 0);
  g_assert_cmpuint (rv_account_get_n_recovery_codes (account), ==, 2);
  g_assert_cmpuint (rv_account_get_n_unused_recovery_codes (account), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_null (rv_account_get_recovery_code (account, i)->code);
      g_assert_nonnull (rv_account_get_recovery_code (account, i)->sealed);
    }
  revealed = rv_vault_reveal_recovery_code (vault, account, 0, &error);
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_COMPARTMENT_LOCKED);
  g_assert_null (revealed);
  g_clear_error (&error);
  g_assert_false (rv_account_add_recovery_code (account, extra, 2000, 0, &error));
  g_assert_error (error, RV_ACCOUNT_ERROR, RV_ACCOUNT_ERROR_CODES_LOCKED);
  g_clear_error (&error);
  g_assert_false (rv_account_use_recovery_code (account, extra, 2000, &error));
  g_assert_error (error, RV_ACCOUNT_ERROR, RV_ACCOUNT_ERROR_CODES_LOCKED);
  g_clear_error (&error);

  rv_vault_get_compartment_status (vault, &status);
  g_assert_true (status.enabled);
  g_assert_false (status.open);
  g_assert_false (status.has_paper_key);
  g_assert_cmpuint (status.n_codes, ==, 2);
  g_assert_cmpuint (status.kdf.memlimit, >, 0);

  /* Marked used and saved with it closed: the sealed codes are kept. */
  g_assert_true (rv_account_mark_recovery_code_used (account, 1, 5000, &error));
  g_assert_true (rv_vault_save (vault, &error));
  g_assert_no_error (error);
  vault = reopen (f);
  account = nth (vault, 0);
  g_assert_cmpuint (rv_account_get_n_unused_recovery_codes (account), ==, 1);
  open_compartment (vault, COMPARTMENT_PASSWORD);
  g_assert_cmpstr (rv_secret_get_string (rv_account_get_recovery_code (account, 0)->code), ==,
                   "1234 5678");
  g_assert_cmpstr (rv_secret_get_string (rv_account_get_recovery_code (account, 1)->code), ==,
                   "badc 0ffe");
  revealed = rv_vault_reveal_recovery_code (vault, account, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rv_secret_get_string (revealed), ==, "badc 0ffe");

  rv_vault_close_compartment (vault);
  g_assert_false (rv_vault_get_compartment_open (vault));
  g_assert_null (rv_account_get_recovery_code (account, 0)->code);
}

static void
test_wrong_password (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RvSecret) wrong = secret ("not it");
  g_autoptr(RvSecret) vault_password = secret (VAULT_PASSWORD);
  g_autoptr(GError) error = NULL;
  RvVault *vault;

  enable (f, NULL);
  vault = reopen (f);
  g_assert_false (rv_vault_open_compartment (vault, wrong, NULL, &error));
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  /* The vault's own password is not the compartment's. */
  g_assert_false (rv_vault_open_compartment (vault, vault_password, NULL, &error));
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD);
  g_assert_false (rv_vault_get_compartment_open (vault));
  g_assert_null (rv_account_get_recovery_code (nth (vault, 0), 0)->code);
}

static void
test_paper_key (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RvSecret) paper = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = NULL;
  RvCompartmentStatus status;
  RvVault *vault;
  const char *text;

  enable (f, &paper);
  text = rv_secret_get_string (paper);
  /* 26 base32 characters in groups of 4. */
  g_assert_cmpuint (strlen (text), ==, 26 + 6);
  for (guint i = 0; text[i] != '\0'; i++)
    if (i % 5 == 4)
      g_assert_cmpint (text[i], ==, ' ');
    else
      g_assert_true (g_ascii_isupper (text[i]) || (text[i] >= '2' && text[i] <= '7'));
  vault = reopen (f);
  rv_vault_get_compartment_status (vault, &status);
  g_assert_true (status.has_paper_key);
  open_compartment (vault, text);
  rv_vault_close_compartment (vault);
  /* Typed without spaces, in lower case. */
  plain = g_ascii_strdown (text, -1);
  g_strdelimit (plain, " ", '-');
  open_compartment (vault, plain);
  g_assert_nonnull (rv_account_get_recovery_code (nth (vault, 0), 0)->code);
}

/* A code added while open is sealed on save. */
static void
test_add_while_open (Fixture       *f,
                     gconstpointer  data)
{
  RvVault *vault;
  g_autoptr(GError) error = NULL;

  enable (f, NULL);
  add_code (nth (f->vault, 0), "cafe f00d");
  g_assert_true (rv_vault_save (f->vault, &error));
  g_assert_no_error (error);
  vault = reopen (f);
  g_assert_cmpuint (rv_account_get_n_recovery_codes (nth (vault, 0)), ==, 3);
  g_assert_nonnull (rv_account_get_recovery_code (nth (vault, 0), 2)->sealed);
  open_compartment (vault, COMPARTMENT_PASSWORD);
  g_assert_cmpstr (rv_secret_get_string (rv_account_get_recovery_code (nth (vault, 0), 2)->code),
                   ==, "cafe f00d");
}

/* An account brought in with plain codes while the compartment is closed
 * cannot be saved until it is opened. */
static void
test_pending_locked (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RvAccount) imported = rv_account_new ();
  g_autoptr(GError) error = NULL;
  RvVault *vault;

  enable (f, NULL);
  vault = reopen (f);
  rv_account_set_issuer (imported, "Imported");
  add_code (imported, "0000 1111");
  rv_vault_add_account (vault, imported);
  g_assert_false (rv_vault_save (vault, &error));
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_COMPARTMENT_LOCKED);
  g_assert_nonnull (strstr (error->message, "Imported"));
  g_clear_error (&error);
  open_compartment (vault, COMPARTMENT_PASSWORD);
  g_assert_true (rv_vault_save (vault, &error));
  g_assert_no_error (error);
  vault = reopen (f);
  g_assert_nonnull (rv_account_get_recovery_code (nth (vault, 1), 0)->sealed);
}

/* A sealed code altered (with the master key, so the payload authenticates)
 * is TAMPERED naming its account; nothing stays decrypted. */
static void
test_tampered_code (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvSecret) cpass = secret (COMPARTMENT_PASSWORD);
  g_autoptr(GBytes) bad = NULL;
  RvAccount *account;
  RvVault *vault;
  gconstpointer bytes;
  guint8 *copy;
  gsize len;

  enable (f, NULL);
  rv_vault_close_compartment (f->vault);
  account = nth (f->vault, 0);
  bytes = g_bytes_get_data (rv_account_get_recovery_code (account, 1)->sealed, &len);
  copy = g_memdup2 (bytes, len);
  copy[len - 1] ^= 0x01;
  bad = g_bytes_new_take (copy, len);
  rv_account_set_recovery_code_sealed (account, 1, bad);
  g_assert_true (rv_vault_save (f->vault, &error));
  g_assert_no_error (error);

  vault = reopen (f);
  g_assert_false (rv_vault_open_compartment (vault, cpass, NULL, &error));
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_TAMPERED);
  g_assert_nonnull (strstr (error->message, "Example (alice)"));
  g_assert_false (rv_vault_get_compartment_open (vault));
  for (guint i = 0; i < 2; i++)
    g_assert_null (rv_account_get_recovery_code (nth (vault, 0), i)->code);
}

/* The compartment's header (its id, its slots) is authenticated with the
 * payload: changing it, even with the checksum recomputed, is TAMPERED. */
static void
test_tampered_slot (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RvSecret) password = secret (VAULT_PASSWORD);
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVault) opened = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *id = NULL;
  char *at;
  gsize len;

  enable (f, NULL);
  id = g_strdup (rv_vault_get_compartment_id (f->vault));
  g_clear_object (&f->vault);
  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  at = memmem (contents, len, id, strlen (id));
  g_assert_nonnull (at);
  at[0] = at[0] == 'a' ? 'b' : 'a';   /* still a valid uuid */
  crypto_generichash ((guint8 *) contents + len - 32, 32, (guint8 *) contents, len - 32,
                      NULL, 0);
  g_assert_true (g_file_set_contents (f->path, contents, len, NULL));
  opened = rv_vault_open (f->path, password, &error);
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_TAMPERED);
  g_assert_null (opened);
}

/* A new password: a new key and id, every code sealed again; the old
 * password and paper key open nothing. */
static void
test_change_password (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RvSecret) old_paper = NULL;
  g_autoptr(RvSecret) new_paper = NULL;
  g_autoptr(RvSecret) oldpass = secret (COMPARTMENT_PASSWORD);
  g_autoptr(RvSecret) newpass = secret ("new compartment password");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) old_sealed = g_ptr_array_new_with_free_func (
    (GDestroyNotify) g_bytes_unref);
  g_autofree char *old_id = NULL;
  RvAccount *account;
  RvVault *vault;

  enable (f, &old_paper);
  old_id = g_strdup (rv_vault_get_compartment_id (f->vault));
  account = nth (f->vault, 0);
  for (guint i = 0; i < 2; i++)
    g_ptr_array_add (old_sealed, g_bytes_ref (rv_account_get_recovery_code (account, i)->sealed));
  g_assert_false (rv_vault_change_compartment_password (f->vault, newpass, newpass, NULL,
                                                        &error));
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  g_assert_true (rv_vault_change_compartment_password (f->vault, oldpass, newpass, &new_paper,
                                                       &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rv_vault_get_compartment_id (f->vault), !=, old_id);

  vault = reopen (f);
  account = nth (vault, 0);
  for (guint i = 0; i < 2; i++)
    g_assert_false (g_bytes_equal (old_sealed->pdata[i],
                                   rv_account_get_recovery_code (account, i)->sealed));
  g_assert_false (rv_vault_open_compartment (vault, oldpass, NULL, &error));
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  g_assert_false (rv_vault_open_compartment (vault, old_paper, NULL, &error));
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  open_compartment (vault, rv_secret_get_string (new_paper));
  rv_vault_close_compartment (vault);
  open_compartment (vault, "new compartment password");
  g_assert_cmpstr (rv_secret_get_string (rv_account_get_recovery_code (account, 0)->code), ==,
                   "1234 5678");
}

static void
test_disable (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RvSecret) wrong = secret ("not it");
  g_autoptr(RvSecret) cpass = secret (COMPARTMENT_PASSWORD);
  g_autoptr(GError) error = NULL;
  RvVault *vault;

  enable (f, NULL);
  vault = reopen (f);
  g_assert_false (rv_vault_disable_compartment (vault, wrong, &error));
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  g_assert_true (rv_vault_get_compartment_enabled (vault));
  g_assert_true (rv_vault_disable_compartment (vault, cpass, &error));
  g_assert_no_error (error);
  vault = reopen (f);
  g_assert_false (rv_vault_get_compartment_enabled (vault));
  g_assert_null (rv_account_get_recovery_code (nth (vault, 0), 0)->sealed);
  g_assert_cmpstr (rv_secret_get_string (rv_account_get_recovery_code (nth (vault, 0), 0)->code),
                   ==, "1234 5678");
  add_code (nth (vault, 0), "cafe f00d");
}

/* Master-key rotation re-encrypts the payload; sealed codes stay sealed
 * under the compartment's key. A backup copy keeps the compartment. */
static void
test_master_rotation_and_copy (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(RvSecret) password = secret (VAULT_PASSWORD);
  g_autoptr(RvSecret) newpass = secret ("new vault password");
  g_autoptr(RvSecret) backup_password = secret ("backup password");
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVault) copy = NULL;
  g_autofree char *copy_path = g_build_filename (f->dir, "backup.rvault", NULL);
  g_autoptr(GBytes) sealed = NULL;

  enable (f, NULL);
  rv_vault_close_compartment (f->vault);
  sealed = g_bytes_ref (rv_account_get_recovery_code (nth (f->vault, 0), 0)->sealed);
  g_assert_true (rv_vault_change_password (f->vault, password, newpass, &error));
  g_assert_no_error (error);
  g_clear_object (&f->vault);
  f->vault = rv_vault_open (f->path, newpass, &error);
  g_assert_no_error (error);
  g_assert_false (rv_vault_get_compartment_open (f->vault));
  g_assert_true (g_bytes_equal (sealed, rv_account_get_recovery_code (nth (f->vault, 0), 0)->sealed));
  open_compartment (f->vault, COMPARTMENT_PASSWORD);

  rv_vault_close_compartment (f->vault);
  g_assert_true (rv_vault_save_copy (f->vault, copy_path, backup_password, &error));
  g_assert_no_error (error);
  copy = rv_vault_open (copy_path, backup_password, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rv_vault_get_id (copy), !=, rv_vault_get_id (f->vault));
  g_assert_false (rv_vault_get_compartment_open (copy));
  open_compartment (copy, COMPARTMENT_PASSWORD);
  g_assert_cmpstr (rv_secret_get_string (rv_account_get_recovery_code (nth (copy, 0), 1)->code),
                   ==, "badc 0ffe");
}

/* Merging: one compartment on both sides merges codes as a union by id;
 * compartments that differ are refused (docs/sync.md). */
static void
test_merge (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(RvVault) a = NULL;
  g_autoptr(RvVault) b = NULL;
  g_autoptr(RvVault) plain = NULL;
  g_autoptr(RvVault) other = NULL;
  g_autoptr(RvSecret) cpass = secret (COMPARTMENT_PASSWORD);
  g_autoptr(GError) error = NULL;

  g_autofree char *twin_path = g_build_filename (f->dir, "twin.rvault", NULL);
  g_autoptr(RvSecret) vpass = secret (VAULT_PASSWORD);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (twin_path, contents, len, NULL));
  plain = rv_vault_snapshot (f->vault, &error);
  g_assert_no_error (error);
  enable (f, NULL);
  a = rv_vault_snapshot (f->vault, &error);
  g_assert_no_error (error);
  rv_vault_close_compartment (f->vault);
  b = rv_vault_snapshot (f->vault, &error);
  g_assert_no_error (error);

  /* Same compartment: a code added on one side reaches the other, sealed. */
  g_assert_true (rv_vault_get_compartment_open (a));
  g_assert_false (rv_vault_get_compartment_open (b));
  add_code (nth (a, 0), "cafe f00d");
  {
    g_autofree char *copy_path = g_build_filename (f->dir, "a.rvault", NULL);

    g_assert_true (rv_vault_save_copy (a, copy_path, cpass, &error));
  }
  g_assert_no_error (error);
  g_assert_true (rv_vault_merge (b, a, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rv_account_get_n_recovery_codes (nth (b, 0)), ==, 3);
  g_assert_nonnull (rv_account_get_recovery_code (nth (b, 0), 2)->sealed);
  g_assert_null (rv_account_get_recovery_code (nth (b, 0), 2)->code);
  open_compartment (b, COMPARTMENT_PASSWORD);
  g_assert_cmpstr (rv_secret_get_string (rv_account_get_recovery_code (nth (b, 0), 2)->code), ==,
                   "cafe f00d");

  /* On in one copy only: the copy without it cannot take sealed codes. */
  g_assert_false (rv_vault_merge (plain, a, NULL, &error));
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_COMPARTMENT_CONFLICT);
  g_assert_nonnull (strstr (error->message, rv_vault_get_compartment_id (a)));
  g_clear_error (&error);
  g_assert_cmpuint (rv_account_get_n_recovery_codes (nth (plain, 0)), ==, 2);
  /* The other way, with the compartment open, the plain codes are sealed. */
  add_code (nth (plain, 0), "0000 1111");
  rv_vault_close_compartment (b);
  g_assert_false (rv_vault_merge (b, plain, NULL, &error));
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_COMPARTMENT_LOCKED);
  g_clear_error (&error);
  open_compartment (b, COMPARTMENT_PASSWORD);
  g_assert_true (rv_vault_merge (b, plain, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rv_account_get_n_recovery_codes (nth (b, 0)), ==, 4);

  /* Enabled twice, separately: two keys; refused, nothing lost. */
  other = rv_vault_open (twin_path, vpass, &error);
  g_assert_no_error (error);
  g_assert_true (rv_vault_enable_compartment (other, cpass, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (rv_vault_merge (b, other, NULL, &error));
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_COMPARTMENT_CONFLICT);
  g_assert_cmpuint (rv_account_get_n_recovery_codes (nth (b, 0)), ==, 4);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/vault-compartment/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("closed", test_closed);
  ADD ("wrong-password", test_wrong_password);
  ADD ("paper-key", test_paper_key);
  ADD ("add-while-open", test_add_while_open);
  ADD ("pending-locked", test_pending_locked);
  ADD ("tampered-code", test_tampered_code);
  ADD ("tampered-slot", test_tampered_slot);
  ADD ("change-password", test_change_password);
  ADD ("disable", test_disable);
  ADD ("master-rotation-and-copy", test_master_rotation_and_copy);
  ADD ("merge", test_merge);
  return g_test_run ();
}
