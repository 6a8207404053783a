/* rv-compartment-gate.h: open the recovery-code compartment before showing or adding codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "rv-vault.h"

G_BEGIN_DECLS

typedef void (*RvCompartmentGateFunc) (GObject *owner);

/* Calls @func (@owner) once @vault's recovery-code compartment is open: at
 * once if it is off or open already, else after asking for its password in
 * a dialog over @widget's window (Enter accepts; the key is derived in a
 * thread). Nothing is called if the user cancels. */
void      rv_compartment_gate_run  (GtkWidget             *widget,
                                    RvVault               *vault,
                                    GObject               *owner,
                                    RvCompartmentGateFunc  func);

G_END_DECLS
