/* rv-account-filter.h: the account list's search as a GtkFilter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RV_TYPE_ACCOUNT_FILTER (rv_account_filter_get_type ())
G_DECLARE_FINAL_TYPE (RvAccountFilter, rv_account_filter, RV, ACCOUNT_FILTER, GtkFilter)

RvAccountFilter *rv_account_filter_new       (void);
/* The casefolded query, or NULL when every account matches. */
const char      *rv_account_filter_get_query (RvAccountFilter *self);
void             rv_account_filter_set_query (RvAccountFilter *self,
                                              const char      *casefolded_query,
                                              GtkFilterChange  change);

G_END_DECLS
