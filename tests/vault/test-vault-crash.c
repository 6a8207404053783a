/* test-vault-crash.c: a saver killed at random moments never loses a save
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A child (this program with --saver) opens the vault and saves in a loop,
 * each save stamping every account with the next generation number, and
 * prints each number once its save has returned. It is killed with SIGKILL
 * at random moments; the vault must then open and hold one consistent
 * generation: the last one reported, or the one being written.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "rv-test-util.h"
#include "rv-vault.h"

#define N_ACCOUNTS  20
#define N_KILLS     50
#define PASSWORD    "crash test password"

static void
cheap_kdf (RvKdfParams *kdf)
{
  /* Not a real password slot: the test runs many opens. */
  kdf->opslimit = 1;
  kdf->memlimit = 8192;
  kdf->alg = 2; /* crypto_pwhash_ALG_ARGON2ID13 */
}

static char *
secret_for (guint i)
{
  return g_strdup_printf ("secret-of-account-%02u", i);
}

static void
stamp (RvVault *vault,
       guint64  generation)
{
  GListModel *accounts = rv_vault_get_accounts (vault);
  g_autofree char *notes = g_strdup_printf ("generation %" G_GUINT64_FORMAT, generation);

  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (accounts, i);

      rv_account_set_notes (account, notes);
      rv_account_set_counter (account, generation);
    }
}

/* Returns the vault's generation after checking that it is consistent. */
static guint64
check_vault (RvVault *vault)
{
  GListModel *accounts = rv_vault_get_accounts (vault);
  guint64 generation = 0;

  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, N_ACCOUNTS);
  for (guint i = 0; i < N_ACCOUNTS; i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (accounts, i);
      g_autofree char *secret = secret_for (i);
      g_autofree char *notes = NULL;

      g_assert_cmpstr (rv_secret_get_string (rv_account_get_secret (account)), ==, secret);
      if (i == 0)
        generation = rv_account_get_counter (account);
      g_assert_cmpuint (rv_account_get_counter (account), ==, generation);
      notes = g_strdup_printf ("generation %" G_GUINT64_FORMAT, generation);
      g_assert_cmpstr (rv_account_get_notes (account), ==, notes);
    }
  return generation;
}

static int
run_saver (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvSecret) password = rv_secret_new_from_string (PASSWORD);
  g_autoptr(RvVault) vault = rv_vault_open (path, password, &error);
  guint64 generation;

  if (vault == NULL)
    g_error ("saver: %s", error->message);
  generation = check_vault (vault);
  printf ("ready\n");
  fflush (stdout);
  for (;;)
    {
      stamp (vault, ++generation);
      if (!rv_vault_save (vault, &error))
        g_error ("saver: %s", error->message);
      printf ("%" G_GUINT64_FORMAT "\n", generation);
      fflush (stdout);
    }
  return 0;
}

static void
create_vault (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvSecret) password = rv_secret_new_from_string (PASSWORD);
  g_autoptr(RvVault) vault = NULL;
  RvKdfParams kdf;

  cheap_kdf (&kdf);
  vault = rv_vault_create_full (path, password, &kdf, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_ACCOUNTS; i++)
    {
      g_autoptr(RvAccount) account = rv_account_new ();
      g_autofree char *text = secret_for (i);
      g_autoptr(RvSecret) secret = rv_secret_new_from_string (text);

      rv_account_set_issuer (account, "Crash");
      rv_account_set_secret (account, secret);
      rv_vault_add_account (vault, account);
    }
  stamp (vault, 0);
  g_assert_true (rv_vault_save (vault, &error));
  g_assert_no_error (error);
}

/* The last generation the child reported as saved, or @fallback. */
static guint64
last_reported (const char *output,
               guint64     fallback)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  guint64 last = fallback;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint64 value;

      if (g_ascii_string_to_unsigned (lines[i], 10, 0, G_MAXUINT64, &value, NULL))
        last = value;
    }
  return last;
}

static void
test_kill_during_saves (void)
{
  g_autofree char *dir = rv_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "vault.rvault", NULL);
  g_autoptr(RvSecret) password = rv_secret_new_from_string (PASSWORD);
  guint64 known = 0;
  guint64 total_saves = 0;

  create_vault (path);

  for (guint round = 0; round < N_KILLS; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(GDataInputStream) out = NULL;
      g_autofree char *ready = NULL;
      g_autofree char *rest = NULL;
      g_autoptr(RvVault) vault = NULL;
      guint64 reported, found;

      child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                "/proc/self/exe", "--saver", path, NULL);
      g_assert_no_error (error);
      out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
      ready = g_data_input_stream_read_line (out, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (ready, ==, "ready");

      g_usleep (g_random_int_range (0, 30000));
      g_subprocess_send_signal (child, SIGKILL);
      rest = g_data_input_stream_read_upto (out, "", 0, NULL, NULL, &error);
      g_assert_no_error (error);
      g_subprocess_wait (child, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_signaled (child));

      reported = last_reported (rest ? rest : "", known);
      vault = rv_vault_open (path, password, &error);
      g_assert_no_error (error);
      found = check_vault (vault);
      /* Never older than a save that returned; at most the one in flight. */
      g_assert_cmpuint (found, >=, reported);
      g_assert_cmpuint (found, <=, reported + 1);
      total_saves += found - known;
      known = found;
    }
  g_test_message ("%u kills during %" G_GUINT64_FORMAT " saves", N_KILLS, total_saves);
  g_assert_cmpuint (total_saves, >, N_KILLS);
  rv_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--saver"))
    return run_saver (argv[2]);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/vault-crash/kill-during-saves", test_kill_during_saves);
  return g_test_run ();
}
