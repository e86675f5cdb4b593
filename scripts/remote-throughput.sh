#!/usr/bin/env bash
# Throughput of the train step with 1, 2, 3 ... remote workers on this machine, and the time a
# partition spends in transit (manager send -> worker receipt), against a server PostgreSQL and
# RabbitMQ (docs/operations.md, workers). Each worker trains one partition at a time (LOSSLAB_THREADS=1).
#   LOSSLAB_DB_URL=jdbc:postgresql://127.0.0.1:5432/losslab_bench scripts/remote-throughput.sh "1 2 3"
# Extra spec overrides after the worker counts, e.g. --set training.epochs=3.
# LOSSLAB_CMD overrides how losslab is started (default: ./losslab, which builds the fat jar once).
set -euo pipefail
cd "$(dirname "$0")/.."
counts="${1:-1 2 3}"; shift || true
: "${LOSSLAB_DB_URL:?set LOSSLAB_DB_URL to a PostgreSQL server database (workers need a shared one)}"
export LOSSLAB_DB_USER="${LOSSLAB_DB_USER:-postgres}" LOSSLAB_THREADS=1
export LOSSLAB_AMQP_QUEUE="losslab.bench.$$"
read -r -a losslab <<< "${LOSSLAB_CMD:-./losslab}"
psql_url="${LOSSLAB_DB_URL#jdbc:}"; psql_url="${psql_url/postgresql:\/\//postgresql://$LOSSLAB_DB_USER@}"
out="$(mktemp -d)"
tag="bench$(date +%s)"
for n in $counts; do
  pids=()
  for i in $(seq 1 "$n"); do
    "${losslab[@]}" worker > "$out/worker-$n-$i.log" 2>&1 & pids+=($!)
  done
  until grep -qs 'ready' "$out"/worker-"$n"-*.log && [ "$(grep -ls ready "$out"/worker-"$n"-*.log | wc -l)" -eq "$n" ]; do sleep 0.5; done
  name="$tag-w$n"
  load="$(cut -d' ' -f1 /proc/loadavg)"
  "${losslab[@]}" run jobs/quickstart.yaml --remote --set "name=$name" --set training.block_size=1 "$@" \
      > "$out/manager-$n.log" 2>&1 || { echo "manager with $n workers failed: $out/manager-$n.log"; }
  kill "${pids[@]}"; wait "${pids[@]}" 2>/dev/null || true
  psql "$psql_url" -At -F' ' <<SQL | while read -r secs epochs parts tmin tmed tmax; do
SELECT round(extract(epoch FROM s.end_time - s.start_time)::numeric, 1),
       (SELECT sum(epochs_done) FROM run JOIN experiment USING (experiment_id) WHERE name = '$name'),
       (SELECT count(*) FROM partition_lease l WHERE l.job_execution_id = s.job_execution_id),
       (SELECT round(min(extract(epoch FROM received_at - sent_at) * 1000)::numeric, 1) FROM partition_lease l WHERE l.job_execution_id = s.job_execution_id),
       (SELECT round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM received_at - sent_at) * 1000))::numeric, 1) FROM partition_lease l WHERE l.job_execution_id = s.job_execution_id),
       (SELECT round(max(extract(epoch FROM received_at - sent_at) * 1000)::numeric, 1) FROM partition_lease l WHERE l.job_execution_id = s.job_execution_id)
FROM batch_step_execution s JOIN batch_job_execution e USING (job_execution_id) JOIN batch_job_instance i USING (job_instance_id)
WHERE i.job_name = '$name' AND s.step_name = 'train' ORDER BY s.step_execution_id DESC LIMIT 1;
SQL
    rate=$(awk -v e="$epochs" -v s="$secs" 'BEGIN { printf "%.2f", e / s }')
    echo "workers=$n train_step_s=$secs network_epochs=$epochs epochs_per_s=$rate partitions=$parts transit_ms(min/median/max)=$tmin/$tmed/$tmax load_before=$load"
  done
done
# the first partitions of each worker are received within milliseconds; later ones waited in the queue
# (or in a worker's prefetch) while every worker was busy, which the median and max include.
rmdir "$out" 2>/dev/null || echo "logs in $out"
if command -v rabbitmqctl >/dev/null; then rabbitmqctl -q delete_queue "$LOSSLAB_AMQP_QUEUE" >/dev/null || true; fi
