"""`fujiang certificate` names the lines no valid certificate covers and reissues stale ones;
`fujiang verify` tells a genuine, a void and a forged QR text apart, from the printed PDF."""

from __future__ import annotations

import io
import subprocess

import pytest

from app.cli import main
from db.certification import signing
from tests.documents_data import build_park
from tests.test_documents import needs_zbar


@pytest.fixture
def park(store, master):
    return build_park(store, master)


@pytest.fixture
def run(db_path, capsys):
    def run(*argv: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), "--lang", "en", *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _scan(pdf, tmp_path) -> str:
    """The QR text of the PDF's second page, as a scanner reads it."""
    subprocess.run(
        ["pdftoppm", "-r", "200", "-f", "2", "-l", "2", "-png", str(pdf), str(tmp_path / "scan")], check=True
    )
    (image,) = tmp_path.glob("scan*.png")
    return (
        subprocess.run(
            # -Sbinary: the bytes as encoded (UTF-8); zbar's own charset guess mangled some texts
            ["zbarimg", "-q", "--raw", "-Sbinary", str(image)],
            capture_output=True,
            check=True,
        )
        .stdout.decode("utf-8")
        .strip()
    )


@needs_zbar
def test_verify_genuine_void_and_forged_from_the_printed_code(run, park, store, tmp_path, qapp, monkeypatch):
    pdf = tmp_path / "c.pdf"
    code, out, err = run("certificate", "--ticket", "B20260106-001", "-o", str(pdf))
    assert code == 0, err
    scanned = _scan(pdf, tmp_path)
    code, out, err = run("verify", scanned)
    assert code == 0, out + err
    assert out.startswith("Genuine: HGZ2026-000001 is valid")
    assert "重量: 8000.5kg" in out and "车牌: 渝C12345" in out
    # From standard input, as a scanner's several lines.
    monkeypatch.setattr("sys.stdin", io.StringIO(scanned + "\n"))
    assert run("verify", "-")[0] == 0
    code, out, _ = run("verify", scanned.replace("渝C12345", "渝C12346"))
    assert code == 1 and out.startswith("Forged")
    code, out, _ = run("verify", scanned[:-3] + ("A" if scanned[-3] != "A" else "B") + scanned[-2:])
    assert code == 1 and out.startswith("Forged")
    code, out, _ = run("verify", "hello")
    assert code == 1 and "not a certificate of this park" in out
    store.certificates.void(store.certificates.by_number("HGZ2026-000001").id, "重量写错")
    code, out, _ = run("verify", scanned)
    assert code == 1 and out.startswith("Genuine but void: HGZ2026-000001 was voided (重量写错)")
    # The public key exported verifies the scanned text outside the program.
    code, out, _ = run("verify", "--public-key")
    assert code == 0 and out.startswith("-----BEGIN PUBLIC KEY-----")
    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    pem = out[: out.index("-----END PUBLIC KEY-----") + len("-----END PUBLIC KEY-----")]
    body, _, sig = scanned.rpartition("\n签名:")
    import base64

    load_pem_public_key(pem.encode()).verify(
        base64.urlsafe_b64decode(sig + "=" * (-len(sig) % 4)), body.encode()
    )
    assert signing.fingerprint(signing.public_key(store.path)) in out


def test_certificate_flags_uncovered_lines_and_reissues(run, park, store, master, tmp_path, qapp):
    pdf = tmp_path / "c.pdf"
    assert run("certificate", "--ticket", "B20260105-001", "-o", str(pdf))[0] == 0
    shipment = store.shipments.by_ticket("B20260105-001")
    lines = list(shipment.lines)
    lines[0] = lines[0].replace(net_g=9_500_000)
    store.shipments.update(shipment.replace(lines=tuple(lines)))
    code, out, err = run("certificate", "--ticket", "B20260105-001", "--force", "-o", str(pdf))
    assert code == 0
    assert (
        "Not covered: line 1 (涪江湾合作社, 白萝卜, 9,500.0 kg); HGZ2026-000001 says 10,000.0 kg. "
        "Reissue it (--reissue REASON)." in err
    )
    code, out, err = run(
        "certificate", "--ticket", "B20260105-001", "--reissue", "重新过磅", "--force", "-o", str(pdf)
    )
    assert code == 0 and "Not covered" not in err
    assert "HGZ2026-000002 replaces HGZ2026-000001." in out
    new = store.certificates.by_number("HGZ2026-000002")
    assert (new.weight_g, new.issue_date) == (9_500_000, "2026-01-10")
    # A co-op's product added to the truck without a certificate, with --no-issue: named by its line.
    celtuce = master["crops"][1]
    shipment = store.shipments.by_ticket("B20260105-001")
    extra = shipment.lines[0].replace(id=None, crop_id=celtuce.id, net_g=500_000)
    store.shipments.update(shipment.replace(lines=(*shipment.lines, extra)))
    code, out, err = run("certificate", "--ticket", "B20260105-001", "--no-issue", "--force", "-o", str(pdf))
    assert "Not covered: line 3 (涪江湾合作社, 莴笋, 500.0 kg) has no certificate." in err


def test_no_export_is_written_over_the_park_key(run, park, store, tmp_path, qapp):
    assert run("certificate", "--ticket", "B20260106-001", "-o", str(tmp_path / "c.pdf"))[0] == 0
    key = signing.key_path(store.path)
    before = key.read_bytes()
    code, _, err = run("certificate", "--ticket", "B20260106-001", "--force", "-o", str(key))
    assert code == 1 and "private key" in err
    assert key.read_bytes() == before


def test_trace_recognises_a_bare_code(run, park, store):
    code, out, err = run("trace", "l20260105-0001")
    assert code == 0, err
    assert "Recognised: lot code L20260105-0001" in err
    assert "B20260105-001" in out
    code, out, err = run("trace", "B20260106-001")
    assert code == 0 and "Recognised: weighing ticket B20260106-001" in err
    code, _, err = run("trace", "L1", "--lot", "L1")
    assert code == 2
