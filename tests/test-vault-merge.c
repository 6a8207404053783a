/* test-vault-merge.c: the merge rules of two copies of one vault
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two copies are snapshots of one vault, edited apart; each case checks the
 * rule, that merging in either order gives the same content (compared as a
 * canonical text of every item, stamp and tombstone), and that merging
 * twice changes nothing.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "rv-test-util.h"
#include "rv-vault.h"
#include "rv-vault-merge.h"
#include "rv-vault-payload.h"

typedef struct
{
  char    *dir;
  RvVault *base;
  RvVault *a;
  RvVault *b;
} Fixture;

static void tick (Fixture *f);


static RvSecret *
secret (const char *text)
{
  return rv_secret_new_from_data (text, strlen (text));
}

static RvAccount *
account_with (const char *issuer,
              const char *code)
{
  RvAccount *account = rv_account_new ();
  g_autoptr(RvSecret) seed = secret ("12345678901234567890");

  rv_account_set_issuer (account, issuer);
  rv_account_set_kind (account, RV_OTP_KIND_TOTP);
  rv_account_set_secret (account, seed);
  if (code != NULL)
    {
      g_autoptr(RvSecret) c = secret (code);

      g_assert_true (rv_account_add_recovery_code (account, c, 1000, 0, NULL));
    }
  return account;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RvSecret) password = secret ("merge test password");
  g_autofree char *path = NULL;
  RvKdfParams kdf;
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("rv-merge-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "vault.rvault", NULL);
  rv_kdf_get_calibrated (&kdf);
  f->base = rv_vault_create_full (path, password, &kdf, &error);
  g_assert_no_error (error);
  {
    g_autoptr(RvAccount) x = account_with ("Example", "1234-5678");
    g_autoptr(RvAccount) y = account_with ("Other", "badc-0ffe");
    RvRequestRecord *request = rv_request_record_new ();

    g_object_set_data_full (G_OBJECT (x), "test-id", g_strdup ("x"), g_free);
    rv_vault_add_account (f->base, x);
    rv_vault_add_account (f->base, y);
    request->service_name = g_strdup ("Example");
    rv_vault_add_request (f->base, request);
  }
  g_assert_true (rv_vault_save (f->base, &error));
  g_assert_no_error (error);
  tick (f);
  f->a = rv_vault_snapshot (f->base, &error);
  g_assert_no_error (error);
  f->b = rv_vault_snapshot (f->base, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_strdup (rv_vault_get_path (f->base));

  g_clear_object (&f->a);
  g_clear_object (&f->b);
  g_clear_object (&f->base);
  g_unlink (path);
  for (const char *ext = ".prev"; ext != NULL; ext = NULL)
    {
      g_autofree char *side = g_strconcat (path, ext, NULL);

      g_unlink (side);
    }
  {
    g_autofree char *lock = g_strconcat (path, ".lock", NULL);

    g_unlink (lock);
  }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static RvAccount *
nth (RvVault *vault,
     guint    i)
{
  RvAccount *account = g_list_model_get_item (rv_vault_get_accounts (vault), i);

  g_object_unref (account);  /* borrowed: the vault keeps one */
  return account;
}

static gint64
newest_ms (RvVault *vault)
{
  GListModel *accounts = vault != NULL ? rv_vault_get_accounts (vault) : NULL;
  gint64 newest = 0;

  for (guint i = 0; accounts != NULL && i < g_list_model_get_n_items (accounts); i++)
    newest = MAX (newest, rv_account_get_modified (nth (vault, i)).ms);
  return newest;
}

/* Stamps are wall-clock milliseconds, and an edit's stamp is never earlier
 * than its account's newest + 1 ms, so a burst of edits runs ahead of the
 * clock (a new account's fields: several ms). Before an edit that must be
 * later than the others, wait until the clock has passed every stamp: a
 * fixed 3 ms sleep was not always enough (the two edits got the same stamp
 * and their content decided; 1 run in 13 in CI). */
static void
tick (Fixture *f)
{
  gint64 newest = MAX (newest_ms (f->base), MAX (newest_ms (f->a), newest_ms (f->b)));

  do
    g_usleep (1000);
  while (g_get_real_time () / 1000 <= newest + 1);
}

static void
append_stamp (GString       *out,
              const RvStamp *stamp)
{
  g_string_append_printf (out, "@%" G_GINT64_FORMAT "/%s", stamp->ms,
                          stamp->device ? stamp->device : "");
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Every item, value, stamp, history entry and tombstone, sorted; leaves
 * out only the local bookkeeping times ("updated", "changed-at"). */
static char *
canonical (RvVault *vault)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GListModel *accounts = rv_vault_get_accounts (vault);
  GPtrArray *requests = rv_vault_get_requests (vault);
  GArray *tombs = rv_vault_get_tombstones (vault);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      RvAccount *a = nth (vault, i);
      GString *line = g_string_new (rv_account_get_id (a));
      GPtrArray *history = rv_account_get_history (a);
      GArray *code_tombs = rv_account_get_code_tombstones (a);
      g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *tags = g_strjoinv (",", (char **) rv_account_get_tags (a));

      g_string_append_printf (line, " issuer=%s name=%s notes=%s tags=%s digits=%u counter=%"
                              G_GUINT64_FORMAT " secret=%zu", rv_account_get_issuer (a),
                              rv_account_get_name (a), rv_account_get_notes (a), tags,
                              rv_account_get_digits (a), rv_account_get_counter (a),
                              rv_account_get_secret (a) ? rv_secret_get_size (rv_account_get_secret (a)) : 0);
      for (guint f = 0; f < RV_ACCOUNT_N_FIELDS; f++)
        {
          RvStamp s = rv_account_get_field_stamp (a, f);

          append_stamp (line, &s);
        }
      for (guint c = 0; c < rv_account_get_n_recovery_codes (a); c++)
        {
          const RvRecoveryCode *code = rv_account_get_recovery_code (a, c);
          GString *cl = g_string_new (NULL);

          g_string_append_printf (cl, "code %s %.*s added=%" G_GINT64_FORMAT " used=%"
                                  G_GINT64_FORMAT, code->id,
                                  (int) rv_secret_get_size (code->code),
                                  (const char *) rv_secret_get_data (code->code),
                                  code->added_at, code->used_at);
          append_stamp (cl, &code->modified);
          g_ptr_array_add (codes, g_string_free (cl, FALSE));
        }
      for (guint t = 0; t < code_tombs->len; t++)
        {
          const RvCodeTombstone *ct = &g_array_index (code_tombs, RvCodeTombstone, t);
          GString *cl = g_string_new ("removed-code ");

          g_string_append (cl, ct->id);
          append_stamp (cl, &ct->removed);
          g_ptr_array_add (codes, g_string_free (cl, FALSE));
        }
      g_ptr_array_sort (codes, compare_strings);
      for (guint c = 0; c < codes->len; c++)
        g_string_append_printf (line, " | %s", (char *) g_ptr_array_index (codes, c));
      for (guint h = 0; h < history->len; h++)
        {
          const RvAccountHistoryEntry *e = g_ptr_array_index (history, h);

          g_string_append_printf (line, " | history %s=%s", rv_account_field_to_string (e->field),
                                  e->text ? e->text : "");
          append_stamp (line, &e->modified);
          append_stamp (line, &e->replaced);
        }
      g_ptr_array_add (lines, g_string_free (line, FALSE));
    }
  for (guint i = 0; i < requests->len; i++)
    {
      const RvRequestRecord *r = g_ptr_array_index (requests, i);
      GString *line = g_string_new ("request ");

      g_string_append_printf (line, "%s %s %s %d", r->id, r->service_name, r->draft,
                              (int) r->status);
      append_stamp (line, &r->modified);
      g_ptr_array_add (lines, g_string_free (line, FALSE));
    }
  for (guint i = 0; i < tombs->len; i++)
    {
      const RvTombstone *t = &g_array_index (tombs, RvTombstone, i);
      GString *line = g_string_new ("tombstone ");

      g_string_append_printf (line, "%s %s %s", t->type, t->id, t->parent ? t->parent : "");
      append_stamp (line, &t->removed);
      g_ptr_array_add (lines, g_string_free (line, FALSE));
    }
  g_ptr_array_sort (lines, compare_strings);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (lines, i));
  return g_string_free (out, FALSE);
}

/* Merges both ways on copies of a and b; checks the results agree and that
 * a second merge changes nothing. Leaves the merged result in f->a. */
static void
merge_both_ways (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVault) a2 = rv_vault_snapshot (f->a, &error);
  g_autoptr(RvVault) b2 = rv_vault_snapshot (f->b, &error);
  g_autoptr(RvMergeReport) r1 = NULL;
  g_autoptr(RvMergeReport) r2 = NULL;
  g_autoptr(RvMergeReport) again = NULL;
  g_autofree char *ab = NULL;
  g_autofree char *ba = NULL;
  g_autofree char *ab2 = NULL;

  g_assert_no_error (error);
  g_assert_true (rv_vault_merge (f->a, f->b, &r1, &error));
  g_assert_no_error (error);
  g_assert_true (rv_vault_merge (b2, a2, &r2, &error));
  g_assert_no_error (error);
  ab = canonical (f->a);
  ba = canonical (b2);
  g_assert_cmpstr (ab, ==, ba);

  /* Idempotent: the same other copy again, or the merged result itself. */
  g_assert_true (rv_vault_merge (f->a, f->b, &again, &error));
  g_assert_cmpuint (again->changes, ==, 0);
  g_clear_pointer (&again, rv_merge_report_free);
  g_assert_true (rv_vault_merge (f->a, b2, &again, &error));
  g_assert_cmpuint (again->changes, ==, 0);
  ab2 = canonical (f->a);
  g_assert_cmpstr (ab, ==, ab2);
}

static void
test_newer_edit_wins_older_kept (Fixture       *f,
                                 gconstpointer  data)
{
  GPtrArray *history;
  const RvAccountHistoryEntry *entry;

  rv_account_set_notes (nth (f->a, 0), "typed on A");
  tick (f);
  rv_account_set_notes (nth (f->b, 0), "typed on B, later");
  rv_account_set_name (nth (f->a, 0), "only A changed the name");
  merge_both_ways (f);

  g_assert_cmpstr (rv_account_get_notes (nth (f->a, 0)), ==, "typed on B, later");
  g_assert_cmpstr (rv_account_get_name (nth (f->a, 0)), ==, "only A changed the name");
  history = rv_account_get_history (nth (f->a, 0));
  g_assert_cmpuint (history->len, ==, 1);
  entry = g_ptr_array_index (history, 0);
  g_assert_cmpint (entry->field, ==, RV_ACCOUNT_FIELD_NOTES);
  g_assert_cmpstr (entry->text, ==, "typed on A");
}

static void
test_replaced_secret_in_history (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(RvSecret) s1 = secret ("secret typed on A!!!");
  g_autoptr(RvSecret) s2 = secret ("secret typed on B!!!");
  const RvAccountHistoryEntry *entry;

  rv_account_set_secret (nth (f->a, 1), s1);
  tick (f);
  rv_account_set_secret (nth (f->b, 1), s2);
  merge_both_ways (f);
  g_assert_true (rv_secret_equal (rv_account_get_secret (nth (f->a, 1)), s2));
  entry = g_ptr_array_index (rv_account_get_history (nth (f->a, 1)), 0);
  g_assert_cmpint (entry->field, ==, RV_ACCOUNT_FIELD_OTP);
  g_assert_true (rv_secret_equal (entry->secret, s1));
}

static void
test_used_code_stays_used (Fixture       *f,
                           gconstpointer  data)
{
  const RvRecoveryCode *code;

  g_assert_true (rv_account_mark_recovery_code_used (nth (f->a, 0), 0, 5000, NULL));
  tick (f);
  /* B, later, touches the account but not the code. */
  rv_account_set_notes (nth (f->b, 0), "later edit on B");
  /* And both used the other account's code, at different times. */
  g_assert_true (rv_account_mark_recovery_code_used (nth (f->b, 1), 0, 7000, NULL));
  tick (f);
  g_assert_true (rv_account_mark_recovery_code_used (nth (f->a, 1), 0, 9000, NULL));
  merge_both_ways (f);

  code = rv_account_get_recovery_code (nth (f->a, 0), 0);
  g_assert_cmpint (code->used_at, ==, 5000);
  code = rv_account_get_recovery_code (nth (f->a, 1), 0);
  g_assert_cmpint (code->used_at, ==, 7000);
  g_assert_cmpuint (rv_account_get_n_unused_recovery_codes (nth (f->a, 1)), ==, 0);
}

static void
test_codes_union (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(RvSecret) c1 = secret ("aaaa-1111");
  g_autoptr(RvSecret) c2 = secret ("bbbb-2222");
  g_autoptr(RvSecret) same = secret ("cccc-3333");

  g_assert_true (rv_account_add_recovery_code (nth (f->a, 0), c1, 2000, 0, NULL));
  g_assert_true (rv_account_add_recovery_code (nth (f->b, 0), c2, 2000, 0, NULL));
  /* The same code typed on both devices: one code, not a duplicate. */
  g_assert_true (rv_account_add_recovery_code (nth (f->a, 0), same, 2000, 0, NULL));
  g_assert_true (rv_account_add_recovery_code (nth (f->b, 0), same, 2000, 0, NULL));
  merge_both_ways (f);
  g_assert_cmpuint (rv_account_get_n_recovery_codes (nth (f->a, 0)), ==, 4);
}

static void
test_removal_wins_over_older_edit (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *id = g_strdup (rv_account_get_id (nth (f->a, 0)));

  rv_account_set_notes (nth (f->a, 0), "an edit before the removal");
  tick (f);
  g_assert_true (rv_vault_remove_account (f->b, nth (f->b, 0)));
  merge_both_ways (f);
  g_assert_null (rv_vault_find_account_by_id (f->a, id));
  g_assert_cmpuint (g_list_model_get_n_items (rv_vault_get_accounts (f->a)), ==, 1);
}

static void
test_removal_loses_to_newer_edit (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *id = g_strdup (rv_account_get_id (nth (f->a, 0)));

  g_assert_true (rv_vault_remove_account (f->b, nth (f->b, 0)));
  tick (f);
  rv_account_set_notes (nth (f->a, 0), "an edit after the removal");
  merge_both_ways (f);
  g_assert_nonnull (rv_vault_find_account_by_id (f->a, id));
  g_assert_cmpstr (rv_account_get_notes (rv_vault_find_account_by_id (f->a, id)), ==,
                   "an edit after the removal");
  g_assert_cmpuint (rv_vault_get_tombstones (f->a)->len, ==, 0);
}

/* Writing the value a field already has is no change: it gets no stamp, so
 * it does not undo a later removal elsewhere (the real-Syncthing test once
 * expected it to). */
static void
test_unchanged_edit_loses_to_removal (Fixture       *f,
                                      gconstpointer  data)
{
  g_autofree char *id = g_strdup (rv_account_get_id (nth (f->a, 0)));
  g_autofree char *notes = g_strdup (rv_account_get_notes (nth (f->a, 0)));
  RvStamp before = rv_account_get_modified (nth (f->a, 0));
  RvStamp after;

  g_assert_true (rv_vault_remove_account (f->b, nth (f->b, 0)));
  tick (f);
  rv_account_set_notes (nth (f->a, 0), notes);
  after = rv_account_get_modified (nth (f->a, 0));
  g_assert_cmpint (rv_stamp_compare (&before, &after), ==, 0);
  merge_both_ways (f);
  g_assert_null (rv_vault_find_account_by_id (f->a, id));
  g_assert_null (rv_vault_find_account_by_id (f->b, id));
}

static void
test_code_removal (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RvSecret) fresh = secret ("dddd-4444");

  /* A clears account 0's codes; B, later, marks account 1's used, and adds
   * a code to account 1 that A clears before (older) — B's add is newer. */
  rv_account_clear_recovery_codes (nth (f->a, 0));
  rv_account_clear_recovery_codes (nth (f->a, 1));
  tick (f);
  g_assert_true (rv_account_add_recovery_code (nth (f->b, 1), fresh, 3000, 0, NULL));
  merge_both_ways (f);
  g_assert_cmpuint (rv_account_get_n_recovery_codes (nth (f->a, 0)), ==, 0);
  g_assert_cmpuint (rv_account_get_n_recovery_codes (nth (f->a, 1)), ==, 1);
  g_assert_true (rv_secret_equal (rv_account_get_recovery_code (nth (f->a, 1), 0)->code, fresh));
}

static void
test_new_accounts_and_requests (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(RvAccount) on_a = account_with ("Made on A", NULL);
  g_autoptr(RvAccount) on_b = account_with ("Made on B", "eeee-5555");
  RvRequestRecord *ra = rv_request_record_new ();
  RvRequestRecord *shared_b;
  g_autoptr(RvVault) stamped = NULL;

  rv_vault_add_account (f->a, on_a);
  rv_vault_add_account (f->b, on_b);
  ra->service_name = g_strdup ("Request on A");
  rv_vault_add_request (f->a, ra);
  /* The shared request: A edits it, then B, later. */
  ((RvRequestRecord *) g_ptr_array_index (rv_vault_get_requests (f->a), 0))->draft =
    g_strdup ("draft on A");
  /* Requests are stamped when the vault is written (a snapshot writes one). */
  g_clear_object (&stamped);
  stamped = rv_vault_snapshot (f->a, NULL);
  tick (f);
  shared_b = g_ptr_array_index (rv_vault_get_requests (f->b), 0);
  shared_b->draft = g_strdup ("draft on B");
  shared_b->status = RV_REQUEST_STATUS_SUBMITTED;
  merge_both_ways (f);
  g_assert_cmpuint (g_list_model_get_n_items (rv_vault_get_accounts (f->a)), ==, 4);
  g_assert_cmpuint (rv_vault_get_requests (f->a)->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      RvRequestRecord *r = g_ptr_array_index (rv_vault_get_requests (f->a), i);

      if (g_strcmp0 (r->service_name, "Example") == 0)
        g_assert_cmpstr (r->draft, ==, "draft on B");
    }
}

static void
test_request_removal (Fixture       *f,
                      gconstpointer  data)
{
  g_ptr_array_remove_index (rv_vault_get_requests (f->b), 0);
  merge_both_ways (f);
  g_assert_cmpuint (rv_vault_get_requests (f->a)->len, ==, 0);
}

static void
test_other_vault_refused (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(RvSecret) password = secret ("another vault");
  g_autofree char *path = g_build_filename (f->dir, "other.rvault", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVault) other = NULL;
  g_autoptr(RvMergeReport) report = NULL;
  g_autofree char *before = canonical (f->a);
  g_autofree char *after = NULL;
  RvKdfParams kdf;

  rv_kdf_get_calibrated (&kdf);
  other = rv_vault_create_full (path, password, &kdf, &error);
  g_assert_no_error (error);
  g_assert_false (rv_vault_merge (f->a, other, &report, &error));
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD);
  g_assert_null (report);
  after = canonical (f->a);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);
  /* Its file is not opened as a copy either. */
  g_assert_null (rv_vault_open_copy (f->a, path, NULL, &error));
  g_assert_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_WRONG_PASSWORD);
  rv_vault_close (other);
  g_unlink (path);
  {
    g_autofree char *lock = g_strconcat (path, ".lock", NULL);

    g_unlink (lock);
  }
}

/* A device id from a file is kept only when it is a UUID, lowercased: any
 * other text (interned, it would stay for the life of the process) reads as
 * an unknown device, ordered the same way on every device. */
static void
test_stamp_device_ids (void)
{
  RvStamp upper = rv_stamp_make (5, "00000000-0000-4000-8000-0000000000AB");
  RvStamp lower = rv_stamp_make (5, "00000000-0000-4000-8000-0000000000ab");
  RvStamp text = rv_stamp_make (5, "not a device id");
  RvStamp empty = rv_stamp_make (5, "");
  RvStamp none = rv_stamp_make (5, NULL);

  g_assert_cmpstr (upper.device, ==, "00000000-0000-4000-8000-0000000000ab");
  g_assert_true (upper.device == lower.device);
  g_assert_cmpint (rv_stamp_compare (&upper, &lower), ==, 0);
  g_assert_null (text.device);
  g_assert_null (empty.device);
  g_assert_cmpint (rv_stamp_compare (&text, &none), ==, 0);
  g_assert_cmpint (rv_stamp_compare (&none, &lower), <, 0);
}

static void
test_history_bounded (Fixture       *f,
                      gconstpointer  data)
{
  RvAccount *account = nth (f->a, 0);

  for (guint i = 0; i < RV_ACCOUNT_MAX_HISTORY + 5; i++)
    {
      RvStamp replaced = rv_stamp_make (100 + i, "00000000-0000-4000-8000-0000000000de");

      rv_account_set_notes (account, i % 2 ? "odd" : "even");
      g_usleep (1000);
      rv_account_add_history (account, rv_account_dup_history_entry (account,
                                                                     RV_ACCOUNT_FIELD_NOTES,
                                                                     &replaced));
    }
  g_assert_cmpuint (rv_account_get_history (account)->len, ==, RV_ACCOUNT_MAX_HISTORY);
}

static void
test_saved_and_reopened (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RvVault) copy = NULL;
  g_autoptr(RvMergeReport) report = NULL;
  g_autofree char *copy_path = g_build_filename (f->dir, "copy.rvault", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* The merged metadata survives a save: the file read back merges to nothing. */
  rv_account_set_notes (nth (f->base, 0), "saved with stamps");
  rv_vault_remove_account (f->base, nth (f->base, 1));
  g_assert_true (rv_vault_save (f->base, &error));
  g_assert_no_error (error);
  before = canonical (f->base);
  {
    g_autoptr(GBytes) bytes = NULL;
    g_autofree char *contents = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (rv_vault_get_path (f->base), &contents, &len, NULL));
    g_assert_true (g_file_set_contents (copy_path, contents, len, NULL));
  }
  copy = rv_vault_open_copy (f->base, copy_path, NULL, &error);
  g_assert_no_error (error);
  after = canonical (copy);
  g_assert_cmpstr (before, ==, after);
  g_assert_true (rv_vault_merge (f->base, copy, &report, &error));
  g_assert_cmpuint (report->changes, ==, 0);
  g_unlink (copy_path);
}

/* Two devices upgrading the same version-1 file agree on every id and stamp
 * (so their copies merge), and the upgrade is written as version 2. The
 * committed sample is only read. */
static void
test_v1_upgrade (void)
{
  g_autoptr(RvSecret) password = secret ("sample vault v1 — pässword");
  g_autofree char *dir = rv_test_make_tmpdir ();
  g_autofree char *one = g_build_filename (dir, "one.rvault", NULL);
  g_autofree char *two = g_build_filename (dir, "two.rvault", NULL);
  g_autoptr(RvVault) a = NULL;
  g_autoptr(RvVault) b = NULL;
  g_autoptr(RvVault) again = NULL;
  g_autoptr(RvMergeReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ca = NULL;
  g_autofree char *cb = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (rv_test_source_path ("data/sample-v1.rvault"), &contents,
                                      &len, NULL));
  g_assert_cmpint (contents[8], ==, 1);
  g_assert_true (g_file_set_contents (one, contents, len, NULL));
  g_assert_true (g_file_set_contents (two, contents, len, NULL));
  a = rv_vault_open (one, password, &error);
  g_assert_no_error (error);
  b = rv_vault_open (two, password, &error);
  g_assert_no_error (error);
  ca = canonical (a);
  cb = canonical (b);
  g_assert_cmpstr (ca, ==, cb);
  g_assert_true (rv_vault_merge (a, b, &report, &error));
  g_assert_cmpuint (report->changes, ==, 0);

  rv_vault_mark_dirty (a);
  g_assert_true (rv_vault_save (a, &error));
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (one, &contents, &len, NULL));
  g_assert_cmpint (contents[8], ==, 2);
  again = rv_vault_open (one, password, &error);
  g_assert_no_error (error);
  g_clear_pointer (&ca, g_free);
  ca = canonical (again);
  g_assert_cmpstr (ca, ==, cb);
  rv_vault_close (a);
  rv_vault_close (b);
  rv_vault_close (again);
  rv_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("RV_DEVICE_ID", "00000000-0000-4000-8000-00000000000a", TRUE);

#define ADD(name, func) \
  g_test_add ("/vault-merge/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("newer-edit-wins-older-kept", test_newer_edit_wins_older_kept);
  ADD ("replaced-secret-in-history", test_replaced_secret_in_history);
  ADD ("used-code-stays-used", test_used_code_stays_used);
  ADD ("codes-union", test_codes_union);
  ADD ("removal-wins-over-older-edit", test_removal_wins_over_older_edit);
  ADD ("removal-loses-to-newer-edit", test_removal_loses_to_newer_edit);
  ADD ("unchanged-edit-loses-to-removal", test_unchanged_edit_loses_to_removal);
  ADD ("code-removal", test_code_removal);
  ADD ("new-accounts-and-requests", test_new_accounts_and_requests);
  ADD ("request-removal", test_request_removal);
  ADD ("other-vault-refused", test_other_vault_refused);
  ADD ("history-bounded", test_history_bounded);
  ADD ("saved-and-reopened", test_saved_and_reopened);
#undef ADD
  g_test_add_func ("/vault-merge/v1-upgrade", test_v1_upgrade);
  g_test_add_func ("/vault-merge/stamp-device-ids", test_stamp_device_ids);
  return g_test_run ();
}
