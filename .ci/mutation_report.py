"""The kill rate of the last `make mutation` run, per module, from mutmut's records in mutants/.

Each mutant's status is mutmut's own reading of its exit code (mutmut.stats). Killed, timed out and
caught by the type check count as caught; survived, and "no tests" (no test runs the mutated code),
count as not caught. Exits non-zero when the kill rate of all the modules together is under --target
per cent.
"""

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from mutmut.stats import status_by_exit_code

CAUGHT = {"killed", "timeout", "caught by type check", "segfault"}
MISSED = {"survived", "no tests", "suspicious"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", type=float, default=90.0)
    parser.add_argument("--survivors", action="store_true", help="print the names of the mutants not caught, alone")
    parser.add_argument("folder", nargs="?", default="mutants")
    args = parser.parse_args()
    rows, survivors = defaultdict(lambda: [0, 0, 0]), []
    for meta in sorted(Path(args.folder).rglob("*.py.meta")):
        module = str(meta.relative_to(args.folder))[: -len(".meta")]
        for key, code in json.loads(meta.read_text())["exit_code_by_key"].items():
            status = status_by_exit_code[code]
            if status not in CAUGHT | MISSED:
                continue  # not checked, or skipped: the run was stopped
            row = rows[module]
            row[0] += 1
            if status in CAUGHT:
                row[1] += 1
            else:
                row[2] += 1
                survivors.append((key, status))
    if args.survivors:
        print(" ".join(key for key, status in survivors))
        return 0
    if not rows:
        print("No mutation results: run `make mutation` first.")
        return 1
    print(f"{'module':<48} {'mutants':>8} {'caught':>8} {'missed':>7} {'kill rate':>10}")
    total = [0, 0, 0]
    for module, (count, caught, missed) in sorted(rows.items()):
        total = [total[0] + count, total[1] + caught, total[2] + missed]
        print(f"{module:<48} {count:>8} {caught:>8} {missed:>7} {100 * caught / count:>9.1f}%")
    rate = 100 * total[1] / total[0]
    print(f"{'all':<48} {total[0]:>8} {total[1]:>8} {total[2]:>7} {rate:>9.1f}%")
    if survivors:
        print(f"\n{len(survivors)} not caught (`.venv/bin/mutmut show <name>` shows each):")
        print("\n".join(f"  {key} ({status})" for key, status in survivors))
    return 0 if rate >= args.target else 1


if __name__ == "__main__":
    sys.exit(main())
