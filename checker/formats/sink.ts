// Writes a report piece by piece to a stream, waiting when the stream asks to, so large reports
// never sit in memory as one string.
import type { Writable } from "stream";

/** A writable with awaitable writes. */
export class Sink {
    constructor(readonly stream: Writable) {}

    /** Writes `text`, resolving once the stream can take more. */
    write(text: string): Promise<void> {
        if (this.stream.write(text)) {
            return Promise.resolve();
        }
        return new Promise((resolve) => this.stream.once("drain", () => resolve()));
    }
}
