/* rv-cli-output.h: printing accounts for people and as JSON, secrets only when asked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "rv-account.h"

G_BEGIN_DECLS

/* Stands for a secret that is not shown. */
#define RV_CLI_MASK "********"

char         *rv_cli_format_time          (gint64          unix_time);
char         *rv_cli_format_tags          (RvAccount      *account);
void          rv_cli_print_field          (const char     *label,
                                           const char     *value);
RvSecret     *rv_cli_json_escape_secret   (const RvSecret *secret);
void          rv_cli_json_add_time        (JsonBuilder    *builder,
                                           const char     *member,
                                           gint64          unix_time);
void          rv_cli_json_add_string      (JsonBuilder    *builder,
                                           const char     *member,
                                           const char     *value);
void          rv_cli_json_add_tags        (JsonBuilder    *builder,
                                           RvAccount      *account);

void          rv_cli_print_secret_field   (const char     *label,
                                           const RvSecret *secret,
                                           gboolean        reveal);
void          rv_cli_print_recovery_codes (RvAccount      *account,
                                           gboolean        reveal);

/* JSON output with secrets spliced in from guarded memory when printed, so
 * the generated text (ordinary heap) never holds them. */
typedef struct _RvCliRevealer RvCliRevealer;

RvCliRevealer *rv_cli_revealer_new        (void);
void           rv_cli_revealer_free       (RvCliRevealer  *self);
void           rv_cli_revealer_add_secret (RvCliRevealer  *self,
                                           JsonBuilder    *builder,
                                           const char     *member,
                                           const RvSecret *secret);
void           rv_cli_revealer_print      (RvCliRevealer  *self,
                                           JsonNode       *root);

void           rv_cli_json_add_recovery_codes (RvCliRevealer *revealer,
                                               JsonBuilder   *builder,
                                               RvAccount     *account,
                                               gboolean       reveal);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RvCliRevealer, rv_cli_revealer_free)

G_END_DECLS
