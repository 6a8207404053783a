/* rv-import-google.c: Google Authenticator exports (otpauth-migration://)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * otpauth-migration://offline?data=BASE64 where BASE64 (URL-encoded) is a
 * MigrationPayload protobuf (rv-google-migration.proto). A large export is
 * split over several QR codes sharing a batch_id, each with its batch_index
 * out of batch_size.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>
#include <sodium.h>

#include "rv-google-migration.pb-c.h"
#include "rv-import-google.h"
#include "rv-import-private.h"

/* Google never splits an export over more parts than this. */
#define MAX_BATCH_SIZE 1000

struct _RvGoogleBatches
{
  GHashTable *batches;   /* batch_id → Batch */
};

typedef struct
{
  int      size;
  guint8  *seen;         /* one byte per index */
} Batch;

static void
batch_free (gpointer data)
{
  Batch *batch = data;

  g_free (batch->seen);
  g_free (batch);
}

RvGoogleBatches *
rv_google_batches_new (void)
{
  RvGoogleBatches *batches = g_new0 (RvGoogleBatches, 1);

  batches->batches = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, batch_free);
  return batches;
}

void
rv_google_batches_free (RvGoogleBatches *batches)
{
  if (batches == NULL)
    return;
  g_hash_table_unref (batches->batches);
  g_free (batches);
}

/* protobuf-c copies the secrets it unpacks into the heap: wipe them when the
 * message is freed. */
static void *
wiping_alloc (void   *allocator_data,
              size_t  size)
{
  gsize *block = g_malloc (size + 16);

  block[0] = size;
  return (guint8 *) block + 16;
}

static void
wiping_free (void *allocator_data,
             void *pointer)
{
  guint8 *block;

  if (pointer == NULL)
    return;
  block = (guint8 *) pointer - 16;
  sodium_memzero (pointer, *(gsize *) block);
  g_free (block);
}

static ProtobufCAllocator wiping_allocator = { wiping_alloc, wiping_free, NULL };

/* The value of the "data" parameter, percent-decoded. */
static RvSecret *
extract_data (const char  *uri,
              gsize        len,
              guint        line_no,
              GError     **error)
{
  const char *end = uri + len;
  const char *query = memchr (uri, '?', len);
  g_autoptr(RvSecret) decoded = NULL;
  gsize n = 0;
  guint8 *out;

  if (len < 27 || g_ascii_strncasecmp (uri, "otpauth-migration://offline", 27) != 0)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                   _("line %u: a Google export URI starts with otpauth-migration://offline"),
                   line_no);
      return NULL;
    }
  for (const char *p = query; p != NULL && p < end; )
    {
      const char *amp;

      p++;
      amp = memchr (p, '&', end - p);
      if (end - p >= 5 && strncmp (p, "data=", 5) == 0)
        {
          const char *value = p + 5, *value_end = amp != NULL ? amp : end;

          decoded = rv_secret_new (value_end - value);
          out = rv_secret_get_mutable_data (decoded);
          for (const char *q = value; q < value_end; q++)
            {
              if (*q == '%' && value_end - q >= 3 &&
                  g_ascii_xdigit_value (q[1]) >= 0 && g_ascii_xdigit_value (q[2]) >= 0)
                {
                  out[n++] = g_ascii_xdigit_value (q[1]) << 4 | g_ascii_xdigit_value (q[2]);
                  q += 2;
                }
              else
                out[n++] = *q;
            }
          return rv_secret_truncate (g_steal_pointer (&decoded), n);
        }
      p = amp;
    }
  g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
               _("line %u: the Google export URI has no “data” parameter"), line_no);
  return NULL;
}

static RvSecret *
decode_base64 (const RvSecret  *text,
               guint            line_no,
               GError         **error)
{
  const char *chars = rv_secret_get_string (text);
  gsize len = rv_secret_get_size (text);
  int variant = sodium_base64_VARIANT_ORIGINAL_NO_PADDING;
  g_autoptr(RvSecret) out = NULL;
  gsize bin_len = 0;
  const char *end = NULL;

  while (len > 0 && chars[len - 1] == '=')
    len--;
  if (memchr (chars, '-', len) != NULL || memchr (chars, '_', len) != NULL)
    variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  out = rv_secret_new (len / 4 * 3 + 3);
  if (len == 0 ||
      sodium_base642bin (rv_secret_get_mutable_data (out), rv_secret_get_size (out), chars, len,
                         NULL, &bin_len, &end, variant) != 0 || end != chars + len)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                   _("line %u: the Google export data is not valid base64"), line_no);
      return NULL;
    }
  return rv_secret_truncate (g_steal_pointer (&out), bin_len);
}

static void
convert_otp (RvImportResult                        *result,
             const MigrationPayload__OtpParameters *otp,
             guint                                  index)
{
  g_autoptr(RvOtpParams) params = rv_otp_params_new (RV_OTP_KIND_TOTP);
  g_auto(RvImportEntry) entry = { 0 };
  const char *name = otp->name;
  gsize issuer_len = otp->issuer != NULL ? strlen (otp->issuer) : 0;

  /* Names often repeat the issuer: "ACME:me@example.org". */
  if (issuer_len > 0 && name != NULL && strncmp (name, otp->issuer, issuer_len) == 0 &&
      name[issuer_len] == ':')
    name += issuer_len + 1;
  while (name != NULL && *name == ' ')
    name++;

  rv_import_entry_init (&entry, result, index, otp->issuer, name);
  params->issuer = g_strdup (otp->issuer);
  params->account_name = g_strdup (name);

  switch (otp->type)
    {
    case MIGRATION_PAYLOAD__OTP_TYPE__OTP_TYPE_HOTP:
      params->kind = RV_OTP_KIND_HOTP;
      break;
    case MIGRATION_PAYLOAD__OTP_TYPE__OTP_TYPE_TOTP:
    case MIGRATION_PAYLOAD__OTP_TYPE__OTP_TYPE_UNSPECIFIED:
      break;
    default:
      rv_import_entry_reject (&entry, "unknown OTP type %d", otp->type);
      return;
    }
  switch (otp->algorithm)
    {
    case MIGRATION_PAYLOAD__ALGORITHM__ALGORITHM_UNSPECIFIED:
    case MIGRATION_PAYLOAD__ALGORITHM__ALGORITHM_SHA1:
      break;
    case MIGRATION_PAYLOAD__ALGORITHM__ALGORITHM_SHA256:
      params->algorithm = RV_OTP_ALGORITHM_SHA256;
      break;
    case MIGRATION_PAYLOAD__ALGORITHM__ALGORITHM_SHA512:
      params->algorithm = RV_OTP_ALGORITHM_SHA512;
      break;
    case MIGRATION_PAYLOAD__ALGORITHM__ALGORITHM_MD5:
      rv_import_entry_reject (&entry, "unsupported algorithm MD5");
      return;
    default:
      rv_import_entry_reject (&entry, "unknown algorithm %d", otp->algorithm);
      return;
    }
  switch (otp->digits)
    {
    case MIGRATION_PAYLOAD__DIGIT_COUNT__DIGIT_COUNT_UNSPECIFIED:
    case MIGRATION_PAYLOAD__DIGIT_COUNT__DIGIT_COUNT_SIX:
      params->digits = 6;
      break;
    case MIGRATION_PAYLOAD__DIGIT_COUNT__DIGIT_COUNT_EIGHT:
      params->digits = 8;
      break;
    default:
      rv_import_entry_reject (&entry, "unknown digit count %d", otp->digits);
      return;
    }
  if (otp->counter < 0)
    {
      rv_import_entry_reject (&entry, "negative counter");
      return;
    }
  params->counter = otp->counter;
  if (otp->secret.len == 0)
    {
      rv_import_entry_reject (&entry, "the secret is empty");
      return;
    }
  params->secret = rv_secret_new_from_data (otp->secret.data, otp->secret.len);
  rv_import_entry_add (&entry, params, NULL, NULL);
}

/* FALSE if this part was already seen (a QR code scanned twice). */
static gboolean
record_part (RvGoogleBatches        *batches,
             const MigrationPayload *payload)
{
  int size = payload->batch_size > 0 ? MIN (payload->batch_size, MAX_BATCH_SIZE) : 1;
  Batch *batch = g_hash_table_lookup (batches->batches, GINT_TO_POINTER (payload->batch_id));
  int index = payload->batch_index;

  if (batch == NULL)
    {
      batch = g_new0 (Batch, 1);
      batch->size = size;
      batch->seen = g_new0 (guint8, size);
      g_hash_table_insert (batches->batches, GINT_TO_POINTER (payload->batch_id), batch);
    }
  if (index < 0 || index >= batch->size)
    return TRUE;
  if (batch->seen[index])
    return FALSE;
  batch->seen[index] = 1;
  return TRUE;
}

gboolean
rv_google_batches_parse_uri (RvGoogleBatches  *batches,
                             RvImportResult   *result,
                             const char       *uri,
                             gsize             len,
                             guint             line_no,
                             GError          **error)
{
  g_autoptr(RvSecret) text = NULL, bytes = NULL;
  MigrationPayload *payload;
  guint first_index = result->accounts->len + result->rejected->len + 1;

  if ((text = extract_data (uri, len, line_no, error)) == NULL ||
      (bytes = decode_base64 (text, line_no, error)) == NULL)
    return FALSE;

  payload = migration_payload__unpack (&wiping_allocator, rv_secret_get_size (bytes),
                                       rv_secret_get_data (bytes));
  if (payload == NULL)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                   _("line %u: the Google export data is damaged (not a migration payload)"),
                   line_no);
      return FALSE;
    }
  if (payload->version > 1)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNSUPPORTED_VERSION,
                   _("line %u: Google export version %d is not supported"), line_no,
                   payload->version);
      migration_payload__free_unpacked (payload, &wiping_allocator);
      return FALSE;
    }

  if (record_part (batches, payload))
    for (gsize i = 0; i < payload->n_otp_parameters; i++)
      convert_otp (result, payload->otp_parameters[i], first_index + i);
  else
    rv_import_result_warn (result, "Part %d of %d of a Google export was given twice; "
                           "read once", payload->batch_index + 1, payload->batch_size);
  migration_payload__free_unpacked (payload, &wiping_allocator);
  return TRUE;
}

void
rv_google_batches_finish (RvGoogleBatches *batches,
                          RvImportResult  *result)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, batches->batches);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Batch *batch = value;
      g_autoptr(GString) missing = g_string_new (NULL);
      guint n_missing = 0;

      for (int i = 0; i < batch->size; i++)
        if (!batch->seen[i])
          {
            g_string_append_printf (missing, "%s%d", n_missing > 0 ? ", " : "", i + 1);
            n_missing++;
          }
      if (n_missing > 0)
        rv_import_result_warn (result, "Google export incomplete: part%s %s of %d missing "
                               "(scan %s QR code%s too)", n_missing == 1 ? "" : "s",
                               missing->str, batch->size, n_missing == 1 ? "that" : "those",
                               n_missing == 1 ? "" : "s");
    }
}
