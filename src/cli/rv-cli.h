/* rv-cli.h: the rvault command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdio.h>
#include <json-glib/json-glib.h>

#include "rv-secret.h"
#include "rv-vault.h"

G_BEGIN_DECLS

typedef enum
{
  RV_CLI_EXIT_OK      = 0,
  RV_CLI_EXIT_FAILURE = 1,   /* the command could not be carried out */
  RV_CLI_EXIT_USAGE   = 2,   /* bad arguments or bad input */
  RV_CLI_EXIT_PARTIAL = 3,   /* import: some entries were rejected, nothing imported */
} RvCliExit;

/* Options that come before the command name. */
typedef struct
{
  char *vault_path;
  int   password_fd;
} RvCliGlobal;

typedef int (*RvCliCommandFunc) (RvCliGlobal  *global,
                                 int           argc,
                                 char        **argv);

typedef struct
{
  const char       *name;
  RvCliCommandFunc  func;
  const char       *summary;
} RvCliCommand;

int        rv_cli_run             (int            argc,
                                   char         **argv);
void       rv_cli_error           (const char    *format,
                                   ...) G_GNUC_PRINTF (1, 2);
int        rv_cli_fail            (GError        *error,
                                   int            status);
gboolean   rv_cli_parse_options   (GOptionContext *context,
                                   int            *argc,
                                   char         ***argv);
void       rv_cli_print_json      (JsonNode      *node);

/* Everything rvault prints goes through these (rv-cli-output.c): control
 * characters from the vault or a file are shown as \uXXXX, never sent to the
 * terminal (newline and tab pass). Valid inside JSON strings too. */
char      *rv_cli_escape          (const char    *text,
                                   gssize         len);
void       rv_cli_write           (FILE          *out,
                                   const char    *text,
                                   gssize         len);
void       rv_cli_vprint          (FILE          *out,
                                   const char    *format,
                                   va_list        args) G_GNUC_PRINTF (2, 0);
void       rv_cli_print           (const char    *format,
                                   ...) G_GNUC_PRINTF (1, 2);
void       rv_cli_eprint          (const char    *format,
                                   ...) G_GNUC_PRINTF (1, 2);
void       rv_cli_write_secret    (const RvSecret *secret);

/* Commands, one file per area. */
int        rv_cli_oath            (RvCliGlobal *global, int argc, char **argv);
int        rv_cli_uri             (RvCliGlobal *global, int argc, char **argv);

/* Vault commands (issue 3) */
int        rv_cli_init            (RvCliGlobal *global, int argc, char **argv);
int        rv_cli_add             (RvCliGlobal *global, int argc, char **argv);
int        rv_cli_list            (RvCliGlobal *global, int argc, char **argv);
int        rv_cli_code            (RvCliGlobal *global, int argc, char **argv);
int        rv_cli_show            (RvCliGlobal *global, int argc, char **argv);
int        rv_cli_edit            (RvCliGlobal *global, int argc, char **argv);
int        rv_cli_remove          (RvCliGlobal *global, int argc, char **argv);
int        rv_cli_recovery_codes  (RvCliGlobal *global, int argc, char **argv);
int        rv_cli_passwd          (RvCliGlobal *global, int argc, char **argv);
int        rv_cli_keyring         (RvCliGlobal *global, int argc, char **argv);
int        rv_cli_rotate_key      (RvCliGlobal *global, int argc, char **argv);
int        rv_cli_info            (RvCliGlobal *global, int argc, char **argv);
/* The recovery-code compartment (rv-cli-compartment.c) */
int        rv_cli_compartment     (RvCliGlobal *global, int argc, char **argv);
gboolean   rv_cli_open_compartment (RvVault    *vault,
                                    int         fd,
                                    int        *status);

/* Recovery requests (issue 5) */
int        rv_cli_request         (RvCliGlobal *global, int argc, char **argv);
int        rv_cli_providers       (RvCliGlobal *global, int argc, char **argv);

/* Backups, import and export (issue 6) */
int        rv_cli_export          (RvCliGlobal *global, int argc, char **argv);
int        rv_cli_verify_backup   (RvCliGlobal *global, int argc, char **argv);
int        rv_cli_restore         (RvCliGlobal *global, int argc, char **argv);
int        rv_cli_health          (RvCliGlobal *global, int argc, char **argv);
int        rv_cli_auto_backup     (RvCliGlobal *global, int argc, char **argv);
int        rv_cli_import          (RvCliGlobal *global, int argc, char **argv);
int        rv_cli_emergency_sheet (RvCliGlobal *global, int argc, char **argv);

/* After a command saved a change: the app's automatic backup, when it is on
 * for this vault (rv-cli-backup.c). Returns the exit status. */
int        rv_cli_back_up_after_change     (RvVault *vault);
/* After an unlock with the typed password: the health bookkeeping
 * (rv-cli-health.c). Returns @vault. */
RvVault   *rv_cli_record_password_entered  (RvVault *vault);

/* Sync (issue 12) */
int        rv_cli_sync_status     (RvCliGlobal *global, int argc, char **argv);

G_END_DECLS
