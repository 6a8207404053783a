/* rv-toasts.c: toasts one at a time, around a libadwaita 1.2 crash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libadwaita 1.2 (Debian 12) frees a toast's bookkeeping when its hide
 * animation (300 ms) ends, while its show animation may still run and then
 * reads it: a toast shown while the one before it is still hiding gets a
 * 500 ms show, and dismissing it (Escape, another toast, our own dismiss)
 * within 200 ms crashed the app (seen in journey-codes: copy a code with
 * Enter, then Escape). Fixed in libadwaita 1.3 (1674ebc9).
 *
 * So an overlay never holds two of our toasts: a toast while another is
 * shown replaces its title if both are plain; otherwise the shown one is
 * dismissed, and a new toast waits until the one before has finished
 * hiding, so that every show is the short one and ends before any hide.
 */
#include "config.h"

#include "rv-toasts.h"

#define HIDE_MS 350   /* libadwaita's 300 ms, and a frame */

typedef struct
{
  AdwToastOverlay *overlay;    /* weak: owns this */
  AdwToast        *current;    /* shown, or waiting to be; a reference */
  gint64           hidden_at;  /* when the last one began to hide */
  guint            wait_id;
} Toasts;

static void
toasts_free (Toasts *toasts)
{
  g_clear_handle_id (&toasts->wait_id, g_source_remove);
  if (toasts->current != NULL)
    g_signal_handlers_disconnect_by_data (toasts->current, toasts);
  g_clear_object (&toasts->current);
  g_free (toasts);
}

static void
dismissed_cb (AdwToast *toast,
              Toasts   *toasts)
{
  if (toast != toasts->current)
    return;
  g_signal_handlers_disconnect_by_data (toast, toasts);
  g_clear_object (&toasts->current);
  toasts->hidden_at = g_get_monotonic_time ();
}

static gboolean
show_now_cb (gpointer user_data)
{
  Toasts *toasts = user_data;

  toasts->wait_id = 0;
  if (toasts->current != NULL)
    adw_toast_overlay_add_toast (toasts->overlay, g_object_ref (toasts->current));
  return G_SOURCE_REMOVE;
}

static gboolean
is_plain (AdwToast *toast)
{
  return adw_toast_get_button_label (toast) == NULL &&
         adw_toast_get_action_name (toast) == NULL &&
         adw_toast_get_timeout (toast) > 0;
}

void
rv_toasts_add (AdwToastOverlay *overlay,
               AdwToast        *toast)
{
  Toasts *toasts;
  gint64 wait;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  g_object_ref_sink (toast);
  toasts = g_object_get_data (G_OBJECT (overlay), "rv-toasts");
  if (toasts == NULL)
    {
      toasts = g_new0 (Toasts, 1);
      toasts->overlay = overlay;
      g_object_set_data_full (G_OBJECT (overlay), "rv-toasts", toasts,
                              (GDestroyNotify) toasts_free);
    }

  if (toasts->current != NULL && toasts->wait_id == 0 &&
      is_plain (toasts->current) && is_plain (toast))
    {
      adw_toast_set_title (toasts->current, adw_toast_get_title (toast));
      g_object_unref (toast);
      return;
    }
  if (toasts->current != NULL && toasts->wait_id != 0)
    {
      /* Never shown: replaced by this one. */
      g_signal_handlers_disconnect_by_data (toasts->current, toasts);
      g_clear_object (&toasts->current);
    }
  else if (toasts->current != NULL)
    {
      adw_toast_dismiss (toasts->current);
    }

  toasts->current = toast;
  g_signal_connect (toast, "dismissed", G_CALLBACK (dismissed_cb), toasts);
  wait = toasts->hidden_at + HIDE_MS * 1000 - g_get_monotonic_time ();
  if (toasts->hidden_at != 0 && wait > 0)
    {
      if (toasts->wait_id == 0)
        toasts->wait_id = g_timeout_add (wait / 1000 + 1, show_now_cb, toasts);
      return;
    }
  g_clear_handle_id (&toasts->wait_id, g_source_remove);
  adw_toast_overlay_add_toast (overlay, g_object_ref (toast));
}

/* Dismisses @toast, shown by rv_toasts_add() in @overlay or still waiting
 * to be. */
void
rv_toasts_dismiss (AdwToastOverlay *overlay,
                   AdwToast        *toast)
{
  Toasts *toasts;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  toasts = g_object_get_data (G_OBJECT (overlay), "rv-toasts");
  if (toasts != NULL && toasts->current == toast && toasts->wait_id != 0)
    {
      g_clear_handle_id (&toasts->wait_id, g_source_remove);
      g_signal_handlers_disconnect_by_data (toast, toasts);
      g_clear_object (&toasts->current);
      return;
    }
  adw_toast_dismiss (toast);
}
