/* rv-kdf.c: Argon2id password hashing and its calibration
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The password slot's cost is chosen once per process (see
 * docs/vault-format.md, "Key derivation"): the target is 500 ms of CPU time
 * (RV_KDF_TARGET_MS overrides it; tests set it below 10 to skip timing and
 * get libsodium's INTERACTIVE cost). Starting at 256 MiB and 2 passes, each
 * step is timed warm (a first, discarded run faults the memory in and wakes
 * the CPU): while a derivation takes more than twice the target, the memory
 * steps down (256, 192, 128 MiB), then the passes (down to 1), never below
 * 128 MiB; when it takes less than the target, passes are added. Only a
 * machine without 512 MiB free falls back to INTERACTIVE (64 MiB, 2 passes).
 *
 * Parameters read from a file before anything is authenticated are bounded
 * by what this code itself ever chooses (RV_KDF_MAX_OPSLIMIT, RV_KDF_MAX_MEMLIMIT): a
 * forged header cannot make an open run for minutes or exhaust memory.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rv-kdf.h"
#include "rv-vault.h"

#include <sodium.h>
#include <string.h>
#include <time.h>

#define DEFAULT_TARGET_MS  500
#define MIB                ((guint64) 1024 * 1024)
#define LARGE_MEMLIMIT     (256 * MIB)
#define FLOOR_MEMLIMIT     (128 * MIB)
#define MEMLIMIT_STEP      (64 * MIB)

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
  double ms;

  rv_kdf_params_interactive (params);
  /* No machine derives the INTERACTIVE minimum in under 10 ms: skip timing. */
  if (target < 10)
    return;
  if (available_memory () < 4 * FLOOR_MEMLIMIT)
    return;

  params->memlimit = LARGE_MEMLIMIT;
  params->opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
  if (time_derivation (params) < 0)  /* the cold run, not counted */
    {
      rv_kdf_params_interactive (params);
      return;
    }
  ms = time_derivation (params);
  /* Too slow: less memory first, then fewer passes, never below the floor. */
  while (ms > 2.0 * target)
    {
      if (params->memlimit > FLOOR_MEMLIMIT)
        params->memlimit -= MEMLIMIT_STEP;
      else if (params->opslimit > crypto_pwhash_OPSLIMIT_MIN)
        params->opslimit--;
      else
        break;
      ms = time_derivation (params);
    }
  /* Fast: as many passes as fit in the target (a pass costs about the same
   * as the first). */
  if (ms > 0 && ms < target)
    {
      double per_pass = MAX (ms / (double) params->opslimit, 1.0);
      guint64 ops = (guint64) (target / per_pass);

      params->opslimit = CLAMP (ops, params->opslimit, RV_KDF_MAX_OPSLIMIT);
    }
  if (ms < 0)
    rv_kdf_params_interactive (params);
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
  if (params->opslimit < crypto_pwhash_OPSLIMIT_MIN || params->opslimit > RV_KDF_MAX_OPSLIMIT ||
      params->memlimit < crypto_pwhash_MEMLIMIT_MIN || params->memlimit > RV_KDF_MAX_MEMLIMIT)
    {
      g_set_error (error, RV_VAULT_ERROR, RV_VAULT_ERROR_CORRUPT,
                   _("it asks for a key derivation of %llu passes over %llu MiB, outside what "
                     "Recovery Vault ever uses (1 to %d passes, at most %d MiB): the file "
                     "looks altered"),
                   (unsigned long long) params->opslimit,
                   (unsigned long long) (params->memlimit / MIB),
                   (int) RV_KDF_MAX_OPSLIMIT, (int) (RV_KDF_MAX_MEMLIMIT / MIB));
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
