/* test-vault-damage.c: every kind of damage gets its own, right error
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <sodium.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "rv-test-util.h"
#include "rv-vault.h"
#include "rv-vault-format.h"

static char *dir;
static char *vault_path;
static RvSecret *password;
static guint8 *original;
static gsize original_len;
static gsize header_end;
static guint n_files_before;

static guint
count_files (void)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (listing) != NULL)
    n++;
  return n;
}

static void
make_vault (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVault) vault = NULL;
  g_autoptr(RvAccount) account = rv_account_new ();
  g_autoptr(RvSecret) secret = rv_secret_new_from_string ("12345678901234567890");
  g_autoptr(RvSecret) code = rv_secret_new_from_string ("1111-2222");
  RvKdfParams kdf;

  rv_kdf_params_interactive (&kdf);
  vault = rv_vault_create_full (vault_path, password, &kdf, &error);
  g_assert_no_error (error);
  rv_account_set_issuer (account, "PyPI");
  rv_account_set_kind (account, RV_OTP_KIND_TOTP);
  rv_account_set_secret (account, secret);
  g_assert_true (rv_account_add_recovery_code (account, code, 1, 0, NULL));
  rv_vault_add_account (vault, account);
  g_assert_true (rv_vault_save (vault, &error));
  g_assert_no_error (error);
  rv_vault_close (vault);

  g_assert_true (g_file_get_contents (vault_path, (char **) &original, &original_len, NULL));
  header_end = RV_VAULT_PREFIX_SIZE + (original[12] | original[13] << 8 |
                                       original[14] << 16 | (gsize) original[15] << 24);
  g_assert_cmpuint (header_end, <, original_len);
  n_files_before = count_files ();
}

static void
write_file (const guint8 *data,
            gsize         len)
{
  /* In place, without fsync (g_file_set_contents() syncs) and without
   * truncating to zero (ext4 then flushes on close): the test rewrites the
   * file thousands of times. */
  int fd = open (vault_path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, data, len, 0), ==, (gssize) len);
  g_assert_cmpint (ftruncate (fd, len), ==, 0);
  g_assert_cmpint (close (fd), ==, 0);
}

/* Parsing with the checksum deferred (the keyring open), then checking it
 * as the open does when a step fails, reports what the eager parse does. */
static void
assert_deferred_agrees (const guint8 *data,
                        gsize         len,
                        const char   *what)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, len);
  g_autoptr(GError) eager_error = NULL;
  g_autoptr(GError) deferred_error = NULL;
  g_autoptr(RvVaultFile) eager = rv_vault_file_parse (bytes, "x", &eager_error);
  g_autoptr(RvVaultFile) deferred = rv_vault_file_parse_full (bytes, "x", TRUE, &deferred_error);

  if (deferred != NULL)
    {
      g_assert_false (deferred->checksum_checked);
      rv_vault_file_check_checksum (deferred, &deferred_error);
    }
  if (eager == NULL)
    {
      if (deferred_error == NULL)
        g_error ("%s: the deferred parse accepts what the eager one refuses (%s)", what,
                 eager_error->message);
      g_assert_cmpint (deferred_error->code, ==, eager_error->code);
      g_assert_cmpstr (deferred_error->message, ==, eager_error->message);
    }
  else
    {
      g_assert_no_error (deferred_error);
      g_assert_true (eager->checksum_checked && deferred->checksum_checked);
    }
}

/* Opens the file (with the right password); asserts the error, and that
 * the open changed nothing on disk. The parse the keyring open makes
 * agrees. */
static void
assert_open_fails (const guint8 *data,
                   gsize         len,
                   gint          code,
                   gint          other_code,
                   const char   *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVault) vault = NULL;
  g_autofree char *after = NULL;
  gsize after_len;

  assert_deferred_agrees (data, len, what);
  write_file (data, len);
  vault = rv_vault_open (vault_path, password, &error);
  g_assert_null (vault);
  if (error == NULL || error->domain != RV_VAULT_ERROR ||
      (error->code != code && error->code != other_code))
    g_error ("%s: expected error %d (or %d), got %s (%d)", what, code, other_code,
             error ? error->message : "success", error ? error->code : -1);
  g_assert_nonnull (strstr (error->message, vault_path));

  g_assert_true (g_file_get_contents (vault_path, &after, &after_len, NULL));
  g_assert_cmpmem (after, after_len, data, len);
  g_assert_cmpuint (count_files (), ==, n_files_before);
}

static void
recompute_checksum (guint8 *data,
                    gsize   len)
{
  crypto_generichash (data + len - RV_VAULT_CHECKSUM_SIZE, RV_VAULT_CHECKSUM_SIZE,
                      data, len - RV_VAULT_CHECKSUM_SIZE, NULL, 0);
}

static void
test_intact_opens (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVault) vault = NULL;

  write_file (original, original_len);
  vault = rv_vault_open (vault_path, password, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rv_vault_get_accounts (vault)), ==, 1);
}

static void
test_every_byte_flip (void)
{
  static const guint8 masks[] = { 0x01, 0x80, 0xff };
  g_autofree guint8 *data = g_memdup2 (original, original_len);

  for (gsize offset = 0; offset < original_len; offset++)
    for (guint m = 0; m < G_N_ELEMENTS (masks); m++)
      {
        g_autofree char *what = g_strdup_printf ("flip 0x%02x at %" G_GSIZE_FORMAT, masks[m], offset);

        data[offset] ^= masks[m];
        if (offset < RV_VAULT_MAGIC_SIZE)
          assert_open_fails (data, original_len, RV_VAULT_ERROR_NOT_A_VAULT, -1, what);
        else if (offset >= 12 && offset < RV_VAULT_PREFIX_SIZE)
          assert_open_fails (data, original_len, RV_VAULT_ERROR_TRUNCATED,
                             RV_VAULT_ERROR_CORRUPT, what);
        else
          assert_open_fails (data, original_len, RV_VAULT_ERROR_CORRUPT, -1, what);
        data[offset] ^= masks[m];
      }
  g_test_message ("%" G_GSIZE_FORMAT " bytes flipped 3 ways", original_len);
}

static void
test_truncation (void)
{
  for (gsize len = 0; len < original_len; len += (len <= header_end + 64 ? 1 : 13))
    {
      g_autofree char *what = g_strdup_printf ("truncated to %" G_GSIZE_FORMAT, len);

      assert_open_fails (original, len, RV_VAULT_ERROR_TRUNCATED, -1, what);
    }
  assert_open_fails (original, original_len - 1, RV_VAULT_ERROR_TRUNCATED, -1, "one byte short");
}

static void
test_extra_bytes (void)
{
  g_autofree guint8 *data = g_malloc (original_len + 1);

  memcpy (data, original, original_len);
  data[original_len] = 0;
  assert_open_fails (data, original_len + 1, RV_VAULT_ERROR_CORRUPT, -1, "one byte more");
}

static void
test_not_a_vault (void)
{
  const char *text = "otpauth://totp/x?secret=AAAA\n";

  assert_open_fails ((const guint8 *) text, strlen (text), RV_VAULT_ERROR_NOT_A_VAULT, -1, "text");
  assert_open_fails ((const guint8 *) "", 0, RV_VAULT_ERROR_TRUNCATED, -1, "empty");
}

static void
test_forged_payload (void)
{
  g_autofree guint8 *data = g_memdup2 (original, original_len);

  /* Someone changed the ciphertext and fixed up the checksum: the password
   * is right, so only the authentication tag can catch it. */
  data[header_end + 3] ^= 0x01;
  recompute_checksum (data, original_len);
  assert_open_fails (data, original_len, RV_VAULT_ERROR_TAMPERED, -1, "forged payload");

  /* The header is authenticated too: here its payload nonce. */
  {
    g_autoptr(GBytes) bytes = g_bytes_new (original, original_len);
    g_autoptr(RvVaultFile) file = rv_vault_file_parse (bytes, "x", NULL);
    guint8 *nonce;

    memcpy (data, original, original_len);
    nonce = memmem (data, header_end, file->payload_nonce, RV_VAULT_NONCE_SIZE);
    g_assert_nonnull (nonce);
    nonce[5] ^= 0x10;
    recompute_checksum (data, original_len);
    assert_open_fails (data, original_len, RV_VAULT_ERROR_TAMPERED, -1, "forged header");
  }
}

static void
test_forged_version (void)
{
  g_autofree guint8 *data = g_memdup2 (original, original_len);

  data[8] = 3;
  recompute_checksum (data, original_len);
  assert_open_fails (data, original_len, RV_VAULT_ERROR_UNSUPPORTED_VERSION, -1, "version 3");
  data[8] = 0;
  recompute_checksum (data, original_len);
  assert_open_fails (data, original_len, RV_VAULT_ERROR_CORRUPT, -1, "version 0");
  data[8] = 2;
  data[10] = 1;
  recompute_checksum (data, original_len);
  assert_open_fails (data, original_len, RV_VAULT_ERROR_UNSUPPORTED_VERSION, -1, "flags");
}

static void
test_forged_header (void)
{
  g_autofree guint8 *data = g_memdup2 (original, original_len);

  memset (data + RV_VAULT_PREFIX_SIZE, 0xaa, header_end - RV_VAULT_PREFIX_SIZE);
  recompute_checksum (data, original_len);
  assert_open_fails (data, original_len, RV_VAULT_ERROR_CORRUPT, -1, "garbage header");
}

/* A header asking for an absurd key derivation is refused before deriving. */
static void
test_absurd_kdf (void)
{
  g_autoptr(GArray) slots = g_array_new (FALSE, TRUE, sizeof (RvVaultSlot));
  g_autoptr(RvSecret) master = rv_vault_new_master_key ();
  g_autoptr(RvSecret) plaintext = rv_secret_new_from_string ("");
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *id = g_uuid_string_random ();
  RvVaultSlot slot = { 0 };
  gsize len;
  const guint8 *data;

  slot.type = RV_VAULT_SLOT_PASSWORD;
  slot.kdf.opslimit = 3;
  slot.kdf.memlimit = G_GUINT64_CONSTANT (1) << 42;
  slot.kdf.alg = crypto_pwhash_ALG_ARGON2ID13;
  g_array_append_val (slots, slot);
  bytes = rv_vault_file_build (id, slots, master, plaintext);
  data = g_bytes_get_data (bytes, &len);
  assert_open_fails (data, len, RV_VAULT_ERROR_CORRUPT, -1, "absurd memlimit");
}

/* A header asking more than this app ever chooses (64 passes, 1 GiB) is
 * refused at once, as altered, without deriving anything. */
static void
test_costly_kdf (void)
{
  static const struct { guint64 ops; guint64 mem; } cases[] = {
    { 1000, G_GUINT64_CONSTANT (4) << 30 },
    { 65, G_GUINT64_CONSTANT (64) << 20 },
    { 2, G_GUINT64_CONSTANT (2) << 30 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) slots = g_array_new (FALSE, TRUE, sizeof (RvVaultSlot));
      g_autoptr(RvSecret) master = rv_vault_new_master_key ();
      g_autoptr(RvSecret) plaintext = rv_secret_new_from_string ("");
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(RvVault) vault = NULL;
      g_autofree char *id = g_uuid_string_random ();
      RvVaultSlot slot = { 0 };

      slot.type = RV_VAULT_SLOT_PASSWORD;
      slot.kdf.opslimit = cases[i].ops;
      slot.kdf.memlimit = cases[i].mem;
      slot.kdf.alg = crypto_pwhash_ALG_ARGON2ID13;
      g_array_append_val (slots, slot);
      bytes = rv_vault_file_build (id, slots, master, plaintext);
      write_file (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      vault = rv_vault_open (vault_path, password, &error);
      g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT);
      g_assert_nonnull (strstr (error->message, "looks altered"));
    }
}

/* A slot altered within range (here its salt) fails like a wrong password;
 * when the previous generation opens with the same password, the error says
 * the file looks altered and points at that copy. */
static void
test_forged_slot (void)
{
  g_autofree guint8 *data = g_memdup2 (original, original_len);
  g_autofree char *prev = g_strconcat (vault_path, ".prev", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new (original, original_len);
  g_autoptr(RvVaultFile) file = rv_vault_file_parse (bytes, "x", NULL);
  const RvVaultSlot *slot = rv_vault_file_find_slot (file, RV_VAULT_SLOT_PASSWORD);
  g_autoptr(RvSecret) wrong = rv_secret_new_from_string ("wrong");
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVault) vault = NULL;
  guint8 *salt;

  g_assert_true (g_file_test (prev, G_FILE_TEST_IS_REGULAR));
  salt = memmem (data, header_end, slot->salt, RV_KDF_SALT_BYTES);
  g_assert_nonnull (salt);
  salt[0] ^= 0x01;
  recompute_checksum (data, original_len);
  write_file (data, original_len);

  vault = rv_vault_open (vault_path, password, &error);
  g_assert_null (vault);
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_TAMPERED);
  g_assert_nonnull (strstr (error->message, "looks altered"));
  g_assert_nonnull (strstr (error->message, prev));
  g_assert_null (strstr (error->message, "password is wrong"));
  g_clear_error (&error);

  /* A wrong password opens neither: it is still just wrong. */
  vault = rv_vault_open (vault_path, wrong, &error);
  g_assert_null (vault);
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD);
}

static void
test_wrong_password_leaves_file (void)
{
  g_autoptr(RvSecret) wrong = rv_secret_new_from_string ("wrong");
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVault) vault = NULL;
  g_autofree char *after = NULL;
  gsize after_len;

  write_file (original, original_len);
  vault = rv_vault_open (vault_path, wrong, &error);
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD);
  g_assert_true (g_file_get_contents (vault_path, &after, &after_len, NULL));
  g_assert_cmpmem (after, after_len, original, original_len);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  dir = rv_test_make_tmpdir ();
  vault_path = g_build_filename (dir, "vault.rvault", NULL);
  password = rv_secret_new_from_string ("password");
  make_vault ();

  g_test_add_func ("/vault-damage/intact", test_intact_opens);
  g_test_add_func ("/vault-damage/every-byte-flip", test_every_byte_flip);
  g_test_add_func ("/vault-damage/truncation", test_truncation);
  g_test_add_func ("/vault-damage/extra-bytes", test_extra_bytes);
  g_test_add_func ("/vault-damage/not-a-vault", test_not_a_vault);
  g_test_add_func ("/vault-damage/forged-payload", test_forged_payload);
  g_test_add_func ("/vault-damage/forged-version", test_forged_version);
  g_test_add_func ("/vault-damage/forged-header", test_forged_header);
  g_test_add_func ("/vault-damage/absurd-kdf", test_absurd_kdf);
  g_test_add_func ("/vault-damage/costly-kdf", test_costly_kdf);
  g_test_add_func ("/vault-damage/wrong-password", test_wrong_password_leaves_file);
  g_test_add_func ("/vault-damage/forged-slot", test_forged_slot);
  status = g_test_run ();

  rv_test_rm_rf (dir);
  g_free (dir);
  g_free (vault_path);
  g_free (original);
  rv_secret_free (password);
  return status;
}
