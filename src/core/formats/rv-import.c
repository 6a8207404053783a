/* rv-import.c: formats, detection, dispatch to the importers, file reading
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rv-import-private.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

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
  { RV_IMPORT_FORMAT_STEAM, "steam", "Steam Desktop Authenticator (.maFile)" },
  { RV_IMPORT_FORMAT_PROTON, "proton", "Proton Authenticator" },
  { RV_IMPORT_FORMAT_DUO, "duo", "Duo Mobile" },
  { RV_IMPORT_FORMAT_STRATUM, "stratum", "Stratum (Authenticator Pro)" },
  { RV_IMPORT_FORMAT_RAIVO, "raivo", "Raivo OTP" },
  { RV_IMPORT_FORMAT_AUTHY, "authy", "Authy (Android token file)" },
  { RV_IMPORT_FORMAT_FREEOTP, "freeotp-xml", "FreeOTP / FreeOTP+ (tokens.xml)" },
  { RV_IMPORT_FORMAT_TOTP_AUTHENTICATOR, "totp-authenticator", "TOTP Authenticator" },
  { RV_IMPORT_FORMAT_BATTLENET, "battlenet", "Battle.net Authenticator" },
  { RV_IMPORT_FORMAT_BITWARDEN_CSV, "bitwarden-csv", "Bitwarden (CSV)" },
  { RV_IMPORT_FORMAT_KEEPASSXC, "keepassxc", "KeePassXC (CSV)" },
  { RV_IMPORT_FORMAT_ENTE, "ente", "Ente Auth (encrypted)" },
  { RV_IMPORT_FORMAT_GOOGLE_DB, "google-db", "Google Authenticator (app database)" },
  { RV_IMPORT_FORMAT_OTPCLIENT, "otpclient", "OTPClient (database)" },
  { RV_IMPORT_FORMAT_MICROSOFT, "microsoft", "Microsoft Authenticator (app database)" },
  { RV_IMPORT_FORMAT_STRATUM_DB, "stratum-db", "Stratum (app database)" },
  { RV_IMPORT_FORMAT_FREEOTP_BACKUP, "freeotp-backup", "FreeOTP 2 (encrypted backup)" },
  { RV_IMPORT_FORMAT_AUTHPLUS, "authplus", "Authenticator Plus" },
  { RV_IMPORT_FORMAT_AUTHPLUS_DB, "authplus-db", "Authenticator Plus (backup database)" },
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

char *
rv_import_format_list_ids (void)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 1; i < G_N_ELEMENTS (formats); i++)
    {
      if (i > 1)
        g_string_append (ids, i + 1 == G_N_ELEMENTS (formats) ? _(" or ") : ", ");
      g_string_append (ids, formats[i].id);
    }
  return g_string_free (ids, FALSE);
}

const char *
rv_import_format_get_display_name (RvImportFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return formats[i].display_name;
  return NULL;
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
  if (rv_import_ente_detect (root))
    return RV_IMPORT_FORMAT_ENTE;
  if (rv_import_steam_detect (root))
    return RV_IMPORT_FORMAT_STEAM;
  if (rv_import_proton_detect (root))
    return RV_IMPORT_FORMAT_PROTON;
  if (rv_import_stratum_detect (root))
    return RV_IMPORT_FORMAT_STRATUM;
  if (rv_import_duo_detect (root))
    return RV_IMPORT_FORMAT_DUO;
  if (rv_import_raivo_detect (root))
    return RV_IMPORT_FORMAT_RAIVO;
  if (rv_import_andotp_detect (root))
    return RV_IMPORT_FORMAT_ANDOTP;
  return RV_IMPORT_FORMAT_AUTO;
}

static gboolean
is_text_start (const guint8 *data,
               gsize         len)
{
  gsize n = MIN (len, 4096);
  const char *end = NULL;

  /* A character cut at the 4 KiB mark is not an error. */
  return g_utf8_validate_len ((const char *) data, n, &end) ||
         (n < len && end >= (const char *) data + n - 3);
}

/* Encrypted files that are random bytes (andOTP's and OTPClient's old
 * formats, SQLCipher databases) start with '{', '[' or '<' now and then:
 * text is also valid UTF-8 at its start, which random bytes almost never
 * are. */
static gboolean
looks_like_json (const guint8 *data,
                 gsize         len)
{
  gsize i = skip_space (data, len, 0);

  return i < len && (data[i] == '{' || data[i] == '[') && is_text_start (data, len);
}

static gboolean
looks_like_xml (const guint8 *data,
                gsize         len)
{
  gsize i = skip_space (data, len, 0);

  return i < len && data[i] == '<' && is_text_start (data, len);
}

static RvImportFormat
detect_prefs (GPtrArray *prefs)
{
  if (rv_import_authy_detect (prefs))
    return RV_IMPORT_FORMAT_AUTHY;
  if (rv_import_battlenet_detect (prefs))
    return RV_IMPORT_FORMAT_BATTLENET;
  if (rv_import_totpauth_detect (prefs))
    return RV_IMPORT_FORMAT_TOTP_AUTHENTICATOR;
  if (rv_import_freeotp_detect_prefs (prefs))
    return RV_IMPORT_FORMAT_FREEOTP;
  return RV_IMPORT_FORMAT_AUTO;
}

/* Some common files that are no export of any app we read: named in the
 * error, so that the user knows what they picked. */
static const char *
describe_unknown (const guint8 *data,
                  gsize         len)
{
  gsize i = skip_space (data, len, 0);

  if (len >= 16 && memcmp (data, "SQLite format 3", 16) == 0)
    return "an SQLite database";
  if (len >= 4 && memcmp (data, "PK\x03\x04", 4) == 0)
    return "a ZIP archive";
  if (!g_utf8_validate_len ((const char *) data, MIN (len, 4096), NULL))
    return NULL;
  if (i < len && data[i] == '<')
    return "an XML file";
  if (looks_like_json (data, len))
    return "a JSON file";
  return "a text file";
}

static void
set_unknown_format_error (const guint8  *data,
                          gsize          len,
                          GError       **error)
{
  g_autoptr(GString) names = g_string_new (NULL);
  const char *what = describe_unknown (data, len);

  /* A ZIP archive or a database that could not be looked into because its
   * library did not load (rv-lazy.h) is not "unknown": say what is missing. */
  if ((rv_import_zip_is_zip (data, len) && !rv_import_zip_require (error)) ||
      (rv_import_sqlite_is_database (data, len) && !rv_import_sqlite_require (error)))
    return;
  for (guint i = 1; i < G_N_ELEMENTS (formats); i++)
    {
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, formats[i].display_name);
    }
  if (what != NULL)
    g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNKNOWN_FORMAT,
                 _("The file (%s) is not an export of a supported app. Supported: %s"),
                 what, names->str);
  else
    /* Binary: the encrypted files that are random bytes from the start are
     * read only when their format is chosen. */
    g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNKNOWN_FORMAT,
                 _("The file is not an export of a supported app. Supported: %s. An "
                   "Authenticator Plus backup (authplus.db) and andOTP's and OTPClient's "
                   "oldest backups look like random bytes: import them with rvault import "
                   "--format authplus-db, andotp or otpclient"), names->str);
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
      g_autoptr(RvJsonTree) root = rv_import_json_parse (data, len, NULL);

      return root != NULL ? detect_json (root) : RV_IMPORT_FORMAT_AUTO;
    }
  if (looks_like_xml (data, len))
    {
      g_autoptr(GPtrArray) prefs = rv_import_prefs_parse (data, len, NULL);

      return prefs != NULL ? detect_prefs (prefs) : RV_IMPORT_FORMAT_AUTO;
    }
  if (rv_import_text_starts_with (data, len, "otpauth-migration:"))
    return RV_IMPORT_FORMAT_GOOGLE_MIGRATION;
  if (rv_import_text_starts_with (data, len, "otpauth:"))
    return RV_IMPORT_FORMAT_URI_LIST;
  if (rv_import_otpclient_detect (data, len))
    return RV_IMPORT_FORMAT_OTPCLIENT;
  if (rv_import_freeotp_backup_detect (data, len))
    return RV_IMPORT_FORMAT_FREEOTP_BACKUP;
  if (rv_import_stratum_detect_binary (data, len))
    return RV_IMPORT_FORMAT_STRATUM;
  if (rv_import_googledb_detect (data, len))
    return RV_IMPORT_FORMAT_GOOGLE_DB;
  if (rv_import_microsoft_detect (data, len))
    return RV_IMPORT_FORMAT_MICROSOFT;
  if (rv_import_stratumdb_detect (data, len))
    return RV_IMPORT_FORMAT_STRATUM_DB;
  if (rv_import_bitwarden_csv_detect (data, len))
    return RV_IMPORT_FORMAT_BITWARDEN_CSV;
  if (rv_import_keepassxc_detect (data, len))
    return RV_IMPORT_FORMAT_KEEPASSXC;
  if (rv_import_andotp_detect_binary (data, len))
    return RV_IMPORT_FORMAT_ANDOTP;
  if (rv_import_zip_holds (data, len, RV_IMPORT_RAIVO_ZIP_FILE, NULL))
    return RV_IMPORT_FORMAT_RAIVO;
  if (rv_import_zip_holds (data, len, RV_IMPORT_AUTHPLUS_ZIP_FILE, NULL))
    return RV_IMPORT_FORMAT_AUTHPLUS;
  if (rv_import_zip_holds (data, len, RV_IMPORT_AUTHPLUS_DB_FILE, NULL))
    return RV_IMPORT_FORMAT_AUTHPLUS_DB;
  /* Last: base64 text of whole AES blocks, the loosest of these tests. */
  if (rv_import_totpauth_detect_binary (data, len))
    return RV_IMPORT_FORMAT_TOTP_AUTHENTICATOR;
  return RV_IMPORT_FORMAT_AUTO;
}

gboolean
rv_import_is_encrypted (const guint8   *data,
                        gsize           len,
                        RvImportFormat  format)
{
  g_autoptr(RvJsonTree) root = NULL;
  RvImportFormat detected;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  if (len > RV_IMPORT_MAX_SIZE)
    return FALSE;
  if (looks_like_xml (data, len) &&
      (format == RV_IMPORT_FORMAT_AUTO || format == RV_IMPORT_FORMAT_AUTHY))
    {
      g_autoptr(GPtrArray) prefs = rv_import_prefs_parse (data, len, NULL);

      return prefs != NULL && rv_import_authy_detect (prefs) &&
             rv_import_authy_is_encrypted (prefs);
    }
  if (!looks_like_json (data, len))
    {
      if (format == RV_IMPORT_FORMAT_AUTO)
        format = rv_import_detect (data, len);
      if (format == RV_IMPORT_FORMAT_RAIVO || format == RV_IMPORT_FORMAT_AUTHPLUS)
        {
          gboolean encrypted = FALSE;

          return rv_import_zip_holds (data, len, format == RV_IMPORT_FORMAT_RAIVO ?
                                      RV_IMPORT_RAIVO_ZIP_FILE : RV_IMPORT_AUTHPLUS_ZIP_FILE,
                                      &encrypted) && encrypted;
        }
      /* OTPClient's first version has no header: encrypted when chosen. */
      return format == RV_IMPORT_FORMAT_ANDOTP || format == RV_IMPORT_FORMAT_OTPCLIENT ||
             format == RV_IMPORT_FORMAT_AUTHPLUS_DB ||
             (format == RV_IMPORT_FORMAT_FREEOTP_BACKUP && rv_import_java_is_map (data, len)) ||
             (format == RV_IMPORT_FORMAT_TOTP_AUTHENTICATOR &&
              rv_import_totpauth_is_encrypted (data, len)) ||
             (format == RV_IMPORT_FORMAT_STRATUM && rv_import_stratum_detect_binary (data, len));
    }

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
  if (detected == RV_IMPORT_FORMAT_ENTE)
    return TRUE;
  return FALSE;
}

static RvImportResult *
not_this_format (RvImportFormat   format,
                 GError         **error)
{
  g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNKNOWN_FORMAT,
               _("This is not a file exported by %s"), rv_import_format_get_display_name (format));
  return NULL;
}

static RvImportResult *
parse_prefs_format (const guint8    *data,
                    gsize            len,
                    RvImportFormat   format,
                    const RvSecret  *password,
                    GError         **error)
{
  g_autoptr(GPtrArray) prefs = rv_import_prefs_parse (data, len, error);

  if (prefs == NULL)
    return NULL;
  if (detect_prefs (prefs) != format)
    return not_this_format (format, error);
  switch (format)
    {
    case RV_IMPORT_FORMAT_AUTHY: return rv_import_authy_parse (prefs, password, error);
    case RV_IMPORT_FORMAT_FREEOTP: return rv_import_freeotp_parse_prefs (prefs, error);
    case RV_IMPORT_FORMAT_TOTP_AUTHENTICATOR: return rv_import_totpauth_parse (prefs, error);
    case RV_IMPORT_FORMAT_BATTLENET: return rv_import_battlenet_parse (prefs, error);
    default: return not_this_format (format, error);
    }
}

static RvImportResult *
parse_json_format (const guint8    *data,
                   gsize            len,
                   RvImportFormat   format,
                   const RvSecret  *password,
                   GError         **error)
{
  g_autoptr(RvJsonTree) root = NULL;
  RvImportFormat detected;

  /* Binary data that happens to start with a brace is no damaged JSON. */
  if (format == RV_IMPORT_FORMAT_AUTO && !g_utf8_validate_len ((const char *) data, len, NULL))
    {
      set_unknown_format_error (data, len, error);
      return NULL;
    }
  if ((root = rv_import_json_parse (data, len, error)) == NULL)
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
    case RV_IMPORT_FORMAT_ENTE: return rv_import_ente_parse (root, password, error);
    case RV_IMPORT_FORMAT_STEAM: return rv_import_steam_parse (root, error);
    case RV_IMPORT_FORMAT_PROTON: return rv_import_proton_parse (root, error);
    case RV_IMPORT_FORMAT_DUO: return rv_import_duo_parse (root, error);
    case RV_IMPORT_FORMAT_STRATUM: return rv_import_stratum_parse (root, error);
    case RV_IMPORT_FORMAT_RAIVO: return rv_import_raivo_parse (root, error);
    case RV_IMPORT_FORMAT_AUTO:
    case RV_IMPORT_FORMAT_GOOGLE_MIGRATION:
    case RV_IMPORT_FORMAT_URI_LIST:
    default:
      set_unknown_format_error (data, len, error);
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
                   _("The file is too large to be an authenticator export (over %d MiB)"),
                   RV_IMPORT_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  if (skip_space (data, len, 0) == len)
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNKNOWN_FORMAT,
                           _("The file is empty"));
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
    case RV_IMPORT_FORMAT_TOTP_AUTHENTICATOR:
      if (!looks_like_xml (data, len))
        {
          result = rv_import_totpauth_parse_encrypted (data, len, password, error);
          break;
        }
      G_GNUC_FALLTHROUGH;
    case RV_IMPORT_FORMAT_AUTHY:
    case RV_IMPORT_FORMAT_FREEOTP:
    case RV_IMPORT_FORMAT_BATTLENET:
      result = parse_prefs_format (data, len, format, password, error);
      break;
    case RV_IMPORT_FORMAT_BITWARDEN_CSV:
      if (!rv_import_bitwarden_csv_detect (data, len))
        return not_this_format (format, error);
      result = rv_import_bitwarden_csv_parse (data, len, error);
      break;
    case RV_IMPORT_FORMAT_GOOGLE_DB:
      result = rv_import_googledb_parse (data, len, error);
      break;
    case RV_IMPORT_FORMAT_MICROSOFT:
      result = rv_import_microsoft_parse (data, len, error);
      break;
    case RV_IMPORT_FORMAT_STRATUM_DB:
      result = rv_import_stratumdb_parse (data, len, error);
      break;
    case RV_IMPORT_FORMAT_OTPCLIENT:
      if (looks_like_json (data, len))
        return not_this_format (format, error);
      result = rv_import_otpclient_parse (data, len, password, error);
      break;
    case RV_IMPORT_FORMAT_FREEOTP_BACKUP:
      result = rv_import_freeotp_backup_parse (data, len, password, error);
      break;
    case RV_IMPORT_FORMAT_AUTHPLUS:
      if (!rv_import_zip_is_zip (data, len))
        return not_this_format (format, error);
      result = rv_import_authplus_parse (data, len, password, error);
      break;
    case RV_IMPORT_FORMAT_AUTHPLUS_DB:
      if (rv_import_zip_is_zip (data, len))
        {
          result = rv_import_authplus_db_parse_zip (data, len, password, error);
          break;
        }
      /* A SQLCipher database is random bytes from its first page on. */
      if (len < 1024 || is_text_start (data, len) ||
          (len >= 16 && memcmp (data, "SQLite format 3", 16) == 0))
        return not_this_format (format, error);
      result = rv_import_authplus_db_parse (data, len, password, error);
      break;
    case RV_IMPORT_FORMAT_KEEPASSXC:
      if (!rv_import_keepassxc_detect (data, len))
        return not_this_format (format, error);
      result = rv_import_keepassxc_parse (data, len, error);
      break;
    case RV_IMPORT_FORMAT_ANDOTP:
      if (!looks_like_json (data, len))
        {
          result = rv_import_andotp_parse_encrypted (data, len, password, error);
          break;
        }
      G_GNUC_FALLTHROUGH;
    case RV_IMPORT_FORMAT_STRATUM:
      if (rv_import_stratum_detect_binary (data, len))
        {
          result = rv_import_stratum_parse_encrypted (data, len, password, error);
          break;
        }
      G_GNUC_FALLTHROUGH;
    case RV_IMPORT_FORMAT_AEGIS:
    case RV_IMPORT_FORMAT_TWOFAS:
    case RV_IMPORT_FORMAT_FREEOTP_PLUS:
    case RV_IMPORT_FORMAT_BITWARDEN:
    case RV_IMPORT_FORMAT_ENTE:
    case RV_IMPORT_FORMAT_STEAM:
    case RV_IMPORT_FORMAT_PROTON:
    case RV_IMPORT_FORMAT_RAIVO:
      if (format == RV_IMPORT_FORMAT_RAIVO && rv_import_zip_is_zip (data, len))
        {
          result = rv_import_raivo_parse_zip (data, len, password, error);
          break;
        }
      G_GNUC_FALLTHROUGH;
    case RV_IMPORT_FORMAT_DUO:
      if (!looks_like_json (data, len))
        return not_this_format (format, error);
      G_GNUC_FALLTHROUGH;
    case RV_IMPORT_FORMAT_AUTO:
    default:
      if (!looks_like_json (data, len))
        {
          set_unknown_format_error (data, len, error);
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

typedef enum { OPENING, READING } FileStep;

static gboolean
set_io_error (GError     **error,
              const char  *path,
              FileStep     step,
              int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);
  GIOErrorEnum code = g_io_error_from_errno (saved_errno);

  if (step == OPENING)
    g_set_error (error, G_IO_ERROR, code, _("Could not open “%s”: %s"), display,
                 g_strerror (saved_errno));
  else
    g_set_error (error, G_IO_ERROR, code, _("Could not read “%s”: %s"), display,
                 g_strerror (saved_errno));
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
      set_io_error (error, path, OPENING, errno);
      return NULL;
    }
  if (fstat (fd, &info) != 0)
    {
      int saved = errno;

      close (fd);
      set_io_error (error, path, READING, saved);
      return NULL;
    }
  if (!S_ISREG (info.st_mode))
    {
      close (fd);
      set_io_error (error, path, READING, S_ISDIR (info.st_mode) ? EISDIR : EINVAL);
      return NULL;
    }
  if (info.st_size > RV_IMPORT_MAX_SIZE)
    {
      close (fd);
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_TOO_LARGE,
                   _("The file is too large to be an authenticator export (over %d MiB)"),
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
          set_io_error (error, path, READING, saved);
          return NULL;
        }
      if (n == 0)
        break;
      len += n;
    }
  close (fd);
  return rv_secret_truncate (g_steal_pointer (&data), len);
}
