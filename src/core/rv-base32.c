/* rv-base32.c: RFC 4648 base32
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hand-written because neither GLib nor libsodium offers base32, and the
 * decoded seed must go straight into guarded memory. Input is tolerant (any
 * case, spaces and dashes ignored, padding optional) as people paste secrets
 * grouped by four; output is exact upper-case with padding omitted, as the
 * Key Uri Format asks.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rv-base32.h"

#include <string.h>

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

G_DEFINE_QUARK (rv-base32-error-quark, rv_base32_error)

static int
decode_char (char c)
{
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a';
  if (c >= '2' && c <= '7')
    return c - '2' + 26;
  return -1;
}

static gboolean
is_separator (char c)
{
  return c == ' ' || c == '\t' || c == '-';
}

/**
 * rv_base32_decode:
 * @text: the base32 text (not necessarily NUL-terminated)
 * @len: its length in bytes, or -1 if NUL-terminated
 *
 * Returns: (transfer full): the decoded bytes in guarded memory, or %NULL
 * with @error naming the offending character or length.
 */
RvSecret *
rv_base32_decode (const char  *text,
                  gsize        len,
                  GError     **error)
{
  g_autoptr(RvSecret) out = NULL;
  guint8 *bytes;
  gsize n_symbols = 0;
  gsize n_padding = 0;
  gsize n_bytes = 0;
  guint buffer = 0;
  guint bits = 0;

  g_return_val_if_fail (text != NULL, NULL);

  if (len == (gsize) -1)
    len = strlen (text);

  out = rv_secret_new (len * 5 / 8 + 1);
  bytes = rv_secret_get_mutable_data (out);

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];
      int value;

      if (is_separator (c))
        continue;
      if (c == '=')
        {
          n_padding++;
          continue;
        }
      value = decode_char (c);
      if (value < 0 || n_padding > 0)
        {
          if (value >= 0)
            g_set_error (error, RV_BASE32_ERROR, RV_BASE32_ERROR_BAD_PADDING,
                         _("Base32 padding '=' is followed by more data at position %zu"),
                         i + 1);
          else if (g_ascii_isprint (c))
            g_set_error (error, RV_BASE32_ERROR, RV_BASE32_ERROR_INVALID_CHARACTER,
                         _("Invalid base32 character '%c' at position %zu "
                           "(only A–Z and 2–7 are allowed)"), c, i + 1);
          else
            g_set_error (error, RV_BASE32_ERROR, RV_BASE32_ERROR_INVALID_CHARACTER,
                         _("Invalid base32 byte 0x%02x at position %zu "
                           "(only A–Z and 2–7 are allowed)"), (guint8) c, i + 1);
          return NULL;
        }

      buffer = (buffer << 5) | (guint) value;
      bits += 5;
      n_symbols++;
      if (bits >= 8)
        {
          bits -= 8;
          bytes[n_bytes++] = (buffer >> bits) & 0xff;
        }
    }
  buffer = 0;

  if (n_symbols == 0)
    {
      g_set_error_literal (error, RV_BASE32_ERROR, RV_BASE32_ERROR_EMPTY,
                           _("The base32 secret is empty"));
      return NULL;
    }

  /* 1, 3 and 6 symbols in a final group cannot encode whole bytes. */
  switch (n_symbols % 8)
    {
    case 1:
    case 3:
    case 6:
      g_set_error (error, RV_BASE32_ERROR, RV_BASE32_ERROR_BAD_LENGTH,
                   _("Invalid base32 length: %zu characters cannot encode "
                   "whole bytes (a character is missing or extra)"), n_symbols);
      return NULL;
    default:
      break;
    }

  if (n_padding > 0 && (n_symbols + n_padding) % 8 != 0)
    {
      g_set_error (error, RV_BASE32_ERROR, RV_BASE32_ERROR_BAD_PADDING,
                   _("Invalid base32 padding: %zu '=' after %zu characters"),
                   n_padding, n_symbols);
      return NULL;
    }

  return rv_secret_truncate (g_steal_pointer (&out), n_bytes);
}

/**
 * rv_base32_encode:
 *
 * Returns: (transfer full): upper-case base32 without padding, in guarded
 * memory (the input is usually a seed).
 */
RvSecret *
rv_base32_encode (const guint8 *data,
                  gsize         len)
{
  RvSecret *out;
  char *text;
  gsize n = 0;
  guint buffer = 0;
  guint bits = 0;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  out = rv_secret_new ((len * 8 + 4) / 5);
  text = (char *) rv_secret_get_mutable_data (out);

  for (gsize i = 0; i < len; i++)
    {
      buffer = (buffer << 8) | data[i];
      bits += 8;
      while (bits >= 5)
        {
          bits -= 5;
          text[n++] = alphabet[(buffer >> bits) & 0x1f];
        }
    }
  if (bits > 0)
    text[n++] = alphabet[(buffer << (5 - bits)) & 0x1f];
  buffer = 0;

  g_assert (n == rv_secret_get_size (out));
  return out;
}

RvSecret *
rv_base32_encode_secret (const RvSecret *secret)
{
  g_return_val_if_fail (secret != NULL, NULL);

  return rv_base32_encode (rv_secret_get_data (secret), rv_secret_get_size (secret));
}
