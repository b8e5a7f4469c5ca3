/**
 * Results remembered by key, up to a bound. Names, keys and tag keys repeat across the resources
 * of a stack, so the pack works each one out once; a stream of distinct or huge keys (a hostile
 * input) stops being remembered at the bound instead of growing the process's memory.
 */

/** The bound: how many keys are remembered, and the longest key that is. */
export interface MemoBounds {
    maxEntries: number;
    maxKeyLength: number;
}

const defaultBounds: MemoBounds = { maxEntries: 10_000, maxKeyLength: 200 };

/** `compute`, remembered per key within `bounds`; `size` says how many keys are remembered. */
export function rememberedBy<V>(
    compute: (key: string) => V,
    bounds: MemoBounds = defaultBounds,
): ((key: string) => V) & { readonly size: number } {
    const entries = new Map<string, V>();
    const remembered = (key: string): V => {
        if (key.length > bounds.maxKeyLength) {
            return compute(key); // never remembered: not worth hashing to look up
        }
        // One lookup for a remembered value; `has` only for a remembered `undefined`.
        const known = entries.get(key);
        if (known !== undefined || entries.has(key)) {
            return known as V;
        }
        const value = compute(key);
        if (entries.size < bounds.maxEntries) {
            entries.set(key, value);
        }
        return value;
    };
    return Object.defineProperty(remembered, "size", { get: () => entries.size }) as ((key: string) => V) & { readonly size: number };
}
