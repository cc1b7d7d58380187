#!/usr/bin/env bash
# Builds what the interop tests run against, into <repo>/.cache/interop (ignored by git; safe to delete):
#   bin/llama-server   llama.cpp's OpenAI-compatible server, compiled from the llama.cpp source that the npm package
#                      node-llama-cpp ships (llama/gitRelease.bundle) and linked against the prebuilt CPU libraries of
#                      @node-llama-cpp/linux-x64, so only the server itself is compiled (about 60 units).
#   models/*.gguf      tiny synthetic models written by make_model.py (no download): `stop` answers with a <think>
#                      block then "The answer is 42" and stops; `loop` repeats that forever (finish_reason=length).
# Installs missing tools with apt-get (root) and fetches the two npm tarballs with `npm pack`. Idempotent: a second
# call with the same inputs returns at once. Usage: build.sh [--jobs N]   (env INTEROP_CACHE overrides the folder)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
OUT=${INTEROP_CACHE:-$ROOT/.cache/interop}
NLC_VERSION=${NLC_VERSION:-3.21.1}
JOBS=$(nproc); [ "${1:-}" = "--jobs" ] && JOBS=$2
KEY="$NLC_VERSION $(cat "$HERE/build.sh" "$HERE/make_model.py" "$HERE/server.mk" | sha256sum | cut -c1-16)"
if [ -f "$OUT/READY" ] && [ "$(cat "$OUT/READY")" = "$KEY" ]; then echo "interop: cache up to date ($OUT)"; exit 0; fi
start=$(date +%s)

# 1. tools (Debian packages; only what is missing)
need=()
for p in cmake:cmake g++:g++ make:make git:git npm:npm curl:curl; do command -v "${p%%:*}" >/dev/null || need+=("${p#*:}"); done
/usr/bin/python3 -c 'import numpy' 2>/dev/null || need+=(python3-numpy)
if [ ${#need[@]} -gt 0 ]; then
  echo "interop: apt-get install ${need[*]}"
  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
fi

# 2. sources and prebuilt libraries from npm
mkdir -p "$OUT/src" "$OUT/bin" "$OUT/models" && cd "$OUT/src"
[ -f node-llama-cpp-$NLC_VERSION.tgz ] || npm pack --silent node-llama-cpp@$NLC_VERSION >/dev/null
[ -f node-llama-cpp-linux-x64-$NLC_VERSION.tgz ] || npm pack --silent @node-llama-cpp/linux-x64@$NLC_VERSION >/dev/null
if [ ! -d llama.cpp ]; then
  tar xzf node-llama-cpp-$NLC_VERSION.tgz package/llama/gitRelease.bundle package/llama/llama.cpp.info.json
  git -c advice.detachedHead=false clone -q package/llama/gitRelease.bundle llama.cpp
  cp package/llama/llama.cpp.info.json "$OUT/llama.cpp.info.json"
  rm -rf package
fi
if [ ! -d prebuilt ]; then mkdir prebuilt && tar xzf node-llama-cpp-linux-x64-$NLC_VERSION.tgz -C prebuilt; fi
cp -a prebuilt/package/bins/linux-x64/*.so "$OUT/bin/"
S=$OUT/src/llama.cpp

# 3. llama-server: cmake only generates the (empty) web-UI stub library; the server is compiled by server.mk
if [ ! -f "$S/build/tools/ui/libllama-ui.a" ]; then
  cmake -S "$S" -B "$S/build" -DCMAKE_BUILD_TYPE=Release -DLLAMA_OPENSSL=OFF -DLLAMA_USE_PREBUILT_UI=OFF \
    -DLLAMA_BUILD_UI=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF >/dev/null
  cmake --build "$S/build" --target llama-ui -j"$JOBS" >/dev/null
fi
make -s -C "$OUT/src" -f "$HERE/server.mk" -j"$JOBS" S="$S" BIN="$OUT/bin" OBJ="$OUT/src/obj"

# 4. models (the chat template is llama.cpp's own copy of Qwen3's, so the server parses <think> into reasoning_content)
for mode in stop loop; do
  PYTHONPATH="$S/gguf-py" /usr/bin/python3 "$HERE/make_model.py" --vocab "$S/models/ggml-vocab-llama-spm.gguf" \
    --template "$S/models/templates/Qwen-Qwen3-0.6B.jinja" --mode $mode --out "$OUT/models/tiny-$mode.gguf"
done

"$OUT/bin/llama-server" --version 2>&1 | grep -i version || true
echo "$KEY" > "$OUT/READY"
echo "interop: built in $(( $(date +%s) - start )) s, cache $(du -sh "$OUT" | cut -f1) at $OUT"
