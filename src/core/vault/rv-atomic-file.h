/* rv-atomic-file.h: durable, atomic replacement of a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writes @data to a temporary file beside @path (created with @mode), fsyncs
 * it, renames it over @path and fsyncs the folder: after a crash @path holds
 * either the old or the new content, never a mix. Errors are G_IO_ERROR. */
gboolean rv_atomic_file_write  (const char    *path,
                                gconstpointer  data,
                                gsize          len,
                                guint          mode,
                                GError       **error);

/* fsync() of the folder holding @path, so a rename or unlink in it is durable. */
gboolean rv_atomic_file_sync_folder (const char *path,
                                     GError    **error);

G_END_DECLS
