/* rv-account-avatar.h: an account's icon: from an icon pack, or its initials
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RV_TYPE_ACCOUNT_AVATAR (rv_account_avatar_get_type ())

G_DECLARE_FINAL_TYPE (RvAccountAvatar, rv_account_avatar, RV, ACCOUNT_AVATAR, GtkWidget)

GtkWidget  *rv_account_avatar_new            (int              size);
/* Shows the icon packs' icon for @issuer, else the initials of @issuer (or of
 * @fallback, e.g. the account name, when the issuer is blank) on a colour
 * that depends only on that text. */
void        rv_account_avatar_set_issuer     (RvAccountAvatar *self,
                                              const char      *issuer,
                                              const char      *fallback);
/* The text the initials and colour come from. */
const char *rv_account_avatar_get_text       (RvAccountAvatar *self);
gboolean    rv_account_avatar_has_pack_icon  (RvAccountAvatar *self);

/* The icon packs every avatar uses (a GPtrArray of RvIconPack, or NULL to
 * read the ones in rv_icon_pack_default_dir() again on next use). Avatars
 * already shown keep their icon until set again. */
void        rv_account_avatar_set_icon_packs (GPtrArray       *packs);

G_END_DECLS
