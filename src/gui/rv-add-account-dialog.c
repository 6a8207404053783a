/* rv-add-account-dialog.c: add an account from a link, a form or a QR image
 *
 * The window, the link and form pages and adding; the QR image page is in
 * rv-add-account-image.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rv-backup-scheduler.h"
#include "rv-base32.h"
#include "rv-otp-uri.h"

#include "rv-add-account-dialog-private.h"

G_DEFINE_FINAL_TYPE (RvAddAccountDialog, rv_add_account_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_VAULT,
  N_PROPS
};

enum {
  ACCOUNT_ADDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The rows of the Type combo, in order. */
static const RvOtpKind form_kinds[] = {
  RV_OTP_KIND_TOTP,
  RV_OTP_KIND_HOTP,
  RV_OTP_KIND_STEAM,
  RV_OTP_KIND_NONE,
};

void
rv_add_account_dialog_set_message (GtkLabel   *label,
                                   const char *text,
                                   gboolean    is_error)
{
  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
  if (is_error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
    }
}

static void
set_row_invalid (gpointer row,
                 gboolean invalid)
{
  if (invalid)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

char *
rv_add_account_dialog_describe_params (const RvOtpParams *params)
{
  const char *label = params->issuer && *params->issuer ? params->issuer : params->account_name;

  switch (params->kind)
    {
    case RV_OTP_KIND_TOTP:
      /* Translators: "Adds “GitHub”: 6-digit codes every 30 seconds (SHA1)." */
      return g_strdup_printf (_("Adds “%s”: %u-digit codes every %u seconds (%s)."),
                              label ? label : _("Unnamed account"), params->digits,
                              params->period, rv_otp_algorithm_to_string (params->algorithm));
    case RV_OTP_KIND_HOTP:
      return g_strdup_printf (_("Adds “%s”: %u-digit counter-based codes (%s)."),
                              label ? label : _("Unnamed account"), params->digits,
                              rv_otp_algorithm_to_string (params->algorithm));
    case RV_OTP_KIND_STEAM:
      return g_strdup_printf (_("Adds “%s”: Steam Guard codes."),
                              label ? label : _("Unnamed account"));
    case RV_OTP_KIND_NONE:
    default:
      return g_strdup_printf (_("Adds “%s”."), label ? label : _("Unnamed account"));
    }
}

/* The account already holding this secret for this kind of code, if any:
 * adding it twice only makes two rows with the same codes. */
char *
rv_add_account_dialog_describe_duplicate (RvAccount *account)
{
  g_autofree char *name = rv_account_dup_display_name (account);

  return g_strdup_printf (_("This account is already in the vault as “%s”."), name);
}

static const char *
visible_page (RvAddAccountDialog *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  return name ? name : "link";
}

void
rv_add_account_dialog_update_can_add (RvAddAccountDialog *self)
{
  const char *page = visible_page (self);
  gboolean can_add;

  if (g_str_equal (page, "link"))
    can_add = self->uri_params != NULL;
  else if (g_str_equal (page, "form"))
    can_add = self->form_params != NULL;
  else
    can_add = self->image_accounts->len > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "add-account.add", can_add);
}

/* Link page */

static void
on_uri_changed (RvAddAccountDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->uri_row));
  RvAccount *duplicate;
  gsize len;

  g_clear_pointer (&self->uri_params, rv_otp_params_free);

  /* Leading and trailing blanks come with copy and paste. */
  while (g_ascii_isspace (*text))
    text++;
  len = strlen (text);
  while (len > 0 && g_ascii_isspace (text[len - 1]))
    len--;

  if (len == 0)
    {
      set_row_invalid (self->uri_row, FALSE);
      rv_add_account_dialog_set_message (self->uri_message, NULL, FALSE);
      rv_add_account_dialog_update_can_add (self);
      return;
    }

  /* A bare secret key pasted where the dialog opens (Ctrl+N, Ctrl+V): it
   * belongs to the form, which asks for the rest. */
  if (g_strstr_len (text, len, "://") == NULL &&
      self->uri_last_insert >= (int) g_utf8_strlen (text, -1))
    {
      g_autofree char *key = g_strndup (text, len);
      g_autoptr(RvSecret) secret = rv_base32_decode (key, len, NULL);

      if (secret != NULL)
        {
          gtk_editable_set_text (GTK_EDITABLE (self->secret_row), key);
          gtk_editable_set_text (GTK_EDITABLE (self->uri_row), "");
          gtk_stack_set_visible_child_name (self->stack, "form");
          gtk_widget_grab_focus (GTK_WIDGET (self->issuer_row));
          return;
        }
    }

  self->uri_params = rv_otp_uri_parse (text, len, &error);
  if (self->uri_params != NULL &&
      (duplicate = rv_account_find_same_otp (rv_vault_get_accounts (self->vault),
                                                  self->uri_params->kind,
                                                  self->uri_params->secret)))
    {
      g_clear_pointer (&self->uri_params, rv_otp_params_free);
      summary = rv_add_account_dialog_describe_duplicate (duplicate);
      set_row_invalid (self->uri_row, TRUE);
      rv_add_account_dialog_set_message (self->uri_message, summary, TRUE);
      rv_add_account_dialog_update_can_add (self);
      return;
    }
  set_row_invalid (self->uri_row, self->uri_params == NULL);
  if (self->uri_params == NULL)
    rv_add_account_dialog_set_message (self->uri_message, error->message, TRUE);
  else
    {
      summary = rv_add_account_dialog_describe_params (self->uri_params);
      rv_add_account_dialog_set_message (self->uri_message, summary, FALSE);
    }
  rv_add_account_dialog_update_can_add (self);
}

/* How much arrived at once: a paste, or one typed character. */
static void
on_uri_insert_text (GtkEditable        *editable,
                    const char         *text,
                    int                 length,
                    int                *position,
                    RvAddAccountDialog *self)
{
  self->uri_last_insert = g_utf8_strlen (text, length);
}

/* Form page */

static RvOtpKind
form_kind (RvAddAccountDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->kind_row);

  return selected < G_N_ELEMENTS (form_kinds) ? form_kinds[selected] : RV_OTP_KIND_TOTP;
}

static void
update_form_rows (RvAddAccountDialog *self,
                  RvOtpKind           kind)
{
  gboolean has_otp = kind != RV_OTP_KIND_NONE;

  gtk_widget_set_visible (GTK_WIDGET (self->secret_row), has_otp);
  gtk_widget_set_visible (GTK_WIDGET (self->algorithm_row),
                          kind == RV_OTP_KIND_TOTP || kind == RV_OTP_KIND_HOTP);
  gtk_widget_set_visible (GTK_WIDGET (self->digits_row),
                          kind == RV_OTP_KIND_TOTP || kind == RV_OTP_KIND_HOTP);
  gtk_widget_set_visible (GTK_WIDGET (self->period_row),
                          kind == RV_OTP_KIND_TOTP || kind == RV_OTP_KIND_STEAM);
  gtk_widget_set_visible (GTK_WIDGET (self->counter_row), kind == RV_OTP_KIND_HOTP);
}

static void
add_field_error (GString    *errors,
                 const char *field,
                 const char *message)
{
  if (errors->len > 0)
    g_string_append_c (errors, '\n');
  /* Translators: an error under the form: "Secret Key: not valid base32". */
  g_string_append_printf (errors, _("%s: %s"), field, message);
}

static gboolean
form_read_secret (RvAddAccountDialog *self,
                  RvOtpParams        *params,
                  GString            *errors)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->secret_row));

  if (*text == '\0')
    {
      add_field_error (errors, _("Secret Key"), _("enter the key the site gave you"));
      return FALSE;
    }
  params->secret = rv_base32_decode (text, strlen (text), &error);
  if (params->secret == NULL)
    {
      add_field_error (errors, _("Secret Key"), error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
form_check_params (RvAddAccountDialog *self,
                   RvOtpParams        *params,
                   GString            *errors,
                   gpointer           *bad_row)
{
  g_autoptr(GError) error = NULL;

  if (rv_otp_params_validate (params, &error))
    return TRUE;

  if (g_error_matches (error, RV_OTP_ERROR, RV_OTP_ERROR_BAD_DIGITS))
    {
      add_field_error (errors, _("Digits"), error->message);
      *bad_row = self->digits_row;
    }
  else if (g_error_matches (error, RV_OTP_ERROR, RV_OTP_ERROR_BAD_PERIOD))
    {
      add_field_error (errors, _("Period"), error->message);
      *bad_row = self->period_row;
    }
  else
    {
      add_field_error (errors, _("Secret Key"), error->message);
      *bad_row = self->secret_row;
    }
  return FALSE;
}

static RvOtpParams *
form_parse (RvAddAccountDialog *self,
            GString            *errors)
{
  g_autoptr(RvOtpParams) params = rv_otp_params_new (form_kind (self));
  const char *issuer = gtk_editable_get_text (GTK_EDITABLE (self->issuer_row));
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  gpointer bad_row = NULL;
  RvAccount *duplicate;
  gboolean ok = TRUE;

  params->issuer = g_strstrip (g_strdup (issuer));
  params->account_name = g_strstrip (g_strdup (name));
  params->algorithm = adw_combo_row_get_selected (self->algorithm_row);
  if (params->kind != RV_OTP_KIND_STEAM)
    params->digits = gtk_spin_button_get_value_as_int (self->digits_spin);
  params->period = gtk_spin_button_get_value_as_int (self->period_spin);
  params->counter = (guint64) gtk_spin_button_get_value (self->counter_spin);

  set_row_invalid (self->issuer_row, FALSE);
  set_row_invalid (self->secret_row, FALSE);
  set_row_invalid (self->digits_row, FALSE);
  set_row_invalid (self->period_row, FALSE);

  if (*params->issuer == '\0' && *params->account_name == '\0')
    {
      add_field_error (errors, _("Issuer"), _("enter the issuer, the account name or both"));
      set_row_invalid (self->issuer_row, TRUE);
      ok = FALSE;
    }
  if (params->kind != RV_OTP_KIND_NONE && !form_read_secret (self, params, errors))
    {
      set_row_invalid (self->secret_row, TRUE);
      ok = FALSE;
    }
  if (ok && !form_check_params (self, params, errors, &bad_row))
    {
      set_row_invalid (bad_row, TRUE);
      ok = FALSE;
    }
  if (ok && (duplicate = rv_account_find_same_otp (rv_vault_get_accounts (self->vault),
                                                   params->kind, params->secret)))
    {
      g_autofree char *message = rv_add_account_dialog_describe_duplicate (duplicate);

      add_field_error (errors, _("Secret Key"), message);
      set_row_invalid (self->secret_row, TRUE);
      ok = FALSE;
    }
  return ok ? g_steal_pointer (&params) : NULL;
}

static void
on_form_changed (RvAddAccountDialog *self)
{
  g_autoptr(GString) errors = g_string_new (NULL);

  self->form_touched = TRUE;
  update_form_rows (self, form_kind (self));
  g_clear_pointer (&self->form_params, rv_otp_params_free);
  self->form_params = form_parse (self, errors);
  rv_add_account_dialog_set_message (self->form_message, errors->str, TRUE);
  rv_add_account_dialog_update_can_add (self);
}

/* Adding */

static void
clear_secret_fields (RvAddAccountDialog *self)
{
  /* The pasted link and the typed key carry the secret: do not leave them in
   * the entry buffers once they served. */
  gtk_editable_set_text (GTK_EDITABLE (self->uri_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->secret_row), "");
  g_clear_pointer (&self->uri_params, rv_otp_params_free);
  g_clear_pointer (&self->form_params, rv_otp_params_free);
}

static GPtrArray *
accounts_to_add (RvAddAccountDialog *self)
{
  const char *page = visible_page (self);
  GPtrArray *accounts = g_ptr_array_new_with_free_func (g_object_unref);

  if (g_str_equal (page, "link") && self->uri_params != NULL)
    {
      g_ptr_array_add (accounts, rv_account_new_from_otp_params (self->uri_params));
    }
  else if (g_str_equal (page, "form") && self->form_params != NULL)
    {
      g_ptr_array_add (accounts, rv_account_new_from_otp_params (self->form_params));
    }
  else if (g_str_equal (page, "image"))
    {
      for (guint i = 0; i < self->image_accounts->len; i++)
        g_ptr_array_add (accounts, g_object_ref (g_ptr_array_index (self->image_accounts, i)));
    }
  return accounts;
}

static GtkLabel *
page_message (RvAddAccountDialog *self)
{
  const char *page = visible_page (self);

  if (g_str_equal (page, "link"))
    return self->uri_message;
  if (g_str_equal (page, "form"))
    return self->form_message;
  return self->image_message;
}

static gboolean
store_accounts (RvAddAccountDialog *self,
                GPtrArray          *accounts,
                GError            **error)
{
  for (guint i = 0; i < accounts->len; i++)
    rv_vault_add_account (self->vault, g_ptr_array_index (accounts, i));

  if (rv_backup_save (self->vault, error))
    return TRUE;

  /* Keep what is shown and what is on disk the same: undo the additions. */
  for (guint i = 0; i < accounts->len; i++)
    rv_vault_remove_account (self->vault, g_ptr_array_index (accounts, i));
  return FALSE;
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  RvAddAccountDialog *self = RV_ADD_ACCOUNT_DIALOG (widget);
  g_autoptr(GPtrArray) accounts = accounts_to_add (self);
  g_autoptr(GError) error = NULL;

  if (accounts->len == 0)
    return;

  if (!store_accounts (self, accounts, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The vault could not be saved: %s"),
                                                  error->message);

      rv_add_account_dialog_set_message (page_message (self), message, TRUE);
      return;
    }

  clear_secret_fields (self);
  for (guint i = 0; i < accounts->len; i++)
    g_signal_emit (self, signals[ACCOUNT_ADDED], 0, g_ptr_array_index (accounts, i));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_entry_activated (RvAddAccountDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "add-account.add", NULL);
}

static void
on_page_changed (RvAddAccountDialog *self)
{
  rv_add_account_dialog_update_can_add (self);
}

static gboolean
rv_add_account_dialog_close_request (GtkWindow *window)
{
  clear_secret_fields (RV_ADD_ACCOUNT_DIALOG (window));
  return GTK_WINDOW_CLASS (rv_add_account_dialog_parent_class)->close_request (window);
}

/* Open on the first field, the link (not on Cancel): Ctrl+V of a link or
 * a secret key fills it. No wider than the window it belongs to. */
static void
rv_add_account_dialog_show (GtkWidget *widget)
{
  RvAddAccountDialog *self = RV_ADD_ACCOUNT_DIALOG (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent != NULL && gtk_widget_get_width (GTK_WIDGET (parent)) > 0)
    {
      int width, height;

      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   MIN (width, gtk_widget_get_width (GTK_WIDGET (parent))),
                                   height);
    }

  GTK_WIDGET_CLASS (rv_add_account_dialog_parent_class)->show (widget);
}

static void
rv_add_account_dialog_map (GtkWidget *widget)
{
  RvAddAccountDialog *self = RV_ADD_ACCOUNT_DIALOG (widget);

  GTK_WIDGET_CLASS (rv_add_account_dialog_parent_class)->map (widget);

  if (g_str_equal (visible_page (self), "link"))
    gtk_widget_grab_focus (GTK_WIDGET (self->uri_row));
}

/* Closing, or being destroyed with its parent on lock, hides the window
 * first: forget the secret-bearing text then. */
static void
rv_add_account_dialog_unmap (GtkWidget *widget)
{
  clear_secret_fields (RV_ADD_ACCOUNT_DIALOG (widget));
  GTK_WIDGET_CLASS (rv_add_account_dialog_parent_class)->unmap (widget);
}

static void
rv_add_account_dialog_dispose (GObject *object)
{
  RvAddAccountDialog *self = RV_ADD_ACCOUNT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->uri_params, rv_otp_params_free);
  g_clear_pointer (&self->form_params, rv_otp_params_free);
  g_clear_pointer (&self->image_accounts, g_ptr_array_unref);
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (rv_add_account_dialog_parent_class)->dispose (object);
}

static void
rv_add_account_dialog_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RvAddAccountDialog *self = RV_ADD_ACCOUNT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      g_value_set_object (value, self->vault);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rv_add_account_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  RvAddAccountDialog *self = RV_ADD_ACCOUNT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      g_set_object (&self->vault, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rv_add_account_dialog_class_init (RvAddAccountDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rv_add_account_dialog_dispose;
  object_class->get_property = rv_add_account_dialog_get_property;
  object_class->set_property = rv_add_account_dialog_set_property;
  window_class->close_request = rv_add_account_dialog_close_request;
  widget_class->show = rv_add_account_dialog_show;
  widget_class->map = rv_add_account_dialog_map;
  widget_class->unmap = rv_add_account_dialog_unmap;

  properties[PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL, RV_TYPE_VAULT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RvAddAccountDialog::account-added:
   * @account: the new account, already in the vault and saved
   */
  signals[ACCOUNT_ADDED] =
    g_signal_new ("account-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, RV_TYPE_ACCOUNT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/RecoveryVault/rv-add-account-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RvAddAccountDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, RvAddAccountDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RvAddAccountDialog, uri_row);
  gtk_widget_class_bind_template_child (widget_class, RvAddAccountDialog, uri_message);
  gtk_widget_class_bind_template_child (widget_class, RvAddAccountDialog, issuer_row);
  gtk_widget_class_bind_template_child (widget_class, RvAddAccountDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, RvAddAccountDialog, secret_row);
  gtk_widget_class_bind_template_child (widget_class, RvAddAccountDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, RvAddAccountDialog, algorithm_row);
  gtk_widget_class_bind_template_child (widget_class, RvAddAccountDialog, digits_row);
  gtk_widget_class_bind_template_child (widget_class, RvAddAccountDialog, digits_spin);
  gtk_widget_class_bind_template_child (widget_class, RvAddAccountDialog, period_row);
  gtk_widget_class_bind_template_child (widget_class, RvAddAccountDialog, period_spin);
  gtk_widget_class_bind_template_child (widget_class, RvAddAccountDialog, counter_row);
  gtk_widget_class_bind_template_child (widget_class, RvAddAccountDialog, counter_spin);
  gtk_widget_class_bind_template_child (widget_class, RvAddAccountDialog, form_message);
  gtk_widget_class_bind_template_child (widget_class, RvAddAccountDialog, image_spinner);
  gtk_widget_class_bind_template_child (widget_class, RvAddAccountDialog, found_group);
  gtk_widget_class_bind_template_child (widget_class, RvAddAccountDialog, found_list);
  gtk_widget_class_bind_template_child (widget_class, RvAddAccountDialog, image_message);
  gtk_widget_class_bind_template_callback (widget_class, on_uri_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_page_changed);

  gtk_widget_class_install_action (widget_class, "add-account.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "add-account.open-image", NULL,
                                   rv_add_account_dialog_open_image_action);
  gtk_widget_class_install_action (widget_class, "add-account.scan-screen", NULL,
                                   rv_add_account_dialog_scan_screen_action);
  gtk_widget_class_install_action (widget_class, "add-account.paste-image", NULL,
                                   rv_add_account_dialog_paste_image_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rv_add_account_dialog_init (RvAddAccountDialog *self)
{
  self->image_accounts = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (gtk_editable_get_delegate (GTK_EDITABLE (self->uri_row)), "insert-text",
                    G_CALLBACK (on_uri_insert_text), self);
  rv_add_account_dialog_set_message (self->uri_message, NULL, FALSE);
  rv_add_account_dialog_set_message (self->form_message, NULL, FALSE);
  rv_add_account_dialog_set_message (self->image_message, NULL, FALSE);
  update_form_rows (self, RV_OTP_KIND_TOTP);
  rv_add_account_dialog_update_can_add (self);
}

GtkWidget *
rv_add_account_dialog_new (GtkWindow *parent,
                           RvVault   *vault)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RV_IS_VAULT (vault), NULL);

  return g_object_new (RV_TYPE_ADD_ACCOUNT_DIALOG,
                       "transient-for", parent,
                       "vault", vault,
                       NULL);
}

RvVault *
rv_add_account_dialog_get_vault (RvAddAccountDialog *self)
{
  g_return_val_if_fail (RV_IS_ADD_ACCOUNT_DIALOG (self), NULL);

  return self->vault;
}
