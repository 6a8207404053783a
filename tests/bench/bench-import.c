/* bench-import.c: importing a 10,000-entry Aegis plain export into a vault
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <time.h>
#include <glib/gstdio.h>

#include "rv-base32.h"
#include "rv-import.h"
#include "rv-test-util.h"

#define ROUNDS     9
#define N_ENTRIES  10000

/* CPU time of this thread in µs: on a busy machine (other builds on the same
 * two cores) wall time also counts the waits for a core. */
static gint64
cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return values[n / 2];
}

/* An Aegis plain vault with distinct random secrets, built in guarded
 * memory like a real file would be read. */
static RvSecret *
make_export (void)
{
  g_autoptr(GString) json = g_string_new ("{\"version\": 1, \"header\": {\"slots\": null, "
                                          "\"params\": null}, \"db\": {\"version\": 3, "
                                          "\"entries\": [");
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  RvSecret *data;

  for (guint i = 0; i < N_ENTRIES; i++)
    {
      guint8 raw[20];
      g_autoptr(RvSecret) b32 = NULL;

      for (guint j = 0; j < sizeof raw; j++)
        raw[j] = g_rand_int_range (rand, 0, 256);
      b32 = rv_base32_encode (raw, sizeof raw);
      g_string_append_printf (json,
                              "%s{\"type\": \"%s\", \"uuid\": \"%08x-0000-4000-8000-000000000000\", "
                              "\"name\": \"user%u@example.org\", \"issuer\": \"Service %u\", "
                              "\"note\": \"\", \"favorite\": false, \"icon\": null, "
                              "\"info\": {\"secret\": \"%s\", \"algo\": \"SHA1\", \"digits\": 6, "
                              "\"period\": 30, \"counter\": 0}, \"groups\": []}",
                              i > 0 ? ", " : "", i % 10 == 0 ? "hotp" : "totp", i, i, i,
                              rv_secret_get_string (b32));
    }
  g_string_append (json, "], \"groups\": []}}");
  data = rv_secret_new_from_data (json->str, json->len);
  memset (json->str, 0, json->len);
  return data;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RvSecret) data = make_export ();
  g_autoptr(RvSecret) password = rv_secret_new_from_string ("benchmark password");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = rv_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "bench.rvault", NULL);
  double parse_ms[ROUNDS], apply_ms[ROUNDS], total_ms[ROUNDS], save_ms[ROUNDS];
  double cpu_ms[ROUNDS];

  for (guint r = 0; r < ROUNDS; r++)
    {
      g_autoptr(RvVault) vault = NULL;
      g_autoptr(RvImportResult) result = NULL;
      g_auto(RvImportSummary) summary = { 0 };
      gint64 start, parsed, applied, saved, cpu_start;

      g_unlink (path);
      vault = rv_vault_create (path, password, &error);
      g_assert_no_error (error);

      cpu_start = cpu_time ();
      start = g_get_monotonic_time ();
      result = rv_import_parse (rv_secret_get_data (data), rv_secret_get_size (data),
                                RV_IMPORT_FORMAT_AUTO, NULL, &error);
      parsed = g_get_monotonic_time ();
      g_assert_no_error (error);
      rv_import_apply (vault, result, &summary);
      applied = g_get_monotonic_time ();
      cpu_ms[r] = (cpu_time () - cpu_start) / 1000.0;
      g_assert_cmpuint (summary.n_imported, ==, N_ENTRIES);
      g_assert_true (rv_vault_save (vault, &error));
      saved = g_get_monotonic_time ();
      g_assert_no_error (error);

      parse_ms[r] = (parsed - start) / 1000.0;
      apply_ms[r] = (applied - parsed) / 1000.0;
      total_ms[r] = (applied - start) / 1000.0;
      save_ms[r] = (saved - applied) / 1000.0;
    }

  g_print ("Aegis plain import of %d entries (%.1f MB), median of %d runs:\n", N_ENTRIES,
           rv_secret_get_size (data) / 1e6, ROUNDS);
  g_print ("  parse %.1f ms + apply into a vault %.1f ms = %.1f ms (target <= 300 ms)\n",
           median (parse_ms, ROUNDS), median (apply_ms, ROUNDS), median (total_ms, ROUNDS));
  g_print ("  CPU time of parse + apply: %.1f ms\n", median (cpu_ms, ROUNDS));
  g_print ("  (then saving the vault, not part of the target: %.1f ms)\n", median (save_ms, ROUNDS));

  rv_test_rm_rf (dir);
  return 0;
}
