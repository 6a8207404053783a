/* rv-vault-payload.c: the vault's decrypted content, as a GVariant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The payload is an a{sv} in GVariant's serialized form. It is written into
 * and read from guarded memory: secrets enter the tree as views of their
 * RvSecret bytes, and leave it by being copied straight into new RvSecrets,
 * so no plain-heap copy of a secret is made. Unknown keys are ignored so a
 * later version can add fields; missing ones take their defaults.
 */
#include "config.h"

#include "rv-vault-payload.h"
#include "rv-vault.h"

#include <string.h>

/* Serializing */

static void
add_string (GVariantBuilder *builder,
            const char      *key,
            const char      *value)
{
  if (value != NULL)
    g_variant_builder_add (builder, "{sv}", key, g_variant_new_string (value));
}

static void
add_time (GVariantBuilder *builder,
          const char      *key,
          gint64           value)
{
  if (value != 0)
    g_variant_builder_add (builder, "{sv}", key, g_variant_new_int64 (value));
}

/* A view of the secret's bytes, not a copy: they are only read while the
 * tree is written into guarded memory. */
static GVariant *
secret_variant (const RvSecret *secret)
{
  return g_variant_new_from_data (G_VARIANT_TYPE_BYTESTRING, rv_secret_get_data (secret),
                                  rv_secret_get_size (secret), TRUE, NULL, NULL);
}

static GVariant *
recovery_codes_variant (RvAccount *account)
{
  GVariantBuilder builder;
  guint n = rv_account_get_n_recovery_codes (account);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < n; i++)
    {
      const RvRecoveryCode *code = rv_account_get_recovery_code (account, i);

      g_variant_builder_open (&builder, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&builder, "{sv}", "code", secret_variant (code->code));
      add_time (&builder, "added-at", code->added_at);
      add_time (&builder, "used-at", code->used_at);
      g_variant_builder_close (&builder);
    }
  return g_variant_builder_end (&builder);
}

static void
add_account (GVariantBuilder *builder,
             RvAccount       *account)
{
  const char * const *tags = rv_account_get_tags (account);
  const RvSecret *secret = rv_account_get_secret (account);

  g_variant_builder_open (builder, G_VARIANT_TYPE_VARDICT);
  add_string (builder, "id", rv_account_get_id (account));
  add_string (builder, "issuer", rv_account_get_issuer (account));
  add_string (builder, "name", rv_account_get_name (account));
  add_string (builder, "email", rv_account_get_email (account));
  add_string (builder, "url", rv_account_get_url (account));
  add_string (builder, "notes", rv_account_get_notes (account));
  if (tags[0] != NULL)
    g_variant_builder_add (builder, "{sv}", "tags", g_variant_new_strv (tags, -1));
  add_string (builder, "kind", rv_otp_kind_to_string (rv_account_get_kind (account)));
  add_string (builder, "algorithm", rv_otp_algorithm_to_string (rv_account_get_algorithm (account)));
  g_variant_builder_add (builder, "{sv}", "digits", g_variant_new_uint32 (rv_account_get_digits (account)));
  g_variant_builder_add (builder, "{sv}", "period", g_variant_new_uint32 (rv_account_get_period (account)));
  if (rv_account_get_counter (account) != 0)
    g_variant_builder_add (builder, "{sv}", "counter", g_variant_new_uint64 (rv_account_get_counter (account)));
  if (secret != NULL)
    g_variant_builder_add (builder, "{sv}", "secret", secret_variant (secret));
  add_time (builder, "created", rv_account_get_created (account));
  add_time (builder, "updated", rv_account_get_updated (account));
  if (rv_account_get_n_recovery_codes (account) > 0)
    g_variant_builder_add (builder, "{sv}", "recovery-codes", recovery_codes_variant (account));
  add_time (builder, "recovery-issued-at", rv_account_get_recovery_issued_at (account));
  if (rv_account_get_recovery_expected_count (account) != 0)
    g_variant_builder_add (builder, "{sv}", "recovery-expected-count",
                           g_variant_new_uint32 (rv_account_get_recovery_expected_count (account)));
  add_time (builder, "recovery-checked-at", rv_account_get_recovery_checked_at (account));
  g_variant_builder_close (builder);
}

static GVariant *
backup_variant (const RvBackupState *backup)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  add_time (&builder, "changed-at", backup->changed_at);
  add_time (&builder, "exported-at", backup->exported_at);
  add_string (&builder, "export-path", backup->export_path);
  add_time (&builder, "verified-at", backup->verified_at);
  add_time (&builder, "password-entered-at", backup->password_entered_at);
  return g_variant_builder_end (&builder);
}

static void
add_request (GVariantBuilder         *builder,
             const RvRecoveryRequest *request)
{
  g_variant_builder_open (builder, G_VARIANT_TYPE_VARDICT);
  add_string (builder, "id", request->id);
  add_string (builder, "account-id", request->account_id);
  add_string (builder, "service-name", request->service_name);
  add_string (builder, "provider-id", request->provider_id);
  add_string (builder, "draft", request->draft);
  add_time (builder, "created-at", request->created_at);
  add_time (builder, "submitted-at", request->submitted_at);
  add_string (builder, "status", rv_request_status_to_string (request->status));
  add_string (builder, "ticket-url", request->ticket_url);
  add_time (builder, "follow-up-at", request->follow_up_at);
  g_variant_builder_close (builder);
}

RvSecret *
rv_vault_payload_serialize (GListModel          *accounts,
                            const RvBackupState *backup,
                            GPtrArray           *requests)
{
  g_autoptr(GVariant) payload = NULL;
  GVariantBuilder builder, list;
  RvSecret *out;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (accounts), NULL);
  g_return_val_if_fail (backup != NULL, NULL);
  g_return_val_if_fail (requests != NULL, NULL);

  g_variant_builder_init (&list, G_VARIANT_TYPE ("aa{sv}"));
  n = g_list_model_get_n_items (accounts);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (accounts, i);

      add_account (&list, account);
    }

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "accounts", g_variant_builder_end (&list));
  g_variant_builder_add (&builder, "{sv}", "backup", backup_variant (backup));

  g_variant_builder_init (&list, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < requests->len; i++)
    add_request (&list, g_ptr_array_index (requests, i));
  g_variant_builder_add (&builder, "{sv}", "requests", g_variant_builder_end (&list));

  /* Still a tree: g_variant_store() serializes it straight into the guarded
   * buffer, so the secrets are never copied into the ordinary heap. */
  payload = g_variant_ref_sink (g_variant_builder_end (&builder));
  out = rv_secret_new (g_variant_get_size (payload));
  g_variant_store (payload, rv_secret_get_mutable_data (out));
  return out;
}

/* Parsing */

typedef struct
{
  const char *what;     /* "account 3", for messages */
  GError    **error;
} ParseContext;

static gboolean
wrong_type (ParseContext *ctx,
            const char   *key,
            GVariant     *value)
{
  g_set_error (ctx->error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT,
               "The vault's content is damaged: %s has “%s” of type %s",
               ctx->what, key, g_variant_get_type_string (value));
  return FALSE;
}

static gboolean
invalid (ParseContext *ctx,
         const char   *detail)
{
  g_set_error (ctx->error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT,
               "The vault's content is damaged: %s %s", ctx->what, detail);
  return FALSE;
}

static gboolean
get_string (ParseContext  *ctx,
            const char    *key,
            GVariant      *value,
            const char   **out)
{
  if (!g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return wrong_type (ctx, key, value);
  *out = g_variant_get_string (value, NULL);
  if (**out == '\0')
    *out = NULL;
  return TRUE;
}

static gboolean
get_time (ParseContext *ctx,
          const char   *key,
          GVariant     *value,
          gint64       *out)
{
  if (!g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    return wrong_type (ctx, key, value);
  *out = g_variant_get_int64 (value);
  if (*out < 0)
    {
      g_set_error (ctx->error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT,
                   "The vault's content is damaged: %s has a negative “%s”", ctx->what, key);
      return FALSE;
    }
  return TRUE;
}

static gboolean
get_uint32 (ParseContext *ctx,
            const char   *key,
            GVariant     *value,
            guint        *out)
{
  if (!g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
    return wrong_type (ctx, key, value);
  *out = g_variant_get_uint32 (value);
  return TRUE;
}

/* Returns: (transfer full): a guarded copy of the bytes, or %NULL. */
static RvSecret *
get_secret (ParseContext *ctx,
            const char   *key,
            GVariant     *value)
{
  gconstpointer data;
  gsize size;

  if (!g_variant_is_of_type (value, G_VARIANT_TYPE_BYTESTRING))
    {
      wrong_type (ctx, key, value);
      return NULL;
    }
  data = g_variant_get_fixed_array (value, &size, 1);
  return rv_secret_new_from_data (data, size);
}

static gboolean
parse_recovery_code (ParseContext *ctx,
                     RvAccount    *account,
                     GVariant     *dict)
{
  g_autoptr(RvSecret) code = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 added_at = 0, used_at = 0;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  if (!g_variant_is_of_type (dict, G_VARIANT_TYPE_VARDICT))
    return invalid (ctx, "has a recovery code that is not a dictionary");

  g_variant_iter_init (&iter, dict);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      gboolean ok = TRUE;

      if (g_str_equal (key, "code"))
        {
          g_clear_pointer (&code, rv_secret_free);
          code = get_secret (ctx, key, value);
          ok = code != NULL;
        }
      else if (g_str_equal (key, "added-at"))
        ok = get_time (ctx, key, value, &added_at);
      else if (g_str_equal (key, "used-at"))
        ok = get_time (ctx, key, value, &used_at);
      g_variant_unref (value);
      if (!ok)
        return FALSE;
    }
  if (code == NULL || rv_secret_get_size (code) == 0)
    return invalid (ctx, "has a recovery code without a code");
  if (!rv_account_add_recovery_code (account, code, added_at, used_at, &local_error))
    return invalid (ctx, "has the same recovery code twice");
  return TRUE;
}

static gboolean
parse_recovery_codes (ParseContext *ctx,
                      RvAccount    *account,
                      GVariant     *value)
{
  GVariantIter iter;
  GVariant *child;

  if (!g_variant_is_of_type (value, G_VARIANT_TYPE ("aa{sv}")))
    return wrong_type (ctx, "recovery-codes", value);
  g_variant_iter_init (&iter, value);
  while ((child = g_variant_iter_next_value (&iter)) != NULL)
    {
      gboolean ok = parse_recovery_code (ctx, account, child);

      g_variant_unref (child);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  gint64 updated;
  gint64 recovery_issued_at;
  gboolean has_id;
} AccountExtras;

static gboolean
parse_otp_field (ParseContext *ctx,
                 RvAccount    *account,
                 const char   *key,
                 GVariant     *value)
{
  const char *text = NULL;
  guint number = 0;

  if (g_str_equal (key, "kind"))
    {
      RvOtpKind kind;

      if (!get_string (ctx, key, value, &text))
        return FALSE;
      if (text == NULL || !rv_otp_kind_from_string (text, &kind))
        return invalid (ctx, "has an unknown OTP kind");
      rv_account_set_kind (account, kind);
    }
  else if (g_str_equal (key, "algorithm"))
    {
      RvOtpAlgorithm algorithm;

      if (!get_string (ctx, key, value, &text))
        return FALSE;
      if (text == NULL || !rv_otp_algorithm_from_string (text, &algorithm))
        return invalid (ctx, "has an unknown OTP algorithm");
      rv_account_set_algorithm (account, algorithm);
    }
  else if (g_str_equal (key, "digits"))
    {
      if (!get_uint32 (ctx, key, value, &number))
        return FALSE;
      if (number < RV_OTP_STEAM_DIGITS || number > RV_OTP_MAX_DIGITS)
        return invalid (ctx, "has an impossible number of digits");
      rv_account_set_digits (account, number);
    }
  else if (g_str_equal (key, "period"))
    {
      if (!get_uint32 (ctx, key, value, &number))
        return FALSE;
      if (number < 1 || number > RV_OTP_MAX_PERIOD)
        return invalid (ctx, "has an impossible period");
      rv_account_set_period (account, number);
    }
  else if (g_str_equal (key, "counter"))
    {
      if (!g_variant_is_of_type (value, G_VARIANT_TYPE_UINT64))
        return wrong_type (ctx, key, value);
      rv_account_set_counter (account, g_variant_get_uint64 (value));
    }
  else if (g_str_equal (key, "secret"))
    {
      RvSecret *secret = get_secret (ctx, key, value);

      if (secret == NULL)
        return FALSE;
      rv_account_take_secret (account, secret);
    }
  return TRUE;
}

static gboolean
parse_account_field (ParseContext  *ctx,
                     RvAccount     *account,
                     AccountExtras *extras,
                     const char    *key,
                     GVariant      *value)
{
  const char *text = NULL;
  gint64 when = 0;
  guint number = 0;

  switch (key[0])
    {
    case 'i':
      if (g_str_equal (key, "id"))
        {
          if (!get_string (ctx, key, value, &text))
            return FALSE;
          if (text == NULL)
            return invalid (ctx, "has an empty id");
          rv_account_set_id (account, text);
          extras->has_id = TRUE;
          return TRUE;
        }
      if (g_str_equal (key, "issuer"))
        {
          if (!get_string (ctx, key, value, &text))
            return FALSE;
          rv_account_set_issuer (account, text);
        }
      return TRUE;
    case 'n':
      if (!get_string (ctx, key, value, &text))
        return FALSE;
      if (g_str_equal (key, "name"))
        rv_account_set_name (account, text);
      else if (g_str_equal (key, "notes"))
        rv_account_set_notes (account, text);
      return TRUE;
    case 'e':
    case 'u':
      if (g_str_equal (key, "updated"))
        return get_time (ctx, key, value, &extras->updated);
      if (!g_str_equal (key, "email") && !g_str_equal (key, "url"))
        return TRUE;
      if (!get_string (ctx, key, value, &text))
        return FALSE;
      if (key[0] == 'e')
        rv_account_set_email (account, text);
      else
        rv_account_set_url (account, text);
      return TRUE;
    case 't':
      if (!g_str_equal (key, "tags"))
        return TRUE;
      if (!g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
        return wrong_type (ctx, key, value);
      {
        g_autofree const char **tags = g_variant_get_strv (value, NULL);

        rv_account_set_tags (account, tags);
      }
      return TRUE;
    case 'c':
      if (!g_str_equal (key, "created"))
        return parse_otp_field (ctx, account, key, value);
      if (!get_time (ctx, key, value, &when))
        return FALSE;
      rv_account_set_created (account, when);
      return TRUE;
    case 'r':
      if (g_str_equal (key, "recovery-codes"))
        return parse_recovery_codes (ctx, account, value);
      if (g_str_equal (key, "recovery-issued-at"))
        return get_time (ctx, key, value, &extras->recovery_issued_at);
      if (g_str_equal (key, "recovery-checked-at"))
        {
          if (!get_time (ctx, key, value, &when))
            return FALSE;
          rv_account_set_recovery_checked_at (account, when);
        }
      else if (g_str_equal (key, "recovery-expected-count"))
        {
          if (!get_uint32 (ctx, key, value, &number))
            return FALSE;
          rv_account_set_recovery_expected_count (account, number);
        }
      return TRUE;
    default:
      return parse_otp_field (ctx, account, key, value);
    }
}

static RvAccount *
parse_account (ParseContext *ctx,
               GVariant     *dict)
{
  g_autoptr(RvAccount) account = rv_account_new ();
  AccountExtras extras = { 0 };
  GVariantIter iter;
  const char *key;
  GVariant *value;

  if (!g_variant_is_of_type (dict, G_VARIANT_TYPE_VARDICT))
    {
      invalid (ctx, "is not a dictionary");
      return NULL;
    }
  /* Defaults for what an older file may lack. */
  rv_account_set_created (account, 0);

  g_variant_iter_init (&iter, dict);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      gboolean ok = parse_account_field (ctx, account, &extras, key, value);

      g_variant_unref (value);
      if (!ok)
        return NULL;
    }
  if (!extras.has_id)
    {
      invalid (ctx, "has no id");
      return NULL;
    }
  rv_account_set_recovery_issued_at (account, extras.recovery_issued_at);
  rv_account_set_updated (account, extras.updated);
  return g_steal_pointer (&account);
}

static gboolean
parse_accounts (GVariant   *value,
                GPtrArray  *accounts,
                GError    **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  GVariantIter iter;
  GVariant *child;
  guint index = 0;

  if (!g_variant_is_of_type (value, G_VARIANT_TYPE ("aa{sv}")))
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT,
                   "The vault's content is damaged: its account list has type %s",
                   g_variant_get_type_string (value));
      return FALSE;
    }
  g_variant_iter_init (&iter, value);
  while ((child = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autofree char *what = g_strdup_printf ("account %u", ++index);
      ParseContext ctx = { what, error };
      RvAccount *account = parse_account (&ctx, child);

      g_variant_unref (child);
      if (account == NULL)
        return FALSE;
      g_ptr_array_add (accounts, account);
      if (!g_hash_table_add (ids, (gpointer) rv_account_get_id (account)))
        return invalid (&ctx, "has the same id as another account");
    }
  return TRUE;
}

static gboolean
parse_backup (GVariant       *dict,
              RvBackupState  *backup,
              GError        **error)
{
  ParseContext ctx = { "the backup state", error };
  GVariantIter iter;
  const char *key;
  GVariant *value;

  if (!g_variant_is_of_type (dict, G_VARIANT_TYPE_VARDICT))
    return invalid (&ctx, "is not a dictionary");
  g_variant_iter_init (&iter, dict);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      const char *text = NULL;
      gboolean ok = TRUE;

      if (g_str_equal (key, "changed-at"))
        ok = get_time (&ctx, key, value, &backup->changed_at);
      else if (g_str_equal (key, "exported-at"))
        ok = get_time (&ctx, key, value, &backup->exported_at);
      else if (g_str_equal (key, "verified-at"))
        ok = get_time (&ctx, key, value, &backup->verified_at);
      else if (g_str_equal (key, "password-entered-at"))
        ok = get_time (&ctx, key, value, &backup->password_entered_at);
      else if (g_str_equal (key, "export-path") && (ok = get_string (&ctx, key, value, &text)))
        {
          g_free (backup->export_path);
          backup->export_path = g_strdup (text);
        }
      g_variant_unref (value);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_request_field (ParseContext      *ctx,
                     RvRecoveryRequest *request,
                     const char        *key,
                     GVariant          *value)
{
  static const struct { const char *key; gsize offset; } strings[] = {
    { "id", G_STRUCT_OFFSET (RvRecoveryRequest, id) },
    { "account-id", G_STRUCT_OFFSET (RvRecoveryRequest, account_id) },
    { "service-name", G_STRUCT_OFFSET (RvRecoveryRequest, service_name) },
    { "provider-id", G_STRUCT_OFFSET (RvRecoveryRequest, provider_id) },
    { "draft", G_STRUCT_OFFSET (RvRecoveryRequest, draft) },
    { "ticket-url", G_STRUCT_OFFSET (RvRecoveryRequest, ticket_url) },
  };
  const char *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      if (g_str_equal (key, strings[i].key))
        {
          char **field = G_STRUCT_MEMBER_P (request, strings[i].offset);

          if (!get_string (ctx, key, value, &text))
            return FALSE;
          g_free (*field);
          *field = g_strdup (text);
          return TRUE;
        }
    }
  if (g_str_equal (key, "created-at"))
    return get_time (ctx, key, value, &request->created_at);
  if (g_str_equal (key, "submitted-at"))
    return get_time (ctx, key, value, &request->submitted_at);
  if (g_str_equal (key, "follow-up-at"))
    return get_time (ctx, key, value, &request->follow_up_at);
  if (g_str_equal (key, "status"))
    {
      if (!get_string (ctx, key, value, &text))
        return FALSE;
      if (text == NULL || !rv_request_status_from_string (text, &request->status))
        return invalid (ctx, "has an unknown status");
    }
  return TRUE;
}

static gboolean
parse_requests (GVariant   *value,
                GPtrArray  *requests,
                GError    **error)
{
  GVariantIter iter;
  GVariant *child;
  guint index = 0;

  if (!g_variant_is_of_type (value, G_VARIANT_TYPE ("aa{sv}")))
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT,
                   "The vault's content is damaged: its request list has type %s",
                   g_variant_get_type_string (value));
      return FALSE;
    }
  g_variant_iter_init (&iter, value);
  while ((child = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autofree char *what = g_strdup_printf ("recovery request %u", ++index);
      ParseContext ctx = { what, error };
      g_autoptr(RvRecoveryRequest) request = g_new0 (RvRecoveryRequest, 1);
      GVariantIter fields;
      const char *key;
      GVariant *field;
      gboolean ok = TRUE;

      g_variant_iter_init (&fields, child);
      while (ok && g_variant_iter_next (&fields, "{&sv}", &key, &field))
        {
          ok = parse_request_field (&ctx, request, key, field);
          g_variant_unref (field);
        }
      g_variant_unref (child);
      if (!ok)
        return FALSE;
      if (request->id == NULL)
        return invalid (&ctx, "has no id");
      g_ptr_array_add (requests, g_steal_pointer (&request));
    }
  return TRUE;
}

static void
backup_state_clear (RvBackupState *backup)
{
  g_clear_pointer (&backup->export_path, g_free);
  memset (backup, 0, sizeof *backup);
}

gboolean
rv_vault_payload_parse (const RvSecret  *payload,
                        GPtrArray      **accounts_out,
                        RvBackupState   *backup,
                        GPtrArray      **requests_out,
                        GError         **error)
{
  g_autoptr(GVariant) root = NULL;
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) requests =
    g_ptr_array_new_with_free_func ((GDestroyNotify) rv_recovery_request_free);
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_return_val_if_fail (payload != NULL, FALSE);
  g_return_val_if_fail (backup != NULL, FALSE);

  memset (backup, 0, sizeof *backup);
  /* Untrusted: GLib checks every offset as it reads. The buffer is 8-byte
   * aligned, so GLib reads it in place rather than copying it to the heap. */
  root = g_variant_ref_sink (g_variant_new_from_data (G_VARIANT_TYPE_VARDICT,
                                                      rv_secret_get_data (payload),
                                                      rv_secret_get_size (payload),
                                                      FALSE, NULL, NULL));
  g_variant_iter_init (&iter, root);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      gboolean ok = TRUE;

      if (g_str_equal (key, "accounts"))
        ok = parse_accounts (value, accounts, error);
      else if (g_str_equal (key, "backup"))
        ok = parse_backup (value, backup, error);
      else if (g_str_equal (key, "requests"))
        ok = parse_requests (value, requests, error);
      g_variant_unref (value);
      if (!ok)
        {
          backup_state_clear (backup);
          return FALSE;
        }
    }

  *accounts_out = g_steal_pointer (&accounts);
  *requests_out = g_steal_pointer (&requests);
  return TRUE;
}
