#!/bin/sh
# Installs what is missing, builds, and runs lectord on its default
# configuration: drop files into ./spool/inbox, read ./spool/outbox.
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh build
echo "lectord: watching $(pwd)/spool/inbox; results in spool/outbox (Ctrl-C stops)"
exec build/lectord run --spool spool
