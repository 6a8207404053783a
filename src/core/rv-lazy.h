/* rv-lazy.h: libraries loaded when a feature first needs them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A library linked into the app is mapped and relocated at every start, and
 * every symbol lookup of every later library walks past it: libarchive with
 * libxml2 and ICU, sqlite3, zbar with libdbus and v4l, libqrencode and
 * libargon2 cost the app ~7 ms of every launch (tests/bench/bench-gui-startup)
 * for features a user reaches by a click: imports, QR codes. They are opened
 * by their SONAME (checked against the installed library by meson) the
 * first time a feature needs them, with local binding.
 *
 * A library's header (rv-lazy-archive.h, …) redirects each function the
 * code calls:
 *
 *   #define archive_read_new RV_LAZY_CALL (rv_lazy_archive, archive_read_new)
 *
 * so call sites read as before and keep the library header's types
 * (__typeof__ of its declaration: a changed signature fails the build).
 * Each call site looks its symbol up once. A feature's entry point calls
 * rv_lazy_library_require() first, so a library that does not load is a
 * clear error naming it; a call made before that loads the library itself.
 * A symbol missing from a library that loaded is treated as the dynamic
 * linker treats it for a linked library (same SONAME, same ABI): the
 * process stops, naming both.
 */
#pragma once

#include <glib.h>
#include <gmodule.h>

G_BEGIN_DECLS

typedef struct
{
  const char *soname;  /* as meson checked it */
  const char *env;     /* names another file to open instead (tests), or NULL */
  /*< private >*/
  gsize       once;
  GModule    *module;
  char       *reason;  /* why it did not load, or NULL */
} RvLazyLibrary;

#define RV_LAZY_LIBRARY_INIT(soname, env) { (soname), (env), 0, NULL, NULL }

/* Opens @lib the first time (thread-safe). Returns NULL, or why it did not
 * load (kept for the life of the process). */
const char *rv_lazy_library_load    (RvLazyLibrary *lib);

/* Loads @lib, or sets @error (@domain, @code) to "WHAT: the library SONAME
 * did not load (WHY)", @what saying what cannot be done. */
gboolean    rv_lazy_library_require (RvLazyLibrary *lib,
                                     GQuark         domain,
                                     gint           code,
                                     const char    *what,
                                     GError       **error);

/* @name's address in @lib, loading it if needed; stops the process if the
 * library does not load or lacks @name (see above). */
gpointer    rv_lazy_library_symbol  (RvLazyLibrary *lib,
                                     const char    *name);

/* The function @fn of @lib, typed as the library's header declares it.
 * Within its own redirect, @fn names the declaration, not the macro. */
#define RV_LAZY_CALL(lib, fn)                                              \
  (__extension__ ({                                                        \
    static gpointer rv_lazy_found;                                         \
    gpointer rv_lazy_p = g_atomic_pointer_get (&rv_lazy_found);            \
    if (G_UNLIKELY (rv_lazy_p == NULL))                                    \
      {                                                                    \
        rv_lazy_p = rv_lazy_library_symbol (&(lib), #fn);                  \
        g_atomic_pointer_set (&rv_lazy_found, rv_lazy_p);                  \
      }                                                                    \
    (__typeof__ (fn) *) rv_lazy_p;                                         \
  }))

G_END_DECLS
