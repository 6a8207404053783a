/* rv-text.h: the one rule for text the vault keeps: no control characters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  RV_TEXT_LINE,       /* a name, an issuer, a URL, a tag: one line */
  RV_TEXT_MULTILINE,  /* notes, drafted letters: newline and tab are kept */
} RvTextKind;

gboolean  rv_text_char_is_unsafe  (gunichar     c,
                                   RvTextKind   kind);
gboolean  rv_text_is_clean        (const char  *text,
                                   RvTextKind   kind);
char     *rv_text_sanitize        (const char  *text,
                                   RvTextKind   kind);
void      rv_text_sanitize_in_place (char     **text,
                                     RvTextKind kind);
GStrv     rv_text_sanitize_strv   (const char * const *strv);

G_END_DECLS
