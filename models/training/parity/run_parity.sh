#!/bin/sh
# Runs PackParity.java against a pack with ONNX Runtime (and DJL's tokenizer) from the local Maven repository.
# Usage: models/training/parity/run_parity.sh PACK_DIR
set -eu
M2="${M2_REPO:-$HOME/.m2/repository}"
jar() { ls "$M2/$1" 2>/dev/null | head -n 1; }
CP="$M2/com/microsoft/onnxruntime/onnxruntime/1.29.0/onnxruntime-1.29.0.jar"
CP="$CP:$M2/com/google/code/gson/gson/2.13.1/gson-2.13.1.jar"
CP="$CP:$M2/ai/djl/api/0.38.0/api-0.38.0.jar:$M2/ai/djl/huggingface/tokenizers/0.38.0/tokenizers-0.38.0.jar"
CP="$CP:$M2/net/java/dev/jna/jna/5.17.0/jna-5.17.0.jar:$M2/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar"
CP="$CP:$(ls "$M2"/org/apache/commons/commons-compress/*/commons-compress-*.jar | tail -n 1)"
exec java -cp "$CP" "$(dirname "$0")/PackParity.java" "$1"
