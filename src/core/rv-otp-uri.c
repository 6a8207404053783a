/* rv-otp-uri.c: otpauth:// URIs (the Key Uri Format)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Parsed by hand rather than with GUri: GUri copies the whole string, secret
 * included, into the ordinary heap. Here the secret parameter is
 * percent-decoded and base32-decoded only inside guarded memory.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rv-otp-uri.h"

#include <string.h>

#include "rv-base32.h"
#include "rv-text.h"

G_DEFINE_QUARK (rv-otp-uri-error-quark, rv_otp_uri_error)

typedef struct
{
  const char *start;
  gsize       len;
} Span;

static gboolean
span_equal (Span        span,
            const char *literal)
{
  return span.len == strlen (literal) &&
         g_ascii_strncasecmp (span.start, literal, span.len) == 0;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Percent-decodes @span into @out (at least span.len + 1 bytes); returns the
 * decoded length, or -1 on a malformed escape or an encoded NUL. */
static gssize
percent_decode (Span      span,
                gboolean  plus_is_space,
                char     *out)
{
  gsize n = 0;

  for (gsize i = 0; i < span.len; i++)
    {
      char c = span.start[i];

      if (c == '%')
        {
          int hi, lo;

          if (i + 2 >= span.len)
            return -1;
          hi = hex_value (span.start[i + 1]);
          lo = hex_value (span.start[i + 2]);
          if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
            return -1;
          out[n++] = (char) (hi << 4 | lo);
          i += 2;
        }
      else if (c == '+' && plus_is_space)
        {
          out[n++] = ' ';
        }
      else
        {
          out[n++] = c;
        }
    }
  out[n] = '\0';
  return n;
}

static char *
decode_text (Span         span,
             gboolean     plus_is_space,
             const char  *what,
             GError     **error)
{
  g_autofree char *text = g_malloc (span.len + 1);
  gssize len = percent_decode (span, plus_is_space, text);

  if (len < 0)
    {
      g_set_error (error, RV_OTP_URI_ERROR, RV_OTP_URI_ERROR_BAD_ENCODING,
                   _("The %s has a malformed percent-encoding (%%XX)"), what);
      return NULL;
    }
  if (!g_utf8_validate (text, len, NULL))
    {
      g_set_error (error, RV_OTP_URI_ERROR, RV_OTP_URI_ERROR_BAD_ENCODING,
                   _("The %s is not valid UTF-8"), what);
      return NULL;
    }
  /* A label or issuer never carries control characters into the vault. */
  return g_strstrip (rv_text_sanitize (text, RV_TEXT_LINE));
}

static gboolean
parse_uint (const char  *name,
            Span         value,
            guint64      min,
            guint64      max,
            guint64     *out,
            GError     **error)
{
  char buffer[24];
  guint64 number;

  if (value.len == 0 || value.len >= sizeof buffer)
    goto fail;
  memcpy (buffer, value.start, value.len);
  buffer[value.len] = '\0';
  if (!g_ascii_string_to_unsigned (buffer, 10, min, max, &number, NULL))
    goto fail;
  *out = number;
  return TRUE;

fail:
  {
    g_autofree char *shown = g_utf8_make_valid (value.start, MIN (value.len, 24));

    g_set_error (error, RV_OTP_URI_ERROR,
                 g_str_equal (name, "digits") ? RV_OTP_URI_ERROR_BAD_DIGITS :
                 g_str_equal (name, "period") ? RV_OTP_URI_ERROR_BAD_PERIOD :
                 RV_OTP_URI_ERROR_BAD_COUNTER,
                 /* TRANSLATORS: the first %s is a parameter name (digits, period, counter) */
                 _("Invalid %s “%s”: expected a whole number from %llu to %llu"), name, shown,
                 (unsigned long long) min, (unsigned long long) max);
    return FALSE;
  }
}

/* Splits "Issuer:Account" at the first colon, unless the issuer parameter
 * says the issuer itself contains colons. */
static void
split_label (const char  *label,
             const char  *issuer_param,
             RvOtpParams *params)
{
  g_autofree char *text = g_strdup (label);
  char *colon;

  if (issuer_param != NULL && g_str_has_prefix (text, issuer_param) &&
      text[strlen (issuer_param)] == ':')
    colon = text + strlen (issuer_param);
  else
    colon = strchr (text, ':');

  if (colon != NULL)
    {
      *colon = '\0';
      params->issuer = g_strdup (g_strstrip (text));
      params->account_name = g_strdup (g_strstrip (colon + 1));
    }
  else
    {
      params->account_name = g_strdup (g_strstrip (text));
    }

  if (params->issuer != NULL && params->issuer[0] == '\0')
    g_clear_pointer (&params->issuer, g_free);
}

typedef struct
{
  Span secret, issuer, algorithm, digits, period, counter, encoder;
  gboolean have_secret, have_issuer, have_algorithm, have_digits, have_period,
           have_counter, have_encoder;
} Query;

static gboolean
collect_parameter (Query       *query,
                   Span         key,
                   Span         value,
                   GError     **error)
{
  static const char *names[] = {
    "secret", "issuer", "algorithm", "digits", "period", "counter", "encoder",
  };
  Span *slots[] = {
    &query->secret, &query->issuer, &query->algorithm, &query->digits,
    &query->period, &query->counter, &query->encoder,
  };
  gboolean *seen[] = {
    &query->have_secret, &query->have_issuer, &query->have_algorithm,
    &query->have_digits, &query->have_period, &query->have_counter,
    &query->have_encoder,
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (!span_equal (key, names[i]))
        continue;
      if (*seen[i])
        {
          g_set_error (error, RV_OTP_URI_ERROR, RV_OTP_URI_ERROR_DUPLICATE_PARAMETER,
                       _("The parameter “%s” appears more than once"), names[i]);
          return FALSE;
        }
      *seen[i] = TRUE;
      *slots[i] = value;
      return TRUE;
    }

  /* Unknown parameters (image, color, …) are allowed and ignored. */
  return TRUE;
}

static gboolean
split_query (Span     query_span,
             Query   *query,
             GError **error)
{
  const char *p = query_span.start;
  const char *end = query_span.start + query_span.len;

  while (p < end)
    {
      const char *amp = memchr (p, '&', end - p);
      const char *pair_end = amp ? amp : end;
      const char *eq = memchr (p, '=', pair_end - p);
      Span key, value;

      if (pair_end == p)
        {
          p = pair_end + 1;
          continue;
        }
      key.start = p;
      key.len = (eq ? eq : pair_end) - p;
      value.start = eq ? eq + 1 : pair_end;
      value.len = eq ? (gsize) (pair_end - eq - 1) : 0;

      if (!collect_parameter (query, key, value, error))
        return FALSE;
      p = pair_end + 1;
    }
  return TRUE;
}

static RvSecret *
decode_secret (Span     value,
               GError **error)
{
  g_autoptr(RvSecret) text = rv_secret_new (value.len + 1);
  g_autoptr(GError) local_error = NULL;
  char *buffer = (char *) rv_secret_get_mutable_data (text);
  gssize len;
  RvSecret *secret;

  len = percent_decode (value, TRUE, buffer);
  if (len < 0)
    {
      g_set_error_literal (error, RV_OTP_URI_ERROR, RV_OTP_URI_ERROR_BAD_ENCODING,
                           _("The secret has a malformed percent-encoding (%XX)"));
      return NULL;
    }
  if (len == 0)
    {
      g_set_error_literal (error, RV_OTP_URI_ERROR, RV_OTP_URI_ERROR_MISSING_SECRET,
                           _("The secret parameter is empty"));
      return NULL;
    }

  secret = rv_base32_decode (buffer, len, &local_error);
  if (secret == NULL)
    {
      g_set_error (error, RV_OTP_URI_ERROR, RV_OTP_URI_ERROR_BAD_SECRET,
                   _("The secret is not valid base32: %s"), local_error->message);
      return NULL;
    }
  return secret;
}

static gboolean
apply_query (const Query  *query,
             const char   *label,
             RvOtpParams  *params,
             GError      **error)
{
  g_autofree char *issuer = NULL;
  guint64 number;

  if (!query->have_secret)
    {
      g_set_error_literal (error, RV_OTP_URI_ERROR, RV_OTP_URI_ERROR_MISSING_SECRET,
                           _("The secret parameter is missing"));
      return FALSE;
    }
  params->secret = decode_secret (query->secret, error);
  if (params->secret == NULL)
    return FALSE;

  if (query->have_issuer)
    {
      issuer = decode_text (query->issuer, TRUE, "issuer", error);
      if (issuer == NULL)
        return FALSE;
    }
  split_label (label, issuer, params);
  /* The parameter wins over the label prefix, as the Key Uri Format advises. */
  if (issuer != NULL && issuer[0] != '\0')
    {
      g_free (params->issuer);
      params->issuer = g_steal_pointer (&issuer);
    }

  if (query->have_encoder && span_equal (query->encoder, "steam"))
    params->kind = RV_OTP_KIND_STEAM;
  if (params->kind == RV_OTP_KIND_TOTP && params->issuer != NULL &&
      g_ascii_strcasecmp (params->issuer, "Steam") == 0)
    params->kind = RV_OTP_KIND_STEAM;
  if (params->kind == RV_OTP_KIND_STEAM)
    params->digits = RV_OTP_STEAM_DIGITS;

  if (query->have_algorithm)
    {
      g_autofree char *name = decode_text (query->algorithm, TRUE, "algorithm", error);

      if (name == NULL)
        return FALSE;
      if (!rv_otp_algorithm_from_string (name, &params->algorithm))
        {
          g_set_error (error, RV_OTP_URI_ERROR, RV_OTP_URI_ERROR_BAD_ALGORITHM,
                       _("Unknown algorithm “%s”: expected SHA1, SHA256 or SHA512"), name);
          return FALSE;
        }
      if (params->kind == RV_OTP_KIND_STEAM && params->algorithm != RV_OTP_ALGORITHM_SHA1)
        {
          g_set_error (error, RV_OTP_URI_ERROR, RV_OTP_URI_ERROR_BAD_ALGORITHM,
                       _("Steam codes use SHA1, not %s"), name);
          return FALSE;
        }
    }

  if (query->have_digits && params->kind != RV_OTP_KIND_STEAM)
    {
      if (!parse_uint ("digits", query->digits, RV_OTP_MIN_DIGITS, RV_OTP_MAX_DIGITS,
                       &number, error))
        return FALSE;
      params->digits = number;
    }

  if (query->have_period && params->kind != RV_OTP_KIND_HOTP)
    {
      if (!parse_uint ("period", query->period, 1, RV_OTP_MAX_PERIOD, &number, error))
        return FALSE;
      params->period = number;
    }

  if (params->kind == RV_OTP_KIND_HOTP)
    {
      if (!query->have_counter)
        {
          g_set_error_literal (error, RV_OTP_URI_ERROR, RV_OTP_URI_ERROR_MISSING_COUNTER,
                               _("An HOTP URI needs a counter parameter"));
          return FALSE;
        }
      if (!parse_uint ("counter", query->counter, 0, G_MAXUINT64, &params->counter, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * rv_otp_uri_parse:
 * @uri: the URI; may hold a secret, so callers keep it in guarded memory
 * @len: its length, or -1 when NUL-terminated
 *
 * Returns: (transfer full): the parameters, or %NULL with @error saying what
 * is wrong.
 */
RvOtpParams *
rv_otp_uri_parse (const char  *uri,
                  gsize        len,
                  GError     **error)
{
  static const char scheme[] = "otpauth://";
  g_autoptr(RvOtpParams) params = NULL;
  Query query = { 0 };
  g_autofree char *label_text = NULL;
  const char *p, *end, *slash, *question;
  Span type, label, query_span;

  g_return_val_if_fail (uri != NULL, NULL);

  if (len == (gsize) -1)
    len = strlen (uri);
  while (len > 0 && g_ascii_isspace (uri[len - 1]))
    len--;
  while (len > 0 && g_ascii_isspace (uri[0]))
    uri++, len--;

  if (len > RV_OTP_URI_MAX_LENGTH)
    {
      g_set_error (error, RV_OTP_URI_ERROR, RV_OTP_URI_ERROR_TOO_LONG,
                   _("The URI is longer than %d characters"), RV_OTP_URI_MAX_LENGTH);
      return NULL;
    }
  if (len < sizeof scheme - 1 || g_ascii_strncasecmp (uri, scheme, sizeof scheme - 1) != 0)
    {
      g_set_error_literal (error, RV_OTP_URI_ERROR, RV_OTP_URI_ERROR_NOT_OTPAUTH,
                           _("Not an otpauth URI: it must start with “otpauth://”"));
      return NULL;
    }
  if (memchr (uri, '\0', len) != NULL)
    {
      g_set_error_literal (error, RV_OTP_URI_ERROR, RV_OTP_URI_ERROR_BAD_ENCODING,
                           _("The URI contains a NUL byte"));
      return NULL;
    }

  p = uri + sizeof scheme - 1;
  end = uri + len;
  slash = memchr (p, '/', end - p);
  question = memchr (p, '?', end - p);
  if (slash == NULL || (question != NULL && question < slash))
    {
      g_set_error_literal (error, RV_OTP_URI_ERROR, RV_OTP_URI_ERROR_BAD_LABEL,
                           _("The URI has no label: expected otpauth://TYPE/LABEL?…"));
      return NULL;
    }

  type = (Span) { p, slash - p };
  if (span_equal (type, "totp"))
    params = rv_otp_params_new (RV_OTP_KIND_TOTP);
  else if (span_equal (type, "hotp"))
    params = rv_otp_params_new (RV_OTP_KIND_HOTP);
  else if (span_equal (type, "steam"))
    params = rv_otp_params_new (RV_OTP_KIND_STEAM);
  else
    {
      g_autofree char *shown = g_utf8_make_valid (type.start, MIN (type.len, 32));

      g_set_error (error, RV_OTP_URI_ERROR, RV_OTP_URI_ERROR_BAD_TYPE,
                   _("Unknown OTP type “%s”: expected totp or hotp"), shown);
      return NULL;
    }

  label = (Span) { slash + 1, (question ? question : end) - (slash + 1) };
  query_span = question ? (Span) { question + 1, end - question - 1 } : (Span) { end, 0 };

  label_text = decode_text (label, FALSE, "label", error);
  if (label_text == NULL)
    return NULL;
  if (!split_query (query_span, &query, error))
    return NULL;
  if (!apply_query (&query, label_text, params, error))
    return NULL;
  /* The account limits (rv_otp_params_validate) hold for everything that
   * parses, so every accepted URI builds again under the length limit. */
  if (!rv_otp_params_validate (params, error))
    return NULL;

  return g_steal_pointer (&params);
}

static void
append_escaped (GString    *s,
                const char *text)
{
  g_autofree char *escaped = g_uri_escape_string (text, NULL, FALSE);

  g_string_append (s, escaped);
}

/**
 * rv_otp_uri_build:
 *
 * Returns: (transfer full): the otpauth URI, in guarded memory since it
 * carries the secret.
 */
RvSecret *
rv_otp_uri_build (const RvOtpParams *params)
{
  g_autoptr(GString) head = g_string_new ("otpauth://");
  g_autoptr(GString) tail = g_string_new (NULL);
  g_autoptr(RvSecret) secret = NULL;
  RvSecret *uri;
  guint8 *out;
  gsize head_len, secret_len;

  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (params->secret != NULL, NULL);
  g_return_val_if_fail (params->kind != RV_OTP_KIND_NONE, NULL);

  g_string_append (head, params->kind == RV_OTP_KIND_HOTP ? "hotp/" : "totp/");
  if (params->issuer != NULL && params->issuer[0] != '\0')
    {
      append_escaped (head, params->issuer);
      g_string_append_c (head, ':');
    }
  else if (params->account_name != NULL && strchr (params->account_name, ':') != NULL)
    {
      /* An empty issuer prefix keeps a colon in the name from being read as one. */
      g_string_append_c (head, ':');
    }
  append_escaped (head, params->account_name ? params->account_name : "");
  g_string_append (head, "?secret=");

  if (params->issuer != NULL && params->issuer[0] != '\0')
    {
      g_string_append (tail, "&issuer=");
      append_escaped (tail, params->issuer);
    }
  if (params->kind == RV_OTP_KIND_STEAM)
    {
      g_string_append (tail, "&encoder=steam&digits=5");
    }
  else
    {
      g_string_append_printf (tail, "&algorithm=%s&digits=%u",
                              rv_otp_algorithm_to_string (params->algorithm), params->digits);
    }
  if (params->kind == RV_OTP_KIND_HOTP)
    g_string_append_printf (tail, "&counter=%" G_GUINT64_FORMAT, params->counter);
  else
    g_string_append_printf (tail, "&period=%u", params->period);

  secret = rv_base32_encode_secret (params->secret);
  head_len = head->len;
  secret_len = rv_secret_get_size (secret);
  uri = rv_secret_new (head_len + secret_len + tail->len);
  out = rv_secret_get_mutable_data (uri);
  memcpy (out, head->str, head_len);
  memcpy (out + head_len, rv_secret_get_data (secret), secret_len);
  memcpy (out + head_len + secret_len, tail->str, tail->len);
  return uri;
}
