/* rv-account-row.c: one account in the list: who, the code, time left
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows are recycled by GtkListView: everything here depends only on the
 * bound account and the time passed in, and no row owns a timer.
 *
 * The widgets are built in code, not from a template, and the ones most rows
 * never need (the HOTP button, the next code) only on demand: GTK 4.8 keeps
 * about 200 rows, built a screenful at a time by the list (rv-account-list.c)
 * and kept for reuse, and building them is much of the start-up time
 * (tests/bench/bench-gui-startup.c).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rv-account-avatar.h"
#include "rv-account-row.h"
#include "rv-util.h"

struct _RvAccountRow
{
  GtkWidget       parent_instance;

  RvAccountAvatar *avatar;
  GtkLabel       *issuer_label;
  GtkLabel       *name_label;
  GtkLabel       *code_label;
  GtkBox         *time_box;
  GtkLabel       *next_label;
  GtkProgressBar *time_bar;
  GtkLabel       *left_label;
  GtkButton      *next_button;
  GtkButton      *details_button;

  RvAccount      *account;
  gulong          changed_id;
  guint64         shown_step;   /* G_MAXUINT64: nothing shown yet */
  gboolean        had_error;
  char            code[RV_OTP_CODE_BUFFER];
  char            next_code[RV_OTP_CODE_BUFFER];
};

G_DEFINE_FINAL_TYPE (RvAccountRow, rv_account_row, GTK_TYPE_WIDGET)

static GtkButton *new_button (const char *icon_name,
                              const char *label,
                              const char *action_name);
static GtkWidget *new_label  (const char *first_class,
                              ...) G_GNUC_NULL_TERMINATED;

char *
rv_account_row_group_digits (const char *code)
{
  gsize len;
  gsize first;

  g_return_val_if_fail (code != NULL, NULL);

  len = strlen (code);
  if (len < 6)
    return g_strdup (code);

  first = len / 2;
  return g_strdup_printf ("%.*s %s", (int) first, code, code + first);
}

GtkWidget *
rv_account_row_new (void)
{
  return g_object_new (RV_TYPE_ACCOUNT_ROW, NULL);
}

RvAccount *
rv_account_row_get_account (RvAccountRow *self)
{
  g_return_val_if_fail (RV_IS_ACCOUNT_ROW (self), NULL);

  return self->account;
}

const char *
rv_account_row_get_code (RvAccountRow *self)
{
  g_return_val_if_fail (RV_IS_ACCOUNT_ROW (self), NULL);

  return self->code;
}

const char *
rv_account_row_get_next_code (RvAccountRow *self)
{
  g_return_val_if_fail (RV_IS_ACCOUNT_ROW (self), NULL);

  return self->next_code;
}

static void
set_code_label (GtkLabel   *label,
                const char *code)
{
  g_autofree char *grouped = rv_account_row_group_digits (code);

  gtk_label_set_text (label, grouped);
}

static void
set_next_code_label (GtkLabel   *label,
                     const char *code)
{
  g_autofree char *grouped = rv_account_row_group_digits (code);
  /* Translators: the code of the next period, shown in its last seconds. */
  g_autofree char *text = g_strdup_printf (_("next %s"), grouped);

  gtk_label_set_text (label, text);
}

static void
show_error (RvAccountRow *self,
            GError       *error)
{
  self->code[0] = '\0';
  gtk_label_set_text (self->code_label, _("No code"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->code_label), error->message);
  self->had_error = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->time_box), FALSE);
}

static void
update_counter_code (RvAccountRow *self)
{
  g_autoptr(GError) error = NULL;

  if (!rv_account_generate_code (self->account, 0, self->code, &error))
    {
      show_error (self, error);
      return;
    }

  set_code_label (self->code_label, self->code);
  gtk_widget_set_visible (GTK_WIDGET (self->time_box), FALSE);
}

static void
update_recovery_only (RvAccountRow *self)
{
  guint unused = rv_account_get_n_unused_recovery_codes (self->account);
  g_autofree char *text = NULL;

  self->code[0] = '\0';
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u recovery code",
                                       "%u recovery codes", unused), unused);
  gtk_label_set_text (self->code_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->time_box), FALSE);
}

static void
update_timed_code (RvAccountRow *self,
                   gint64        now)
{
  g_autoptr(GError) error = NULL;
  guint period = MAX (1, rv_account_get_period (self->account));
  guint left = rv_otp_seconds_left (now, period);
  guint64 step = rv_otp_time_step (now, period);
  gboolean ending = left <= RV_ACCOUNT_ROW_NEXT_CODE_SECONDS;
  char left_text[16];

  if (step != self->shown_step)
    {
      if (self->had_error)
        gtk_widget_set_tooltip_text (GTK_WIDGET (self->code_label), NULL);
      self->had_error = FALSE;
      if (!rv_account_generate_code (self->account, now, self->code, &error) ||
          !rv_account_generate_code (self->account, now + period, self->next_code, &error))
        {
          show_error (self, error);
          return;
        }
      self->shown_step = step;
      set_code_label (self->code_label, self->code);
      if (self->next_label != NULL)
        set_next_code_label (self->next_label, self->next_code);
    }

  if (ending && self->next_label == NULL)
    {
      self->next_label = GTK_LABEL (new_label ("dim-label", "caption", "numeric", NULL));
      gtk_box_prepend (self->time_box, GTK_WIDGET (self->next_label));
      set_next_code_label (self->next_label, self->next_code);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->time_box), TRUE);
  if (self->next_label != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->next_label), ending);
  if (ending)
    gtk_widget_add_css_class (GTK_WIDGET (self->code_label), "ending");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->code_label), "ending");

  gtk_progress_bar_set_fraction (self->time_bar, (double) left / period);
  g_snprintf (left_text, sizeof left_text, "%u s", left);
  gtk_label_set_text (self->left_label, left_text);
}

void
rv_account_row_update (RvAccountRow *self,
                       gint64        now)
{
  g_return_if_fail (RV_IS_ACCOUNT_ROW (self));

  if (self->account == NULL)
    return;

  switch (rv_account_get_kind (self->account))
    {
    case RV_OTP_KIND_TOTP:
    case RV_OTP_KIND_STEAM:
      update_timed_code (self, now);
      break;
    case RV_OTP_KIND_HOTP:
      update_counter_code (self);
      break;
    case RV_OTP_KIND_NONE:
    default:
      update_recovery_only (self);
      break;
    }
}

static void
update_labels (RvAccountRow *self)
{
  const char *issuer = rv_account_get_issuer (self->account);
  const char *name = rv_account_get_name (self->account);
  g_autofree char *display = rv_account_dup_display_name (self->account);
  gboolean hotp = rv_account_get_kind (self->account) == RV_OTP_KIND_HOTP;
  g_autoptr(GVariant) target = g_variant_ref_sink (g_variant_new_string (
                                 rv_account_get_id (self->account)));

  gtk_label_set_text (self->issuer_label, issuer != NULL && *issuer ? issuer : name);
  gtk_label_set_text (self->name_label, issuer != NULL && *issuer ? name : "");
  rv_account_avatar_set_issuer (self->avatar, issuer, name);
  if (hotp && self->next_button == NULL)
    {
      self->next_button = new_button ("view-refresh-symbolic", _("Next Code"),
                                      "win.next-hotp-code");
      gtk_widget_insert_before (GTK_WIDGET (self->next_button), GTK_WIDGET (self),
                                GTK_WIDGET (self->details_button));
    }
  if (self->next_button != NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->next_button), hotp);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->next_button), target);
    }
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->details_button), target);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, display,
                                  -1);
}

static void
account_changed_cb (RvAccountRow *self)
{
  self->shown_step = G_MAXUINT64;
  update_labels (self);
  rv_account_row_update (self, rv_now ());
}

void
rv_account_row_set_account (RvAccountRow *self,
                            RvAccount    *account,
                            gint64        now)
{
  g_return_if_fail (RV_IS_ACCOUNT_ROW (self));
  g_return_if_fail (!account || RV_IS_ACCOUNT (account));

  if (self->account != NULL)
    g_clear_signal_handler (&self->changed_id, self->account);

  g_set_object (&self->account, account);
  self->shown_step = G_MAXUINT64;
  memset (self->code, 0, sizeof self->code);
  memset (self->next_code, 0, sizeof self->next_code);

  if (account == NULL)
    return;

  self->changed_id = g_signal_connect_swapped (account, "changed",
                                               G_CALLBACK (account_changed_cb), self);
  update_labels (self);
  rv_account_row_update (self, now);
}

static void
rv_account_row_dispose (GObject *object)
{
  RvAccountRow *self = RV_ACCOUNT_ROW (object);

  GtkWidget *child;

  rv_account_row_set_account (self, NULL, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (rv_account_row_parent_class)->dispose (object);
}

static GtkWidget *
new_label (const char *first_class,
           ...)
{
  GtkWidget *label = gtk_label_new (NULL);
  va_list args;

  va_start (args, first_class);
  for (const char *name = first_class; name != NULL; name = va_arg (args, const char *))
    gtk_widget_add_css_class (label, name);
  va_end (args);

  return label;
}

static GtkButton *
new_button (const char *icon_name,
            const char *label,
            const char *action_name)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", "");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);

  return GTK_BUTTON (button);
}

static GtkWidget *
build_names (RvAccountRow *self)
{
  GtkWidget *names = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_set_hexpand (names, TRUE);
  gtk_widget_set_valign (names, GTK_ALIGN_CENTER);
  self->issuer_label = GTK_LABEL (new_label ("heading", NULL));
  gtk_label_set_xalign (self->issuer_label, 0);
  gtk_label_set_ellipsize (self->issuer_label, PANGO_ELLIPSIZE_END);
  self->name_label = GTK_LABEL (new_label ("dim-label", "caption", NULL));
  gtk_label_set_xalign (self->name_label, 0);
  gtk_label_set_ellipsize (self->name_label, PANGO_ELLIPSIZE_MIDDLE);
  gtk_box_append (GTK_BOX (names), GTK_WIDGET (self->issuer_label));
  gtk_box_append (GTK_BOX (names), GTK_WIDGET (self->name_label));

  return names;
}

static GtkWidget *
build_code (RvAccountRow *self)
{
  GtkWidget *code = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_set_valign (code, GTK_ALIGN_CENTER);
  self->code_label = GTK_LABEL (new_label ("otp-code", NULL));
  gtk_label_set_xalign (self->code_label, 1);

  self->time_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6));
  gtk_widget_set_halign (GTK_WIDGET (self->time_box), GTK_ALIGN_END);
  self->time_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->time_bar), GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (GTK_WIDGET (self->time_bar), 56, -1);
  gtk_widget_add_css_class (GTK_WIDGET (self->time_bar), "time-bar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->time_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Time left"), -1);
  self->left_label = GTK_LABEL (new_label ("dim-label", "caption", "numeric", NULL));
  gtk_label_set_width_chars (self->left_label, 3);
  gtk_label_set_xalign (self->left_label, 1);
  gtk_box_append (self->time_box, GTK_WIDGET (self->time_bar));
  gtk_box_append (self->time_box, GTK_WIDGET (self->left_label));

  gtk_box_append (GTK_BOX (code), GTK_WIDGET (self->code_label));
  gtk_box_append (GTK_BOX (code), GTK_WIDGET (self->time_box));

  return code;
}

static void
rv_account_row_class_init (RvAccountRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rv_account_row_dispose;

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
rv_account_row_init (RvAccountRow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  self->shown_step = G_MAXUINT64;

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (widget)), 12);
  gtk_widget_set_margin_start (widget, 12);
  gtk_widget_set_margin_end (widget, 6);
  gtk_widget_set_margin_top (widget, 8);
  gtk_widget_set_margin_bottom (widget, 8);
  gtk_widget_add_css_class (widget, "account-row");
  self->avatar = RV_ACCOUNT_AVATAR (rv_account_avatar_new (32));
  gtk_widget_set_parent (GTK_WIDGET (self->avatar), widget);
  gtk_widget_set_parent (build_names (self), widget);
  gtk_widget_set_parent (build_code (self), widget);
  self->details_button = new_button ("go-next-symbolic", _("Account Details"),
                                     "win.show-account");
  gtk_widget_set_parent (GTK_WIDGET (self->details_button), widget);
}
