/* rv-storage.h: atomic, durable vault files and the writers' lock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _RvStorageLock RvStorageLock;

RvStorageLock *rv_storage_lock              (const char     *path,
                                             guint           timeout_ms,
                                             GError        **error);
void           rv_storage_unlock            (RvStorageLock  *lock);

gboolean       rv_storage_ensure_folder     (const char     *path,
                                             GError        **error);
GBytes        *rv_storage_read              (const char     *path,
                                             GError        **error);
gboolean       rv_storage_write             (const char     *path,
                                             GBytes         *contents,
                                             gboolean        keep_previous,
                                             GError        **error);
char          *rv_storage_previous_path     (const char     *path);
char          *rv_storage_lock_path         (const char     *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RvStorageLock, rv_storage_unlock)

G_END_DECLS
