// The pack judging resources that already exist, as `pulumi policy analyze` and Pulumi Cloud audit
// policy groups drive it: no ConfigureStack, no PULUMI_* stack variables, properties from state,
// often no provider. What a preview blocks is reported, with a message that fits existing
// resources; what a preview allows is not.
import * as path from "path";
import { PackClient, startPack, Verdict } from "../harness/analyzer-client";
import { Plan, RecordedResource } from "../harness/plan";

const repoRoot = path.resolve(__dirname, "..");
const stackUrn = "urn:pulumi:prod::discovered::pulumi:pulumi:Stack::discovered-prod";

/** A resource as state or a cloud account scan holds it: deployed, no provider reference, no unknowns. */
function existing(type: string, name: string, inputs: Record<string, unknown>): RecordedResource {
    return {
        urn: `urn:pulumi:prod::discovered::${type}::${name}`,
        type,
        name,
        custom: true,
        id: `${name}-id`,
        parent: stackUrn,
        dependencies: [],
        propertyDependencies: {},
        inputs,
    };
}

const plan: Plan = {
    stack: "prod",
    project: "discovered",
    preview: false,
    resources: [
        {
            urn: stackUrn,
            type: "pulumi:pulumi:Stack",
            name: "discovered-prod",
            custom: false,
            dependencies: [],
            propertyDependencies: {},
            inputs: {},
        },
        // Made by hand in the SageMaker console: serves gpt-4o off Azure.
        existing("aws:sagemaker/model:Model", "console-gpt4o", {
            executionRoleArn: "arn:aws:iam::123456789012:role/sagemaker",
            primaryContainer: {
                image: "763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.29.0-lmi11.0.0-cu124",
                environment: { SERVED_MODEL_NAME: "gpt-4o" },
            },
        }),
        // Allowed by a preview: open weights, and a client of Azure OpenAI.
        existing("aws:sagemaker/model:Model", "console-gpt-oss", {
            primaryContainer: { image: "vllm/vllm-openai:v0.6.4", environment: { HF_MODEL_ID: "openai/gpt-oss-20b" } },
        }),
        existing("aws:lambda/function:Function", "azure-client", {
            runtime: "python3.12",
            environment: { variables: { AZURE_OPENAI_ENDPOINT: "https://contoso.openai.azure.com/", OPENAI_MODEL: "gpt-4o" } },
        }),
        // A secret the analyze command could not decrypt offline reaches the pack as "[secret]".
        existing("aws:lambda/function:Function", "sealed-client", {
            runtime: "python3.12",
            environment: { variables: { OPENAI_BASE_URL: "[secret]", OPENAI_MODEL: "[secret]" } },
        }),
    ],
};

const summary = (verdicts: Verdict[]) => verdicts.map((v) => `${v.resource} ${v.policy} ${v.level}`).sort();

describe("auditing existing resources", () => {
    let audit: PackClient;
    let preview: PackClient;

    beforeAll(async () => {
        [audit, preview] = await Promise.all([startPack(repoRoot, { evaluation: "audit" }), startPack(repoRoot)]);
    }, 120_000);

    afterAll(async () => {
        await Promise.all([audit?.close(), preview?.close()]);
    });

    it("reports what a preview blocks, and nothing a preview allows", async () => {
        const audited = await audit.analyzePlan(plan);
        const previewed = await preview.analyzePlan(plan);
        expect(summary(audited)).toEqual(["console-gpt4o stateless-openai-api-on-azure mandatory"]);
        expect(summary(audited)).toEqual(summary(previewed));
    });

    it("says the resource exists and is hosted off Azure now, and what to do", async () => {
        const [verdict] = await audit.analyzePlan(plan);
        expect(verdict.message).toContain(
            "Audit: this resource exists and is hosted there now; migrate it to Azure, or record a time-boxed exemption",
        );
        expect(verdict.data).toMatchObject({ evaluation: "audit", cloud: "aws", model: { id: "gpt-4o" } });
        const [previewed] = await preview.analyzePlan(plan);
        expect(previewed.message).not.toContain("Audit:");
        expect(previewed.data).toMatchObject({ evaluation: "preview" });
    });
});
