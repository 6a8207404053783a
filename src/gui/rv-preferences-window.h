/* rv-preferences-window.h: preferences bound to GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rv-vault.h"

G_BEGIN_DECLS

#define RV_TYPE_PREFERENCES_WINDOW (rv_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (RvPreferencesWindow, rv_preferences_window, RV, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* @vault: (nullable): the open vault, for keyring unlock and the password. */
GtkWidget *rv_preferences_window_new (GSettings *settings,
                                      RvVault   *vault);

G_END_DECLS
