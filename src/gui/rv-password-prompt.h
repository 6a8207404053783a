/* rv-password-prompt.h: ask for one password in a message dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rv-secret.h"

G_BEGIN_DECLS

void      rv_password_prompt_run_async  (GtkWindow           *parent,
                                         const char          *heading,
                                         const char          *body,
                                         const char          *accept_label,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
/* Returns: (transfer full): the password, or NULL with G_IO_ERROR_CANCELLED. */
RvSecret *rv_password_prompt_run_finish (GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
