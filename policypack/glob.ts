/**
 * Globs from config (`*` = any run of characters), matched without building a
 * regular expression from user input: model-name patterns and exemption
 * resource patterns share this one matcher.
 */

/** A glob split at its `*`s, once, rather than at every match. */
export type Glob = readonly string[];

/** Splits a glob for {@link globMatches}; case is the caller's to fold. */
export function compileGlob(pattern: string): Glob {
    return pattern.split("*");
}

/**
 * Whether a glob matches the whole text. Literal pieces are placed leftmost in
 * order, which is exact for `*`-only globs and costs one scan of the text per
 * piece at most.
 *
 * @example
 * globMatches(compileGlob("legacy-*-task"), "legacy-frontier-task"); // true
 */
export function globMatches(pieces: Glob, text: string): boolean {
    if (pieces.length === 1) {
        return pieces[0] === text;
    }
    const first = pieces[0];
    const last = pieces[pieces.length - 1];
    if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last)) {
        return false;
    }
    let at = first.length;
    const end = text.length - last.length;
    for (let k = 1; k < pieces.length - 1; k++) {
        const piece = pieces[k];
        const found = text.indexOf(piece, at);
        if (found < 0 || found + piece.length > end) {
            return false;
        }
        at = found + piece.length;
    }
    return true;
}
