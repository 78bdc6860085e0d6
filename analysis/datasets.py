"""External corpora: where they are looked for, and the one explicit download step.

Nothing here runs at import time, and nothing downloads unless you call :func:`download_fakes`
(or ``load_fakes(download=True)``). Corpora are looked for, in order, in

1. the folder named by the environment variable ``FRAMING_LAB_DATA`` (the one setting; tests and
   CI set it to ``../shared/data``), as ``<FRAMING_LAB_DATA>/fakes/fakes.csv``;
2. the user cache, ``$XDG_CACHE_HOME/framing-lab`` (default ``~/.cache/framing-lab``).

FA-KES (Abu Salem et al., ICWSM 2019; CC BY 4.0, cite the paper) is Zenodo record 2607278.

Example:
    >>> from analysis import datasets
    >>> datasets.FAKES.record
    '2607278'
"""
from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

import pandas as pd

ENV_VAR = "FRAMING_LAB_DATA"


class DatasetNotFoundError(FileNotFoundError):
    """A corpus is not on this machine; the message says where to put it."""


@dataclasses.dataclass(frozen=True)
class Dataset:
    name: str
    relative_path: str
    record: str
    url: str
    md5: str
    citation: str


FAKES = Dataset(
    name="FA-KES",
    relative_path="fakes/fakes.csv",
    record="2607278",
    url="https://zenodo.org/records/2607278/files/FA-KES-Dataset.csv?download=1",
    md5="55d0ec452440a4ed46aac1e330b40e83",
    citation="Abu Salem, Al Feel, Elbassuoni, Jaber & Farah (2019). FA-KES: A Fake News "
             "Dataset around the Syrian War. ICWSM 2019. CC BY 4.0.",
)


def data_dir() -> Path | None:
    """The folder named by ``FRAMING_LAB_DATA``, or None when the variable is unset."""
    value = os.environ.get(ENV_VAR)
    return Path(value).expanduser().resolve() if value else None


def cache_dir() -> Path:
    """The user cache folder for downloaded corpora (not created here)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "framing-lab"


def _candidates(dataset: Dataset) -> list[Path]:
    folders = [d for d in (data_dir(), cache_dir()) if d is not None]
    return [folder / dataset.relative_path for folder in folders]


def locate(dataset: Dataset = FAKES) -> Path:
    """Path of a corpus on this machine.

    Raises:
        DatasetNotFoundError: not found; the message lists where it was looked for and how
            to get it.
    """
    candidates = _candidates(dataset)
    for path in candidates:
        if path.is_file():
            return path
    looked = "\n".join(f"  - {p}" for p in candidates)
    raise DatasetNotFoundError(
        f"The {dataset.name} corpus is not on this machine. Looked in:\n{looked}\n"
        f"Get it with analysis.datasets.download_fakes() (Zenodo record {dataset.record}), "
        f"or download {dataset.url} yourself and save it as "
        f"{cache_dir() / dataset.relative_path}, or set {ENV_VAR} to a folder holding "
        f"{dataset.relative_path}."
    )


def fakes_path() -> Path:
    """Path of the FA-KES CSV (see :func:`locate`)."""
    return locate(FAKES)


def download_fakes(*, force: bool = False, timeout: float = 60) -> Path:
    """Download FA-KES from Zenodo into the user cache, checking its MD5 checksum.

    Raises:
        DatasetNotFoundError: offline or the download failed; says where to put the file.
        ValueError: the downloaded file's checksum does not match Zenodo's.
    """
    target = cache_dir() / FAKES.relative_path
    if target.is_file() and not force:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with urllib.request.urlopen(FAKES.url, timeout=timeout) as response, \
                tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as tmp:
            shutil.copyfileobj(response, tmp)
    except (urllib.error.URLError, OSError) as exc:
        raise DatasetNotFoundError(
            f"Could not download {FAKES.name} from {FAKES.url} ({exc}). If this machine is "
            f"offline, download the file elsewhere and save it as {target}, or set {ENV_VAR} "
            f"to a folder holding {FAKES.relative_path}."
        ) from exc
    digest = hashlib.md5(Path(tmp.name).read_bytes()).hexdigest()
    if digest != FAKES.md5:
        Path(tmp.name).unlink()
        raise ValueError(f"{FAKES.name} download has MD5 {digest}, expected {FAKES.md5}")
    os.replace(tmp.name, target)
    return target


def load_fakes(*, download: bool = False, keep_fields: bool = True) -> pd.DataFrame:
    """FA-KES as a ``documents`` table (outlet in ``source``), plus its crowd-coded fields.

    Args:
        download: fetch the corpus from Zenodo when it is not on this machine.
        keep_fields: keep FA-KES's own columns (``actor``, ``cause_of_death``, ``label``, ...)
            beside the standard ones, joined on the document's original ``unit_id``.

    Raises:
        DatasetNotFoundError: the corpus is absent (and ``download`` is false or failed).
    """
    from .corpus import load_corpus, read_table

    try:
        path = fakes_path()
    except DatasetNotFoundError:
        if not download:
            raise
        path = download_fakes()
    documents = load_corpus(path, text_col="article_content", id_col="unit_id",
                            title_col="article_title", source_col="source", date_col="date")
    if keep_fields:
        attrs = documents.attrs
        fields = read_table(path).drop(columns=["article_title", "article_content", "source",
                                                "date"])
        fields["row"] = [f"{path}#{i}" for i in range(len(fields))]
        documents = documents.merge(fields.drop(columns="unit_id"), how="left",
                                    left_on="path", right_on="row").drop(columns="row")
        documents.attrs = attrs
    return documents
