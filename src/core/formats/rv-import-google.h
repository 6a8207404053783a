/* rv-import-google.h: Google Authenticator otpauth-migration:// payloads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rv-import.h"

G_BEGIN_DECLS

/* Tracks the parts of multi-part exports seen so far. */
typedef struct _RvGoogleBatches RvGoogleBatches;

RvGoogleBatches *rv_google_batches_new       (void);
void             rv_google_batches_free      (RvGoogleBatches *batches);
/* Adds the accounts of one otpauth-migration://offline?data=… URI. */
gboolean         rv_google_batches_parse_uri (RvGoogleBatches *batches,
                                              RvImportResult  *result,
                                              const char      *uri,
                                              gsize            len,
                                              guint            line_no,
                                              GError         **error);
/* Warns about the parts of each batch that were not seen. */
void             rv_google_batches_finish    (RvGoogleBatches *batches,
                                              RvImportResult  *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RvGoogleBatches, rv_google_batches_free)

G_END_DECLS
