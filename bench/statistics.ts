// The few statistics the benchmark reports.

/**
 * The `p`-th percentile (0–100) of `samples`, nearest-rank.
 *
 * @example
 * percentile([5, 1, 3], 50); // 3
 */
export function percentile(samples: readonly number[], p: number): number {
    if (samples.length === 0) {
        return Number.NaN;
    }
    const sorted = [...samples].sort((a, b) => a - b);
    const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
    return sorted[rank - 1] as number;
}

/**
 * The median of `samples` (the mean of the middle two for an even count).
 *
 * @example
 * median([4, 1, 3, 2]); // 2.5
 */
export function median(samples: readonly number[]): number {
    if (samples.length === 0) {
        return Number.NaN;
    }
    const sorted = [...samples].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** `a / b` rounded to two decimals. */
export function ratio(a: number, b: number): number {
    return Math.round((a / b) * 100) / 100;
}

/** Milliseconds since `began` (a `process.hrtime.bigint()` reading). */
export function msSince(began: bigint): number {
    return Number(process.hrtime.bigint() - began) / 1e6;
}
