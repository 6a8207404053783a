/* main.c: the rvault command
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rv-cli.h"
#include "rv-secret.h"

int
main (int   argc,
      char *argv[])
{
  /* No core dump of an unlocked vault unless RV_ALLOW_CORE_DUMPS=1. */
  rv_secret_protect_process ();
  return rv_cli_run (argc, argv);
}
