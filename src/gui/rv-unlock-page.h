/* rv-unlock-page.h: asks for the password and opens the vault
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rv-vault.h"

G_BEGIN_DECLS

#define RV_TYPE_UNLOCK_PAGE (rv_unlock_page_get_type ())

G_DECLARE_FINAL_TYPE (RvUnlockPage, rv_unlock_page, RV, UNLOCK_PAGE, AdwBin)

GtkWidget  *rv_unlock_page_new          (void);
const char *rv_unlock_page_get_path     (RvUnlockPage *self);
void        rv_unlock_page_set_path     (RvUnlockPage *self,
                                         const char   *path);
/* Opens with the login keyring when the vault has a keyring slot; returns
 * whether it tried. */
gboolean    rv_unlock_page_try_keyring  (RvUnlockPage *self);
void        rv_unlock_page_unlock       (RvUnlockPage *self);
gboolean    rv_unlock_page_get_busy     (RvUnlockPage *self);
const char *rv_unlock_page_get_error    (RvUnlockPage *self);
/* At start-up, before the window: see rv-unlock-page.c. */
void        rv_unlock_page_prefetch_keyring (const char *path);
void        rv_unlock_page_drop_prefetch    (void);
gboolean    rv_unlock_page_prefetch_pending (void);
RvVault    *rv_unlock_page_take_prefetched (const char *path);
/* Clears the entry and any error, and focuses the entry. */
void        rv_unlock_page_reset        (RvUnlockPage *self);

G_END_DECLS
