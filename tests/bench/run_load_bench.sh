#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Load benchmark: `sipladder-cli summary --json` against the reference loop (libpcap + Call-ID
# hash map, the physical limit) on two synthetic captures: ~1 GB of SIP only (200 000 calls,
# ~1.6 M messages) and ~1.7 GB of which 95 % is RTP. Captures are generated once into
# $SIPLADDER_BENCH_DIR (default /tmp/sipladder-bench) and reused; GNU time measures wall time and
# peak RSS ($SIPLADDER_TIME overrides /usr/bin/time; without it, wall time only).
# usage: run_load_bench.sh [--cli PATH] [--gen PATH] [--reference PATH] [--build DIR] [--runs N]
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build="$here/../../build"
cli=""
gen=""
reference=""
runs=3
while [[ $# -gt 0 ]]; do
    case "$1" in
    --cli) cli=$2; shift 2 ;;
    --gen) gen=$2; shift 2 ;;
    --reference) reference=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    -h | --help) sed -n '3,9p' "$0"; exit 0 ;;
    *) echo "run_load_bench.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
cli=${cli:-$build/app/cli/sipladder-cli}
gen=${gen:-$build/tests/tools/sipladder-gen}
reference=${reference:-$build/tests/bench/reference-loop}
dir=${SIPLADDER_BENCH_DIR:-/tmp/sipladder-bench}
time_bin=${SIPLADDER_TIME:-/usr/bin/time} # GNU time; without it, wall time only

for tool in "$gen" "$reference"; do
    if [[ ! -x $tool ]]; then
        echo "run_load_bench.sh: $tool is not built" >&2
        exit 2
    fi
done
have_cli=1
if [[ ! -x $cli ]]; then
    echo "run_load_bench.sh: no sipladder-cli at $cli: timing the reference loop only" >&2
    have_cli=0
fi
mkdir -p "$dir"

# name, then the generator's arguments. 17 200 calls at 95 % RTP make ~1.7 GB.
captures=(
    "sip-1g.pcap|--calls 200000 --seed 1"
    "rtp95-1g7.pcap|--calls 17200 --rtp-share 0.95 --seed 2"
)

# Runs a command, prints "wall_seconds peak_rss_kb exit_code" (RSS 0 when unknown); its stdout goes to $1.
measure() {
    local out=$1
    shift
    local timing
    timing=$(mktemp)
    local code=0
    if [[ -x $time_bin ]]; then
        "$time_bin" -f '%e %M' -o "$timing" "$@" >"$out" || code=$?
        echo "$(tail -n 1 "$timing") $code"
    else
        # No GNU time: wall time from bash, peak RSS unknown.
        local TIMEFORMAT='%R'
        { time "$@" >"$out" 2>/dev/null || code=$?; } 2>"$timing"
        echo "$(tail -n 1 "$timing") 0 $code"
    fi
    rm -f "$timing"
}

mib() {
    if (($1 > 0)); then echo $(($1 / 1024)); else echo "n/a"; fi
}

median() {
    sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

rows=()
status=0
for entry in "${captures[@]}"; do
    name=${entry%%|*}
    read -r -a args <<<"${entry#*|}"
    file="$dir/$name"
    if [[ ! -s $file ]]; then
        echo "generating $file ..." >&2
        "$gen" "${args[@]}" -o "$file.tmp" 2>"$file.gen.txt"
        mv "$file.tmp" "$file"
        cat "$file.gen.txt" >&2
    fi
    size=$(stat -c %s "$file")
    cat "$file" >/dev/null # warm the page cache: measure the engines, not the disk

    ref_times=()
    ref_rss=0
    ref_messages="?"
    for ((i = 0; i < runs; i++)); do
        output=$(mktemp)
        read -r seconds rss code < <(measure "$output" "$reference" "$file")
        if [[ $code != 0 ]]; then
            echo "reference-loop failed on $file (exit $code)" >&2
            status=1
        fi
        ref_messages=$(awk '{ for (i = 1; i < NF; i++) if ($i == "messages") print $(i + 1) }' "$output")
        rm -f "$output"
        ref_times+=("$seconds")
        ((rss > ref_rss)) && ref_rss=$rss
        echo "  $name reference-loop run $((i + 1)): ${seconds} s, ${rss} kB" >&2
    done
    ref_time=$(printf '%s\n' "${ref_times[@]}" | median)

    messages=$(sed -n 's/.* \([0-9][0-9]*\) SIP messages.*/\1/p' "$file.gen.txt" 2>/dev/null || true)
    messages=${messages:-$ref_messages}

    cli_time="n/a"
    cli_rss="n/a"
    ratio="n/a"
    rate="n/a"
    if ((have_cli)); then
        cli_times=()
        peak=0
        for ((i = 0; i < runs; i++)); do
            read -r seconds rss code < <(measure /dev/null "$cli" summary --json "$file")
            if [[ $code != 0 ]]; then
                echo "sipladder-cli summary failed on $file (exit $code)" >&2
                status=1
            fi
            cli_times+=("$seconds")
            ((rss > peak)) && peak=$rss
            echo "  $name sipladder-cli run $((i + 1)): ${seconds} s, ${rss} kB" >&2
        done
        cli_time=$(printf '%s\n' "${cli_times[@]}" | median)
        cli_rss=$(mib "$peak")
        ratio=$(awk -v a="$cli_time" -v b="$ref_time" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')
        rate=$(awk -v m="$messages" -v t="$cli_time" 'BEGIN { if (t > 0) printf "%.0f", m / t; else print "n/a" }')
    fi
    ref_rate=$(awk -v m="$messages" -v t="$ref_time" 'BEGIN { if (t > 0) printf "%.0f", m / t; else print "n/a" }')
    rows+=("$name|$(awk -v s="$size" 'BEGIN { printf "%.2f GB", s / 1e9 }')|$messages|$ref_time|$cli_time|$ratio|$ref_rate|$rate|$(mib "$ref_rss")|$cli_rss")
done

echo
echo "Load benchmark, median of $runs runs, page cache warm (times in seconds, RSS in MiB)"
printf '%-16s %9s %10s %8s %10s %6s %11s %11s %7s %9s\n' \
    file size "SIP msgs" "ref s" "sipladder s" ratio "ref msg/s" "sipl msg/s" "ref RSS" "sipl RSS"
for row in "${rows[@]}"; do
    IFS='|' read -r -a c <<<"$row"
    printf '%-16s %9s %10s %8s %10s %6s %11s %11s %7s %9s\n' \
        "${c[0]}" "${c[1]}" "${c[2]}" "${c[3]}" "${c[4]}" "${c[5]}" "${c[6]}" "${c[7]}" "${c[8]}" "${c[9]}"
done
exit $status
