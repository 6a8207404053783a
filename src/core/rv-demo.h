/* rv-demo.h: a demo vault with sample accounts (--demo, screenshots, benchmarks)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "rv-vault.h"

G_BEGIN_DECLS

#define RV_DEMO_PASSWORD "demo"

/* Adds the sample accounts (PyPI, GitHub, …) with recovery codes. */
gboolean  rv_demo_add_samples      (RvVault             *vault,
                                    GError             **error);
/* Adds @n generated TOTP accounts ("Service 1" …), for load tests. */
void      rv_demo_add_generated    (RvVault             *vault,
                                    guint                n);
/* Creates a vault at @path with password "demo" and the samples. */
void      rv_demo_create_async     (const char          *path,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
RvVault  *rv_demo_create_finish    (GAsyncResult        *result,
                                    GError             **error);

G_END_DECLS
