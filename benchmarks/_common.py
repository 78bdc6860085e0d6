"""What several benchmarks share: finding FA-KES, and replicating it into a larger corpus."""
from __future__ import annotations

import os
import sys
from pathlib import Path


def fakes_csv(data: Path) -> Path:
    """FA-KES from ``$FRAMING_LAB_DATA/fakes/fakes.csv``, else ``DATA/../data/fakes/fakes.csv``.

    ``data`` is the gold-set folder given as ``--data``; exits with a message when absent.
    """
    root = os.environ.get("FRAMING_LAB_DATA")
    for folder in ([Path(root)] if root else []) + [Path(data).parent / "data"]:
        path = folder / "fakes" / "fakes.csv"
        if path.is_file():
            return path
    sys.exit("no FA-KES corpus: set FRAMING_LAB_DATA to the folder holding fakes/fakes.csv, "
             "or pass --data <shared>/benchmarks")


def replicate(source: Path, times: int, target: Path) -> Path:
    """``source`` written ``times`` times with new ``unit_id``s, bytes kept as they are."""
    import pandas as pd

    table = pd.read_csv(source, encoding="latin-1", dtype=str, keep_default_na=False)
    copies = [table.assign(unit_id=table["unit_id"] + (f"-copy{k}" if k else ""))
              for k in range(times)]
    pd.concat(copies, ignore_index=True).to_csv(target, index=False, encoding="latin-1")
    return target
