#!/usr/bin/python3
"""Journey: import each supported file format from the main menu, plain and
encrypted (password typed, confirmed with Enter), with the preview confirmed;
then the same accounts are in the vault as `rvault import` puts in a copy.

SPDX-License-Identifier: GPL-3.0-or-later
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import journey as j  # noqa: E402

# (file, encrypted): the files the GUI's file chooser reads (images are read
# by the QR flow of the add dialog, see journey-add.py).
FILES = [
    ("aegis-plain.json", False),
    ("aegis-encrypted.json", True),
    ("andotp-plain.json", False),
    ("andotp-encrypted.json.aes", True),
    ("2fas-plain.2fas", False),
    ("2fas-encrypted.2fas", True),
    ("freeotp-plus.json", False),
    ("freeotp-plus-uris.txt", False),
    ("bitwarden.json", False),
    ("uri-list.txt", False),
    ("google-single.txt", False),
]


def expected_after(files):
    """The account names rvault import gives a fresh vault for these files."""
    v = j.new_vault("expected.rvault")
    v.init()
    for name, encrypted in files:
        path = os.path.join(j.IMPORT_DATA, name)
        if encrypted:
            r, w = os.pipe()
            os.write(w, (j.IMPORT_PASSWORD + "\n").encode())
            os.close(w)
            try:
                v.rvault("import", "--file-password-fd", str(r), path, pass_fds=(r,))
            finally:
                os.close(r)
        else:
            v.rvault("import", path)
    return v.names()


def confirm_preview(app, vault):
    """The preview: nothing written yet; confirm (or close when nothing is new)."""
    before = len(vault.accounts()) if vault.exists() else 0
    heading = j.poll("the preview", lambda: [
        h for h in app.find_all("label", None)
        if h.name.startswith("Import ") and h.name.endswith("”?")])[0]
    preview = app.toplevel(heading)
    button = j.poll("the preview's import or close button", lambda: [
        b for b in app.find_all("push button", None, node=preview)
        if b.name.startswith("Import ") or b.name == "Close"])[0]
    assert (len(vault.accounts()) if vault.exists() else 0) == before, \
        "written before the preview was confirmed"
    label = button.name
    app.click("push button", label, node=preview)
    app.gone("push button", label, node=preview)
    if label != "Close":
        n = int(label.split()[1])
        j.poll("%d accounts saved" % n, lambda: len(vault.accounts()) == before + n)


def main():
    vault = j.new_vault()
    app = j.launch(vault)
    (first, encrypted), *rest = FILES

    j.step("import %s from the first-run page" % first)
    app.click("push button", "Import From a File…")
    app.type_into(app.find("text", "Password"), j.PASSWORD)
    app.type_into(app.find("text", "Confirm Password"), j.PASSWORD)
    app.click("push button", "Create Vault")
    app.choose_file(os.path.join(j.IMPORT_DATA, first))
    confirm_preview(app, vault)

    for name, encrypted in rest:
        j.step("import %s from the main menu" % name)
        app.click("push button", "Main Menu")
        app.click("menu item", "Import From a File…")
        app.choose_file(os.path.join(j.IMPORT_DATA, name))
        if encrypted:
            prompt = app.dialog("Encrypted Export")
            app.type_into(app.find("text", "Password", node=prompt), j.IMPORT_PASSWORD,
                          enter=True)
        confirm_preview(app, vault)

    app.quit()
    j.step("compare with rvault import")
    got = vault.names()
    want = expected_after(FILES)
    assert got == want, "GUI imported %r, rvault %r" % (got, want)


j.run(main)
