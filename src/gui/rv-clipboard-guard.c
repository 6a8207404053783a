/* rv-clipboard-guard.c: copy a code, and take it back later
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The clipboard is read back before it is cleared: if the user copied
 * something else in the meantime, that must survive.
 *
 * A copied code also carries the KDE password-manager hint (the MIME type
 * x-kde-passwordManagerHint holding "secret"), which clipboard managers
 * such as Klipper and several GNOME extensions honour by not keeping it in
 * their history.
 */
#include "config.h"

#include "rv-clipboard-guard.h"

#include <string.h>
#include "rv-secret.h"

struct _RvClipboardGuard
{
  GObject       parent_instance;

  GdkClipboard *clipboard;
  RvSecret     *copied;
  guint         timeout_id;
  guint         serial;
};

typedef struct
{
  RvClipboardGuard *self;
  guint             serial;
} ReadBack;

G_DEFINE_FINAL_TYPE (RvClipboardGuard, rv_clipboard_guard, G_TYPE_OBJECT)

enum {
  CLEARED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

RvClipboardGuard *
rv_clipboard_guard_new (GdkClipboard *clipboard)
{
  RvClipboardGuard *self;

  g_return_val_if_fail (GDK_IS_CLIPBOARD (clipboard), NULL);

  self = g_object_new (RV_TYPE_CLIPBOARD_GUARD, NULL);
  self->clipboard = g_object_ref (clipboard);

  return self;
}

static void
read_back_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ReadBack *read_back = user_data;
  g_autoptr(RvClipboardGuard) self = read_back->self;
  g_autofree char *text = NULL;
  gboolean current = read_back->serial == self->serial;

  g_free (read_back);
  text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);

  /* Something was copied again meanwhile: that copy has its own timer. */
  if (!current || self->copied == NULL)
    return;

  if (text != NULL && g_strcmp0 (text, rv_secret_get_string (self->copied)) == 0)
    {
      gdk_clipboard_set_text (self->clipboard, "");
      g_signal_emit (self, signals[CLEARED], 0);
    }

  g_clear_pointer (&self->copied, rv_secret_free);
}

void
rv_clipboard_guard_clear_now (RvClipboardGuard *self)
{
  ReadBack *read_back;

  g_return_if_fail (RV_IS_CLIPBOARD_GUARD (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  if (self->copied == NULL)
    return;

  read_back = g_new0 (ReadBack, 1);
  read_back->self = g_object_ref (self);
  read_back->serial = self->serial;
  gdk_clipboard_read_text_async (self->clipboard, NULL, read_back_cb, read_back);
}

static gboolean
timeout_cb (gpointer user_data)
{
  RvClipboardGuard *self = user_data;

  self->timeout_id = 0;
  rv_clipboard_guard_clear_now (self);

  return G_SOURCE_REMOVE;
}

/* The text, and the hint that it is a secret. */
static void
set_secret_text (GdkClipboard *clipboard,
                 const char   *text)
{
  static const char hint[] = "secret";
  g_autoptr(GBytes) hint_bytes = g_bytes_new_static (hint, strlen (hint));
  g_autoptr(GdkContentProvider) content = NULL;
  GdkContentProvider *providers[2];

  providers[0] = gdk_content_provider_new_typed (G_TYPE_STRING, text);
  providers[1] = gdk_content_provider_new_for_bytes (RV_CLIPBOARD_SECRET_HINT, hint_bytes);
  content = gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
  gdk_clipboard_set_content (clipboard, content);
}

void
rv_clipboard_guard_copy (RvClipboardGuard *self,
                         const char       *text,
                         guint             clear_after)
{
  g_return_if_fail (RV_IS_CLIPBOARD_GUARD (self));
  g_return_if_fail (text != NULL);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_pointer (&self->copied, rv_secret_free);
  self->serial++;

  set_secret_text (self->clipboard, text);

  if (clear_after == 0)
    return;

  self->copied = rv_secret_new_from_string (text);
  /* Millisecond timer: g_timeout_add_seconds() may wait a second longer. */
  self->timeout_id = g_timeout_add (clear_after * 1000, timeout_cb, self);
}

gboolean
rv_clipboard_guard_is_pending (RvClipboardGuard *self)
{
  g_return_val_if_fail (RV_IS_CLIPBOARD_GUARD (self), FALSE);

  return self->copied != NULL;
}

static void
rv_clipboard_guard_dispose (GObject *object)
{
  RvClipboardGuard *self = RV_CLIPBOARD_GUARD (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_pointer (&self->copied, rv_secret_free);
  g_clear_object (&self->clipboard);

  G_OBJECT_CLASS (rv_clipboard_guard_parent_class)->dispose (object);
}

static void
rv_clipboard_guard_class_init (RvClipboardGuardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rv_clipboard_guard_dispose;

  signals[CLEARED] = g_signal_new ("cleared",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
rv_clipboard_guard_init (RvClipboardGuard *self)
{
}
