#!/usr/bin/env bash
# Chaos test of losslab on the embedded PostgreSQL (README "Reliability").
#
#   scripts/chaos.sh [--kills N] [--seed S] [--workdir DIR] [--keep]
#
# Runs a small job and SIGKILLs it N times (default 10), each time followed by
# `losslab restart --last`. The kills cycle through every step type and the instants that matter:
#   - paused inside prepare-data's transaction (first attempt), a checkpoint write, a run's final
#     write (final_params), summarize's transaction (always the last kill), via LOSSLAB_CHAOS_PAUSE:
#     the process freezes exactly there and this script kills it;
#   - at a random moment (1-8 s after start: JVM start, embedded server start/stale cleanup,
#     Flyway, training).
# Even kills hit the whole process group (the JVM and its embedded postgres: stale postmaster.pid,
# crash recovery); odd kills only the JVM (its postgres lives on: a stale server to stop).
# Then the same spec runs uninterrupted in a second embedded database (the reference), and every
# results table is compared: runs, epoch metrics, final parameters (params_sha256 and the bytes),
# size summaries, data sets, experiments, completed steps (none completed twice), invariants.
# Exit status 0 only if every table is identical; prints "kills survived: N".
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

kills=10
seed=$RANDOM
work=""
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --kills) kills="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --workdir) work="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "chaos: unknown argument $1" >&2; exit 2 ;;
  esac
done
RANDOM=$seed
[ -n "$work" ] || work="$(mktemp -d "${TMPDIR:-/tmp}/losslab-chaos.XXXXXX")"
mkdir -p "$work"
[ "$keep" = 1 ] || trap 'rm -rf "$work"' EXIT
unset LOSSLAB_DB_URL
export LOSSLAB_THREADS="${LOSSLAB_THREADS:-2}"
export LOSSLAB_JAVA_OPTS="${LOSSLAB_JAVA_OPTS:--Xmx2g -Dorg.bytedeco.javacpp.maxbytes=4G}"

# the job: enough runs that every kill lands before the job is done
restarts=$(( kills < 6 ? 4 : (kills + 3) / 2 * 2 ))
sets=(--set name=chaos --set data.holdout=6000 --set "training.hidden_widths=[25,50]"
      --set "training.restarts=$restarts" --set training.epochs=4 --set training.block_size=2
      --set training.trainer=dl4j --set theory=null --set spinglass=null --set cells=null --set regions=null)
spec=jobs/quickstart.yaml
echo "chaos: seed $seed, $kills kills, ${restarts} restarts x 2 widths x 4 epochs, work dir $work"

[ -f target/losslab.jar ] || ./losslab --version >/dev/null

# the kill plan: first inside prepare-data, last inside summarize, in between the other instants
plan=()
middle=("checkpoint:2" "random" "final-params:1" "random" "checkpoint:1" "random" "final-params:2" "checkpoint:3")
for ((i = 0; i < kills; i++)); do
  if [ "$i" = 0 ]; then plan+=("prepare-data:1")
  elif [ "$i" = $((kills - 1)) ]; then plan+=("summarize:1")
  else plan+=("${middle[$(((i - 1) % ${#middle[@]}))]}")
  fi
done

export LOSSLAB_EMBEDDED_DIR="$work/chaos/pgdata"
survived=0
fail() { echo "chaos: FAILED: $*" >&2; echo "kills survived: $survived"; exit 1; }

# one attempt: start `losslab ARGS` in its own process group; kill it as planned ($1)
attempt() {
  local what="$1"; shift
  local signal="$work/signal" log="$work/attempt-$survived.log"
  rm -f "$signal"
  if [ "$what" = random ]; then
    setsid ./losslab "$@" >"$log" 2>&1 &
  else
    LOSSLAB_CHAOS_PAUSE="$what" LOSSLAB_CHAOS_SIGNAL="$signal" setsid ./losslab "$@" >"$log" 2>&1 &
  fi
  local pid=$! waited=0 delay=$((10 + RANDOM % 70))   # random: 1.0-7.9 s
  while kill -0 "$pid" 2>/dev/null; do
    if { [ "$what" = random ] && [ "$waited" -ge "$delay" ]; } || [ -s "$signal" ]; then
      local where="after $(awk "BEGIN{print $waited/10}") s"
      [ -s "$signal" ] && where="$(cat "$signal")"
      if [ $((survived % 2)) = 0 ]; then kill -KILL -- "-$pid" 2>/dev/null; scope="process group"
      else kill -KILL "$pid" 2>/dev/null; scope="JVM only"; fi
      wait "$pid" 2>/dev/null
      survived=$((survived + 1))
      echo "chaos: kill $survived ($what, $scope): $where"
      return 137
    fi
    sleep 0.1; waited=$((waited + 1))
  done
  wait "$pid"; local code=$?
  return "$code"
}

# run, then after every kill restart --last (or run again if nothing was recorded yet)
cmd=(run "$spec" "${sets[@]}")
for what in "${plan[@]}"; do
  attempt "$what" "${cmd[@]}"; code=$?
  if [ "$code" = 0 ]; then fail "the job completed before kill $((survived + 1)) of $kills ($what); use a bigger job"; fi
  if [ "$code" != 137 ]; then
    if grep -q "there is no execution to restart\|has no recorded spec" "$work/attempt-$survived.log"; then
      cmd=(run "$spec" "${sets[@]}")   # killed before the job was recorded: start it again
      attempt "$what" "${cmd[@]}"; code=$?
      [ "$code" = 137 ] || fail "attempt ended with exit $code: $(tail -5 "$work/attempt-$survived.log")"
    else
      fail "attempt ended with exit $code: $(tail -5 "$work/attempt-$survived.log")"
    fi
  fi
  cmd=(restart --last)
done
./losslab restart --last >"$work/final.log" 2>&1; code=$?
if [ "$code" != 0 ] && grep -q "there is no execution to restart\|has no recorded spec" "$work/final.log"; then
  ./losslab run "$spec" "${sets[@]}" >"$work/final.log" 2>&1; code=$?
fi
[ "$code" = 0 ] || fail "final restart exit $code: $(tail -20 "$work/final.log")"
echo "chaos: job completed after $survived kills"

# the reference: the same spec, uninterrupted, in its own embedded database
LOSSLAB_EMBEDDED_DIR="$work/reference/pgdata" ./losslab run "$spec" "${sets[@]}" >"$work/reference.log" 2>&1 \
  || fail "reference run: $(tail -20 "$work/reference.log")"

# read both databases with the embedded server's own binaries (in a user namespace, like losslab)
pg_ctl="$(ls -d "${TMPDIR:-/tmp}"/embedded-pg/PG-*/bin/pg_ctl 2>/dev/null | head -1)"
[ -x "$pg_ctl" ] || fail "cannot find the embedded PostgreSQL's pg_ctl under ${TMPDIR:-/tmp}/embedded-pg"
ns=(); [ "$(id -u)" = 0 ] && ns=(unshare -U)
dump() {   # dump DATADIR OUT: canonical text of every results table
  local dir="$1" out="$2" port=$((20000 + RANDOM % 20000))
  "${ns[@]}" "$pg_ctl" start -D "$dir" -o "-p $port -c listen_addresses=localhost" -w -l "$dir.read.log" >/dev/null \
    || fail "cannot start PostgreSQL on $dir: $(tail -5 "$dir.read.log")"
  local q=(psql -h localhost -p "$port" -U postgres -d postgres -AtX -v ON_ERROR_STOP=1)
  {
    echo "== experiment"; "${q[@]}" -c "SELECT name, spec_sha256, seed, instance_no, md5(spec_text) FROM experiment ORDER BY 1"
    echo "== dataset"; "${q[@]}" -c "SELECT dataset_sha256, split, n_train, n_test, image_rows, image_cols, md5(payload) FROM dataset ORDER BY 1"
    echo "== experiment_dataset"; "${q[@]}" -c "SELECT x.name, d.role, d.dataset_sha256 FROM experiment_dataset d JOIN experiment x USING (experiment_id) ORDER BY 1, 2"
    echo "== run"; "${q[@]}" -c "SELECT run_key, architecture, widths, activation, seed, restart, status, epochs_planned, epochs_done, diverged_epoch, dataset_sha256 FROM run ORDER BY 1"
    echo "== epoch_metric"; "${q[@]}" -c "SELECT r.run_key, m.epoch, m.learning_rate, m.train_loss, m.test_loss, m.train_error, m.test_error FROM epoch_metric m JOIN run r USING (run_id) ORDER BY 1, 2"
    echo "== final_params"; "${q[@]}" -c "SELECT r.run_key, f.params_sha256, encode(sha256(f.params), 'hex') FROM final_params f JOIN run r USING (run_id) ORDER BY 1"
    echo "== v_runs"; "${q[@]}" -c "SELECT run_key, status, epochs_done, final_train_loss, final_test_loss, final_test_error, params_sha256 FROM v_runs ORDER BY 1"
    echo "== size_summary"; "${q[@]}" -c "SELECT x.name, s.architecture, s.hidden_width, s.n_runs, s.n_completed, s.n_diverged, s.test_loss_mean, s.test_loss_sd, s.test_loss_min, s.test_loss_q25, s.test_loss_median, s.test_loss_q75, s.test_loss_max, s.train_loss_mean, s.test_error_mean, s.pearson_train_test FROM size_summary s JOIN experiment x USING (experiment_id) ORDER BY 1, 2, 3"
    echo "== checkpoints left"; "${q[@]}" -c "SELECT count(*) FROM checkpoint"
    echo "== steps completed (each exactly once)"; "${q[@]}" -c "SELECT step_name, count(*) FROM batch_step_execution WHERE status = 'COMPLETED' GROUP BY 1 ORDER BY 1"
    echo "== last execution"; "${q[@]}" -c "SELECT status FROM batch_job_execution ORDER BY job_execution_id DESC LIMIT 1"
    echo "== invariant violations"; "${q[@]}" -c "
      SELECT 'completed run incomplete: ' || r.run_key FROM run r LEFT JOIN final_params f USING (run_id)
        WHERE r.status = 'COMPLETED' AND (r.epochs_done <> r.epochs_planned OR f.run_id IS NULL)
      UNION ALL SELECT 'metric rows not 1..epochs_done: ' || r.run_key FROM run r LEFT JOIN epoch_metric m USING (run_id)
        GROUP BY r.run_key, r.epochs_done HAVING count(m.epoch) <> r.epochs_done OR coalesce(max(m.epoch), 0) <> r.epochs_done"
  } >"$out" 2>&1
  "${ns[@]}" "$pg_ctl" stop -D "$dir" -m fast -w >/dev/null
  "${q[@]}" -c "SELECT 1" >/dev/null 2>&1 && fail "server on $dir still running"
}
dump "$work/chaos/pgdata" "$work/chaos.txt"
dump "$work/reference/pgdata" "$work/reference.txt"
if ! diff -u "$work/reference.txt" "$work/chaos.txt" >"$work/diff.txt"; then
  echo "chaos: the results differ from the uninterrupted reference:" >&2
  head -60 "$work/diff.txt" >&2
  echo "kills survived: $survived (but the results differ)"
  keep=1; trap - EXIT; echo "chaos: kept $work" >&2
  exit 1
fi
rows=$(grep -c "" "$work/reference.txt")
echo "chaos: every results table equals the uninterrupted reference ($rows lines compared)"
echo "kills survived: $survived"
