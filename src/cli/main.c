/* main.c: the rvault command
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "rv-cli.h"
#include "rv-secret.h"

int
main (int   argc,
      char *argv[])
{
  /* No core dump of an unlocked vault unless RV_ALLOW_CORE_DUMPS=1. */
  rv_secret_protect_process ();

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  return rv_cli_run (argc, argv);
}
