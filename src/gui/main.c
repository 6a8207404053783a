/* main.c: entry point of the Recovery Vault desktop app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "rv-application.h"
#include "rv-secret.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RvApplication) app = NULL;

  /* Benchmark hook (RV_BENCH_STARTUP): measured from here. */
  rv_application_mark_launch_time ();

  /* No core dump of an unlocked vault unless RV_ALLOW_CORE_DUMPS=1. */
  rv_secret_protect_process ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Recovery Vault"));

  app = rv_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
