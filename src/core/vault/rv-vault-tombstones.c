/* rv-vault-tombstones.c: the payload's removal records (tombstones)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading them from the payload, the list operations the vault and the
 * merge use, and handing recovery-code tombstones to their accounts.
 */
#include "config.h"

#include "rv-vault-payload-private.h"

#include <glib/gi18n-lib.h>

#include "rv-gvariant-codec.h"

#include <string.h>


static gboolean
tombstone_field (RvGvContext     *ctx,
                 const RvGvEntry *entry,
                 gpointer         user_data)
{
  RvTombstone *t = user_data;
  const char *text = NULL;
  char **field = NULL;

  if (g_str_equal (entry->key, "removed"))
    return _rv_payload_get_stamp (ctx, entry, &t->removed);
  if (g_str_equal (entry->key, "id"))
    field = &t->id;
  else if (g_str_equal (entry->key, "type"))
    field = &t->type;
  else if (g_str_equal (entry->key, "parent"))
    field = &t->parent;
  else
    return TRUE;
  if (!rv_gv_get_string (ctx, entry, &text))
    return FALSE;
  g_free (*field);
  *field = g_strdup (text);
  return TRUE;
}

static void
tombstone_clear (gpointer data)
{
  RvTombstone *t = data;

  g_clear_pointer (&t->id, g_free);
  g_clear_pointer (&t->type, g_free);
  g_clear_pointer (&t->parent, g_free);
}

/* Tombstones of a type this version does not know are dropped. */
gboolean
_rv_payload_parse_tombstone (RvGvContext *ctx,
                             RvGvSlice    record,
                             gpointer     user_data)
{
  GArray *tombstones = user_data;
  RvTombstone t = { NULL, NULL, NULL, { 0, NULL } };

  if (!rv_gv_for_each_entry (ctx, record, tombstone_field, &t))
    {
      tombstone_clear (&t);
      return FALSE;
    }
  if (t.id == NULL || t.type == NULL)
    {
      tombstone_clear (&t);
      return rv_gv_invalid (ctx, _("has no id or type"));
    }
  if (g_str_equal (t.type, RV_TOMBSTONE_RECOVERY_CODE) &&
      (t.parent == NULL || !_rv_payload_is_code_id (t.id)))
    {
      tombstone_clear (&t);
      return rv_gv_invalid (ctx, _("has an invalid recovery code"));
    }
  if (!g_str_equal (t.type, RV_TOMBSTONE_ACCOUNT) && !g_str_equal (t.type, RV_TOMBSTONE_REQUEST) &&
      !g_str_equal (t.type, RV_TOMBSTONE_RECOVERY_CODE))
    {
      tombstone_clear (&t);
      return TRUE;
    }
  g_array_append_val (tombstones, t);
  return TRUE;
}

GArray *
rv_tombstones_new (void)
{
  GArray *tombstones = g_array_new (FALSE, TRUE, sizeof (RvTombstone));

  g_array_set_clear_func (tombstones, tombstone_clear);
  return tombstones;
}

RvTombstone *
rv_tombstones_find (GArray     *tombstones,
                    const char *id,
                    const char *type)
{
  for (guint i = 0; i < tombstones->len; i++)
    {
      RvTombstone *t = &g_array_index (tombstones, RvTombstone, i);

      if (g_str_equal (t->id, id) && g_str_equal (t->type, type))
        return t;
    }
  return NULL;
}

/* Adds the tombstone, or moves an existing one's time forward. */
void
rv_tombstones_add (GArray        *tombstones,
                   const char    *id,
                   const char    *type,
                   const RvStamp *removed)
{
  RvTombstone *old = rv_tombstones_find (tombstones, id, type);
  RvTombstone t = { g_strdup (id), g_strdup (type), NULL, *removed };

  if (old != NULL)
    {
      old->removed = rv_stamp_max (&old->removed, removed);
      tombstone_clear (&t);
      return;
    }
  g_array_append_val (tombstones, t);
}

void
rv_tombstones_remove (GArray     *tombstones,
                      const char *id,
                      const char *type)
{
  for (guint i = 0; i < tombstones->len; i++)
    {
      RvTombstone *t = &g_array_index (tombstones, RvTombstone, i);

      if (g_str_equal (t->id, id) && g_str_equal (t->type, type))
        {
          g_array_remove_index (tombstones, i);
          return;
        }
    }
}

void
_rv_payload_attach_code_tombstones (GPtrArray *accounts,
                                    GArray    *tombstones)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < accounts->len; i++)
    {
      RvAccount *account = g_ptr_array_index (accounts, i);

      g_hash_table_insert (by_id, (gpointer) rv_account_get_id (account), account);
    }
  for (guint i = tombstones->len; i > 0; i--)
    {
      RvTombstone *t = &g_array_index (tombstones, RvTombstone, i - 1);
      RvAccount *account;

      if (!g_str_equal (t->type, RV_TOMBSTONE_RECOVERY_CODE))
        continue;
      account = g_hash_table_lookup (by_id, t->parent);
      if (account == NULL)
        continue;
      rv_account_add_code_tombstone (account, t->id, &t->removed);
      g_array_remove_index (tombstones, i - 1);
    }
}
