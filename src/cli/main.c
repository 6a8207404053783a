/* main.c: the rvault command
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rv-cli.h"

int
main (int   argc,
      char *argv[])
{
  return rv_cli_run (argc, argv);
}
