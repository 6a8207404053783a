/* rv-lazy.c: libraries loaded when a feature first needs them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Why and how: rv-lazy.h. GModule (dlopen) does the loading.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rv-lazy.h"

#include "rv-lazy-archive.h"
#include "rv-lazy-argon2.h"
#include "rv-lazy-sqlite.h"

/* The libraries core loads this way; each RV_LIB… variable lets the tests
 * name a file that is not there (rv-qr.c holds zbar's and libqrencode's). */
RvLazyLibrary rv_lazy_archive = RV_LAZY_LIBRARY_INIT (ARCHIVE_SONAME, "RV_LIBARCHIVE");
RvLazyLibrary rv_lazy_sqlite = RV_LAZY_LIBRARY_INIT (SQLITE_SONAME, "RV_LIBSQLITE3");
RvLazyLibrary rv_lazy_argon2 = RV_LAZY_LIBRARY_INIT (ARGON2_SONAME, "RV_LIBARGON2");

const char *
rv_lazy_library_load (RvLazyLibrary *lib)
{
  g_return_val_if_fail (lib != NULL && lib->soname != NULL, NULL);

  if (g_once_init_enter (&lib->once))
    {
      const char *name = lib->env != NULL ? g_getenv (lib->env) : NULL;

      /* Local binding: its symbols do not join the ones every later
       * library's lookups walk past. Kept open: objects it made outlive
       * any one use. */
      lib->module = g_module_open (name != NULL ? name : lib->soname, G_MODULE_BIND_LOCAL);
      if (lib->module != NULL)
        g_module_make_resident (lib->module);
      else
        lib->reason = g_strdup (g_module_error ());
      g_once_init_leave (&lib->once, 1);
    }
  return lib->reason;
}

gboolean
rv_lazy_library_require (RvLazyLibrary *lib,
                         GQuark         domain,
                         gint           code,
                         const char    *what,
                         GError       **error)
{
  const char *reason = rv_lazy_library_load (lib);

  if (reason == NULL)
    return TRUE;
  /* Translators: what cannot be done, a library's file name, then why it
   * did not load (the system's words). */
  g_set_error (error, domain, code, _("%s: the library %s did not load (%s)"),
               what, lib->soname, reason);
  return FALSE;
}

gpointer
rv_lazy_library_symbol (RvLazyLibrary *lib,
                        const char    *name)
{
  const char *reason = rv_lazy_library_load (lib);
  gpointer address = NULL;

  if (reason != NULL)
    g_error ("%s is needed but did not load (%s)", lib->soname, reason);
  if (!g_module_symbol (lib->module, name, &address) || address == NULL)
    g_error ("%s has no %s", lib->soname, name);
  return address;
}
