/* rv-poppler.h: the poppler-glib calls the sheet's read-back makes,
 * loaded when first needed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <poppler.h>

G_BEGIN_DECLS

typedef struct
{
  __typeof__ (poppler_document_new_from_bytes)     *document_new_from_bytes;
  __typeof__ (poppler_document_get_n_pages)        *document_get_n_pages;
  __typeof__ (poppler_document_get_page)           *document_get_page;
  __typeof__ (poppler_page_get_size)               *page_get_size;
  __typeof__ (poppler_page_render_for_printing)    *page_render_for_printing;
  __typeof__ (poppler_page_get_text)               *page_get_text;
  __typeof__ (poppler_page_find_text_with_options) *page_find_text_with_options;
  __typeof__ (poppler_rectangle_free)              *rectangle_free;
} RvPoppler;

/* The calls, or NULL with an error naming the library that did not load. */
const RvPoppler *rv_poppler_get (GError **error);

G_END_DECLS
