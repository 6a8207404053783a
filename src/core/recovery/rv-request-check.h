/* rv-request-check.h: refusing a request that would leak a secret
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Searches a drafted request for stored OTP seeds (raw, base32, spaced, any
 * case), stored recovery codes, the vault password, otpauth URIs, API-token
 * prefixes, words shaped like a base32 secret or like the provider's
 * recovery codes, and, for a public channel, email addresses and phone
 * numbers. Errors are RV_REQUEST_ERROR_LEAK or _PERSONAL_DATA.
 */
#pragma once

#include "rv-request-draft.h"

G_BEGIN_DECLS

/* Refuses @text if it holds a secret or something shaped like one. The
 * error names the kind of thing, never the thing. */
gboolean            rv_request_check_text           (RvProvider             *provider,
                                                     const char             *text,
                                                     RvVault                *vault,
                                                     RvAccount              *account,
                                                     const RvSecret         *password,
                                                     GError                **error);

G_END_DECLS
