/* rv-test-util.h: helpers shared by the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  int   status;     /* exit status, or -1 if killed by a signal */
  char *out;
  char *err;
} RvTestRun;

void        rv_test_run_clear     (RvTestRun   *run);
/* Runs the built rvault with @argv (NULL-terminated, without "rvault"),
 * feeding @input on stdin (may be NULL). @password, if not NULL, is passed on
 * a pipe as --password-fd 3. */
void        rv_test_rvault        (RvTestRun   *run,
                                   const char  *input,
                                   const char  *password,
                                   const char  *const *argv);
/* The same with "--vault @vault_path" first and the rest of the arguments
 * as a NULL-terminated list. */
void        rv_test_rvault_vault  (RvTestRun   *run,
                                   const char  *vault_path,
                                   const char  *input,
                                   const char  *password,
                                   ...) G_GNUC_NULL_TERMINATED;
void        rv_test_rvault_vault_valist (RvTestRun   *run,
                                         const char  *vault_path,
                                         const char  *input,
                                         const char  *password,
                                         va_list      args);
/* Fails the test with rvault's output unless it exited with @status. */
void        rv_test_assert_status (RvTestRun   *run,
                                   int          status);
/* Whether a Secret Service owns its name on the session bus (tools/test
 * starts one); never autolaunches a bus. */
gboolean    rv_test_have_secret_service (void);
char       *rv_test_make_tmpdir   (void);
void        rv_test_rm_rf         (const char  *path);
const char *rv_test_source_path   (const char  *relative);
/* In the test process: runs the current test again in a child, asserts it
 * passed and returns FALSE; in that child, returns TRUE. For tests that need
 * a process of their own: `if (!rv_test_in_child ()) return;` */
gboolean    rv_test_in_child      (void);
/* Whether a library (by SONAME) is mapped into this process. */
gboolean    rv_test_library_mapped (const char *soname);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RvTestRun, rv_test_run_clear)

G_END_DECLS
