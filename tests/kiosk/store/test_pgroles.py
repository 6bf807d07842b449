"""kiosk/store/pgroles.py and revision 0003's row-level security, on the real PostgreSQL
server: a kiosk cannot write another kiosk's log, cannot change or delete its own entries or
anchors, and cannot read another kiosk's citizens. The attack on main: on a central store
every kiosk could write every kiosk's log."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from kiosk.store import KioskIdentityError, StoreForbidden, open_store
from kiosk.store.engine import make_engine
from kiosk.store.pgroles import add_kiosk, provision
from tests.kiosk.store.conftest import FORM, deliverer

pytestmark = pytest.mark.postgres


@pytest.fixture
def central(pg_fresh_url, tmp_path) -> Iterator[dict]:
    """A migrated central store, a group role and two kiosk roles, all unique to this test."""
    owner_url = pg_fresh_url()
    tag = uuid.uuid4().hex[:8]
    group, a, b = f"kiosk_app_{tag}", f"kiosk-a-{tag}", f"kiosk-b-{tag}"
    owner = open_store(owner_url, key_file=tmp_path / "owner.key", kiosk_id="admin")
    owner.close()
    engine = make_engine(owner_url)
    provision(engine, group=group)
    for name in (a, b):
        add_kiosk(engine, name, group=group)

    def url_for(role: str) -> str:
        return make_url(owner_url).set(username=role).render_as_string(hide_password=False)

    yield {"owner": owner_url, "a": a, "b": b, "url": url_for, "tmp": tmp_path}
    with engine.begin() as conn:
        for role in (a, b, group):
            conn.execute(text(f'DROP OWNED BY "{role}"'))
            conn.execute(text(f'DROP ROLE "{role}"'))
    engine.dispose()


def test_a_kiosk_is_its_role_and_works_within_its_rights(central):
    a = open_store(central["url"](central["a"]), key_file=central["tmp"] / "a.key")
    try:
        assert (a.kiosk_id, a.central) == (central["a"], True)
        sub = a.submit("svc", FORM, actor="staff:nv01", subject="001099012345")
        a.audit("face.override", actor="staff:nv01", reference=sub.reference, note="kính")
        a.anchor("interval")
        assert a.get(sub.reference) == FORM
        v = a.verify_audit()
        assert v.ok and v.anchored_seq == 2  # an anchor in the central store counts
        a.purge(after_delivery_days=0, undelivered_days=1, audit_pseudonym_days=1)
    finally:
        a.close()
    with pytest.raises(KioskIdentityError, match=r"\[kiosk\] id is 'someone-else' but this "
                                                 r"kiosk connects to the central store as"):
        open_store(central["url"](central["a"]), key_file=central["tmp"] / "a.key",
                   kiosk_id="someone-else")


def test_a_kiosk_cannot_write_another_kiosks_log_nor_rewrite_its_own(central):
    a = open_store(central["url"](central["a"]), key_file=central["tmp"] / "a.key")
    b = open_store(central["url"](central["b"]), key_file=central["tmp"] / "b.key")
    try:
        sub_b = b.submit("svc", FORM, actor="staff:nv09")
        b.anchor("interval")
        a.submit("svc", FORM, actor="staff:nv01")
        a.anchor("interval")
        engine = create_engine(central["url"](central["a"]))
        attacks = {
            "insert into b's log": f"INSERT INTO audit_log (kiosk_id, seq, created_at, "
                                   f"event, actor, details, prev_hash, entry_hash) VALUES "
                                   f"('{central['b']}', 9, now(), 'x', 'staff:x', '{{}}', "
                                   "'0', '0')",
            "edit own entry": "UPDATE audit_log SET actor = 'staff:other'",
            "delete own entry": "DELETE FROM audit_log",
            "edit own anchor": "UPDATE audit_anchors SET seq = 1",
            "delete own anchor": "DELETE FROM audit_anchors",
            "insert b's anchor": f"INSERT INTO audit_anchors (kiosk_id, seq, entry_hash, "
                                 f"created_at, reason, witness) VALUES ('{central['b']}', 1, "
                                 "'0', now(), 'x', 'store')",
        }
        refused = {}
        for name, sql in attacks.items():
            with engine.connect() as conn:
                try:
                    conn.execute(text(sql))
                    conn.commit()
                    refused[name] = False
                except ProgrammingError as exc:
                    refused[name] = getattr(exc.orig, "sqlstate", None)
        # 42501: insufficient privilege (no such right, or row-level security)
        assert refused == {name: "42501" for name in attacks}
        with engine.connect() as conn:  # a's role sees only a's rows
            kiosks = set(conn.execute(text("SELECT kiosk_id FROM audit_log")).scalars())
            forms = conn.execute(text("SELECT count(*) FROM submissions WHERE reference = "
                                      f"'{sub_b.reference}'")).scalar()
        assert (kiosks, forms) == ({central["a"]}, 0)
        engine.dispose()
        with pytest.raises(StoreForbidden, match="kiosk roles cannot change or delete audit "
                                                 "entries or anchors"):
            with a.transaction() as s:
                s.execute(text("DELETE FROM audit_anchors"))
        assert a.verify_audit().ok and b.verify_audit().ok
    finally:
        a.close()
        b.close()


def test_anchors_of_deliveries_and_intervals_are_out_of_the_kiosks_reach(central, backoffice):
    """Item 2 on the real server: a kiosk role anchors its head at every delivery and at the
    interval, in the central store and at the back office, and cannot take one back."""
    a = open_store(central["url"](central["a"]), key_file=central["tmp"] / "a.key")
    try:
        for _ in range(2):
            a.submit("svc", FORM, actor="staff:nv01")  # entries 1, 2
        d = deliverer(a, backoffice)
        assert d.run_once().delivered == 2  # entries 3, 4: submission.delivered
        reply = d.send_anchor("interval")
        assert reply is not None and reply.accepted
        head = a.audit_entries()[-1]
        v = a.verify_audit()
        assert (v.ok, v.entries, v.anchored_seq) == (True, 4, 4)
    finally:
        a.close()
    # each delivery carried the head as it was when it was sent; the interval anchor too
    assert sorted(doc["audit_anchor"]["seq"] for doc in backoffice.received.effects.values()) \
        == [2, 3]
    assert [(x["seq"], x["entry_hash"]) for x in backoffice.received.anchors] == [
        (4, head.entry_hash)]
    engine = create_engine(central["url"](central["a"]))
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT seq, reason, witness FROM audit_anchors "
                                     "ORDER BY id")).all()
        assert [tuple(r) for r in rows] == [(2, "delivery", "backoffice"),
                                            (3, "delivery", "backoffice"),
                                            (4, "interval", "store"),
                                            (4, "interval", "backoffice")]
        for sql in ("UPDATE audit_anchors SET entry_hash = 'x'",
                    "DELETE FROM audit_anchors WHERE reason = 'interval'",
                    "DELETE FROM audit_log WHERE seq = 4"):
            with engine.connect() as conn, pytest.raises(ProgrammingError) as info:
                conn.execute(text(sql))
            assert getattr(info.value.orig, "sqlstate", None) == "42501", sql
    finally:
        engine.dispose()
    owner = create_engine(central["owner"])  # the auditor sees the same four anchors
    try:
        with owner.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM audit_anchors WHERE kiosk_id = :k"),
                                {"k": central["a"]}).scalar() == 4
    finally:
        owner.dispose()


def test_pg_setup_from_the_command_line(pg_fresh_url, tmp_path, capsys):
    import json

    from kiosk.cli import main
    from kiosk.config import set_value

    url = pg_fresh_url()
    tag = uuid.uuid4().hex[:8]
    group, kiosk = f"kiosk_app_{tag}", f"kiosk-c-{tag}"
    cfg = tmp_path / "owner.toml"
    set_value("store.url", url, cfg)
    try:
        assert main(["store", "pg-setup", "--group", group, "--kiosk", kiosk, "--json",
                     "--config", str(cfg)]) == 0
        doc = json.loads(capsys.readouterr().out)
        assert (doc["kind"], doc["group"], doc["kiosks"]) == ("store.pg_setup", group,
                                                              [kiosk])
        assert f"GRANT SELECT, INSERT ON audit_anchors TO \"{group}\"" in doc["statements"]
        c = open_store(make_url(url).set(username=kiosk).render_as_string(
            hide_password=False), key_file=tmp_path / "c.key")
        try:
            assert c.kiosk_id == kiosk and c.audit("login.ok", actor="staff:nv01").seq == 1
        finally:
            c.close()
    finally:
        engine = make_engine(url)
        with engine.begin() as conn:
            for role in (kiosk, group):
                conn.execute(text(f'DROP OWNED BY "{role}"'))
                conn.execute(text(f'DROP ROLE "{role}"'))
        engine.dispose()


def test_a_store_provisioned_before_revision_0004_lets_its_kiosks_index_parties(
        pg_fresh_url, tmp_path, monkeypatch):
    """Revision 0004 grants its new table to the roles that write submissions, so kiosks
    provisioned at 0003 go on submitting two-person forms after the upgrade, each still
    confined to its own rows."""
    from alembic import command

    from kiosk.store import Party, pgroles, subject
    from kiosk.store.migrate import alembic_config

    url = pg_fresh_url()
    tag = uuid.uuid4().hex[:8]
    group, a, b = f"kiosk_app_{tag}", f"kiosk-a-{tag}", f"kiosk-b-{tag}"
    engine = make_engine(url)
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003")
    monkeypatch.setattr(pgroles, "GRANTS", tuple(
        g for g in pgroles.GRANTS if g[0] != "submission_parties"))  # pg-setup of 0003
    provision(engine, group=group)
    for name in (a, b):
        add_kiosk(engine, name, group=group)
    open_store(url, key_file=tmp_path / "owner.key", kiosk_id="admin").close()  # -> 0004
    stores = []
    try:
        for name in (a, b):
            role_url = make_url(url).set(username=name).render_as_string(hide_password=False)
            stores.append(open_store(role_url, key_file=tmp_path / f"{name}.key"))
        sa, sb = stores
        sub = sa.submit("dang-ky-ket-hon", FORM, actor="staff:nv01", subject="001099012345",
                        parties=[Party("spouse", "079088000111", ("man_ho_ten",))])
        assert subject.find(sa, "079088000111").roles == {sub.reference: "spouse"}
        assert subject.find(sb, "079088000111").submissions == ()
        with sb.transaction() as s:  # b's role sees none of a's parties
            assert s.execute(text("SELECT count(*) FROM submission_parties")).scalar() == 0
        e = subject.erase(sa, "079088000111", actor="technician:kt01", retention_days=1)
        assert e.as_party == (sub.reference,)
    finally:
        for s in stores:
            s.close()
        with engine.begin() as conn:
            for role in (a, b, group):
                conn.execute(text(f'DROP OWNED BY "{role}"'))
                conn.execute(text(f'DROP ROLE "{role}"'))
        engine.dispose()
