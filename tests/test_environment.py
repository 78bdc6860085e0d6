"""environment.yml (conda) and pyproject.toml must name the same core dependencies."""
import re
import tomllib

from conftest import ROOT


def _name(requirement: str) -> str:
    return re.split(r"[<>=!\[ ]", requirement.strip(), maxsplit=1)[0].lower()


def test_conda_environment_names_the_core_dependencies():
    core = {_name(r) for r in tomllib.loads((ROOT / "pyproject.toml").read_text())
            ["project"]["dependencies"]}
    listed = re.findall(r"^\s*-\s+([A-Za-z][\w.\-\[\]<>=!]*)\s*$",
                        (ROOT / "environment.yml").read_text().split("dependencies:")[1],
                        re.MULTILINE)
    conda = {_name(r) for r in listed} - {"python", "pip"}
    assert conda == core
    assert {"jupyterlab", "pandas", "matplotlib", "nltk"} <= core
