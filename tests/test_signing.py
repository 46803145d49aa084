"""The park's signing key beside the database and what verify() says of each kind of scanned text
(db only, no Qt)."""

from __future__ import annotations

import threading

import pytest

from db import certificates, signing
from db.errors import DomainError
from tests.documents_data import build_park


def test_key_is_made_once_private_and_the_same_for_concurrent_makers(tmp_path):
    db = tmp_path / "park.db"
    assert signing.public_key(db) is None  # nothing made by merely looking
    keys = []
    threads = [threading.Thread(target=lambda: keys.append(signing.private_key(db))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    fingerprints = {signing.fingerprint(k.public_key()) for k in keys}
    assert len(fingerprints) == 1
    path = signing.key_path(db)
    assert path.name == "park.park-key.pem"
    assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["park.park-key.pem"]  # no temporary left
    assert signing.fingerprint(signing.public_key(db)) == fingerprints.pop()


def test_a_key_that_cannot_be_made_is_one_plain_message(tmp_path):
    # A "folder" that is a file: no key can be written there, whoever runs the test.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    with pytest.raises(DomainError, match="signing key could not be made"):
        signing.private_key(blocker / "park.db")


def test_verdicts(store, master):
    park = build_park(store, master)
    (cert,) = certificates.issue_for_shipment(store, park["shipments"][2].id).issued
    text = certificates.sheet(store, cert).qr_text
    assert signing.verify(store, text).kind == "genuine"
    assert signing.verify(store, text.replace("\n", "\r\n") + "\n").kind == "genuine"  # a scanner's line ends
    assert signing.verify(store, text.replace("FJHGZ", "FJHGX")).kind == "forged"
    assert signing.verify(store, text.rsplit("\n", 1)[0] + "\n签名:!!").kind == "forged"
    assert signing.verify(store, certificates.qr_text(cert, "白萝卜")).kind == "unsigned"
    assert signing.verify(store, "https://example.com").kind == "not_ours"
    # Signed with this key, but a number the register does not hold.
    other = signing.QrContent("HGZ2026-999999", "B1", "渝C1", "白萝卜", 1000, "2026-01-10", "x")
    forged_number = signing.signed_text(other, signing.private_key(store.path))
    assert signing.verify(store, forged_number).kind == "unknown"
    # Signed with another park's key: forged here.
    elsewhere = signing.signed_text(other, signing.private_key(store.path.replace(".db", "-other.db")))
    assert signing.verify(store, elsewhere).kind == "forged"


def test_a_disk_without_hard_links_still_gets_one_key(tmp_path, monkeypatch):
    def no_links(_src, _dst):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(signing.os, "link", no_links)
    db = tmp_path / "park.db"
    first = signing.fingerprint(signing.private_key(db).public_key())
    assert signing.key_path(db).stat().st_mode & 0o777 == 0o600
    assert signing.fingerprint(signing.private_key(db).public_key()) == first
