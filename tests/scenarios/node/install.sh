#!/bin/sh
# install.sh DIR — installs the npm packages the Node leak scenarios use
# (tests/scenarios/node/*.js) into DIR/node_modules, at exact versions that
# run on Node 18 and 20. Cached: does nothing when DIR/packages.stamp already
# lists the same packages. Run the scenarios with NODE_PATH=DIR/node_modules.
# Needs node and npm (registry access).
set -eu
out=$(mkdir -p "$1" && cd "$1" && pwd)
PACKAGES="express@4.21.2 handlebars@4.7.8 lodash@4.17.21 ejs@3.1.10 marked@4.3.0 yaml@2.6.1 typescript@5.6.3"
[ -d "$out/node_modules" ] && [ "$(cat "$out/packages.stamp" 2>/dev/null)" = "$PACKAGES" ] && exit 0
rm -f "$out/packages.stamp"
# shellcheck disable=SC2086
npm install --prefix "$out" --no-save --no-audit --no-fund --no-package-lock \
  --loglevel=error $PACKAGES >/dev/null
printf '%s\n' "$PACKAGES" > "$out/packages.stamp"
