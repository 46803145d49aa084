"""The park's Ed25519 key and the signed text of a certificate's QR code: sign when printing, and say
whether a scanned text is genuine, genuine but void, or forged.

The key is made on first use and kept beside the database as `<db stem>.park-key.pem` (PKCS#8, mode
0600): whoever holds that file can sign certificates, so it is kept like the database itself and
backed up with it. The public key (`public_pem`) can be printed and given to markets and inspectors.
Ed25519 comes from PyNaCl (libsodium; a well-kept library instead of hand-written crypto, and 10 MB
smaller in the frozen program than `cryptography`, which made the keys before and whose files and
signatures are the same bytes). The two PEM forms are the fixed ones of RFC 8410: a 16-byte DER
header before the 32-byte seed (PKCS#8) and a 12-byte one before the 32-byte public key (SPKI).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey

from db import units
from db.errors import DomainError, NotFoundError
from db.i18n import translate
from db.records import Certificate

KEY_SUFFIX = ".park-key.pem"
# First line of every QR text: the scheme and version, then the certificate number.
QR_PREFIX = "FJHGZ"
SIGNATURE_LABEL = "签名"
# The fields a signed QR text carries, in order (label, what it is).
FIELDS = ("编号", "磅单", "车牌", "产品", "重量", "日期", "开具")

# RFC 8410's DER of an Ed25519 key: PKCS#8 v1 (version 0, id-Ed25519, the seed as an OCTET STRING)
# and SubjectPublicKeyInfo (id-Ed25519, the key as a BIT STRING); each followed by the 32 key bytes.
_PKCS8_HEADER = bytes.fromhex("302e020100300506032b657004220420")
_SPKI_HEADER = bytes.fromhex("302a300506032b6570032100")


def _pem(label: str, der: bytes) -> str:
    encoded = base64.b64encode(der).decode("ascii")
    lines = [encoded[i : i + 64] for i in range(0, len(encoded), 64)]
    return "\n".join([f"-----BEGIN {label}-----", *lines, f"-----END {label}-----", ""])


def _unpem(label: str, text: str) -> bytes | None:
    """The DER inside a PEM text with this label, or None when it is not one."""
    lines = [line.strip() for line in text.strip().splitlines()]  # CR LF, trailing blanks
    if len(lines) < 3 or lines[0] != f"-----BEGIN {label}-----" or lines[-1] != f"-----END {label}-----":
        return None
    try:
        return base64.b64decode("".join(lines[1:-1]), validate=True)
    except (binascii.Error, ValueError):
        return None


@dataclass(frozen=True, slots=True)
class PublicKey:
    """The park's Ed25519 public key (32 bytes)."""

    raw: bytes

    def verify(self, signature: bytes, data: bytes) -> bool:
        """Whether `signature` is this key's signature of `data`."""
        try:
            VerifyKey(self.raw).verify(data, signature)
        except (BadSignatureError, ValueError, TypeError):  # altered, or not 64 bytes
            return False
        return True


@dataclass(frozen=True, slots=True)
class PrivateKey:
    """The park's Ed25519 signing key (its 32-byte seed)."""

    seed: bytes

    @classmethod
    def generate(cls) -> PrivateKey:
        return cls(bytes(SigningKey.generate()))

    def public_key(self) -> PublicKey:
        return PublicKey(bytes(SigningKey(self.seed).verify_key))

    def sign(self, data: bytes) -> bytes:
        return SigningKey(self.seed).sign(data).signature

    def pem(self) -> bytes:
        """PKCS#8, unencrypted: what `openssl pkey` and `cryptography` read and write."""
        return _pem("PRIVATE KEY", _PKCS8_HEADER + self.seed).encode("ascii")

    def __repr__(self) -> str:  # the seed never goes into a log or a traceback
        return f"PrivateKey(public={fingerprint(self.public_key())})"


_lock = threading.Lock()
_memory_keys: dict[int, PrivateKey] = {}  # databases in memory (tests): a key per process


def key_path(db_path: str | os.PathLike) -> Path:
    """Where the park's key of a database lives: `park.db` → `park.park-key.pem` beside it."""
    path = Path(db_path)
    return path.with_name(path.stem + KEY_SUFFIX)


def _load_private(path: Path) -> PrivateKey:
    try:
        der = _unpem("PRIVATE KEY", path.read_text(encoding="ascii"))
    except UnicodeDecodeError:
        der = None
    if der is None or len(der) != len(_PKCS8_HEADER) + 32 or not der.startswith(_PKCS8_HEADER):
        raise DomainError(translate("db", "{path} is not an Ed25519 park key").format(path=str(path)))
    return PrivateKey(der[len(_PKCS8_HEADER) :])


def private_key(db_path: str | os.PathLike | None) -> PrivateKey:
    """The park's signing key beside the database, made (mode 0600) on first use.

    Two programs making it at once agree on one: the key is written to a temporary file and linked
    into place, which fails for the second, who then reads the first one's key.
    """
    if not db_path:
        with _lock:
            return _memory_keys.setdefault(0, PrivateKey.generate())
    path = key_path(db_path)
    if path.exists():
        return _load_private(path)
    key = PrivateKey.generate()
    pem = key.pem()
    tmp = path  # replaced by the temporary file's name once it exists
    try:
        # mkstemp makes the file readable by its owner only (0600), with a name no other thread
        # or program uses.
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        tmp = Path(name)
        with os.fdopen(fd, "wb") as f:
            f.write(pem)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            return _load_private(path)
        except OSError:
            # A file system without hard links (FAT, some network disks): create it exclusively.
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                return _load_private(path)
            with os.fdopen(fd, "wb") as f:
                f.write(pem)
                f.flush()
                os.fsync(f.fileno())
    except OSError as exc:
        raise DomainError(
            translate(
                "db", "the park's signing key could not be made beside the database ({path}): {reason}"
            ).format(path=str(path), reason=exc.strerror or str(exc))
        ) from exc
    finally:
        if tmp != path:
            tmp.unlink(missing_ok=True)
    return key


def public_key(db_path: str | os.PathLike | None) -> PublicKey | None:
    """The park's public key, or None when no key was ever made for this database."""
    if not db_path:
        with _lock:
            key = _memory_keys.get(0)
        return None if key is None else key.public_key()
    path = key_path(db_path)
    if not path.exists():
        return None
    return _load_private(path).public_key()


def public_pem(key: PublicKey) -> str:
    """SubjectPublicKeyInfo in PEM, as `openssl pkey -pubout` writes it."""
    return _pem("PUBLIC KEY", _SPKI_HEADER + key.raw)


def fingerprint(key: PublicKey) -> str:
    """A short name of the public key to compare by eye: 16 hex digits of its SHA-256, in fours."""
    digest = hashlib.sha256(key.raw).hexdigest()[:16].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 16, 4))


@dataclass(frozen=True, slots=True)
class QrContent:
    """What a certificate's QR code says, before its signature."""

    cert_no: str
    ticket_no: str
    plate: str
    product: str
    weight_g: int
    issue_date: str
    issuer: str

    def body(self) -> str:
        """The signed text: the number first, then the key fields, one per line."""
        values = (
            self.cert_no,
            self.ticket_no,
            self.plate,
            self.product,
            f"{units.plain_kg(self.weight_g)}kg",
            self.issue_date,
            self.issuer,
        )
        lines = [f"{QR_PREFIX}:{self.cert_no}"]
        lines += [f"{label}:{value}" for label, value in zip(FIELDS[1:], values[1:], strict=True)]
        return "\n".join(lines)


def signed_text(content: QrContent, key: PrivateKey) -> str:
    """The QR text: the body, then a line with its Ed25519 signature (base64url, no padding)."""
    body = content.body()
    signature = base64.urlsafe_b64encode(key.sign(body.encode("utf-8"))).rstrip(b"=").decode("ascii")
    return f"{body}\n{SIGNATURE_LABEL}:{signature}"


def _split(text: str) -> tuple[str, bytes | None]:
    """(body, signature) of a scanned text; signature None when there is no readable one."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n")]
    if not lines or not lines[-1].startswith(SIGNATURE_LABEL + ":"):
        return "\n".join(lines), None
    encoded = lines[-1][len(SIGNATURE_LABEL) + 1 :].strip()
    try:
        signature = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    except (binascii.Error, ValueError):
        signature = b""
    return "\n".join(lines[:-1]), signature


def _parse_body(body: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for i, line in enumerate(body.split("\n")):
        label, sep, value = line.partition(":")
        if not sep:
            continue
        values["编号" if i == 0 and label == QR_PREFIX else label] = value
    return values


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a scanned QR text proves.

    kind: 'genuine' (signed by this park's key and valid in the register), 'void' (genuine but void),
    'forged' (the signature does not hold: altered or made elsewhere), 'unknown' (signed by the park
    but not in this register), 'unsigned' (a park certificate printed before signing), 'not_ours'
    (not a certificate of this park) or 'no_key' (this database never signed anything).
    """

    kind: str
    message: str
    cert_no: str = ""
    fields: tuple[tuple[str, str], ...] = ()
    certificate: Certificate | None = None
    stale: bool = False  # genuine, but the truck's lines changed since: due for reissue

    @property
    def genuine(self) -> bool:
        return self.kind == "genuine"


def verify(store, text: str) -> Verdict:
    """Check a scanned QR text against the park's public key and the certificate register."""
    from db.certification import coverage

    body, signature = _split(text)
    values = _parse_body(body)
    fields = tuple((label, values[label]) for label in FIELDS if label in values)
    cert_no = values.get("编号", "")
    if not body.startswith(QR_PREFIX + ":"):
        if signature is None:
            return Verdict(
                "not_ours",
                translate(
                    "db", "This is not a certificate of this park (its QR text begins with {prefix}:)."
                ).format(prefix=QR_PREFIX),
            )
        return Verdict(
            "forged", translate("db", "Forged: the text is not in the park's form."), cert_no, fields
        )
    if signature is None:
        return Verdict(
            "unsigned",
            translate(
                "db",
                "Unsigned: {number} was printed before certificates were signed; compare it with the "
                "register by hand.",
            ).format(number=cert_no),
            cert_no,
            fields,
        )
    key = public_key(store.path)
    if key is None:
        return Verdict(
            "no_key",
            translate("db", "This database has no park key: it never signed a certificate."),
            cert_no,
            fields,
        )
    if not key.verify(signature, body.encode("utf-8")):
        return Verdict(
            "forged",
            translate(
                "db", "Forged: the signature does not match the text (altered, or not signed by this park)."
            ),
            cert_no,
            fields,
        )
    try:
        certificate = store.certificates.by_number(cert_no)
    except NotFoundError:
        return Verdict(
            "unknown",
            translate("db", "Signed by this park, but {number} is not in this register.").format(
                number=cert_no
            ),
            cert_no,
            fields,
        )
    if certificate.status == "void":
        reason = certificate.void_reason
        return Verdict(
            "void",
            translate("db", "Genuine but void: {number} was voided ({reason}).").format(
                number=cert_no, reason=reason
            ),
            cert_no,
            fields,
            certificate,
        )
    stale = coverage.is_stale(store, certificate)
    message = translate("db", "Genuine: {number} is valid in the park's register.").format(number=cert_no)
    if stale:
        message = translate(
            "db", "Genuine: {number} is valid, but its truck was changed since; it is due for reissue."
        ).format(number=cert_no)
    return Verdict("genuine", message, cert_no, fields, certificate, stale)
