/* rv-secret.h: secrets kept in libsodium guarded memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* An immutable-size buffer of secret bytes (an OTP seed, a recovery code, a
 * password, a key). The bytes and the header live in a few shared guarded
 * regions (sodium_malloc), never in the ordinary heap; they are wiped when
 * freed. The data is always followed by a NUL so text secrets can be read as
 * strings. */
typedef struct _RvSecret RvSecret;

RvSecret     *rv_secret_new               (gsize           size);
RvSecret     *rv_secret_new_from_data     (gconstpointer   data,
                                           gsize           size);
RvSecret     *rv_secret_new_from_string   (const char     *text);
RvSecret     *rv_secret_copy              (const RvSecret *self);
void          rv_secret_free              (RvSecret       *self);
const guint8 *rv_secret_get_data          (const RvSecret *self);
guint8       *rv_secret_get_mutable_data  (RvSecret       *self);
const char   *rv_secret_get_string        (const RvSecret *self);
gsize         rv_secret_get_size          (const RvSecret *self);
RvSecret     *rv_secret_truncate          (RvSecret       *self,
                                           gsize           size);
gboolean      rv_secret_equal             (const RvSecret *a,
                                           const RvSecret *b);
gboolean      rv_secret_contains          (const char     *haystack,
                                           gsize           haystack_len,
                                           const RvSecret *needle);

RvSecret     *rv_secret_read_fd           (int             fd,
                                           gsize           max_size,
                                           GError        **error);

gboolean      rv_secret_memory_is_locked  (void);
gboolean      rv_secret_protect_process   (void);
gsize         rv_secret_get_n_regions     (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RvSecret, rv_secret_free)

/* A file and the password that opens it: the task data of every open that runs in a
 * worker thread (vaults, backups). The password is a copy, or NULL (keyring). */
typedef struct
{
  char     *path;
  RvSecret *password;
} RvFileKey;

RvFileKey    *rv_file_key_new             (const char     *path,
                                           const RvSecret *password);
void          rv_file_key_free            (RvFileKey      *self);
/* Runs @func in a worker thread of a new task of @source_object (nullable)
 * tagged @source_tag, whose task data is the RvFileKey of @path and a copy of
 * @password: the one way every threaded open starts. */
void          rv_file_key_run_in_thread   (gpointer             source_object,
                                           const char          *path,
                                           const RvSecret      *password,
                                           gpointer             source_tag,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data,
                                           GTaskThreadFunc      func);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RvFileKey, rv_file_key_free)

G_END_DECLS
