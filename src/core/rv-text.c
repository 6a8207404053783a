/* rv-text.c: the one rule for text the vault keeps: no control characters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Names, issuers and notes come from other people's files and QR codes. A
 * terminal obeys the control characters in them (ESC sequences set its title,
 * clear the screen, fake output), and Unicode's bidirectional overrides make
 * "moc.knab" read as "bank.com". So every text field of an account and of a
 * recovery request goes through rv_text_sanitize() when it is set, parsed or
 * loaded, and the CLI escapes the same characters when it prints (a second
 * fence for text that comes straight from a file). The rule:
 *
 *  - removed: C0 controls (U+0000–U+001F) and DEL, C1 controls
 *    (U+0080–U+009F), the bidirectional marks, embeddings, overrides and
 *    isolates (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069);
 *  - in one-line fields, tab, newline, carriage return and the Unicode line
 *    and paragraph separators (U+2028, U+2029) become a space;
 *  - in multi-line fields (notes, drafts), tab and newline stay, a carriage
 *    return is removed (CRLF becomes LF) and U+2028/U+2029 become a newline;
 *  - invalid UTF-8 becomes U+FFFD.
 * Joiners (U+200C, U+200D) stay: emoji and several scripts need them and they
 * cannot reorder text.
 */
#include "config.h"

#include "rv-text.h"

#include <string.h>

static gboolean
is_line_break (gunichar c)
{
  return c == '\t' || c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029;
}

static gboolean
is_removed (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) ||
         c == 0x061c || c == 0x200e || c == 0x200f ||
         (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/* TRUE for a character rv_text_sanitize() changes in a @kind field. */
gboolean
rv_text_char_is_unsafe (gunichar   c,
                        RvTextKind kind)
{
  if (kind == RV_TEXT_MULTILINE && (c == '\t' || c == '\n'))
    return FALSE;
  return is_removed (c) || is_line_break (c);
}

gboolean
rv_text_is_clean (const char *text,
                  RvTextKind  kind)
{
  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      /* ASCII printable, the usual case, without decoding. */
      if ((guchar) *p >= 0x20 && (guchar) *p < 0x7f)
        continue;
      if (rv_text_char_is_unsafe (g_utf8_get_char (p), kind))
        return FALSE;
    }
  return TRUE;
}

/* Returns: (transfer full) (nullable): @text without control characters
 * (see the file header), %NULL for %NULL */
char *
rv_text_sanitize (const char *text,
                  RvTextKind  kind)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return NULL;
  if (rv_text_is_clean (text, kind))
    return g_strdup (text);

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!rv_text_char_is_unsafe (c, kind))
        g_string_append_unichar (out, c);
      else if (kind == RV_TEXT_LINE && is_line_break (c))
        g_string_append_c (out, ' ');
      else if (kind == RV_TEXT_MULTILINE && (c == 0x2028 || c == 0x2029))
        g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* Replaces *@text by its sanitized copy when it needs one. */
void
rv_text_sanitize_in_place (char       **text,
                           RvTextKind   kind)
{
  char *clean;

  if (rv_text_is_clean (*text, kind))
    return;
  clean = rv_text_sanitize (*text, kind);
  g_free (*text);
  *text = clean;
}

/* Returns: (transfer full) (nullable): each of @strv sanitized as a line,
 * the ones left empty dropped; %NULL when none is left */
GStrv
rv_text_sanitize_strv (const char * const *strv)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  GStrv result;

  if (strv == NULL)
    return NULL;
  builder = g_strv_builder_new ();
  for (guint i = 0; strv[i] != NULL; i++)
    {
      g_autofree char *clean = rv_text_sanitize (strv[i], RV_TEXT_LINE);

      if (clean[0] != '\0')
        g_strv_builder_add (builder, clean);
    }
  result = g_strv_builder_end (builder);
  if (result[0] == NULL)
    g_clear_pointer (&result, g_strfreev);
  return result;
}
