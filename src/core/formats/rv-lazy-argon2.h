/* rv-lazy-argon2.h: libargon2, loaded when an import first derives a key
 * with it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Include in place of linking libargon2 (why: rv-lazy.h). Entry points call
 * rv_lazy_library_require (&rv_lazy_argon2, ...) first.
 */
#pragma once

#include <argon2.h>

#include "rv-lazy.h"

extern RvLazyLibrary rv_lazy_argon2;

#define argon2_error_message  RV_LAZY_CALL (rv_lazy_argon2, argon2_error_message)
#define argon2id_hash_raw     RV_LAZY_CALL (rv_lazy_argon2, argon2id_hash_raw)
