#!/usr/bin/env bash
# Tests the demo page and the client libraries against one real server:
#   1. installs what is missing (Debian: chromium, python3-grpcio,
#      python3-grpc-tools; npm ci in clients/node and clients/browser),
#   2. checks that the generated client code is up to date,
#   3. builds extractd from this repository and starts it on free loopback
#      ports (port 0), waits until /healthz says SERVING,
#   4. runs the curl example, the Node client test, the Python client test
#      and the browser test of the demo page (screenshots in
#      clients/browser/artifacts/),
#   5. stops the server.
# Every step runs even when an earlier test step fails; the exit status is 1
# if any failed. Usage: bash clients/run-tests.sh   (from anywhere in the repo)
set -euo pipefail

root="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
cd "$root"
PY=/usr/bin/python3 # Debian's python, where python3-grpcio installs
start=$(date +%s)
step() { printf '\n--- clients: %s (%ss)\n' "$*" "$(($(date +%s) - start))"; }
failed=()

step "install"
missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium fonts-liberation fonts-dejavu-core)
command -v jq >/dev/null || missing+=(jq)
command -v curl >/dev/null || missing+=(curl)
"$PY" -c 'import grpc' 2>/dev/null || missing+=(python3-grpcio python3-protobuf)
"$PY" -c 'import grpc_tools.protoc' 2>/dev/null || missing+=(python3-grpc-tools)
if ((${#missing[@]})); then
	echo "apt-get install ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
/usr/bin/chromium --version 2>/dev/null || true
"$PY" -c 'import grpc, google.protobuf; print("python grpcio", grpc.__version__, "protobuf", google.protobuf.__version__)'
node --version
for d in clients/node clients/browser; do
	(cd "$d" && npm ci --no-audit --no-fund --loglevel=error)
done

step "generated client code is up to date"
(cd clients/node && npm run --silent generate)
bash clients/python/generate.sh
stale=$(git status --porcelain --untracked-files=all -- clients/node/gen clients/python/entityextraction clients/python/google)
if [[ -n "$stale" ]]; then
	echo "generated client code differs from the commit; run 'npm run generate' in clients/node and clients/python/generate.sh, and commit:"
	echo "$stale"
	git --no-pager diff --stat -- clients/node/gen clients/python
	failed+=("generated code")
else
	echo "clients/node/gen and the Python stubs are up to date"
fi

step "build and start extractd"
tmp="$(mktemp -d)"
server_pid=""
cleanup() {
	if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
		kill "$server_pid" && wait "$server_pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
go build -o "$tmp/extractd" ./cmd/extractd
max_text_bytes=200000 # small, so that the browser's too-long test is quick
# Two free loopback ports, chosen by the kernel.
read -r grpc_port http_port < <("$PY" -c '
import socket
ss = [socket.socket() for _ in range(2)]
for s in ss:
    s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in ss])
')
grpc_addr="127.0.0.1:$grpc_port" http_addr="127.0.0.1:$http_port"
"$tmp/extractd" --grpc-addr "$grpc_addr" --http-addr "$http_addr" --max-text-bytes "$max_text_bytes" \
	>"$tmp/extractd.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do
	if ! kill -0 "$server_pid" 2>/dev/null; then
		echo "extractd exited:"; cat "$tmp/extractd.log"; exit 1
	fi
	if [[ "$(curl -s --max-time 2 "http://$http_addr/healthz" || true)" == *SERVING* ]]; then
		break
	fi
	sleep 0.2
done
[[ "$(curl -sf "http://$http_addr/healthz")" == *'"SERVING"'* ]] || {
	echo "extractd is not healthy"; cat "$tmp/extractd.log"; exit 1
}
echo "extractd: gRPC $grpc_addr, HTTP $http_addr"
export EXTRACTD_GRPC_ADDR="$grpc_addr" EXTRACTD_HTTP_URL="http://$http_addr" EXTRACTD_MAX_TEXT_BYTES="$max_text_bytes"

run() {
	local name="$1"
	shift
	step "$name"
	if ! "$@"; then
		failed+=("$name")
	fi
}

curl_example() {
	# The whole-article curl example of docs/API.md, checked. (Inside a function called from an
	# if, set -e is off: every command is checked.)
	jq -Rs '{text: .}' testdata/putin-lukashenka-sochi.txt |
		curl -sf "http://$http_addr/v1/extract" -H 'Content-Type: application/json' -d @- >"$tmp/curl.json" &&
		jq -r '.people[].name' "$tmp/curl.json" >"$tmp/people.txt" &&
		cat "$tmp/people.txt" &&
		grep -qx 'Vladimir Putin' "$tmp/people.txt" &&
		curl -sf "http://$http_addr/" -o "$tmp/page.html" &&
		grep -q '<textarea' "$tmp/page.html" &&
		echo "curl example and GET / ok"
}

run "curl example" curl_example
run "node client test" bash -c 'cd clients/node && node --test test/'
run "python client test" bash -c "cd clients/python && $PY -m unittest -v test_client"
run "browser test of the demo page" bash -c 'cd clients/browser && node --test'

step "stop extractd"
cleanup
trap - EXIT

if ((${#failed[@]})); then
	echo "clients: FAILED: ${failed[*]}"
	exit 1
fi
echo "clients: all passed ($(($(date +%s) - start))s)"
