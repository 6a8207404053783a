/* rv-vault-sync.c: a vault in a synced folder: conflict copies, status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sync engines never merge: when two machines changed the vault between
 * syncs they keep both, the loser renamed beside it. Here those copies are
 * found by their engine's name pattern, merged with rv_vault_merge(), and
 * moved away only after the merged vault is saved. See docs/sync.md.
 */
#include "config.h"

#include "rv-vault-sync.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rv-util.h"
#include "rv-vault-merge.h"

void
rv_sync_result_free (RvSyncResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->problems, g_ptr_array_unref);
  g_free (result);
}

/* "vault.rvault" -> "vault" and ".rvault" (a name without a dot has no extension). */
static void
split_name (const char  *name,
            char       **stem,
            char       **ext)
{
  const char *dot = strrchr (name, '.');

  if (dot == NULL || dot == name)
    dot = name + strlen (name);
  *stem = g_strndup (name, dot - name);
  *ext = g_strdup (dot);
}

gboolean
rv_sync_is_conflict_copy_name (const char *vault_name,
                               const char *name)
{
  g_autofree char *stem = NULL;
  g_autofree char *ext = NULL;
  g_autofree char *s = NULL;
  g_autofree char *e = NULL;
  g_autofree char *pattern = NULL;

  split_name (vault_name, &stem, &ext);
  s = g_regex_escape_string (stem, -1);
  e = g_regex_escape_string (ext, -1);
  pattern = g_strdup_printf (
    "^%s(?:"
    /* Syncthing: NAME.sync-conflict-20261206-101500-ABCDEFG.EXT */
    "\\.sync-conflict-[0-9]{8}-[0-9]{6}-[A-Z0-9]{7}"
    /* Nextcloud (and ownCloud): NAME (conflicted copy [USER ]2026-12-06 101500).EXT */
    "| \\(conflicted copy (?:[^()]+ )?[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{6}\\)"
    /* Dropbox: NAME (HOST's conflicted copy 2026-12-06[ (1)]).EXT */
    "| \\([^()]+['\u2019]s conflicted copy [0-9]{4}-[0-9]{2}-[0-9]{2}(?: \\([0-9]+\\))?\\)"
    ")%s$", s, e);
  return g_regex_match_simple (pattern, name, 0, 0);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

GPtrArray *
rv_sync_find_conflict_copies (const char *vault_path)
{
  g_autofree char *folder = g_path_get_dirname (vault_path);
  g_autofree char *name = g_path_get_basename (vault_path);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  GPtrArray *copies = g_ptr_array_new_with_free_func (g_free);
  const char *entry;

  if (dir == NULL)
    return copies;
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;

      if (!rv_sync_is_conflict_copy_name (name, entry))
        continue;
      path = g_build_filename (folder, entry, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (copies, g_steal_pointer (&path));
    }
  g_ptr_array_sort (copies, compare_paths);
  return copies;
}

static char *
state_folder (const char *vault_id)
{
  return g_build_filename (g_get_user_state_dir (), "recovery-vault", vault_id, NULL);
}

static void
record_merge (const char *vault_id,
              guint       copies,
              guint       changes)
{
  g_autofree char *folder = state_folder (vault_id);
  g_autofree char *path = g_build_filename (folder, "last-merge", NULL);
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  g_key_file_set_int64 (file, "merge", "time", rv_now ());
  g_key_file_set_uint64 (file, "merge", "copies", copies);
  g_key_file_set_uint64 (file, "merge", "changes", changes);
  if (g_mkdir_with_parents (folder, 0700) != 0 ||
      !g_key_file_save_to_file (file, path, &error))
    g_debug ("Could not record the merge in %s", path);
}

gboolean
rv_sync_get_last_merge (const char *vault_id,
                        gint64     *when,
                        guint      *copies,
                        guint      *changes)
{
  g_autofree char *folder = state_folder (vault_id);
  g_autofree char *path = g_build_filename (folder, "last-merge", NULL);
  g_autoptr(GKeyFile) file = g_key_file_new ();

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, NULL))
    return FALSE;
  *when = g_key_file_get_int64 (file, "merge", "time", NULL);
  *copies = (guint) g_key_file_get_uint64 (file, "merge", "copies", NULL);
  *changes = (guint) g_key_file_get_uint64 (file, "merge", "changes", NULL);
  return *when > 0;
}

/* Moves @path into conflicts/merged/ beside the vault, never over a file. */
static gboolean
move_merged (const char  *vault_path,
             const char  *path,
             GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (vault_path);
  g_autofree char *target_dir = g_build_filename (folder, "conflicts", "merged", NULL);
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *target = g_build_filename (target_dir, name, NULL);

  if (g_mkdir_with_parents (target_dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create %s: %s"), target_dir, g_strerror (saved));
      return FALSE;
    }
  for (guint i = 2; g_file_test (target, G_FILE_TEST_EXISTS); i++)
    {
      g_free (target);
      target = g_strdup_printf ("%s%s%s.%u", target_dir, G_DIR_SEPARATOR_S, name, i);
    }
  if (g_rename (path, target) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not move %s to %s: %s"), path, target, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

gboolean
rv_sync_merge_conflict_copies (RvVault         *vault,
                               const RvSecret  *password,
                               RvSyncResult   **result_out,
                               GError         **error)
{
  const char *path = rv_vault_get_path (vault);
  g_autoptr(GPtrArray) copies = rv_sync_find_conflict_copies (path);
  g_autoptr(GPtrArray) merged = g_ptr_array_new ();
  g_autoptr(RvSyncResult) result = g_new0 (RvSyncResult, 1);

  g_return_val_if_fail (RV_IS_VAULT (vault), FALSE);

  result->problems = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < copies->len; i++)
    {
      const char *copy_path = g_ptr_array_index (copies, i);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(RvVault) copy = NULL;
      g_autoptr(RvMergeReport) report = NULL;

      copy = rv_vault_open_copy (vault, copy_path, password, &local_error);
      if (copy == NULL || !rv_vault_merge (vault, copy, &report, &local_error))
        {
          g_ptr_array_add (result->problems,
                           g_strdup_printf (_("Conflict copy %s was not merged: %s"),
                                            copy_path, local_error->message));
          continue;
        }
      result->changes += report->changes;
      g_ptr_array_add (merged, (gpointer) copy_path);
    }

  if (merged->len > 0)
    {
      /* The copies' content is in the vault on disk before any copy moves. */
      if (rv_vault_is_dirty (vault) && !rv_vault_save (vault, error))
        return FALSE;
      for (guint i = 0; i < merged->len; i++)
        {
          g_autoptr(GError) local_error = NULL;

          if (move_merged (path, g_ptr_array_index (merged, i), &local_error))
            result->merged++;
          else
            g_ptr_array_add (result->problems, g_strdup (local_error->message));
        }
      record_merge (rv_vault_get_id (vault), result->merged, result->changes);
    }
  rv_sync_write_ignore_rules (path, NULL);
  if (result_out != NULL)
    *result_out = g_steal_pointer (&result);
  return TRUE;
}

static gboolean
has_nextcloud_journal (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *entry;

  if (dir == NULL)
    return FALSE;
  while ((entry = g_dir_read_name (dir)) != NULL)
    if ((g_str_has_prefix (entry, ".sync_") && g_str_has_suffix (entry, ".db")) ||
        g_str_equal (entry, ".nextcloudsync.log") || g_str_equal (entry, ".owncloudsync.log"))
      return TRUE;
  return FALSE;
}

RvSyncEngine
rv_sync_detect_engine (const char  *vault_path,
                       char       **root)
{
  g_autofree char *absolute = g_canonicalize_filename (vault_path, NULL);
  g_autofree char *folder = g_path_get_dirname (absolute);

  while (TRUE)
    {
      g_autofree char *stfolder = g_build_filename (folder, ".stfolder", NULL);
      g_autofree char *dropbox = g_build_filename (folder, ".dropbox", NULL);
      RvSyncEngine engine = RV_SYNC_ENGINE_NONE;
      g_autofree char *parent = NULL;

      if (g_file_test (stfolder, G_FILE_TEST_EXISTS))
        engine = RV_SYNC_ENGINE_SYNCTHING;
      else if (has_nextcloud_journal (folder))
        engine = RV_SYNC_ENGINE_NEXTCLOUD;
      else if (g_file_test (dropbox, G_FILE_TEST_EXISTS))
        engine = RV_SYNC_ENGINE_DROPBOX;
      if (engine != RV_SYNC_ENGINE_NONE)
        {
          if (root != NULL)
            *root = g_steal_pointer (&folder);
          return engine;
        }
      parent = g_path_get_dirname (folder);
      if (g_str_equal (parent, folder))
        break;
      g_free (folder);
      folder = g_steal_pointer (&parent);
    }
  if (root != NULL)
    *root = NULL;
  return RV_SYNC_ENGINE_NONE;
}

const char *
rv_sync_engine_to_string (RvSyncEngine engine)
{
  switch (engine)
    {
    case RV_SYNC_ENGINE_SYNCTHING: return "Syncthing";
    case RV_SYNC_ENGINE_NEXTCLOUD: return "Nextcloud";
    case RV_SYNC_ENGINE_DROPBOX: return "Dropbox";
    case RV_SYNC_ENGINE_NONE: break;
    }
  return NULL;
}

/* Syncthing reads .stignore from the folder root; each machine has its own
 * (it is never synced), so each rvault writes it where it runs. Patterns
 * starting with "/" are relative to that root. */
gboolean
rv_sync_write_ignore_rules (const char  *vault_path,
                            GError     **error)
{
  static const char *suffixes[] = { ".lock", ".prev", ".tmp", ".prev.tmp" };
  g_autofree char *root = NULL;
  g_autofree char *absolute = g_canonicalize_filename (vault_path, NULL);
  g_autofree char *ignore_path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GString) added = g_string_new (NULL);
  const char *relative;

  if (rv_sync_detect_engine (vault_path, &root) != RV_SYNC_ENGINE_SYNCTHING)
    return TRUE;
  relative = absolute + strlen (root);
  ignore_path = g_build_filename (root, ".stignore", NULL);
  if (!g_file_get_contents (ignore_path, &contents, NULL, NULL))
    contents = g_strdup ("");
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *line = g_strdup_printf ("%s%s", relative, suffixes[i]);
      g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);

      if (!g_strv_contains ((const char * const *) lines, line))
        g_string_append_printf (added, "%s\n", line);
    }
  if (added->len == 0)
    return TRUE;
  g_string_prepend (added, "// Recovery Vault: lock and previous copy stay on this machine\n");
  if (contents[0] != '\0' && !g_str_has_suffix (contents, "\n"))
    g_string_prepend (added, "\n");
  g_string_prepend (added, contents);
  return g_file_set_contents (ignore_path, added->str, added->len, error);
}

typedef struct
{
  RvVault          *vault;
  RvSyncMergedFunc  func;
  gpointer          user_data;
  char             *vault_name;
  guint             timeout_id;
} SyncWatch;

static void
sync_watch_free (gpointer data)
{
  SyncWatch *watch = data;

  g_clear_handle_id (&watch->timeout_id, g_source_remove);
  g_clear_object (&watch->vault);
  g_free (watch->vault_name);
  g_free (watch);
}

static gboolean
sync_watch_merge (gpointer data)
{
  GFileMonitor *monitor = data;
  SyncWatch *watch = g_object_get_data (G_OBJECT (monitor), "rv-sync-watch");
  g_autoptr(RvSyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) copies = NULL;

  watch->timeout_id = 0;
  copies = rv_sync_find_conflict_copies (rv_vault_get_path (watch->vault));
  if (copies->len == 0)
    return G_SOURCE_REMOVE;
  if (!rv_sync_merge_conflict_copies (watch->vault, NULL, &result, &error))
    watch->func (watch->vault, NULL, error, watch->user_data);
  else
    watch->func (watch->vault, result, NULL, watch->user_data);
  return G_SOURCE_REMOVE;
}

static void
sync_watch_schedule (GFileMonitor *monitor,
                     SyncWatch    *watch)
{
  /* A second's delay: the engine may still be writing the copy. */
  if (watch->timeout_id == 0)
    watch->timeout_id = g_timeout_add_seconds (1, sync_watch_merge, monitor);
}

static void
sync_watch_changed (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other,
                    GFileMonitorEvent  event,
                    gpointer           user_data)
{
  SyncWatch *watch = user_data;
  GFile *files[] = { file, other };

  if (event == G_FILE_MONITOR_EVENT_DELETED || event == G_FILE_MONITOR_EVENT_MOVED_OUT)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *name = files[i] != NULL ? g_file_get_basename (files[i]) : NULL;

      if (name != NULL && rv_sync_is_conflict_copy_name (watch->vault_name, name))
        {
          sync_watch_schedule (monitor, watch);
          return;
        }
    }
}

GFileMonitor *
rv_sync_watch_folder (RvVault          *vault,
                      RvSyncMergedFunc  func,
                      gpointer          user_data)
{
  g_autofree char *folder_path = NULL;
  g_autoptr(GFile) folder = NULL;
  GFileMonitor *monitor;
  SyncWatch *watch;

  g_return_val_if_fail (RV_IS_VAULT (vault), NULL);
  g_return_val_if_fail (func != NULL, NULL);

  folder_path = g_path_get_dirname (rv_vault_get_path (vault));
  folder = g_file_new_for_path (folder_path);
  monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (monitor == NULL)
    return NULL;
  watch = g_new0 (SyncWatch, 1);
  watch->vault = g_object_ref (vault);
  watch->func = func;
  watch->user_data = user_data;
  watch->vault_name = g_path_get_basename (rv_vault_get_path (vault));
  g_object_set_data_full (G_OBJECT (monitor), "rv-sync-watch", watch, sync_watch_free);
  g_signal_connect (monitor, "changed", G_CALLBACK (sync_watch_changed), watch);
  sync_watch_schedule (monitor, watch);  /* copies that arrived while locked */
  return monitor;
}

void
rv_sync_watch_stop (GFileMonitor *monitor)
{
  if (monitor == NULL)
    return;
  g_file_monitor_cancel (monitor);
  g_signal_handlers_disconnect_matched (monitor, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                        sync_watch_changed, NULL);
  g_object_set_data (G_OBJECT (monitor), "rv-sync-watch", NULL);
  g_object_unref (monitor);
}
