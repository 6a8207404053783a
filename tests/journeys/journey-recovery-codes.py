#!/usr/bin/python3
"""Journey: recovery codes on an account's page. Type a set of codes and save
them; reveal one, mark it used (the code is hidden again), then undo with
Mark Unused; `rvault recovery-codes --list` reads the same state back.

SPDX-License-Identifier: GPL-3.0-or-later
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import journey as j  # noqa: E402

CODES = ["1234-5678", "badc-0ffe", "e0dd-f00d", "4321-8765"]


def listed(vault):
    out = vault.rvault("recovery-codes", "Alpha", "--list", "--json").stdout
    return json.loads(out)["recovery_codes"]


def button(app, name):
    """Buttons whose accessible name is name (GTK 4.8 may add the mnemonic)."""
    return [b for b in app.find_all("push button", None)
            if b.name == name or b.name.endswith(" " + name)]


def main():
    vault = j.new_vault()
    vault.init()
    vault.add("JBSWY3DPEHPK3PXP", "--issuer", "Alpha")
    app = j.launch(vault)
    app.type_into(app.find("text", "Password"), j.PASSWORD, enter=True)
    app.find("list", "Accounts")
    app.click("push button", "Account Details")

    j.step("type and save a set of codes")
    text = app.find("text", "New recovery codes, one per line")
    # One code a line, Return between them (xdotool types "\n" as Linefeed,
    # which a text view does not take as a new line).
    app.type_into(text, CODES[0])
    for code in CODES[1:]:
        j.press("Return")
        j.type_text(code)
    app.click("push button", j.poll("Save Codes", lambda: button(app, "Save Codes"))[0].name)
    j.poll("4 codes saved", lambda: listed(vault)["total"] == 4)
    app.find("label", "4 of 4 unused")

    j.step("reveal code 2")
    app.click("push button", "Reveal code 2")
    app.find("label", CODES[1])
    app.find("push button", "Hide code 2")

    j.step("mark it used: it is hidden again")
    app.click("push button", "Mark code 2 as used")
    dialog = app.dialog("Mark Code 2 as Used?")
    app.click("push button", j.poll("Mark Used", lambda: [
        b for b in app.find_all("push button", None, node=dialog)
        if b.name.endswith("Mark Used")])[0].name, node=dialog)
    j.poll("code 2 used in the vault", lambda: listed(vault)["codes"][1]["used"])
    app.find("label", "3 of 4 unused")
    app.gone("label", CODES[1])
    app.find("push button", "Reveal code 2")

    j.step("mark it unused again")
    app.click("push button", "Mark code 2 as unused")
    j.poll("code 2 unused in the vault", lambda: not listed(vault)["codes"][1]["used"])
    app.find("label", "4 of 4 unused")
    app.find("push button", "Mark code 2 as used")

    app.quit()
    codes = listed(vault)
    assert codes["unused"] == 4 and codes["total"] == 4, codes
    shown = json.loads(vault.rvault("recovery-codes", "Alpha", "--list", "--json",
                                    "--reveal").stdout)["recovery_codes"]["codes"]
    assert [c["code"] for c in shown] == CODES, shown


j.run(main)
