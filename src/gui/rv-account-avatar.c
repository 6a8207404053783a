/* rv-account-avatar.c: an account's icon: from an icon pack, or its initials
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An AdwAvatar: by default the issuer's initials on one of libadwaita's
 * colours, chosen from a hash of the text so an issuer always gets the same
 * one; with an icon pack installed in $XDG_DATA_HOME/recovery-vault/icon-packs
 * (Aegis's format, src/core/formats/rv-icon-pack.c), the pack's image for the
 * issuer instead. Packs are read once, when the first avatar needs them, and
 * each image is decoded once (GdkTexture; SVG through gdk-pixbuf's loader).
 * Nothing is ever fetched from the network.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rv-account-avatar.h"
#include "rv-icon-pack.h"
#include "rv-util.h"

struct _RvAccountAvatar
{
  GtkWidget  parent_instance;

  AdwAvatar *avatar;
  char      *text;
  gboolean   pack_icon;
};

G_DEFINE_FINAL_TYPE (RvAccountAvatar, rv_account_avatar, GTK_TYPE_WIDGET)

static GPtrArray  *icon_packs;      /* RvIconPack; NULL: not read yet */
static GHashTable *icon_textures;   /* const RvIcon * -> GdkTexture, or NULL when it failed */

void
rv_account_avatar_set_icon_packs (GPtrArray *packs)
{
  g_clear_pointer (&icon_textures, g_hash_table_unref);
  g_clear_pointer (&icon_packs, g_ptr_array_unref);
  if (packs != NULL)
    icon_packs = g_ptr_array_ref (packs);
}

static GPtrArray *
get_icon_packs (void)
{
  if (icon_packs == NULL)
    {
      g_autofree char *dir = rv_icon_pack_default_dir ();
      g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

      icon_packs = rv_icon_packs_load_dir (dir, errors);
      for (guint i = 0; i < errors->len; i++)
        g_message ("Icon pack left out: %s", ((GError *) g_ptr_array_index (errors, i))->message);
    }
  return icon_packs;
}

static GdkTexture *
get_texture (const RvIcon *icon)
{
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;

  if (icon_textures == NULL)
    icon_textures = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  if (g_hash_table_contains (icon_textures, icon))
    return g_hash_table_lookup (icon_textures, icon);

  texture = gdk_texture_new_from_bytes (icon->data, &error);
  if (texture == NULL)
    g_message ("Icon %s left out: %s", icon->filename, error->message);
  g_hash_table_insert (icon_textures, (gpointer) icon, texture);
  return texture;
}

GtkWidget *
rv_account_avatar_new (int size)
{
  RvAccountAvatar *self = g_object_new (RV_TYPE_ACCOUNT_AVATAR, NULL);

  adw_avatar_set_size (self->avatar, size);
  return GTK_WIDGET (self);
}

void
rv_account_avatar_set_issuer (RvAccountAvatar *self,
                              const char      *issuer,
                              const char      *fallback)
{
  const RvIcon *icon = NULL;
  GdkTexture *texture = NULL;
  const char *text;

  g_return_if_fail (RV_IS_ACCOUNT_AVATAR (self));

  text = !rv_str_is_blank (issuer) ? issuer : (!rv_str_is_blank (fallback) ? fallback : "");
  if (!rv_str_is_blank (issuer))
    icon = rv_icon_packs_match (get_icon_packs (), issuer);
  if (icon != NULL)
    texture = get_texture (icon);

  if (g_strcmp0 (self->text, text) != 0)
    {
      g_free (self->text);
      self->text = g_strdup (text);
      adw_avatar_set_text (self->avatar, text);
    }
  adw_avatar_set_custom_image (self->avatar, GDK_PAINTABLE (texture));
  self->pack_icon = texture != NULL;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text, -1);
}

const char *
rv_account_avatar_get_text (RvAccountAvatar *self)
{
  g_return_val_if_fail (RV_IS_ACCOUNT_AVATAR (self), NULL);

  return self->text != NULL ? self->text : "";
}

gboolean
rv_account_avatar_has_pack_icon (RvAccountAvatar *self)
{
  g_return_val_if_fail (RV_IS_ACCOUNT_AVATAR (self), FALSE);

  return self->pack_icon;
}

static void
rv_account_avatar_dispose (GObject *object)
{
  RvAccountAvatar *self = RV_ACCOUNT_AVATAR (object);

  if (self->avatar != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->avatar));
      self->avatar = NULL;
    }
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (rv_account_avatar_parent_class)->dispose (object);
}

static void
rv_account_avatar_class_init (RvAccountAvatarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rv_account_avatar_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "account-avatar");
}

static void
rv_account_avatar_init (RvAccountAvatar *self)
{
  self->avatar = ADW_AVATAR (adw_avatar_new (32, NULL, TRUE));
  gtk_widget_set_valign (GTK_WIDGET (self->avatar), GTK_ALIGN_CENTER);
  gtk_widget_set_parent (GTK_WIDGET (self->avatar), GTK_WIDGET (self));
}
