/* test-secret.c: guarded secret memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include "rv-secret.h"
#include "rv-secret-scan.h"

static void
test_basics (void)
{
  g_autoptr(RvSecret) a = rv_secret_new_from_string ("hunter2");
  g_autoptr(RvSecret) b = rv_secret_copy (a);
  g_autoptr(RvSecret) c = rv_secret_new_from_string ("hunter3");

  g_assert_cmpstr (rv_secret_get_string (a), ==, "hunter2");
  g_assert_cmpuint (rv_secret_get_size (a), ==, 7);
  g_assert_true (rv_secret_equal (a, b));
  g_assert_false (rv_secret_equal (a, c));
  g_assert_true (rv_secret_contains ("my hunter2 is", 13, a));
  g_assert_false (rv_secret_contains ("my hunter is", 12, a));

  rv_secret_truncate (c, 3);
  g_assert_cmpstr (rv_secret_get_string (c), ==, "hun");
}

/* Ten thousand secrets share a handful of guarded regions, and the regions go
 * away when the secrets do. */
static void
test_arena_scales (void)
{
  g_autoptr(GPtrArray) secrets = g_ptr_array_new_with_free_func ((GDestroyNotify) rv_secret_free);
  gsize before = rv_secret_get_n_regions ();

  for (guint i = 0; i < 10000; i++)
    g_ptr_array_add (secrets, rv_secret_new_from_string ("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"));

  g_assert_cmpuint (rv_secret_get_n_regions () - before, <, 20);
  g_ptr_array_set_size (secrets, 0);
  g_assert_cmpuint (rv_secret_get_n_regions (), <=, before + 1);
}

static void
test_large (void)
{
  g_autoptr(RvSecret) big = rv_secret_new (1024 * 1024);

  memset (rv_secret_get_mutable_data (big), 'x', 1024 * 1024);
  g_assert_cmpuint (rv_secret_get_size (big), ==, 1024 * 1024);
}

static void
test_read_fd (void)
{
  int fds[2];
  g_autoptr(RvSecret) secret = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_no_errno (pipe (fds));
  g_assert_cmpint (write (fds[1], "s3cret\r\n", 8), ==, 8);
  close (fds[1]);
  secret = rv_secret_read_fd (fds[0], 64, &error);
  close (fds[0]);
  g_assert_no_error (error);
  g_assert_cmpstr (rv_secret_get_string (secret), ==, "s3cret");

  g_assert_no_errno (pipe (fds));
  g_assert_cmpint (write (fds[1], "0123456789", 10), ==, 10);
  close (fds[1]);
  g_clear_pointer (&secret, rv_secret_free);
  secret = rv_secret_read_fd (fds[0], 4, &error);
  close (fds[0]);
  g_assert_null (secret);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
}

/* The one scanner: as written, or ignoring case, white space, '-' and '=';
 * nothing shorter than RV_SECRET_SCAN_MIN_LENGTH once normalised. */
static void
test_scan (void)
{
  g_autoptr(RvSecretScan) scan = rv_secret_scan_new ("my codes: abcd-efgh 1234, q7w8 and key "
                                                     "gezd gnbv gy3t qojq====");
  g_autoptr(RvSecret) code = rv_secret_new_from_string ("ABCD EFGH-1234");
  g_autoptr(RvSecret) short_code = rv_secret_new_from_string ("q7w8");
  g_autoptr(RvSecret) five = rv_secret_new_from_string ("codes");
  g_autoptr(RvSecret) absent = rv_secret_new_from_string ("zzzz-zzzz");
  g_autoptr(RvSecret) seed = rv_secret_new_from_string ("12345678901234567890");
  g_autoptr(RvSecret) seed10 = rv_secret_new_from_string ("1234567890");  /* GEZDGNBVGY3TQOJQ */
  g_autoptr(RvSecretScan) raw = rv_secret_scan_new ("seed 12345678901234567890 oops");
  g_autoptr(RvSecretScan) empty = rv_secret_scan_new ("");

  g_assert_true (rv_secret_scan_find (scan, code));
  g_assert_false (rv_secret_scan_find (scan, short_code));
  g_assert_false (rv_secret_scan_find (scan, five));
  g_assert_false (rv_secret_scan_find (scan, absent));
  g_assert_false (rv_secret_scan_find (scan, NULL));
  g_assert_true (rv_secret_scan_find_otp_seed (scan, seed10));
  g_assert_true (rv_secret_scan_find_otp_seed (raw, seed));
  g_assert_false (rv_secret_scan_find_otp_seed (raw, NULL));
  g_assert_false (rv_secret_scan_find_otp_seed (empty, seed));
  g_assert_false (rv_secret_scan_find (empty, code));
}

/* Without RV_ALLOW_CORE_DUMPS=1 the process is made non-dumpable with no
 * core size; with it, both are left alone. In subprocesses: neither comes
 * back. */
static void
test_protect_process (void)
{
  if (g_test_subprocess ())
    {
      struct rlimit limit;

      if (g_strcmp0 (g_getenv ("RV_ALLOW_CORE_DUMPS"), "1") == 0)
        {
          g_assert_false (rv_secret_protect_process ());
          g_assert_cmpint (prctl (PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 1);
          return;
        }
      g_assert_cmpint (prctl (PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 1);
      g_assert_true (rv_secret_protect_process ());
      g_assert_cmpint (prctl (PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 0);
      g_assert_no_errno (getrlimit (RLIMIT_CORE, &limit));
      g_assert_cmpuint (limit.rlim_cur, ==, 0);
      g_assert_cmpuint (limit.rlim_max, ==, 0);
      return;
    }

  g_unsetenv ("RV_ALLOW_CORE_DUMPS");
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();

  g_setenv ("RV_ALLOW_CORE_DUMPS", "1", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_unsetenv ("RV_ALLOW_CORE_DUMPS");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secret/basics", test_basics);
  g_test_add_func ("/secret/arena-scales", test_arena_scales);
  g_test_add_func ("/secret/large", test_large);
  g_test_add_func ("/secret/read-fd", test_read_fd);
  g_test_add_func ("/secret/scan", test_scan);
  g_test_add_func ("/secret/protect-process", test_protect_process);

  return g_test_run ();
}
