#!/usr/bin/env bash
# Builds the agent and the benchmarks, runs every benchmark of issue 7 and writes BENCHMARKS.md.
#
#   benchmarks/run.sh            the full run (about 15 minutes on 2 cores)
#   benchmarks/run.sh --quick    short JMH iterations and few start-up runs, for development
#
# Raw results (JMH JSON and logs) go to benchmarks/results/<timestamp>/, which git ignores.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
QUICK=false
[[ "${1:-}" == "--quick" ]] && QUICK=true

OUT="benchmarks/results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
# CPU time (all cores) as /proc/stat's first line counts it: total and stolen by the hypervisor. On a
# shared virtual machine the steal share says how much of the run's figures the neighbours set.
# (%.0f: mawk prints a total past 2^31 in exponent form, which shell arithmetic cannot read)
cpu_ticks() { awk '/^cpu / {t = 0; for (i = 2; i <= 9; i++) t += $i; printf "%.0f %.0f\n", t, $9}' /proc/stat; }
read -r TICKS_BEFORE STEAL_BEFORE < <(cpu_ticks)

echo "== build"
./mvnw -q -DskipTests -pl benchmarks,demo-app -am package

AGENT="$ROOT/agent/target/flaggate-agent.jar"
API=$(ls "$ROOT"/annotations/target/flaggate-annotations-*.jar | grep -v -e sources -e javadoc | head -1)
ENGINE_JAR=benchmarks/target/engine-benchmarks.jar
GATED_JAR=benchmarks/target/gated-benchmarks.jar
CONFIG="$ROOT/$OUT/config"
POLL_MS=250

if $QUICK; then
  JMH=(-f 1 -wi 2 -i 3 -w 1s -r 1s)
  RELOAD_WATCH=(-wi 2 -i 30)
  RELOAD_POLL=(-wi 1 -i 15)
  STARTUP_RUNS=(3 2)
  SETTINGS="quick: -f 1 -wi 2 -i 3 -w 1s -r 1s (development only)"
else
  JMH=()
  RELOAD_WATCH=(-wi 5 -i 200)
  RELOAD_POLL=(-wi 2 -i 100)
  STARTUP_RUNS=(21 15)
  SETTINGS="per class (1 fork, 3 warm-up and 5 measured iterations of 1 s; the percent row's Flaggate and bare hashes 3 forks; the shadow row 15 warm-up and 5 measured iterations of 2 s, so that its 500 calls a second are measured compiled, on a pre-touched heap; the large-file rows 2 s); -prof gc on the decision, gated-call and large-file rows"
fi

echo "== engine-level benchmarks (engine jar): decisions, peers, throughput, large file"
# --add-opens: the access to String's bytes that the agent gives itself at start (rollout.StringBytes)
java -jar "$ENGINE_JAR" "${JMH[@]}" -prof gc -rf json -rff "$OUT/engine.json" -o "$OUT/engine.txt" \
  -jvmArgsAppend "--add-opens=java.base/java.lang=ALL-UNNAMED" \
  'dev.flaggate.benchmarks.engine.'

echo "== gated calls through the real agent (gated jar, -javaagent)"
java -cp "$GATED_JAR" dev.flaggate.benchmarks.gated.GatedConfigs "$CONFIG"
AGENT_OPTIONS="log=$ROOT/$OUT/agent-log.jsonl,secondary-threads=32,metrics-port=0"
java -jar "$GATED_JAR" "${JMH[@]}" -prof gc -rf json -rff "$OUT/gated.json" -o "$OUT/gated.txt" \
  -jvmArgsAppend "-javaagent:$AGENT=config=$CONFIG/calls/flags.json,$AGENT_OPTIONS" \
  'dev.flaggate.benchmarks.gated.(GatedCall|GatedCallTwoThreads|HandCheck|Shadow)Benchmark'

echo "== reload: rename to first check, WatchService"
java -jar "$GATED_JAR" "${RELOAD_WATCH[@]}" -rf json -rff "$OUT/reload-watch.json" -o "$OUT/reload-watch.txt" \
  -jvmArgsAppend "-javaagent:$AGENT=config=$CONFIG/reload-watch/flags.json,log=off -Dflaggate.bench.reload.config=$CONFIG/reload-watch/flags.json -Dflaggate.bench.reload.pauseMs=20" \
  'dev.flaggate.benchmarks.gated.ReloadBenchmark'

echo "== reload: rename to first check, polling only"
java -jar "$GATED_JAR" "${RELOAD_POLL[@]}" -rf json -rff "$OUT/reload-poll.json" -o "$OUT/reload-poll.txt" \
  -jvmArgsAppend "-javaagent:$AGENT=config=$CONFIG/reload-poll/flags.json,log=off,watch=false,poll-ms=$POLL_MS -Dflaggate.bench.reload.config=$CONFIG/reload-poll/flags.json -Dflaggate.bench.reload.pauseMs=$POLL_MS" \
  'dev.flaggate.benchmarks.gated.ReloadBenchmark'

echo "== heap of the engine with 1,000 flags x 1,000 shoppers"
java -Xmx4g -Djdk.attach.allowAttachSelf=true -Djol.magicFieldOffset=true -cp "$ENGINE_JAR" dev.flaggate.benchmarks.engine.EngineFootprint > "$OUT/footprint.json" 2> "$OUT/footprint.err" \
  || echo "footprint failed, see $OUT/footprint.err"

echo "== whole-process start-up, with and without -javaagent"
java -cp "$GATED_JAR" dev.flaggate.benchmarks.startup.StartupBenchmark "$AGENT" "$API" benchmarks/target/startup \
  "${STARTUP_RUNS[@]}" "$ROOT/demo-app/target/flaggate-demo.jar" "$ROOT/config/canary.json" > "$OUT/startup.json" 2> "$OUT/startup.err" || echo "start-up failed, see $OUT/startup.err"

{
  echo "command=benchmarks/run.sh${1:+ $1}"
  echo "cores=$(nproc)"
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//') (family $(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | tr -d ' '), model $(grep -m1 '^model[[:space:]]*:' /proc/cpuinfo | cut -d: -f2 | tr -d ' '))"
  echo "memory=$(awk '/MemTotal/ {printf "%.0f GB RAM", $2/1048576}' /proc/meminfo)"
  echo "jdk=$(java -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.vm.name|java.runtime.version/ {printf "%s ", $2}')"
  echo "commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- agent annotations benchmarks || echo ' (with uncommitted changes)')"
  echo "date=$(date -u +%Y-%m-%dT%H:%MZ)"
  echo "loadBefore=$LOAD_BEFORE"
  echo "loadAfter=$(cut -d' ' -f1-3 /proc/loadavg)"
  read -r TICKS_AFTER STEAL_AFTER < <(cpu_ticks)
  echo "stealPercent=$(awk -v t=$((TICKS_AFTER - TICKS_BEFORE)) -v s=$((STEAL_AFTER - STEAL_BEFORE)) 'BEGIN {printf "%.1f", (t > 0 ? 100 * s / t : 0)}')"
  echo "jmhSettings=$SETTINGS"
  echo "pollMs=$POLL_MS"
  echo "agentOptions=config=calls/flags.json,log=<results>/agent-log.jsonl,secondary-threads=32,metrics-port=0"
  echo "telemetryNote=The agent runs its real telemetry as in production: every decision counted, latency sampled, the Prometheus registry and its scrape endpoint up (metrics-port=0, a free port), check lines logged to a file at the default rate. The start-up rows run with log=off,metrics-port=0."
  echo "startupNote=Demo app: demo-app's own launcher refuses to run without the agent, so a generated main (startup.DemoStart) builds the demo's simulated WhatsApp service and handles one message for each of four seed shoppers, on the demo jar, with config/canary.json (shadow and dual-run for the canaries). The 10,000-class app is generated (every 100th class gated, main loads and calls all) under benchmarks/target/startup. Two more variants alternate with those two, on the same app: an agent that does nothing (same manifest capabilities), the JVM's own price for any -javaagent; and an agent whose class-file transformer changes nothing, the price of any agent that rewrites classes as they load (the JVM copies every class file and calls into Java for it). The row separates both from Flaggate's share."
  echo "peers=$(sed -n 's/.*<\(openfeature\|launchdarkly\|ff4j\|unleash\).version>\(.*\)<.*/\1 \2/p' benchmarks/pom.xml | paste -sd, - | sed 's/,/, /g') (FF4J 2.1 needs Java 21; 2.0.0 is the newest that runs on the project JDK 17)"
} > "$OUT/meta.properties"

echo "== BENCHMARKS.md"
java -cp "$ENGINE_JAR" dev.flaggate.benchmarks.report.Report "$OUT" > BENCHMARKS.md
echo "wrote BENCHMARKS.md from $OUT"
