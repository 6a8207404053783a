/* rv-cli-prompt.h: reading passwords and answers from the terminal or a descriptor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rv-secret.h"

G_BEGIN_DECLS

/* Longest password or one-line secret accepted. */
#define RV_CLI_MAX_PASSWORD 4096

gboolean  rv_cli_has_terminal        (void);
RvSecret *rv_cli_prompt_secret       (const char  *prompt,
                                      GError     **error);
RvSecret *rv_cli_prompt_new_password (const char  *prompt,
                                      const char  *repeat_prompt,
                                      GError     **error);
gboolean  rv_cli_confirm             (const char  *question);
RvSecret *rv_cli_read_password_fd    (int          fd,
                                      GError     **error);
RvSecret *rv_cli_read_stdin_secret   (const char  *prompt,
                                      gsize        max_size,
                                      GError     **error);
gboolean  rv_cli_split_first_line    (const RvSecret *text,
                                      RvSecret      **first,
                                      RvSecret      **rest);

G_END_DECLS
