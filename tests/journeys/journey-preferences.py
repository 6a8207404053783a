#!/usr/bin/python3
"""Journey: preferences. Change the clipboard delay (typed in its spin
button) and turn on "Lock with the session"; after a restart the preferences
show the same values, and a copied code is then cleared after the new delay.
The vault itself is untouched (rvault lists the same account).

SPDX-License-Identifier: GPL-3.0-or-later
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import journey as j  # noqa: E402

# Controls are named by their own label and their row's title.
SPIN = "Clear copied codes after, in seconds Clear Copied Codes After"
SWITCH = "Lock with the session Lock With the Session"


def open_preferences(app):
    app.keys("ctrl+comma")
    return app.dialog("Preferences")


def spin_value(spin):
    return int(float(spin.queryValue().currentValue))


def main():
    vault = j.new_vault()
    vault.init()
    vault.add("JBSWY3DPEHPK3PXP", "--issuer", "Alpha")
    j.set_setting("lock-on-screensaver", "false")
    app = j.launch(vault)
    app.type_into(app.find("text", "Password"), j.PASSWORD, enter=True)
    app.find("list", "Accounts")

    j.step("change the clipboard delay and lock with the session")
    prefs = open_preferences(app)
    spin = app.find("spin button", SPIN, node=prefs)
    assert spin_value(spin) == 30, spin_value(spin)
    app.type_into(spin, "")
    j.press("ctrl+a")
    j.type_text("4")
    j.press("Tab")
    j.poll("the delay 4 s", lambda: spin_value(spin) == 4)
    switch = app.find("check box", SWITCH, node=prefs)
    was = switch.checked
    app.click("check box", SWITCH, node=prefs)
    j.poll("the switch toggled", lambda: switch.checked != was)
    app.keys("Escape", node=prefs)
    app.dialog_gone("Preferences")
    app.quit()

    j.step("after a restart, the same values")
    app = j.launch(vault)
    app.type_into(app.find("text", "Password"), j.PASSWORD, enter=True)
    app.find("list", "Accounts")
    prefs = open_preferences(app)
    spin = app.find("spin button", SPIN, node=prefs)
    assert spin_value(spin) == 4, spin_value(spin)
    assert app.find("check box", SWITCH, node=prefs).checked != was
    app.keys("Escape", node=prefs)
    app.dialog_gone("Preferences")

    j.step("a copied code is cleared after 4 s")
    app.mouse_click(app.find("label", "Alpha"))
    j.poll("a code on the clipboard", lambda: j.clipboard().replace(" ", "").strip().isdigit())
    j.poll("the clipboard cleared", lambda: j.clipboard().strip() == "", timeout=20)
    app.quit()
    assert vault.names() == ["Alpha:"], vault.names()


j.run(main)
