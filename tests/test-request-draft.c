/* test-request-draft.c: drafting recovery requests, the leak check, records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rv-base32.h"
#include "rv-request-draft.h"
#include "rv-test-request-fixture.h"
#include "rv-test-util.h"

static GPtrArray *
load_providers (void)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autofree char *dir = g_build_filename (g_getenv ("RV_SOURCE_ROOT"), "data", "providers", NULL);
  GPtrArray *providers = rv_provider_load_directory (dir, problems);

  g_assert_cmpuint (problems->len, ==, 0);
  return providers;
}

#define make_account rv_test_make_request_account

static RvRequestAnswers *
answers_from_string (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  RvRequestAnswers *answers;

  g_assert_nonnull (node);
  answers = rv_request_answers_from_json (node, &error);
  g_assert_no_error (error);
  return answers;
}

static void
test_expected_draft (gconstpointer data)
{
  const char *id = data;
  g_autoptr(GPtrArray) providers = load_providers ();
  RvProvider *provider = rv_provider_lookup (providers, id);
  g_autoptr(RvAccount) account = make_account (rv_provider_get_name (provider));
  g_autofree char *answers_name = g_strdup_printf ("%s.json", id);
  g_autofree char *expected_name = g_strdup_printf ("%s.txt", id);
  g_autofree char *expected = NULL;
  g_autoptr(RvRequestAnswers) answers = NULL;
  g_autoptr(RvRequestDraft) draft = NULL;
  g_autoptr(GError) error = NULL;
  const char *expected_path = rv_test_source_path ("data/drafts");

  expected_path = g_build_filename (expected_path, expected_name, NULL);
  answers = rv_request_answers_load (g_test_get_filename (G_TEST_DIST, "data", "drafts",
                                                          answers_name, NULL), &error);
  g_assert_no_error (error);
  draft = rv_request_draft_new (provider, answers, NULL, account, NULL, &error);
  g_assert_no_error (error);

  /* RV_UPDATE_DRAFTS=1 rewrites the expected files; review the diff. */
  if (g_getenv ("RV_UPDATE_DRAFTS") != NULL)
    g_assert_true (g_file_set_contents (expected_path, draft->text, -1, NULL));
  g_assert_true (g_file_get_contents (expected_path, &expected, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (draft->text, ==, expected);
  g_assert_cmpstr (draft->provider_id, ==, id);
  g_free ((char *) expected_path);
}

static void
test_pypi_structure (void)
{
  g_autoptr(GPtrArray) providers = load_providers ();
  RvProvider *pypi = rv_provider_lookup (providers, "pypi");
  g_autoptr(RvAccount) account = make_account ("PyPI");
  g_autoptr(RvRequestAnswers) answers =
    answers_from_string ("{\"username\": \"alice`dev\", \"email\": \"alice@example.com\","
                         " \"what_happened\": [\"codes-lost\"], \"stored_rejected\": true,"
                         " \"acknowledged\": [\"code-of-conduct\", \"acknowledgement\"]}");
  g_autoptr(RvRequestDraft) draft = NULL;
  g_autoptr(GError) error = NULL;
  const char *user, *reason, *codes, *coc, *ack;

  /* The answers' and the account's email are left out: the channel is public. */
  draft = rv_request_draft_new (pypi, answers, NULL, account, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (draft->text,
                                   "Title: Account recovery request\n\n### PyPI "
                                   "Username\n\n`alicedev`\n"));
  user = strstr (draft->text, "### PyPI Username");
  reason = strstr (draft->text, "### Reason for request");
  codes = strstr (draft->text, "### Recovery Codes\n\n- [X] I never generated or have lost access");
  coc = strstr (draft->text,
                "### Code of Conduct\n\n- [X] I agree to follow the PSF Code of Conduct\n");
  ack = strstr (draft->text,
                "### Acknowledgement\n\n- [X] I understand that it may take a significant "
                "amount of time to process my account recovery request.\n");
  g_assert_true (user && reason && codes && coc && ack);
  g_assert_true (user < reason && reason < codes && codes < coc && coc < ack);
  /* Public channel: the account's email stays out. */
  g_assert_null (strstr (draft->text, "@"));
  g_assert_nonnull (strstr (draft->text, "- Recovery codes used: 2 of 8"));
}

/* The vault holds a TOTP secret and 6 unused codes: no draft until the user
 * says they were tried and rejected, and then the draft says exactly that,
 * never that they are lost (it used to tick "lost" next to "2 of 8 used"). */
static void
test_stored_way_in (void)
{
  g_autoptr(GPtrArray) providers = load_providers ();
  RvProvider *pypi = rv_provider_lookup (providers, "pypi");
  g_autoptr(RvAccount) account = make_account ("PyPI");
  g_autoptr(RvAccount) bare = rv_account_new ();
  g_autoptr(RvRequestAnswers) answers =
    answers_from_string ("{\"username\": \"alice-dev\","
                         " \"what_happened\": [\"lost-device\", \"codes-lost\"],"
                         " \"acknowledged\": [\"code-of-conduct\", \"acknowledgement\"]}");
  g_autoptr(RvRequestDraft) draft = NULL;
  g_autoptr(GError) error = NULL;
  const char *reason, *codes;
  g_autofree char *reason_text = NULL;

  draft = rv_request_draft_new (pypi, answers, NULL, account, NULL, &error);
  g_assert_null (draft);
  g_assert_error (error, RV_REQUEST_ERROR, RV_REQUEST_ERROR_STORED_WAY_IN);
  g_assert_nonnull (strstr (error->message, "two-factor secret and unused recovery codes"));
  g_clear_error (&error);

  answers->stored_rejected = TRUE;
  draft = rv_request_draft_new (pypi, answers, NULL, account, NULL, &error);
  g_assert_no_error (error);
  reason = strstr (draft->body, "### Reason for request");
  codes = strstr (draft->body, "### Recovery Codes");
  g_assert_true (reason != NULL && codes != NULL && reason < codes);
  reason_text = g_strndup (reason, codes - reason);
  g_assert_nonnull (strstr (reason_text, "The 6 recovery codes I still have are rejected."));
  g_assert_nonnull (strstr (reason_text,
                            "The codes from the two-factor secret I still have are rejected."));
  g_assert_null (strstr (reason_text, "lost"));
  g_assert_nonnull (strstr (reason_text, "- Added to Recovery Vault on: 2024-03-01"));
  g_assert_null (strstr (draft->body, "in use since"));
  /* The title is apart from the body. */
  g_assert_null (strstr (draft->body, "Title:"));
  g_assert_cmpstr (draft->title, ==, "Account recovery request");
  g_assert_cmpstr (draft->title_label, ==, "Title");
  g_clear_pointer (&draft, rv_request_draft_free);

  /* An account without a secret or codes needs no such answer. */
  answers->stored_rejected = FALSE;
  rv_account_set_name (bare, "alice-dev");
  draft = rv_request_draft_new (pypi, answers, NULL, bare, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (draft->body, "I never generated my recovery codes"));
}

/* A stored code typed into an answer: the refusal names that answer. */
static void
test_leak_names_answer (void)
{
  g_autoptr(GPtrArray) providers = load_providers ();
  RvProvider *pypi = rv_provider_lookup (providers, "pypi");
  g_autoptr(RvAccount) account = make_account ("PyPI");
  g_autoptr(RvRequestAnswers) answers = rv_request_answers_new ();
  g_autoptr(GError) error = NULL;

  answers->username = g_strdup ("alice-dev");
  answers->stored_rejected = TRUE;
  answers->happened = RV_HAPPENED_CODES_NOT_WORKING;
  answers->evidence_details = g_strdup_printf ("I tried %s", rv_test_stored_codes[5]);
  g_strfreev (answers->acknowledged);
  answers->acknowledged = g_strsplit ("code-of-conduct,acknowledgement", ",", -1);

  g_assert_null (rv_request_draft_new (pypi, answers, NULL, account, NULL, &error));
  g_assert_error (error, RV_REQUEST_ERROR, RV_REQUEST_ERROR_LEAK);
  g_assert_nonnull (strstr (error->message, "“What you can prove”"));
  g_assert_null (strstr (error->message, rv_test_stored_codes[5]));
}

static void
test_missing_answers (void)
{
  g_autoptr(GPtrArray) providers = load_providers ();
  RvProvider *pypi = rv_provider_lookup (providers, "pypi");
  RvProvider *github = rv_provider_lookup (providers, "github");
  g_autoptr(RvRequestAnswers) answers =
    answers_from_string ("{\"username\": \"alice-dev\", \"what_happened\": [\"lost-device\"],"
                         " \"evidence\": [\"password\"]}");
  RvRequestDraft *draft;
  GError *error = NULL;

  /* PyPI needs the recovery codes gone before it recovers anything. */
  draft = rv_request_draft_new (pypi, answers, NULL, NULL, NULL, &error);
  g_assert_null (draft);
  g_assert_error (error, RV_REQUEST_ERROR, RV_REQUEST_ERROR_NOT_ELIGIBLE);
  g_assert_nonnull (strstr (error->message, "Recovery Codes"));
  g_clear_error (&error);

  answers->happened |= RV_HAPPENED_CODES_LOST;
  draft = rv_request_draft_new (pypi, answers, NULL, NULL, NULL, &error);
  g_assert_error (error, RV_REQUEST_ERROR, RV_REQUEST_ERROR_MISSING_ACKNOWLEDGEMENT);
  g_assert_nonnull (strstr (error->message, "I agree to follow the PSF Code of Conduct"));
  g_assert_nonnull (strstr (error->message, "I understand that it may take"));
  g_clear_error (&error);

  g_strfreev (answers->acknowledged);
  answers->acknowledged = g_strsplit ("code-of-conduct", ",", -1);
  draft = rv_request_draft_new (pypi, answers, NULL, NULL, NULL, &error);
  g_assert_error (error, RV_REQUEST_ERROR, RV_REQUEST_ERROR_MISSING_ACKNOWLEDGEMENT);
  g_assert_null (strstr (error->message, "Code of Conduct"));
  g_clear_error (&error);

  g_strfreev (answers->acknowledged);
  answers->acknowledged = g_strsplit ("code-of-conduct,nonsense", ",", -1);
  draft = rv_request_draft_new (pypi, answers, NULL, NULL, NULL, &error);
  g_assert_error (error, RV_REQUEST_ERROR, RV_REQUEST_ERROR_UNKNOWN_ID);
  g_clear_error (&error);

  /* No username and no account: the first field is empty. */
  g_clear_pointer (&answers->username, g_free);
  g_strfreev (answers->acknowledged);
  answers->acknowledged = g_new0 (char *, 1);
  draft = rv_request_draft_new (github, answers, NULL, NULL, NULL, &error);
  g_assert_error (error, RV_REQUEST_ERROR, RV_REQUEST_ERROR_MISSING_FIELD);
  g_assert_nonnull (strstr (error->message, "GitHub username"));
  g_clear_error (&error);

  /* Nothing happened and nothing proven: the reason is empty. */
  answers->username = g_strdup ("alice-dev");
  answers->happened = 0;
  draft = rv_request_draft_new (github, answers, NULL, NULL, NULL, &error);
  g_assert_error (error, RV_REQUEST_ERROR, RV_REQUEST_ERROR_MISSING_FIELD);
  g_assert_nonnull (strstr (error->message, "What happened"));
  g_clear_error (&error);
}

static void
test_compromise (void)
{
  g_autoptr(GPtrArray) providers = load_providers ();
  g_autoptr(RvRequestAnswers) answers =
    answers_from_string ("{\"username\": \"alice-dev\","
                         " \"what_happened\": [\"lost-device\", \"compromise-suspected\"],"
                         " \"evidence\": [\"email\"],"
                         " \"acknowledged\": [\"code-of-conduct\", \"acknowledgement\"]}");
  RvProvider *github = rv_provider_lookup (providers, "github");
  g_autoptr(RvRequestDraft) draft = NULL;
  g_autoptr(GError) error = NULL;
  const char *notice;

  g_strfreev (answers->acknowledged);
  answers->acknowledged = g_new0 (char *, 1);
  draft = rv_request_draft_new (github, answers, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (draft->compromise);
  g_assert_cmpstr (draft->title, ==,
                   "Two-factor authentication account recovery (suspected compromise)");
  notice = strstr (draft->body, "What happened:\nSUSPECTED COMPROMISE:");
  g_assert_nonnull (notice);
  g_assert_nonnull (strstr (notice, "I am securing my email account first."));
}

typedef struct
{
  const char *text;
  int         code;
} LeakCase;

static void
test_leaks (void)
{
  g_autoptr(GPtrArray) providers = load_providers ();
  RvProvider *pypi = rv_provider_lookup (providers, "pypi");
  g_autoptr(RvAccount) account = make_account ("PyPI");
  g_autoptr(RvSecret) password = rv_secret_new_from_string ("correct horse battery");
  LeakCase cases[] = {
    /* the TOTP secret: base32, spaced and lower case, padded, raw */
    { "my secret was GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", RV_REQUEST_ERROR_LEAK },
    { "gezd gnbv gy3t qojq gezd gnbv gy3t qojq", RV_REQUEST_ERROR_LEAK },
    { "GEZDGNBV-GY3TQOJQ-GEZDGNBV-GY3TQOJQ====", RV_REQUEST_ERROR_LEAK },
    { "raw 12345678901234567890 bytes", RV_REQUEST_ERROR_LEAK },
    /* a secret that is not stored, shaped like one */
    { "maybe JBSWY3DPEHPK3PXP helps", RV_REQUEST_ERROR_LEAK },
    { "maybe JBSW Y3DP EHPK 3PXP helps", RV_REQUEST_ERROR_LEAK },
    /* a stored recovery code, as stored and spaced in upper case */
    { "I tried badc0ffee0ddf00d", RV_REQUEST_ERROR_LEAK },
    { "I tried BADC 0FFE E0DD F00D", RV_REQUEST_ERROR_LEAK },
    /* shaped like a PyPI recovery code, not stored */
    { "code 00112233aabbccdd failed", RV_REQUEST_ERROR_LEAK },
    /* token prefixes and tokens */
    { "my token pypi-AgEIcHlwaS5vcmcCJGE", RV_REQUEST_ERROR_LEAK },
    { "it starts with pypi-AgE", RV_REQUEST_ERROR_LEAK },
    { "ghp_0123456789abcdefghij", RV_REQUEST_ERROR_LEAK },
    { "glpat-xxxxxxxxxxxxxxxxxxxx", RV_REQUEST_ERROR_LEAK },
    { "npm_abcdefghijklmnop", RV_REQUEST_ERROR_LEAK },
    /* an otpauth URI, whatever its secret */
    { "otpauth://totp/PyPI:alice?secret=JBSWY3DPEHPK3PXP", RV_REQUEST_ERROR_LEAK },
    { "OTPAUTH-MIGRATION://offline?data=abc", RV_REQUEST_ERROR_LEAK },
    /* the vault password */
    { "maybe correct horse battery helps", RV_REQUEST_ERROR_LEAK },
    /* personal data on a public channel */
    { "write to alice.dev@example.com", RV_REQUEST_ERROR_PERSONAL_DATA },
    { "call +44 20 7946 0958", RV_REQUEST_ERROR_PERSONAL_DATA },
    { "call (555) 123-4567", RV_REQUEST_ERROR_PERSONAL_DATA },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RvRequestAnswers) answers = rv_request_answers_new ();
      g_autoptr(RvRequestDraft) draft = NULL;
      g_autoptr(GError) error = NULL;

      answers->username = g_strdup ("alice-dev");
      answers->stored_rejected = TRUE;
      answers->happened = RV_HAPPENED_LOST_DEVICE | RV_HAPPENED_CODES_LOST;
      answers->details = g_strdup (cases[i].text);
      g_strfreev (answers->acknowledged);
      answers->acknowledged = g_strsplit ("code-of-conduct,acknowledgement", ",", -1);

      g_test_message ("case %u", i);
      draft = rv_request_draft_new (pypi, answers, NULL, account, password, &error);
      g_assert_null (draft);
      g_assert_error (error, RV_REQUEST_ERROR, cases[i].code);
      /* The refusal names the kind of thing, never the thing. */
      g_assert_null (strstr (error->message, cases[i].text));
      g_assert_null (strstr (error->message, "GEZDGNBV"));
      g_assert_null (strstr (error->message, "badc0ffee0ddf00d"));
      g_assert_null (strstr (error->message, "pypi-"));
      g_assert_null (strstr (error->message, "horse"));
    }
}

static void
test_no_false_alarm (void)
{
  g_autoptr(GPtrArray) providers = load_providers ();
  RvProvider *pypi = rv_provider_lookup (providers, "pypi");
  g_autoptr(RvAccount) account = make_account ("PyPI");
  g_autoptr(RvRequestAnswers) answers = rv_request_answers_new ();
  g_autoptr(RvRequestDraft) draft = NULL;
  g_autoptr(GError) error = NULL;

  answers->username = g_strdup ("alice-dev");
  answers->stored_rejected = TRUE;
  answers->happened = RV_HAPPENED_CODES_LOST;
  answers->details = g_strdup ("Lost on 2026-11-02 at 10:15; packages pypi-attestations-demo and "
                               "npm-helper, commit 3f2a9c1 (short hash), remote "
                               "git@github.com:alice-dev/w.git, "
                               "issue #1234, version 2.0.1, at 10:30 (UTC+1).");
  g_strfreev (answers->acknowledged);
  answers->acknowledged = g_strsplit ("code-of-conduct,acknowledgement", ",", -1);
  draft = rv_request_draft_new (pypi, answers, NULL, account, NULL, &error);
  g_assert_no_error (error);
}

static void
test_vault_secrets (void)
{
  g_autofree char *dir = rv_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "vault.rvault", NULL);
  g_autoptr(RvSecret) password = rv_secret_new_from_string ("vault password");
  g_autoptr(GPtrArray) providers = load_providers ();
  RvProvider *generic = rv_provider_lookup (providers, "generic");
  g_autoptr(RvAccount) other = rv_account_new ();
  g_autoptr(RvSecret) other_secret = rv_secret_new_from_string ("another secret seed!");
  g_autoptr(RvSecret) other_base32 = rv_base32_encode_secret (other_secret);
  g_autoptr(RvVault) vault = NULL;
  g_autoptr(RvRequestAnswers) answers = rv_request_answers_new ();
  g_autoptr(RvRequestDraft) draft = NULL;
  g_autoptr(GError) error = NULL;

  vault = rv_vault_create (path, password, &error);
  g_assert_no_error (error);
  rv_account_set_issuer (other, "Elsewhere");
  rv_account_set_kind (other, RV_OTP_KIND_TOTP);
  rv_account_set_secret (other, other_secret);
  rv_vault_add_account (vault, other);

  answers->username = g_strdup ("alice-dev");
  answers->happened = RV_HAPPENED_LOST_DEVICE;
  answers->details = g_strdup_printf ("the other one is %s", rv_secret_get_string (other_base32));
  /* The secret of another account of the vault is found too. */
  draft = rv_request_draft_new (generic, answers, vault, NULL, NULL, &error);
  g_assert_null (draft);
  g_assert_error (error, RV_REQUEST_ERROR, RV_REQUEST_ERROR_LEAK);
  g_clear_error (&error);

  g_free (answers->details);
  answers->details = g_strdup ("nothing secret");
  draft = rv_request_draft_new (generic, answers, vault, NULL, password, &error);
  g_assert_no_error (error);

  rv_vault_close (vault);
  rv_test_rm_rf (dir);
}

static void
test_answers_errors (void)
{
  const char *bad[] = {
    "[1, 2]",
    "{\"usernam\": \"typo\"}",
    "{\"what_happened\": [\"abducted\"]}",
    "{\"what_happened\": \"lost-device\"}",
    "{\"evidence\": [1]}",
    "{\"username\": 3}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (bad[i], NULL);
      g_autoptr(RvRequestAnswers) answers = NULL;
      g_autoptr(GError) error = NULL;

      answers = rv_request_answers_from_json (node, &error);
      g_assert_null (answers);
      g_assert_error (error, RV_REQUEST_ERROR, RV_REQUEST_ERROR_BAD_ANSWERS);
    }
}

static void
test_open_uri (void)
{
  g_autoptr(GPtrArray) providers = load_providers ();
  RvProvider *pypi = rv_provider_lookup (providers, "pypi");
  RvProvider *generic = rv_provider_lookup (providers, "generic");
  g_autoptr(RvRequestAnswers) answers = rv_request_answers_new ();
  g_autoptr(RvRequestDraft) draft = NULL;
  g_autofree char *mailto = NULL;
  g_autofree char *uri = NULL;

  answers->username = g_strdup ("alice-dev");
  answers->happened = RV_HAPPENED_CODES_LOST;
  answers->details = g_strdup ("R&D team? 100% sure.");
  g_strfreev (answers->acknowledged);
  answers->acknowledged = g_strsplit ("code-of-conduct,acknowledgement", ",", -1);
  draft = rv_request_draft_new (pypi, answers, NULL, NULL, NULL, NULL);
  g_assert_nonnull (draft);
  uri = rv_request_draft_dup_open_uri (draft, pypi);
  g_assert_cmpstr (uri, ==, "https://github.com/pypi/support/issues/new?labels=account-recovery"
                            "&template=account-recovery.yml&title=Account+recovery+request");

  mailto = rv_request_draft_dup_mailto (draft, "support@example.com");
  g_assert_true (g_str_has_prefix (mailto,
                                   "mailto:support@example.com"
                                   "?subject=Account%20recovery%20request"
                                   "&body=%23%23%23%20PyPI%20Username%0A%0A%60alice-dev%60%0A"));
  g_assert_nonnull (strstr (mailto, "R%26D%20team%3F%20100%25%20sure."));
  g_assert_null (strchr (mailto + strlen ("mailto:"), ' '));
  g_assert_null (rv_request_draft_dup_open_uri (draft, generic));
}

static void
test_records (void)
{
  g_autoptr(GPtrArray) providers = load_providers ();
  RvProvider *github = rv_provider_lookup (providers, "github");
  g_autoptr(RvAccount) account = make_account ("GitHub");
  g_autoptr(RvRequestAnswers) answers = rv_request_answers_new ();
  g_autoptr(RvRequestDraft) draft = NULL;
  g_autoptr(GPtrArray) requests =
    g_ptr_array_new_with_free_func ((GDestroyNotify) rv_request_record_free);
  g_autoptr(GPtrArray) due = NULL;
  RvRequestRecord *record;

  answers->happened = RV_HAPPENED_CODES_LOST;
  answers->stored_rejected = TRUE;
  answers->evidence = (g_strfreev (answers->evidence), g_strsplit ("password", ",", -1));
  draft = rv_request_draft_new (github, answers, NULL, account, NULL, NULL);
  g_assert_nonnull (draft);
  g_assert_true (g_str_has_prefix (draft->body,
                                   "GitHub username: alice-dev\nVerified email address: "
                                   "alice@example.com\n"));

  record = rv_request_draft_make_record (draft, account, 1000, "https://support.example/1", 5000);
  g_assert_cmpstr (record->account_id, ==, rv_account_get_id (account));
  g_assert_cmpstr (record->provider_id, ==, "github");
  g_assert_cmpstr (record->service_name, ==, "GitHub");
  g_assert_cmpstr (record->draft, ==, draft->text);
  g_assert_cmpint (record->status, ==, RV_REQUEST_STATUS_SUBMITTED);
  g_ptr_array_add (requests, record);

  record = rv_request_draft_make_record (draft, NULL, 1000, NULL, 3000);
  g_ptr_array_add (requests, record);
  record = rv_request_draft_make_record (draft, NULL, 1000, NULL, 2000);
  record->status = RV_REQUEST_STATUS_RESOLVED;
  g_ptr_array_add (requests, record);
  record = rv_request_draft_make_record (draft, NULL, 0, NULL, 0);
  g_assert_cmpint (record->status, ==, RV_REQUEST_STATUS_DRAFT);
  g_ptr_array_add (requests, record);

  due = rv_request_records_due (requests, 2500);
  g_assert_cmpuint (due->len, ==, 0);
  g_clear_pointer (&due, g_ptr_array_unref);
  due = rv_request_records_due (requests, 6000);
  g_assert_cmpuint (due->len, ==, 2);
  g_assert_cmpint (((RvRequestRecord *) g_ptr_array_index (due, 0))->follow_up_at, ==, 3000);
  g_assert_cmpint (((RvRequestRecord *) g_ptr_array_index (due, 1))->follow_up_at, ==, 5000);
}

static void
test_parse_date (void)
{
  gint64 when = 0;

  g_assert_true (rv_request_parse_date ("2000-01-31", &when));
  g_assert_cmpint (when, ==, 949276800);
  g_assert_true (rv_request_parse_date ("2024-02-29", &when));
  g_assert_false (rv_request_parse_date ("2023-02-29", &when));
  g_assert_false (rv_request_parse_date ("2000-13-01", &when));
  g_assert_false (rv_request_parse_date ("2000-1-31", &when));
  g_assert_false (rv_request_parse_date ("2000-01-31x", &when));
  g_assert_false (rv_request_parse_date ("+200-01-31", &when));
  g_assert_false (rv_request_parse_date ("", &when));
}

int
main (int   argc,
      char *argv[])
{
  static const char *ids[] = {
    "pypi", "github", "gitlab", "npm", "google", "microsoft", "generic",
  };

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *name = g_strdup_printf ("/request-draft/expected/%s", ids[i]);

      g_test_add_data_func (name, ids[i], test_expected_draft);
    }
  g_test_add_func ("/request-draft/pypi-structure", test_pypi_structure);
  g_test_add_func ("/request-draft/stored-way-in", test_stored_way_in);
  g_test_add_func ("/request-draft/leak-names-answer", test_leak_names_answer);
  g_test_add_func ("/request-draft/missing-answers", test_missing_answers);
  g_test_add_func ("/request-draft/compromise", test_compromise);
  g_test_add_func ("/request-draft/leaks", test_leaks);
  g_test_add_func ("/request-draft/no-false-alarm", test_no_false_alarm);
  g_test_add_func ("/request-draft/vault-secrets", test_vault_secrets);
  g_test_add_func ("/request-draft/answers-errors", test_answers_errors);
  g_test_add_func ("/request-draft/open-uri", test_open_uri);
  g_test_add_func ("/request-draft/records", test_records);
  g_test_add_func ("/request-draft/parse-date", test_parse_date);

  return g_test_run ();
}
