#!/usr/bin/env bash
# Regenerates the Python stubs in this directory from proto/ with Debian's
# python3-grpc-tools (apt-get install python3-grpcio python3-grpc-tools).
# The vendored imports (google/api, google/rpc, google/type) are generated too, as plain
# message modules; google.protobuf comes with python3-protobuf.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
py="${PYTHON:-/usr/bin/python3}"
cd "$root"
rm -rf "$here/entityextraction" "$here/google"
gapi=third_party/googleapis/google
"$py" -m grpc_tools.protoc -Iproto -Ithird_party/googleapis --python_out="$here" \
  proto/entityextraction/v1/entity_extraction.proto \
  "$gapi/api/annotations.proto" "$gapi/api/http.proto" "$gapi/api/field_behavior.proto" "$gapi/rpc/status.proto" \
  "$gapi/type/date.proto"
"$py" -m grpc_tools.protoc -Iproto -Ithird_party/googleapis --grpc_python_out="$here" \
  proto/entityextraction/v1/entity_extraction.proto
