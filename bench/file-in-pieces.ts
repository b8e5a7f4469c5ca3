// Writes a generated document to a file in pieces of about a mebibyte, so a benchmark input of
// any size never sits in memory whole.
import * as fs from "fs";

/**
 * Calls `produce` with a `write` for the text of `file`, and returns how many bytes were written.
 *
 * @example
 * const bytes = writeInPieces("/tmp/big.json", (write) => { write("["); write("1"); write("]"); }); // 3
 */
export function writeInPieces(file: string, produce: (write: (text: string) => void) => void): number {
    const fd = fs.openSync(file, "w");
    let bytes = 0;
    let pending: string[] = [];
    let pendingLength = 0;
    const flush = () => {
        const buffer = Buffer.from(pending.join(""));
        fs.writeSync(fd, buffer);
        bytes += buffer.length;
        pending = [];
        pendingLength = 0;
    };
    try {
        produce((text) => {
            pending.push(text);
            pendingLength += text.length;
            if (pendingLength > 1 << 20) {
                flush();
            }
        });
        flush();
    } finally {
        fs.closeSync(fd);
    }
    return bytes;
}
