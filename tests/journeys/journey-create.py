#!/usr/bin/python3
"""Journey: first run. Create a vault with a password typed twice, then add an
account by pasting its secret key (Ctrl+N, Ctrl+V) and naming it; rvault opens
the vault with that password and finds the account.

SPDX-License-Identifier: GPL-3.0-or-later
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import journey as j  # noqa: E402


def main():
    vault = j.new_vault()
    app = j.launch(vault)

    j.step("create the vault")
    app.type_into(app.find("text", "Password"), j.PASSWORD)
    app.type_into(app.find("text", "Confirm Password"), j.PASSWORD)
    app.click("push button", "Create Vault")
    app.find("label", "No Accounts Yet")
    j.poll("the vault file", vault.exists)
    assert vault.accounts() == []

    j.step("add by pasting a secret key: Ctrl+N, Ctrl+V")
    j.set_clipboard("JBSWY3DPEHPK3PXP")
    app.keys("ctrl+n")
    dialog = app.dialog("Add Account")
    app.keys("ctrl+v", node=dialog)
    issuer = app.find("text", "Issuer", node=dialog)
    app.type_into(issuer, "Example")
    app.click("push button", "Add", node=dialog)
    j.poll("the account saved", lambda: vault.names() == ["Example:"])
    assert vault.show("Example")["secret"] == "JBSWY3DPEHPK3PXP"
    app.quit()


j.run(main)
