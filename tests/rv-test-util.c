/* rv-test-util.c: helpers shared by the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rv-test-util.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

void
rv_test_run_clear (RvTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

void
rv_test_rvault (RvTestRun          *run,
                const char         *input,
                const char         *password,
                const char *const  *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *rvault = g_getenv ("RVAULT");
  int pipe_fds[2] = { -1, -1 };
  g_autofree char *input_path = NULL;
  int input_fd;

  /* stdin comes from a file, so a child that exits without reading cannot
   * make the test die of SIGPIPE. */
  input_fd = g_file_open_tmp ("rvault-stdin-XXXXXX", &input_path, &error);
  g_assert_no_error (error);
  if (input != NULL)
    g_assert_cmpint (write (input_fd, input, strlen (input)), ==, (gssize) strlen (input));
  close (input_fd);
  g_subprocess_launcher_set_stdin_file_path (launcher, input_path);

  g_assert_nonnull (rvault);
  g_ptr_array_add (args, (gpointer) rvault);
  if (password != NULL)
    {
      g_assert_no_errno (pipe (pipe_fds));
      g_assert_cmpint (write (pipe_fds[1], password, strlen (password)), ==, (gssize) strlen (password));
      close (pipe_fds[1]);
      g_subprocess_launcher_take_fd (launcher, pipe_fds[0], 3);
      g_ptr_array_add (args, (gpointer) "--password-fd");
      g_ptr_array_add (args, (gpointer) "3");
    }
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_unlink (input_path);
  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
}

void
rv_test_rvault_vault_valist (RvTestRun  *run,
                             const char *vault_path,
                             const char *input,
                             const char *password,
                             va_list     args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;

  rv_test_run_clear (run);
  g_ptr_array_add (argv, (gpointer) "--vault");
  g_ptr_array_add (argv, (gpointer) vault_path);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);
  rv_test_rvault (run, input, password, (const char *const *) argv->pdata);
}

void
rv_test_rvault_vault (RvTestRun  *run,
                      const char *vault_path,
                      const char *input,
                      const char *password,
                      ...)
{
  va_list args;

  va_start (args, password);
  rv_test_rvault_vault_valist (run, vault_path, input, password, args);
  va_end (args);
}

void
rv_test_assert_status (RvTestRun *run,
                       int        status)
{
  if (run->status != status)
    g_error ("rvault exited with %d, not %d\nstdout: %s\nstderr: %s",
             run->status, status, run->out, run->err);
}

gboolean
rv_test_have_secret_service (void)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  /* Without an address GLib would try to autolaunch a stray bus. */
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    return FALSE;
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus == NULL)
    return FALSE;
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);
  return has_owner;
}

char *
rv_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("rvault-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
rv_test_rm_rf (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);

          rv_test_rm_rf (child);
          g_object_unref (info);
        }
    }
  g_file_delete (file, NULL, NULL);
}

/* A path under the source tree's tests/ folder. The result is cached. */
const char *
rv_test_source_path (const char *relative)
{
  return g_intern_string (g_test_get_filename (G_TEST_DIST, relative, NULL));
}

gboolean
rv_test_in_child (void)
{
  if (g_test_subprocess ())
    return TRUE;
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  return FALSE;
}

gboolean
rv_test_library_mapped (const char *soname)
{
  g_autofree char *maps = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  return strstr (maps, soname) != NULL;
}
