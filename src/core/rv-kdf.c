/* rv-kdf.c: Argon2id password hashing and its calibration
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The password slot's cost is chosen once per process: 256 MiB of memory (or
 * libsodium's INTERACTIVE amount when the machine has little free memory) and
 * as many passes as fit in the target time (500 ms, or RV_KDF_TARGET_MS).
 * Never below crypto_pwhash_OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rv-kdf.h"
#include "rv-vault.h"

#include <sodium.h>
#include <string.h>
#include <time.h>

#define DEFAULT_TARGET_MS  500
#define LARGE_MEMLIMIT     ((guint64) 256 * 1024 * 1024)
/* Parameters read from a file are bounded so that a forged header cannot make
 * an open allocate the whole machine or run for hours. */
#define MAX_MEMLIMIT       ((guint64) 4 * 1024 * 1024 * 1024)
#define MAX_OPSLIMIT       ((guint64) 1000)

G_LOCK_DEFINE_STATIC (calibration);
static RvKdfParams calibrated;
static gboolean    have_calibrated;

void
rv_kdf_params_interactive (RvKdfParams *params)
{
  g_return_if_fail (params != NULL);

  params->opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
  params->memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
  params->alg = crypto_pwhash_ALG_ARGON2ID13;
}

guint
rv_kdf_get_target_ms (void)
{
  const char *env = g_getenv ("RV_KDF_TARGET_MS");
  guint64 value;

  if (env != NULL && g_ascii_string_to_unsigned (env, 10, 1, 60000, &value, NULL))
    return (guint) value;
  return DEFAULT_TARGET_MS;
}

static guint64
available_memory (void)
{
  g_autofree char *meminfo = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/meminfo", &meminfo, NULL, NULL))
    return G_MAXUINT64;
  line = strstr (meminfo, "MemAvailable:");
  if (line == NULL)
    return G_MAXUINT64;
  return g_ascii_strtoull (line + strlen ("MemAvailable:"), NULL, 10) * 1024;
}

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* Milliseconds one derivation takes with @params, or -1 if it failed. CPU
 * time, not wall time: a machine busy with other work at calibration time
 * must not make every later unlock weaker. */
static double
time_derivation (const RvKdfParams *params)
{
  guint8 key[RV_KDF_KEY_BYTES];
  guint8 salt[RV_KDF_SALT_BYTES] = { 0 };
  double start = thread_cpu_ms ();
  int rc;

  rc = crypto_pwhash (key, sizeof key, "calibration", strlen ("calibration"), salt,
                      params->opslimit, (size_t) params->memlimit, params->alg);
  sodium_memzero (key, sizeof key);
  if (rc != 0)
    return -1;
  return thread_cpu_ms () - start;
}

static void
calibrate (RvKdfParams *params)
{
  guint target = rv_kdf_get_target_ms ();
  double ms2, ms3, per_pass;
  gint64 ops;

  rv_kdf_params_interactive (params);
  /* No machine derives the INTERACTIVE minimum in under 10 ms: skip timing. */
  if (target < 10)
    return;
  if (available_memory () < 4 * LARGE_MEMLIMIT)
    return;

  params->memlimit = LARGE_MEMLIMIT;
  ms2 = time_derivation (params);
  if (ms2 <= 0 || ms2 > target)
    {
      /* A slow machine or a short target: the minimum already costs enough. */
      rv_kdf_params_interactive (params);
      return;
    }
  params->opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE + 1;
  ms3 = time_derivation (params);
  if (ms2 <= 0 || ms3 <= 0)
    {
      rv_kdf_params_interactive (params);
      return;
    }
  /* Time is a fixed cost (touching the memory) plus a cost per pass: fit
   * both from two runs and take the most passes that fit in the target. */
  per_pass = MAX (ms3 - ms2, 1.0);
  ops = (gint64) params->opslimit + (gint64) ((target - ms3) / per_pass + 0.5);
  params->opslimit = CLAMP (ops, (gint64) crypto_pwhash_OPSLIMIT_INTERACTIVE, (gint64) MAX_OPSLIMIT);
}

/* The parameters for a new password slot on this machine, computed once. */
void
rv_kdf_get_calibrated (RvKdfParams *params)
{
  g_return_if_fail (params != NULL);

  G_LOCK (calibration);
  if (!have_calibrated)
    {
      calibrate (&calibrated);
      have_calibrated = TRUE;
    }
  *params = calibrated;
  G_UNLOCK (calibration);
}

gboolean
rv_kdf_params_are_sane (const RvKdfParams *params,
                        GError           **error)
{
  g_return_val_if_fail (params != NULL, FALSE);

  if (params->alg != crypto_pwhash_ALG_ARGON2ID13)
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT,
                   _("Unknown key derivation algorithm %d"), params->alg);
      return FALSE;
    }
  if (params->opslimit < crypto_pwhash_OPSLIMIT_MIN || params->opslimit > MAX_OPSLIMIT ||
      params->memlimit < crypto_pwhash_MEMLIMIT_MIN || params->memlimit > MAX_MEMLIMIT)
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT,
                   _("Key derivation parameters out of range (%llu passes, %llu bytes)"),
                   (unsigned long long) params->opslimit,
                   (unsigned long long) params->memlimit);
      return FALSE;
    }
  return TRUE;
}

/* Returns: (transfer full): the 32-byte key derived from @password. */
RvSecret *
rv_kdf_derive (const RvSecret    *password,
               const guint8       salt[RV_KDF_SALT_BYTES],
               const RvKdfParams *params,
               GError           **error)
{
  g_autoptr(RvSecret) key = NULL;

  g_return_val_if_fail (password != NULL, NULL);
  g_return_val_if_fail (salt != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);

  if (!rv_kdf_params_are_sane (params, error))
    return NULL;

  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");

  key = rv_secret_new (RV_KDF_KEY_BYTES);
  if (crypto_pwhash (rv_secret_get_mutable_data (key), RV_KDF_KEY_BYTES,
                     rv_secret_get_string (password), rv_secret_get_size (password),
                     salt, params->opslimit, (size_t) params->memlimit, params->alg) != 0)
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_IO,
                   _("Not enough memory to derive the key (%llu MiB needed)"),
                   (unsigned long long) (params->memlimit / (1024 * 1024)));
      return NULL;
    }
  return g_steal_pointer (&key);
}
