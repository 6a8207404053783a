/* rv-search-key.h: folded search keys, made once, matched many times
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *rv_search_key_new     (const char * const *fields,
                                 gsize               n_fields,
                                 const char * const *more);
gboolean  rv_search_key_matches (const char         *key,
                                 const char         *casefolded_query);

G_END_DECLS
