#!/usr/bin/python3
"""Journey: Add Account by an otpauth:// link typed in, and by a QR code image
(tests/data/import/google-single.png) chosen in the file chooser.

SPDX-License-Identifier: GPL-3.0-or-later
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import journey as j  # noqa: E402

LINK = "otpauth://totp/Example:alice@example.com?secret=GEZDGNBVGY3TQOJQ&issuer=Example"


def find_any(app, name, node):
    return j.poll(name, lambda: [n for n in app.find_all(None, name, node=node)][0])


def main():
    vault = j.new_vault()
    vault.init()
    app = j.launch(vault)
    app.type_into(app.find("text", "Password"), j.PASSWORD, enter=True)
    app.find("label", "No Accounts Yet")

    j.step("add by link, typed where the dialog opens")
    app.click("push button", "Add Account")
    dialog = app.dialog("Add Account")
    app.focus_window(dialog)
    j.type_text(LINK)
    app.click("push button", "Add", node=dialog)
    j.poll("the account saved", lambda: vault.names() == ["Example:alice@example.com"])
    assert vault.show("Example")["secret"] == "GEZDGNBVGY3TQOJQ"

    j.step("add by QR image")
    app.keys("ctrl+n")
    dialog = app.dialog("Add Account")
    app._activate(find_any(app, "QR Image", dialog))
    app.click(None, "Open Image…", node=dialog)
    app.choose_file(os.path.join(j.IMPORT_DATA, "google-single.png"))
    app.find("label", "Found in the Image", node=dialog)
    app.click("push button", "Add", node=dialog)
    # The image holds a Google Authenticator export batch: Deno and others.
    j.poll("the image's accounts saved", lambda: "Deno:Mason" in vault.names())
    assert len(vault.accounts()) > 2
    app.quit()


j.run(main)
