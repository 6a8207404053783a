/* rv-search-key.c: folded search keys, made once, matched many times
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A search over 10,000 accounts used to casefold every field of every
 * account at each keystroke. A key holds the fields already passed through
 * g_utf8_casefold(), each ended by a NUL and the whole ended by an empty
 * field, so a keystroke is one strstr() per field and no allocation; a
 * match never runs across two fields. Absent and empty fields are left out.
 */
#include "config.h"

#include <string.h>

#include "rv-search-key.h"

static void
append_field (GString    *key,
              const char *field)
{
  g_autofree char *folded = NULL;

  if (field == NULL || field[0] == '\0')
    return;
  folded = g_utf8_casefold (field, -1);
  g_string_append_len (key, folded, strlen (folded) + 1);
}

/**
 * rv_search_key_new:
 * @fields: (array length=n_fields) (nullable): fields, each may be %NULL
 * @n_fields: how many
 * @more: (nullable) (array zero-terminated=1): more fields (tags)
 *
 * Returns: (transfer full): the key, for rv_search_key_matches()
 */
char *
rv_search_key_new (const char * const *fields,
                   gsize               n_fields,
                   const char * const *more)
{
  GString *key = g_string_sized_new (64);

  for (gsize i = 0; i < n_fields; i++)
    append_field (key, fields[i]);
  for (gsize i = 0; more != NULL && more[i] != NULL; i++)
    append_field (key, more[i]);
  /* The GString's own NUL ends the list with an empty field. */
  return g_string_free (key, FALSE);
}

/**
 * rv_search_key_matches:
 * @key: a key from rv_search_key_new()
 * @casefolded_query: (nullable): the search, already casefolded
 *
 * Whether one of the key's fields contains the query (an empty or absent
 * query matches everything).
 */
gboolean
rv_search_key_matches (const char *key,
                       const char *casefolded_query)
{
  g_return_val_if_fail (key != NULL, FALSE);

  if (casefolded_query == NULL || casefolded_query[0] == '\0')
    return TRUE;
  for (const char *field = key; *field != '\0'; field += strlen (field) + 1)
    if (strstr (field, casefolded_query) != NULL)
      return TRUE;
  return FALSE;
}
