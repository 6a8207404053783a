/* rv-cli-output.c: printing accounts for people and as JSON, secrets only when asked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rv-cli-output.h"

#include <stdio.h>
#include <string.h>

#include "rv-cli.h"
#include "rv-text.h"

struct _RvCliRevealer
{
  char      *prefix;    /* "\"rv-secret-NONCE-" */
  GPtrArray *secrets;   /* of RvSecret, JSON-escaped */
};

/* Returns: (transfer full): @text with each character rv-text.c would remove
 * written as \uXXXX (newline and tab kept), invalid UTF-8 as U+FFFD. */
char *
rv_cli_escape (const char *text,
               gssize      len)
{
  g_autofree char *valid = NULL;
  GString *out;
  const char *end;

  if (len < 0)
    len = strlen (text);
  valid = g_utf8_make_valid (text, len);
  out = g_string_sized_new (len + 16);
  end = valid + strlen (valid);
  for (const char *p = valid; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (rv_text_char_is_unsafe (c, RV_TEXT_MULTILINE))
        g_string_append_printf (out, "\\u%04X", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (out, FALSE);
}

void
rv_cli_write (FILE       *out,
              const char *text,
              gssize      len)
{
  g_autofree char *escaped = rv_cli_escape (text, len);

  fputs (escaped, out);
}

void
rv_cli_vprint (FILE       *out,
               const char *format,
               va_list     args)
{
  g_autofree char *text = g_strdup_vprintf (format, args);

  rv_cli_write (out, text, -1);
}

void
rv_cli_print (const char *format,
              ...)
{
  va_list args;

  va_start (args, format);
  rv_cli_vprint (stdout, format, args);
  va_end (args);
}

void
rv_cli_eprint (const char *format,
               ...)
{
  va_list args;

  va_start (args, format);
  rv_cli_vprint (stderr, format, args);
  va_end (args);
}

/* Local time, minutes: what a person needs; "never" for 0. */
char *
rv_cli_format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (unix_time <= 0)
    return g_strdup ("never");
  utc = g_date_time_new_from_unix_utc (unix_time);
  if (utc == NULL)
    return g_strdup ("?");
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

char *
rv_cli_format_tags (RvAccount *account)
{
  return g_strjoinv (", ", (char **) rv_account_get_tags (account));
}

/* One "label: value" line, labels aligned; empty values are left out. */
void
rv_cli_print_field (const char *label,
                    const char *value)
{
  g_autofree char *with_colon = NULL;

  if (value == NULL || value[0] == '\0')
    return;
  with_colon = g_strconcat (label, ":", NULL);
  rv_cli_print ("%-16s %s\n", with_colon, value);
}

/* Returns: (transfer full): @secret as the inside of a JSON string */
RvSecret *
rv_cli_json_escape_secret (const RvSecret *secret)
{
  const guint8 *data = rv_secret_get_data (secret);
  gsize size = rv_secret_get_size (secret);
  g_autoptr(RvSecret) escaped = rv_secret_new (size * 6);
  char *out = (char *) rv_secret_get_mutable_data (escaped);
  gsize len = 0;

  for (gsize i = 0; i < size; i++)
    {
      guint8 c = data[i];

      if (c == '"' || c == '\\')
        {
          out[len++] = '\\';
          out[len++] = c;
        }
      else if (c < 0x20 || c == 0x7f)
        {
          static const char hex[] = "0123456789abcdef";

          memcpy (out + len, "\\u00", 4);
          out[len + 4] = hex[c >> 4];
          out[len + 5] = hex[c & 0xf];
          len += 6;
        }
      else
        out[len++] = c;
    }
  return rv_secret_truncate (g_steal_pointer (&escaped), len);
}

void
rv_cli_json_add_string (JsonBuilder *builder,
                        const char  *member,
                        const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* ISO 8601 in UTC, or null when unknown. */
void
rv_cli_json_add_time (JsonBuilder *builder,
                      const char  *member,
                      gint64       unix_time)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *text = NULL;

  if (unix_time > 0)
    when = g_date_time_new_from_unix_utc (unix_time);
  if (when != NULL)
    text = g_date_time_format_iso8601 (when);
  rv_cli_json_add_string (builder, member, text);
}

void
rv_cli_json_add_tags (JsonBuilder *builder,
                      RvAccount   *account)
{
  const char * const *tags = rv_account_get_tags (account);

  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; tags[i] != NULL; i++)
    json_builder_add_string_value (builder, tags[i]);
  json_builder_end_array (builder);
}

RvCliRevealer *
rv_cli_revealer_new (void)
{
  RvCliRevealer *self = g_new0 (RvCliRevealer, 1);
  g_autofree char *nonce = g_uuid_string_random ();

  self->prefix = g_strdup_printf ("\"rv-secret-%s-", nonce);
  self->secrets = g_ptr_array_new_with_free_func ((GDestroyNotify) rv_secret_free);
  return self;
}

void
rv_cli_revealer_free (RvCliRevealer *self)
{
  g_free (self->prefix);
  g_ptr_array_unref (self->secrets);
  g_free (self);
}

/* Adds @member with a placeholder that rv_cli_revealer_print() replaces by
 * @secret (or null when @secret is %NULL). */
void
rv_cli_revealer_add_secret (RvCliRevealer  *self,
                            JsonBuilder    *builder,
                            const char     *member,
                            const RvSecret *secret)
{
  g_autofree char *placeholder = NULL;

  json_builder_set_member_name (builder, member);
  if (secret == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  placeholder = g_strdup_printf ("%s%u", self->prefix + 1, self->secrets->len);
  json_builder_add_string_value (builder, placeholder);
  g_ptr_array_add (self->secrets, rv_cli_json_escape_secret (secret));
}

void
rv_cli_revealer_print (RvCliRevealer *self,
                       JsonNode      *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  const char *rest;
  const char *hit;
  gsize prefix_len = strlen (self->prefix);

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);

  rest = text;
  while ((hit = strstr (rest, self->prefix)) != NULL)
    {
      char *end = NULL;
      guint64 index = g_ascii_strtoull (hit + prefix_len, &end, 10);

      g_assert (index < self->secrets->len && *end == '"');
      rv_cli_write (stdout, rest, hit - rest + 1);
      rv_cli_write_secret (self->secrets->pdata[index]);
      rest = end;
    }
  rv_cli_print ("%s\n", rest);
  fflush (stdout);
}

/* "label: value" where the value is a secret: masked unless @reveal. */
void
rv_cli_print_secret_field (const char     *label,
                           const RvSecret *secret,
                           gboolean        reveal)
{
  g_autofree char *with_colon = g_strconcat (label, ":", NULL);

  if (secret == NULL)
    return;
  rv_cli_print ("%-16s ", with_colon);
  if (reveal)
    rv_cli_write_secret (secret);
  else
    rv_cli_print (_("%s (shown with --reveal)"), RV_CLI_MASK);
  rv_cli_print ("\n");
}

static void
print_recovery_summary (RvAccount *account)
{
  g_autofree char *issued = rv_cli_format_time (rv_account_get_recovery_issued_at (account));
  g_autofree char *checked = rv_cli_format_time (rv_account_get_recovery_checked_at (account));
  guint expected = rv_account_get_recovery_expected_count (account);

  rv_cli_print (_("Recovery codes:  %u unused of %u"), rv_account_get_n_unused_recovery_codes (account),
          rv_account_get_n_recovery_codes (account));
  if (expected > 0)
    rv_cli_print (_(" (the service issues %u)"), expected);
  rv_cli_print (_("; issued %s, last checked %s\n"), issued, checked);
}

/* A numbered table: code (masked unless @reveal), state and dates. */
void
rv_cli_print_recovery_codes (RvAccount *account,
                             gboolean   reveal)
{
  guint n = rv_account_get_n_recovery_codes (account);
  gsize width = strlen (RV_CLI_MASK);

  print_recovery_summary (account);
  if (reveal)
    for (guint i = 0; i < n; i++)
      if (rv_account_get_recovery_code (account, i)->code != NULL)   /* NULL: sealed */
        width = MAX (width, rv_secret_get_size (rv_account_get_recovery_code (account, i)->code));

  for (guint i = 0; i < n; i++)
    {
      const RvRecoveryCode *code = rv_account_get_recovery_code (account, i);
      g_autofree char *added = rv_cli_format_time (code->added_at);
      g_autofree char *used = rv_cli_format_time (code->used_at);
      gsize shown = strlen (RV_CLI_MASK);

      rv_cli_print ("  %3u  ", i + 1);
      if (reveal && code->code != NULL)
        {
          rv_cli_write_secret (code->code);
          shown = rv_secret_get_size (code->code);
        }
      else
        rv_cli_print ("%s", RV_CLI_MASK);
      rv_cli_print (_("%*s  %-6s  added %s"), (int) (width - shown), "",
              code->used_at != 0 ? "used" : "unused", added);
      if (code->used_at != 0)
        rv_cli_print (_(", used %s"), used);
      rv_cli_print ("\n");
    }
}

void
rv_cli_json_add_recovery_codes (RvCliRevealer *revealer,
                                JsonBuilder   *builder,
                                RvAccount     *account,
                                gboolean       reveal)
{
  guint n = rv_account_get_n_recovery_codes (account);

  json_builder_set_member_name (builder, "recovery_codes");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "unused");
  json_builder_add_int_value (builder, rv_account_get_n_unused_recovery_codes (account));
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, n);
  json_builder_set_member_name (builder, "expected");
  json_builder_add_int_value (builder, rv_account_get_recovery_expected_count (account));
  rv_cli_json_add_time (builder, "issued_at", rv_account_get_recovery_issued_at (account));
  rv_cli_json_add_time (builder, "checked_at", rv_account_get_recovery_checked_at (account));
  json_builder_set_member_name (builder, "codes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      const RvRecoveryCode *code = rv_account_get_recovery_code (account, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "number");
      json_builder_add_int_value (builder, i + 1);
      if (reveal && code->code != NULL)
        rv_cli_revealer_add_secret (revealer, builder, "code", code->code);
      json_builder_set_member_name (builder, "used");
      json_builder_add_boolean_value (builder, code->used_at != 0);
      rv_cli_json_add_time (builder, "added_at", code->added_at);
      rv_cli_json_add_time (builder, "used_at", code->used_at);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}
