// Under `npm run mutate` every mutant reruns the specs that cover it: fewer property-based cases each.
process.env.HARDENING_RUNS = process.env.HARDENING_RUNS ?? "40";
