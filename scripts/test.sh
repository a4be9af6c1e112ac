#!/usr/bin/env bash
# `npm test`: the whole gate, in order: lint, typecheck, unit + integration tests (Vitest, real
# DynamoDB Local and s3rver), production build, end-to-end tests (Playwright + Debian's Chromium).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export NEXT_TELEMETRY_DISABLED=1
# The AWS SDK's notice that its 2027 releases need Node 22 (see STACK.md), once per process.
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true

if [ -t 1 ]; then bold=$'\033[1m'; red=$'\033[31m'; green=$'\033[32m'; reset=$'\033[0m'; else bold=""; red=""; green=""; reset=""; fi

step="setup"
started=$SECONDS
trap 'status=$?; if [ $status -ne 0 ]; then printf "\n%s%s✘ npm test failed at: %s%s\n" "$red" "$bold" "$step" "$reset" >&2; fi' EXIT

banner() {
  step="$1"
  printf '\n%s==> %s%s\n' "$bold" "$1" "$reset"
}

# Installs a Debian package when running as root, else stops with the command to run.
require_package() { # <what is missing> <apt package>
  if [ "$(id -u)" -eq 0 ]; then
    echo "$1 is missing: installing the Debian package $2 (apt-get)…"
    local log
    log="$(mktemp)"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2"; } >"$log" 2>&1; then
      cat "$log" >&2
      rm -f "$log"
      echo "Installing $2 failed." >&2
      exit 1
    fi
    rm -f "$log"
  else
    echo "$1 is missing. Install it with:  sudo apt-get update && sudo apt-get install -y $2" >&2
    exit 1
  fi
}

banner "prerequisites"
[ -x /usr/bin/chromium ] || require_package "Chromium (/usr/bin/chromium, for the e2e tests)" chromium
command -v java >/dev/null 2>&1 || require_package "Java 17+ (for DynamoDB Local)" openjdk-17-jre-headless
echo "node $(node --version), $(java -version 2>&1 | head -n1), $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"

banner "lint (eslint)"
npm run --silent lint

banner "typecheck (tsc)"
npm run --silent typecheck

banner "unit + integration tests (vitest)"
npx vitest run

banner "production build (next build)"
npx next build

banner "end-to-end tests (playwright)"
npm run --silent test:e2e

step="done"
printf '\n%s%s✔ all checks passed in %ss%s\n' "$green" "$bold" "$((SECONDS - started))" "$reset"
