/* rv-icon-pack.h: icon packs in Aegis's format (a zip with pack.json)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RV_ICON_PACK_ERROR (rv_icon_pack_error_quark ())

typedef enum
{
  RV_ICON_PACK_ERROR_ARCHIVE,       /* not a zip file, or a damaged one */
  RV_ICON_PACK_ERROR_NO_MANIFEST,   /* no pack.json at the top of the zip */
  RV_ICON_PACK_ERROR_INVALID,       /* pack.json is not the documented format */
  RV_ICON_PACK_ERROR_UNSAFE_NAME,   /* an absolute path, "..", a backslash... */
  RV_ICON_PACK_ERROR_TOO_LARGE,     /* over one of the limits below */
  RV_ICON_PACK_ERROR_MISSING_ICON,  /* pack.json names a file the zip lacks */
} RvIconPackError;

/* Limits: an icon pack is a few thousand small images. */
#define RV_ICON_PACK_MAX_MANIFEST_SIZE (4 * 1024 * 1024)
#define RV_ICON_PACK_MAX_ICON_SIZE     (1024 * 1024)
#define RV_ICON_PACK_MAX_TOTAL_SIZE    (128 * 1024 * 1024)
#define RV_ICON_PACK_MAX_ENTRIES       20000

typedef enum
{
  RV_ICON_TYPE_SVG,
  RV_ICON_TYPE_PNG,
  RV_ICON_TYPE_JPEG,
} RvIconType;

typedef struct
{
  char        *filename;   /* relative, as in pack.json: "SVG/GitHub.svg" */
  char        *category;   /* or NULL */
  char       **issuers;    /* the issuers it is for, as written */
  RvIconType   type;
  GBytes      *data;       /* the image; NULL until read from the zip */
} RvIcon;

typedef struct _RvIconPack RvIconPack;

GQuark        rv_icon_pack_error_quark    (void);

/* Parses pack.json alone (no image data). */
RvIconPack   *rv_icon_pack_new_from_json  (const char  *data,
                                           gsize        length,
                                           GError     **error);
/* Reads a zip: pack.json and every image it lists, into memory (nothing is
 * extracted to disk). */
RvIconPack   *rv_icon_pack_new_from_zip   (const char  *path,
                                           GError     **error);

RvIconPack   *rv_icon_pack_ref            (RvIconPack  *self);
void          rv_icon_pack_unref          (RvIconPack  *self);

const char   *rv_icon_pack_get_uuid       (RvIconPack  *self);
const char   *rv_icon_pack_get_name       (RvIconPack  *self);
gint64        rv_icon_pack_get_version    (RvIconPack  *self);
guint         rv_icon_pack_get_n_icons    (RvIconPack  *self);
const RvIcon *rv_icon_pack_get_icon       (RvIconPack  *self,
                                           guint        index);
/* The icon for @issuer, or NULL (see the rules in rv-icon-pack.c). */
const RvIcon *rv_icon_pack_match          (RvIconPack  *self,
                                           const char  *issuer);

/* $XDG_DATA_HOME/recovery-vault/icon-packs */
char         *rv_icon_pack_default_dir    (void);
/* Every *.zip in @dir, in name order; packs that cannot be read are left out
 * and, if @errors is given, their errors (prefixed by the file name) added to it. */
GPtrArray    *rv_icon_packs_load_dir      (const char  *dir,
                                           GPtrArray   *errors);
/* The best match over @packs (a GPtrArray of RvIconPack), or NULL. */
const RvIcon *rv_icon_packs_match         (GPtrArray   *packs,
                                           const char  *issuer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RvIconPack, rv_icon_pack_unref)

G_END_DECLS
