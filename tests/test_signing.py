"""The park's signing key beside the database and what verify() says of each kind of scanned text
(db only, no Qt)."""

from __future__ import annotations

import base64
import threading

import pytest

from db.certification import certificates, signing
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


def test_keys_and_signatures_of_cryptography_are_the_same_bytes(tmp_path):
    # Keys were made with `cryptography` before PyNaCl signed: its files must still load, and the
    # two libraries must agree on every byte (the key file, the public key, the signatures).
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    old = Ed25519PrivateKey.generate()
    pem = old.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    db = tmp_path / "park.db"
    signing.key_path(db).write_bytes(pem)
    key = signing.private_key(db)
    assert key.pem() == pem
    signing.key_path(db).write_bytes(pem.replace(b"\n", b"\r\n"))  # copied through a Windows editor
    assert signing.private_key(db) == key
    old_public = old.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    assert signing.public_pem(signing.public_key(db)).encode() == old_public
    content = signing.QrContent("HGZ2026-000001", "B1", "渝C1", "白萝卜", 1000, "2026-01-10", "x")
    text = signing.signed_text(content, key)
    body, _, sig = text.rpartition("\n签名:")
    signature = base64.urlsafe_b64decode(sig + "=" * (-len(sig) % 4))
    assert signature == old.sign(body.encode())  # Ed25519 is deterministic
    assert key.public_key().verify(signature, body.encode())
    assert not key.public_key().verify(signature, body.encode() + b" ")
    assert not key.public_key().verify(signature[:-1], body.encode())  # a cut signature is no signature
    # A key file PyNaCl writes reads back in cryptography (and so in openssl).
    other = signing.private_key(tmp_path / "other.db")
    loaded = serialization.load_pem_private_key(signing.key_path(tmp_path / "other.db").read_bytes(), None)
    assert loaded.sign(b"x") == other.sign(b"x")
    assert (
        signing.key_path(tmp_path / "other.db").read_text("ascii").startswith("-----BEGIN PRIVATE KEY-----\n")
    )


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not a key",
        b"\xff\xfe binary",
        b"-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n",
        # An RSA-sized body, and an Ed25519 public key where the private one belongs.
        b"-----BEGIN PRIVATE KEY-----\n" + base64.b64encode(bytes(64)) + b"\n-----END PRIVATE KEY-----\n",
        b"-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n",
    ],
)
def test_a_file_that_is_not_a_park_key_is_one_plain_message(tmp_path, content):
    db = tmp_path / "park.db"
    signing.key_path(db).write_bytes(content)
    with pytest.raises(DomainError, match="is not an Ed25519 park key"):
        signing.private_key(db)
    with pytest.raises(DomainError, match="is not an Ed25519 park key"):
        signing.public_key(db)
    assert signing.key_path(db).read_bytes() == content  # never replaced
