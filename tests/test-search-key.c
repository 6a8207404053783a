/* test-search-key.c: folded search keys and the account's kept key
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "rv-account.h"
#include "rv-search-key.h"

static void
test_key_fields (void)
{
  const char *fields[] = { "GitHub", NULL, "", "Ünïcode@Example.org" };
  const char *tags[] = { "Work", "STRASSE", NULL };
  g_autofree char *key = rv_search_key_new (fields, G_N_ELEMENTS (fields), tags);

  g_assert_true (rv_search_key_matches (key, NULL));
  g_assert_true (rv_search_key_matches (key, ""));
  g_assert_true (rv_search_key_matches (key, "github"));
  g_assert_true (rv_search_key_matches (key, "hub"));
  g_assert_true (rv_search_key_matches (key, "ünïcode@"));
  g_assert_true (rv_search_key_matches (key, "work"));
  g_assert_true (rv_search_key_matches (key, "strasse"));
  /* No match across two fields, nor with text that is in none. */
  g_assert_false (rv_search_key_matches (key, "githubü"));
  g_assert_false (rv_search_key_matches (key, "orgwork"));
  g_assert_false (rv_search_key_matches (key, "gitlab"));
}

static void
test_key_empty (void)
{
  g_autofree char *key = rv_search_key_new (NULL, 0, NULL);

  g_assert_true (rv_search_key_matches (key, NULL));
  g_assert_false (rv_search_key_matches (key, "a"));
}

/* The account keeps its folded key between searches: an edit must not
 * leave the old one behind. */
static void
test_account_key_follows_edits (void)
{
  g_autoptr(RvAccount) account = rv_account_new ();
  const char *tags[] = { "Banking", NULL };

  rv_account_set_issuer (account, "PyPI");
  g_assert_true (rv_account_matches (account, "pypi"));
  rv_account_set_issuer (account, "GitHub");
  g_assert_false (rv_account_matches (account, "pypi"));
  g_assert_true (rv_account_matches (account, "git"));

  g_assert_false (rv_account_matches (account, "alice"));
  rv_account_set_name (account, "Alice");
  g_assert_true (rv_account_matches (account, "alice"));

  rv_account_set_email (account, "bob@example.org");
  g_assert_true (rv_account_matches (account, "bob@"));
  rv_account_set_email (account, NULL);
  g_assert_false (rv_account_matches (account, "bob@"));

  g_assert_false (rv_account_matches (account, "bank"));
  rv_account_set_tags (account, tags);
  g_assert_true (rv_account_matches (account, "bank"));
  rv_account_set_tags (account, NULL);
  g_assert_false (rv_account_matches (account, "bank"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search-key/fields", test_key_fields);
  g_test_add_func ("/search-key/empty", test_key_empty);
  g_test_add_func ("/search-key/account-follows-edits", test_account_key_follows_edits);

  return g_test_run ();
}
