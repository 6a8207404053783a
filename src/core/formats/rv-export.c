/* rv-export.c: plain exports for other authenticators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The output of every exporter is a list of secrets, so it is assembled
 * directly in guarded memory (SecretBuffer below). json-glib's generator and
 * GString would leave copies of every seed in the ordinary heap, which is why
 * the little JSON writer here is hand-rolled.
 */
#include "config.h"

#include "rv-export.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rv-google-migration.pb-c.h"
#include "rv-atomic-file.h"
#include "rv-base32.h"
#include "rv-otp-uri.h"

G_DEFINE_QUARK (rv-export-error-quark, rv_export_error)

/* A growable buffer of secret bytes. */
typedef struct
{
  RvSecret *secret;
  gsize     len;
} SecretBuffer;

static void
secret_buffer_init (SecretBuffer *buffer,
                    gsize         capacity)
{
  buffer->secret = rv_secret_new (MAX (capacity, 64));
  buffer->len = 0;
}

static void
secret_buffer_reserve (SecretBuffer *buffer,
                       gsize         extra)
{
  gsize capacity = rv_secret_get_size (buffer->secret);
  RvSecret *bigger;

  if (buffer->len + extra <= capacity)
    return;
  while (buffer->len + extra > capacity)
    capacity *= 2;
  bigger = rv_secret_new (capacity);
  memcpy (rv_secret_get_mutable_data (bigger), rv_secret_get_data (buffer->secret), buffer->len);
  rv_secret_free (buffer->secret);
  buffer->secret = bigger;
}

static void
secret_buffer_append (SecretBuffer  *buffer,
                      gconstpointer  data,
                      gsize          len)
{
  secret_buffer_reserve (buffer, len);
  memcpy (rv_secret_get_mutable_data (buffer->secret) + buffer->len, data, len);
  buffer->len += len;
}

static void
secret_buffer_append_str (SecretBuffer *buffer,
                          const char   *text)
{
  secret_buffer_append (buffer, text, strlen (text));
}

static void
secret_buffer_append_secret (SecretBuffer   *buffer,
                             const RvSecret *secret)
{
  secret_buffer_append (buffer, rv_secret_get_data (secret), rv_secret_get_size (secret));
}

static void
secret_buffer_append_printf (SecretBuffer *buffer,
                             const char   *format,
                             ...) G_GNUC_PRINTF (2, 3);

/* Only for numbers and other non-secret text. */
static void
secret_buffer_append_printf (SecretBuffer *buffer,
                             const char   *format,
                             ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  secret_buffer_append_str (buffer, text);
}

/* A JSON string literal, or null. Invalid UTF-8 is repaired so the output
 * always parses. */
static void
secret_buffer_append_json_string (SecretBuffer *buffer,
                                  const char   *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    {
      secret_buffer_append_str (buffer, "null");
      return;
    }
  valid = g_utf8_make_valid (text, -1);
  secret_buffer_append (buffer, "\"", 1);
  for (const char *p = valid; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          char escaped[2] = { '\\', (char) c };
          secret_buffer_append (buffer, escaped, 2);
        }
      else if (c < 0x20)
        secret_buffer_append_printf (buffer, "\\u%04x", c);
      else
        secret_buffer_append (buffer, p, 1);
    }
  secret_buffer_append (buffer, "\"", 1);
}

static RvSecret *
secret_buffer_finish (SecretBuffer *buffer)
{
  RvSecret *secret = g_steal_pointer (&buffer->secret);

  rv_secret_get_mutable_data (secret)[buffer->len] = '\0';
  return rv_secret_truncate (secret, buffer->len);
}

static void
secret_buffer_clear (SecretBuffer *buffer)
{
  g_clear_pointer (&buffer->secret, rv_secret_free);
}

/* Reports */

static void
export_skipped_free (gpointer data)
{
  RvExportSkipped *skipped = data;

  g_free (skipped->account_id);
  g_free (skipped->display_name);
  g_free (skipped->reason);
  g_free (skipped);
}

void
rv_export_report_init (RvExportReport *report)
{
  g_return_if_fail (report != NULL);

  report->n_exported = 0;
  report->skipped = g_ptr_array_new_with_free_func (export_skipped_free);
}

void
rv_export_report_clear (RvExportReport *report)
{
  g_return_if_fail (report != NULL);

  report->n_exported = 0;
  g_clear_pointer (&report->skipped, g_ptr_array_unref);
}

static void
report_skip (RvExportReport *report,
             RvAccount      *account,
             const char     *reason)
{
  RvExportSkipped *skipped;

  if (report == NULL)
    return;
  if (report->skipped == NULL)
    rv_export_report_init (report);
  skipped = g_new0 (RvExportSkipped, 1);
  skipped->account_id = g_strdup (rv_account_get_id (account));
  skipped->display_name = rv_account_dup_display_name (account);
  skipped->reason = g_strdup (reason);
  g_ptr_array_add (report->skipped, skipped);
}

static void
report_exported (RvExportReport *report)
{
  if (report == NULL)
    return;
  if (report->skipped == NULL)
    rv_export_report_init (report);
  report->n_exported++;
}

static const char *format_names[] = {
  [RV_EXPORT_FORMAT_URI_LIST] = "uri-list",
  [RV_EXPORT_FORMAT_AEGIS_JSON] = "aegis-json",
  [RV_EXPORT_FORMAT_GOOGLE_MIGRATION] = "google-migration",
};

const char *
rv_export_format_to_string (RvExportFormat format)
{
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (format_names), NULL);

  return format_names[format];
}

gboolean
rv_export_format_from_string (const char     *text,
                              RvExportFormat *format)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_str_equal (text, format_names[i]))
      {
        *format = (RvExportFormat) i;
        return TRUE;
      }
  return FALSE;
}

/* Common checks */

static gboolean
check_confirmed (RvExportFlags   flags,
                 GError        **error)
{
  if (flags & RV_EXPORT_CONFIRM_UNENCRYPTED)
    return TRUE;
  g_set_error_literal (error, RV_EXPORT_ERROR, RV_EXPORT_ERROR_NOT_CONFIRMED,
                       _("This export is not encrypted: anyone who reads the file can "
                         "generate your codes. Confirm that you want a plain file."));
  return FALSE;
}

/* Whether @account has something an authenticator can use; if not, why. */
static const char *
why_not_exportable (RvAccount *account)
{
  const RvSecret *secret = rv_account_get_secret (account);

  if (rv_account_get_kind (account) == RV_OTP_KIND_NONE)
    return _("It has no one-time codes, only recovery codes");
  if (secret == NULL || rv_secret_get_size (secret) == 0)
    return _("It has no secret");
  return NULL;
}

static gboolean
check_not_empty (RvExportReport  *report,
                 guint            n_exported,
                 GError         **error)
{
  if (n_exported > 0)
    return TRUE;
  g_set_error_literal (error, RV_EXPORT_ERROR, RV_EXPORT_ERROR_NOTHING,
                       _("No account can be exported in this format"));
  return FALSE;
}

/* otpauth URIs */

RvSecret *
rv_export_account_uri (RvAccount      *account,
                       RvExportFlags   flags,
                       GError        **error)
{
  g_autoptr(RvOtpParams) params = NULL;
  const char *why;

  g_return_val_if_fail (RV_IS_ACCOUNT (account), NULL);

  if (!check_confirmed (flags, error))
    return NULL;
  why = why_not_exportable (account);
  if (why != NULL)
    {
      g_set_error_literal (error, RV_EXPORT_ERROR, RV_EXPORT_ERROR_UNSUPPORTED, why);
      return NULL;
    }
  params = rv_account_dup_otp_params (account);
  if (!rv_otp_params_validate (params, error))
    return NULL;
  return rv_otp_uri_build (params);
}

RvSecret *
rv_export_uri_list (GListModel      *accounts,
                    RvExportFlags    flags,
                    RvExportReport  *report,
                    GError         **error)
{
  SecretBuffer buffer;
  guint n = 0;

  g_return_val_if_fail (G_IS_LIST_MODEL (accounts), NULL);

  if (!check_confirmed (flags, error))
    return NULL;

  secret_buffer_init (&buffer, 128 * g_list_model_get_n_items (accounts));
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (accounts, i);
      g_autoptr(RvSecret) uri = NULL;
      g_autoptr(GError) local_error = NULL;

      uri = rv_export_account_uri (account, flags, &local_error);
      if (uri == NULL)
        {
          report_skip (report, account, local_error->message);
          continue;
        }
      secret_buffer_append_secret (&buffer, uri);
      secret_buffer_append (&buffer, "\n", 1);
      report_exported (report);
      n++;
    }

  if (!check_not_empty (report, n, error))
    {
      secret_buffer_clear (&buffer);
      return NULL;
    }
  return secret_buffer_finish (&buffer);
}

/* Aegis plain JSON (vault version 1, database version 2: what Aegis reads
 * back, and our importer too). */

static const char *
aegis_type (RvOtpKind kind)
{
  switch (kind)
    {
    case RV_OTP_KIND_HOTP: return "hotp";
    case RV_OTP_KIND_STEAM: return "steam";
    case RV_OTP_KIND_TOTP:
    case RV_OTP_KIND_NONE:
    default: return "totp";
    }
}

static void
append_aegis_info (SecretBuffer *buffer,
                   RvAccount    *account)
{
  g_autoptr(RvSecret) secret = rv_base32_encode_secret (rv_account_get_secret (account));
  RvOtpKind kind = rv_account_get_kind (account);

  secret_buffer_append_str (buffer, "\"info\":{\"secret\":\"");
  secret_buffer_append_secret (buffer, secret);
  secret_buffer_append_printf (buffer, "\",\"algo\":\"%s\",\"digits\":%u",
                               rv_otp_algorithm_to_string (rv_account_get_algorithm (account)),
                               rv_account_get_digits (account));
  if (kind == RV_OTP_KIND_HOTP)
    secret_buffer_append_printf (buffer, ",\"counter\":%" G_GUINT64_FORMAT,
                                 rv_account_get_counter (account));
  else
    secret_buffer_append_printf (buffer, ",\"period\":%u", rv_account_get_period (account));
  secret_buffer_append_str (buffer, "}");
}

static void
append_aegis_entry (SecretBuffer *buffer,
                    RvAccount    *account)
{
  const char *id = rv_account_get_id (account);
  const char * const *tags = rv_account_get_tags (account);
  g_autofree char *uuid = NULL;

  uuid = g_uuid_string_is_valid (id) ? g_strdup (id) : g_uuid_string_random ();
  secret_buffer_append_printf (buffer, "{\"type\":\"%s\",\"uuid\":\"%s\",\"name\":",
                               aegis_type (rv_account_get_kind (account)), uuid);
  secret_buffer_append_json_string (buffer, rv_account_get_name (account) ?
                                            rv_account_get_name (account) : "");
  secret_buffer_append_str (buffer, ",\"issuer\":");
  secret_buffer_append_json_string (buffer, rv_account_get_issuer (account) ?
                                            rv_account_get_issuer (account) : "");
  secret_buffer_append_str (buffer, ",\"note\":");
  secret_buffer_append_json_string (buffer, rv_account_get_notes (account) ?
                                            rv_account_get_notes (account) : "");
  secret_buffer_append_str (buffer, ",\"favorite\":false,\"icon\":null,");
  /* Aegis (database version 2) has one group per entry: the first tag. */
  if (tags[0] != NULL)
    {
      secret_buffer_append_str (buffer, "\"group\":");
      secret_buffer_append_json_string (buffer, tags[0]);
      secret_buffer_append_str (buffer, ",");
    }
  append_aegis_info (buffer, account);
  secret_buffer_append_str (buffer, "}");
}

RvSecret *
rv_export_aegis_json (GListModel      *accounts,
                      RvExportFlags    flags,
                      RvExportReport  *report,
                      GError         **error)
{
  SecretBuffer buffer;
  guint n = 0;

  g_return_val_if_fail (G_IS_LIST_MODEL (accounts), NULL);

  if (!check_confirmed (flags, error))
    return NULL;

  secret_buffer_init (&buffer, 256 * g_list_model_get_n_items (accounts) + 128);
  secret_buffer_append_str (&buffer,
                            "{\"version\":1,\"header\":{\"slots\":null,\"params\":null},"
                            "\"db\":{\"version\":2,\"entries\":[");
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (accounts, i);
      const char *why = why_not_exportable (account);

      if (why != NULL)
        {
          report_skip (report, account, why);
          continue;
        }
      if (n > 0)
        secret_buffer_append_str (&buffer, ",\n");
      append_aegis_entry (&buffer, account);
      report_exported (report);
      n++;
    }
  secret_buffer_append_str (&buffer, "]}}\n");

  if (!check_not_empty (report, n, error))
    {
      secret_buffer_clear (&buffer);
      return NULL;
    }
  return secret_buffer_finish (&buffer);
}

/* Google Authenticator migration payloads */

static const char *
why_not_google (RvAccount *account)
{
  const char *why = why_not_exportable (account);
  guint digits = rv_account_get_digits (account);

  if (why != NULL)
    return why;
  if (rv_account_get_kind (account) == RV_OTP_KIND_STEAM)
    return _("Google Authenticator has no Steam codes");
  if (digits != 6 && digits != 8)
    return _("Google Authenticator only shows 6 or 8 digits");
  if (rv_account_get_kind (account) == RV_OTP_KIND_TOTP &&
      rv_account_get_period (account) != RV_OTP_DEFAULT_PERIOD)
    return _("Google Authenticator only supports codes that change every 30 seconds");
  return NULL;
}

static void
fill_google_parameters (MigrationPayload__OtpParameters *otp,
                        RvAccount                       *account)
{
  const RvSecret *secret = rv_account_get_secret (account);
  const char *issuer = rv_account_get_issuer (account);
  const char *name = rv_account_get_name (account);

  migration_payload__otp_parameters__init (otp);
  /* A view of the guarded bytes: packing copies them into guarded memory. */
  otp->secret.data = (guint8 *) rv_secret_get_data (secret);
  otp->secret.len = rv_secret_get_size (secret);
  otp->issuer = (char *) (issuer ? issuer : "");
  otp->name = (char *) (name ? name : (issuer ? issuer : ""));
  switch (rv_account_get_algorithm (account))
    {
    case RV_OTP_ALGORITHM_SHA256: otp->algorithm = MIGRATION_PAYLOAD__ALGORITHM__ALGORITHM_SHA256; break;
    case RV_OTP_ALGORITHM_SHA512: otp->algorithm = MIGRATION_PAYLOAD__ALGORITHM__ALGORITHM_SHA512; break;
    case RV_OTP_ALGORITHM_SHA1:
    default: otp->algorithm = MIGRATION_PAYLOAD__ALGORITHM__ALGORITHM_SHA1; break;
    }
  otp->digits = rv_account_get_digits (account) == 8 ? MIGRATION_PAYLOAD__DIGIT_COUNT__DIGIT_COUNT_EIGHT
                                                     : MIGRATION_PAYLOAD__DIGIT_COUNT__DIGIT_COUNT_SIX;
  if (rv_account_get_kind (account) == RV_OTP_KIND_HOTP)
    {
      otp->type = MIGRATION_PAYLOAD__OTP_TYPE__OTP_TYPE_HOTP;
      otp->counter = (int64_t) MIN (rv_account_get_counter (account), (guint64) G_MAXINT64);
    }
  else
    otp->type = MIGRATION_PAYLOAD__OTP_TYPE__OTP_TYPE_TOTP;
}

/* otpauth-migration://offline?data= + the URL-escaped base64 of @payload. */
static RvSecret *
build_migration_uri (const RvSecret *payload)
{
  static const char prefix[] = "otpauth-migration://offline?data=";
  gsize n = rv_secret_get_size (payload);
  g_autoptr(RvSecret) base64 = rv_secret_new ((n / 3 + 2) * 4 + 4);
  SecretBuffer buffer;
  char *out = (char *) rv_secret_get_mutable_data (base64);
  int state = 0, save = 0;
  gsize len;

  len = g_base64_encode_step (rv_secret_get_data (payload), n, FALSE, out, &state, &save);
  len += g_base64_encode_close (FALSE, out + len, &state, &save);

  secret_buffer_init (&buffer, sizeof prefix + len * 3);
  secret_buffer_append_str (&buffer, prefix);
  for (gsize i = 0; i < len; i++)
    {
      if (out[i] == '+')
        secret_buffer_append_str (&buffer, "%2B");
      else if (out[i] == '/')
        secret_buffer_append_str (&buffer, "%2F");
      else if (out[i] == '=')
        secret_buffer_append_str (&buffer, "%3D");
      else
        secret_buffer_append (&buffer, &out[i], 1);
    }
  return secret_buffer_finish (&buffer);
}

static RvSecret *
pack_google_batch (GPtrArray *batch,
                   guint      batch_size,
                   guint      batch_index,
                   gint32     batch_id)
{
  MigrationPayload message = MIGRATION_PAYLOAD__INIT;
  g_autofree MigrationPayload__OtpParameters *otps = NULL;
  g_autofree MigrationPayload__OtpParameters **pointers = NULL;
  g_autoptr(RvSecret) payload = NULL;

  otps = g_new0 (MigrationPayload__OtpParameters, batch->len);
  pointers = g_new0 (MigrationPayload__OtpParameters *, batch->len);
  for (guint i = 0; i < batch->len; i++)
    {
      fill_google_parameters (&otps[i], g_ptr_array_index (batch, i));
      pointers[i] = &otps[i];
    }
  message.n_otp_parameters = batch->len;
  message.otp_parameters = pointers;
  message.version = 1;
  message.batch_size = (int32_t) batch_size;
  message.batch_index = (int32_t) batch_index;
  message.batch_id = batch_id;

  payload = rv_secret_new (migration_payload__get_packed_size (&message));
  migration_payload__pack (&message, rv_secret_get_mutable_data (payload));
  return build_migration_uri (payload);
}

/* The accounts Google can take, in order; the others go to @report. */
static GPtrArray *
collect_google_accounts (GListModel     *accounts,
                         RvExportReport *report)
{
  GPtrArray *usable = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(RvAccount) account = g_list_model_get_item (accounts, i);
      const char *why = why_not_google (account);

      if (why != NULL)
        report_skip (report, account, why);
      else
        g_ptr_array_add (usable, g_steal_pointer (&account));
    }
  return usable;
}

GPtrArray *
rv_export_google_migration (GListModel      *accounts,
                            guint            batch_size,
                            RvExportFlags    flags,
                            RvExportReport  *report,
                            GError         **error)
{
  g_autoptr(GPtrArray) usable = NULL;
  g_autoptr(GPtrArray) uris = NULL;
  guint n_batches;
  gint32 batch_id;

  g_return_val_if_fail (G_IS_LIST_MODEL (accounts), NULL);

  if (!check_confirmed (flags, error))
    return NULL;
  if (batch_size == 0)
    {
      g_set_error_literal (error, RV_EXPORT_ERROR, RV_EXPORT_ERROR_INVALID,
                           _("A batch must hold at least one account"));
      return NULL;
    }

  usable = collect_google_accounts (accounts, report);
  if (!check_not_empty (report, usable->len, error))
    return NULL;

  n_batches = (usable->len + batch_size - 1) / batch_size;
  batch_id = (gint32) (g_random_int () & 0x7fffffff);
  uris = g_ptr_array_new_with_free_func ((GDestroyNotify) rv_secret_free);
  for (guint b = 0; b < n_batches; b++)
    {
      guint start = b * batch_size;
      guint count = MIN (batch_size, usable->len - start);
      g_autoptr(GPtrArray) batch = g_ptr_array_new ();

      for (guint i = 0; i < count; i++)
        {
          g_ptr_array_add (batch, g_ptr_array_index (usable, start + i));
          report_exported (report);
        }
      g_ptr_array_add (uris, pack_google_batch (batch, n_batches, b, batch_id));
    }
  return g_steal_pointer (&uris);
}

RvSecret *
rv_export_join_lines (GPtrArray *secrets)
{
  SecretBuffer buffer;

  g_return_val_if_fail (secrets != NULL, NULL);

  secret_buffer_init (&buffer, 256 * secrets->len);
  for (guint i = 0; i < secrets->len; i++)
    {
      secret_buffer_append_secret (&buffer, g_ptr_array_index (secrets, i));
      secret_buffer_append (&buffer, "\n", 1);
    }
  return secret_buffer_finish (&buffer);
}

gboolean
rv_export_write_file (const char      *path,
                      const RvSecret  *content,
                      GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (content != NULL, FALSE);

  if (!rv_atomic_file_write (path, rv_secret_get_data (content), rv_secret_get_size (content),
                             0600, &local_error))
    {
      g_set_error_literal (error, RV_EXPORT_ERROR, RV_EXPORT_ERROR_IO, local_error->message);
      return FALSE;
    }
  return TRUE;
}
