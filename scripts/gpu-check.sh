#!/usr/bin/env bash
# GPU check for a machine with an NVIDIA GPU (docs/performance.md, GPUs): builds losslab for CPU and
# with -Pcuda (ND4J's CUDA 11.6 backend), runs `bench training --quick` on the CUDA build, trains the
# same short job with both builds into two fresh databases of a PostgreSQL server, compares the
# networks' final losses, and prints ONE verdict line:
#   gpu-check: PASS|FAIL|NO-GPU <reason>
# Needs: nvidia-smi, CUDA 11.6 driver, psql and a server (default host=127.0.0.1 user=postgres).
#   scripts/gpu-check.sh                      GPU_CHECK_PG="host=db user=postgres" scripts/gpu-check.sh
# Knobs: GPU_CHECK_TRAINER (batched|dl4j, default batched: on the CUDA build it runs the batched
# trainer's ND4J path, org.losslab.training.batched.BatchedPath), GPU_CHECK_RTOL (default 1e-4: another
# backend sums in another order, so losses agree closely, never bit for bit), GPU_CHECK_CPU_PATH (the
# CPU side's batched path, fast|nd4j, default fast).
# The CPU side of the same comparison runs without a GPU too: the ND4J path against the fast path is
# Nd4jPathParityTest (./mvnw -o test -Dtest=Nd4jPathParityTest), and GPU_CHECK_CPU_ONLY=1 rehearses the
# whole script without a GPU: no nvidia-smi, no -Pcuda build, the "GPU" side is the CPU jar forced onto
# the ND4J path (-Dlosslab.batched.path=nd4j); its verdict says "CPU rehearsal".
set -euo pipefail
cd "$(dirname "$0")/.."
pg="${GPU_CHECK_PG:-host=127.0.0.1 user=postgres}"
trainer="${GPU_CHECK_TRAINER:-batched}"
cpu_path="${GPU_CHECK_CPU_PATH:-fast}"
cpu_only="${GPU_CHECK_CPU_ONLY:-0}"
rtol="${GPU_CHECK_RTOL:-1e-4}"
out="$(mktemp -d)"
note=""; [ "$cpu_only" = 1 ] && note=" [CPU rehearsal: no GPU used, ND4J path on the CPU]"
verdict() { echo "gpu-check: $*$note  (logs: $out)"; exit "$([ "$1" = PASS ] && echo 0 || echo 1)"; }

if [ "$cpu_only" != 1 ]; then
  command -v nvidia-smi >/dev/null && nvidia-smi -L > "$out/gpus.txt" 2>&1 || verdict NO-GPU "nvidia-smi finds no GPU"
  echo "GPUs: $(tr '\n' ';' < "$out/gpus.txt")" >&2
fi

echo "building the CPU jar and the CUDA jar..." >&2
./mvnw -q -B -DskipTests package > "$out/build-cpu.log" 2>&1 || verdict FAIL "CPU build failed"
cp target/losslab.jar "$out/losslab-cpu.jar"
if [ "$cpu_only" = 1 ]; then
  cp target/losslab.jar "$out/losslab-cuda.jar"
else
  ./mvnw -q -B -Pcuda -DskipTests package > "$out/build-cuda.log" 2>&1 || verdict FAIL "-Pcuda build failed"
  cp target/losslab.jar "$out/losslab-cuda.jar"
  ./mvnw -q -B -DskipTests package > /dev/null 2>&1 || true   # leave the CPU jar for ./losslab
fi

run() { # jar, database, args...
  local jar="$1" db="$2" path=auto; shift 2
  [[ "$(basename "$jar")" == losslab-cpu.jar ]] && path="$cpu_path"
  [[ "$(basename "$jar")" == losslab-cuda.jar && "$cpu_only" = 1 ]] && path=nd4j
  LOSSLAB_DB_URL="jdbc:postgresql://$(sed -n 's/.*host=\([^ ]*\).*/\1/p' <<< "$pg"):5432/$db" \
  LOSSLAB_DB_USER="$(sed -n 's/.*user=\([^ ]*\).*/\1/p' <<< "$pg")" LOSSLAB_HOME="$PWD" OMP_NUM_THREADS=1 \
    java -Xmx4g -Dlosslab.batched.path="$path" -jar "$jar" "$@"
}

echo "bench training --quick on the CUDA build..." >&2
run "$out/losslab-cuda.jar" postgres bench training --quick --no-store > "$out/bench-cuda.log" 2>&1 \
  || verdict FAIL "bench training on the GPU failed (see bench-cuda.log)"
grep -E '^(batched_net_examples_per_s_(25|100|500)|sweep_hours_mnist_full) ' "$out/bench-cuda.log" >&2 || true
[ "$cpu_only" = 1 ] || grep -q 'JCublasBackend\|CUDA' "$out/bench-cuda.log" \
  || echo "warning: bench-cuda.log names no CUDA backend" >&2

sets=(--set name=gpu-check --set 'training.hidden_widths=[25,100]' --set training.restarts=8 --set training.epochs=3
      --set training.block_size=8 --set "training.trainer=$trainer" --set theory=null --set spinglass=null
      --set cells=null --set regions=null)
for b in cpu cuda; do
  db="gpu_check_${b}_$$"
  psql "$pg dbname=postgres" -qc "CREATE DATABASE $db" >/dev/null
  echo "short job on the $b build..." >&2
  run "$out/losslab-$b.jar" "$db" run jobs/quickstart.yaml "${sets[@]}" > "$out/job-$b.log" 2>&1 \
    || verdict FAIL "the short job failed on the $b build (see job-$b.log)"
  psql "$pg dbname=$db" -At -F' ' -c "SELECT widths[2], restart, final_train_loss, final_test_loss FROM v_runs
      ORDER BY 1, 2" > "$out/final-$b.txt"
  psql "$pg dbname=postgres" -qc "DROP DATABASE $db" >/dev/null
done

worst=$(paste -d' ' "$out/final-cpu.txt" "$out/final-cuda.txt" | awk '
  { for (i = 3; i <= 4; i++) { d = $i - $(i + 4); if (d < 0) d = -d; r = d / ($i < 0 ? -$i : $i); if (r > m) m = r } n++ }
  END { printf "%.3g %d", m, n }')
read -r rel n <<< "$worst"
[ "$n" -gt 0 ] || verdict FAIL "no runs to compare"
awk -v r="$rel" -v t="$rtol" 'BEGIN { exit !(r <= t) }' \
  && verdict PASS "$n networks ($trainer): final losses of the GPU within $rel relative of the CPU (tolerance $rtol)" \
  || verdict FAIL "$n networks ($trainer): final losses of the GPU differ by $rel relative from the CPU (tolerance $rtol)"
