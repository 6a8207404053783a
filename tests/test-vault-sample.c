/* test-vault-sample.c: the committed sample vault still opens, exactly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/data/sample-v1.rvault was written once by this program
 * (`test-vault-sample --generate PATH`) and committed. Every later version
 * must open it: never regenerate it to make this test pass.
 */
#include <string.h>

#include "rv-test-util.h"
#include "rv-vault.h"
#include "rv-vault-format.h"
#include "rv-vault-payload.h"
#include "rv-vault-merge.h"

#define SAMPLE_PASSWORD "sample vault v1 — pässword"

static RvAccount *
make_account (const char     *id,
              const char     *issuer,
              const char     *name,
              RvOtpKind       kind,
              const char     *secret_text,
              gint64          created)
{
  RvAccount *account = rv_account_new ();

  rv_account_set_id (account, id);
  rv_account_set_issuer (account, issuer);
  rv_account_set_name (account, name);
  rv_account_set_kind (account, kind);
  if (secret_text != NULL)
    {
      g_autoptr(RvSecret) secret = rv_secret_new_from_string (secret_text);

      rv_account_set_secret (account, secret);
    }
  rv_account_set_created (account, created);
  return account;
}

static void
add_code (RvAccount  *account,
          const char *text,
          gint64      added_at,
          gint64      used_at)
{
  g_autoptr(RvSecret) code = rv_secret_new_from_string (text);

  g_assert_true (rv_account_add_recovery_code (account, code, added_at, used_at, NULL));
}

static RvVault *
build_sample (const char        *path,
              const char        *password_text,
              const RvKdfParams *kdf)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvSecret) password = rv_secret_new_from_string (password_text);
  g_autoptr(RvVault) vault = NULL;
  g_autoptr(RvAccount) pypi = NULL;
  g_autoptr(RvAccount) hotp = NULL;
  g_autoptr(RvAccount) steam = NULL;
  g_autoptr(RvAccount) bank = NULL;
  const char *tags[] = { "python", "work", NULL };
  RvRequestRecord *request;
  RvBackupState *backup;

  vault = rv_vault_create_full (path, password, kdf, &error);
  g_assert_no_error (error);

  pypi = make_account ("5b0e3c0e-2d1f-4a57-9d51-6f1c1a7e0001", "PyPI", "alice",
                       RV_OTP_KIND_TOTP, "12345678901234567890", 1700000000);
  rv_account_set_digits (pypi, 8);
  rv_account_set_email (pypi, "alice@example.org");
  rv_account_set_url (pypi, "https://pypi.org/account/login/");
  rv_account_set_notes (pypi, "Main publishing account.\nSecond line: ünïcödé.");
  rv_account_set_tags (pypi, tags);
  add_code (pypi, "a1b2c3d4e5f6a7b8", 1700000100, 0);
  add_code (pypi, "0f1e2d3c4b5a6978", 1700000100, 1700500000);
  rv_account_set_recovery_issued_at (pypi, 1700000100);
  rv_account_set_recovery_expected_count (pypi, 8);
  rv_account_set_recovery_checked_at (pypi, 1700600000);

  hotp = make_account ("5b0e3c0e-2d1f-4a57-9d51-6f1c1a7e0002", "Example HOTP", "bob",
                       RV_OTP_KIND_HOTP, "12345678901234567890123456789012", 1700000200);
  rv_account_set_algorithm (hotp, RV_OTP_ALGORITHM_SHA256);
  rv_account_set_counter (hotp, 42);

  steam = make_account ("5b0e3c0e-2d1f-4a57-9d51-6f1c1a7e0003", "Steam", "gamer",
                        RV_OTP_KIND_STEAM, "steam-secret-bytes!!", 1700000300);
  rv_account_set_digits (steam, 5);
  rv_account_set_algorithm (steam, RV_OTP_ALGORITHM_SHA1);

  bank = make_account ("5b0e3c0e-2d1f-4a57-9d51-6f1c1a7e0004", "Bank", NULL,
                       RV_OTP_KIND_NONE, NULL, 1700000400);
  add_code (bank, "QWER-TYUI-OPAS", 1700000400, 0);

  rv_vault_add_account (vault, pypi);
  rv_vault_add_account (vault, hotp);
  rv_vault_add_account (vault, steam);
  rv_vault_add_account (vault, bank);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (rv_vault_get_accounts (vault), i);

      rv_account_set_updated (account, 1700700000 + i);
    }

  request = rv_request_record_new ();
  g_free (request->id);
  request->id = g_strdup ("5b0e3c0e-2d1f-4a57-9d51-6f1c1a7e0101");
  request->account_id = g_strdup ("5b0e3c0e-2d1f-4a57-9d51-6f1c1a7e0001");
  request->service_name = g_strdup ("PyPI");
  request->provider_id = g_strdup ("pypi");
  request->draft = g_strdup ("I lost access to my second factor.");
  request->created_at = 1700800000;
  request->submitted_at = 1700800100;
  request->status = RV_REQUEST_STATUS_SUBMITTED;
  request->ticket_url = g_strdup ("https://github.com/pypi/support/issues/9999");
  request->follow_up_at = 1701400000;
  rv_vault_add_request (vault, request);

  backup = rv_vault_get_backup_state (vault);
  backup->changed_at = 1700900000;
  backup->exported_at = 1700900100;
  backup->export_path = g_strdup ("/media/usb/recovery-vault-backup.rvault");
  backup->verified_at = 1700900200;
  backup->password_entered_at = 1700900300;

  if (!rv_vault_save (vault, &error))
    g_error ("%s", error->message);
  return g_steal_pointer (&vault);
}

static int
generate (const char *path)
{
  g_autoptr(RvVault) vault = NULL;
  RvKdfParams kdf;

  rv_kdf_params_interactive (&kdf);
  vault = build_sample (path, SAMPLE_PASSWORD, &kdf);
  return 0;
}

static void
write_seed (const char   *dir,
            const char   *name,
            guint8        mode,
            const guint8 *data,
            gsize         size)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree guint8 *contents = g_malloc (size + 1);
  g_autoptr(GError) error = NULL;

  contents[0] = mode;
  memcpy (contents + 1, data, size);
  g_file_set_contents (path, (const char *) contents, size + 1, &error);
  g_assert_no_error (error);
}

/* Seeds for tests/fuzz/fuzz-vault.c: see its header for the modes. */
static int
write_fuzz_corpus (const char *dir)
{
  g_autofree char *tmp = rv_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (tmp, "fuzz.rvault", NULL);
  RvKdfParams cheap = { 1, 8192, 2 /* crypto_pwhash_ALG_ARGON2ID13 */ };
  g_autoptr(RvVault) vault = build_sample (path, "fuzz", &cheap);
  g_autoptr(GPtrArray) no_requests = g_ptr_array_new ();
  g_autoptr(GListStore) no_accounts = g_list_store_new (RV_TYPE_ACCOUNT);
  RvBackupState no_backup = { 0 };
  g_autoptr(RvSecret) payload = NULL;
  g_autoptr(RvSecret) empty = NULL;
  g_autofree char *file = NULL;
  gsize size;

  g_assert_true (g_file_get_contents (path, &file, &size, NULL));
  write_seed (dir, "file-sample", 0, (const guint8 *) file, size);
  write_seed (dir, "file-sample-fixed-checksum", 2, (const guint8 *) file, size);

  payload = rv_vault_payload_serialize (rv_vault_get_accounts (vault),
                                        rv_vault_get_backup_state (vault),
                                        rv_vault_get_requests (vault));

  /* A file with a keyring slot too, put together from the format's parts. */
  {
    g_autoptr(RvSecret) master = rv_vault_new_master_key ();
    g_autoptr(RvSecret) keyring_key = rv_vault_new_master_key ();
    g_autoptr(RvSecret) password = rv_secret_new_from_string ("fuzz");
    g_autoptr(GArray) slots = g_array_new (FALSE, TRUE, sizeof (RvVaultSlot));
    g_autoptr(GBytes) bytes = NULL;
    g_autofree char *id = g_uuid_string_random ();
    RvVaultSlot slot = { 0 };
    const guint8 *data;

    g_assert_true (rv_vault_slot_init_password (&slot, id, password, &cheap, master, NULL));
    g_array_append_val (slots, slot);
    memset (&slot, 0, sizeof slot);
    slot.type = RV_VAULT_SLOT_KEYRING;
    rv_vault_slot_wrap (&slot, id, keyring_key, master);
    g_array_append_val (slots, slot);
    bytes = rv_vault_file_build (id, slots, master, payload);
    data = g_bytes_get_data (bytes, &size);
    write_seed (dir, "file-two-slots", 2, data, size);
  }

  write_seed (dir, "payload-sample", 1, rv_secret_get_data (payload), rv_secret_get_size (payload));
  empty = rv_vault_payload_serialize (G_LIST_MODEL (no_accounts), &no_backup, no_requests);
  write_seed (dir, "payload-empty", 1, rv_secret_get_data (empty), rv_secret_get_size (empty));

  /* Version 2's sync metadata: a removed account, a cleared code set (code
   * tombstones) and a history entry. */
  {
    g_autoptr(RvSecret) sync_payload = NULL;
    g_autoptr(RvAccount) first = g_list_model_get_item (rv_vault_get_accounts (vault), 0);
    g_autoptr(RvAccount) second = g_list_model_get_item (rv_vault_get_accounts (vault), 1);
    RvStamp replaced = rv_stamp_make (1796594600000, "00000000-0000-4000-8000-00000000f022");

    rv_account_add_history (first, rv_account_dup_history_entry (first, RV_ACCOUNT_FIELD_ISSUER,
                                                                 &replaced));
    rv_account_add_history (first, rv_account_dup_history_entry (first, RV_ACCOUNT_FIELD_OTP,
                                                                 &replaced));
    rv_account_clear_recovery_codes (second);
    rv_vault_remove_account (vault, second);
    sync_payload = rv_vault_payload_serialize_full (rv_vault_get_accounts (vault),
                                                    rv_vault_get_backup_state (vault),
                                                    rv_vault_get_requests (vault),
                                                    rv_vault_get_tombstones (vault));
    write_seed (dir, "payload-sync-v2", 1, rv_secret_get_data (sync_payload),
                rv_secret_get_size (sync_payload));
  }

  /* The recovery-code compartment: a password slot and a paper-key slot
   * (cheap, the fuzz target's password and paper key) and sealed codes. */
  {
    g_autoptr(RvSecret) master = rv_vault_new_master_key ();
    g_autoptr(RvSecret) ckey = rv_vault_new_master_key ();
    g_autoptr(RvSecret) password = rv_secret_new_from_string ("fuzz");
    g_autoptr(RvSecret) paper = rv_secret_new_from_string ("fuzz-paper-key!!");
    g_autoptr(GArray) slots = g_array_new (FALSE, TRUE, sizeof (RvVaultSlot));
    g_autoptr(RvVaultCompartment) compartment = NULL;
    g_autoptr(RvSecret) sealed_payload = NULL;
    g_autoptr(GBytes) bytes = NULL;
    g_autofree char *id = g_uuid_string_random ();
    GListModel *accounts = rv_vault_get_accounts (vault);
    RvVaultSlot slot = { 0 };
    const guint8 *data;

    compartment = rv_vault_compartment_new (id);
    g_assert_true (rv_vault_slot_init_password (&slot, id, password, &cheap, master, NULL));
    g_array_append_val (slots, slot);
    g_assert_true (rv_vault_compartment_slot_init_password (&slot, compartment, password, &cheap,
                                                            ckey, NULL));
    g_array_append_val (compartment->slots, slot);
    rv_vault_compartment_slot_init_paper (&slot, compartment, paper, ckey);
    g_array_append_val (compartment->slots, slot);
    for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
      {
        g_autoptr(RvAccount) account = g_list_model_get_item (accounts, i);

        for (guint j = 0; j < rv_account_get_n_recovery_codes (account); j++)
          {
            const RvRecoveryCode *code = rv_account_get_recovery_code (account, j);
            g_autoptr(GBytes) sealed = rv_vault_compartment_seal (compartment, ckey,
                                                                  rv_account_get_id (account),
                                                                  code->id, code->code);

            rv_account_set_recovery_code_sealed (account, j, sealed);
            rv_account_set_recovery_code_plain (account, j, NULL);
          }
      }
    sealed_payload = rv_vault_payload_serialize_full (accounts, rv_vault_get_backup_state (vault),
                                                      rv_vault_get_requests (vault),
                                                      rv_vault_get_tombstones (vault));
    write_seed (dir, "payload-compartment", 1, rv_secret_get_data (sealed_payload),
                rv_secret_get_size (sealed_payload));
    bytes = rv_vault_file_build_full (id, slots, compartment, master, sealed_payload);
    data = g_bytes_get_data (bytes, &size);
    write_seed (dir, "file-compartment", 2, data, size);
  }

  rv_vault_close (vault);
  rv_test_rm_rf (tmp);
  return 0;
}

static void
check_account (RvAccount  *account,
               const char *id,
               const char *issuer,
               const char *name,
               RvOtpKind   kind,
               const char *secret_text,
               gint64      created,
               gint64      updated)
{
  g_assert_cmpstr (rv_account_get_id (account), ==, id);
  g_assert_cmpstr (rv_account_get_issuer (account), ==, issuer);
  g_assert_cmpstr (rv_account_get_name (account), ==, name);
  g_assert_cmpint (rv_account_get_kind (account), ==, kind);
  if (secret_text != NULL)
    g_assert_cmpstr (rv_secret_get_string (rv_account_get_secret (account)), ==, secret_text);
  else
    g_assert_null (rv_account_get_secret (account));
  g_assert_cmpint (rv_account_get_created (account), ==, created);
  g_assert_cmpint (rv_account_get_updated (account), ==, updated);
}

static void
check_code (RvAccount  *account,
            guint       index,
            const char *text,
            gint64      added_at,
            gint64      used_at)
{
  const RvRecoveryCode *code = rv_account_get_recovery_code (account, index);

  g_assert_cmpstr (rv_secret_get_string (code->code), ==, text);
  g_assert_cmpint (code->added_at, ==, added_at);
  g_assert_cmpint (code->used_at, ==, used_at);
}

static void
test_sample_v1 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvSecret) password = rv_secret_new_from_string (SAMPLE_PASSWORD);
  const char *path = rv_test_source_path ("data/sample-v1.rvault");
  g_autoptr(RvVault) vault = NULL;
  GListModel *accounts;
  g_autoptr(RvAccount) pypi = NULL;
  g_autoptr(RvAccount) hotp = NULL;
  g_autoptr(RvAccount) steam = NULL;
  g_autoptr(RvAccount) bank = NULL;
  const char * const *tags;
  RvRequestRecord *request;
  RvBackupState *backup;
  char code[RV_OTP_CODE_BUFFER];

  vault = rv_vault_open (path, password, &error);
  g_assert_no_error (error);
  g_assert_false (rv_vault_get_keyring_enabled (vault));
  accounts = rv_vault_get_accounts (vault);
  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 4);

  pypi = g_list_model_get_item (accounts, 0);
  check_account (pypi, "5b0e3c0e-2d1f-4a57-9d51-6f1c1a7e0001", "PyPI", "alice",
                 RV_OTP_KIND_TOTP, "12345678901234567890", 1700000000, 1700700000);
  g_assert_cmpuint (rv_account_get_digits (pypi), ==, 8);
  g_assert_cmpuint (rv_account_get_period (pypi), ==, 30);
  g_assert_cmpint (rv_account_get_algorithm (pypi), ==, RV_OTP_ALGORITHM_SHA1);
  g_assert_cmpstr (rv_account_get_email (pypi), ==, "alice@example.org");
  g_assert_cmpstr (rv_account_get_url (pypi), ==, "https://pypi.org/account/login/");
  g_assert_cmpstr (rv_account_get_notes (pypi), ==, "Main publishing account.\nSecond line: ünïcödé.");
  tags = rv_account_get_tags (pypi);
  g_assert_cmpstr (tags[0], ==, "python");
  g_assert_cmpstr (tags[1], ==, "work");
  g_assert_null (tags[2]);
  g_assert_cmpuint (rv_account_get_n_recovery_codes (pypi), ==, 2);
  check_code (pypi, 0, "a1b2c3d4e5f6a7b8", 1700000100, 0);
  check_code (pypi, 1, "0f1e2d3c4b5a6978", 1700000100, 1700500000);
  g_assert_cmpint (rv_account_get_recovery_issued_at (pypi), ==, 1700000100);
  g_assert_cmpuint (rv_account_get_recovery_expected_count (pypi), ==, 8);
  g_assert_cmpint (rv_account_get_recovery_checked_at (pypi), ==, 1700600000);
  /* RFC 6238's SHA-1 vector: the secret really is the one stored. */
  g_assert_true (rv_account_generate_code (pypi, 59, code, NULL));
  g_assert_cmpstr (code, ==, "94287082");

  hotp = g_list_model_get_item (accounts, 1);
  check_account (hotp, "5b0e3c0e-2d1f-4a57-9d51-6f1c1a7e0002", "Example HOTP", "bob",
                 RV_OTP_KIND_HOTP, "12345678901234567890123456789012", 1700000200, 1700700001);
  g_assert_cmpint (rv_account_get_algorithm (hotp), ==, RV_OTP_ALGORITHM_SHA256);
  g_assert_cmpuint (rv_account_get_counter (hotp), ==, 42);
  g_assert_cmpuint (rv_account_get_digits (hotp), ==, 6);
  g_assert_cmpuint (rv_account_get_n_recovery_codes (hotp), ==, 0);
  g_assert_null (rv_account_get_email (hotp));

  steam = g_list_model_get_item (accounts, 2);
  check_account (steam, "5b0e3c0e-2d1f-4a57-9d51-6f1c1a7e0003", "Steam", "gamer",
                 RV_OTP_KIND_STEAM, "steam-secret-bytes!!", 1700000300, 1700700002);
  g_assert_cmpuint (rv_account_get_digits (steam), ==, 5);

  bank = g_list_model_get_item (accounts, 3);
  check_account (bank, "5b0e3c0e-2d1f-4a57-9d51-6f1c1a7e0004", "Bank", NULL,
                 RV_OTP_KIND_NONE, NULL, 1700000400, 1700700003);
  g_assert_cmpuint (rv_account_get_n_recovery_codes (bank), ==, 1);
  check_code (bank, 0, "QWER-TYUI-OPAS", 1700000400, 0);

  g_assert_cmpuint (rv_vault_get_requests (vault)->len, ==, 1);
  request = g_ptr_array_index (rv_vault_get_requests (vault), 0);
  g_assert_cmpstr (request->id, ==, "5b0e3c0e-2d1f-4a57-9d51-6f1c1a7e0101");
  g_assert_cmpstr (request->account_id, ==, "5b0e3c0e-2d1f-4a57-9d51-6f1c1a7e0001");
  g_assert_cmpstr (request->service_name, ==, "PyPI");
  g_assert_cmpstr (request->provider_id, ==, "pypi");
  g_assert_cmpstr (request->draft, ==, "I lost access to my second factor.");
  g_assert_cmpint (request->created_at, ==, 1700800000);
  g_assert_cmpint (request->submitted_at, ==, 1700800100);
  g_assert_cmpint (request->status, ==, RV_REQUEST_STATUS_SUBMITTED);
  g_assert_cmpstr (request->ticket_url, ==, "https://github.com/pypi/support/issues/9999");
  g_assert_cmpint (request->follow_up_at, ==, 1701400000);

  backup = rv_vault_get_backup_state (vault);
  g_assert_cmpint (backup->changed_at, ==, 1700900000);
  g_assert_cmpint (backup->exported_at, ==, 1700900100);
  g_assert_cmpstr (backup->export_path, ==, "/media/usb/recovery-vault-backup.rvault");
  g_assert_cmpint (backup->verified_at, ==, 1700900200);
  g_assert_false (rv_vault_is_dirty (vault));

  g_assert_true (rv_vault_text_contains_secret (vault, "my code is QWER TYUI OPAS"));
}

static void
test_sample_wrong_password (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvSecret) password = rv_secret_new_from_string ("sample vault v1 - password");
  g_autoptr(RvVault) vault = rv_vault_open (rv_test_source_path ("data/sample-v1.rvault"),
                                            password, &error);

  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD);
  g_assert_null (vault);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--generate"))
    return generate (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], "--write-fuzz-corpus"))
    return write_fuzz_corpus (argv[2]);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/vault-sample/v1", test_sample_v1);
  g_test_add_func ("/vault-sample/v1-wrong-password", test_sample_wrong_password);
  return g_test_run ();
}
