/* test-cli-compartment.c: rvault compartment, and recovery-codes with it on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>
#include <unistd.h>

#include "rv-test-util.h"
#include "rv-vault.h"

#define VAULT_PASSWORD "vault password for cli"
#define CPASS "compartment password one"
#define CPASS2 "compartment password two"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/* rvault --vault PATH --password-fd 3 ARGS…, with @fd4 and @fd5 (nullable)
 * on pipes as file descriptors 4 and 5, and @input on stdin. */
static void
rvault (Fixture    *f,
        Run        *run,
        const char *input,
        const char *fd4,
        const char *fd5,
        ...)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *texts[] = { VAULT_PASSWORD, fd4, fd5 };
  const char *arg;
  va_list args;

  run_clear (run);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      int fds[2];

      if (texts[i] == NULL)
        continue;
      g_assert_no_errno (pipe (fds));
      g_assert_cmpint (write (fds[1], texts[i], strlen (texts[i])), ==, strlen (texts[i]));
      close (fds[1]);
      g_subprocess_launcher_take_fd (launcher, fds[0], 3 + i);
    }
  g_ptr_array_add (argv, (gpointer) g_getenv ("RVAULT"));
  g_ptr_array_add (argv, (gpointer) "--vault");
  g_ptr_array_add (argv, f->path);
  g_ptr_array_add (argv, (gpointer) "--password-fd");
  g_ptr_array_add (argv, (gpointer) "3");
  va_start (args, fd5);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input ? input : "", NULL, &run->out, &run->err,
                                 &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
}

static void
assert_status (Run *run,
               int  status)
{
  if (run->status != status)
    g_error ("rvault exited with %d, not %d\nstdout: %s\nstderr: %s",
             run->status, status, run->out, run->err);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RvSecret) password = rv_secret_new_from_string (VAULT_PASSWORD);
  g_autoptr(RvAccount) account = rv_account_new ();
  g_autoptr(RvVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  const char *codes[] = { "1234 5678", "badc 0ffe" };

  f->dir = rv_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "vault.rvault", NULL);
  vault = rv_vault_create (f->path, password, &error);
  g_assert_no_error (error);
  rv_account_set_issuer (account, "Example");
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autoptr(RvSecret) code = rv_secret_new_from_string (codes[i]);

      g_assert_true (rv_account_add_recovery_code (account, code, 1000, 0, &error));
    }
  rv_vault_add_account (vault, account);
  g_assert_true (rv_vault_save (vault, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  rv_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
test_enable_status_reveal (Fixture       *f,
                           gconstpointer  data)
{
  Run run = { 0 };

  rvault (f, &run, NULL, NULL, NULL, "compartment", "status", NULL);
  assert_status (&run, 0);
  g_assert_nonnull (strstr (run.out, "Recovery-code compartment: off"));

  rvault (f, &run, NULL, CPASS, NULL, "compartment", "enable",
          "--compartment-password-fd", "4", NULL);
  assert_status (&run, 0);
  rvault (f, &run, NULL, NULL, NULL, "compartment", "status", NULL);
  assert_status (&run, 0);
  g_assert_nonnull (strstr (run.out, "Recovery-code compartment: on"));
  g_assert_nonnull (strstr (run.out, "Slots: password\n"));
  g_assert_nonnull (strstr (run.out, "Argon2id"));
  g_assert_nonnull (strstr (run.out, "Recovery codes: 2 (2 unused), sealed"));
  g_assert_null (strstr (run.out, "1234"));

  /* Counts and the masked list need no compartment password. */
  rvault (f, &run, NULL, NULL, NULL, "recovery-codes", "Example", "--list", NULL);
  assert_status (&run, 0);
  g_assert_null (strstr (run.out, "1234 5678"));
  g_assert_nonnull (strstr (run.out, "unused"));

  /* Revealing does, and is never taken from the command line. */
  rvault (f, &run, NULL, NULL, NULL, "recovery-codes", "Example", "--list", "--reveal", NULL);
  assert_status (&run, 2);
  g_assert_nonnull (strstr (run.err, "--compartment-password-fd"));
  g_assert_null (strstr (run.out, "1234 5678"));
  rvault (f, &run, NULL, "wrong", NULL, "recovery-codes", "Example", "--list", "--reveal",
          "--compartment-password-fd", "4", NULL);
  assert_status (&run, 1);
  g_assert_null (strstr (run.out, "1234 5678"));
  rvault (f, &run, NULL, CPASS, NULL, "recovery-codes", "Example", "--list", "--reveal",
          "--compartment-password-fd", "4", NULL);
  assert_status (&run, 0);
  g_assert_nonnull (strstr (run.out, "1234 5678"));

  /* Adding needs it too; the added code is sealed with the others. */
  rvault (f, &run, "cafe-f00d\n", NULL, NULL, "recovery-codes", "Example", "--add", "-", NULL);
  assert_status (&run, 2);
  rvault (f, &run, "cafe-f00d\n", CPASS, NULL, "recovery-codes", "Example", "--add", "-",
          "--compartment-password-fd", "4", NULL);
  assert_status (&run, 0);
  rvault (f, &run, NULL, NULL, NULL, "compartment", "status", NULL);
  g_assert_nonnull (strstr (run.out, "Recovery codes: 3 (3 unused), sealed"));
  run_clear (&run);
}

static void
test_passwd_disable (Fixture       *f,
                     gconstpointer  data)
{
  Run run = { 0 };

  rvault (f, &run, NULL, CPASS, NULL, "compartment", "enable", "--paper-key",
          "--compartment-password-fd", "4", NULL);
  assert_status (&run, 0);
  g_assert_nonnull (strstr (run.out, "Paper key"));

  rvault (f, &run, NULL, "wrong", CPASS2, "compartment", "passwd",
          "--compartment-password-fd", "4", "--new-compartment-password-fd", "5", NULL);
  assert_status (&run, 1);
  rvault (f, &run, NULL, CPASS, CPASS2, "compartment", "passwd",
          "--compartment-password-fd", "4", "--new-compartment-password-fd", "5", NULL);
  assert_status (&run, 0);
  rvault (f, &run, NULL, NULL, NULL, "compartment", "status", NULL);
  g_assert_nonnull (strstr (run.out, "Slots: password\n"));   /* the old paper key is gone */
  rvault (f, &run, NULL, CPASS, NULL, "recovery-codes", "Example", "--list", "--reveal",
          "--compartment-password-fd", "4", NULL);
  assert_status (&run, 1);

  rvault (f, &run, NULL, CPASS2, NULL, "compartment", "disable",
          "--compartment-password-fd", "4", NULL);
  assert_status (&run, 0);
  rvault (f, &run, NULL, NULL, NULL, "recovery-codes", "Example", "--list", "--reveal", NULL);
  assert_status (&run, 0);
  g_assert_nonnull (strstr (run.out, "badc 0ffe"));
  run_clear (&run);
}

/* The paper key printed by enable opens the compartment. */
static void
test_paper_key (Fixture       *f,
                gconstpointer  data)
{
  Run run = { 0 };
  g_autofree char *paper = NULL;
  const char *at;

  rvault (f, &run, NULL, CPASS, NULL, "compartment", "enable", "--paper-key",
          "--compartment-password-fd", "4", NULL);
  assert_status (&run, 0);
  at = strstr (run.out, "\n  ");
  g_assert_nonnull (at);
  paper = g_strndup (at + 3, strcspn (at + 3, "\n"));
  g_assert_cmpuint (strlen (paper), ==, 32);
  rvault (f, &run, NULL, paper, NULL, "recovery-codes", "Example", "--list", "--reveal",
          "--compartment-password-fd", "4", NULL);
  assert_status (&run, 0);
  g_assert_nonnull (strstr (run.out, "1234 5678"));
  run_clear (&run);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-compartment/enable-status-reveal", Fixture, NULL, fixture_set_up,
              test_enable_status_reveal, fixture_tear_down);
  g_test_add ("/cli-compartment/passwd-disable", Fixture, NULL, fixture_set_up,
              test_passwd_disable, fixture_tear_down);
  g_test_add ("/cli-compartment/paper-key", Fixture, NULL, fixture_set_up, test_paper_key,
              fixture_tear_down);
  return g_test_run ();
}
