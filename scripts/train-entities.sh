#!/bin/sh
# Retrains the entities tagger from ../shared/data and writes
# plugins/entities/model/entities.model (see plugins/entities/model/MODEL.md).
#
#   scripts/train-entities.sh [train-entities options, e.g. --data DIR]
#
# Builds the training tool in $BUILD (default: build/) first. About forty
# seconds of training on one core (five models averaged, see MODEL.md); the
# same data and options give the same model, byte for byte.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-"$root/build"}
cmake -S "$root" -B "$build" >/dev/null
make -C "$build" train-entities >/dev/null
cd "$root"
exec "$build/plugins/entities/train-entities" --data ../shared/data \
    --out plugins/entities/model/entities.model "$@"
