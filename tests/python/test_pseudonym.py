"""imw.pseudonym: HMAC-SHA256 under the key of the environment, as a DuckDB function."""

from __future__ import annotations

import logging

import duckdb
import pytest

from imw import pseudonym


@pytest.fixture
def key(monkeypatch):
    monkeypatch.delenv(pseudonym.KEY_FILE_VARIABLE, raising=False)
    monkeypatch.setenv(pseudonym.KEY_VARIABLE, "Jefe")
    return "Jefe"


def test_pseudonym_is_rfc_hmac_sha256(key):
    # RFC 4231, test case 2
    assert pseudonym.pseudonymise("what do ya want for nothing?") == (
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    )
    assert pseudonym.pseudonymise(None) is None


def test_repeated_values_give_the_same_pseudonym(key):
    make = pseudonym.pseudonymiser()
    first = make("85073003328")
    assert make("85073003328") == first and make("17073003384") != first


def test_fingerprint_identifies_the_key_without_showing_it(monkeypatch, key):
    first = pseudonym.key_fingerprint()
    assert len(first) == 32 and key not in first
    assert pseudonym.key_fingerprint() == first
    monkeypatch.setenv(pseudonym.KEY_VARIABLE, "another key")
    assert pseudonym.key_fingerprint() != first


def test_key_file(monkeypatch, tmp_path, caplog):
    monkeypatch.delenv(pseudonym.KEY_VARIABLE, raising=False)
    path = tmp_path / "key"
    path.write_text("Jefe\n")
    path.chmod(0o644)
    monkeypatch.setenv(pseudonym.KEY_FILE_VARIABLE, str(path))
    assert pseudonym.key_is_set()
    assert pseudonym.pseudonymise("what do ya want for nothing?").startswith("5bdcc146")
    with caplog.at_level(logging.WARNING, logger="imw.pseudonym"):
        pseudonym.warn_if_development_key()
    assert "can be read by other users" in caplog.text
    path.write_text("\n")
    with pytest.raises(pseudonym.KeyFileError, match="holds no key"):
        pseudonym.key_fingerprint()
    monkeypatch.setenv(pseudonym.KEY_FILE_VARIABLE, str(tmp_path / "missing"))
    with pytest.raises(pseudonym.KeyFileError, match="cannot read"):
        pseudonym.key_fingerprint()


def test_development_key_warns(monkeypatch, caplog):
    monkeypatch.delenv(pseudonym.KEY_VARIABLE, raising=False)
    monkeypatch.delenv(pseudonym.KEY_FILE_VARIABLE, raising=False)
    assert not pseudonym.key_is_set()
    with caplog.at_level(logging.WARNING, logger="imw.pseudonym"):
        pseudonym.warn_if_development_key()
    assert "development key" in caplog.text


def test_duckdb_functions(key):
    con = duckdb.connect()
    pseudonym.register_duckdb(con)
    pseudonym.register_duckdb(con)  # a second registration is a no-op
    rows = con.execute(
        "select imw_pseudonym(v), imw_pseudonym_key_fingerprint() "
        "from (values ('what do ya want for nothing?'), (null)) as t(v) order by v nulls last"
    ).fetchall()
    assert rows[0] == (pseudonym.pseudonymise("what do ya want for nothing?"),
                       pseudonym.key_fingerprint())
    assert rows[1][0] is None
    con.execute("create view v as select imw_pseudonym('x') as p")
    (definition,) = con.execute("select sql from duckdb_views() where view_name = 'v'").fetchone()
    assert key not in definition
