/* rv-poppler.c: poppler-glib, loaded when a sheet is first read back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Linking poppler-glib brings ten libraries (poppler, NSS, NSPR, lcms2,
 * OpenJPEG…) that the dynamic loader maps and relocates at every start of
 * the app and of rvault, ~8 ms before main() here, for the one feature that
 * reads a PDF. GModule opens it by its SONAME (checked against the
 * installed library by meson) the first time; the calls keep the header's
 * types (__typeof__), so a changed signature fails the build.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gmodule.h>

#include "rv-poppler.h"
#include "rv-sheet.h"

static RvPoppler calls;
static char *load_error;

static gboolean
find (GModule     *module,
      const char  *name,
      gpointer    *out)
{
  if (g_module_symbol (module, name, out) && *out != NULL)
    return TRUE;
  /* Translators: a library's file name, then the name of a function. */
  load_error = g_strdup_printf (_("%s has no %s"), POPPLER_GLIB_SONAME, name);
  return FALSE;
}

static void
load (void)
{
  /* RV_POPPLER_GLIB lets the tests name a library that is not there. */
  const char *name = g_getenv ("RV_POPPLER_GLIB");
  GModule *module = g_module_open (name != NULL ? name : POPPLER_GLIB_SONAME,
                                   G_MODULE_BIND_LOCAL);

  if (module == NULL)
    {
      load_error = g_strdup (g_module_error ());
      return;
    }
#define FIND(field, symbol) find (module, #symbol, (gpointer *) &calls.field)
  if (!FIND (document_new_from_bytes, poppler_document_new_from_bytes) ||
      !FIND (document_get_n_pages, poppler_document_get_n_pages) ||
      !FIND (document_get_page, poppler_document_get_page) ||
      !FIND (page_get_size, poppler_page_get_size) ||
      !FIND (page_render_for_printing, poppler_page_render_for_printing) ||
      !FIND (page_get_text, poppler_page_get_text) ||
      !FIND (page_find_text_with_options, poppler_page_find_text_with_options) ||
      !FIND (rectangle_free, poppler_rectangle_free))
    {
      g_module_close (module);
      return;
    }
#undef FIND
  /* Kept open: poppler's objects outlive any one read-back. */
  g_module_make_resident (module);
}

const RvPoppler *
rv_poppler_get (GError **error)
{
  static gsize loaded = 0;

  if (g_once_init_enter (&loaded))
    {
      load ();
      g_once_init_leave (&loaded, 1);
    }
  if (load_error != NULL)
    {
      g_set_error (error, RV_SHEET_ERROR, RV_SHEET_ERROR_VERIFY,
                   _("The sheet cannot be read back: the PDF reader did not load (%s)"),
                   load_error);
      return NULL;
    }
  return &calls;
}
