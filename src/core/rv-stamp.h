/* rv-stamp.h: this machine's device id and the modification stamps of synced items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See docs/vault-format.md ("Stamps") and docs/sync.md.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* When and where an item last changed: Unix milliseconds and the device id
 * (an interned string, or NULL for "unknown", as in version-1 files).
 * Ordered by (ms, device), so two copies always agree which is newer. */
typedef struct
{
  gint64      ms;
  const char *device;
} RvStamp;

#define RV_STAMP_NONE ((RvStamp) { 0, NULL })

/* The random UUID of this machine and user, kept in
 * $XDG_STATE_HOME/recovery-vault/device-id (0600, never synced); the
 * RV_DEVICE_ID environment variable overrides it (tests). Interned. */
const char *rv_device_get_id     (void);

/* A stamp for a change made now on this device, never earlier than
 * @previous + 1 ms (a clock that went back still moves forward). */
RvStamp     rv_stamp_next        (const RvStamp *previous);
/* A stamp read from a file: @device is interned when it is a UUID (in
 * lowercase), any other text is an unknown device (NULL). */
RvStamp     rv_stamp_make        (gint64         ms,
                                  const char    *device);
/* The stamp of an item a version-1 file last changed at @unix_seconds. */
RvStamp     rv_stamp_from_seconds (gint64        unix_seconds);
int         rv_stamp_compare     (const RvStamp *a,
                                  const RvStamp *b);
gboolean    rv_stamp_is_none     (const RvStamp *stamp);
/* The newer of two stamps. */
RvStamp     rv_stamp_max         (const RvStamp *a,
                                  const RvStamp *b);

G_END_DECLS
