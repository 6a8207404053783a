/* rv-gui-test-util.h: helpers for the in-process GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rv-application.h"
#include "rv-vault.h"

G_BEGIN_DECLS

#define RV_GUI_TEST_PASSWORD "correct horse battery staple"

/* Initialises GTK and libadwaita for tests; returns FALSE (and the test
 * program should skip) when no display is available. */
gboolean       rv_gui_test_init          (int        *argc,
                                          char     ***argv);
/* A registered, non-unique RvApplication (startup has run). */
RvApplication *rv_gui_test_app_new       (void);
/* Iterates the default main context until *@flag is TRUE or @timeout_ms
 * passes; returns *@flag. */
gboolean       rv_gui_test_wait_for      (gboolean   *flag,
                                          guint       timeout_ms);
/* Iterates the main context for @ms milliseconds. */
void           rv_gui_test_run_for       (guint       ms);
/* Waits until @widget is mapped and has a size. */
gboolean       rv_gui_test_wait_mapped   (GtkWidget  *widget);
/* Every descendant of @root of type @type, depth first. */
GPtrArray     *rv_gui_test_find_all      (GtkWidget  *root,
                                          GType       type);
GtkWidget     *rv_gui_test_find_first    (GtkWidget  *root,
                                          GType       type);
/* A vault at @path with cheap key derivation (tests only) and
 * RV_GUI_TEST_PASSWORD. */
RvVault       *rv_gui_test_create_vault  (const char *path);
/* Adds a TOTP account from an otpauth URI. */
RvAccount     *rv_gui_test_add_uri       (RvVault    *vault,
                                          const char *uri);
/* Reads the clipboard's text, waiting for the async read. */
char          *rv_gui_test_read_clipboard (GdkClipboard *clipboard);

G_END_DECLS
