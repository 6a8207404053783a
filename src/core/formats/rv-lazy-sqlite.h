/* rv-lazy-sqlite.h: sqlite3, loaded when a database export is first read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Include in place of linking sqlite3 (why: rv-lazy.h). Entry points call
 * rv_lazy_library_require (&rv_lazy_sqlite, ...) first.
 */
#pragma once

#include <sqlite3.h>

#include "rv-lazy.h"

extern RvLazyLibrary rv_lazy_sqlite;

#define sqlite3_bind_text     RV_LAZY_CALL (rv_lazy_sqlite, sqlite3_bind_text)
#define sqlite3_close         RV_LAZY_CALL (rv_lazy_sqlite, sqlite3_close)
#define sqlite3_column_int    RV_LAZY_CALL (rv_lazy_sqlite, sqlite3_column_int)
#define sqlite3_column_int64  RV_LAZY_CALL (rv_lazy_sqlite, sqlite3_column_int64)
#define sqlite3_column_text   RV_LAZY_CALL (rv_lazy_sqlite, sqlite3_column_text)
#define sqlite3_deserialize   RV_LAZY_CALL (rv_lazy_sqlite, sqlite3_deserialize)
#define sqlite3_errmsg        RV_LAZY_CALL (rv_lazy_sqlite, sqlite3_errmsg)
#define sqlite3_finalize      RV_LAZY_CALL (rv_lazy_sqlite, sqlite3_finalize)
#define sqlite3_open_v2       RV_LAZY_CALL (rv_lazy_sqlite, sqlite3_open_v2)
#define sqlite3_prepare_v2    RV_LAZY_CALL (rv_lazy_sqlite, sqlite3_prepare_v2)
#define sqlite3_step          RV_LAZY_CALL (rv_lazy_sqlite, sqlite3_step)
