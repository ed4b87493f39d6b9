#!/usr/bin/env bash
# Scale harness for issue #9 point 6: runs the memset-order binary on the
# issue's journal (188k orders, 112 MB, written by the journal package's
# benchmark generator) under /usr/bin/time -v and reports, per command,
# the median wall time and the median peak RSS of RUNS runs, for the
# working tree and (with BEFORE_REV) for an older commit, with the ratio.
#
#   testdata/scale/run.sh                      # the working tree only
#   BEFORE_REV=b6e2b1b RUNS=5 testdata/scale/run.sh
#
# Nothing reaches the network: job follow stops, with no API key, right
# after finding its journal entry, which is what is measured (the time to
# its first screen). Run it from the module root.
set -euo pipefail

RUNS=${RUNS:-5}
BEFORE_REV=${BEFORE_REV:-}
root=$(pwd)
work=$(mktemp -d /tmp/memset-order-scale.XXXXXX)
chmod 700 "$work"
trap 'rm -rf "$work"; [ -z "${tree:-}" ] || git -C "$root" worktree remove --force "$tree" >/dev/null 2>&1 || true' EXIT

[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (GNU time)" >&2; exit 1; }

journal="$work/orders.jsonl"
info=$(SCALE_JOURNAL_OUT="$journal" go test ./api/journal/ -run '^TestWriteScaleJournal$' -count=1 -v | grep '^orders=')
echo "journal: $info"
old_id=$(sed 's/.*old_id=\([0-9a-f]*\).*/\1/' <<<"$info")

go build -o "$work/after" .
bins=(after)
if [ -n "$BEFORE_REV" ]; then
	tree="$work/before-tree"
	git worktree add --detach "$tree" "$BEFORE_REV" >/dev/null 2>&1
	(cd "$tree" && go build -o "$work/before" .)
	bins=(before after)
fi

# measure NAME BIN ARGS...: RUNS runs; prints "median_seconds median_peak_kb".
measure() {
	local bin=$1
	shift
	local times=() rss=()
	for _ in $(seq "$RUNS"); do
		env -i HOME="$work" PATH=/usr/bin:/bin XDG_STATE_HOME="$work/state" \
			/usr/bin/time -v -o "$work/time.txt" "$work/$bin" "$@" --journal "$journal" >/dev/null 2>"$work/stderr.txt" </dev/null || true
		times+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$work/time.txt")")
		rss+=("$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")")
	done
	printf '%s %s\n' "$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')" \
		"$(printf '%s\n' "${rss[@]}" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')"
}

printf '%-32s %-7s %10s %12s\n' command binary "median s" "median RSS MB"
declare -A base
for cmd in "orders" "orders -o json" "orders --limit 0" "orders --since 2024-05-01" "job follow --latest" "job follow ${old_id:0:8}"; do
	for bin in "${bins[@]}"; do
		# The old binary knows neither --limit nor --since.
		if [ "$bin" = before ] && [[ $cmd == *--limit* || $cmd == *--since* ]]; then
			continue
		fi
		# shellcheck disable=SC2086
		read -r secs kb < <(measure "$bin" $cmd)
		mb=$(awk -v k="$kb" 'BEGIN {printf "%.1f", k / 1024}')
		ratio=""
		if [ "$bin" = before ]; then
			base[$cmd]="$secs $kb"
		elif [ -n "${base[$cmd]:-}" ]; then
			read -r bs bk <<<"${base[$cmd]}"
			ratio=$(awk -v s="$secs" -v k="$kb" -v bs="$bs" -v bk="$bk" 'BEGIN {printf "time x%.3f, RSS x%.3f of before", s / bs, k / bk}')
		fi
		printf '%-32s %-7s %10s %12s  %s\n' "$cmd" "$bin" "$secs" "$mb" "$ratio"
	done
done
