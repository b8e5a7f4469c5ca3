// Progress on stderr for large plans, only on a terminal: one line rewritten in place, at most a
// few times a second, cleared when done. Off a terminal (CI logs, tests) it prints nothing.
import type { AnalyzeProgress } from "./analyze";
import type { ReadProgress } from "./inputs/read-input";

/** Reports reading and analyzing progress to a terminal. */
export class Progress implements ReadProgress, AnalyzeProgress {
    private read = 0;
    private lastDraw = 0;
    private drawn = false;

    constructor(private readonly stream: NodeJS.WriteStream) {}

    /** Whether anything is shown at all. */
    get enabled(): boolean {
        return this.stream.isTTY === true;
    }

    onItem(): void {
        this.read++;
        this.draw(() => `reading… ${this.read.toLocaleString("en-US")} resources`);
    }

    onAnalyzed(done: number, total: number): void {
        this.draw(
            () =>
                `analyzing ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")} resources (${Math.floor((100 * done) / Math.max(total, 1))}%)`,
            done === total,
        );
    }

    onStackAnalysis(): void {
        this.draw(() => "analyzing the stack…", true);
    }

    /** Shows a one-off status line (starting the pack, recording a program). */
    status(text: string): void {
        this.draw(() => text, true);
    }

    /** Clears the line. */
    done(): void {
        if (this.enabled && this.drawn) {
            this.stream.write("\r\x1b[2K");
            this.drawn = false;
        }
    }

    private draw(text: () => string, force = false): void {
        if (!this.enabled) {
            return;
        }
        const now = Date.now();
        if (!force && now - this.lastDraw < 200) {
            return;
        }
        this.lastDraw = now;
        this.drawn = true;
        this.stream.write(`\r\x1b[2K${text()}`);
    }
}
