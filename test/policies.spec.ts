// Every policy carries its documentation, declared once in its rule's file and checked here.
import * as fs from "fs";
import * as path from "path";
import { repositoryUrlOf } from "../policypack/docs";
import { packSettings } from "../policypack/pack-settings";
import { settingsPolicyOf } from "../policypack/policies/openai-hosting-settings";
import { policyOf } from "../policypack/policies/sdk-policy";
import { rules } from "../policypack/registry";

const readme = fs.readFileSync(path.resolve(__dirname, "..", "README.md"), "utf8");
const packageJson = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "package.json"), "utf8")) as Record<string, unknown>;
const repository = repositoryUrlOf(packageJson);
const policies = [settingsPolicyOf(packSettings), ...rules.map((rule) => policyOf(rule, packSettings))];

/** GitHub's anchor for a markdown heading. */
const anchorOf = (heading: string) =>
    heading
        .trim()
        .toLowerCase()
        .replace(/[`*]/g, "")
        .replace(/[^a-z0-9 -]/g, "")
        .replace(/ /g, "-");
const anchors = new Set(
    readme
        .split("\n")
        .filter((line) => line.startsWith("#"))
        .map((line) => anchorOf(line.replace(/^#+/, ""))),
);

describe.each(policies.map((policy) => [policy.name, policy] as const))("%s", (name, policy) => {
    it("has a display name, a description, a severity, tags and remediation steps", () => {
        expect(policy.displayName?.length).toBeGreaterThan(10);
        expect(policy.description?.length).toBeGreaterThan(20);
        expect(["low", "medium", "high", "critical"]).toContain(policy.severity);
        expect(policy.remediationSteps?.length).toBeGreaterThan(20);
        expect(policy.tags).toContain("openai");
    });

    it("has its own section of the README, linked only where package.json names the repository", () => {
        expect(anchors).toContain(name);
        expect(policy.url).toBe(repository === undefined ? undefined : `${repository}#${name}`);
    });

    it("validates both single resources and the stack", () => {
        expect(typeof policy.validateResource).toBe("function");
        expect(typeof policy.validateStack).toBe("function");
    });
});

describe.each(rules.map((rule) => [rule.name, rule] as const))("rule %s", (name, rule) => {
    const policy = policyOf(rule, packSettings);

    it("names the joint statement and its clause as its compliance framework", () => {
        expect(policy.framework).toEqual({
            name: "OpenAI–Microsoft joint statement",
            version: "2026-02-27",
            reference: `clause ${rule.clause.ids.join(", ")}`,
            specification: rule.clause.text,
        });
        for (const id of rule.clause.ids) {
            expect(rule.clause.text).toContain(id);
            expect(rule.tags).toContain(`clause-${id}`);
        }
    });

    it("is mandatory unless configured otherwise", () => {
        expect(policy.enforcementLevel).toBe("mandatory");
        expect(policy.name).toBe(name);
    });
});

describe("repository links", () => {
    it("come from package.json's homepage or repository, never a placeholder", () => {
        expect(repositoryUrlOf({})).toBeUndefined();
        expect(repositoryUrlOf({ homepage: "https://github.com/acme/pack#readme" })).toBe("https://github.com/acme/pack");
        expect(repositoryUrlOf({ repository: "github:acme/pack" })).toBe("https://github.com/acme/pack");
        expect(repositoryUrlOf({ repository: { url: "git+https://github.com/acme/pack.git" } })).toBe("https://github.com/acme/pack");
        expect(repositoryUrlOf({ repository: { url: "git@github.com:acme/pack.git" } })).toBeUndefined();
    });
});
