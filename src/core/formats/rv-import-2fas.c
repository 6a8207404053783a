/* rv-import-2fas.c: 2FAS Authenticator backups (.2fas), plain and encrypted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * { "schemaVersion": 1–4, "services": [ { "name", "secret", "otp": { "account",
 * "issuer", "label", "digits", "period", "algorithm", "tokenType",
 * "counter" } } ], "servicesEncrypted": "data:salt:iv", "reference": "…" }
 * Encrypted: each part base64; data is AES-256-GCM ciphertext ‖ tag of the
 * services list, under PBKDF2-HMAC-SHA256(password, salt, 10,000, 32 bytes).
 * "reference" is a known text encrypted the same way, so that a wrong
 * password can be told from a damaged file.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "rv-import-private.h"
#include "rv-pbkdf2.h"

#define TWOFAS_MAX_SCHEMA  4
#define ITERATIONS         10000
#define KEY_BYTES          32
#define NONCE_BYTES        12
#define TAG_BYTES          16

gboolean
rv_import_twofas_detect (JsonNode *root)
{
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  object = json_node_get_object (root);
  return json_object_has_member (object, "schemaVersion") &&
         (json_object_has_member (object, "services") ||
          json_object_has_member (object, "servicesEncrypted"));
}

static gboolean
has_text (JsonObject *object,
          const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING &&
         *json_node_get_string (node) != '\0';
}

/* Only encrypted backups carry a "reference": one with a reference but no
 * encrypted services is damaged, not an empty plain backup. */
gboolean
rv_import_twofas_is_encrypted (JsonNode *root)
{
  JsonObject *object;

  if (!rv_import_twofas_detect (root))
    return FALSE;
  object = json_node_get_object (root);
  return has_text (object, "servicesEncrypted") || has_text (object, "reference");
}

static gboolean
convert_service (RvImportResult  *result,
                 JsonObject      *service,
                 guint            index,
                 GError         **error)
{
  g_autofree char *where = g_strdup_printf ("service %u", index);
  g_autoptr(RvOtpParams) params = rv_otp_params_new (RV_OTP_KIND_TOTP);
  g_auto(RvImportEntry) entry = { 0 };
  const char *name, *secret, *account = NULL, *label = NULL, *issuer = NULL;
  const char *algorithm = NULL, *type = NULL;
  gint64 digits = 6, period = 30, counter = 0;
  JsonNode *otp_node = json_object_get_member (service, "otp");

  if (!rv_import_json_get_string (service, "name", where, &name, error) ||
      !rv_import_json_get_string (service, "secret", where, &secret, error))
    return FALSE;
  if (otp_node != NULL && !JSON_NODE_HOLDS_NULL (otp_node))
    {
      JsonObject *otp = rv_import_json_require_object (service, "otp", where, error);

      if (otp == NULL ||
          !rv_import_json_get_string (otp, "account", where, &account, error) ||
          !rv_import_json_get_string (otp, "label", where, &label, error) ||
          !rv_import_json_get_string (otp, "issuer", where, &issuer, error) ||
          !rv_import_json_get_string (otp, "algorithm", where, &algorithm, error) ||
          !rv_import_json_get_string (otp, "tokenType", where, &type, error) ||
          !rv_import_json_get_int (otp, "digits", where, 6, &digits, error) ||
          !rv_import_json_get_int (otp, "period", where, 30, &period, error) ||
          !rv_import_json_get_int (otp, "counter", where, 0, &counter, error))
        return FALSE;
    }
  if (secret == NULL)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                   _("%s: “secret” is missing"), where);
      return FALSE;
    }
  if (issuer == NULL || *issuer == '\0')
    issuer = name;
  if (account == NULL || *account == '\0')
    account = label;

  rv_import_entry_init (&entry, result, index, issuer, account);
  params->issuer = g_strdup (issuer);
  params->account_name = g_strdup (account);
  if (rv_import_entry_kind (&entry, type, &params->kind) &&
      rv_import_entry_algorithm (&entry, algorithm, &params->algorithm) &&
      rv_import_entry_numbers (&entry, params, digits, period, counter) &&
      (params->secret = rv_import_entry_base32 (&entry, secret)) != NULL)
    rv_import_entry_add (&entry, params, NULL, NULL);
  return TRUE;
}

static RvImportResult *
convert_services (JsonArray  *services,
                  gboolean    encrypted,
                  GError    **error)
{
  g_autoptr(RvImportResult) result = rv_import_result_new (RV_IMPORT_FORMAT_TWOFAS);

  if (!rv_import_json_convert_each (result, services, "service", convert_service, error))
    return NULL;
  result->was_encrypted = encrypted;
  return g_steal_pointer (&result);
}

typedef struct
{
  RvSecret *ciphertext;   /* with the tag at its end */
  RvSecret *salt;
  RvSecret *nonce;
} Sealed;

static void
sealed_clear (Sealed *sealed)
{
  g_clear_pointer (&sealed->ciphertext, rv_secret_free);
  g_clear_pointer (&sealed->salt, rv_secret_free);
  g_clear_pointer (&sealed->nonce, rv_secret_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Sealed, sealed_clear)

static gboolean
split_sealed (const char  *text,
              const char  *what,
              Sealed      *sealed,
              GError     **error)
{
  const char *first = strchr (text, ':');
  const char *second = first != NULL ? strchr (first + 1, ':') : NULL;
  const char *end;

  if (second == NULL)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                   _("%s should be three base64 parts separated by “:”"), what);
      return FALSE;
    }
  end = strchr (second + 1, ':');
  if (end == NULL)
    end = second + 1 + strlen (second + 1);

  sealed->ciphertext = rv_import_base64_decode (text, first - text, what, error);
  if (sealed->ciphertext == NULL)
    return FALSE;
  sealed->salt = rv_import_base64_decode (first + 1, second - first - 1, what, error);
  if (sealed->salt == NULL)
    return FALSE;
  sealed->nonce = rv_import_base64_decode (second + 1, end - second - 1, what, error);
  if (sealed->nonce == NULL)
    return FALSE;
  if (rv_secret_get_size (sealed->nonce) != NONCE_BYTES ||
      rv_secret_get_size (sealed->ciphertext) < TAG_BYTES)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                   _("%s has a nonce or ciphertext of the wrong size"), what);
      return FALSE;
    }
  return TRUE;
}

static RvSecret *
derive_key (const RvSecret *password,
            const RvSecret *salt)
{
  return rv_pbkdf2_hmac (G_CHECKSUM_SHA256, rv_secret_get_data (password),
                         rv_secret_get_size (password), rv_secret_get_data (salt),
                         rv_secret_get_size (salt), ITERATIONS, KEY_BYTES);
}

static gboolean
open_sealed (const Sealed    *sealed,
             const RvSecret  *key,
             RvSecret       **plaintext)
{
  gsize len = rv_secret_get_size (sealed->ciphertext) - TAG_BYTES;
  const guint8 *data = rv_secret_get_data (sealed->ciphertext);

  return rv_import_aes_gcm_decrypt (key, rv_secret_get_data (sealed->nonce), data, len,
                                    data + len, plaintext);
}

static gboolean
read_reference (JsonObject  *object,
                Sealed      *reference,
                GError     **error)
{
  const char *text;

  if (!rv_import_json_get_string (object, "reference", "backup", &text, error))
    return FALSE;
  if (text == NULL || *text == '\0')
    return TRUE;
  return split_sealed (text, "The password check (“reference”)", reference, error);
}

static gboolean
check_reference (const Sealed    *reference,
                 const RvSecret  *password,
                 GError         **error)
{
  g_autoptr(RvSecret) key = NULL, plaintext = NULL;

  if (reference->ciphertext == NULL)
    return TRUE;
  key = derive_key (password, reference->salt);
  if (!open_sealed (reference, key, &plaintext))
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_WRONG_PASSWORD,
                           _("Wrong password for this 2FAS backup"));
      return FALSE;
    }
  return TRUE;
}

static RvImportResult *
parse_encrypted (JsonObject      *object,
                 const RvSecret  *password,
                 GError         **error)
{
  g_auto(Sealed) services = { 0 };
  g_auto(Sealed) reference = { 0 };
  g_autoptr(RvSecret) key = NULL, plaintext = NULL;
  g_autoptr(RvJsonTree) root = NULL;
  gboolean has_reference = has_text (object, "reference");

  if (!has_text (object, "servicesEncrypted"))
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                           _("This encrypted 2FAS backup has no encrypted services "
                           "(“servicesEncrypted” is missing)"));
      return NULL;
    }
  /* Structure first: a damaged file is not reported as needing a password. */
  if (!split_sealed (json_object_get_string_member (object, "servicesEncrypted"),
                     "The encrypted services", &services, error) ||
      !read_reference (object, &reference, error) ||
      !rv_import_require_password (password, "2FAS", error) ||
      !rv_import_check_aes_gcm (error) ||
      !check_reference (&reference, password, error))
    return NULL;

  key = derive_key (password, services.salt);
  if (!open_sealed (&services, key, &plaintext))
    {
      if (has_reference)
        g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_DAMAGED,
                             _("The password is right but the 2FAS services do not decrypt: "
                             "the file is damaged"));
      else
        g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_WRONG_PASSWORD,
                             _("Wrong password for this 2FAS backup (or the file is damaged)"));
      return NULL;
    }
  g_clear_pointer (&key, rv_secret_free);

  root = rv_import_json_parse (rv_secret_get_data (plaintext), rv_secret_get_size (plaintext),
                               error);
  g_clear_pointer (&plaintext, rv_secret_free);
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                           _("The decrypted 2FAS services are not a list"));
      return NULL;
    }
  return convert_services (json_node_get_array (root), TRUE, error);
}

RvImportResult *
rv_import_twofas_parse (JsonNode        *root,
                        const RvSecret  *password,
                        GError         **error)
{
  JsonObject *object = json_node_get_object (root);
  JsonArray *services;
  gint64 version;

  if (!rv_import_json_get_int (object, "schemaVersion", "backup", 0, &version, error))
    return NULL;
  if (version < 1 || version > TWOFAS_MAX_SCHEMA)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNSUPPORTED_VERSION,
                   _("2FAS schema version %lld is not supported (versions 1 to %d are)"),
                   (long long) version, TWOFAS_MAX_SCHEMA);
      return NULL;
    }
  if (rv_import_twofas_is_encrypted (root))
    return parse_encrypted (object, password, error);
  if ((services = rv_import_json_require_array (object, "services", "backup", error)) == NULL)
    return NULL;
  return convert_services (services, FALSE, error);
}
