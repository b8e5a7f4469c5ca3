// Every policy carries its documentation, declared once in its own file and checked here.
import * as fs from "fs";
import * as path from "path";
import { firstPartyProductsOnAzure } from "../policypack/policies/first-party-products-on-azure";
import { openAICallsHostedOnAzure } from "../policypack/policies/openai-calls-hosted-on-azure";
import { openAIHostingSettings } from "../policypack/policies/openai-hosting-settings";
import { statelessOpenAIApiOnAzure } from "../policypack/policies/stateless-openai-api-on-azure";
import { readmeUrl } from "../policypack/docs";

const readme = fs.readFileSync(path.resolve(__dirname, "..", "README.md"), "utf8");
const policies = [openAIHostingSettings, statelessOpenAIApiOnAzure, openAICallsHostedOnAzure, firstPartyProductsOnAzure];

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
    it("has a description, a severity and remediation steps", () => {
        expect(policy.description?.length).toBeGreaterThan(20);
        expect(["low", "medium", "high", "critical"]).toContain(policy.severity);
        expect(policy.remediationSteps?.length).toBeGreaterThan(20);
    });

    it("links to its own section of the README", () => {
        expect(policy.url).toBe(`${readmeUrl}#${name}`);
        expect(anchors).toContain(name);
    });

    it("validates both single resources and the stack", () => {
        expect(typeof policy.validateResource).toBe("function");
        expect(typeof policy.validateStack).toBe("function");
    });
});
