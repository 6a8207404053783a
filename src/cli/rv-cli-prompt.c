/* rv-cli-prompt.c: reading passwords and answers from the terminal or a descriptor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Typed secrets are read byte by byte straight into guarded memory: no stdio
 * buffer or heap string ever holds them. Echo is turned off on /dev/tty and
 * turned back on before returning, also when the user presses Ctrl-C.
 */
#include "config.h"

#include "rv-cli-prompt.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static const int restore_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

/* Only touched by the prompt and its signal handler. */
static int             echo_off_fd = -1;
static struct termios  echo_saved;

static void
restore_terminal_and_die (int signum)
{
  if (echo_off_fd >= 0)
    {
      tcsetattr (echo_off_fd, TCSAFLUSH, &echo_saved);
      (void) !write (echo_off_fd, "\n", 1);
    }
  signal (signum, SIG_DFL);
  raise (signum);
}

/* Prompts only when a person is there: stdin or stderr is a terminal and
 * the process has a controlling terminal to ask on. */
gboolean
rv_cli_has_terminal (void)
{
  int fd;

  if (!isatty (STDIN_FILENO) && !isatty (STDERR_FILENO))
    return FALSE;
  fd = open ("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    return FALSE;
  close (fd);
  return TRUE;
}

static int
open_tty (GError **error)
{
  int fd = open ("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Could not open the terminal to ask: %s", g_strerror (saved));
    }
  return fd;
}

static void
write_all (int         fd,
           const char *text)
{
  gsize len = strlen (text);

  while (len > 0)
    {
      ssize_t n = write (fd, text, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return;
      text += n;
      len -= n;
    }
}

/* Reads one line from @fd into guarded memory, without its newline. */
static RvSecret *
read_line (int      fd,
           GError **error)
{
  g_autoptr(RvSecret) buffer = rv_secret_new (RV_CLI_MAX_PASSWORD);
  guint8 *data = rv_secret_get_mutable_data (buffer);
  gsize len = 0;

  for (;;)
    {
      ssize_t n = read (fd, data + len, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       "Could not read from the terminal: %s", g_strerror (saved));
          return NULL;
        }
      if (n == 0 || data[len] == '\n')
        break;
      if (++len == RV_CLI_MAX_PASSWORD)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                       "The input is longer than %d bytes", RV_CLI_MAX_PASSWORD);
          return NULL;
        }
    }
  if (len > 0 && data[len - 1] == '\r')
    len--;
  return rv_secret_truncate (g_steal_pointer (&buffer), len);
}

static void
set_signal_handlers (struct sigaction *saved)
{
  struct sigaction action = { 0 };

  action.sa_handler = restore_terminal_and_die;
  sigemptyset (&action.sa_mask);
  for (guint i = 0; i < G_N_ELEMENTS (restore_signals); i++)
    sigaction (restore_signals[i], &action, &saved[i]);
}

static void
reset_signal_handlers (const struct sigaction *saved)
{
  for (guint i = 0; i < G_N_ELEMENTS (restore_signals); i++)
    sigaction (restore_signals[i], &saved[i], NULL);
}

/**
 * rv_cli_prompt_secret:
 * @prompt: what to ask, e.g. "Password: "
 *
 * Asks on the terminal with echo off.
 *
 * Returns: (transfer full): what was typed, in guarded memory
 */
RvSecret *
rv_cli_prompt_secret (const char  *prompt,
                      GError     **error)
{
  struct sigaction saved_actions[G_N_ELEMENTS (restore_signals)];
  struct termios quiet;
  RvSecret *answer;
  gboolean echo_changed = FALSE;
  int fd;

  fd = open_tty (error);
  if (fd < 0)
    return NULL;

  if (tcgetattr (fd, &echo_saved) == 0)
    {
      quiet = echo_saved;
      quiet.c_lflag &= ~(ECHO | ECHOE | ECHOK);
      quiet.c_lflag |= ECHONL;
      echo_off_fd = fd;
      set_signal_handlers (saved_actions);
      echo_changed = tcsetattr (fd, TCSAFLUSH, &quiet) == 0;
    }

  write_all (fd, prompt);
  answer = read_line (fd, error);

  if (echo_changed)
    tcsetattr (fd, TCSAFLUSH, &echo_saved);
  if (echo_off_fd >= 0)
    {
      echo_off_fd = -1;
      reset_signal_handlers (saved_actions);
    }
  close (fd);
  return answer;
}

/* Asks twice; a mismatch or an empty password is an error. */
RvSecret *
rv_cli_prompt_new_password (const char  *prompt,
                            const char  *repeat_prompt,
                            GError     **error)
{
  g_autoptr(RvSecret) first = NULL;
  g_autoptr(RvSecret) second = NULL;

  first = rv_cli_prompt_secret (prompt, error);
  if (first == NULL)
    return NULL;
  if (rv_secret_get_size (first) == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The password cannot be empty");
      return NULL;
    }
  second = rv_cli_prompt_secret (repeat_prompt, error);
  if (second == NULL)
    return NULL;
  if (!rv_secret_equal (first, second))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The two passwords do not match");
      return NULL;
    }
  return g_steal_pointer (&first);
}

/* Asks a yes/no question on the terminal; anything but "y"/"yes" is no. */
gboolean
rv_cli_confirm (const char *question)
{
  g_autoptr(RvSecret) answer = NULL;
  g_autofree char *line = NULL;
  int fd;

  fd = open_tty (NULL);
  if (fd < 0)
    return FALSE;

  line = g_strdup_printf ("%s [y/N] ", question);
  write_all (fd, line);
  answer = read_line (fd, NULL);
  close (fd);

  return answer != NULL &&
         (g_ascii_strcasecmp (rv_secret_get_string (answer), "y") == 0 ||
          g_ascii_strcasecmp (rv_secret_get_string (answer), "yes") == 0);
}

/* The password given on a descriptor; one trailing newline is dropped. */
RvSecret *
rv_cli_read_password_fd (int      fd,
                         GError **error)
{
  g_autoptr(GError) local_error = NULL;
  RvSecret *password;

  password = rv_secret_read_fd (fd, RV_CLI_MAX_PASSWORD, &local_error);
  if (password == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   "Could not read the password from file descriptor %d: %s",
                   fd, local_error->message);
      return NULL;
    }
  return password;
}

/**
 * rv_cli_read_stdin_secret:
 * @prompt: what to ask when standard input is a terminal
 *
 * A secret given on standard input: typed without echo when it is a
 * terminal, else everything up to the end (one trailing newline dropped).
 */
RvSecret *
rv_cli_read_stdin_secret (const char  *prompt,
                          gsize        max_size,
                          GError     **error)
{
  if (isatty (STDIN_FILENO) && rv_cli_has_terminal ())
    return rv_cli_prompt_secret (prompt, error);
  return rv_secret_read_fd (STDIN_FILENO, max_size, error);
}

/**
 * rv_cli_split_first_line:
 * @first: (out): the bytes before the first newline (a CR before it dropped)
 * @rest: (out): the bytes after it
 *
 * Splits a secret in guarded memory without copying it to the heap.
 *
 * Returns: %FALSE if @text has no newline
 */
gboolean
rv_cli_split_first_line (const RvSecret  *text,
                         RvSecret       **first,
                         RvSecret       **rest)
{
  const guint8 *data = rv_secret_get_data (text);
  gsize size = rv_secret_get_size (text);
  const guint8 *newline = memchr (data, '\n', size);
  gsize first_len;

  if (newline == NULL)
    return FALSE;

  first_len = newline - data;
  *rest = rv_secret_new_from_data (newline + 1, size - first_len - 1);
  if (first_len > 0 && data[first_len - 1] == '\r')
    first_len--;
  *first = rv_secret_new_from_data (data, first_len);
  return TRUE;
}
