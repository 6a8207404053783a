/* test-cli-coredump.c: no secret in a core dump of an unlocked rvault
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `rvault recovery-codes QUERY --add -` unlocks the vault and then waits
 * on standard input: a natural point where an unlocked process sits still.
 * While it waits, gcore dumps it; secrets live in guarded memory, which
 * libsodium marks MADV_DONTDUMP, so none of them may be in the dump.
 * The same holds when the password was typed on a terminal and rvault waits
 * for the answer to `remove`'s question.
 */
#define _GNU_SOURCE
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <pty.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rv-base32.h"
#include "rv-test-util.h"

#define PASSWORD    "coredump-password-7d1f"
#define RAW_SECRET  "coredump-raw-secret-0123"
#define HOTP_RAW    "coredump-hotp-secret-4567"
#define ISSUER      "CoredumpIssuer"

static const char *codes[] = { "cd-recovery-aaaa-1111", "cd-recovery-bbbb-2222" };

static char *
base32_of (const char *raw)
{
  g_autoptr(RvSecret) encoded = rv_base32_encode ((const guint8 *) raw, strlen (raw));

  return g_strdup (rv_secret_get_string (encoded));
}

static void G_GNUC_NULL_TERMINATED
run_ok (const char *path,
        const char *input,
        ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_auto(RvTestRun) run = { 0 };
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) "--vault");
  g_ptr_array_add (args, (gpointer) path);
  va_start (ap, input);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  rv_test_rvault (&run, input, PASSWORD, (const char *const *) args->pdata);
  if (run.status != 0)
    g_error ("rvault failed (%d): %s", run.status, run.err);
}

static void
make_vault (const char *path)
{
  g_autofree char *secret = base32_of (RAW_SECRET);
  g_autofree char *hotp = base32_of (HOTP_RAW);
  g_autofree char *code_lines = g_strjoin ("\n", codes[0], codes[1], NULL);

  run_ok (path, NULL, "init", NULL);
  run_ok (path, secret, "add", "--issuer", ISSUER, "--name", "dumpee", NULL);
  run_ok (path, hotp, "add", "--issuer", "Other", "--type", "hotp", NULL);
  run_ok (path, code_lines, "recovery-codes", ISSUER, "--add", "-", NULL);
}

/* Whether the process sits in read(0, …): /proc/PID/syscall starts with
 * the syscall number (0 is read on x86-64 … and on most, not all, ABIs)
 * and its first argument. */
static gboolean
is_reading_stdin (const char *pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/syscall", pid);
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;
#if defined(__x86_64__)
  return g_str_has_prefix (text, "0 0x0 ");
#elif defined(__aarch64__)
  return g_str_has_prefix (text, "63 0x0 ");
#else
  return g_str_has_prefix (text, "3 0x0 ");
#endif
}

/* @allow_dumps: RV_ALLOW_CORE_DUMPS=1, which gcore needs (a non-dumpable
 * process cannot be attached to). */
static GSubprocess *
start_waiting_rvault (const char  *path,
                      gboolean     allow_dumps,
                      GError     **error)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE);
  const char *argv[] = { g_getenv ("RVAULT"), "--vault", path, "--password-fd", "3",
                         "recovery-codes", ISSUER, "--add", "-", NULL };
  int fds[2];

  g_assert_no_errno (pipe (fds));
  g_assert_cmpint (write (fds[1], PASSWORD, strlen (PASSWORD)), ==, strlen (PASSWORD));
  close (fds[1]);
  g_subprocess_launcher_take_fd (launcher, fds[0], 3);
  if (allow_dumps)
    g_subprocess_launcher_setenv (launcher, "RV_ALLOW_CORE_DUMPS", "1", TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "RV_ALLOW_CORE_DUMPS");
  return g_subprocess_launcher_spawnv (launcher, argv, error);
}

static gboolean
wait_until_reading (GSubprocess *process)
{
  const char *pid = g_subprocess_get_identifier (process);

  for (guint i = 0; i < 2000 && pid != NULL; i++)
    {
      if (is_reading_stdin (pid))
        return TRUE;
      g_usleep (5000);
    }
  return FALSE;
}

static void
assert_absent (GBytes     *dump,
               const char *what,
               const char *needle)
{
  gsize size;
  const char *data = g_bytes_get_data (dump, &size);

  if (memmem (data, size, needle, strlen (needle)) != NULL)
    g_error ("the core dump holds the %s “%s”", what, needle);
}

static gboolean
contains (GBytes     *dump,
          const char *needle)
{
  gsize size;
  const char *data = g_bytes_get_data (dump, &size);

  return memmem (data, size, needle, strlen (needle)) != NULL;
}

/* Dumps the process @pid and asserts that no secret of the vault is in the
 * dump. Returns FALSE (after marking the test skipped) when gcore cannot. */
static gboolean
check_dump (const char *dir,
            const char *path,
            const char *pid)
{
  g_autofree char *gcore = g_find_program_in_path ("gcore");
  g_autofree char *prefix = g_build_filename (dir, "core", NULL);
  g_autofree char *core_path = g_strdup_printf ("%s.%s", prefix, pid);
  g_autofree char *gcore_err = NULL;
  g_autofree char *secret_b32 = base32_of (RAW_SECRET);
  g_autofree char *hotp_b32 = base32_of (HOTP_RAW);
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) dump = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { gcore, "-o", prefix, pid, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                &gcore_err, NULL, &error);
  g_assert_no_error (error);
  if (!g_file_test (core_path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *reason = g_strdup_printf ("gcore could not dump the process "
                                                 "(ptrace not permitted here?): %s",
                                                 gcore_err);

      g_test_skip (reason);
      return FALSE;
    }

  mapped = g_mapped_file_new (core_path, FALSE, &error);
  g_assert_no_error (error);
  dump = g_mapped_file_get_bytes (mapped);
  /* The mapping outlives the name: no large file is left behind even when
   * an assertion below fails. */
  g_unlink (core_path);

  /* The dump is real and searchable: it has the heap, where the issuer is. */
  g_assert_true (contains (dump, ISSUER));
  g_assert_true (contains (dump, path));

  assert_absent (dump, "raw secret", RAW_SECRET);
  assert_absent (dump, "base32 secret", secret_b32);
  assert_absent (dump, "raw HOTP secret", HOTP_RAW);
  assert_absent (dump, "base32 HOTP secret", hotp_b32);
  assert_absent (dump, "password", PASSWORD);
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    assert_absent (dump, "recovery code", codes[i]);
  return TRUE;
}

static gboolean
can_dump (void)
{
  g_autofree char *gcore = g_find_program_in_path ("gcore");

#if defined(__SANITIZE_ADDRESS__)
  g_test_skip ("AddressSanitizer's shadow memory makes a core dump of many gigabytes; "
               "this check runs in the normal build");
  return FALSE;
#endif
  if (gcore == NULL)
    {
      g_test_skip ("gcore (package gdb) is not installed");
      return FALSE;
    }
  return TRUE;
}

/* Password on a descriptor; rvault waits for recovery codes on stdin. */
static void
test_waiting_on_stdin (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  if (!can_dump ())
    return;

  dir = rv_test_make_tmpdir ();
  path = g_build_filename (dir, "v.rvault", NULL);
  make_vault (path);
  process = start_waiting_rvault (path, TRUE, &error);
  g_assert_no_error (error);
  if (!wait_until_reading (process))
    g_error ("rvault did not reach the point of reading recovery codes on stdin");

  check_dump (dir, path, g_subprocess_get_identifier (process));

  /* Let rvault go: no codes given, so it stops with a usage error. */
  g_output_stream_close (g_subprocess_get_stdin_pipe (process), NULL, NULL);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
  rv_test_rm_rf (dir);
}

static void
read_until (int         master,
            GString    *seen,
            const char *text)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (strstr (seen->str, text) == NULL)
    {
      struct pollfd fd = { .fd = master, .events = POLLIN };
      char buffer[256];
      ssize_t n;

      if (g_get_monotonic_time () > deadline)
        g_error ("“%s” did not appear on the terminal; it shows:\n%s", text, seen->str);
      if (poll (&fd, 1, 100) <= 0)
        continue;
      n = read (master, buffer, sizeof buffer);
      if (n <= 0)
        g_error ("terminal closed before “%s”; it showed:\n%s", text, seen->str);
      g_string_append_len (seen, buffer, n);
    }
}

/* Password typed on a terminal; rvault waits for the answer to "Remove …?". */
static void
test_waiting_on_terminal (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *pid_text = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  int master, status;
  pid_t pid;

  if (!can_dump ())
    return;

  dir = rv_test_make_tmpdir ();
  path = g_build_filename (dir, "v.rvault", NULL);
  make_vault (path);

  pid = forkpty (&master, NULL, NULL, NULL);
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_setenv ("RV_ALLOW_CORE_DUMPS", "1", TRUE);
      execl (g_getenv ("RVAULT"), "rvault", "--vault", path, "remove", ISSUER, NULL);
      _exit (127);
    }
  read_until (master, seen, "Password: ");
  g_assert_cmpint (write (master, PASSWORD "\n", sizeof PASSWORD), ==, sizeof PASSWORD);
  read_until (master, seen, "[y/N] ");

  pid_text = g_strdup_printf ("%d", (int) pid);
  check_dump (dir, path, pid_text);

  g_assert_cmpint (write (master, "n\n", 2), ==, 2);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 1);
  close (master);
  rv_test_rm_rf (dir);
}

/* By default an unlocked rvault cannot be dumped: its core size limit is 0
 * (and it is non-dumpable, which also keeps gcore out). */
static void
test_no_dump_by_default (void)
{
  g_autofree char *dir = rv_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "v.rvault", NULL);
  g_autofree char *limits_path = NULL;
  g_autofree char *limits = NULL;
  g_autoptr(GRegex) no_core = g_regex_new ("^Max core file size +0 +0 +bytes", G_REGEX_MULTILINE,
                                           0, NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *pid;

  make_vault (path);
  process = start_waiting_rvault (path, FALSE, &error);
  g_assert_no_error (error);
  pid = g_subprocess_get_identifier (process);
  /* /proc/PID/limits is readable without ptrace rights (which a
   * non-dumpable process grants only to root); until rvault has been
   * exec'd it shows the launcher's limits. */
  limits_path = g_strdup_printf ("/proc/%s/limits", pid);
  for (guint i = 0; i < 2000; i++)
    {
      g_clear_pointer (&limits, g_free);
      g_assert_true (g_file_get_contents (limits_path, &limits, NULL, NULL));
      if (g_regex_match (no_core, limits, 0, NULL))
        break;
      g_usleep (5000);
    }
  if (!g_regex_match (no_core, limits, 0, NULL))
    g_error ("rvault's core size limit is not 0:\n%s", limits);

  g_output_stream_close (g_subprocess_get_stdin_pipe (process), NULL, NULL);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
  rv_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/coredump/waiting-on-stdin", test_waiting_on_stdin);
  g_test_add_func ("/cli/coredump/waiting-on-terminal", test_waiting_on_terminal);
  g_test_add_func ("/cli/coredump/no-dump-by-default", test_no_dump_by_default);

  return g_test_run ();
}
