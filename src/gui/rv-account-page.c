/* rv-account-page.c: one account's details, secret and recovery codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rv-backup-scheduler.h"
#include "rv-base32.h"
#include "rv-code-clock.h"
#include "rv-otp-uri.h"
#include "rv-qr-texture.h"
#include "rv-recovery-codes-view.h"

#include "rv-account-page.h"
#include "rv-toasts.h"
#include "rv-util.h"

struct _RvAccountPage
{
  AdwBin               parent_instance;

  RvVault             *vault;
  RvAccount           *account;
  gboolean             secret_revealed;

  AdwWindowTitle      *window_title;
  AdwToastOverlay     *toast_overlay;
  AdwEntryRow         *issuer_row;
  AdwEntryRow         *name_row;
  AdwEntryRow         *email_row;
  AdwEntryRow         *url_row;
  AdwEntryRow         *tags_row;
  AdwEntryRow         *notes_row;
  GtkWidget           *code_group;
  AdwActionRow        *kind_row;
  AdwActionRow        *algorithm_row;
  AdwActionRow        *digits_row;
  AdwActionRow        *period_row;
  AdwActionRow        *counter_row;
  GtkLabel            *kind_value;
  GtkLabel            *algorithm_value;
  GtkLabel            *digits_value;
  GtkLabel            *period_value;
  GtkLabel            *counter_value;
  GtkWidget           *secret_group;
  GtkWidget           *reveal_row;
  GtkImage            *reveal_icon;
  GtkWidget           *secret_box;
  GtkLabel            *secret_label;
  GtkPicture          *qr_picture;
  RvRecoveryCodesView *codes_view;
  AdwActionRow        *current_code_row;
  GtkLabel            *current_code_label;
  GtkWidget           *copy_code_button;

  RvCodeClock         *clock;          /* runs while the page is shown */
  guint                reveal_timeout;  /* seconds a revealed secret stays */
  guint                hide_id;
};

G_DEFINE_FINAL_TYPE (RvAccountPage, rv_account_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_VAULT,
  PROP_ACCOUNT,
  PROP_SECRET_REVEALED,
  PROP_REVEAL_TIMEOUT,
  N_PROPS
};

enum {
  BACK,
  DELETED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
show_toast (RvAccountPage *self,
            const char    *title)
{
  rv_toasts_add (self->toast_overlay, adw_toast_new (title));
}

static gboolean
save_vault (RvAccountPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (rv_backup_save (self->vault, &error))
    return TRUE;

  message = g_strdup_printf (_("The vault could not be saved: %s"), error->message);
  show_toast (self, message);
  return FALSE;
}

/* Details */

static void
set_entry (AdwEntryRow *row,
           const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static char *
format_tags (const char * const *tags)
{
  return tags ? g_strjoinv (", ", (char **) tags) : g_strdup ("");
}

static void
show_details (RvAccountPage *self)
{
  g_autofree char *tags = format_tags (rv_account_get_tags (self->account));
  g_autofree char *title = rv_account_dup_display_name (self->account);

  adw_window_title_set_title (self->window_title, title);
  set_entry (self->issuer_row, rv_account_get_issuer (self->account));
  set_entry (self->name_row, rv_account_get_name (self->account));
  set_entry (self->email_row, rv_account_get_email (self->account));
  set_entry (self->url_row, rv_account_get_url (self->account));
  set_entry (self->tags_row, tags);
  set_entry (self->notes_row, rv_account_get_notes (self->account));
}

static const char *
kind_label (RvOtpKind kind)
{
  switch (kind)
    {
    case RV_OTP_KIND_TOTP:
      return _("Time-based (TOTP)");
    case RV_OTP_KIND_HOTP:
      return _("Counter-based (HOTP)");
    case RV_OTP_KIND_STEAM:
      return _("Steam Guard");
    case RV_OTP_KIND_NONE:
    default:
      return _("None (recovery codes only)");
    }
}

static void
show_code_settings (RvAccountPage *self)
{
  RvOtpKind kind = rv_account_get_kind (self->account);
  g_autofree char *digits = g_strdup_printf ("%u", rv_account_get_digits (self->account));
  g_autofree char *period = g_strdup_printf (ngettext ("%u second", "%u seconds",
                                                       rv_account_get_period (self->account)),
                                             rv_account_get_period (self->account));
  g_autofree char *counter = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                              rv_account_get_counter (self->account));

  gtk_label_set_text (self->kind_value, kind_label (kind));
  gtk_label_set_text (self->algorithm_value,
                      rv_otp_algorithm_to_string (rv_account_get_algorithm (self->account)));
  gtk_label_set_text (self->digits_value, digits);
  gtk_label_set_text (self->period_value, period);
  gtk_label_set_text (self->counter_value, counter);

  gtk_widget_set_visible (GTK_WIDGET (self->algorithm_row),
                          kind == RV_OTP_KIND_TOTP || kind == RV_OTP_KIND_HOTP);
  gtk_widget_set_visible (GTK_WIDGET (self->digits_row), kind != RV_OTP_KIND_NONE);
  gtk_widget_set_visible (GTK_WIDGET (self->period_row),
                          kind == RV_OTP_KIND_TOTP || kind == RV_OTP_KIND_STEAM);
  gtk_widget_set_visible (GTK_WIDGET (self->counter_row), kind == RV_OTP_KIND_HOTP);
  gtk_widget_set_visible (self->secret_group, kind != RV_OTP_KIND_NONE);
}

static char **
parse_tags (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

static void
on_detail_applied (RvAccountPage *self,
                   AdwEntryRow   *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (row == self->issuer_row)
    rv_account_set_issuer (self->account, text);
  else if (row == self->name_row)
    rv_account_set_name (self->account, text);
  else if (row == self->email_row)
    rv_account_set_email (self->account, *text ? text : NULL);
  else if (row == self->url_row)
    rv_account_set_url (self->account, *text ? text : NULL);
  else if (row == self->notes_row)
    rv_account_set_notes (self->account, *text ? text : NULL);
  else if (row == self->tags_row)
    {
      g_auto(GStrv) tags = parse_tags (text);

      rv_account_set_tags (self->account, (const char * const *) tags);
    }

  rv_account_set_updated (self->account, rv_now ());
  if (save_vault (self))
    show_toast (self, _("Saved"));
}

/* Secret */

/* "JBSW Y3DP EHPK 3PXP": easier to read aloud and to type on a phone. */
static RvSecret *
group_by_four (const RvSecret *text)
{
  gsize len = rv_secret_get_size (text);
  const char *in = rv_secret_get_string (text);
  RvSecret *grouped = rv_secret_new (len + len / 4);
  char *out = (char *) rv_secret_get_mutable_data (grouped);
  gsize o = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && i % 4 == 0)
        out[o++] = ' ';
      out[o++] = in[i];
    }
  return rv_secret_truncate (grouped, o);
}

/* The same row reveals and hides, so the control stays where it was. */
static void
set_reveal_row (RvAccountPage *self,
                gboolean       revealed)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reveal_row),
                                 revealed ? _("_Hide Secret Key") : _("_Reveal Secret Key"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->reveal_row),
                                  revealed ? "account.hide-secret" : "account.reveal-secret");
  gtk_image_set_from_icon_name (self->reveal_icon,
                                revealed ? "view-conceal-symbolic" : "view-reveal-symbolic");
}

static gboolean
show_secret_qr (RvAccountPage *self,
                GError       **error)
{
  g_autoptr(RvOtpParams) params = rv_account_dup_otp_params (self->account);
  g_autoptr(RvSecret) uri = rv_otp_uri_build (params);
  g_autoptr(GdkTexture) texture = NULL;

  texture = rv_qr_texture_new (uri, error);
  if (texture == NULL)
    return FALSE;
  gtk_picture_set_paintable (self->qr_picture, GDK_PAINTABLE (texture));
  return TRUE;
}

static void hide_secret (RvAccountPage *self);

static gboolean
hide_timeout_cb (gpointer user_data)
{
  RvAccountPage *self = user_data;

  self->hide_id = 0;
  hide_secret (self);
  return G_SOURCE_REMOVE;
}

static void
reveal_secret_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RvAccountPage *self = RV_ACCOUNT_PAGE (widget);
  const RvSecret *secret = rv_account_get_secret (self->account);
  g_autoptr(RvSecret) encoded = NULL;
  g_autoptr(RvSecret) grouped = NULL;
  g_autoptr(GError) error = NULL;

  if (secret == NULL || self->secret_revealed)
    return;

  encoded = rv_base32_encode_secret (secret);
  grouped = group_by_four (encoded);
  /* GtkLabel keeps its own copy: it is cleared again on hiding. */
  gtk_label_set_text (self->secret_label, rv_secret_get_string (grouped));
  if (!show_secret_qr (self, &error))
    show_toast (self, error->message);

  set_reveal_row (self, TRUE);
  gtk_widget_set_visible (self->secret_box, TRUE);
  self->secret_revealed = TRUE;
  /* A revealed secret hides itself again, in case it is forgotten on screen. */
  g_clear_handle_id (&self->hide_id, g_source_remove);
  if (self->reveal_timeout > 0)
    self->hide_id = g_timeout_add_seconds (self->reveal_timeout, hide_timeout_cb, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECRET_REVEALED]);
}

static void
hide_secret (RvAccountPage *self)
{
  g_clear_handle_id (&self->hide_id, g_source_remove);
  gtk_label_set_text (self->secret_label, "");
  gtk_picture_set_paintable (self->qr_picture, NULL);
  gtk_widget_set_visible (self->secret_box, FALSE);
  set_reveal_row (self, FALSE);
  if (!self->secret_revealed)
    return;
  self->secret_revealed = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECRET_REVEALED]);
}

static void
hide_secret_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  hide_secret (RV_ACCOUNT_PAGE (widget));
}

void
rv_account_page_conceal (RvAccountPage *self)
{
  g_return_if_fail (RV_IS_ACCOUNT_PAGE (self));

  hide_secret (self);
  rv_recovery_codes_view_conceal (self->codes_view);
}

/* Navigation and deletion */

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RvAccountPage *self = RV_ACCOUNT_PAGE (widget);

  rv_account_page_conceal (self);
  g_signal_emit (self, signals[BACK], 0);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RvAccountPage *self = RV_ACCOUNT_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->issuer_row));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RvAccountPage *self = RV_ACCOUNT_PAGE (widget);
  g_autoptr(RvAccount) account = g_object_ref (self->account);
  g_autoptr(GError) error = NULL;

  rv_account_page_conceal (self);
  if (!rv_vault_remove_account (self->vault, account))
    return;
  if (!rv_backup_save (self->vault, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The vault could not be saved: %s"),
                                                  error->message);

      /* Nothing is lost: put it back as it was on disk. */
      rv_vault_add_account (self->vault, account);
      show_toast (self, message);
      return;
    }
  g_signal_emit (self, signals[DELETED], 0, account);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RvAccountPage *self = RV_ACCOUNT_PAGE (widget);

  if (rv_vault_find_account_by_id (self->vault, rv_account_get_id (self->account)) != NULL)
    return;
  rv_vault_add_account (self->vault, self->account);
  save_vault (self);
}

/* Lifecycle */

static void update_code (RvAccountPage *self,
                         gint64         now);

static void
on_account_changed (RvAccountPage *self)
{
  g_autofree char *title = rv_account_dup_display_name (self->account);

  adw_window_title_set_title (self->window_title, title);
  show_code_settings (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    update_code (self, rv_now ());
}

/* The current code */

static void
update_code (RvAccountPage *self,
             gint64         now)
{
  RvOtpKind kind = rv_account_get_kind (self->account);
  g_autoptr(GError) error = NULL;
  char code[RV_OTP_CODE_BUFFER] = { 0 };
  g_autofree char *subtitle = NULL;
  guint period = MAX (1, rv_account_get_period (self->account));

  /* HOTP codes are only made on request (that moves the counter). */
  gtk_widget_set_visible (GTK_WIDGET (self->current_code_row),
                          kind == RV_OTP_KIND_TOTP || kind == RV_OTP_KIND_STEAM);
  if (kind != RV_OTP_KIND_TOTP && kind != RV_OTP_KIND_STEAM)
    return;
  if (!rv_account_generate_code (self->account, now, code, &error))
    {
      gtk_label_set_text (self->current_code_label, "");
      adw_action_row_set_subtitle (self->current_code_row, error->message);
      return;
    }
  gtk_label_set_text (self->current_code_label, code);
  memset (code, 0, sizeof code);
  subtitle = g_strdup_printf (ngettext ("Changes in %u second", "Changes in %u seconds",
                                        rv_otp_seconds_left (now, period)),
                              rv_otp_seconds_left (now, period));
  adw_action_row_set_subtitle (self->current_code_row, subtitle);
}

static void
clock_tick_cb (RvAccountPage *self,
               gint64         now)
{
  update_code (self, now);
}

static void
copy_code_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RvAccountPage *self = RV_ACCOUNT_PAGE (widget);

  /* The window copies through its clipboard guard (cleared after a delay,
   * hinted as a secret to clipboard managers). */
  gtk_widget_activate_action (widget, "win.copy-code", "s", rv_account_get_id (self->account));
}

static void
rv_account_page_map (GtkWidget *widget)
{
  RvAccountPage *self = RV_ACCOUNT_PAGE (widget);

  GTK_WIDGET_CLASS (rv_account_page_parent_class)->map (widget);
  update_code (self, rv_now ());
  rv_code_clock_start (self->clock);
}

static void
rv_account_page_unmap (GtkWidget *widget)
{
  RvAccountPage *self = RV_ACCOUNT_PAGE (widget);

  /* Leaving the page (going back, locking, closing) hides the secret. */
  hide_secret (self);
  rv_code_clock_stop (self->clock);
  gtk_label_set_text (self->current_code_label, "");
  GTK_WIDGET_CLASS (rv_account_page_parent_class)->unmap (widget);
}

static void
rv_account_page_constructed (GObject *object)
{
  RvAccountPage *self = RV_ACCOUNT_PAGE (object);

  G_OBJECT_CLASS (rv_account_page_parent_class)->constructed (object);

  g_return_if_fail (self->vault != NULL && self->account != NULL);
  g_object_set (self->codes_view, "vault", self->vault, "account", self->account, NULL);
  g_signal_connect_object (self->account, "changed", G_CALLBACK (on_account_changed), self,
                           G_CONNECT_SWAPPED);
  show_details (self);
  show_code_settings (self);
}

static void
rv_account_page_dispose (GObject *object)
{
  RvAccountPage *self = RV_ACCOUNT_PAGE (object);

  g_clear_handle_id (&self->hide_id, g_source_remove);
  if (self->clock != NULL)
    g_signal_handlers_disconnect_by_data (self->clock, self);
  g_clear_object (&self->clock);
  g_clear_object (&self->account);
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (rv_account_page_parent_class)->dispose (object);
}

static void
rv_account_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RvAccountPage *self = RV_ACCOUNT_PAGE (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      g_value_set_object (value, self->vault);
      break;
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    case PROP_SECRET_REVEALED:
      g_value_set_boolean (value, self->secret_revealed);
      break;
    case PROP_REVEAL_TIMEOUT:
      g_value_set_uint (value, self->reveal_timeout);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rv_account_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RvAccountPage *self = RV_ACCOUNT_PAGE (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      self->vault = g_value_dup_object (value);
      break;
    case PROP_ACCOUNT:
      self->account = g_value_dup_object (value);
      break;
    case PROP_REVEAL_TIMEOUT:
      self->reveal_timeout = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rv_account_page_class_init (RvAccountPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rv_account_page_constructed;
  object_class->dispose = rv_account_page_dispose;
  object_class->get_property = rv_account_page_get_property;
  object_class->set_property = rv_account_page_set_property;
  widget_class->map = rv_account_page_map;
  widget_class->unmap = rv_account_page_unmap;

  properties[PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL, RV_TYPE_VAULT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, RV_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SECRET_REVEALED] =
    g_param_spec_boolean ("secret-revealed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Seconds before a revealed secret hides itself; 0: never. */
  properties[PROP_REVEAL_TIMEOUT] =
    g_param_spec_uint ("reveal-timeout", NULL, NULL, 0, 3600, 30,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RvAccountPage::back:
   *
   * The user asked to go back to the list; the secret is hidden already.
   */
  signals[BACK] =
    g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * RvAccountPage::deleted:
   * @account: the account, removed from the vault and saved
   *
   * The shell leaves the page and offers "Undo" in a toast: activating
   * "account.undo-delete" on this page, or adding @account back to the vault.
   */
  signals[DELETED] =
    g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, RV_TYPE_ACCOUNT);

  g_type_ensure (RV_TYPE_RECOVERY_CODES_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/RecoveryVault/rv-account-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RvAccountPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, RvAccountPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RvAccountPage, issuer_row);
  gtk_widget_class_bind_template_child (widget_class, RvAccountPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, RvAccountPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, RvAccountPage, url_row);
  gtk_widget_class_bind_template_child (widget_class, RvAccountPage, tags_row);
  gtk_widget_class_bind_template_child (widget_class, RvAccountPage, notes_row);
  gtk_widget_class_bind_template_child (widget_class, RvAccountPage, code_group);
  gtk_widget_class_bind_template_child (widget_class, RvAccountPage, kind_row);
  gtk_widget_class_bind_template_child (widget_class, RvAccountPage, algorithm_row);
  gtk_widget_class_bind_template_child (widget_class, RvAccountPage, digits_row);
  gtk_widget_class_bind_template_child (widget_class, RvAccountPage, period_row);
  gtk_widget_class_bind_template_child (widget_class, RvAccountPage, counter_row);
  gtk_widget_class_bind_template_child (widget_class, RvAccountPage, kind_value);
  gtk_widget_class_bind_template_child (widget_class, RvAccountPage, algorithm_value);
  gtk_widget_class_bind_template_child (widget_class, RvAccountPage, digits_value);
  gtk_widget_class_bind_template_child (widget_class, RvAccountPage, period_value);
  gtk_widget_class_bind_template_child (widget_class, RvAccountPage, counter_value);
  gtk_widget_class_bind_template_child (widget_class, RvAccountPage, secret_group);
  gtk_widget_class_bind_template_child (widget_class, RvAccountPage, reveal_row);
  gtk_widget_class_bind_template_child (widget_class, RvAccountPage, reveal_icon);
  gtk_widget_class_bind_template_child (widget_class, RvAccountPage, secret_box);
  gtk_widget_class_bind_template_child (widget_class, RvAccountPage, secret_label);
  gtk_widget_class_bind_template_child (widget_class, RvAccountPage, qr_picture);
  gtk_widget_class_bind_template_child (widget_class, RvAccountPage, codes_view);
  gtk_widget_class_bind_template_child (widget_class, RvAccountPage, current_code_row);
  gtk_widget_class_bind_template_child (widget_class, RvAccountPage, current_code_label);
  gtk_widget_class_bind_template_child (widget_class, RvAccountPage, copy_code_button);
  gtk_widget_class_bind_template_callback (widget_class, on_detail_applied);

  gtk_widget_class_install_action (widget_class, "account.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "account.copy-code", NULL, copy_code_action);
  gtk_widget_class_install_action (widget_class, "account.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "account.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "account.undo-delete", NULL, undo_delete_action);
  gtk_widget_class_install_action (widget_class, "account.reveal-secret", NULL,
                                   reveal_secret_action);
  gtk_widget_class_install_action (widget_class, "account.hide-secret", NULL, hide_secret_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "account.back", NULL);
}

static void
rv_account_page_init (RvAccountPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->clock = rv_code_clock_new ();
  g_signal_connect_swapped (self->clock, "tick", G_CALLBACK (clock_tick_cb), self);
}

GtkWidget *
rv_account_page_new (RvVault   *vault,
                     RvAccount *account)
{
  g_return_val_if_fail (RV_IS_VAULT (vault), NULL);
  g_return_val_if_fail (RV_IS_ACCOUNT (account), NULL);

  return g_object_new (RV_TYPE_ACCOUNT_PAGE, "vault", vault, "account", account, NULL);
}

RvAccount *
rv_account_page_get_account (RvAccountPage *self)
{
  g_return_val_if_fail (RV_IS_ACCOUNT_PAGE (self), NULL);

  return self->account;
}

gboolean
rv_account_page_get_secret_revealed (RvAccountPage *self)
{
  g_return_val_if_fail (RV_IS_ACCOUNT_PAGE (self), FALSE);

  return self->secret_revealed;
}
