"""Where the package's data files live, and how nltk is allowed to read them.

nltk >= 3.10 refuses to open files outside its registered data paths (``nltk/pathsec.py``).
Rather than switching that check off, we register the folders we read from: the folder of the
``vaderSentiment`` wheel (which ships the VADER lexicon) and the package's own ``lexicons``
folder. Registration happens on first use, never at import, and never downloads anything.

Example:
    >>> from analysis.resources import vader_lexicon_url
    >>> vader_lexicon_url().endswith("vader_lexicon.txt")
    True
"""
from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
LEXICON_DIR = PACKAGE_DIR / "lexicons"


def register_nltk_path(folder: Path) -> Path:
    """Put ``folder`` on ``nltk.data.path`` (once) so nltk may read files inside it."""
    import nltk.data

    folder = Path(folder).resolve()
    if str(folder) not in nltk.data.path:
        nltk.data.path.append(str(folder))
    return folder


@functools.cache
def vader_lexicon_path() -> Path:
    """Path of ``vader_lexicon.txt`` as shipped in the ``vadersentiment`` wheel.

    Raises:
        FileNotFoundError: the ``vadersentiment`` package is not installed.
    """
    spec = importlib.util.find_spec("vaderSentiment")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(
            "The VADER lexicon comes from the 'vadersentiment' package: "
            "pip install vadersentiment (it is a core dependency of framing-lab)."
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "vader_lexicon.txt"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: reinstall the 'vadersentiment' package.")
    return path


def vader_lexicon_url() -> str:
    """``file:`` URL of the VADER lexicon, with its folder registered for nltk's path check."""
    path = vader_lexicon_path()
    register_nltk_path(path.parent)
    return "file:" + str(path)
