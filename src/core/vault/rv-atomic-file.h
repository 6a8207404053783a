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

/* The same in two steps, for a caller that has more to do between the
 * durable temporary file and the rename (the vault keeps its previous
 * generation there). _prepare writes and fsyncs the temporary file;
 * _commit renames it over @path and fsyncs the folder; _abort removes it.
 * _commit and _abort free @file, also on failure. */
typedef struct _RvAtomicFile RvAtomicFile;

RvAtomicFile *rv_atomic_file_prepare  (const char    *path,
                                       gconstpointer  data,
                                       gsize          len,
                                       guint          mode,
                                       GError       **error);
gboolean      rv_atomic_file_commit   (RvAtomicFile  *file,
                                       GError       **error);
void          rv_atomic_file_abort    (RvAtomicFile  *file);

/* fsync() of the folder holding @path, so a rename or unlink in it is durable. */
gboolean rv_atomic_file_sync_folder (const char *path,
                                     GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RvAtomicFile, rv_atomic_file_abort)

G_END_DECLS
