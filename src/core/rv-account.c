/* rv-account.c: one account: OTP parameters, secret, recovery codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rv-account-private.h"
#include "rv-search-key.h"
#include "rv-util.h"
#include "rv-text.h"

#include <sodium.h>
#include <string.h>

G_DEFINE_FINAL_TYPE (RvAccount, rv_account, G_TYPE_OBJECT)
G_DEFINE_QUARK (rv-account-error-quark, rv_account_error)


enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
_rv_account_touch (RvAccount     *self,
       const RvStamp *stamp)
{
  self->modified = rv_stamp_max (&self->modified, stamp);
}

/* A change made here, now: @field gets a new stamp (never earlier than its
 * last one, nor than the account's). */
void
_rv_account_stamp_field (RvAccount      *self,
             RvAccountField  field)
{
  RvStamp stamp;

  if (self->no_stamp || field >= RV_ACCOUNT_N_FIELDS)
    return;
  stamp = rv_stamp_next (&self->modified);
  self->field_stamps[field] = stamp;
  _rv_account_touch (self, &stamp);
}

/* "changed" tells the vault that something worth saving happened. */
void
_rv_account_emit_changed (RvAccount  *self,
              guint       prop_id)
{
  if (prop_id == PROP_ISSUER || prop_id == PROP_NAME || prop_id == PROP_EMAIL ||
      prop_id == PROP_TAGS)
    g_clear_pointer (&self->search_key, g_free);
  if (prop_id != PROP_0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  if (self->owner_func != NULL)
    self->owner_func (self, prop_id == PROP_UPDATED, self->owner);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
_rv_account_set_string (RvAccount      *self,
            char          **field,
            const char     *value,
            guint           prop_id,
            RvAccountField  sync_field)
{
  g_autofree char *clean = rv_text_sanitize (value, sync_field == RV_ACCOUNT_FIELD_NOTES ?
                                                      RV_TEXT_MULTILINE : RV_TEXT_LINE);

  if (clean != NULL && clean[0] == '\0')
    g_clear_pointer (&clean, g_free);
  if (g_strcmp0 (*field, clean) == 0)
    return;
  g_free (*field);
  *field = g_steal_pointer (&clean);
  _rv_account_stamp_field (self, sync_field);
  _rv_account_emit_changed (self, prop_id);
}

static void
recovery_code_clear (gpointer data)
{
  RvRecoveryCode *code = data;

  g_clear_pointer (&code->code, rv_secret_free);
  g_clear_pointer (&code->sealed, g_bytes_unref);
}

void
_rv_account_notify_recovery_counts (RvAccount *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RECOVERY_CODES]);
  _rv_account_emit_changed (self, PROP_N_UNUSED_RECOVERY_CODES);
}

static void
rv_account_finalize (GObject *object)
{
  RvAccount *self = (RvAccount *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->issuer, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->search_key, g_free);
  g_clear_pointer (&self->secret, rv_secret_free);
  g_clear_pointer (&self->recovery_codes, g_array_unref);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->code_tombstones, g_array_unref);

  G_OBJECT_CLASS (rv_account_parent_class)->finalize (object);
}

static void
rv_account_constructed (GObject *object)
{
  RvAccount *self = (RvAccount *) object;

  G_OBJECT_CLASS (rv_account_parent_class)->constructed (object);

  if (self->id == NULL)
    self->id = g_uuid_string_random ();
}

static void
rv_account_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  RvAccount *self = RV_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_ISSUER: g_value_set_string (value, self->issuer); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_EMAIL: g_value_set_string (value, self->email); break;
    case PROP_URL: g_value_set_string (value, self->url); break;
    case PROP_NOTES: g_value_set_string (value, self->notes); break;
    case PROP_TAGS: g_value_set_boxed (value, self->tags); break;
    case PROP_KIND: g_value_set_uint (value, self->kind); break;
    case PROP_ALGORITHM: g_value_set_uint (value, self->algorithm); break;
    case PROP_DIGITS: g_value_set_uint (value, self->digits); break;
    case PROP_PERIOD: g_value_set_uint (value, self->period); break;
    case PROP_COUNTER: g_value_set_uint64 (value, self->counter); break;
    case PROP_CREATED: g_value_set_int64 (value, self->created); break;
    case PROP_UPDATED: g_value_set_int64 (value, self->updated); break;
    case PROP_N_RECOVERY_CODES:
      g_value_set_uint (value, rv_account_get_n_recovery_codes (self));
      break;
    case PROP_N_UNUSED_RECOVERY_CODES:
      g_value_set_uint (value, rv_account_get_n_unused_recovery_codes (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rv_account_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  RvAccount *self = RV_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      if (g_value_get_string (value) != NULL)
        rv_account_set_id (self, g_value_get_string (value));
      break;
    case PROP_ISSUER: rv_account_set_issuer (self, g_value_get_string (value)); break;
    case PROP_NAME: rv_account_set_name (self, g_value_get_string (value)); break;
    case PROP_EMAIL: rv_account_set_email (self, g_value_get_string (value)); break;
    case PROP_URL: rv_account_set_url (self, g_value_get_string (value)); break;
    case PROP_NOTES: rv_account_set_notes (self, g_value_get_string (value)); break;
    case PROP_TAGS: rv_account_set_tags (self, g_value_get_boxed (value)); break;
    case PROP_KIND: rv_account_set_kind (self, g_value_get_uint (value)); break;
    case PROP_ALGORITHM: rv_account_set_algorithm (self, g_value_get_uint (value)); break;
    case PROP_DIGITS: rv_account_set_digits (self, g_value_get_uint (value)); break;
    case PROP_PERIOD: rv_account_set_period (self, g_value_get_uint (value)); break;
    case PROP_COUNTER: rv_account_set_counter (self, g_value_get_uint64 (value)); break;
    case PROP_CREATED: rv_account_set_created (self, g_value_get_int64 (value)); break;
    case PROP_UPDATED: rv_account_set_updated (self, g_value_get_int64 (value)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
uint_property (const char *name,
               guint       max,
               guint       default_value)
{
  return g_param_spec_uint (name, NULL, NULL, 0, max, default_value,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
time_property (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, 0, G_MAXINT64, 0,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
rv_account_class_init (RvAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = rv_account_constructed;
  object_class->finalize = rv_account_finalize;
  object_class->get_property = rv_account_get_property;
  object_class->set_property = rv_account_set_property;

  /* A construct property, so loading sets it without a random id first. */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_ISSUER] = string_property ("issuer");
  properties[PROP_NAME] = string_property ("name");
  properties[PROP_EMAIL] = string_property ("email");
  properties[PROP_URL] = string_property ("url");
  properties[PROP_NOTES] = string_property ("notes");
  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] = uint_property ("kind", RV_OTP_KIND_STEAM, RV_OTP_KIND_NONE);
  properties[PROP_ALGORITHM] = uint_property ("algorithm", RV_OTP_ALGORITHM_SHA512,
                                              RV_OTP_ALGORITHM_SHA1);
  properties[PROP_DIGITS] = uint_property ("digits", RV_OTP_MAX_DIGITS, RV_OTP_MIN_DIGITS);
  properties[PROP_PERIOD] = uint_property ("period", RV_OTP_MAX_PERIOD, RV_OTP_DEFAULT_PERIOD);
  properties[PROP_COUNTER] =
    g_param_spec_uint64 ("counter", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED] = time_property ("created");
  properties[PROP_UPDATED] = time_property ("updated");
  properties[PROP_N_RECOVERY_CODES] =
    g_param_spec_uint ("n-recovery-codes", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_UNUSED_RECOVERY_CODES] =
    g_param_spec_uint ("n-unused-recovery-codes", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RvAccount::changed:
   *
   * Emitted after any change that should be saved.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rv_account_init (RvAccount *self)
{
  gint64 now = rv_now ();

  self->kind = RV_OTP_KIND_NONE;
  self->algorithm = RV_OTP_ALGORITHM_SHA1;
  self->digits = RV_OTP_MIN_DIGITS;
  self->period = RV_OTP_DEFAULT_PERIOD;
  self->created = now;
  self->updated = now;
  self->recovery_codes = g_array_new (FALSE, TRUE, sizeof (RvRecoveryCode));
  g_array_set_clear_func (self->recovery_codes, recovery_code_clear);
  self->history = g_ptr_array_new_with_free_func ((GDestroyNotify) rv_account_history_entry_free);
  self->code_tombstones = g_array_new (FALSE, TRUE, sizeof (RvCodeTombstone));
  /* A new account: every field is "set" now, here. */
  self->modified = rv_stamp_next (NULL);
  for (guint i = 0; i < RV_ACCOUNT_N_FIELDS; i++)
    self->field_stamps[i] = self->modified;
}

RvAccount *
rv_account_new (void)
{
  return g_object_new (RV_TYPE_ACCOUNT, NULL);
}

void
rv_account_fields_init (RvAccountFields *fields)
{
  g_return_if_fail (fields != NULL);

  memset (fields, 0, sizeof *fields);
  fields->kind = RV_OTP_KIND_NONE;
  fields->algorithm = RV_OTP_ALGORITHM_SHA1;
  fields->digits = RV_OTP_MIN_DIGITS;
  fields->period = RV_OTP_DEFAULT_PERIOD;
}

/**
 * rv_account_new_from_fields:
 *
 * Builds an account from stored values in one step, without a signal per
 * field: how the vault loads 10,000 accounts quickly. Takes the secret and
 * the recovery codes (the array is left empty); copies the strings. The
 * caller has validated the values.
 */
RvAccount *
rv_account_new_from_fields (RvAccountFields *fields)
{
  RvAccount *self;

  g_return_val_if_fail (fields != NULL && fields->id != NULL, NULL);

  self = g_object_new (RV_TYPE_ACCOUNT, "id", fields->id, NULL);
  /* Files written before the text rule (rv-text.c) are cleaned as they load. */
  self->issuer = rv_text_sanitize (fields->issuer, RV_TEXT_LINE);
  self->name = rv_text_sanitize (fields->name, RV_TEXT_LINE);
  self->email = rv_text_sanitize (fields->email, RV_TEXT_LINE);
  self->url = rv_text_sanitize (fields->url, RV_TEXT_LINE);
  self->notes = rv_text_sanitize (fields->notes, RV_TEXT_MULTILINE);
  self->tags = rv_text_sanitize_strv (fields->tags);
  self->kind = fields->kind;
  self->algorithm = fields->algorithm;
  self->digits = fields->digits;
  self->period = fields->period;
  self->counter = fields->counter;
  self->secret = g_steal_pointer (&fields->secret);
  self->created = fields->created;
  self->updated = fields->updated;
  if (fields->recovery_codes != NULL)
    {
      g_array_append_vals (self->recovery_codes, fields->recovery_codes->data,
                           fields->recovery_codes->len);
      g_array_set_size (fields->recovery_codes, 0);
    }
  self->recovery_issued_at = fields->recovery_issued_at;
  self->recovery_expected_count = fields->recovery_expected_count;
  self->recovery_checked_at = fields->recovery_checked_at;
  if (fields->have_stamps)
    {
      self->modified = RV_STAMP_NONE;
      for (guint i = 0; i < RV_ACCOUNT_N_FIELDS; i++)
        {
          self->field_stamps[i] = fields->field_stamps[i];
          _rv_account_touch (self, &fields->field_stamps[i]);
        }
    }
  else
    {
      /* Version 1: every field as last changed when the account was. */
      self->modified = rv_stamp_from_seconds (fields->updated);
      for (guint i = 0; i < RV_ACCOUNT_N_FIELDS; i++)
        self->field_stamps[i] = self->modified;
    }
  for (guint i = 0; i < self->recovery_codes->len; i++)
    {
      RvRecoveryCode *code = &g_array_index (self->recovery_codes, RvRecoveryCode, i);

      if (code->id[0] == '\0')
        rv_recovery_code_derive_id (self->id, code->code, code->id);
      if (rv_stamp_is_none (&code->modified))
        code->modified = rv_stamp_from_seconds (MAX (code->added_at, code->used_at));
      _rv_account_touch (self, &code->modified);
    }
  if (fields->history != NULL)
    {
      /* Replaced values load through the same text rule as the current ones. */
      for (guint i = 0; i < fields->history->len; i++)
        {
          RvAccountHistoryEntry *h = g_ptr_array_index (fields->history, i);

          rv_text_sanitize_in_place (&h->text, h->field == RV_ACCOUNT_FIELD_NOTES ?
                                                 RV_TEXT_MULTILINE : RV_TEXT_LINE);
          if (h->tags != NULL)
            {
              GStrv clean = rv_text_sanitize_strv ((const char * const *) h->tags);

              g_strfreev (h->tags);
              h->tags = clean;
            }
        }
      g_ptr_array_extend_and_steal (self->history, g_steal_pointer (&fields->history));
    }
  return self;
}

RvAccount *
rv_account_new_from_otp_params (const RvOtpParams *params)
{
  RvAccount *self;

  g_return_val_if_fail (params != NULL, NULL);

  self = rv_account_new ();
  rv_account_set_otp_params (self, params);
  return self;
}

/* Returns: (transfer full): the OTP parameters and label, secret included. */
RvOtpParams *
rv_account_dup_otp_params (RvAccount *self)
{
  RvOtpParams *params;

  g_return_val_if_fail (RV_IS_ACCOUNT (self), NULL);

  params = rv_otp_params_new (self->kind);
  params->algorithm = self->algorithm;
  params->digits = self->digits;
  params->period = self->period;
  params->counter = self->counter;
  params->issuer = g_strdup (self->issuer);
  params->account_name = g_strdup (self->name);
  params->secret = self->secret ? rv_secret_copy (self->secret) : NULL;
  return params;
}

void
rv_account_set_otp_params (RvAccount         *self,
                           const RvOtpParams *params)
{
  g_return_if_fail (RV_IS_ACCOUNT (self));
  g_return_if_fail (params != NULL);

  g_object_freeze_notify (G_OBJECT (self));
  rv_account_set_issuer (self, params->issuer);
  rv_account_set_name (self, params->account_name);
  rv_account_set_kind (self, params->kind);
  rv_account_set_algorithm (self, params->algorithm);
  rv_account_set_digits (self, params->digits);
  rv_account_set_period (self, params->period);
  rv_account_set_counter (self, params->counter);
  rv_account_set_secret (self, params->secret);
  g_object_thaw_notify (G_OBJECT (self));
}

#define STRING_ACCESSORS(field, PROP, SYNC)                            \
  const char *                                                         \
  rv_account_get_##field (RvAccount *self)                             \
  {                                                                    \
    g_return_val_if_fail (RV_IS_ACCOUNT (self), NULL);                 \
    return self->field;                                                \
  }                                                                    \
  void                                                                 \
  rv_account_set_##field (RvAccount  *self,                            \
                          const char *field)                           \
  {                                                                    \
    g_return_if_fail (RV_IS_ACCOUNT (self));                           \
    _rv_account_set_string (self, &self->field, field, PROP, SYNC);                \
  }

STRING_ACCESSORS (issuer, PROP_ISSUER, RV_ACCOUNT_FIELD_ISSUER)
STRING_ACCESSORS (name, PROP_NAME, RV_ACCOUNT_FIELD_NAME)
STRING_ACCESSORS (email, PROP_EMAIL, RV_ACCOUNT_FIELD_EMAIL)
STRING_ACCESSORS (url, PROP_URL, RV_ACCOUNT_FIELD_URL)
STRING_ACCESSORS (notes, PROP_NOTES, RV_ACCOUNT_FIELD_NOTES)

#define NUMBER_ACCESSORS(type, field, PROP, SYNC)                      \
  type                                                                 \
  rv_account_get_##field (RvAccount *self)                             \
  {                                                                    \
    g_return_val_if_fail (RV_IS_ACCOUNT (self), 0);                    \
    return self->field;                                                \
  }                                                                    \
  void                                                                 \
  rv_account_set_##field (RvAccount *self,                             \
                          type       field)                            \
  {                                                                    \
    g_return_if_fail (RV_IS_ACCOUNT (self));                           \
    if (self->field == field)                                          \
      return;                                                          \
    self->field = field;                                               \
    _rv_account_stamp_field (self, SYNC);                                          \
    _rv_account_emit_changed (self, PROP);                                         \
  }

NUMBER_ACCESSORS (RvOtpKind, kind, PROP_KIND, RV_ACCOUNT_FIELD_OTP)
NUMBER_ACCESSORS (RvOtpAlgorithm, algorithm, PROP_ALGORITHM, RV_ACCOUNT_FIELD_OTP)
NUMBER_ACCESSORS (guint, digits, PROP_DIGITS, RV_ACCOUNT_FIELD_OTP)
NUMBER_ACCESSORS (guint, period, PROP_PERIOD, RV_ACCOUNT_FIELD_OTP)
NUMBER_ACCESSORS (guint64, counter, PROP_COUNTER, RV_ACCOUNT_FIELD_COUNTER)
NUMBER_ACCESSORS (gint64, created, PROP_CREATED, RV_ACCOUNT_N_FIELDS)
NUMBER_ACCESSORS (gint64, updated, PROP_UPDATED, RV_ACCOUNT_N_FIELDS)
NUMBER_ACCESSORS (gint64, recovery_issued_at, PROP_0, RV_ACCOUNT_FIELD_RECOVERY_META)
NUMBER_ACCESSORS (guint, recovery_expected_count, PROP_0, RV_ACCOUNT_FIELD_RECOVERY_META)
NUMBER_ACCESSORS (gint64, recovery_checked_at, PROP_0, RV_ACCOUNT_FIELD_RECOVERY_META)

const char *
rv_account_get_id (RvAccount *self)
{
  g_return_val_if_fail (RV_IS_ACCOUNT (self), NULL);

  return self->id;
}

/* Only for loading: ids are assigned at creation and never change. */
void
rv_account_set_id (RvAccount  *self,
                   const char *id)
{
  g_return_if_fail (RV_IS_ACCOUNT (self));
  g_return_if_fail (id != NULL && id[0] != '\0');

  if (g_strcmp0 (self->id, id) == 0)
    return;
  g_free (self->id);
  self->id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char * const *
rv_account_get_tags (RvAccount *self)
{
  static const char *none[] = { NULL };

  g_return_val_if_fail (RV_IS_ACCOUNT (self), NULL);

  return self->tags ? (const char * const *) self->tags : none;
}

void
rv_account_set_tags (RvAccount          *self,
                     const char * const *tags)
{
  g_auto(GStrv) clean = NULL;

  g_return_if_fail (RV_IS_ACCOUNT (self));

  clean = rv_text_sanitize_strv (tags);
  if (self->tags == NULL && clean == NULL)
    return;
  if (self->tags != NULL && clean != NULL &&
      g_strv_equal ((const char * const *) self->tags, (const char * const *) clean))
    return;
  g_strfreev (self->tags);
  self->tags = g_steal_pointer (&clean);
  _rv_account_stamp_field (self, RV_ACCOUNT_FIELD_TAGS);
  _rv_account_emit_changed (self, PROP_TAGS);
}

const RvSecret *
rv_account_get_secret (RvAccount *self)
{
  g_return_val_if_fail (RV_IS_ACCOUNT (self), NULL);

  return self->secret;
}

/* The one rule for "the same authenticator, whatever its label": the same OTP kind and
 * the same secret. Imports skip such duplicates, the add dialog points at them, restores
 * match by them. An account without an OTP secret is the same as none. */
gboolean
rv_account_has_otp (RvAccount      *self,
                    RvOtpKind       kind,
                    const RvSecret *secret)
{
  g_return_val_if_fail (RV_IS_ACCOUNT (self), FALSE);

  return kind != RV_OTP_KIND_NONE && secret != NULL &&
         self->kind == kind && rv_secret_equal (self->secret, secret);
}

gboolean
rv_account_same_otp (RvAccount *self,
                     RvAccount *other)
{
  g_return_val_if_fail (RV_IS_ACCOUNT (other), FALSE);

  return rv_account_has_otp (self, other->kind, other->secret);
}

/* The first account of @accounts that rv_account_has_otp() (borrowed), or NULL. */
RvAccount *
rv_account_find_same_otp (GListModel     *accounts,
                          RvOtpKind       kind,
                          const RvSecret *secret)
{
  guint n = g_list_model_get_n_items (accounts);

  if (kind == RV_OTP_KIND_NONE || secret == NULL)
    return NULL;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (accounts, i);

      if (rv_account_has_otp (account, kind, secret))
        return account;
    }
  return NULL;
}

/* Copies @secret (which may be %NULL) into the account. */
void
rv_account_set_secret (RvAccount      *self,
                       const RvSecret *secret)
{
  g_return_if_fail (RV_IS_ACCOUNT (self));

  if (self->secret == secret)
    return;
  if (self->secret != NULL && secret != NULL && rv_secret_equal (self->secret, secret))
    return;
  g_clear_pointer (&self->secret, rv_secret_free);
  if (secret != NULL)
    self->secret = rv_secret_copy (secret);
  _rv_account_stamp_field (self, RV_ACCOUNT_FIELD_OTP);
  _rv_account_emit_changed (self, PROP_0);
}

/**
 * rv_account_set_owner:
 * @func: (nullable): called on every change, before "changed"
 *
 * For the vault holding the account: a direct call instead of two signal
 * connections per account, which cost a sixth of opening 10,000 accounts.
 */
void
rv_account_set_owner (RvAccount          *self,
                      RvAccountOwnerFunc  func,
                      gpointer            owner)
{
  g_return_if_fail (RV_IS_ACCOUNT (self));

  self->owner_func = func;
  self->owner = owner;
}

gpointer
rv_account_get_owner (RvAccount *self)
{
  g_return_val_if_fail (RV_IS_ACCOUNT (self), NULL);

  return self->owner;
}

/* Like rv_account_set_secret() but takes ownership: saves a copy when loading. */
void
rv_account_take_secret (RvAccount *self,
                        RvSecret  *secret)
{
  g_return_if_fail (RV_IS_ACCOUNT (self));

  g_clear_pointer (&self->secret, rv_secret_free);
  self->secret = secret;
  _rv_account_stamp_field (self, RV_ACCOUNT_FIELD_OTP);
  _rv_account_emit_changed (self, PROP_0);
}

gboolean
rv_account_generate_code (RvAccount  *self,
                          gint64      unix_time,
                          char        code[RV_OTP_CODE_BUFFER],
                          GError    **error)
{
  RvOtpParams params = { 0 };

  g_return_val_if_fail (RV_IS_ACCOUNT (self), FALSE);

  /* A borrowed view: no copy of the secret is made for each code. */
  params.kind = self->kind;
  params.algorithm = self->algorithm;
  params.digits = self->digits;
  params.period = self->period;
  params.counter = self->counter;
  params.secret = self->secret;
  return rv_otp_params_generate (&params, unix_time, code, error);
}

/* "Issuer (name)", or whichever of them exists. */
char *
rv_account_dup_display_name (RvAccount *self)
{
  g_return_val_if_fail (RV_IS_ACCOUNT (self), NULL);

  if (self->issuer != NULL && self->name != NULL)
    return g_strdup_printf ("%s (%s)", self->issuer, self->name);
  if (self->issuer != NULL)
    return g_strdup (self->issuer);
  if (self->name != NULL)
    return g_strdup (self->name);
  return g_strdup ("?");
}

/**
 * rv_account_matches:
 * @casefolded_query: the search text, already passed through g_utf8_casefold()
 *
 * Whether the issuer, name, email or a tag contains the query. The folded
 * fields are kept from one search to the next (until one of them changes):
 * a keystroke over 10,000 accounts folds nothing.
 */
gboolean
rv_account_matches (RvAccount  *self,
                    const char *casefolded_query)
{
  g_return_val_if_fail (RV_IS_ACCOUNT (self), FALSE);

  if (casefolded_query == NULL || casefolded_query[0] == '\0')
    return TRUE;
  if (self->search_key == NULL)
    {
      const char *fields[] = { self->issuer, self->name, self->email };

      self->search_key = rv_search_key_new (fields, G_N_ELEMENTS (fields),
                                            (const char * const *) self->tags);
    }
  return rv_search_key_matches (self->search_key, casefolded_query);
}

RvAccount *
rv_account_copy (RvAccount *self)
{
  RvAccount *copy;

  g_return_val_if_fail (RV_IS_ACCOUNT (self), NULL);

  copy = g_object_new (RV_TYPE_ACCOUNT, "id", self->id, NULL);
  copy->issuer = g_strdup (self->issuer);
  copy->name = g_strdup (self->name);
  copy->email = g_strdup (self->email);
  copy->url = g_strdup (self->url);
  copy->notes = g_strdup (self->notes);
  copy->tags = g_strdupv (self->tags);
  copy->kind = self->kind;
  copy->algorithm = self->algorithm;
  copy->digits = self->digits;
  copy->period = self->period;
  copy->counter = self->counter;
  copy->secret = self->secret != NULL ? rv_secret_copy (self->secret) : NULL;
  copy->created = self->created;
  copy->updated = self->updated;
  for (guint i = 0; i < self->recovery_codes->len; i++)
    {
      RvRecoveryCode code = g_array_index (self->recovery_codes, RvRecoveryCode, i);

      code.code = code.code != NULL ? rv_secret_copy (code.code) : NULL;
      code.sealed = code.sealed != NULL ? g_bytes_ref (code.sealed) : NULL;
      g_array_append_val (copy->recovery_codes, code);
    }
  copy->codes_locked = self->codes_locked;
  copy->recovery_issued_at = self->recovery_issued_at;
  copy->recovery_expected_count = self->recovery_expected_count;
  copy->recovery_checked_at = self->recovery_checked_at;
  memcpy (copy->field_stamps, self->field_stamps, sizeof copy->field_stamps);
  copy->modified = self->modified;
  for (guint i = 0; i < self->history->len; i++)
    g_ptr_array_add (copy->history,
                     rv_account_history_entry_copy (g_ptr_array_index (self->history, i)));
  g_array_append_vals (copy->code_tombstones, self->code_tombstones->data,
                       self->code_tombstones->len);
  return copy;
}

