/* rv-vault-payload-private.h: what the payload codec's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only rv-vault-payload*.c and rv-vault-tombstones.c include this.
 */
#pragma once

#include "rv-gvariant-codec.h"
#include "rv-vault-payload.h"

G_BEGIN_DECLS

/* rv-vault-payload-read.c */
gboolean  _rv_payload_is_code_id              (const char      *id);
gboolean  _rv_payload_get_stamp               (RvGvContext     *ctx,
                                               const RvGvEntry *entry,
                                               RvStamp         *stamp);

/* rv-vault-tombstones.c */
gboolean  _rv_payload_parse_tombstone         (RvGvContext     *ctx,
                                               RvGvSlice        record,
                                               gpointer         user_data);
/* Code tombstones go to their accounts; those of accounts not in @accounts
 * stay in @tombstones (their account may come back from another copy). */
void      _rv_payload_attach_code_tombstones  (GPtrArray       *accounts,
                                               GArray          *tombstones);

G_END_DECLS
