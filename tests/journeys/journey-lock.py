#!/usr/bin/python3
"""Journey: lock (Ctrl+L), a wrong password (refused, the vault stays locked),
then the right one (the accounts are back).

SPDX-License-Identifier: GPL-3.0-or-later
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import journey as j  # noqa: E402


def main():
    vault = j.new_vault()
    vault.init()
    vault.add("JBSWY3DPEHPK3PXP", "--issuer", "Example")
    app = j.launch(vault)
    app.type_into(app.find("text", "Password"), j.PASSWORD, enter=True)
    app.find("label", "Example")

    j.step("lock")
    app.click("push button", "Lock")
    app.find("label", "Vault Locked")
    app.gone("label", "Example")

    j.step("a wrong password is refused")
    app.type_into(app.find("text", "Password"), "not the password", enter=True)
    j.poll("an error said", lambda: [l for l in app.find_all("label", None)
                                     if "password" in l.name.lower() and
                                     l.name not in ("Password",) and
                                     "Enter your password" not in l.name])
    assert not app.find_all("label", "Example")
    app.find("label", "Vault Locked")

    j.step("the right password unlocks")
    j.press("ctrl+a", "BackSpace")
    j.type_text(j.PASSWORD)
    j.press("Return")
    app.find("label", "Example")
    app.quit()


j.run(main)
