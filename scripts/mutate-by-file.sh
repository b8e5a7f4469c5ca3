#!/usr/bin/env bash
# `npm run mutate:by-file [file …]`: one Stryker run per file of policypack/ (or per file given),
# each with its own report in reports/mutation/by-file/. A run instruments only its file, so the
# suite's dry run takes seconds instead of minutes, and a session cut short keeps every report
# written so far (Stryker writes none for a run it did not finish).
set -u
cd "$(dirname "$0")/.."
mkdir -p reports/mutation/by-file
if [ "$#" -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(find policypack -name '*.ts' ! -path policypack/index.ts | sort)
fi
for target in "${targets[@]}"; do
  name=$(echo "$target" | tr '/*{},' '_____')
  started=$(date +%s)
  npx stryker run --mutate "$target" --incrementalFile "reports/mutation/by-file/$name.incremental.json" \
    > "reports/mutation/by-file/$name.log" 2>&1
  code=$?
  cp reports/mutation/mutation.json "reports/mutation/by-file/$name.json" 2>/dev/null
  echo "$target: exit $code, $(($(date +%s) - started)) s"
done
