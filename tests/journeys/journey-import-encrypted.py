#!/usr/bin/python3
"""Journey: import each encrypted file format from the main menu, the
password typed and confirmed with Enter (a wrong one first, asked again);
each prompt closes once answered, and Ctrl+Q then quits (a prompt left open,
modal, took the keyboard and the app never quit). The vault then holds the
same accounts as `rvault import` puts in a copy. Then a Google Authenticator
migration link file (plain), so that the imports are shared out evenly.

SPDX-License-Identifier: GPL-3.0-or-later
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import journey as j  # noqa: E402

FILES = [
    ("aegis-encrypted.json", True),
    ("andotp-encrypted.json.aes", True),
    ("2fas-encrypted.2fas", True),
    ("authplus-export.zip", True),
    ("authplus-backup.zip", True),
    ("google-single.txt", False),
]


def answer(app, password):
    prompt = app.dialog("Encrypted Export")
    app.type_into(app.find("text", "Password", node=prompt), password, enter=True)
    app.dialog_gone("Encrypted Export")


def main():
    vault = j.new_vault()
    vault.init()
    app = j.launch(vault)
    app.type_into(app.find("text", "Password"), j.PASSWORD, enter=True)
    app.find("push button", "Add Account")

    for i, (name, encrypted) in enumerate(FILES):
        j.import_from_menu(app, name)
        if i == 0:
            j.step("a wrong password is asked again")
            prompt = app.dialog("Encrypted Export")
            app.type_into(app.find("text", "Password", node=prompt), "1234 5678", enter=True)
            app.find("label", "That password does not open “%s”. Enter the password it "
                     "was exported with." % name)
            prompts = [c for c in app.node.children if c.name == "Encrypted Export"]
            assert len(prompts) == 1, "the answered prompt stayed open: %d" % len(prompts)
        if encrypted:
            answer(app, j.IMPORT_PASSWORD)
        j.confirm_import_preview(app, vault)

    app.quit()
    j.step("compare with rvault import")
    got = vault.names()
    want = j.import_expected(FILES)
    assert got == want, "GUI imported %r, rvault %r" % (got, want)


j.run(main)
