/* rv-create-page.h: first run: create a vault, or import one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rv-vault.h"

G_BEGIN_DECLS

#define RV_TYPE_CREATE_PAGE (rv_create_page_get_type ())

G_DECLARE_FINAL_TYPE (RvCreatePage, rv_create_page, RV, CREATE_PAGE, AdwBin)

GtkWidget  *rv_create_page_new        (void);
const char *rv_create_page_get_path   (RvCreatePage *self);
void        rv_create_page_set_path   (RvCreatePage *self,
                                       const char   *path);
gboolean    rv_create_page_get_valid  (RvCreatePage *self);
const char *rv_create_page_get_hint   (RvCreatePage *self);
void        rv_create_page_create     (RvCreatePage *self);
gboolean    rv_create_page_get_busy   (RvCreatePage *self);
/* The import asked for on the first-run page follows the vault's creation. */
void        rv_create_page_show_import_pending (RvCreatePage *self);

G_END_DECLS
