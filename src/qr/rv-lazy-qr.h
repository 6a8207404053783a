/* rv-lazy-qr.h: zbar and libqrencode, loaded when a QR code is first read
 * or drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Include in place of linking them (why: rv-lazy.h; zbar alone brings
 * libdbus, libsystemd and v4l). Entry points call
 * rv_lazy_library_require() on rv_lazy_zbar or rv_lazy_qrencode first.
 */
#pragma once

#include <qrencode.h>
#include <zbar.h>

#include "rv-lazy.h"

extern RvLazyLibrary rv_lazy_zbar;
extern RvLazyLibrary rv_lazy_qrencode;

#define zbar_image_create              RV_LAZY_CALL (rv_lazy_zbar, zbar_image_create)
#define zbar_image_destroy             RV_LAZY_CALL (rv_lazy_zbar, zbar_image_destroy)
#define zbar_image_first_symbol        RV_LAZY_CALL (rv_lazy_zbar, zbar_image_first_symbol)
#define zbar_image_scanner_create      RV_LAZY_CALL (rv_lazy_zbar, zbar_image_scanner_create)
#define zbar_image_scanner_destroy     RV_LAZY_CALL (rv_lazy_zbar, zbar_image_scanner_destroy)
#define zbar_image_scanner_set_config  RV_LAZY_CALL (rv_lazy_zbar, zbar_image_scanner_set_config)
#define zbar_image_set_data            RV_LAZY_CALL (rv_lazy_zbar, zbar_image_set_data)
#define zbar_image_set_format          RV_LAZY_CALL (rv_lazy_zbar, zbar_image_set_format)
#define zbar_image_set_size            RV_LAZY_CALL (rv_lazy_zbar, zbar_image_set_size)
#define zbar_scan_image                RV_LAZY_CALL (rv_lazy_zbar, zbar_scan_image)
#define zbar_symbol_get_data           RV_LAZY_CALL (rv_lazy_zbar, zbar_symbol_get_data)
#define zbar_symbol_get_data_length    RV_LAZY_CALL (rv_lazy_zbar, zbar_symbol_get_data_length)
#define zbar_symbol_get_type           RV_LAZY_CALL (rv_lazy_zbar, zbar_symbol_get_type)
#define zbar_symbol_next               RV_LAZY_CALL (rv_lazy_zbar, zbar_symbol_next)

#define QRcode_encodeData              RV_LAZY_CALL (rv_lazy_qrencode, QRcode_encodeData)
#define QRcode_free                    RV_LAZY_CALL (rv_lazy_qrencode, QRcode_free)
