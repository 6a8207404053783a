#!/usr/bin/python3
"""Journey: `recovery-vault FILE` (as the desktop file's %F does): once the
vault is unlocked, a preview says what will be added, skipped and rejected;
nothing is written before it is confirmed. Cancel first (the vault stays
empty), then again with the file and confirm.

SPDX-License-Identifier: GPL-3.0-or-later
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import journey as j  # noqa: E402

FILE = os.path.join(j.IMPORT_DATA, "aegis-plain.json")


def preview(app):
    heading = j.poll("the preview", lambda: [
        h for h in app.find_all("label", None)
        if h.name.startswith("Import Aegis File")])[0]
    return app.toplevel(heading)


def open_with_file(vault):
    app = j.launch(vault, FILE)
    app.type_into(app.find("text", "Password"), j.PASSWORD, enter=True)
    return app


def main():
    vault = j.new_vault()
    vault.init()

    j.step("open with a file, cancel the preview")
    app = open_with_file(vault)
    dialog = preview(app)
    texts = " ".join(l.name for l in app.find_all("label", None, node=dialog))
    for what in ("4 accounts will be added", "Deno (Mason)", "Rejected", "Old VPN (Lucas)"):
        assert what in texts, "%r not in the preview: %s" % (what, texts)
    assert vault.accounts() == [], "written before the preview was confirmed"
    app.click("push button", "Cancel", node=dialog)
    app.gone("push button", "Cancel", node=dialog)
    app.quit()
    assert vault.accounts() == []

    j.step("open with a file, confirm")
    app = open_with_file(vault)
    dialog = preview(app)
    app.click("push button", "Import 4 Accounts", node=dialog)
    j.poll("4 accounts saved", lambda: len(vault.accounts()) == 4)
    app.quit()


j.run(main)
