"""Where things are, for tests in any folder under tests/."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the repository
DATA = ROOT / "tests" / "data"  # sample documents, written for the tests or taken from the reference set
ARTIFACTS = ROOT / "test-artifacts"  # screenshots, page images and scan reports kept by the tests
