/* rv-import.c: format detection, dispatch and shared helpers of the importers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rv-import-private.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sodium.h>
#include <glib/gstdio.h>

#include "rv-base32.h"

G_DEFINE_QUARK (rv-import-error-quark, rv_import_error)

static const struct
{
  RvImportFormat  format;
  const char     *id;
  const char     *display_name;
} formats[] = {
  { RV_IMPORT_FORMAT_AUTO, "auto", "Automatic" },
  { RV_IMPORT_FORMAT_AEGIS, "aegis", "Aegis" },
  { RV_IMPORT_FORMAT_ANDOTP, "andotp", "andOTP" },
  { RV_IMPORT_FORMAT_TWOFAS, "2fas", "2FAS" },
  { RV_IMPORT_FORMAT_FREEOTP_PLUS, "freeotp", "FreeOTP+" },
  { RV_IMPORT_FORMAT_GOOGLE_MIGRATION, "google", "Google Authenticator" },
  { RV_IMPORT_FORMAT_BITWARDEN, "bitwarden", "Bitwarden" },
  { RV_IMPORT_FORMAT_URI_LIST, "uri-list", "otpauth URI list" },
};

const char *
rv_import_format_to_string (RvImportFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return formats[i].id;
  return NULL;
}

gboolean
rv_import_format_from_string (const char     *text,
                              RvImportFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (formats[i].id, text) == 0)
      {
        *format = formats[i].format;
        return TRUE;
      }
  return FALSE;
}

const char *
rv_import_format_get_display_name (RvImportFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return formats[i].display_name;
  return NULL;
}

/* Results and entries */

void
rv_import_rejected_free (RvImportRejected *rejected)
{
  if (rejected == NULL)
    return;
  g_free (rejected->label);
  g_free (rejected->reason);
  g_free (rejected);
}

RvImportResult *
rv_import_result_new (RvImportFormat format)
{
  RvImportResult *result = g_new0 (RvImportResult, 1);

  result->format = format;
  result->accounts = g_ptr_array_new_with_free_func (g_object_unref);
  result->rejected = g_ptr_array_new_with_free_func ((GDestroyNotify) rv_import_rejected_free);
  result->warnings = g_ptr_array_new_with_free_func (g_free);
  return result;
}

void
rv_import_result_free (RvImportResult *result)
{
  if (result == NULL)
    return;
  g_ptr_array_unref (result->accounts);
  g_ptr_array_unref (result->rejected);
  g_ptr_array_unref (result->warnings);
  g_free (result);
}

void
rv_import_result_warn (RvImportResult *result,
                       const char     *format,
                       ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (result->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

void
rv_import_entry_init (RvImportEntry  *entry,
                      RvImportResult *result,
                      guint           index,
                      const char     *issuer,
                      const char     *name)
{
  entry->result = result;
  entry->index = index;
  if (!is_blank (issuer) && !is_blank (name))
    entry->label = g_strdup_printf ("%s (%s)", issuer, name);
  else if (!is_blank (issuer))
    entry->label = g_strdup (issuer);
  else if (!is_blank (name))
    entry->label = g_strdup (name);
  else
    entry->label = g_strdup_printf ("entry %u", index);
}

void
rv_import_entry_clear (RvImportEntry *entry)
{
  g_clear_pointer (&entry->label, g_free);
}

gboolean
rv_import_entry_reject (RvImportEntry *entry,
                        const char    *format,
                        ...)
{
  RvImportRejected *rejected = g_new0 (RvImportRejected, 1);
  va_list args;

  va_start (args, format);
  rejected->reason = g_strdup_vprintf (format, args);
  va_end (args);
  rejected->label = g_strdup (entry->label);
  g_ptr_array_add (entry->result->rejected, rejected);
  return FALSE;
}

static char *
dup_nonblank (const char *text)
{
  return is_blank (text) ? NULL : g_strstrip (g_strdup (text));
}

gboolean
rv_import_entry_add (RvImportEntry      *entry,
                     const RvOtpParams  *params,
                     const char         *notes,
                     const char * const *tags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvAccount) account = NULL;
  g_autofree char *issuer = dup_nonblank (params->issuer);
  g_autofree char *name = dup_nonblank (params->account_name);

  if (!rv_otp_params_validate (params, &error))
    return rv_import_entry_reject (entry, "%s", error->message);

  account = rv_account_new_from_otp_params (params);
  rv_account_set_issuer (account, issuer);
  rv_account_set_name (account, name);
  if (!is_blank (notes))
    rv_account_set_notes (account, notes);
  if (tags != NULL && tags[0] != NULL)
    rv_account_set_tags (account, tags);
  g_ptr_array_add (entry->result->accounts, g_steal_pointer (&account));
  return TRUE;
}

RvSecret *
rv_import_entry_base32 (RvImportEntry *entry,
                        const char    *text)
{
  g_autoptr(GError) error = NULL;
  RvSecret *secret;

  if (text == NULL || is_blank (text))
    {
      rv_import_entry_reject (entry, "the secret is empty");
      return NULL;
    }
  secret = rv_base32_decode (text, strlen (text), &error);
  if (secret == NULL)
    rv_import_entry_reject (entry, "bad secret: %s", error->message);
  return secret;
}

gboolean
rv_import_entry_numbers (RvImportEntry *entry,
                         RvOtpParams   *params,
                         gint64         digits,
                         gint64         period,
                         gint64         counter)
{
  if (digits < 0 || digits > 100)
    return rv_import_entry_reject (entry, "unsupported number of digits %" G_GINT64_FORMAT,
                                   digits);
  if (period < 0 || period > G_MAXUINT32)
    return rv_import_entry_reject (entry, "bad period %" G_GINT64_FORMAT, period);
  if (counter < 0)
    return rv_import_entry_reject (entry, "negative counter %" G_GINT64_FORMAT, counter);
  params->digits = params->kind == RV_OTP_KIND_STEAM ? RV_OTP_STEAM_DIGITS : (guint) digits;
  params->period = (guint) period;
  params->counter = (guint64) counter;
  return TRUE;
}

gboolean
rv_import_entry_algorithm (RvImportEntry  *entry,
                           const char     *text,
                           RvOtpAlgorithm *algorithm)
{
  g_autofree char *lower = NULL;

  if (text == NULL || *text == '\0')
    {
      *algorithm = RV_OTP_ALGORITHM_SHA1;
      return TRUE;
    }
  lower = g_ascii_strdown (text, -1);
  if (g_str_has_prefix (lower, "hmac"))
    memmove (lower, lower + 4, strlen (lower + 4) + 1);
  if (g_str_equal (lower, "sha-1"))
    strcpy (lower, "sha1");
  else if (g_str_equal (lower, "sha-256"))
    strcpy (lower, "sha256");
  else if (g_str_equal (lower, "sha-512"))
    strcpy (lower, "sha512");
  if (rv_otp_algorithm_from_string (lower, algorithm))
    return TRUE;
  return rv_import_entry_reject (entry, "unsupported algorithm “%s” (SHA1, SHA256 and SHA512 are)",
                                 text);
}

/* JSON */

JsonNode *
rv_import_json_parse (const guint8  *data,
                      gsize          len,
                      GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;

  if (!g_utf8_validate_len ((const char *) data, len, NULL))
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                           "The file is not valid UTF-8 text");
      return NULL;
    }
  if (!json_parser_load_from_data (parser, (const char *) data, len, &local_error))
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                   "The file is not valid JSON: %s", local_error->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                           "The file is empty");
      return NULL;
    }
  return json_parser_steal_root (parser);
}

static const char *
node_type_name (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT: return "an object";
    case JSON_NODE_ARRAY: return "a list";
    case JSON_NODE_NULL: return "null";
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING: return "text";
        case G_TYPE_BOOLEAN: return "true/false";
        default: return "a number";
        }
    }
}

static gboolean
wrong_type (const char  *where,
            const char  *member,
            const char  *expected,
            JsonNode    *node,
            GError     **error)
{
  g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
               "%s: “%s” should be %s, not %s", where, member, expected,
               node_type_name (node));
  return FALSE;
}

gboolean
rv_import_json_get_string (JsonObject  *object,
                           const char  *member,
                           const char  *where,
                           const char **value,
                           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return wrong_type (where, member, "text", node, error);
  *value = json_node_get_string (node);
  return TRUE;
}

gboolean
rv_import_json_get_int (JsonObject  *object,
                        const char  *member,
                        const char  *where,
                        gint64       fallback,
                        gint64      *value,
                        GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  GType type;

  *value = fallback;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return wrong_type (where, member, "a whole number", node, error);

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      *value = json_node_get_int (node);
      return TRUE;
    }
  if (type == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      /* Range first: casting an out-of-range double is undefined. */
      if (d > -9.0e18 && d < 9.0e18 && d == (double) (gint64) d)
        {
          *value = (gint64) d;
          return TRUE;
        }
    }
  /* Some apps write numbers as strings ("digits": "6"). */
  if (type == G_TYPE_STRING &&
      g_ascii_string_to_signed (json_node_get_string (node), 10, G_MININT64, G_MAXINT64,
                                value, NULL))
    return TRUE;
  return wrong_type (where, member, "a whole number", node, error);
}

JsonObject *
rv_import_json_require_object (JsonObject  *object,
                               const char  *member,
                               const char  *where,
                               GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                   "%s: “%s” is missing", where, member);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      wrong_type (where, member, "an object", node, error);
      return NULL;
    }
  return json_node_get_object (node);
}

JsonArray *
rv_import_json_require_array (JsonObject  *object,
                              const char  *member,
                              const char  *where,
                              GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                   "%s: “%s” is missing", where, member);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      wrong_type (where, member, "a list", node, error);
      return NULL;
    }
  return json_node_get_array (node);
}

JsonObject *
rv_import_json_array_object (JsonArray   *array,
                             guint        index,
                             const char  *what,
                             GError     **error)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                   "%s %u should be an object, not %s", what, index + 1, node_type_name (node));
      return NULL;
    }
  return json_node_get_object (node);
}

/* Binary helpers */

RvSecret *
rv_import_hex_decode (const char  *text,
                      gsize        expected_len,
                      const char  *what,
                      GError     **error)
{
  g_autoptr(RvSecret) out = NULL;
  gsize len;
  guint8 *bytes;

  if (text == NULL)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED, "%s is missing", what);
      return NULL;
    }
  len = strlen (text);
  if (len % 2 != 0 || (expected_len > 0 && len != expected_len * 2))
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                   "%s has the wrong length", what);
      return NULL;
    }
  out = rv_secret_new (len / 2);
  bytes = rv_secret_get_mutable_data (out);
  for (gsize i = 0; i < len; i += 2)
    {
      int hi = g_ascii_xdigit_value (text[i]);
      int lo = g_ascii_xdigit_value (text[i + 1]);

      if (hi < 0 || lo < 0)
        {
          g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                       "%s is not hexadecimal", what);
          return NULL;
        }
      bytes[i / 2] = (hi << 4) | lo;
    }
  return g_steal_pointer (&out);
}

RvSecret *
rv_import_base64_decode (const char  *text,
                         gsize        len,
                         const char  *what,
                         GError     **error)
{
  g_autoptr(RvSecret) out = NULL;
  gsize bin_len = 0;
  const char *end = NULL;

  if (text == NULL || len == 0)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED, "%s is missing", what);
      return NULL;
    }
  out = rv_secret_new (len / 4 * 3 + 3);
  if (sodium_base642bin (rv_secret_get_mutable_data (out), rv_secret_get_size (out),
                         text, len, "\n\r ", &bin_len, &end,
                         sodium_base64_VARIANT_ORIGINAL) != 0 || end != text + len)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                   "%s is not valid base64", what);
      return NULL;
    }
  return rv_secret_truncate (g_steal_pointer (&out), bin_len);
}

gboolean
rv_import_check_aes_gcm (GError **error)
{
  if (sodium_init () < 0 || !crypto_aead_aes256gcm_is_available ())
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNSUPPORTED_CRYPTO,
                           "This file is encrypted with AES-GCM, which needs a processor "
                           "with AES-NI instructions; this one has none");
      return FALSE;
    }
  return TRUE;
}

gboolean
rv_import_aes_gcm_decrypt (const RvSecret  *key,
                           const guint8    *nonce,
                           const guint8    *ciphertext,
                           gsize            ciphertext_len,
                           const guint8    *tag,
                           RvSecret       **plaintext)
{
  g_autoptr(RvSecret) out = rv_secret_new (ciphertext_len);
  guint8 empty = 0;

  g_assert (rv_secret_get_size (key) == crypto_aead_aes256gcm_KEYBYTES);

  if (crypto_aead_aes256gcm_decrypt_detached (ciphertext_len > 0 ?
                                                rv_secret_get_mutable_data (out) : &empty,
                                              NULL,
                                              ciphertext_len > 0 ? ciphertext : &empty,
                                              ciphertext_len, tag, NULL, 0, nonce,
                                              rv_secret_get_data (key)) != 0)
    return FALSE;
  *plaintext = g_steal_pointer (&out);
  return TRUE;
}

gboolean
rv_import_require_password (const RvSecret  *password,
                            const char      *app,
                            GError         **error)
{
  if (password != NULL)
    return TRUE;
  g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_NEEDS_PASSWORD,
               "This %s export is encrypted: its password is needed", app);
  return FALSE;
}

/* Detection and dispatch */

static gsize
skip_space (const guint8 *data,
            gsize         len,
            gsize         i)
{
  if (i == 0 && len >= 3 && data[0] == 0xef && data[1] == 0xbb && data[2] == 0xbf)
    i = 3;
  while (i < len && g_ascii_isspace (data[i]))
    i++;
  return i;
}

gboolean
rv_import_text_starts_with (const guint8 *data,
                            gsize         len,
                            const char   *scheme)
{
  gsize i = 0;
  gsize scheme_len = strlen (scheme);

  for (;;)
    {
      i = skip_space (data, len, i);
      if (i >= len || data[i] != '#')
        break;
      while (i < len && data[i] != '\n')
        i++;
    }
  return len - i >= scheme_len &&
         g_ascii_strncasecmp ((const char *) data + i, scheme, scheme_len) == 0;
}

static RvImportFormat
detect_json (JsonNode *root)
{
  if (rv_import_aegis_detect (root))
    return RV_IMPORT_FORMAT_AEGIS;
  if (rv_import_twofas_detect (root))
    return RV_IMPORT_FORMAT_TWOFAS;
  if (rv_import_freeotp_detect (root))
    return RV_IMPORT_FORMAT_FREEOTP_PLUS;
  if (rv_import_bitwarden_detect (root))
    return RV_IMPORT_FORMAT_BITWARDEN;
  if (rv_import_andotp_detect (root))
    return RV_IMPORT_FORMAT_ANDOTP;
  return RV_IMPORT_FORMAT_AUTO;
}

static gboolean
looks_like_json (const guint8 *data,
                 gsize         len)
{
  gsize i = skip_space (data, len, 0);

  return i < len && (data[i] == '{' || data[i] == '[');
}

RvImportFormat
rv_import_detect (const guint8 *data,
                  gsize         len)
{
  g_return_val_if_fail (data != NULL || len == 0, RV_IMPORT_FORMAT_AUTO);

  if (len > RV_IMPORT_MAX_SIZE)
    return RV_IMPORT_FORMAT_AUTO;
  if (looks_like_json (data, len))
    {
      g_autoptr(JsonNode) root = rv_import_json_parse (data, len, NULL);

      return root != NULL ? detect_json (root) : RV_IMPORT_FORMAT_AUTO;
    }
  if (rv_import_text_starts_with (data, len, "otpauth-migration:"))
    return RV_IMPORT_FORMAT_GOOGLE_MIGRATION;
  if (rv_import_text_starts_with (data, len, "otpauth:"))
    return RV_IMPORT_FORMAT_URI_LIST;
  if (rv_import_andotp_detect_binary (data, len))
    return RV_IMPORT_FORMAT_ANDOTP;
  return RV_IMPORT_FORMAT_AUTO;
}

gboolean
rv_import_is_encrypted (const guint8   *data,
                        gsize           len,
                        RvImportFormat  format)
{
  g_autoptr(JsonNode) root = NULL;
  RvImportFormat detected;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  if (len > RV_IMPORT_MAX_SIZE)
    return FALSE;
  if (!looks_like_json (data, len))
    return (format == RV_IMPORT_FORMAT_AUTO || format == RV_IMPORT_FORMAT_ANDOTP) &&
           rv_import_andotp_detect_binary (data, len);

  /* One parse for both questions: the file may be large. */
  root = rv_import_json_parse (data, len, NULL);
  if (root == NULL)
    return FALSE;
  detected = detect_json (root);
  if (format != RV_IMPORT_FORMAT_AUTO && format != detected)
    return FALSE;
  if (detected == RV_IMPORT_FORMAT_AEGIS)
    return rv_import_aegis_is_encrypted (root);
  if (detected == RV_IMPORT_FORMAT_TWOFAS)
    return rv_import_twofas_is_encrypted (root);
  return FALSE;
}

static RvImportResult *
not_this_format (RvImportFormat   format,
                 GError         **error)
{
  g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNKNOWN_FORMAT,
               "This is not a file exported by %s", rv_import_format_get_display_name (format));
  return NULL;
}

static RvImportResult *
parse_json_format (const guint8    *data,
                   gsize            len,
                   RvImportFormat   format,
                   const RvSecret  *password,
                   GError         **error)
{
  g_autoptr(JsonNode) root = rv_import_json_parse (data, len, error);
  RvImportFormat detected;

  if (root == NULL)
    return NULL;
  detected = detect_json (root);
  if (format == RV_IMPORT_FORMAT_AUTO)
    format = detected;
  else if (detected != format)
    return not_this_format (format, error);

  switch (format)
    {
    case RV_IMPORT_FORMAT_AEGIS: return rv_import_aegis_parse (root, password, error);
    case RV_IMPORT_FORMAT_TWOFAS: return rv_import_twofas_parse (root, password, error);
    case RV_IMPORT_FORMAT_FREEOTP_PLUS: return rv_import_freeotp_parse (root, error);
    case RV_IMPORT_FORMAT_BITWARDEN: return rv_import_bitwarden_parse (root, error);
    case RV_IMPORT_FORMAT_ANDOTP: return rv_import_andotp_parse (root, error);
    case RV_IMPORT_FORMAT_AUTO:
    case RV_IMPORT_FORMAT_GOOGLE_MIGRATION:
    case RV_IMPORT_FORMAT_URI_LIST:
    default:
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNKNOWN_FORMAT,
                           "This JSON file is not an export of a supported authenticator "
                           "(Aegis, andOTP, 2FAS, FreeOTP+ or Bitwarden)");
      return NULL;
    }
}

RvImportResult *
rv_import_parse (const guint8    *data,
                 gsize            len,
                 RvImportFormat   format,
                 const RvSecret  *password,
                 GError         **error)
{
  RvImportResult *result = NULL;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len > RV_IMPORT_MAX_SIZE)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_TOO_LARGE,
                   "The file is too large to be an authenticator export (over %d MiB)",
                   RV_IMPORT_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  if (skip_space (data, len, 0) == len)
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNKNOWN_FORMAT,
                           "The file is empty");
      return NULL;
    }

  if (format == RV_IMPORT_FORMAT_AUTO && !looks_like_json (data, len))
    format = rv_import_detect (data, len);

  switch (format)
    {
    case RV_IMPORT_FORMAT_GOOGLE_MIGRATION:
      result = rv_import_google_parse (data, len, error);
      break;
    case RV_IMPORT_FORMAT_URI_LIST:
      result = rv_import_urilist_parse (data, len, error);
      break;
    case RV_IMPORT_FORMAT_ANDOTP:
      if (!looks_like_json (data, len))
        {
          result = rv_import_andotp_parse_encrypted (data, len, password, error);
          break;
        }
      G_GNUC_FALLTHROUGH;
    case RV_IMPORT_FORMAT_AEGIS:
    case RV_IMPORT_FORMAT_TWOFAS:
    case RV_IMPORT_FORMAT_FREEOTP_PLUS:
    case RV_IMPORT_FORMAT_BITWARDEN:
      if (!looks_like_json (data, len))
        return not_this_format (format, error);
      G_GNUC_FALLTHROUGH;
    case RV_IMPORT_FORMAT_AUTO:
    default:
      if (!looks_like_json (data, len))
        {
          g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNKNOWN_FORMAT,
                               "The file is not an export of a supported authenticator "
                               "(Aegis, andOTP, 2FAS, FreeOTP+, Google Authenticator, "
                               "Bitwarden, or a list of otpauth:// URIs)");
          return NULL;
        }
      result = parse_json_format (data, len, format, password, error);
      break;
    }
  return result;
}

typedef struct
{
  RvSecret       *data;
  RvSecret       *password;
  RvImportFormat  format;
} ParseData;

static void
parse_data_free (gpointer pointer)
{
  ParseData *parse = pointer;

  rv_secret_free (parse->data);
  rv_secret_free (parse->password);
  g_free (parse);
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ParseData *parse = task_data;
  GError *error = NULL;
  RvImportResult *result;

  result = rv_import_parse (rv_secret_get_data (parse->data), rv_secret_get_size (parse->data),
                            parse->format, parse->password, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) rv_import_result_free);
}

void
rv_import_parse_async (const guint8        *data,
                       gsize                len,
                       RvImportFormat       format,
                       const RvSecret      *password,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ParseData *parse;

  g_return_if_fail (data != NULL || len == 0);

  task = g_task_new (NULL, cancellable, callback, user_data);
  parse = g_new0 (ParseData, 1);
  parse->data = rv_secret_new_from_data (data, len);
  parse->password = password != NULL ? rv_secret_copy (password) : NULL;
  parse->format = format;
  g_task_set_source_tag (task, rv_import_parse_async);
  g_task_set_task_data (task, parse, parse_data_free);
  g_task_run_in_thread (task, parse_thread);
}

RvImportResult *
rv_import_parse_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rv_import_parse_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

RvSecret *
rv_import_join_texts (GPtrArray *texts)
{
  gsize total = 0, offset = 0;
  RvSecret *joined;
  guint8 *out;

  g_return_val_if_fail (texts != NULL, NULL);

  for (guint i = 0; i < texts->len; i++)
    total += rv_secret_get_size (g_ptr_array_index (texts, i)) + 1;
  joined = rv_secret_new (total);
  out = rv_secret_get_mutable_data (joined);
  for (guint i = 0; i < texts->len; i++)
    {
      const RvSecret *text = g_ptr_array_index (texts, i);

      memcpy (out + offset, rv_secret_get_data (text), rv_secret_get_size (text));
      offset += rv_secret_get_size (text);
      out[offset++] = '\n';
    }
  return joined;
}

static gboolean
set_io_error (GError     **error,
              const char  *path,
              const char  *what,
              int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "Could not %s “%s”: %s",
               what, display, g_strerror (saved_errno));
  return FALSE;
}

RvSecret *
rv_import_read_file (const char  *path,
                     GError     **error)
{
  g_autoptr(RvSecret) data = NULL;
  struct stat info;
  gsize len = 0;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_io_error (error, path, "open", errno);
      return NULL;
    }
  if (fstat (fd, &info) != 0)
    {
      int saved = errno;

      close (fd);
      set_io_error (error, path, "read", saved);
      return NULL;
    }
  if (!S_ISREG (info.st_mode))
    {
      close (fd);
      set_io_error (error, path, "read", S_ISDIR (info.st_mode) ? EISDIR : EINVAL);
      return NULL;
    }
  if (info.st_size > RV_IMPORT_MAX_SIZE)
    {
      close (fd);
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_TOO_LARGE,
                   "The file is too large to be an authenticator export (over %d MiB)",
                   RV_IMPORT_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  data = rv_secret_new (info.st_size);
  while (len < (gsize) info.st_size)
    {
      ssize_t n = read (fd, rv_secret_get_mutable_data (data) + len, info.st_size - len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          set_io_error (error, path, "read", saved);
          return NULL;
        }
      if (n == 0)
        break;
      len += n;
    }
  close (fd);
  return rv_secret_truncate (g_steal_pointer (&data), len);
}
