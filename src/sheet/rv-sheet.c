/* rv-sheet.c: the emergency sheet: what goes on it, and writing it (drawn in
 * rv-sheet-draw.c, read back in rv-sheet-verify.c before success is reported)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "rv-sheet-private.h"

#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "rv-atomic-file.h"
#include "rv-base32.h"
#include "rv-health.h"
#include "rv-otp-uri.h"

G_DEFINE_QUARK (rv-sheet-error-quark, rv_sheet_error)

static void
entry_free (Entry *entry)
{
  g_clear_object (&entry->account);
  g_free (entry->name);
  g_clear_object (&entry->provider);
  g_clear_pointer (&entry->codes, g_ptr_array_unref);
  rv_secret_free (entry->uri);
  rv_secret_free (entry->key);
  rv_qr_matrix_free (entry->qr);
  g_free (entry);
}

gboolean
rv_sheet_paper_from_string (const char   *name,
                            RvSheetPaper *paper)
{
  g_return_val_if_fail (name != NULL, FALSE);

  if (g_ascii_strcasecmp (name, "a4") == 0)
    *paper = RV_SHEET_PAPER_A4;
  else if (g_ascii_strcasecmp (name, "letter") == 0)
    *paper = RV_SHEET_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

void
rv_sheet_paper_get_size (RvSheetPaper  paper,
                         double       *width,
                         double       *height)
{
  /* ISO 216 A4 is 210 × 297 mm; US Letter 8.5 × 11 in. */
  *width = paper == RV_SHEET_PAPER_LETTER ? 612.0 : 595.276;
  *height = paper == RV_SHEET_PAPER_LETTER ? 792.0 : 841.89;
}

RvSecret *
rv_sheet_format_code (RvProvider     *provider,
                      const RvSecret *code)
{
  const char *example = provider != NULL ? rv_provider_get_code_example (provider) : NULL;
  const char *text = rv_secret_get_string (code);
  gsize len = rv_secret_get_size (code);
  gsize example_chars = 0, n_spaces = 0;
  RvSecret *out;
  guint8 *dest;
  gsize pos = 0, from = 0;

  g_return_val_if_fail (code != NULL, NULL);

  /* The profile's example shows how the provider prints its codes: where it
   * has spaces that the stored (normalised) code lacks, put them back. */
  if (example != NULL)
    for (const char *p = example; *p != '\0'; p++)
      {
        if (*p == ' ')
          n_spaces++;
        else
          example_chars++;
      }
  if (n_spaces == 0 || example_chars != len || memchr (text, ' ', len) != NULL)
    return rv_secret_copy (code);

  out = rv_secret_new (len + n_spaces);
  dest = rv_secret_get_mutable_data (out);
  for (const char *p = example; *p != '\0'; p++)
    dest[pos++] = *p == ' ' ? ' ' : (guint8) text[from++];
  return out;
}

static RvSecret *
group_key (const RvSecret *secret)
{
  g_autoptr(RvSecret) base32 = rv_base32_encode_secret (secret);
  gsize len = rv_secret_get_size (base32), pos = 0;
  const guint8 *in = rv_secret_get_data (base32);
  RvSecret *out = rv_secret_new (len + len / 4);
  guint8 *dest = rv_secret_get_mutable_data (out);

  for (gsize i = 0; i < len && in[i] != '='; i++)
    {
      if (i > 0 && i % 4 == 0)
        dest[pos++] = ' ';
      dest[pos++] = in[i];
    }
  return rv_secret_truncate (out, pos);
}

static Entry *
entry_new (RvAccount   *account,
           GPtrArray   *providers,
           gboolean     with_secrets,
           GError     **error)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->account = g_object_ref (account);
  entry->name = rv_account_dup_display_name (account);
  entry->provider = rv_provider_match_account (providers, account);
  if (entry->provider != NULL)
    g_object_ref (entry->provider);
  entry->codes = g_ptr_array_new_with_free_func ((GDestroyNotify) rv_secret_free);
  for (guint i = 0; i < rv_account_get_n_recovery_codes (account); i++)
    {
      const RvRecoveryCode *code = rv_account_get_recovery_code (account, i);

      if (code->code == NULL)
        {
          /* Sealed: the recovery-code compartment must be opened first. */
          g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_COMPARTMENT_LOCKED,
                       _("The recovery codes of %s are in a locked compartment; "
                         "open it with its password first"), entry->name);
          entry_free (entry);
          return NULL;
        }
      if (code->used_at == 0)
        g_ptr_array_add (entry->codes, rv_sheet_format_code (entry->provider, code->code));
    }

  if (with_secrets && rv_account_get_kind (account) != RV_OTP_KIND_NONE &&
      rv_account_get_secret (account) != NULL)
    {
      g_autoptr(RvOtpParams) params = rv_account_dup_otp_params (account);
      g_autoptr(GError) local_error = NULL;

      entry->uri = rv_otp_uri_build (params);
      entry->key = group_key (rv_account_get_secret (account));
      entry->qr = rv_qr_encode (entry->uri, &local_error);
      if (entry->qr == NULL)
        {
          g_set_error (error, RV_SHEET_ERROR, RV_SHEET_ERROR_QR,
                       _("The QR code of %s could not be made: %s"), entry->name,
                       local_error->message);
          entry_free (entry);
          return NULL;
        }
    }
  return entry;
}

RvSheet *
rv_sheet_new (RvVault    *vault,
              GPtrArray  *accounts,
              GPtrArray  *providers,
              gboolean    with_secrets,
              gint64      printed_at,
              GError    **error)
{
  g_autoptr(RvSheet) sheet = g_new0 (RvSheet, 1);
  g_autoptr(GPtrArray) own_providers = NULL;
  g_autoptr(GDateTime) date = NULL;

  g_return_val_if_fail (RV_IS_VAULT (vault), NULL);

  if (providers == NULL)
    providers = own_providers = rv_provider_load_default (NULL);

  sheet->vault = g_object_ref (vault);
  sheet->with_secrets = with_secrets;
  sheet->printed_at = printed_at;
  date = g_date_time_new_from_unix_local (printed_at);
  sheet->date = date != NULL ? g_date_time_format (date, "%Y-%m-%d") : g_strdup ("?");
  sheet->accounts = g_ptr_array_new_with_free_func (g_object_unref);
  sheet->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  sheet->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));

  if (accounts != NULL)
    for (guint i = 0; i < accounts->len; i++)
      g_ptr_array_add (sheet->accounts, g_object_ref (g_ptr_array_index (accounts, i)));
  else
    for (guint i = 0; i < g_list_model_get_n_items (rv_vault_get_accounts (vault)); i++)
      g_ptr_array_add (sheet->accounts, g_list_model_get_item (rv_vault_get_accounts (vault), i));

  for (guint i = 0; i < sheet->accounts->len; i++)
    {
      Entry *entry = entry_new (g_ptr_array_index (sheet->accounts, i), providers,
                                with_secrets, error);

      if (entry == NULL)
        return NULL;
      g_ptr_array_add (sheet->entries, entry);
    }
  return g_steal_pointer (&sheet);
}

void
rv_sheet_free (RvSheet *sheet)
{
  if (sheet == NULL)
    return;
  g_clear_object (&sheet->vault);
  g_clear_pointer (&sheet->accounts, g_ptr_array_unref);
  g_clear_pointer (&sheet->entries, g_ptr_array_unref);
  g_clear_pointer (&sheet->page_starts, g_array_unref);
  g_free (sheet->date);
  g_free (sheet);
}

GPtrArray *
rv_sheet_get_accounts (RvSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, NULL);

  return sheet->accounts;
}

gboolean
rv_sheet_get_with_secrets (RvSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, FALSE);

  return sheet->with_secrets;
}

void
rv_sheet_record_printed (RvSheet *sheet)
{
  g_return_if_fail (sheet != NULL);

  rv_health_record_sheet (sheet->vault, sheet->accounts, sheet->printed_at);
}

static RvSecret *
read_back (const char  *path,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  RvSecret *data;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, RV_SHEET_ERROR, RV_SHEET_ERROR_VERIFY,
                   _("The PDF does not read back: %s"), g_strerror (saved_errno));
      return NULL;
    }
  data = rv_secret_read_fd (fd, MAX_PDF_SIZE, &local_error);
  close (fd);
  if (data == NULL)
    g_set_error (error, RV_SHEET_ERROR, RV_SHEET_ERROR_VERIFY, _("The PDF does not read back: %s"),
                 local_error->message);
  return data;
}

gboolean
rv_sheet_write_pdf (RvSheet       *sheet,
                    const char    *path,
                    RvSheetPaper   paper,
                    guint         *n_pages,
                    GError       **error)
{
  g_autoptr(RvSecret) pdf = NULL;
  g_autoptr(RvSecret) written = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (sheet != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  pdf = rv_sheet_render_pdf (sheet, paper, error);
  if (pdf == NULL)
    return FALSE;
  if (!rv_atomic_file_write (path, rv_secret_get_data (pdf), rv_secret_get_size (pdf), 0600,
                             &local_error))
    {
      g_set_error (error, RV_SHEET_ERROR, RV_SHEET_ERROR_WRITE, "%s", local_error->message);
      return FALSE;
    }
  /* What is checked is what the disk returns, not what was meant to be written. */
  written = read_back (path, error);
  if (written == NULL || !rv_sheet_verify_pdf (sheet, written, 150, n_pages, error))
    {
      /* A sheet that does not read back must not be mistaken for a good one. */
      g_unlink (path);
      return FALSE;
    }
  rv_sheet_record_printed (sheet);
  return TRUE;
}
