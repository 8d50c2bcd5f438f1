"""Where the tests' data live inside the repository (a user's clone has no ../shared)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The Irish budget debate 2010 as a briefkit corpus (quanteda.textmodels data, GPL-3).
IRISH = ROOT / "examples" / "irish-budget-2010"
#: Published reference values (quanteda.textmodels), copied from the project's shared validation set.
VALIDATION = ROOT / "tests" / "data" / "validation"
LBG = VALIDATION / "lbg-2003"
IRISH_PUBLISHED = VALIDATION / "irish_published_wordfish.csv"
