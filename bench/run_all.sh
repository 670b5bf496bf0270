#!/usr/bin/env bash
# Every benchmark at the national scale (1x, tracker_bench1) and three times it (3x, tracker_bench3),
# in one run. Each database is generated once on its first use and reused (see bench/_setup.py).
#   bash bench/run_all.sh            # everything, the load test included (about 15 minutes)
#   LOAD=0 bash bench/run_all.sh     # without the load test
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
echo "machine: $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for scale in 1 3; do
  createdb -h 127.0.0.1 -U postgres "tracker_bench${scale}" 2>/dev/null || true
  export BENCH_SCALE=$scale
  echo; echo "===== scale ${scale}x ====="
  for script in exports findings_list dashboard reminders board_pack; do
    echo; echo "--- bench/${script}.py"
    $PY "bench/${script}.py" 2>&1 | grep -v "^AXES\|Warning\|warnings.warn"
  done
  if [ "$scale" = 3 ]; then
    echo; echo "--- bench/reminders.py --open 10000 (closed findings reopened for the run, put back after)"
    $PY bench/reminders.py --open 10000 2>&1 | grep -v "^AXES\|Warning\|warnings.warn"
  fi
  if [ "${LOAD:-1}" != 0 ]; then
    echo; echo "--- bench/load.py (closed loop, no pause)"
    $PY bench/load.py --workers 5 --threads 1 2>&1 | grep -v "^AXES"
    echo; echo "--- bench/load.py (a pause of up to 10 s between requests, as people read a page)"
    $PY bench/load.py --workers 5 --threads 1 --think 10 2>&1 | grep -v "^AXES"
  fi
done
echo; echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
