"""Resolution across runs: adding articles keeps the ids of the actors that existed."""

from __future__ import annotations

from pathlib import Path

import newsweave


def _actors(db: Path) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    with newsweave.open_store(db, read_only=True) as store:
        return {a["id"]: (a["name"], a["kind"], tuple(a["aliases"])) for a in store.actors()}


def test_two_runs_give_the_same_actors_as_one(corpus_db: Path, one_run_db: Path) -> None:
    assert _actors(corpus_db) == _actors(one_run_db)


def test_ids_of_seed_actors_survive_adding_the_sample(seeds_db: Path, corpus_db: Path) -> None:
    before, after = _actors(seeds_db), _actors(corpus_db)
    tchiani = [i for i, (name, _, _) in before.items() if name == "Abdourahamane Tchiani"]
    assert tchiani and tchiani[0] in after
    assert len(after[tchiani[0]][2]) > len(before[tchiani[0]][2])  # new spellings joined the same id
    kept = sum(1 for actor_id in before if actor_id in after)
    assert kept >= 0.9 * len(before)


def test_analyze_again_changes_nothing(tmp_path: Path, corpus_db: Path) -> None:
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(corpus_db.read_bytes())
    before = _actors(copy)
    assert newsweave.analyze(copy)["actors"] == len(before)
    assert _actors(copy) == before
