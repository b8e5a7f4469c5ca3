// Under `npm run mutate` every mutant reruns the specs that cover it: fewer property-based cases each.
process.env.HARDENING_RUNS = process.env.HARDENING_RUNS ?? "40";
// And huge inputs at a hundredth of their size (test/support/sizes.ts): 10 MB becomes 100 KB.
process.env.HARDENING_SCALE = process.env.HARDENING_SCALE ?? "0.01";
