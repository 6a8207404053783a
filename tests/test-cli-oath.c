/* test-cli-oath.c: `rvault oath` and `rvault uri`, exit codes and messages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "rv-base32.h"
#include "rv-otp.h"
#include "rv-test-util.h"

#define RUN(run, input, ...) \
  rv_test_rvault (run, input, NULL, (const char *const[]) { __VA_ARGS__, NULL })

static void
test_oath_rfc6238 (void)
{
  g_auto(RvTestRun) run = { 0 };

  /* "12345678901234567890" in base32, RFC 6238's SHA1 vector at 59 s. */
  RUN (&run, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\n", "oath", "--digits", "8", "--at", "59");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "94287082\n");
  g_assert_cmpstr (run.err, ==, "");
}

static void
test_oath_hotp_and_steam (void)
{
  g_auto(RvTestRun) hotp = { 0 };
  g_auto(RvTestRun) steam = { 0 };

  RUN (&hotp, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "oath", "--hotp", "--counter", "9");
  g_assert_cmpint (hotp.status, ==, 0);
  g_assert_cmpstr (hotp.out, ==, "520489\n");

  RUN (&steam, "63BEDWCQZKTQWPESARIERL5DTTQFCJTK", "oath", "--steam", "--at", "1511200518");
  g_assert_cmpint (steam.status, ==, 0);
  g_assert_cmpstr (steam.out, ==, "FR8RV\n");
}

typedef struct
{
  const char *input;
  const char *args[6];
  const char *message_part;
} BadOath;

static const BadOath bad_oath[] = {
  { "JBSWY3DPEHPK3PX1", { "oath" }, "'1' at position 16" },
  { "", { "oath" }, "empty" },
  { "JBSWY3DPEHPK3PXP", { "oath", "--digits", "4" }, "between 6 and 10" },
  { "JBSWY3DPEHPK3PXP", { "oath", "--algorithm", "md5" }, "“md5”" },
  { "JBSWY3DPEHPK3PXP", { "oath", "--period", "0" }, "period" },
  { "JBSWY3DPEHPK3PXP", { "oath", "--hotp", "--steam" }, "only one" },
  { "JBSWY3DPEHPK3PXP", { "oath", "JBSWY3DPEHPK3PXP" }, "standard input" },
  { "JBSWY3DPEHPK3PXP", { "oath", "--bogus" }, "--bogus" },
  { "JBSWY3DPEHPK3PXP", { "frobnicate" }, "Unknown command" },
};

static void
test_oath_bad (gconstpointer data)
{
  const BadOath *bad = data;
  g_auto(RvTestRun) run = { 0 };

  rv_test_rvault (&run, bad->input, NULL, bad->args);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, "rvault: "));
  if (strstr (run.err, bad->message_part) == NULL)
    g_error ("“%s” does not mention “%s”", run.err, bad->message_part);
  /* One line: a reason, not a backtrace. */
  g_assert_cmpint (strchr (run.err, '\n') - run.err, ==, strlen (run.err) - 1);
}

/* Agreement with oathtool on random secrets, times and parameters. */
static void
test_oath_matches_oathtool (void)
{
  g_autofree char *oathtool = g_find_program_in_path ("oathtool");
  static const char *algorithms[] = { "sha1", "sha256", "sha512" };

  if (oathtool == NULL)
    {
      g_test_skip ("oathtool is not installed");
      return;
    }

  for (guint n = 0; n < 60; n++)
    {
      gsize len = g_test_rand_int_range (10, 64);
      g_autoptr(RvSecret) key = rv_secret_new (len);
      g_autoptr(RvSecret) b32 = NULL;
      g_autofree char *hex = NULL;
      g_autofree char *digits = g_strdup_printf ("%d", g_test_rand_int_range (6, 9));
      g_autofree char *period = g_strdup_printf ("%d", g_test_rand_int_range (1, 120));
      g_autofree char *at = g_strdup_printf ("%d", g_test_rand_int_range (0, G_MAXINT));
      g_autofree char *counter = g_strdup_printf ("%d", g_test_rand_int_range (0, 100000));
      g_autofree char *totp_arg = NULL;
      g_autofree char *now_arg = NULL;
      g_autofree char *step_arg = NULL;
      g_autofree char *peer_out = NULL;
      const char *algorithm = algorithms[n % 3];
      gboolean use_hotp = n % 4 == 3;
      g_auto(RvTestRun) ours = { 0 };
      g_autoptr(GError) error = NULL;
      int peer_status;

      for (gsize i = 0; i < len; i++)
        rv_secret_get_mutable_data (key)[i] = g_test_rand_int_range (0, 256);
      b32 = rv_base32_encode_secret (key);
      hex = g_malloc0 (len * 2 + 1);
      for (gsize i = 0; i < len; i++)
        g_snprintf (hex + 2 * i, 3, "%02x", rv_secret_get_data (key)[i]);

      if (use_hotp)
        {
          const char *peer[] = { oathtool, "--hotp", "--digits", digits, "--counter", counter, hex, NULL };

          RUN (&ours, rv_secret_get_string (b32), "oath", "--hotp", "--algorithm", "sha1",
               "--digits", digits, "--counter", counter);
          g_spawn_sync (NULL, (char **) peer, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                        &peer_out, NULL, &peer_status, &error);
        }
      else
        {
          g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (g_ascii_strtoll (at, NULL, 10));
          g_autofree char *iso = g_date_time_format (when, "%Y-%m-%d %H:%M:%S UTC");
          const char *peer[7];

          totp_arg = g_strdup_printf ("--totp=%s", algorithm);
          now_arg = g_strdup_printf ("--now=%s", iso);
          step_arg = g_strdup_printf ("--time-step-size=%ss", period);
          peer[0] = oathtool, peer[1] = totp_arg, peer[2] = now_arg, peer[3] = step_arg;
          peer[4] = g_strdup_printf ("--digits=%s", digits), peer[5] = hex, peer[6] = NULL;
          RUN (&ours, rv_secret_get_string (b32), "oath", "--algorithm", algorithm,
               "--digits", digits, "--period", period, "--at", at);
          g_spawn_sync (NULL, (char **) peer, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                        &peer_out, NULL, &peer_status, &error);
          g_free ((char *) peer[4]);
        }
      g_assert_no_error (error);
      g_assert_cmpint (ours.status, ==, 0);
      g_assert_cmpstr (ours.out, ==, peer_out);
    }
}

static void
test_uri_json (void)
{
  g_auto(RvTestRun) run = { 0 };
  g_auto(RvTestRun) revealed = { 0 };
  const char *uri = "otpauth://totp/ACME%20Co:john?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co&digits=8";

  RUN (&run, uri, "uri");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"issuer\" : \"ACME Co\""));
  g_assert_nonnull (strstr (run.out, "\"account\" : \"john\""));
  g_assert_nonnull (strstr (run.out, "\"digits\" : 8"));
  g_assert_null (strstr (run.out, "JBSWY3DPEHPK3PXP"));
  g_assert_null (strstr (run.err, "JBSWY3DPEHPK3PXP"));

  RUN (&revealed, uri, "uri", "--reveal");
  g_assert_cmpint (revealed.status, ==, 0);
  g_assert_nonnull (strstr (revealed.out, "\"secret\" : \"JBSWY3DPEHPK3PXP\""));
  {
    g_autoptr(JsonParser) parser = json_parser_new ();

    g_assert_true (json_parser_load_from_data (parser, revealed.out, -1, NULL));
  }
}

static void
test_uri_bad (void)
{
  g_auto(RvTestRun) run = { 0 };

  RUN (&run, "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=MD5", "uri");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==,
                   "rvault: Unknown algorithm “MD5”: expected SHA1, SHA256 or SHA512\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/oath/rfc6238", test_oath_rfc6238);
  g_test_add_func ("/cli/oath/hotp-steam", test_oath_hotp_and_steam);
  for (guint i = 0; i < G_N_ELEMENTS (bad_oath); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli/oath/bad/%u", i);
      g_test_add_data_func (path, &bad_oath[i], test_oath_bad);
    }
  g_test_add_func ("/cli/oath/oathtool", test_oath_matches_oathtool);
  g_test_add_func ("/cli/uri/json", test_uri_json);
  g_test_add_func ("/cli/uri/bad", test_uri_bad);

  return g_test_run ();
}
