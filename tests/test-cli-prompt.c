/* test-cli-prompt.c: rvault on a real terminal (a pseudo-terminal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Password prompts turn echo off and back on, also when Ctrl-C interrupts
 * them; `remove` asks before removing.
 */
#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "rv-test-util.h"

#define PASSWORD  "pty password 42"
#define SECRET    "JBSWY3DPEHPK3PXP"

typedef struct
{
  pid_t    pid;
  int      master;
  int      slave;     /* kept open to read the terminal's settings */
  GString *seen;
  gsize    matched;
} Pty;

static void
pty_spawn (Pty               *pty,
           const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  char name[256];

  g_ptr_array_add (argv, (gpointer) g_getenv ("RVAULT"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  pty->seen = g_string_new (NULL);
  pty->matched = 0;
  pty->pid = forkpty (&pty->master, name, NULL, NULL);
  g_assert_cmpint (pty->pid, >=, 0);
  if (pty->pid == 0)
    {
      execv (argv->pdata[0], (char **) argv->pdata);
      _exit (127);
    }
  pty->slave = open (name, O_RDWR | O_NOCTTY | O_CLOEXEC);
  g_assert_cmpint (pty->slave, >=, 0);
}

/* Reads the terminal until @text appears after what was matched before. */
static void
pty_expect (Pty        *pty,
            const char *text)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  for (;;)
    {
      struct pollfd fd = { .fd = pty->master, .events = POLLIN };
      const char *hit = strstr (pty->seen->str + pty->matched, text);
      char buffer[512];
      ssize_t n;

      if (hit != NULL)
        {
          pty->matched = hit - pty->seen->str + strlen (text);
          return;
        }
      if (g_get_monotonic_time () > deadline)
        g_error ("“%s” did not appear on the terminal; it shows:\n%s", text, pty->seen->str);
      if (poll (&fd, 1, 100) <= 0)
        continue;
      n = read (pty->master, buffer, sizeof buffer);
      if (n <= 0)
        g_error ("terminal closed before “%s”; it showed:\n%s", text, pty->seen->str);
      g_string_append_len (pty->seen, buffer, n);
    }
}

static void
pty_send (Pty        *pty,
          const char *text)
{
  g_assert_cmpint (write (pty->master, text, strlen (text)), ==, strlen (text));
}

static gboolean
pty_echo_is_on (Pty *pty)
{
  struct termios settings;

  g_assert_no_errno (tcgetattr (pty->slave, &settings));
  return (settings.c_lflag & ECHO) != 0;
}

/* Waits for the process; returns its wait status. Drains the terminal so
 * the process never blocks on output. */
static int
pty_finish (Pty *pty)
{
  int status = 0;

  for (;;)
    {
      struct pollfd fd = { .fd = pty->master, .events = POLLIN };
      char buffer[512];
      ssize_t n;
      pid_t done = waitpid (pty->pid, &status, WNOHANG);

      if (done == pty->pid)
        break;
      if (poll (&fd, 1, 10) <= 0)
        continue;
      n = read (pty->master, buffer, sizeof buffer);
      if (n > 0)
        g_string_append_len (pty->seen, buffer, n);
      else
        g_usleep (10000);
    }
  return status;
}

static void
pty_clear (Pty *pty)
{
  close (pty->master);
  close (pty->slave);
  g_string_free (pty->seen, TRUE);
}

static void
make_vault (const char *path)
{
  g_auto(RvTestRun) run = { 0 };
  const char *init[] = { "--vault", path, "init", NULL };
  const char *add[] = { "--vault", path, "add", "--issuer", "ACME", NULL };

  rv_test_rvault (&run, NULL, PASSWORD, init);
  g_assert_cmpint (run.status, ==, 0);
  rv_test_run_clear (&run);
  rv_test_rvault (&run, SECRET, PASSWORD, add);
  g_assert_cmpint (run.status, ==, 0);
}

static void
test_init_asks_twice (void)
{
  g_autofree char *dir = rv_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "v.rvault", NULL);
  Pty pty;
  int status;

  pty_spawn (&pty, (const char *[]) { "--vault", path, "init", NULL });
  pty_expect (&pty, "New password: ");
  g_assert_false (pty_echo_is_on (&pty));
  pty_send (&pty, PASSWORD "\n");
  pty_expect (&pty, "Repeat the new password: ");
  pty_send (&pty, PASSWORD "\n");
  pty_expect (&pty, "Created an empty vault");
  status = pty_finish (&pty);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_true (pty_echo_is_on (&pty));
  /* Nothing typed was echoed. */
  g_assert_null (strstr (pty.seen->str, PASSWORD));
  pty_clear (&pty);

  /* Two different passwords: refused, nothing written. */
  g_unlink (path);
  pty_spawn (&pty, (const char *[]) { "--vault", path, "init", NULL });
  pty_expect (&pty, "New password: ");
  pty_send (&pty, PASSWORD "\n");
  pty_expect (&pty, "Repeat the new password: ");
  pty_send (&pty, "something else\n");
  pty_expect (&pty, "do not match");
  status = pty_finish (&pty);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 2);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  pty_clear (&pty);

  rv_test_rm_rf (dir);
}

static void
test_password_prompt_and_secret (void)
{
  g_autofree char *dir = rv_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "v.rvault", NULL);
  Pty pty;
  int status;

  make_vault (path);

  /* The base32 secret is asked without echo too. */
  pty_spawn (&pty, (const char *[]) { "--vault", path, "add", "--issuer", "Typed", NULL });
  pty_expect (&pty, "Secret (base32): ");
  g_assert_false (pty_echo_is_on (&pty));
  pty_send (&pty, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\n");
  pty_expect (&pty, "Password: ");
  pty_send (&pty, PASSWORD "\n");
  pty_expect (&pty, "Added Typed");
  status = pty_finish (&pty);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_null (strstr (pty.seen->str, "GEZDGNBVGY3TQOJQ"));
  g_assert_null (strstr (pty.seen->str, PASSWORD));
  pty_clear (&pty);

  pty_spawn (&pty, (const char *[]) { "--vault", path, "code", "typed", "--at", "59", NULL });
  pty_expect (&pty, "Password: ");
  pty_send (&pty, "wrong password\n");
  pty_expect (&pty, "password is wrong");
  status = pty_finish (&pty);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 1);
  g_assert_true (pty_echo_is_on (&pty));
  pty_clear (&pty);

  pty_spawn (&pty, (const char *[]) { "--vault", path, "code", "typed", "--at", "59", NULL });
  pty_expect (&pty, "Password: ");
  pty_send (&pty, PASSWORD "\n");
  pty_expect (&pty, "287082 (valid for 1 more second)");
  status = pty_finish (&pty);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  pty_clear (&pty);

  rv_test_rm_rf (dir);
}

static void
test_ctrl_c_restores_echo (void)
{
  g_autofree char *dir = rv_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "v.rvault", NULL);
  Pty pty;
  int status;

  make_vault (path);
  pty_spawn (&pty, (const char *[]) { "--vault", path, "list", NULL });
  pty_expect (&pty, "Password: ");
  g_assert_false (pty_echo_is_on (&pty));
  pty_send (&pty, "half a passw");
  pty_send (&pty, "\003");
  status = pty_finish (&pty);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGINT);
  g_assert_true (pty_echo_is_on (&pty));
  pty_clear (&pty);

  rv_test_rm_rf (dir);
}

static void
test_remove_asks (void)
{
  g_autofree char *dir = rv_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "v.rvault", NULL);
  g_auto(RvTestRun) run = { 0 };
  const char *list[] = { "--vault", path, "list", NULL };
  Pty pty;
  int status;

  make_vault (path);

  pty_spawn (&pty, (const char *[]) { "--vault", path, "remove", "acme", NULL });
  pty_expect (&pty, "Password: ");
  pty_send (&pty, PASSWORD "\n");
  pty_expect (&pty, "Remove ACME [");
  pty_expect (&pty, "[y/N] ");
  g_assert_true (pty_echo_is_on (&pty));
  pty_send (&pty, "n\n");
  pty_expect (&pty, "Not removed");
  status = pty_finish (&pty);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 1);
  pty_clear (&pty);

  rv_test_rvault (&run, NULL, PASSWORD, list);
  g_assert_nonnull (strstr (run.out, "ACME"));

  pty_spawn (&pty, (const char *[]) { "--vault", path, "remove", "acme", NULL });
  pty_expect (&pty, "Password: ");
  pty_send (&pty, PASSWORD "\n");
  pty_expect (&pty, "[y/N] ");
  pty_send (&pty, "y\n");
  pty_expect (&pty, "Removed ACME");
  status = pty_finish (&pty);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  pty_clear (&pty);

  rv_test_run_clear (&run);
  rv_test_rvault (&run, NULL, PASSWORD, list);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, "ACME"));

  rv_test_rm_rf (dir);
}

static void
test_passwd (void)
{
  g_autofree char *dir = rv_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "v.rvault", NULL);
  g_auto(RvTestRun) run = { 0 };
  Pty pty;
  int status;

  make_vault (path);

  /* A wrong current password stops before the new one is asked for. */
  pty_spawn (&pty, (const char *[]) { "--vault", path, "passwd", NULL });
  pty_expect (&pty, "Current password: ");
  pty_send (&pty, "not it\n");
  pty_expect (&pty, "password is wrong");
  status = pty_finish (&pty);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 1);
  g_assert_null (strstr (pty.seen->str, "New password"));
  pty_clear (&pty);

  pty_spawn (&pty, (const char *[]) { "--vault", path, "passwd", NULL });
  pty_expect (&pty, "Current password: ");
  pty_send (&pty, PASSWORD "\n");
  pty_expect (&pty, "New password: ");
  g_assert_false (pty_echo_is_on (&pty));
  pty_send (&pty, "the new one\n");
  pty_expect (&pty, "Repeat the new password: ");
  pty_send (&pty, "the new one\n");
  pty_expect (&pty, "Password changed");
  status = pty_finish (&pty);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_null (strstr (pty.seen->str, "the new one"));
  pty_clear (&pty);

  rv_test_rvault (&run, NULL, "the new one", (const char *[]) { "--vault", path, "list", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "ACME"));

  rv_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/prompt/init-asks-twice", test_init_asks_twice);
  g_test_add_func ("/cli/prompt/password-and-secret", test_password_prompt_and_secret);
  g_test_add_func ("/cli/prompt/ctrl-c-restores-echo", test_ctrl_c_restores_echo);
  g_test_add_func ("/cli/prompt/remove-asks", test_remove_asks);
  g_test_add_func ("/cli/prompt/passwd", test_passwd);

  return g_test_run ();
}
