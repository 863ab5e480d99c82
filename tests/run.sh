#!/usr/bin/env bash
# Runs every SensorChain test: installs the Debian and npm packages the tests need (when missing),
# then `dotnet test` over the whole solution. Tests start their own servers (Mosquitto, PostgreSQL,
# etcd, InfluxDB, SMTP) on 127.0.0.1 through deploy/local/*.sh and stop them afterwards.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bash deploy/local/prerequisites.sh || { echo "prerequisites failed"; exit 1; }

# The shared FHIR validator (../shared/tools/fhir-validate) installs its npm packages once.
if [ -f ../shared/tools/fhir-validate/setup.sh ]; then
  (cd ../shared/tools/fhir-validate && bash setup.sh) || { echo "fhir-validate setup failed"; exit 1; }
fi

results="$root/artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"
log="$results/dotnet-test.log"

dotnet build SensorChain.sln -c Release -nologo 2>&1 | tail -n 3
set +e
dotnet test SensorChain.sln -c Release --no-build -nologo -m:1 \
  --results-directory "$results" --logger "trx" --logger "console;verbosity=minimal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line for CI: totals over every test project.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
