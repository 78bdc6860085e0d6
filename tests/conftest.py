"""Shared fixtures: the seed article (in the project) and the shared gold data (FRAMING_LAB_DATA).

Tests that need ``../shared`` skip with a message when ``FRAMING_LAB_DATA`` is unset; ``make test``
and CI set it to ``../shared/data``.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

import analysis

ROOT = Path(__file__).resolve().parents[1]
SEED_PATH = ROOT / "data" / "aleppo-osce-2016.txt"


@pytest.fixture(scope="session")
def seed_docs():
    return analysis.read_article(SEED_PATH)


@pytest.fixture(scope="session")
def seed_text(seed_docs):
    return seed_docs.loc[0, "text"]


@pytest.fixture(scope="session")
def seed_analysis(seed_docs):
    return analysis.analyze(seed_docs)


@pytest.fixture(scope="session")
def shared_data():
    value = os.environ.get("FRAMING_LAB_DATA")
    if not value or not Path(value).is_dir():
        pytest.skip("FRAMING_LAB_DATA is not set to the shared data folder (make test sets it)")
    return Path(value).resolve()


@pytest.fixture(scope="session")
def shared_benchmarks(shared_data):
    path = shared_data.parent / "benchmarks"
    if not path.is_dir():
        pytest.skip(f"no gold sets at {path}")
    return path


@pytest.fixture(scope="session")
def fakes_docs(shared_data):
    path = shared_data / "fakes" / "fakes.csv"
    if not path.is_file():
        pytest.skip(f"no FA-KES corpus at {path}")
    return analysis.load_corpus(path)
