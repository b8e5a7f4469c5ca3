/**
 * Where each policy's documentation lives: its section of the README, at the
 * repository `package.json` names (`homepage`, else `repository`). Without
 * either, policies carry no link rather than a placeholder that leads nowhere.
 */
import * as fs from "fs";
import * as path from "path";

/** The package this pack is, as its package.json describes it. */
interface PackageJson {
    name?: string;
    version?: string;
    homepage?: string;
    repository?: string | { url?: string };
}

/** The pack's package.json: the nearest one above this module (policypack/ in source, dist/pack/ when built). */
function readPackageJson(): PackageJson {
    for (let dir = __dirname, depth = 0; depth < 4; dir = path.dirname(dir), depth++) {
        const file = path.join(dir, "package.json");
        if (fs.existsSync(file)) {
            try {
                return JSON.parse(fs.readFileSync(file, "utf8")) as PackageJson;
            } catch {
                return {};
            }
        }
    }
    return {};
}

/** `https://github.com/o/r` from `homepage` or a `repository` URL (`git+https://…/o/r.git`, `github:o/r`). */
export function repositoryUrlOf(pkg: PackageJson): string | undefined {
    const homepage = typeof pkg.homepage === "string" ? pkg.homepage.split("#")[0] : undefined;
    if (homepage && /^https:\/\//.test(homepage)) {
        return homepage.replace(/\/+$/, "");
    }
    const raw = typeof pkg.repository === "string" ? pkg.repository : pkg.repository?.url;
    if (typeof raw !== "string" || raw.trim() === "") {
        return undefined;
    }
    const shorthand = /^(?:github:)?([\w.-]+)\/([\w.-]+)$/.exec(raw.trim());
    if (shorthand) {
        return `https://github.com/${shorthand[1]}/${shorthand[2].replace(/\.git$/, "")}`;
    }
    const url = raw
        .trim()
        .replace(/^git\+/, "")
        .replace(/\.git$/, "");
    return /^https:\/\//.test(url) ? url : undefined;
}

const repository = repositoryUrlOf(readPackageJson());

/** The README's URL, or undefined when package.json names no repository. */
export const readmeUrl: string | undefined = repository ? `${repository}#readme` : undefined;

/** The URL of a README section, by its heading anchor; undefined when package.json names no repository. */
export function docsUrl(anchor: string): string | undefined {
    return repository ? `${repository}#${anchor}` : undefined;
}
