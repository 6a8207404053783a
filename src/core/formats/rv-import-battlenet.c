/* rv-import-battlenet.c: the Battle.net app's authenticator (shared
 * preferences XML, com.blizzard.messenger.authenticator_preferences.xml)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * <string name="com.blizzard.messenger.AUTHENTICATOR_DEVICE_SECRET"> and
 * <string name="com.blizzard.messenger.AUTHENTICATOR_SERIAL">, each the hex
 * of its text XORed with the app's fixed mask below. The unmasked secret is
 * itself hex. One account: TOTP, SHA1, 8 digits, 30 s, the serial as name.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "rv-import-private.h"
#include "rv-util.h"

#define BATTLENET_SECRET  "com.blizzard.messenger.AUTHENTICATOR_DEVICE_SECRET"
#define BATTLENET_SERIAL  "com.blizzard.messenger.AUTHENTICATOR_SERIAL"

/* The app's mask (a constant of the format, the same in every install). */
static const guint8 mask[] = {
  0x39, 0x8e, 0x27, 0xfc, 0x50, 0x27, 0x6a, 0x65, 0x60, 0x65, 0xb0, 0xe5, 0x25, 0xf4,
  0xc0, 0x6c, 0x04, 0xc6, 0x10, 0x75, 0x28, 0x6b, 0x8e, 0x7a, 0xed, 0xa5, 0x9d, 0xa9,
  0x81, 0x3b, 0x5d, 0xd6, 0xc8, 0x0d, 0x2f, 0xb3, 0x80, 0x68, 0x77, 0x3f, 0xa5, 0x9b,
  0xa4, 0x7c, 0x17, 0xca, 0x6c, 0x64, 0x79, 0x01, 0x5c, 0x1d, 0x5b, 0x8b, 0x8f, 0x6b,
  0x9a,
};

gboolean
rv_import_battlenet_detect (GPtrArray *prefs)
{
  return rv_import_prefs_get (prefs, BATTLENET_SECRET) != NULL;
}

/* Hex of masked text → the text, in guarded memory. */
static RvSecret *
unmask (const char  *hex,
        const char  *what,
        GError     **error)
{
  g_autoptr(RvSecret) bytes = rv_import_hex_decode (hex, 0, what, error);
  RvSecret *text;
  guint8 *out;
  gsize len;

  if (bytes == NULL)
    return NULL;
  len = rv_secret_get_size (bytes);
  if (len > sizeof mask)
    {
      g_set_error (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED, _("%s is too long"), what);
      return NULL;
    }
  /* An RvSecret is always followed by a NUL: the result is a string. */
  text = rv_secret_new (len);
  out = rv_secret_get_mutable_data (text);
  for (gsize i = 0; i < len; i++)
    out[i] = rv_secret_get_data (bytes)[i] ^ mask[i];
  return text;
}

RvImportResult *
rv_import_battlenet_parse (GPtrArray  *prefs,
                           GError    **error)
{
  g_autoptr(RvImportResult) result = rv_import_result_new (RV_IMPORT_FORMAT_BATTLENET);
  g_autoptr(RvOtpParams) params = rv_otp_params_new (RV_OTP_KIND_TOTP);
  g_autoptr(RvSecret) secret_hex = NULL;
  g_autoptr(RvSecret) serial = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(RvImportEntry) entry = { 0 };
  const char *masked_serial = rv_import_prefs_get (prefs, BATTLENET_SERIAL);
  g_autofree char *serial_text = NULL;

  if (!rv_str_is_blank (masked_serial))
    {
      serial = unmask (masked_serial, "The authenticator serial", error);
      if (serial == NULL)
        return NULL;
      serial_text = g_strdup (rv_secret_get_string (serial));
      if (!g_utf8_validate (serial_text, -1, NULL))
        {
          g_set_error_literal (error, RV_IMPORT_ERROR, RV_IMPORT_ERROR_MALFORMED,
                               _("The authenticator serial is damaged"));
          return NULL;
        }
    }
  secret_hex = unmask (rv_import_prefs_get (prefs, BATTLENET_SECRET),
                       "The authenticator secret", error);
  if (secret_hex == NULL)
    return NULL;

  rv_import_entry_init (&entry, result, 1, "Battle.net", serial_text);
  params->issuer = g_strdup ("Battle.net");
  params->account_name = g_strdup (serial_text);
  params->digits = 8;
  params->secret = rv_import_hex_decode (rv_secret_get_string (secret_hex), 0,
                                         "the unmasked secret", &local_error);
  if (params->secret == NULL)
    rv_import_entry_reject (&entry, "%s", local_error->message);
  else
    rv_import_entry_add (&entry, params, NULL, NULL);
  return g_steal_pointer (&result);
}
