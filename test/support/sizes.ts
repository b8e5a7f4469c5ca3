/**
 * Sizes of the specs that prove the pack reads huge inputs (megabytes of text, tens of thousands of
 * resources). `npm test` runs them in full. `npm run mutate` scales them down (HARDENING_SCALE, set
 * in test/mutate-setup.js): every mutant reruns each spec that covers it, on instrumented code, and a
 * 10 MB walk there takes minutes. The behaviour they check (no throw, the model still found at the
 * end, the bounds said) does not depend on the size; only the cost does.
 */
const scale = Number(process.env.HARDENING_SCALE ?? 1);

/** `n` mebibytes, scaled (at least 4 KiB). */
export function megabytes(n: number): number {
    return Math.max(4096, Math.round(n * 1024 * 1024 * scale));
}

/** `n` resources, scaled (at least 100). */
export function resourceCount(n: number): number {
    return Math.max(100, Math.round(n * scale));
}
