/* rv-import-raivo.c: Raivo OTP's JSON export (raivo-otp-export.json)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A JSON list of { "issuer", "account", "secret" (base32), "algorithm",
 * "digits", "kind": "TOTP" | "HOTP", "timer", "counter", "pinned",
 * "iconType", "iconValue" }; Raivo writes the numbers as text.
 *
 * Raivo's export is a password-protected ZIP archive (SSZipArchive:
 * WinZip AES in current versions, traditional PKWARE encryption in old
 * ones) holding raivo-otp-export.json and an HTML copy. libarchive reads
 * both encryptions from memory; the JSON is inflated into guarded memory,
 * at most RV_IMPORT_MAX_SIZE bytes (a ZIP bomb stops there with an error).
 * libarchive's messages are not translated and it has no error code for a
 * wrong passphrase: its "Incorrect passphrase" text tells it apart.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <archive.h>
#include <archive_entry.h>
#include <string.h>

#include "rv-import-private.h"

#define RAIVO_JSON_NAME "raivo-otp-export.json"

gboolean
rv_import_raivo_detect (JsonNode *root)
{
  JsonNode *first;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_ARRAY (root) || json_array_get_length (json_node_get_array (root)) == 0)
    return FALSE;
  first = json_array_get_element (json_node_get_array (root), 0);
  if (!JSON_NODE_HOLDS_OBJECT (first))
    return FALSE;
  object = json_node_get_object (first);
  return json_object_has_member (object, "kind") && json_object_has_member (object, "timer") &&
         json_object_has_member (object, "secret");
}

static gboolean
convert_entry (RvImportResult  *result,
               JsonObject      *object,
               guint            index,
               GError         **error)
{
  g_autofree char *where = g_strdup_printf ("entry %u", index);
  g_autoptr(RvOtpParams) params = rv_otp_params_new (RV_OTP_KIND_TOTP);
  g_auto(RvImportEntry) entry = { 0 };
  const char *issuer, *account, *secret, *algorithm, *kind;
  gint64 digits, timer, counter;

  if (!rv_import_json_get_string (object, "issuer", where, &issuer, error) ||
      !rv_import_json_get_string (object, "account", where, &account, error) ||
      !rv_import_json_get_string (object, "secret", where, &secret, error) ||
      !rv_import_json_get_string (object, "algorithm", where, &algorithm, error) ||
      !rv_import_json_get_string (object, "kind", where, &kind, error) ||
      !rv_import_json_get_int (object, "digits", where, 6, &digits, error) ||
      !rv_import_json_get_int (object, "timer", where, 30, &timer, error) ||
      !rv_import_json_get_int (object, "counter", where, 0, &counter, error))
    return FALSE;

  rv_import_entry_init (&entry, result, index, issuer, account);
  params->issuer = g_strdup (issuer);
  params->account_name = g_strdup (account);
  if (rv_import_entry_kind (&entry, kind, &params->kind) &&
      rv_import_entry_algorithm (&entry, algorithm, &params->algorithm) &&
      rv_import_entry_numbers (&entry, params, digits, timer, counter) &&
      (params->secret = rv_import_entry_base32 (&entry, secret)) != NULL)
    rv_import_entry_add (&entry, params, NULL, NULL);
  return TRUE;
}

RvImportResult *
rv_import_raivo_parse (JsonNode  *root,
                       GError   **error)
{
  g_autoptr(RvImportResult) result = rv_import_result_new (RV_IMPORT_FORMAT_RAIVO);
  JsonArray *entries = json_node_get_array (root);

  if (!rv_import_json_convert_each (result, entries, "entry", convert_entry, error))
    return NULL;
  return g_steal_pointer (&result);
}

/* The password-protected ZIP archive */

typedef struct archive RvZipReader;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RvZipReader, archive_read_free)

gboolean
rv_import_raivo_is_zip (const guint8 *data,
                        gsize         len)
{
  return len >= 4 && memcmp (data, "PK\x03\x04", 4) == 0;
}

static gboolean
is_export_entry (struct archive_entry *entry)
{
  const char *name = archive_entry_pathname_utf8 (entry);
  const char *base;

  if (name == NULL)
    name = archive_entry_pathname (entry);
  if (name == NULL || archive_entry_filetype (entry) != AE_IFREG)
    return FALSE;
  base = strrchr (name, '/');
  return g_str_equal (base != NULL ? base + 1 : name, RAIVO_JSON_NAME);
}

/* Opens the archive and moves to its raivo-otp-export.json; NULL when the
 * bytes are no ZIP archive holding one (with @error set if given). */
static struct archive *
open_export (const guint8          *data,
             gsize                  len,
             const RvSecret        *password,
             struct archive_entry **entry,
             GError               **error)
{
  g_autoptr(RvZipReader) archive = archive_read_new ();
  int status;

  if (!rv_import_raivo_is_zip (data, len))
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNKNOWN_FORMAT,
                           _("This is not a ZIP archive"));
      return NULL;
    }
  archive_read_support_format_zip_seekable (archive);
  if (password != NULL)
    archive_read_add_passphrase (archive, rv_secret_get_string (password));
  if (archive_read_open_memory (archive, data, len) != ARCHIVE_OK)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                   _("The ZIP archive could not be read: %s"), archive_error_string (archive));
      return NULL;
    }
  while ((status = archive_read_next_header (archive, entry)) == ARCHIVE_OK ||
         status == ARCHIVE_WARN)
    if (is_export_entry (*entry))
      return g_steal_pointer (&archive);
  if (status != ARCHIVE_EOF)
    g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                 _("The ZIP archive could not be read: %s"), archive_error_string (archive));
  else
    g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNKNOWN_FORMAT,
                 _("This ZIP archive holds no Raivo OTP export (%s)"), RAIVO_JSON_NAME);
  return NULL;
}

gboolean
rv_import_raivo_detect_zip (const guint8 *data,
                            gsize         len)
{
  g_autoptr(RvZipReader) archive = NULL;
  struct archive_entry *entry;

  archive = open_export (data, len, NULL, &entry, NULL);
  return archive != NULL;
}

gboolean
rv_import_raivo_zip_is_encrypted (const guint8 *data,
                                  gsize         len)
{
  g_autoptr(RvZipReader) archive = NULL;
  struct archive_entry *entry;

  archive = open_export (data, len, NULL, &entry, NULL);
  return archive != NULL && archive_entry_is_data_encrypted (entry);
}

static gboolean
read_failed (struct archive        *archive,
             struct archive_entry  *entry,
             GError               **error)
{
  const char *message = archive_error_string (archive);

  if (archive_entry_is_data_encrypted (entry) && message != NULL &&
      strstr (message, "passphrase") != NULL)
    g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_WRONG_PASSWORD,
                         _("Wrong password for this Raivo OTP export"));
  else
    g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_DAMAGED,
                 _("This Raivo OTP export is damaged: %s"),
                 message != NULL ? message : _("unknown error"));
  return FALSE;
}

/* Inflates the entry into guarded memory, growing it by doubling up to
 * RV_IMPORT_MAX_SIZE; what is declared in the archive only sizes the start. */
static RvSecret *
read_export (struct archive        *archive,
             struct archive_entry  *entry,
             GError               **error)
{
  gsize capacity = 64 * 1024, used = 0;
  g_autoptr(RvSecret) buffer = NULL;

  if (archive_entry_size_is_set (entry) && archive_entry_size (entry) > 0)
    capacity = MIN ((gsize) archive_entry_size (entry), (gsize) RV_IMPORT_MAX_SIZE) + 1;
  buffer = rv_secret_new (capacity);
  for (;;)
    {
      la_ssize_t n;

      if (used == capacity)
        {
          RvSecret *larger;

          if (capacity > RV_IMPORT_MAX_SIZE)
            {
              g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_TOO_LARGE,
                           _("The Raivo OTP export in this ZIP archive is too large (over %d "
                             "MiB)"), RV_IMPORT_MAX_SIZE / (1024 * 1024));
              return NULL;
            }
          capacity = MIN (capacity * 2, (gsize) RV_IMPORT_MAX_SIZE + 1);
          larger = rv_secret_new (capacity);
          memcpy (rv_secret_get_mutable_data (larger), rv_secret_get_data (buffer), used);
          rv_secret_free (buffer);
          buffer = larger;
        }
      n = archive_read_data (archive, rv_secret_get_mutable_data (buffer) + used,
                             capacity - used);
      if (n < 0)
        return read_failed (archive, entry, error), NULL;
      if (n == 0)
        break;
      used += n;
    }
  return rv_secret_truncate (g_steal_pointer (&buffer), used);
}

RvImportResult *
rv_import_raivo_parse_zip (const guint8    *data,
                           gsize            len,
                           const RvSecret  *password,
                           GError         **error)
{
  g_autoptr(RvZipReader) archive = NULL;
  g_autoptr(RvJsonTree) root = NULL;
  g_autoptr(RvSecret) json = NULL;
  struct archive_entry *entry;
  RvImportResult *result;

  if ((archive = open_export (data, len, password, &entry, error)) == NULL)
    return NULL;
  if (archive_entry_is_data_encrypted (entry) &&
      !rv_import_require_password (password, "Raivo OTP", error))
    return NULL;
  if ((json = read_export (archive, entry, error)) == NULL)
    return NULL;
  if ((root = rv_import_json_parse (rv_secret_get_data (json), rv_secret_get_size (json),
                                    error)) == NULL)
    return NULL;
  if (!rv_import_raivo_detect (root))
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                   _("%s in this ZIP archive is not a Raivo OTP export"), RAIVO_JSON_NAME);
      return NULL;
    }
  if ((result = rv_import_raivo_parse (root, error)) != NULL)
    result->was_encrypted = archive_entry_is_data_encrypted (entry);
  return result;
}
