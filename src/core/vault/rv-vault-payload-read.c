/* rv-vault-payload-read.c: reading the vault's decrypted content
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reading half of the payload codec (the writing half and why the codec
 * is our own: rv-vault-payload.c). Every offset is checked by
 * rv-gvariant-codec.c; unknown keys are ignored so a later version can add
 * fields; missing ones take their defaults; anything malformed is reported
 * as CORRUPT, naming the account and field.
 */
#include "config.h"

#include "rv-vault-payload-private.h"

#include <glib/gi18n-lib.h>

#include "rv-gvariant-codec.h"
#include "rv-vault.h"

#include <string.h>


typedef struct
{
  RvAccountFields  f;
  GPtrArray       *tags;     /* pointing into the payload */
  GArray          *codes;    /* of RvRecoveryCode */
  gboolean         has_id;
} AccountFields;

static void
account_fields_clear (AccountFields *fields)
{
  g_clear_pointer (&fields->f.history, g_ptr_array_unref);
  g_clear_pointer (&fields->f.secret, rv_secret_free);
  for (guint i = 0; i < fields->codes->len; i++)
    {
      RvRecoveryCode *code = &g_array_index (fields->codes, RvRecoveryCode, i);

      g_clear_pointer (&code->code, rv_secret_free);
      g_clear_pointer (&code->sealed, g_bytes_unref);
    }
  g_array_set_size (fields->codes, 0);
  g_ptr_array_set_size (fields->tags, 0);
}

gboolean
_rv_payload_is_code_id (const char *id)
{
  if (id == NULL || strlen (id) != RV_RECOVERY_CODE_ID_LEN)
    return FALSE;
  for (guint i = 0; i < RV_RECOVERY_CODE_ID_LEN; i++)
    if (!g_ascii_isxdigit (id[i]))
      return FALSE;
  return TRUE;
}

gboolean
_rv_payload_get_stamp (RvGvContext     *ctx,
                       const RvGvEntry *entry,
                       RvStamp         *stamp)
{
  const char *device = NULL;
  gint64 ms = 0;

  if (!rv_gv_get_stamp (ctx, entry, &ms, &device))
    return FALSE;
  *stamp = rv_stamp_make (ms, device);
  return TRUE;
}

static gboolean
recovery_code_field (RvGvContext     *ctx,
                     const RvGvEntry *entry,
                     gpointer         user_data)
{
  RvRecoveryCode *code = user_data;

  if (g_str_equal (entry->key, "code"))
    {
      g_clear_pointer (&code->code, rv_secret_free);
      code->code = rv_gv_get_secret (ctx, entry);
      return code->code != NULL;
    }
  if (g_str_equal (entry->key, "sealed"))
    {
      g_clear_pointer (&code->sealed, g_bytes_unref);
      code->sealed = rv_gv_get_bytes (ctx, entry);
      return code->sealed != NULL;
    }
  if (g_str_equal (entry->key, "id"))
    {
      const char *id = NULL;

      if (!rv_gv_get_string (ctx, entry, &id))
        return FALSE;
      if (!_rv_payload_is_code_id (id))
        return rv_gv_invalid (ctx, _("has an invalid id"));
      memcpy (code->id, id, RV_RECOVERY_CODE_ID_LEN + 1);
      return TRUE;
    }
  if (g_str_equal (entry->key, "modified"))
    return _rv_payload_get_stamp (ctx, entry, &code->modified);
  if (g_str_equal (entry->key, "added-at"))
    return rv_gv_get_time (ctx, entry, &code->added_at);
  if (g_str_equal (entry->key, "used-at"))
    return rv_gv_get_time (ctx, entry, &code->used_at);
  return TRUE;
}

static gboolean
parse_recovery_code (RvGvContext *ctx,
                     RvGvSlice    record,
                     gpointer     user_data)
{
  AccountFields *fields = user_data;
  RvRecoveryCode code = { NULL, -1, 0, { 0 }, { 0, NULL }, NULL };  /* -1: added-at not given */
  gboolean ok;

  ok = rv_gv_for_each_entry (ctx, record, recovery_code_field, &code);
  /* A sealed code (the compartment on) has an id and no plaintext. */
  if (ok && code.sealed != NULL && (code.code != NULL || code.id[0] == '\0' ||
                                    g_bytes_get_size (code.sealed) <= RV_SEALED_CODE_OVERHEAD))
    ok = rv_gv_invalid (ctx, _("has an invalid sealed code"));
  if (ok && code.sealed == NULL && (code.code == NULL || rv_secret_get_size (code.code) == 0))
    ok = rv_gv_invalid (ctx, _("has no code"));
  for (guint i = 0; ok && code.code != NULL && i < fields->codes->len; i++)
    if (rv_secret_equal (g_array_index (fields->codes, RvRecoveryCode, i).code, code.code))
      ok = rv_gv_invalid (ctx, _("is the same as another recovery code"));
  for (guint i = 0; ok && code.id[0] != '\0' && i < fields->codes->len; i++)
    if (g_str_equal (g_array_index (fields->codes, RvRecoveryCode, i).id, code.id))
      ok = rv_gv_invalid (ctx, _("has the same id as another recovery code"));
  if (!ok)
    {
      g_clear_pointer (&code.code, rv_secret_free);
      g_clear_pointer (&code.sealed, g_bytes_unref);
      return FALSE;
    }
  g_array_append_val (fields->codes, code);
  return TRUE;
}

static gboolean
get_text (RvGvContext      *ctx,
          const RvGvEntry  *entry,
          const char      **out)
{
  return rv_gv_get_string (ctx, entry, out);
}

static gboolean
account_otp_field (RvGvContext     *ctx,
                   const RvGvEntry *entry,
                   AccountFields   *fields)
{
  RvAccountFields *f = &fields->f;
  const char *text = NULL;

  if (g_str_equal (entry->key, "kind"))
    {
      if (!rv_gv_get_string (ctx, entry, &text))
        return FALSE;
      if (text == NULL || !rv_otp_kind_from_string (text, &f->kind))
        return rv_gv_invalid (ctx, _("has an unknown OTP kind"));
    }
  else if (g_str_equal (entry->key, "algorithm"))
    {
      if (!rv_gv_get_string (ctx, entry, &text))
        return FALSE;
      if (text == NULL || !rv_otp_algorithm_from_string (text, &f->algorithm))
        return rv_gv_invalid (ctx, _("has an unknown OTP algorithm"));
    }
  else if (g_str_equal (entry->key, "digits"))
    {
      if (!rv_gv_get_uint32 (ctx, entry, &f->digits))
        return FALSE;
      if (f->digits < RV_OTP_STEAM_DIGITS || f->digits > RV_OTP_MAX_DIGITS)
        return rv_gv_invalid (ctx, _("has an impossible number of digits"));
    }
  else if (g_str_equal (entry->key, "period"))
    {
      if (!rv_gv_get_uint32 (ctx, entry, &f->period))
        return FALSE;
      if (f->period < 1 || f->period > RV_OTP_MAX_PERIOD)
        return rv_gv_invalid (ctx, _("has an impossible period"));
    }
  else if (g_str_equal (entry->key, "counter"))
    {
      return rv_gv_get_fixed (ctx, entry, "t", 8, &f->counter);
    }
  else if (g_str_equal (entry->key, "secret"))
    {
      g_clear_pointer (&f->secret, rv_secret_free);
      f->secret = rv_gv_get_secret (ctx, entry);
      return f->secret != NULL;
    }
  return TRUE;
}

/* Unknown field names are skipped: a later version may stamp more. */
static gboolean
field_stamp (RvGvContext     *ctx,
             const RvGvEntry *entry,
             gpointer         user_data)
{
  RvAccountFields *f = user_data;
  RvAccountField field;
  RvStamp stamp;

  if (!_rv_payload_get_stamp (ctx, entry, &stamp))
    return FALSE;
  if (rv_account_field_from_string (entry->key, &field))
    f->field_stamps[field] = stamp;
  return TRUE;
}

typedef struct
{
  RvAccountHistoryEntry *entry;
  gboolean               has_field;
} HistoryParse;

static gboolean
history_field (RvGvContext     *ctx,
               const RvGvEntry *entry,
               gpointer         user_data)
{
  HistoryParse *hp = user_data;
  RvAccountHistoryEntry *h = hp->entry;
  const char *text = NULL;

  if (g_str_equal (entry->key, "field"))
    {
      if (!rv_gv_get_string (ctx, entry, &text))
        return FALSE;
      if (!rv_account_field_from_string (text, &h->field))
        return rv_gv_invalid (ctx, _("names an unknown field"));
      hp->has_field = TRUE;
      return TRUE;
    }
  if (g_str_equal (entry->key, "modified"))
    return _rv_payload_get_stamp (ctx, entry, &h->modified);
  if (g_str_equal (entry->key, "replaced"))
    return _rv_payload_get_stamp (ctx, entry, &h->replaced);
  if (g_str_equal (entry->key, "value"))
    {
      g_clear_pointer (&h->text, g_free);
      g_clear_pointer (&h->tags, g_strfreev);
      g_clear_pointer (&h->secret, rv_secret_free);
      if (rv_gv_type_is (entry, "ay"))
        {
          h->secret = rv_gv_get_secret (ctx, entry);
          return h->secret != NULL;
        }
      if (rv_gv_type_is (entry, "as"))
        {
          g_autoptr(GPtrArray) tags = g_ptr_array_new ();

          if (!rv_gv_get_strv (ctx, entry, tags))
            return FALSE;
          g_ptr_array_add (tags, NULL);
          h->tags = g_strdupv ((char **) tags->pdata);
          return TRUE;
        }
      if (!rv_gv_get_string (ctx, entry, &text))
        return FALSE;
      h->text = g_strdup (text);
    }
  return TRUE;
}

static gboolean
parse_history (RvGvContext *ctx,
               RvGvSlice    record,
               gpointer     user_data)
{
  RvAccountFields *f = user_data;
  HistoryParse hp = { g_new0 (RvAccountHistoryEntry, 1), FALSE };

  if (!rv_gv_for_each_entry (ctx, record, history_field, &hp) ||
      (!hp.has_field && !rv_gv_invalid (ctx, _("has no field"))))
    {
      rv_account_history_entry_free (hp.entry);
      return FALSE;
    }
  g_ptr_array_add (f->history, hp.entry);
  return TRUE;
}

static gboolean
account_field (RvGvContext     *ctx,
               const RvGvEntry *entry,
               gpointer         user_data)
{
  AccountFields *fields = user_data;
  RvAccountFields *f = &fields->f;
  const char *key = entry->key;

  if (g_str_equal (key, "id"))
    {
      if (!rv_gv_get_string (ctx, entry, &f->id))
        return FALSE;
      if (f->id == NULL)
        return rv_gv_invalid (ctx, _("has an empty id"));
      fields->has_id = TRUE;
      return TRUE;
    }
  if (g_str_equal (key, "issuer"))
    return get_text (ctx, entry, &f->issuer);
  if (g_str_equal (key, "name"))
    return get_text (ctx, entry, &f->name);
  if (g_str_equal (key, "email"))
    return get_text (ctx, entry, &f->email);
  if (g_str_equal (key, "url"))
    return get_text (ctx, entry, &f->url);
  if (g_str_equal (key, "notes"))
    return get_text (ctx, entry, &f->notes);
  if (g_str_equal (key, "tags"))
    {
      g_ptr_array_set_size (fields->tags, 0);
      return rv_gv_get_strv (ctx, entry, fields->tags);
    }
  if (g_str_equal (key, "created"))
    return rv_gv_get_time (ctx, entry, &f->created);
  if (g_str_equal (key, "updated"))
    return rv_gv_get_time (ctx, entry, &f->updated);
  if (g_str_equal (key, "recovery-codes"))
    return rv_gv_for_each_record (ctx, entry, N_("recovery code"), parse_recovery_code,
                                  fields);
  if (g_str_equal (key, "recovery-issued-at"))
    return rv_gv_get_time (ctx, entry, &f->recovery_issued_at);
  if (g_str_equal (key, "recovery-checked-at"))
    return rv_gv_get_time (ctx, entry, &f->recovery_checked_at);
  if (g_str_equal (key, "recovery-expected-count"))
    return rv_gv_get_uint32 (ctx, entry, &f->recovery_expected_count);
  if (g_str_equal (key, "field-stamps"))
    {
      RvGvContext stamps_ctx = { ctx, N_("field stamps"), 0, ctx->error };

      if (!rv_gv_type_is (entry, "a{sv}"))
        return rv_gv_wrong_type (ctx, entry);
      f->have_stamps = TRUE;
      return rv_gv_for_each_entry (&stamps_ctx, entry->value, field_stamp, f);
    }
  if (g_str_equal (key, "history"))
    {
      if (f->history == NULL)
        f->history = g_ptr_array_new_with_free_func (
          (GDestroyNotify) rv_account_history_entry_free);
      return rv_gv_for_each_record (ctx, entry, N_("history entry"), parse_history, f);
    }
  return account_otp_field (ctx, entry, fields);
}

typedef struct
{
  GPtrArray     *accounts;
  GHashTable    *ids;
  AccountFields  scratch;
} AccountList;

static gboolean
parse_account (RvGvContext *ctx,
               RvGvSlice    record,
               gpointer     user_data)
{
  AccountList *list = user_data;
  AccountFields *fields = &list->scratch;
  RvAccount *account;

  /* Defaults for what an older file may lack. */
  rv_account_fields_init (&fields->f);
  fields->has_id = FALSE;
  if (!rv_gv_for_each_entry (ctx, record, account_field, fields))
    {
      account_fields_clear (fields);
      return FALSE;
    }
  if (!fields->has_id)
    {
      account_fields_clear (fields);
      return rv_gv_invalid (ctx, _("has no id"));
    }
  for (guint i = 0; i < fields->codes->len; i++)
    if (g_array_index (fields->codes, RvRecoveryCode, i).added_at < 0)
      g_array_index (fields->codes, RvRecoveryCode, i).added_at = fields->f.recovery_issued_at;
  if (fields->tags->len > 0)
    fields->f.tags = (const char * const *) fields->tags->pdata;
  fields->f.recovery_codes = fields->codes;
  account = rv_account_new_from_fields (&fields->f);
  g_ptr_array_set_size (fields->tags, 0);
  g_ptr_array_add (list->accounts, account);
  if (!g_hash_table_add (list->ids, (gpointer) rv_account_get_id (account)))
    return rv_gv_invalid (ctx, _("has the same id as another account"));
  return TRUE;
}

static gboolean
backup_field (RvGvContext     *ctx,
              const RvGvEntry *entry,
              gpointer         user_data)
{
  RvBackupState *backup = user_data;
  const char *text = NULL;

  if (g_str_equal (entry->key, "changed-at"))
    return rv_gv_get_time (ctx, entry, &backup->changed_at);
  if (g_str_equal (entry->key, "exported-at"))
    return rv_gv_get_time (ctx, entry, &backup->exported_at);
  if (g_str_equal (entry->key, "verified-at"))
    return rv_gv_get_time (ctx, entry, &backup->verified_at);
  if (g_str_equal (entry->key, "password-entered-at"))
    return rv_gv_get_time (ctx, entry, &backup->password_entered_at);
  if (g_str_equal (entry->key, "sheet-printed-at"))
    return rv_gv_get_time (ctx, entry, &backup->sheet_printed_at);
  if (g_str_equal (entry->key, "sheet-codes"))
    {
      if (!rv_gv_get_string (ctx, entry, &text))
        return FALSE;
      g_free (backup->sheet_codes);
      backup->sheet_codes = g_strdup (text);
      return TRUE;
    }
  if (g_str_equal (entry->key, "export-path"))
    {
      if (!rv_gv_get_string (ctx, entry, &text))
        return FALSE;
      g_free (backup->export_path);
      backup->export_path = g_strdup (text);
    }
  return TRUE;
}

static gboolean
request_field (RvGvContext     *ctx,
               const RvGvEntry *entry,
               gpointer         user_data)
{
  static const struct { const char *key; gsize offset; } strings[] = {
    { "id", G_STRUCT_OFFSET (RvRequestRecord, id) },
    { "account-id", G_STRUCT_OFFSET (RvRequestRecord, account_id) },
    { "service-name", G_STRUCT_OFFSET (RvRequestRecord, service_name) },
    { "provider-id", G_STRUCT_OFFSET (RvRequestRecord, provider_id) },
    { "draft", G_STRUCT_OFFSET (RvRequestRecord, draft) },
    { "ticket-url", G_STRUCT_OFFSET (RvRequestRecord, ticket_url) },
  };
  RvRequestRecord *request = user_data;
  const char *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      if (g_str_equal (entry->key, strings[i].key))
        {
          char **field = G_STRUCT_MEMBER_P (request, strings[i].offset);

          if (!rv_gv_get_string (ctx, entry, &text))
            return FALSE;
          g_free (*field);
          *field = g_strdup (text);
          return TRUE;
        }
    }
  if (g_str_equal (entry->key, "created-at"))
    return rv_gv_get_time (ctx, entry, &request->created_at);
  if (g_str_equal (entry->key, "submitted-at"))
    return rv_gv_get_time (ctx, entry, &request->submitted_at);
  if (g_str_equal (entry->key, "follow-up-at"))
    return rv_gv_get_time (ctx, entry, &request->follow_up_at);
  if (g_str_equal (entry->key, "modified"))
    return _rv_payload_get_stamp (ctx, entry, &request->modified);
  if (g_str_equal (entry->key, "status"))
    {
      if (!rv_gv_get_string (ctx, entry, &text))
        return FALSE;
      if (text == NULL || !rv_request_status_from_string (text, &request->status))
        return rv_gv_invalid (ctx, _("has an unknown status"));
    }
  return TRUE;
}

static gboolean
parse_request (RvGvContext *ctx,
               RvGvSlice    record,
               gpointer     user_data)
{
  GPtrArray *requests = user_data;
  g_autoptr(RvRequestRecord) request = g_new0 (RvRequestRecord, 1);

  if (!rv_gv_for_each_entry (ctx, record, request_field, request))
    return FALSE;
  if (request->id == NULL)
    return rv_gv_invalid (ctx, _("has no id"));
  if (rv_stamp_is_none (&request->modified))   /* version 1 */
    request->modified = rv_stamp_from_seconds (MAX (request->created_at,
                                                    MAX (request->submitted_at,
                                                         request->follow_up_at)));
  rv_request_record_sanitize (request);
  g_ptr_array_add (requests, g_steal_pointer (&request));
  return TRUE;
}

typedef struct
{
  AccountList    accounts;
  RvBackupState *backup;
  GPtrArray     *requests;
  GArray        *tombstones;
} Model;

static gboolean
root_field (RvGvContext     *ctx,
            const RvGvEntry *entry,
            gpointer         user_data)
{
  Model *model = user_data;

  if (g_str_equal (entry->key, "accounts"))
    return rv_gv_for_each_record (ctx, entry, N_("account"), parse_account,
                                  &model->accounts);
  if (g_str_equal (entry->key, "requests"))
    return rv_gv_for_each_record (ctx, entry, N_("recovery request"), parse_request,
                                  model->requests);
  if (g_str_equal (entry->key, "tombstones"))
    return rv_gv_for_each_record (ctx, entry, N_("removal record"), _rv_payload_parse_tombstone,
                                  model->tombstones);
  if (g_str_equal (entry->key, "backup"))
    {
      RvGvContext backup_ctx = { ctx, N_("the backup state"), 0, ctx->error };

      if (!rv_gv_type_is (entry, "a{sv}"))
        return rv_gv_wrong_type (ctx, entry);
      return rv_gv_for_each_entry (&backup_ctx, entry->value, backup_field, model->backup);
    }
  return TRUE;
}

gboolean
rv_vault_payload_parse (const RvSecret  *payload,
                        GPtrArray      **accounts_out,
                        RvBackupState   *backup,
                        GPtrArray      **requests_out,
                        GError         **error)
{
  return rv_vault_payload_parse_full (payload, accounts_out, backup, requests_out, NULL, error);
}

gboolean
rv_vault_payload_parse_full (const RvSecret  *payload,
                             GPtrArray      **accounts_out,
                             RvBackupState   *backup,
                             GPtrArray      **requests_out,
                             GArray         **tombstones_out,
                             GError         **error)
{
  g_autoptr(GArray) tombstones = rv_tombstones_new ();
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) requests =
    g_ptr_array_new_with_free_func ((GDestroyNotify) rv_request_record_free);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  RvGvContext ctx = { NULL, N_("the payload"), 0, error };
  RvGvSlice root;
  Model model;
  gboolean ok;

  g_return_val_if_fail (payload != NULL, FALSE);
  g_return_val_if_fail (backup != NULL, FALSE);

  memset (backup, 0, sizeof *backup);
  model.accounts.accounts = accounts;
  model.accounts.ids = ids;
  model.accounts.scratch.tags = g_ptr_array_new ();
  model.accounts.scratch.codes = g_array_new (FALSE, FALSE, sizeof (RvRecoveryCode));
  model.backup = backup;
  model.requests = requests;
  model.tombstones = tombstones;
  root.data = rv_secret_get_data (payload);
  root.size = rv_secret_get_size (payload);
  ok = rv_gv_for_each_entry (&ctx, root, root_field, &model);
  g_ptr_array_unref (model.accounts.scratch.tags);
  g_array_unref (model.accounts.scratch.codes);
  if (!ok)
    {
      g_clear_pointer (&backup->export_path, g_free);
      g_clear_pointer (&backup->sheet_codes, g_free);
      memset (backup, 0, sizeof *backup);
      return FALSE;
    }

  _rv_payload_attach_code_tombstones (accounts, tombstones);
  *accounts_out = g_steal_pointer (&accounts);
  *requests_out = g_steal_pointer (&requests);
  if (tombstones_out != NULL)
    *tombstones_out = g_steal_pointer (&tombstones);
  return TRUE;
}
