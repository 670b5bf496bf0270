"""The kill rate of the last `make mutation` run, per module, from mutmut's records in mutants/.

A mutant is killed when the tests fail with it (exit code 1), survives when they pass (0); other
codes are timeouts or crashes (counted as killed by mutmut, listed here apart). Exits non-zero when
the kill rate of all the modules together is under --target per cent.
"""

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

KILLED, SURVIVED = 1, 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", type=float, default=90.0)
    parser.add_argument("folder", nargs="?", default="mutants")
    args = parser.parse_args()
    rows, survivors = defaultdict(lambda: [0, 0, 0]), []
    for meta in sorted(Path(args.folder).rglob("*.py.meta")):
        module = str(meta.relative_to(args.folder))[: -len(".meta")]
        for key, code in json.loads(meta.read_text())["exit_code_by_key"].items():
            if code is None:
                continue  # not run (the run was stopped)
            row = rows[module]
            row[0] += 1
            if code == SURVIVED:
                survivors.append(key)
            elif code == KILLED:
                row[1] += 1
            else:
                row[2] += 1  # timed out or crashed: the mutant did not pass either
    if not rows:
        print("No mutation results: run `make mutation` first.")
        return 1
    print(f"{'module':<48} {'mutants':>8} {'killed':>8} {'other':>6} {'kill rate':>10}")
    total = [0, 0, 0]
    for module, (count, killed, other) in sorted(rows.items()):
        total = [total[0] + count, total[1] + killed, total[2] + other]
        print(f"{module:<48} {count:>8} {killed:>8} {other:>6} {100 * (killed + other) / count:>9.1f}%")
    rate = 100 * (total[1] + total[2]) / total[0]
    print(f"{'all':<48} {total[0]:>8} {total[1]:>8} {total[2]:>6} {rate:>9.1f}%")
    if survivors:
        print(f"\n{len(survivors)} survived (`.venv/bin/mutmut show <name>` shows each):")
        print("\n".join(f"  {name}" for name in survivors))
    return 0 if rate >= args.target else 1


if __name__ == "__main__":
    sys.exit(main())
