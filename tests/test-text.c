/* test-text.c: no control character reaches the vault (issue 11, item 6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "rv-account.h"
#include "rv-otp-uri.h"
#include "rv-request-record.h"
#include "rv-text.h"

#define HOSTILE "Esc\x1b]0;pwned\x07\x1b[2J"
#define HOSTILE_CLEAN "Esc]0;pwned[2J"
/* U+202E RIGHT-TO-LEFT OVERRIDE, U+009B (the C1 CSI), U+2066 LEFT-TO-RIGHT ISOLATE */
#define RLO "\xe2\x80\xae"
#define C1_CSI "\xc2\x9b"
#define LRI "\xe2\x81\xa6"

/* No C0/C1 control and no bidi control is left. */
static void
assert_clean (const char *text,
              gboolean    multiline)
{
  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (multiline && (c == '\n' || c == '\t'))
        continue;
      g_assert_cmpuint (c, >=, 0x20);
      g_assert_false (c >= 0x7f && c <= 0x9f);
      g_assert_false (c >= 0x202a && c <= 0x202e);
      g_assert_false (c >= 0x2066 && c <= 0x2069);
      g_assert_false (c == 0x200e || c == 0x200f || c == 0x061c);
    }
}

static void
test_sanitize (void)
{
  static const struct { const char *in; RvTextKind kind; const char *out; } cases[] = {
    { HOSTILE, RV_TEXT_LINE, HOSTILE_CLEAN },
    { "plain ASCII", RV_TEXT_LINE, "plain ASCII" },
    { "Zoë 🏳️‍🌈 日本", RV_TEXT_LINE, "Zoë 🏳️‍🌈 日本" },   /* joiners stay */
    { "moc." RLO "knab", RV_TEXT_LINE, "moc.knab" },
    { "a" C1_CSI "2Jb" LRI "c", RV_TEXT_LINE, "a2Jbc" },
    { "two\nlines\tand\rtab", RV_TEXT_LINE, "two lines and tab" },
    { "line\xe2\x80\xa8sep", RV_TEXT_LINE, "line sep" },
    { "keep\n\tindent\r\nCRLF\x1b[31m", RV_TEXT_MULTILINE, "keep\n\tindent\nCRLF[31m" },
    { "para\xe2\x80\xa9next", RV_TEXT_MULTILINE, "para\nnext" },
    { "bad \xff utf8", RV_TEXT_LINE, "bad \xef\xbf\xbd utf8" },
    { "\x7f\x01", RV_TEXT_LINE, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = rv_text_sanitize (cases[i].in, cases[i].kind);

      g_assert_cmpstr (out, ==, cases[i].out);
      g_assert_true (rv_text_is_clean (out, cases[i].kind));
    }
  g_assert_null (rv_text_sanitize (NULL, RV_TEXT_LINE));
  g_assert_false (rv_text_is_clean (HOSTILE, RV_TEXT_LINE));
  g_assert_false (rv_text_is_clean ("a\nb", RV_TEXT_LINE));
  g_assert_true (rv_text_is_clean ("a\nb", RV_TEXT_MULTILINE));
}

static void
test_account_setters (void)
{
  g_autoptr(RvAccount) account = rv_account_new ();
  const char *tags[] = { "work" RLO, "\x1b", "ok", NULL };
  const char *only_controls[] = { "\x07", NULL };

  rv_account_set_issuer (account, HOSTILE);
  rv_account_set_name (account, "bob" C1_CSI "@example.com");
  rv_account_set_email (account, "bob@example.com\n\x1b[2J");
  rv_account_set_url (account, "https://example.com/" RLO "gpj.exe");
  rv_account_set_notes (account, "first line\n\tsecond\x1b]0;x\x07");
  rv_account_set_tags (account, tags);

  g_assert_cmpstr (rv_account_get_issuer (account), ==, HOSTILE_CLEAN);
  g_assert_cmpstr (rv_account_get_name (account), ==, "bob@example.com");
  g_assert_cmpstr (rv_account_get_email (account), ==, "bob@example.com [2J");
  g_assert_cmpstr (rv_account_get_url (account), ==, "https://example.com/gpj.exe");
  g_assert_cmpstr (rv_account_get_notes (account), ==, "first line\n\tsecond]0;x");
  g_assert_cmpuint (g_strv_length ((char **) rv_account_get_tags (account)), ==, 2);
  g_assert_cmpstr (rv_account_get_tags (account)[0], ==, "work");
  g_assert_cmpstr (rv_account_get_tags (account)[1], ==, "ok");

  /* Only control characters: nothing is left, so the field is unset. */
  rv_account_set_issuer (account, "\x1b\x07");
  g_assert_null (rv_account_get_issuer (account));
  rv_account_set_tags (account, only_controls);
  g_assert_null (rv_account_get_tags (account)[0]);
}

/* What the vault does when it reads a file written before the rule. */
static void
test_load_cleans (void)
{
  RvAccountFields fields;
  const char *tags[] = { "t\x1b[2J", NULL };
  g_autoptr(RvAccount) account = NULL;

  rv_account_fields_init (&fields);
  fields.id = "0b5e7a1e-0000-4000-8000-000000000001";
  fields.issuer = HOSTILE;
  fields.name = "n" RLO "x";
  fields.email = "e\x9b";   /* not UTF-8 either */
  fields.url = "u\x07";
  fields.notes = "a\nb\x1b";
  fields.tags = tags;
  account = rv_account_new_from_fields (&fields);

  g_assert_cmpstr (rv_account_get_issuer (account), ==, HOSTILE_CLEAN);
  g_assert_cmpstr (rv_account_get_name (account), ==, "nx");
  assert_clean (rv_account_get_email (account), FALSE);
  g_assert_cmpstr (rv_account_get_url (account), ==, "u");
  g_assert_cmpstr (rv_account_get_notes (account), ==, "a\nb");
  g_assert_cmpstr (rv_account_get_tags (account)[0], ==, "t[2J");
}

/* Values a merge replaced, as an older file holds them, load cleaned too. */
static void
test_history_cleans (void)
{
  RvAccountFields fields;
  RvAccountHistoryEntry *name = g_new0 (RvAccountHistoryEntry, 1);
  RvAccountHistoryEntry *notes = g_new0 (RvAccountHistoryEntry, 1);
  RvAccountHistoryEntry *tags = g_new0 (RvAccountHistoryEntry, 1);
  const char *hostile_tags[] = { "ok", "\x1b[2J", "x" C1_CSI "y", NULL };
  g_autoptr(RvAccount) account = NULL;
  GPtrArray *history;

  rv_account_fields_init (&fields);
  fields.id = "0b5e7a1e-0000-4000-8000-000000000002";
  fields.issuer = "Example";
  name->field = RV_ACCOUNT_FIELD_NAME;
  name->text = g_strdup (HOSTILE);
  notes->field = RV_ACCOUNT_FIELD_NOTES;
  notes->text = g_strdup ("line 1\n\tline 2" RLO "\x1b]0;t\x07");
  tags->field = RV_ACCOUNT_FIELD_TAGS;
  tags->tags = g_strdupv ((char **) hostile_tags);
  fields.history = g_ptr_array_new_with_free_func ((GDestroyNotify) rv_account_history_entry_free);
  g_ptr_array_add (fields.history, name);
  g_ptr_array_add (fields.history, notes);
  g_ptr_array_add (fields.history, tags);
  account = rv_account_new_from_fields (&fields);
  history = rv_account_get_history (account);

  g_assert_cmpuint (history->len, ==, 3);
  for (guint i = 0; i < history->len; i++)
    {
      RvAccountHistoryEntry *h = g_ptr_array_index (history, i);

      if (h->field == RV_ACCOUNT_FIELD_NAME)
        g_assert_cmpstr (h->text, ==, HOSTILE_CLEAN);
      else if (h->field == RV_ACCOUNT_FIELD_NOTES)
        g_assert_cmpstr (h->text, ==, "line 1\n\tline 2]0;t");
      else
        {
          g_assert_cmpuint (h->field, ==, RV_ACCOUNT_FIELD_TAGS);
          g_assert_cmpuint (g_strv_length (h->tags), ==, 3);
          g_assert_cmpstr (h->tags[0], ==, "ok");
          g_assert_cmpstr (h->tags[1], ==, "[2J");
          g_assert_cmpstr (h->tags[2], ==, "xy");
        }
    }
}

static void
test_otp_uri (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvOtpParams) params = NULL;

  params = rv_otp_uri_parse ("otpauth://totp/Esc%1B%5D0%3Bpwned%07%1B%5B2J:bob%C2%9B%E2%80%AE"
                             "?secret=JBSWY3DPEHPK3PXP&issuer=Esc%1B%5D0%3Bpwned%07%1B%5B2J",
                             -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (params->issuer, ==, HOSTILE_CLEAN);
  g_assert_cmpstr (params->account_name, ==, "bob");
  g_clear_pointer (&params, rv_otp_params_free);

  /* The label alone, no issuer parameter. */
  params = rv_otp_uri_parse ("otpauth://totp/A%1Bb:c%0Ad?secret=JBSWY3DPEHPK3PXP", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (params->issuer, ==, "Ab");
  g_assert_cmpstr (params->account_name, ==, "c d");
}

static void
test_request_record (void)
{
  g_autoptr(RvRequestRecord) request = rv_request_record_new ();

  request->service_name = g_strdup (HOSTILE);
  request->ticket_url = g_strdup ("https://example.com/" RLO "1");
  request->draft = g_strdup ("Dear support,\n\nplease\x1b[2J help.\n");
  rv_request_record_sanitize (request);
  g_assert_cmpstr (request->service_name, ==, HOSTILE_CLEAN);
  g_assert_cmpstr (request->ticket_url, ==, "https://example.com/1");
  g_assert_cmpstr (request->draft, ==, "Dear support,\n\nplease[2J help.\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/sanitize", test_sanitize);
  g_test_add_func ("/text/account-setters", test_account_setters);
  g_test_add_func ("/text/load-cleans", test_load_cleans);
  g_test_add_func ("/text/history-cleans", test_history_cleans);
  g_test_add_func ("/text/otp-uri", test_otp_uri);
  g_test_add_func ("/text/request-record", test_request_record);

  return g_test_run ();
}
