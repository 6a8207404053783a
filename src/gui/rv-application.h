/* rv-application.h: the Recovery Vault application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RV_TYPE_APPLICATION (rv_application_get_type ())

G_DECLARE_FINAL_TYPE (RvApplication, rv_application, RV, APPLICATION, AdwApplication)

RvApplication *rv_application_new              (void);
GSettings     *rv_application_get_settings     (RvApplication *self);
const char    *rv_application_get_vault_path   (RvApplication *self);

void           rv_application_mark_launch_time (void);
gint64         rv_application_get_launch_time  (void);

G_END_DECLS
