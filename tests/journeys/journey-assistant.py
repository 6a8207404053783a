#!/usr/bin/python3
"""Journey: the locked-out assistant, for PyPI, to a copied draft. The vault
holds PyPI's two-factor secret and 2 unused recovery codes of 8: the assistant
first says what it still holds and drafts nothing until the user says those were
tried and rejected; the copied draft then says exactly that, carries the
username and the form's acknowledgements and no secret; the request recorded at
the end is read back with `rvault request --list`.

SPDX-License-Identifier: GPL-3.0-or-later
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import journey as j  # noqa: E402

SECRET = "MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK"
# Eight obviously fake PyPI-style codes (16 hex digits): 6 used, 2 kept.
CODES = ["badc0ffee0ddf0%02x" % i for i in range(8)]
TICKET = "https://github.com/pypi/support/issues/1234"


def main():
    vault = j.new_vault()
    vault.init()
    vault.add(SECRET, "--issuer", "PyPI", "--name", "alice-dev")
    vault.add("GEZDGNBVGY3TQOJQ", "--issuer", "Example Forge", "--name", "alice")
    vault.rvault("recovery-codes", "PyPI", "--add", "-", stdin="\n".join(CODES) + "\n")
    for code in CODES[:6]:
        vault.rvault("recovery-codes", "PyPI", "--use", stdin=code + "\n")

    app = j.launch(vault)
    app.type_into(app.find("text", "Password"), j.PASSWORD, enter=True)
    app.find("list", "Accounts")

    j.step("open the assistant from the main menu")
    app.click("push button", "Main Menu")
    app.click("menu item", "I’m Locked Out…")
    assistant = app.dialog("I’m Locked Out")

    j.step("1. which account: search, choose PyPI")
    app.type_into(app.find("entry", "Search accounts", node=assistant), "pyp")
    accounts = app.find("list", "Accounts in the vault", node=assistant)
    j.poll("only PyPI listed",
           lambda: not app.find_all("label", "Example Forge", node=accounts))
    app.mouse_click(app.find("label", "PyPI (alice-dev)", node=accounts))
    # The username row is filled in from the account (libadwaita 1.2 does
    # not expose an entry row's text: the draft below shows it).
    app.find("text", "Username at the service", node=assistant)
    app.click("push button", "Next", node=assistant)

    j.step("2. what the vault still holds comes first; no draft until tried")
    app.find("label", "You are not locked out", node=assistant)
    app.find("label", "2 unused recovery codes", node=assistant)
    tried = "I tried this code and the recovery codes, and PyPI rejected them"
    assert not app.find("push button", "Next", node=assistant).sensitive, "Next before tried"
    app.click("check box", tried, node=assistant)
    app.click("push button", "Next", node=assistant)

    j.step("3. what happened")
    app.find("label", "What Happened?", node=assistant)
    app.click("check box", "I lost the device or app with my authenticator", node=assistant)
    app.type_into(app.find("text", "What happened, in your own words", node=assistant),
                  "My laptop was stolen on the train.")
    app.click("push button", "Next", node=assistant)

    j.step("4. what can be proven")
    app.find("label", "What Can You Still Prove?", node=assistant)
    app.click("check box", "Access to a verified email address of the account",
              node=assistant)
    app.click("push button", "Next", node=assistant)

    j.step("5. both acknowledgements are needed to go on")
    app.find("label", "Required Acknowledgements", node=assistant)
    app.click("check box", "I agree to follow the PSF Code of Conduct", node=assistant)
    assert not app.find("push button", "Next", node=assistant).sensitive, "Next with one ack"
    app.click("check box", "I understand that it may take a significant amount of time to "
              "process my account recovery request.", node=assistant)
    app.click("push button", "Next", node=assistant)

    j.step("6. the draft, copied")
    app.find("label", "The Form, Field by Field", node=assistant)
    j.set_clipboard("nothing")
    app.click("push button", "Copy Body", node=assistant)
    draft = j.poll("the draft on the clipboard",
                   lambda: j.clipboard() if "alice-dev" in j.clipboard() else None)
    assert "`alice-dev`" in draft, draft
    # What the vault holds was tried and rejected: the draft says exactly
    # that, never that the codes are lost; the form's required box is ticked
    # for codes that no longer work.
    assert "The 2 recovery codes I still have are rejected." in draft, draft
    assert "codes from the two-factor secret I still have are rejected" in draft, draft
    assert "My laptop was stolen on the train." in draft, draft
    assert "Recovery codes used: 6 of 8" in draft, draft
    assert "- [X] I never generated or have lost access to the recovery codes" in draft, draft
    assert "I agree to follow the PSF Code of Conduct" in draft, draft
    assert "significant amount of time" in draft, draft
    assert "Title:" not in draft, draft
    for secret in [SECRET] + CODES:
        assert secret not in draft and secret.upper() not in draft, "a secret in the draft"
    app.find("label", "Request body copied: paste it into the form")
    app.click("push button", "Next", node=assistant)

    j.step("7. record the request: it is in the vault file")
    app.find("label", "What Happens Next", node=assistant)
    app.type_into(app.find("text", "Ticket or issue link", node=assistant), TICKET)
    app.click("push button", "Record Request", node=assistant)
    listed = j.poll("the request recorded", lambda: (lambda out: out if TICKET in out else None)(
        vault.rvault("request", "--list").stdout))
    assert "PyPI" in listed, listed
    app.click("push button", "Close", node=assistant)
    app.dialog_gone("I’m Locked Out")
    app.quit()


j.run(main)
