/**
 * Findings computed once per request and shared by every policy of the pack.
 * The SDK runs all policies of one Analyze (or AnalyzeStack) request back to
 * back, deserializing the resource again for each; judging it again each
 * time would triple the pack's cost. The memo lives until the current
 * macrotask ends, so it never outlives the request it was made for.
 */
export class RequestMemo<T> {
    private readonly entries = new Map<string, T>();
    private clearScheduled = false;

    /** The value for `key`, computed by `compute` the first time in this request. */
    get(key: string, compute: () => T): T {
        const cached = this.entries.get(key);
        if (cached !== undefined) {
            return cached;
        }
        const value = compute();
        this.entries.set(key, value);
        if (!this.clearScheduled) {
            this.clearScheduled = true;
            setImmediate(() => {
                this.entries.clear();
                this.clearScheduled = false;
            });
        }
        return value;
    }
}
