/* rv-import-aegis.c: Aegis vault exports, plain and encrypted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * { "version": 1, "header": { "slots": [...] | null, "params": {...} | null },
 *   "db": { "version": 1–3, "entries": [...], "groups": [...] } | "base64" }
 * An encrypted db is AES-256-GCM under a master key; each password slot holds
 * that key wrapped with AES-256-GCM under scrypt(password, salt, N, r, p).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>
#include <sodium.h>

#include "rv-import-private.h"

#define AEGIS_VAULT_VERSION   1
#define AEGIS_DB_MAX_VERSION  3
#define SLOT_TYPE_PASSWORD    1
#define NONCE_BYTES           12
#define TAG_BYTES             16
#define KEY_BYTES             32
/* scrypt needs 128·N·r bytes: refuse files asking for more than this. */
#define SCRYPT_MAX_MEMORY     (256 * 1024 * 1024)

gboolean
rv_import_aegis_detect (JsonNode *root)
{
  JsonObject *object;
  JsonNode *header;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  object = json_node_get_object (root);
  header = json_object_get_member (object, "header");
  return header != NULL && JSON_NODE_HOLDS_OBJECT (header) &&
         json_object_has_member (object, "db");
}

gboolean
rv_import_aegis_is_encrypted (JsonNode *root)
{
  JsonNode *db;

  if (!rv_import_aegis_detect (root))
    return FALSE;
  db = json_object_get_member (json_node_get_object (root), "db");
  return JSON_NODE_HOLDS_VALUE (db) && json_node_get_value_type (db) == G_TYPE_STRING;
}

/* Tags from the entry's groups: names in db version 3 (by UUID), a single
 * "group" name before. */
static GStrv
entry_tags (JsonObject  *entry,
            GHashTable  *group_names,
            const char  *where,
            GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *groups = json_object_get_member (entry, "groups");
  const char *group = NULL;

  if (!rv_import_json_get_string (entry, "group", where, &group, error))
    return NULL;
  if (group != NULL && *group != '\0')
    g_strv_builder_add (builder, group);

  if (groups != NULL && JSON_NODE_HOLDS_ARRAY (groups))
    {
      JsonArray *array = json_node_get_array (groups);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          const char *name;

          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
            continue;
          name = g_hash_table_lookup (group_names, json_node_get_string (node));
          if (name != NULL)
            g_strv_builder_add (builder, name);
        }
    }
  return g_strv_builder_end (builder);
}

static gboolean
convert_entry (RvImportResult  *result,
               JsonObject      *object,
               guint            index,
               GHashTable      *group_names,
               GError         **error)
{
  g_autofree char *where = g_strdup_printf ("entry %u", index);
  g_autoptr(RvOtpParams) params = rv_otp_params_new (RV_OTP_KIND_TOTP);
  g_auto(RvImportEntry) entry = { 0 };
  g_auto(GStrv) tags = NULL;
  const char *type, *name, *issuer, *note, *secret, *algo;
  gint64 digits, period, counter;
  JsonObject *info;

  if (!rv_import_json_get_string (object, "type", where, &type, error) ||
      !rv_import_json_get_string (object, "name", where, &name, error) ||
      !rv_import_json_get_string (object, "issuer", where, &issuer, error) ||
      !rv_import_json_get_string (object, "note", where, &note, error) ||
      (info = rv_import_json_require_object (object, "info", where, error)) == NULL ||
      !rv_import_json_get_string (info, "secret", where, &secret, error) ||
      !rv_import_json_get_string (info, "algo", where, &algo, error) ||
      !rv_import_json_get_int (info, "digits", where, 6, &digits, error) ||
      !rv_import_json_get_int (info, "period", where, 30, &period, error) ||
      !rv_import_json_get_int (info, "counter", where, 0, &counter, error) ||
      (tags = entry_tags (object, group_names, where, error)) == NULL)
    return FALSE;
  if (type == NULL || secret == NULL)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED, _("%s: “%s” is missing"),
                   where, type == NULL ? "type" : "secret");
      return FALSE;
    }

  rv_import_entry_init (&entry, result, index, issuer, name);
  params->issuer = g_strdup (issuer);
  params->account_name = g_strdup (name);
  if (rv_import_entry_kind (&entry, type, &params->kind) &&
      rv_import_entry_algorithm (&entry, algo, &params->algorithm) &&
      rv_import_entry_numbers (&entry, params, digits, period, counter) &&
      (params->secret = rv_import_entry_base32 (&entry, secret)) != NULL)
    rv_import_entry_add (&entry, params, note, (const char * const *) tags);
  return TRUE;
}

static GHashTable *
read_groups (JsonObject  *db,
             GError     **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  JsonNode *node = json_object_get_member (db, "groups");
  JsonArray *groups;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_steal_pointer (&names);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                           _("“groups” should be a list"));
      return NULL;
    }
  groups = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (groups); i++)
    {
      g_autofree char *where = g_strdup_printf ("group %u", i + 1);
      JsonObject *group = rv_import_json_array_object (groups, i, "group", error);
      const char *uuid, *name;

      if (group == NULL ||
          !rv_import_json_get_string (group, "uuid", where, &uuid, error) ||
          !rv_import_json_get_string (group, "name", where, &name, error))
        return NULL;
      if (uuid != NULL && name != NULL)
        g_hash_table_insert (names, (char *) uuid, (char *) name);
    }
  return g_steal_pointer (&names);
}

static RvImportResult *
parse_db (JsonNode  *db_node,
          gboolean   encrypted,
          GError   **error)
{
  g_autoptr(RvImportResult) result = rv_import_result_new (RV_IMPORT_FORMAT_AEGIS);
  g_autoptr(GHashTable) group_names = NULL;
  JsonObject *db;
  JsonArray *entries;
  gint64 version;

  if (!JSON_NODE_HOLDS_OBJECT (db_node))
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                           _("The Aegis database (“db”) is not an object"));
      return NULL;
    }
  db = json_node_get_object (db_node);
  if (!rv_import_json_get_int (db, "version", "db", 1, &version, error))
    return NULL;
  if (version < 1 || version > AEGIS_DB_MAX_VERSION)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNSUPPORTED_VERSION,
                   _("Aegis database version %lld is not supported (versions 1 to %d are)"),
                   (long long) version, AEGIS_DB_MAX_VERSION);
      return NULL;
    }
  if ((entries = rv_import_json_require_array (db, "entries", "db", error)) == NULL ||
      (group_names = read_groups (db, error)) == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = rv_import_json_array_object (entries, i, "entry", error);

      if (entry == NULL || !convert_entry (result, entry, i + 1, group_names, error))
        return NULL;
    }
  result->was_encrypted = encrypted;
  return g_steal_pointer (&result);
}

static gboolean
read_gcm_params (JsonObject  *object,
                 const char  *member,
                 const char  *where,
                 RvSecret   **nonce,
                 RvSecret   **tag,
                 GError     **error)
{
  JsonObject *params = rv_import_json_require_object (object, member, where, error);
  const char *nonce_hex, *tag_hex;

  if (params == NULL ||
      !rv_import_json_get_string (params, "nonce", where, &nonce_hex, error) ||
      !rv_import_json_get_string (params, "tag", where, &tag_hex, error))
    return FALSE;
  *nonce = rv_import_hex_decode (nonce_hex, NONCE_BYTES, "The nonce", error);
  if (*nonce == NULL)
    return FALSE;
  *tag = rv_import_hex_decode (tag_hex, TAG_BYTES, "The tag", error);
  return *tag != NULL;
}

/* A password slot, read and checked before any key derivation. */
typedef struct
{
  guint     index;
  gint64    n, r, p;
  RvSecret *salt;
  RvSecret *wrapped;
  RvSecret *nonce;
  RvSecret *tag;
} Slot;

static void
slot_free (gpointer data)
{
  Slot *slot = data;

  rv_secret_free (slot->salt);
  rv_secret_free (slot->wrapped);
  rv_secret_free (slot->nonce);
  rv_secret_free (slot->tag);
  g_free (slot);
}

static Slot *
read_slot (JsonObject  *object,
           guint        index,
           GError     **error)
{
  g_autofree char *where = g_strdup_printf ("slot %u", index);
  Slot *slot = g_new0 (Slot, 1);
  const char *salt_hex, *key_hex;

  slot->index = index;
  if (!rv_import_json_get_int (object, "n", where, 0, &slot->n, error) ||
      !rv_import_json_get_int (object, "r", where, 0, &slot->r, error) ||
      !rv_import_json_get_int (object, "p", where, 0, &slot->p, error) ||
      !rv_import_json_get_string (object, "salt", where, &salt_hex, error) ||
      !rv_import_json_get_string (object, "key", where, &key_hex, error) ||
      !read_gcm_params (object, "key_params", where, &slot->nonce, &slot->tag, error) ||
      (slot->salt = rv_import_hex_decode (salt_hex, 0, "The slot salt", error)) == NULL ||
      (slot->wrapped = rv_import_hex_decode (key_hex, KEY_BYTES, "The slot key", error)) == NULL)
    {
      slot_free (slot);
      return NULL;
    }

  if (slot->n < 2 || (slot->n & (slot->n - 1)) != 0 || slot->r < 1 || slot->p < 1 ||
      slot->r > 64 || slot->p > 16 ||
      (guint64) slot->n > SCRYPT_MAX_MEMORY / 128 / (guint64) slot->r)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNSUPPORTED_CRYPTO,
                   _("%s: unsupported scrypt parameters N=%lld r=%lld p=%lld"), where,
                   (long long) slot->n, (long long) slot->r, (long long) slot->p);
      slot_free (slot);
      return NULL;
    }
  return slot;
}

/* The password slots; an error if there is none or one is malformed. */
static GPtrArray *
read_password_slots (JsonObject  *header,
                     GError     **error)
{
  g_autoptr(GPtrArray) slots = g_ptr_array_new_with_free_func (slot_free);
  JsonArray *array = rv_import_json_require_array (header, "slots", "header", error);

  if (array == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = rv_import_json_array_object (array, i, "slot", error);
      Slot *slot;
      gint64 type;

      if (object == NULL || !rv_import_json_get_int (object, "type", "slot", -1, &type, error))
        return NULL;
      if (type != SLOT_TYPE_PASSWORD)
        continue;
      if ((slot = read_slot (object, i + 1, error)) == NULL)
        return NULL;
      g_ptr_array_add (slots, slot);
    }
  if (slots->len == 0)
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNSUPPORTED_CRYPTO,
                           _("This Aegis vault has no password slot (only biometric or raw "
                           "keys): export it from Aegis with a password"));
      return NULL;
    }
  return g_steal_pointer (&slots);
}

/* Derives the slot key and unwraps the master key; NULL if the password does
 * not open this slot. */
static RvSecret *
open_slot (const Slot      *slot,
           const RvSecret  *password,
           GError         **error)
{
  g_autoptr(RvSecret) derived = rv_secret_new (KEY_BYTES);
  RvSecret *master_key = NULL;

  if (crypto_pwhash_scryptsalsa208sha256_ll (rv_secret_get_data (password),
                                             rv_secret_get_size (password),
                                             rv_secret_get_data (slot->salt),
                                             rv_secret_get_size (slot->salt),
                                             (guint64) slot->n, (guint32) slot->r,
                                             (guint32) slot->p,
                                             rv_secret_get_mutable_data (derived),
                                             KEY_BYTES) != 0)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNSUPPORTED_CRYPTO,
                   _("slot %u: key derivation failed (out of memory?)"), slot->index);
      return NULL;
    }
  if (!rv_import_aes_gcm_decrypt (derived, rv_secret_get_data (slot->nonce),
                                  rv_secret_get_data (slot->wrapped), KEY_BYTES,
                                  rv_secret_get_data (slot->tag), &master_key))
    return NULL;
  return master_key;
}

static RvSecret *
unlock_master_key (GPtrArray       *slots,
                   const RvSecret  *password,
                   GError         **error)
{
  for (guint i = 0; i < slots->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      RvSecret *master_key = open_slot (g_ptr_array_index (slots, i), password, &local_error);

      if (master_key != NULL)
        return master_key;
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_WRONG_PASSWORD,
                       _("Wrong password for this Aegis export"));
  return NULL;
}

/* The whole structure is checked before the password is asked for, so that
 * a damaged file is reported as such, not as needing a password. */
static RvImportResult *
parse_encrypted (JsonObject      *vault,
                 const RvSecret  *password,
                 GError         **error)
{
  g_autoptr(RvSecret) master_key = NULL, nonce = NULL, tag = NULL, ciphertext = NULL;
  g_autoptr(RvSecret) plaintext = NULL;
  g_autoptr(RvJsonTree) db = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  JsonObject *header;
  const char *db_base64 = json_object_get_string_member (vault, "db");

  if ((header = rv_import_json_require_object (vault, "header", "vault", error)) == NULL ||
      !read_gcm_params (header, "params", "header", &nonce, &tag, error) ||
      (ciphertext = rv_import_base64_decode (db_base64, strlen (db_base64),
                                             "The encrypted database", error)) == NULL ||
      (slots = read_password_slots (header, error)) == NULL ||
      !rv_import_require_password (password, "Aegis", error) ||
      !rv_import_check_aes_gcm (error) ||
      (master_key = unlock_master_key (slots, password, error)) == NULL)
    return NULL;

  if (!rv_import_aes_gcm_decrypt (master_key, rv_secret_get_data (nonce),
                                  rv_secret_get_data (ciphertext),
                                  rv_secret_get_size (ciphertext),
                                  rv_secret_get_data (tag), &plaintext))
    {
      g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_DAMAGED,
                           _("The password is right but the Aegis database does not decrypt: "
                           "the file is damaged"));
      return NULL;
    }
  g_clear_pointer (&ciphertext, rv_secret_free);

  db = rv_import_json_parse (rv_secret_get_data (plaintext), rv_secret_get_size (plaintext),
                             error);
  g_clear_pointer (&plaintext, rv_secret_free);
  if (db == NULL)
    return NULL;
  return parse_db (db, TRUE, error);
}

RvImportResult *
rv_import_aegis_parse (JsonNode        *root,
                       const RvSecret  *password,
                       GError         **error)
{
  JsonObject *vault = json_node_get_object (root);
  gint64 version;

  if (!rv_import_json_get_int (vault, "version", "vault", AEGIS_VAULT_VERSION, &version, error))
    return NULL;
  if (version != AEGIS_VAULT_VERSION)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_UNSUPPORTED_VERSION,
                   _("Aegis vault version %lld is not supported (version %d is)"),
                   (long long) version, AEGIS_VAULT_VERSION);
      return NULL;
    }
  if (rv_import_aegis_is_encrypted (root))
    return parse_encrypted (vault, password, error);
  return parse_db (json_object_get_member (vault, "db"), FALSE, error);
}
