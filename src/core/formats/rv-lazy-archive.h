/* rv-lazy-archive.h: libarchive, loaded when a ZIP file is first read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Include in place of <archive.h> and <archive_entry.h>, instead of linking
 * libarchive (why: rv-lazy.h). Entry points call
 * rv_lazy_library_require (&rv_lazy_archive, ...) first.
 */
#pragma once

#include <archive.h>
#include <archive_entry.h>

#include "rv-lazy.h"

extern RvLazyLibrary rv_lazy_archive;

#define archive_entry_filetype                  RV_LAZY_CALL (rv_lazy_archive, archive_entry_filetype)
#define archive_entry_is_data_encrypted         RV_LAZY_CALL (rv_lazy_archive, archive_entry_is_data_encrypted)
#define archive_entry_pathname                  RV_LAZY_CALL (rv_lazy_archive, archive_entry_pathname)
#define archive_entry_pathname_utf8             RV_LAZY_CALL (rv_lazy_archive, archive_entry_pathname_utf8)
#define archive_entry_size                      RV_LAZY_CALL (rv_lazy_archive, archive_entry_size)
#define archive_entry_size_is_set               RV_LAZY_CALL (rv_lazy_archive, archive_entry_size_is_set)
#define archive_error_string                    RV_LAZY_CALL (rv_lazy_archive, archive_error_string)
#define archive_read_add_passphrase             RV_LAZY_CALL (rv_lazy_archive, archive_read_add_passphrase)
#define archive_read_data                       RV_LAZY_CALL (rv_lazy_archive, archive_read_data)
#define archive_read_free                       RV_LAZY_CALL (rv_lazy_archive, archive_read_free)
#define archive_read_new                        RV_LAZY_CALL (rv_lazy_archive, archive_read_new)
#define archive_read_next_header                RV_LAZY_CALL (rv_lazy_archive, archive_read_next_header)
#define archive_read_open_filename              RV_LAZY_CALL (rv_lazy_archive, archive_read_open_filename)
#define archive_read_open_memory                RV_LAZY_CALL (rv_lazy_archive, archive_read_open_memory)
#define archive_read_support_filter_none        RV_LAZY_CALL (rv_lazy_archive, archive_read_support_filter_none)
#define archive_read_support_format_zip         RV_LAZY_CALL (rv_lazy_archive, archive_read_support_format_zip)
#define archive_read_support_format_zip_seekable RV_LAZY_CALL (rv_lazy_archive, archive_read_support_format_zip_seekable)
