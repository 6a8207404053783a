/* rv-otp.c: HOTP (RFC 4226), TOTP (RFC 6238) and Steam Guard codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rv-otp.h"

#include <nettle/hmac.h>
#include <sodium.h>
#include <string.h>

static const char steam_alphabet[] = "23456789BCDFGHJKMNPQRTVWXY";

G_DEFINE_QUARK (rv-otp-error-quark, rv_otp_error)

RvOtpParams *
rv_otp_params_new (RvOtpKind kind)
{
  RvOtpParams *self = g_new0 (RvOtpParams, 1);

  self->kind = kind;
  self->algorithm = RV_OTP_ALGORITHM_SHA1;
  self->digits = kind == RV_OTP_KIND_STEAM ? RV_OTP_STEAM_DIGITS : RV_OTP_MIN_DIGITS;
  self->period = RV_OTP_DEFAULT_PERIOD;
  return self;
}

RvOtpParams *
rv_otp_params_copy (const RvOtpParams *self)
{
  RvOtpParams *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->issuer = g_strdup (self->issuer);
  copy->account_name = g_strdup (self->account_name);
  copy->secret = self->secret ? rv_secret_copy (self->secret) : NULL;
  return copy;
}

void
rv_otp_params_free (RvOtpParams *self)
{
  if (self == NULL)
    return;

  g_free (self->issuer);
  g_free (self->account_name);
  rv_secret_free (self->secret);
  g_free (self);
}

gboolean
rv_otp_params_validate (const RvOtpParams  *self,
                        GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->kind == RV_OTP_KIND_NONE)
    return TRUE;

  if (self->kind > RV_OTP_KIND_STEAM)
    {
      g_set_error (error, RV_OTP_ERROR, RV_OTP_ERROR_BAD_KIND,
                   _("Unknown one-time password type %d"), self->kind);
      return FALSE;
    }
  if (self->secret == NULL || rv_secret_get_size (self->secret) == 0)
    {
      g_set_error_literal (error, RV_OTP_ERROR, RV_OTP_ERROR_NO_SECRET,
                           _("The secret is missing"));
      return FALSE;
    }
  if (rv_secret_get_size (self->secret) > RV_OTP_MAX_SECRET_BYTES)
    {
      g_set_error (error, RV_OTP_ERROR, RV_OTP_ERROR_BAD_SECRET,
                   _("The secret is longer than %d bytes"), RV_OTP_MAX_SECRET_BYTES);
      return FALSE;
    }
  if (rv_secret_get_size (self->secret) < RV_OTP_MIN_ZERO_SECRET_BYTES &&
      sodium_is_zero (rv_secret_get_data (self->secret), rv_secret_get_size (self->secret)))
    {
      g_set_error_literal (error, RV_OTP_ERROR, RV_OTP_ERROR_BAD_SECRET,
                           _("The secret is only zero bytes: it is a placeholder, not a "
                             "real secret"));
      return FALSE;
    }
  if ((self->issuer != NULL && strlen (self->issuer) > RV_OTP_MAX_TEXT_BYTES) ||
      (self->account_name != NULL && strlen (self->account_name) > RV_OTP_MAX_TEXT_BYTES))
    {
      g_set_error (error, RV_OTP_ERROR, RV_OTP_ERROR_TOO_LONG,
                   _("The issuer and the account name must each be at most %d bytes long"),
                   RV_OTP_MAX_TEXT_BYTES);
      return FALSE;
    }
  if (self->kind == RV_OTP_KIND_STEAM && self->digits != RV_OTP_STEAM_DIGITS)
    {
      g_set_error (error, RV_OTP_ERROR, RV_OTP_ERROR_BAD_DIGITS,
                   _("Steam codes have %d characters, not %u"), RV_OTP_STEAM_DIGITS, self->digits);
      return FALSE;
    }
  if (self->kind != RV_OTP_KIND_STEAM &&
      (self->digits < RV_OTP_MIN_DIGITS || self->digits > RV_OTP_MAX_DIGITS))
    {
      g_set_error (error, RV_OTP_ERROR, RV_OTP_ERROR_BAD_DIGITS,
                   _("Digits must be between %d and %d, not %u"),
                   RV_OTP_MIN_DIGITS, RV_OTP_MAX_DIGITS, self->digits);
      return FALSE;
    }
  if (self->kind != RV_OTP_KIND_HOTP &&
      (self->period == 0 || self->period > RV_OTP_MAX_PERIOD))
    {
      g_set_error (error, RV_OTP_ERROR, RV_OTP_ERROR_BAD_PERIOD,
                   _("The period must be between 1 and %d seconds, not %u"),
                   RV_OTP_MAX_PERIOD, self->period);
      return FALSE;
    }
  return TRUE;
}

gboolean
rv_otp_params_generate (const RvOtpParams  *self,
                        gint64              unix_time,
                        char                code[RV_OTP_CODE_BUFFER],
                        GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (!rv_otp_params_validate (self, error))
    return FALSE;

  switch (self->kind)
    {
    case RV_OTP_KIND_TOTP:
    case RV_OTP_KIND_STEAM:
      if (unix_time < 0)
        {
          g_set_error (error, RV_OTP_ERROR, RV_OTP_ERROR_BAD_TIME,
                       _("The time %lld is before 1970"), (long long) unix_time);
          return FALSE;
        }
      if (self->kind == RV_OTP_KIND_STEAM)
        rv_otp_steam (self->secret, unix_time, self->period, code);
      else
        rv_otp_totp (self->secret, self->algorithm, unix_time, self->period, self->digits, code);
      return TRUE;

    case RV_OTP_KIND_HOTP:
      rv_otp_hotp (self->secret, self->algorithm, self->counter, self->digits, code);
      return TRUE;

    case RV_OTP_KIND_NONE:
    default:
      g_set_error_literal (error, RV_OTP_ERROR, RV_OTP_ERROR_BAD_KIND,
                           _("This account has no one-time password"));
      return FALSE;
    }
}

/* HMAC of @message under @key into @digest, returning the digest's length.
 * Nettle's HMAC contexts live on the stack: no allocation per code (GHmac
 * allocates a context and two checksums for each). The contexts hold key
 * material, so they are wiped. */
static gsize
otp_hmac (RvOtpAlgorithm  algorithm,
          const guint8   *key,
          gsize           key_len,
          const guint8   *message,
          gsize           message_len,
          guint8          digest[SHA512_DIGEST_SIZE])
{
  switch (algorithm)
    {
    case RV_OTP_ALGORITHM_SHA256:
      {
        struct hmac_sha256_ctx ctx;

        hmac_sha256_set_key (&ctx, key_len, key);
        hmac_sha256_update (&ctx, message_len, message);
        hmac_sha256_digest (&ctx, SHA256_DIGEST_SIZE, digest);
        sodium_memzero (&ctx, sizeof ctx);
        return SHA256_DIGEST_SIZE;
      }
    case RV_OTP_ALGORITHM_SHA512:
      {
        struct hmac_sha512_ctx ctx;

        hmac_sha512_set_key (&ctx, key_len, key);
        hmac_sha512_update (&ctx, message_len, message);
        hmac_sha512_digest (&ctx, SHA512_DIGEST_SIZE, digest);
        sodium_memzero (&ctx, sizeof ctx);
        return SHA512_DIGEST_SIZE;
      }
    case RV_OTP_ALGORITHM_SHA1:
    default:
      {
        struct hmac_sha1_ctx ctx;

        hmac_sha1_set_key (&ctx, key_len, key);
        hmac_sha1_update (&ctx, message_len, message);
        hmac_sha1_digest (&ctx, SHA1_DIGEST_SIZE, digest);
        sodium_memzero (&ctx, sizeof ctx);
        return SHA1_DIGEST_SIZE;
      }
    }
}

/* RFC 4226 §5.3: HMAC of the big-endian counter, dynamic truncation to 31 bits. */
guint32
rv_otp_hotp_value (const RvSecret *key,
                   RvOtpAlgorithm  algorithm,
                   guint64         counter)
{
  guint8 message[8];
  guint8 digest[SHA512_DIGEST_SIZE];
  gsize digest_len;
  guint offset;
  guint32 value;

  g_return_val_if_fail (key != NULL, 0);

  for (int i = 7; i >= 0; i--)
    {
      message[i] = counter & 0xff;
      counter >>= 8;
    }

  digest_len = otp_hmac (algorithm, rv_secret_get_data (key), rv_secret_get_size (key),
                         message, sizeof message, digest);

  offset = digest[digest_len - 1] & 0x0f;
  value = ((guint32) (digest[offset] & 0x7f) << 24) |
          ((guint32) digest[offset + 1] << 16) |
          ((guint32) digest[offset + 2] << 8) |
          (guint32) digest[offset + 3];

  sodium_memzero (digest, sizeof digest);
  return value;
}

void
rv_otp_hotp (const RvSecret *key,
             RvOtpAlgorithm  algorithm,
             guint64         counter,
             guint           digits,
             char            code[RV_OTP_CODE_BUFFER])
{
  guint64 value = rv_otp_hotp_value (key, algorithm, counter);
  guint64 modulus = 1;

  g_return_if_fail (digits >= 1 && digits <= RV_OTP_MAX_DIGITS);

  for (guint i = 0; i < digits; i++)
    modulus *= 10;
  value %= modulus;

  code[digits] = '\0';
  for (int i = (int) digits - 1; i >= 0; i--)
    {
      code[i] = '0' + value % 10;
      value /= 10;
    }
}

guint64
rv_otp_time_step (gint64 unix_time,
                  guint  period)
{
  g_return_val_if_fail (period > 0, 0);
  g_return_val_if_fail (unix_time >= 0, 0);

  return (guint64) unix_time / period;
}

guint
rv_otp_seconds_left (gint64 unix_time,
                     guint  period)
{
  g_return_val_if_fail (period > 0, 0);
  g_return_val_if_fail (unix_time >= 0, 0);

  return period - (guint) ((guint64) unix_time % period);
}

void
rv_otp_totp (const RvSecret *key,
             RvOtpAlgorithm  algorithm,
             gint64          unix_time,
             guint           period,
             guint           digits,
             char            code[RV_OTP_CODE_BUFFER])
{
  rv_otp_hotp (key, algorithm, rv_otp_time_step (unix_time, period), digits, code);
}

/* Steam Guard: a TOTP value written with 5 symbols of Steam's alphabet,
 * least significant first. */
void
rv_otp_steam (const RvSecret *key,
              gint64          unix_time,
              guint           period,
              char            code[RV_OTP_CODE_BUFFER])
{
  guint32 value = rv_otp_hotp_value (key, RV_OTP_ALGORITHM_SHA1,
                                     rv_otp_time_step (unix_time, period));

  for (guint i = 0; i < RV_OTP_STEAM_DIGITS; i++)
    {
      code[i] = steam_alphabet[value % (sizeof steam_alphabet - 1)];
      value /= sizeof steam_alphabet - 1;
    }
  code[RV_OTP_STEAM_DIGITS] = '\0';
}

const char *
rv_otp_kind_to_string (RvOtpKind kind)
{
  switch (kind)
    {
    case RV_OTP_KIND_TOTP:
      return "totp";
    case RV_OTP_KIND_HOTP:
      return "hotp";
    case RV_OTP_KIND_STEAM:
      return "steam";
    case RV_OTP_KIND_NONE:
    default:
      return "none";
    }
}

gboolean
rv_otp_kind_from_string (const char *text,
                         RvOtpKind  *kind)
{
  static const char *names[] = { "none", "totp", "hotp", "steam" };

  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (g_ascii_strcasecmp (text, names[i]) == 0)
        {
          *kind = (RvOtpKind) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
rv_otp_algorithm_to_string (RvOtpAlgorithm algorithm)
{
  switch (algorithm)
    {
    case RV_OTP_ALGORITHM_SHA256:
      return "SHA256";
    case RV_OTP_ALGORITHM_SHA512:
      return "SHA512";
    case RV_OTP_ALGORITHM_SHA1:
    default:
      return "SHA1";
    }
}

/* Accepts SHA1, sha-256, HmacSHA512 and the like: exporters spell them many ways. */
gboolean
rv_otp_algorithm_from_string (const char     *text,
                              RvOtpAlgorithm *algorithm)
{
  g_autofree char *normal = NULL;
  GString *s;

  g_return_val_if_fail (text != NULL, FALSE);

  s = g_string_new (NULL);
  for (const char *p = text; *p; p++)
    if (*p != '-' && *p != '_')
      g_string_append_c (s, g_ascii_toupper (*p));
  normal = g_string_free (s, FALSE);

  if (g_str_has_prefix (normal, "HMAC"))
    memmove (normal, normal + 4, strlen (normal + 4) + 1);

  if (g_str_equal (normal, "SHA1"))
    *algorithm = RV_OTP_ALGORITHM_SHA1;
  else if (g_str_equal (normal, "SHA256"))
    *algorithm = RV_OTP_ALGORITHM_SHA256;
  else if (g_str_equal (normal, "SHA512"))
    *algorithm = RV_OTP_ALGORITHM_SHA512;
  else
    return FALSE;
  return TRUE;
}

gboolean
rv_otp_next_counter (guint64   counter,
                     guint64  *next,
                     GError  **error)
{
  g_return_val_if_fail (next != NULL, FALSE);

  if (counter == G_MAXUINT64)
    {
      g_set_error_literal (error, RV_OTP_ERROR, RV_OTP_ERROR_COUNTER_EXHAUSTED,
                           _("The HOTP counter is at its largest value and cannot advance; "
                             "set up two-factor authentication again for this account"));
      return FALSE;
    }
  *next = counter + 1;
  return TRUE;
}
