/* rv-lazy-poppler.h: poppler-glib, loaded when a sheet is first read back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Include in place of linking poppler-glib (why: rv-lazy.h; it brings ten
 * libraries: poppler, NSS, NSPR, lcms2, OpenJPEG…). The read-back calls
 * rv_lazy_library_require (&rv_lazy_poppler, ...) first.
 */
#pragma once

#include <poppler.h>

#include "rv-lazy.h"

extern RvLazyLibrary rv_lazy_poppler;

#define poppler_document_new_from_bytes      RV_LAZY_CALL (rv_lazy_poppler, poppler_document_new_from_bytes)
#define poppler_document_get_n_pages         RV_LAZY_CALL (rv_lazy_poppler, poppler_document_get_n_pages)
#define poppler_document_get_page            RV_LAZY_CALL (rv_lazy_poppler, poppler_document_get_page)
#define poppler_page_get_size                RV_LAZY_CALL (rv_lazy_poppler, poppler_page_get_size)
#define poppler_page_render_for_printing     RV_LAZY_CALL (rv_lazy_poppler, poppler_page_render_for_printing)
#define poppler_page_get_text                RV_LAZY_CALL (rv_lazy_poppler, poppler_page_get_text)
#define poppler_page_find_text_with_options  RV_LAZY_CALL (rv_lazy_poppler, poppler_page_find_text_with_options)
#define poppler_rectangle_free               RV_LAZY_CALL (rv_lazy_poppler, poppler_rectangle_free)
