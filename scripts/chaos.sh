#!/usr/bin/env bash
# Chaos test of losslab on the embedded PostgreSQL (docs/reliability.md).
#
#   scripts/chaos.sh [--kills N] [--seed S] [--workdir DIR] [--keep]
#
# Runs a small job through every stage (prepare-data, train, summarize, theory, spinglass, enumeration, cells,
# region-networks, sample-activations, region-statistics, compare, then the report) and SIGKILLs it
# N times (default 15), each time followed by `losslab restart --last`. Targeted kills use
# LOSSLAB_CHAOS_PAUSE=point:n with LOSSLAB_FAULTS_ENABLED=true (the fault seam, org.losslab.faults): the
# process freezes at the n-th time it reaches that point, inside the write transaction, and this script
# kills it there. The 15 kill points, in
# pipeline order: prepare-data, a training checkpoint write, a random moment (1-8 s after start: JVM
# start, embedded server start/stale cleanup, Flyway, training), a run's final write (final_params),
# summarize, theory (after the curves), a spin-glass block checkpoint, an enumerated disorder sample,
# cells (its certificates on the generated data, then on the MNIST subset),
# a region network's epoch checkpoint, a sample-activations accumulator checkpoint, region-statistics,
# compare, and report generation (midway through the figures; the job is COMPLETED then, so the
# script checks that no report of it is visible and runs `losslab report --last` instead of restart). N >= 15 hits every point (extra kills go to
# training: checkpoints, final writes, random moments); N < 15 hits a subset drawn with --seed.
# Even kills hit the whole process group (the JVM and its embedded postgres: stale postmaster.pid,
# crash recovery); odd kills only the JVM (its postgres lives on: a stale server to stop).
# Then the same spec runs uninterrupted in a second embedded database (the reference), and every
# results table is compared as text (timing columns and execution ids excluded), with a duplicate
# check per natural key; the report must be complete (index.html and every image it references).
# Exit status 0 only if every table is identical; prints "kills survived: N".
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

kills=15
seed=$RANDOM
work=""
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --kills) kills="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --workdir) work="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "chaos: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ "$kills" -ge 1 ] 2>/dev/null || { echo "chaos: --kills must be a positive number" >&2; exit 2; }
RANDOM=$seed
[ -n "$work" ] || work="$(mktemp -d "${TMPDIR:-/tmp}/losslab-chaos.XXXXXX")"
work="$(mkdir -p "$work" && cd "$work" && pwd)" || { echo "chaos: cannot use work dir $work" >&2; exit 2; }
[ -n "$work" ] || { echo "chaos: empty work dir" >&2; exit 2; }
[ "$keep" = 1 ] || trap 'rm -rf "$work"' EXIT
unset LOSSLAB_DB_URL
export LOSSLAB_THREADS="${LOSSLAB_THREADS:-2}"
export LOSSLAB_JAVA_OPTS="${LOSSLAB_JAVA_OPTS:--Xmx2g -Dorg.bytedeco.javacpp.maxbytes=4G}"
started=$(date +%s)

# the kill plan: the 15 points in pipeline order; N >= 15 takes all (extra kills go to training),
# N < 15 a subset drawn with the seed (kept in pipeline order)
points=(prepare-data:1 checkpoint:2 random final-params:1 summarize:1 theory:2 spinglass:2 enumeration:3 cells:1 cells:2
        region-networks:2 sample-activations:3 region-statistics:2 compare:1 report:2)
extra=("random" "checkpoint:1" "final-params:2" "checkpoint:3")
plan=()
if [ "$kills" -ge "${#points[@]}" ]; then
  training=()
  for ((i = 0; i < kills - ${#points[@]}; i++)); do training+=("${extra[$((i % ${#extra[@]}))]}"); done
  plan=("${points[@]:0:4}" "${training[@]}" "${points[@]:4}")
else
  chosen=()
  for ((i = 0; i < ${#points[@]}; i++)); do chosen+=(0); done
  for ((n = 0; n < kills; )); do
    i=$((RANDOM % ${#points[@]}))
    [ "${chosen[$i]}" = 0 ] && { chosen[$i]=1; n=$((n + 1)); }
  done
  for ((i = 0; i < ${#points[@]}; i++)); do [ "${chosen[$i]}" = 1 ] && plan+=("${points[$i]}"); done
fi

# the job: every stage at toy size; enough runs that every training kill lands before training ends
training_kills=0
for what in "${plan[@]}"; do
  case "$what" in checkpoint:*|final-params:*|random) training_kills=$((training_kills + 1)) ;; esac
done
restarts=$(( training_kills < 3 ? 4 : (training_kills + 3) / 2 * 2 ))
spec="$here/jobs/quickstart.yaml"
sets=(--set name=chaos --set data.holdout=6000 --set "training.hidden_widths=[25,50]"
      --set "training.restarts=$restarts" --set training.epochs=4 --set training.block_size=2
      --set training.trainer=dl4j
      --set theory.k_max=2 --set theory.u_step=0.01 --set "theory.kac_rice.n=[4,8]" --set theory.kac_rice.samples=500
      --set "spinglass.sizes=[25]" --set spinglass.restarts=4 --set spinglass.block_size=2
      --set spinglass.gd_max_steps=400 --set spinglass.steps_per_chunk=100
      --set enumeration.samples=20 --set enumeration.block_size=5 --set enumeration.kac_rice_samples=2000
      --set cells.n=30 --set cells.width=4 --set cells.perturbations=300 --set cells.valley_points=50
      --set cells.in_cell_starts=2 --set cells.in_cell_train_steps=50
      --set "cells.mnist_classes=[3,5]" --set cells.mnist_count=60 --set cells.mnist_components=5
      --set "regions.mlp_widths=[16,16]" --set "regions.activations=[relu,hardtanh]" --set regions.input_count=200 --set regions.census_train_count=200
      --set regions.batch_size=50 --set regions.train_epochs=2 --set regions.train_count=1000)
echo "chaos: seed $seed, $kills kills (${plan[*]}), ${restarts} restarts x 2 widths x 4 epochs, work dir $work"

[ -f target/losslab.jar ] || ./losslab --version >/dev/null
# each database's process runs in its own directory, so that its reports/ are its own
mkdir -p "$work/chaos" "$work/reference"
export LOSSLAB_EMBEDDED_DIR="$work/chaos/pgdata"
survived=0
fail() { echo "chaos: FAILED: $*" >&2; echo "kills survived: $survived"; keep=1; trap - EXIT; echo "chaos: kept $work" >&2; exit 1; }
ll() { (cd "$work/chaos" && "$here/losslab" "$@"); }

# one attempt: start `losslab ARGS` in its own process group; kill it as planned ($1)
attempt() {
  local what="$1"; shift
  local signal="$work/signal" log="$work/attempt-$survived.log"
  rm -f "$signal"
  cd "$work/chaos"
  if [ "$what" = random ]; then
    setsid "$here/losslab" "$@" >"$log" 2>&1 &
  else
    LOSSLAB_FAULTS_ENABLED=true LOSSLAB_CHAOS_PAUSE="$what" LOSSLAB_CHAOS_SIGNAL="$signal" setsid "$here/losslab" "$@" >"$log" 2>&1 &
  fi
  local pid=$! waited=0 delay=$((10 + RANDOM % 70))   # random: 1.0-7.9 s
  cd "$here"
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
    if [ "$code" = 6 ]; then   # nothing to restart (docs/operations.md, exit codes)
      cmd=(run "$spec" "${sets[@]}")   # killed before the job was recorded: start it again
      attempt "$what" "${cmd[@]}"; code=$?
      [ "$code" = 137 ] || fail "attempt ended with exit $code: $(tail -5 "$work/attempt-$survived.log")"
    else
      fail "attempt ended with exit $code: $(tail -5 "$work/attempt-$survived.log")"
    fi
  fi
  cmd=(restart --last)
done
ll restart --last >"$work/final.log" 2>&1; code=$?
if [ "$code" = 6 ]; then   # nothing to restart: killed before the job was recorded
  ll run "$spec" "${sets[@]}" >"$work/final.log" 2>&1; code=$?
elif [ "$code" = 4 ] && grep -q "already completed" "$work/final.log"; then
  # killed while writing the report of the completed job: nothing of it may be visible; write it again
  echo "chaos: the job had completed; $(grep "already completed" "$work/final.log" | head -1)"
  done_id="$(sed -n 's/.*execution \([0-9]*\) already completed.*/\1/p' "$work/final.log" | head -1)"
  [ -n "$done_id" ] || fail "cannot read the completed execution's id from: $(grep "already completed" "$work/final.log" | head -1)"
  [ -e "$work/chaos/reports/chaos-$done_id" ] && fail "the killed writer left a visible report chaos-$done_id"
  echo "chaos: no report of execution $done_id visible after the kill; hidden leftovers:" \
    "$(ls -A "$work/chaos/reports" 2>/dev/null | grep "^\." | tr '\n' ' ')"
  ll report --last >>"$work/final.log" 2>&1; code=$?
fi
[ "$code" = 0 ] || fail "final restart exit $code: $(tail -20 "$work/final.log")"
echo "chaos: job completed after $survived kills"

# the reference: the same spec, uninterrupted, in its own embedded database and directory
(cd "$work/reference" && LOSSLAB_EMBEDDED_DIR="$work/reference/pgdata" "$here/losslab" run "$spec" "${sets[@]}") \
  >"$work/reference.log" 2>&1 || fail "reference run: $(tail -20 "$work/reference.log")"

# the report of the last execution: index.html complete, every image it references present and whole,
# no half-written report left beside it
report_check() {   # report_check CWD OUT: the list of figure files (name, bytes of the PNG/SVG kind)
  local dir index
  dir="$1/reports/chaos-$(ls "$1/reports" 2>/dev/null | sed -n 's/^chaos-\([0-9]*\)$/\1/p' | sort -n | tail -1)"
  index="$dir/index.html"
  [ -s "$index" ] || fail "no report in $1/reports ($(ls -a "$1/reports" 2>&1 | tr '\n' ' '))"
  tail -c 200 "$index" | grep -q "</html>" || fail "$index is truncated"
  ls -a "$1/reports" | grep -q "\.partial-\|\.old-" && fail "half-written report left in $1/reports: $(ls -a "$1/reports" | tr '\n' ' ')"
  local f
  exec 3>"$2"   # figure names; fail's own lines still reach stdout/stderr
  for f in $(grep -o '\(src\|href\)="figures/[^"]*"' "$index" | sed 's/.*="\(.*\)"/\1/' | sort -u); do
    [ -s "$dir/$f" ] || fail "$index references $f, which is missing or empty"
    case "$f" in
      *.png) head -c 8 "$dir/$f" | od -An -c | grep -q "P   N   G" || fail "$dir/$f is not a PNG" ;;
      *.svg) tail -c 100 "$dir/$f" | grep -q "</svg>" || fail "$dir/$f is truncated" ;;
    esac
    echo "$f" >&3
  done
  exec 3>&-
  [ -s "$2" ] || fail "$index references no figure"
}
report_check "$work/chaos" "$work/chaos.figures"
report_check "$work/reference" "$work/reference.figures"
diff -u "$work/reference.figures" "$work/chaos.figures" >&2 || fail "the report's figures differ from the reference's"
echo "chaos: report complete ($(grep -c "" "$work/chaos.figures") figure files, as in the reference)"

# read both databases with the embedded server's own binaries (in a user namespace, like losslab)
pg_ctl="$(ls -d "${TMPDIR:-/tmp}"/embedded-pg/PG-*/bin/pg_ctl 2>/dev/null | head -1)"
[ -x "$pg_ctl" ] || fail "cannot find the embedded PostgreSQL's pg_ctl under ${TMPDIR:-/tmp}/embedded-pg"
ns=(); [ "$(id -u)" = 0 ] && ns=(unshare -U)
# tables of the later stages, dumped generically: every column but ids of executions and
# experiments and timings (which legitimately differ: columns *_ms, *_at, and the certificates'
# *_millis measurements), bytes as md5; plus a duplicate check per natural key
generic=(theory_threshold complexity_curve kac_rice spinglass_block spinglass_result enumeration_sample
         enumeration_point enumeration_kac_rice cell_certificate cell_check
         cell_measurement region_network region_network_epoch region_sample region_stat region_kde region_joint
         region_joint_neuron region_census region_pattern_size region_cells_visited region_cells_state comparison)
declare -A only=([cell_measurement]="WHERE name !~ '(_millis|_ms|_seconds)\$'")   # timing measurements differ
dump() {   # dump DATADIR OUT: canonical text of every results table
  local dir="$1" out="$2" port=$((20000 + RANDOM % 20000))
  "${ns[@]}" "$pg_ctl" start -D "$dir" -o "-p $port -c listen_addresses=localhost" -w -l "$dir.read.log" >/dev/null \
    || fail "cannot start PostgreSQL on $dir: $(tail -5 "$dir.read.log")"
  local q=(psql -h localhost -p "$port" -U postgres -d postgres -AtX -v ON_ERROR_STOP=1)
  {
    echo "== experiment"; "${q[@]}" -c "SELECT name, spec_sha256, seed, instance_no, md5(spec_text) FROM experiment ORDER BY 1"
    echo "== dataset"; "${q[@]}" -c "SELECT dataset_sha256, split, n_train, n_test, image_rows, image_cols, md5(payload) FROM dataset ORDER BY 1"
    echo "== experiment_dataset"; "${q[@]}" -c "SELECT x.name, d.role, d.dataset_sha256 FROM experiment_dataset d JOIN experiment x USING (experiment_id) ORDER BY 1, 2"
    echo "== run"; "${q[@]}" -c "SELECT run_key, trainer, architecture, widths, activation, seed, restart, status, epochs_planned, epochs_done, diverged_epoch, dataset_sha256 FROM run ORDER BY 1"
    echo "== epoch_metric"; "${q[@]}" -c "SELECT r.run_key, m.epoch, m.learning_rate, m.train_loss, m.test_loss, m.train_error, m.test_error FROM epoch_metric m JOIN run r USING (run_id) ORDER BY 1, 2"
    echo "== final_params"; "${q[@]}" -c "SELECT r.run_key, f.params_sha256, encode(sha256(f.params), 'hex') FROM final_params f JOIN run r USING (run_id) ORDER BY 1"
    echo "== v_runs"; "${q[@]}" -c "SELECT run_key, status, epochs_done, final_train_loss, final_test_loss, final_test_error, params_sha256 FROM v_runs ORDER BY 1"
    echo "== size_summary"; "${q[@]}" -c "SELECT x.name, s.architecture, s.hidden_width, s.n_runs, s.n_completed, s.n_diverged, s.test_loss_mean, s.test_loss_sd, s.test_loss_min, s.test_loss_q25, s.test_loss_median, s.test_loss_q75, s.test_loss_max, s.train_loss_mean, s.test_error_mean, s.pearson_train_test FROM size_summary s JOIN experiment x USING (experiment_id) ORDER BY 1, 2, 3"
    local t sql
    for t in "${generic[@]}"; do
      sql="$("${q[@]}" -c "
        SELECT 'SELECT ' || string_agg(CASE WHEN data_type = 'bytea' THEN 'md5(' || quote_ident(column_name) || ')'
                                            ELSE quote_ident(column_name) END, ', ' ORDER BY ordinal_position)
               || ' FROM ' || quote_ident('$t') || ' ORDER BY ' || string_agg(ordinal_position::text, ', ')
        FROM (SELECT column_name, data_type, row_number() OVER (ORDER BY ordinal_position) AS ordinal_position
              FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '$t'
                AND column_name NOT IN ('experiment_id', 'job_execution_id', 'step_execution_id', 'source_run_id',
                                        'elapsed_ms', 'computed_at')
                AND column_name !~ '(_millis|_ms|_at|_time|_seconds)\$') c")"
      sql="${sql/ ORDER BY / ${only[$t]:-} ORDER BY }"
      echo "== $t ($("${q[@]}" -c "SELECT count(*) FROM $t") rows): $sql"
      "${q[@]}" -c "$sql"
    done
    echo "== v_network_hessian"; "${q[@]}" -c "SELECT run_key, n_params, method, grad_norm, critical, lambda_min, lambda_max, negative_count, negative_fraction, zero_count FROM v_network_hessian ORDER BY 1"
    echo "== hessian_density"; "${q[@]}" -c "SELECT r.run_key, d.bin, d.lo, d.hi, d.mass FROM hessian_density d JOIN run r USING (run_id) ORDER BY 1, 2"
    echo "== run_cells_visited"; "${q[@]}" -c "SELECT r.run_key, c.epoch, c.layer_no, c.layer, c.units, c.subset_rows, c.patterns, c.new_patterns, c.cumulative_patterns, c.rows_changed, c.dead_fraction, c.always_on_fraction FROM run_cells_visited c JOIN run r USING (run_id) ORDER BY 1, 2, 3"
    echo "== run_cells_state"; "${q[@]}" -c "SELECT r.run_key, s.epoch, md5(s.state) FROM run_cells_state s JOIN run r USING (run_id) ORDER BY 1"
    echo "== region_network source runs"; "${q[@]}" -c "SELECT n.network_key, r.run_key FROM region_network n LEFT JOIN run r ON r.run_id = n.source_run_id ORDER BY 1"
    echo "== duplicates per natural key (none expected)"
    for t in "${generic[@]}"; do
      sql="$("${q[@]}" -c "
        SELECT 'SELECT ''$t: '' || concat_ws('','', ' || string_agg(quote_ident(a.attname), ', ') || ') FROM $t GROUP BY '
               || string_agg(quote_ident(a.attname), ', ') || ' HAVING count(*) > 1'
        FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
        WHERE i.indrelid = '$t'::regclass AND i.indisprimary AND a.attname <> 'experiment_id'")"
      "${q[@]}" -c "$sql"
    done
    echo "== checkpoints left"; "${q[@]}" -c "SELECT count(*) FROM checkpoint"
    echo "== steps completed (each exactly once)"; "${q[@]}" -c "SELECT step_name, count(*) FROM batch_step_execution WHERE status = 'COMPLETED' GROUP BY 1 ORDER BY 1"
    echo "== last execution"; "${q[@]}" -c "SELECT status FROM batch_job_execution ORDER BY job_execution_id DESC LIMIT 1"
    echo "== invariant violations"; "${q[@]}" -c "
      SELECT 'completed run incomplete: ' || r.run_key FROM run r LEFT JOIN final_params f USING (run_id)
        WHERE r.status = 'COMPLETED' AND (r.epochs_done <> r.epochs_planned OR f.run_id IS NULL)
      UNION ALL SELECT 'metric rows not 1..epochs_done: ' || r.run_key FROM run r LEFT JOIN epoch_metric m USING (run_id)
        GROUP BY r.run_key, r.epochs_done HAVING count(m.epoch) <> r.epochs_done OR coalesce(max(m.epoch), 0) <> r.epochs_done
      UNION ALL SELECT 'unfinished: spinglass_block ' || n || '/' || first_restart FROM spinglass_block WHERE NOT finished
      UNION ALL SELECT 'unfinished: region_network ' || network_key FROM region_network WHERE NOT finished
      UNION ALL SELECT 'unfinished: region_sample ' || network_key || '/' || input_set FROM region_sample WHERE NOT finished
      UNION ALL SELECT 'region epochs not 1..epochs_done: ' || n.network_key FROM region_network n
        LEFT JOIN region_network_epoch e USING (experiment_id, network_key)
        GROUP BY n.network_key, n.epochs_done HAVING count(e.epoch) <> n.epochs_done OR coalesce(max(e.epoch), 0) <> n.epochs_done
      UNION ALL SELECT 'empty: ' || t FROM (VALUES ('theory_threshold'), ('kac_rice'), ('spinglass_result'),
          ('enumeration_point'), ('cell_certificate'), ('region_stat'), ('region_joint'), ('region_census'), ('comparison')) v(t)
        WHERE (xpath('/row/c/text()', query_to_xml('SELECT count(*) AS c FROM ' || t, false, true, '')))[1]::text::int = 0"
  } >"$out" 2>&1
  "${ns[@]}" "$pg_ctl" stop -D "$dir" -m fast -w >/dev/null
  "${q[@]}" -c "SELECT 1" >/dev/null 2>&1 && fail "server on $dir still running"
}
dump "$work/chaos/pgdata" "$work/chaos.txt"
dump "$work/reference/pgdata" "$work/reference.txt"
grep -q "ERROR\|FATAL" "$work/reference.txt" && fail "the dump failed: $(grep -m3 "ERROR\|FATAL" "$work/reference.txt")"
if ! diff -u "$work/reference.txt" "$work/chaos.txt" >"$work/diff.txt"; then
  echo "chaos: the results differ from the uninterrupted reference:" >&2
  head -60 "$work/diff.txt" >&2
  echo "kills survived: $survived (but the results differ)"
  keep=1; trap - EXIT; echo "chaos: kept $work" >&2
  exit 1
fi
rows=$(grep -c "" "$work/reference.txt")
echo "chaos: every results table equals the uninterrupted reference ($rows lines compared, $(( $(date +%s) - started )) s)"
echo "kills survived: $survived"
