/* rv-search-provider.h: accounts in the GNOME Shell overview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rv-application.h"
#include "rv-vault.h"

G_BEGIN_DECLS

#define RV_SEARCH_PROVIDER_PATH "/com/example/RecoveryVault/SearchProvider"

#define RV_TYPE_SEARCH_PROVIDER (rv_search_provider_get_type ())

G_DECLARE_FINAL_TYPE (RvSearchProvider, rv_search_provider, RV, SEARCH_PROVIDER, GObject)

/* Returns the unlocked vault (not a new reference), or NULL while it is locked. */
typedef RvVault *(*RvSearchProviderVaultFunc) (gpointer user_data);

/* Searches the vault @vault_func returns; copies codes with the clipboard
 * clearing delay of @settings ("clipboard-clear-delay"). */
RvSearchProvider *rv_search_provider_new                 (RvSearchProviderVaultFunc  vault_func,
                                                          gpointer                   user_data,
                                                          GSettings                 *settings);
/* Searches the vault of @application's unlocked window, if any; activating
 * a result also tells the user (a notification) that the code was copied. */
RvSearchProvider *rv_search_provider_new_for_application (RvApplication             *application);

gboolean          rv_search_provider_export              (RvSearchProvider          *self,
                                                          GDBusConnection           *connection,
                                                          const char                *object_path,
                                                          GError                   **error);
void              rv_search_provider_unexport            (RvSearchProvider          *self);

G_END_DECLS
