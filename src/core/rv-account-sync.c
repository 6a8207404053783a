/* rv-account-sync.c: what a merge needs from an account: field names and
 * stamps, comparing and copying one field, and the history of values a merge
 * replaced (docs/sync.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rv-account-private.h"

#include <string.h>

static const char *field_names[RV_ACCOUNT_N_FIELDS] = {
  "issuer", "name", "email", "url", "notes", "tags", "otp", "counter", "recovery-meta",
};

const char *
rv_account_field_to_string (RvAccountField field)
{
  g_return_val_if_fail (field < RV_ACCOUNT_N_FIELDS, NULL);

  return field_names[field];
}

gboolean
rv_account_field_from_string (const char     *text,
                              RvAccountField *field)
{
  for (guint i = 0; i < RV_ACCOUNT_N_FIELDS; i++)
    if (g_strcmp0 (text, field_names[i]) == 0)
      {
        *field = i;
        return TRUE;
      }
  return FALSE;
}

RvStamp
rv_account_get_modified (RvAccount *self)
{
  g_return_val_if_fail (RV_IS_ACCOUNT (self), RV_STAMP_NONE);

  return self->modified;
}

RvStamp
rv_account_get_field_stamp (RvAccount      *self,
                            RvAccountField  field)
{
  g_return_val_if_fail (RV_IS_ACCOUNT (self), RV_STAMP_NONE);
  g_return_val_if_fail (field < RV_ACCOUNT_N_FIELDS, RV_STAMP_NONE);

  return self->field_stamps[field];
}

static char **
text_field (RvAccount      *self,
            RvAccountField  field)
{
  switch (field)
    {
    case RV_ACCOUNT_FIELD_ISSUER: return &self->issuer;
    case RV_ACCOUNT_FIELD_NAME: return &self->name;
    case RV_ACCOUNT_FIELD_EMAIL: return &self->email;
    case RV_ACCOUNT_FIELD_URL: return &self->url;
    default: return &self->notes;  /* the callers pass text fields only */
    }
}

static gboolean
strv_equal0 (char **a,
             char **b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

gboolean
rv_account_field_equal (RvAccount      *self,
                        RvAccount      *other,
                        RvAccountField  field)
{
  g_return_val_if_fail (RV_IS_ACCOUNT (self) && RV_IS_ACCOUNT (other), FALSE);

  switch (field)
    {
    case RV_ACCOUNT_FIELD_TAGS:
      return strv_equal0 (self->tags, other->tags);
    case RV_ACCOUNT_FIELD_OTP:
      return self->kind == other->kind && self->algorithm == other->algorithm &&
             self->digits == other->digits && self->period == other->period &&
             rv_secret_equal (self->secret, other->secret);
    case RV_ACCOUNT_FIELD_COUNTER:
      return self->counter == other->counter;
    case RV_ACCOUNT_FIELD_RECOVERY_META:
      return self->recovery_issued_at == other->recovery_issued_at &&
             self->recovery_expected_count == other->recovery_expected_count &&
             self->recovery_checked_at == other->recovery_checked_at;
    case RV_ACCOUNT_N_FIELDS:
      break;
    default:
      return g_strcmp0 (*text_field (self, field), *text_field (other, field)) == 0;
    }
  g_return_val_if_reached (FALSE);
}

static const guint field_props[RV_ACCOUNT_N_FIELDS] = {
  PROP_ISSUER, PROP_NAME, PROP_EMAIL, PROP_URL, PROP_NOTES, PROP_TAGS, PROP_KIND, PROP_COUNTER,
  PROP_0,
};

void
rv_account_copy_field (RvAccount      *self,
                       RvAccount      *other,
                       RvAccountField  field)
{
  g_return_if_fail (RV_IS_ACCOUNT (self) && RV_IS_ACCOUNT (other));
  g_return_if_fail (field < RV_ACCOUNT_N_FIELDS);

  self->no_stamp = TRUE;
  g_object_freeze_notify (G_OBJECT (self));
  switch (field)
    {
    case RV_ACCOUNT_FIELD_TAGS:
      rv_account_set_tags (self, (const char * const *) other->tags);
      break;
    case RV_ACCOUNT_FIELD_OTP:
      rv_account_set_kind (self, other->kind);
      rv_account_set_algorithm (self, other->algorithm);
      rv_account_set_digits (self, other->digits);
      rv_account_set_period (self, other->period);
      rv_account_set_secret (self, other->secret);
      break;
    case RV_ACCOUNT_FIELD_COUNTER:
      rv_account_set_counter (self, other->counter);
      break;
    case RV_ACCOUNT_FIELD_RECOVERY_META:
      self->recovery_issued_at = other->recovery_issued_at;
      self->recovery_expected_count = other->recovery_expected_count;
      self->recovery_checked_at = other->recovery_checked_at;
      _rv_account_emit_changed (self, field_props[field]);
      break;
    case RV_ACCOUNT_N_FIELDS:
      break;
    default:
      _rv_account_set_string (self, text_field (self, field), *text_field (other, field),
                  field_props[field], field);
      break;
    }
  self->field_stamps[field] = other->field_stamps[field];
  _rv_account_touch (self, &other->field_stamps[field]);
  g_object_thaw_notify (G_OBJECT (self));
  self->no_stamp = FALSE;
}

RvAccountHistoryEntry *
rv_account_dup_history_entry (RvAccount      *self,
                              RvAccountField  field,
                              const RvStamp  *replaced)
{
  RvAccountHistoryEntry *entry;

  g_return_val_if_fail (RV_IS_ACCOUNT (self), NULL);
  g_return_val_if_fail (field < RV_ACCOUNT_N_FIELDS, NULL);

  entry = g_new0 (RvAccountHistoryEntry, 1);
  entry->field = field;
  entry->modified = self->field_stamps[field];
  entry->replaced = *replaced;
  if (field == RV_ACCOUNT_FIELD_TAGS)
    entry->tags = g_strdupv (self->tags);
  else if (field == RV_ACCOUNT_FIELD_OTP)
    entry->secret = self->secret != NULL ? rv_secret_copy (self->secret) : NULL;
  else if (field < RV_ACCOUNT_FIELD_TAGS)
    entry->text = g_strdup (*text_field (self, field));
  return entry;
}

RvAccountHistoryEntry *
rv_account_history_entry_copy (const RvAccountHistoryEntry *entry)
{
  RvAccountHistoryEntry *copy = g_memdup2 (entry, sizeof *entry);

  copy->text = g_strdup (entry->text);
  copy->tags = g_strdupv (entry->tags);
  copy->secret = entry->secret != NULL ? rv_secret_copy (entry->secret) : NULL;
  return copy;
}

void
rv_account_history_entry_free (RvAccountHistoryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->text);
  g_strfreev (entry->tags);
  g_clear_pointer (&entry->secret, rv_secret_free);
  g_free (entry);
}

GPtrArray *
rv_account_get_history (RvAccount *self)
{
  g_return_val_if_fail (RV_IS_ACCOUNT (self), NULL);

  return self->history;
}

/* Oldest replacement first; ties broken by everything else, so that two
 * copies that hold the same entries keep them in the same order. */
static int
history_compare (const RvAccountHistoryEntry *a,
                 const RvAccountHistoryEntry *b)
{
  int c = rv_stamp_compare (&a->replaced, &b->replaced);

  if (c == 0)
    c = rv_stamp_compare (&a->modified, &b->modified);
  if (c == 0)
    c = (int) a->field - (int) b->field;
  return c;
}

gboolean
rv_account_add_history (RvAccount             *self,
                        RvAccountHistoryEntry *entry)
{
  guint i;

  g_return_val_if_fail (RV_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  /* One entry per replaced value: the same field with the same stamp is
   * the same value, whichever copy recorded it (the newest replacement kept). */
  for (i = 0; i < self->history->len; i++)
    {
      RvAccountHistoryEntry *old = g_ptr_array_index (self->history, i);

      if (old->field == entry->field && rv_stamp_compare (&old->modified, &entry->modified) == 0)
        {
          gboolean newer = rv_stamp_compare (&entry->replaced, &old->replaced) > 0;

          if (newer)
            g_ptr_array_remove_index (self->history, i);
          else
            {
              rv_account_history_entry_free (entry);
              return FALSE;
            }
          break;
        }
    }
  for (i = 0; i < self->history->len; i++)
    if (history_compare (entry, g_ptr_array_index (self->history, i)) < 0)
      break;
  g_ptr_array_insert (self->history, i, entry);
  while (self->history->len > RV_ACCOUNT_MAX_HISTORY)
    g_ptr_array_remove_index (self->history, 0);
  return TRUE;
}

