/**
 * A block of a resource's settings that is unknown as a whole during preview (azure-native's
 * `apply` over a web app's `siteConfig`, an ECS `containerDefinitions` built with
 * `pulumi.jsonStringify`, user data from an `interpolate`): nothing inside it can be read, so the
 * pack says so, as an advisory, instead of passing the resource without a word.
 */
import { ReportViolation } from "@pulumi/policy";
import { judge, stackPhase } from "../policypack/registry";
import { reportVerdict } from "../policypack/policies/sdk-policy";
import { messageOf } from "../policypack/render";
import { ResourceView } from "../policypack/resource";
import { defaultSettings, parseSettings, Settings } from "../policypack/settings";
import { Verdict } from "../policypack/verdict";
import { node, stackOf, UNKNOWN, view } from "./support/views";

const unread = (verdicts: Verdict[]) => verdicts.filter((verdict) => verdict.subject.kind === "unread-in-preview");
const summary = (verdicts: Verdict[]) =>
    verdicts.map((verdict) => ({
        rule: verdict.rule,
        subject: verdict.subject,
        cloud: verdict.placement?.cloud,
        viaStack: verdict.viaStack,
    }));

/** The verdicts on `resource`, judged with its stack: its property dependencies are `deps`, each also in the stack. */
function inStack(resource: ResourceView, deps: Record<string, ResourceView[]> = {}): Verdict[] {
    const others = [...new Set(Object.values(deps).flat())];
    const stack = stackOf([...others.map((other) => node(other)), node(resource, deps)]);
    return judge(resource, defaultSettings, stack);
}

const bedrockGateway = view("aws:apigatewayv2/api:Api", "bedrock-gw", { protocolType: "HTTP" });

describe("a block of settings unknown as a whole during preview", () => {
    const webApp = (siteConfig: unknown) =>
        view("azure-native:web:WebApp", "chat", { resourceGroupName: "rg", serverFarmId: UNKNOWN, siteConfig });

    it("on Azure: the calls rule says it could not read the block, in the stack phase, as an advisory subject", () => {
        expect(summary(inStack(webApp(UNKNOWN), { siteConfig: [bedrockGateway] }))).toEqual([
            {
                rule: "openai-calls-hosted-on-azure",
                subject: { kind: "unread-in-preview", paths: ["siteConfig"] },
                cloud: "azure",
                viaStack: true,
            },
        ]);
        // The resource phase has no stack to tell a block from a reference: it waits.
        expect(judge(webApp(UNKNOWN), defaultSettings)).toEqual([]);
    });

    it("on Azure, is said for any block by default; with adviseOnAzureOnlyBlocks false, only where it may hold something from off Azure", () => {
        const storage = view("azure-native:storage:StorageAccount", "funcstore", { resourceGroupName: "rg", kind: "StorageV2" });
        const password = view("random:index/randomPassword:RandomPassword", "pw", { length: 24 });
        const other = view("pulumi:pulumi:StackReference", "shared", { name: "acme/llm-gateway/prod" });
        const judged = (sources: ResourceView[], settings: Settings) => {
            const resource = webApp(UNKNOWN);
            const stack = stackOf([
                ...sources.map((source) => node(source)),
                node(resource, sources.length > 0 ? { siteConfig: sources } : {}),
            ]);
            return judge(resource, settings, stack).map((verdict) => verdict.subject.kind);
        };
        // A literal Bedrock URL beside the storage account's connection string is hidden in the same block.
        expect(judged([storage, password], defaultSettings)).toEqual(["unread-in-preview"]);
        const narrowed = parseSettings({ adviseOnAzureOnlyBlocks: false });
        expect(judged([storage, password], narrowed)).toEqual([]);
        for (const sources of [[storage, bedrockGateway], [storage, other], []]) {
            expect({ sources: sources.map((source) => source.name), found: judged(sources, narrowed) }).toEqual({
                sources: sources.map((source) => source.name),
                found: ["unread-in-preview"],
            });
        }
        expect(() => parseSettings({ adviseOnAzureOnlyBlocks: "no" })).toThrow(/adviseOnAzureOnlyBlocks must be true or false/);
    });

    it("is not said when the same block is known (an unknown value inside it is read as one setting)", () => {
        const known = webApp({ appSettings: [{ name: "LOG_LEVEL", value: UNKNOWN }], linuxFxVersion: "NODE|20-lts" });
        expect(inStack(known, { siteConfig: [bedrockGateway] })).toEqual([]);
    });

    it("off Azure: the serving rule says it, once, for whatever provider and key shape holds the block", () => {
        const cases: Array<[string, Record<string, unknown>, string]> = [
            ["aws:ecs/taskDefinition:TaskDefinition", { family: "api", containerDefinitions: UNKNOWN }, "containerDefinitions"],
            ["aws:lambda/function:Function", { runtime: "nodejs20.x", environment: UNKNOWN }, "environment"],
            ["aws:ec2/launchTemplate:LaunchTemplate", { imageId: "ami-1", userData: UNKNOWN }, "userData"],
            ["gcp:cloudrunv2/service:Service", { location: "us-central1", template: UNKNOWN }, "template"],
            // A provider published next month, and keys nobody listed: by the words of the key.
            ["acme:compute/box:Box", { size: "xl", runtimeSettings: UNKNOWN }, "runtimeSettings"],
            ["acme:compute/box:Box", { size: "xl", bootScript: UNKNOWN }, "bootScript"],
            ["acme:serving/deployment:Deployment", { spec: { workerConfig: UNKNOWN } }, "spec.workerConfig"],
        ];
        for (const [type, props, path] of cases) {
            const verdicts = inStack(view(type, "it", props), { [path.split(".")[0]]: [bedrockGateway] });
            expect({ type, found: summary(verdicts) }).toEqual({
                type,
                found: [
                    {
                        rule: "stateless-openai-api-on-azure",
                        subject: { kind: "unread-in-preview", paths: [path] },
                        cloud: type.startsWith("gcp") ? "gcp" : type.startsWith("aws") ? "aws" : "other",
                        viaStack: true,
                    },
                ],
            });
        }
    });

    it("is said for blocks nested in an environment and for the blocks that hold scripts, metadata or a command's lifecycle", () => {
        const cases: Array<[string, Record<string, unknown>, string]> = [
            ["aws:lambda/function:Function", { runtime: "python3.12", environment: { variables: UNKNOWN } }, "environment.variables"],
            ["gcp:compute/instance:Instance", { machineType: "a2-highgpu-1g", metadata: UNKNOWN }, "metadata"],
            ["aws:batch/jobDefinition:JobDefinition", { type: "container", containerProperties: UNKNOWN }, "containerProperties"],
            ["command:remote:Command", { connection: { host: "10.0.0.5" }, create: UNKNOWN }, "create"],
        ];
        for (const [type, props, path] of cases) {
            const verdicts = inStack(view(type, "it", props), { [path.split(".")[0]]: [bedrockGateway] });
            expect({ type, found: verdicts.map((verdict) => verdict.subject) }).toEqual({
                type,
                found: [{ kind: "unread-in-preview", paths: [path] }],
            });
        }
    });

    it("is not said for a request's payload or an API document: they configure no process", () => {
        const target = view("aws:cloudwatch/eventTarget:EventTarget", "nightly", { rule: "r", arn: "arn:aws:lambda:x", input: UNKNOWN });
        const api = view("aws:apigateway/restApi:RestApi", "reports", { name: "reports", body: UNKNOWN });
        expect(inStack(target, { input: [bedrockGateway] })).toEqual([]);
        expect(inStack(api, { body: [bedrockGateway] })).toEqual([]);
    });

    it("counts a generic block (a configuration) only where no known block of a process sits beside it", () => {
        const app = (template: unknown) =>
            view("azure-native:app:ContainerApp", "catalog", { resourceGroupName: "rg", configuration: UNKNOWN, template });
        const readable = { containers: [{ name: "api", image: "contoso.azurecr.io/catalog:1", env: [{ name: "PORT", value: "8080" }] }] };
        expect(inStack(app(readable), { configuration: [bedrockGateway] })).toEqual([]);
        expect(summary(inStack(app(UNKNOWN), { configuration: [bedrockGateway], template: [bedrockGateway] }))).toEqual([
            {
                rule: "openai-calls-hosted-on-azure",
                subject: { kind: "unread-in-preview", paths: ["configuration", "template"] },
                cloud: "azure",
                viaStack: true,
            },
        ]);
    });

    it("takes a whole settings map of a settings resource as settings, whatever its key", () => {
        const bag = view("azure-native:web:WebAppApplicationSettings", "chat-settings", {
            resourceGroupName: "rg",
            name: UNKNOWN,
            properties: UNKNOWN,
        });
        expect(summary(inStack(bag, { properties: [bedrockGateway] }))).toEqual([
            expect.objectContaining({
                rule: "openai-calls-hosted-on-azure",
                subject: { kind: "unread-in-preview", paths: ["properties"] },
            }),
        ]);
    });

    it("is not an advisory where a serving engine's whole environment is unknown: that engine serves a model nothing shows, blocked", () => {
        const model = view("aws:sagemaker/model:Model", "sm", {
            executionRoleArn: "arn:aws:iam::1:role/sm",
            primaryContainer: { image: "ghcr.io/huggingface/text-generation-inference:2.4", environment: UNKNOWN },
        });
        const verdicts = inStack(model, { primaryContainer: [bedrockGateway] });
        expect(verdicts.map((verdict) => [verdict.subject.kind, verdict.evidence.map((item) => item.path)])).toEqual([
            ["serves-unknown-model", ["primaryContainer.environment"]],
        ]);
    });

    it("is not an advisory where a serving engine's whole command or arguments are unknown and it names no model: blocked", () => {
        const container = (spec: Record<string, unknown>) =>
            view("aws:sagemaker/model:Model", "sm", {
                executionRoleArn: "arn:aws:iam::1:role/sm",
                primaryContainer: { image: "vllm/vllm-openai:v0.6.4", ...spec },
            });
        for (const key of ["command", "args"]) {
            const verdicts = inStack(container({ [key]: UNKNOWN }), { primaryContainer: [bedrockGateway] });
            expect(verdicts.map((verdict) => [verdict.subject.kind, verdict.evidence.map((item) => item.path)])).toEqual([
                ["serves-unknown-model", [`primaryContainer.${key}`]],
            ]);
        }
        // It names its model beside them (an open-weight one): only what it could not read is said.
        const llama = container({ args: UNKNOWN, environment: { HF_MODEL_ID: "meta-llama/Llama-3.1-8B-Instruct" } });
        expect(inStack(llama, { primaryContainer: [bedrockGateway] }).map((verdict) => verdict.subject)).toEqual([
            { kind: "unread-in-preview", paths: ["primaryContainer.args"] },
        ]);
        // No engine: still only the advisory.
        const app = container({ image: "registry/app:1", command: UNKNOWN });
        expect(inStack(app, { primaryContainer: [bedrockGateway] }).map((verdict) => verdict.subject.kind)).toEqual(["unread-in-preview"]);
    });

    it("is not said for unknown values that hold no block of settings: an image, one variable, a tag, a name, a policy", () => {
        const task = view("aws:ecs/taskDefinition:TaskDefinition", "api", {
            family: UNKNOWN,
            executionRoleArn: UNKNOWN,
            taskRoleArn: UNKNOWN,
            tags: UNKNOWN,
            containerDefinitions: JSON.stringify([
                { name: "api", image: UNKNOWN, environment: [{ name: "DATABASE_URL", value: UNKNOWN }] },
            ]),
        });
        const policy = view("aws:iam/rolePolicy:RolePolicy", "p", { role: UNKNOWN, policy: UNKNOWN });
        const param = view("aws:ssm/parameter:Parameter", "cfg", { type: "String", value: UNKNOWN });
        for (const resource of [task, policy, param]) {
            expect({ type: resource.type, found: inStack(resource, { family: [bedrockGateway] }) }).toEqual({
                type: resource.type,
                found: [],
            });
        }
    });

    it("is not said for a reference to a resource of the stack whose type the key names: that resource is judged itself", () => {
        const taskDefinition = view("aws:ecs/taskDefinition:TaskDefinition", "api", { family: "api", containerDefinitions: "[]" });
        const template = view("gcp:compute/instanceTemplate:InstanceTemplate", "tpl", { machineType: "a2-highgpu-1g" });
        const service = view("aws:ecs/service:Service", "api", { cluster: "c", taskDefinition: UNKNOWN });
        const group = view("gcp:compute/regionInstanceGroupManager:RegionInstanceGroupManager", "mig", {
            versions: [{ instanceTemplate: UNKNOWN }],
        });
        expect(unread(inStack(service, { taskDefinition: [taskDefinition] }))).toEqual([]);
        expect(unread(inStack(group, { versions: [template] }))).toEqual([]);
        // A key that names only part of the type is no reference: a state machine's definition holding a task definition's ARN.
        const machine = view("aws:sfn/stateMachine:StateMachine", "flow", { roleArn: "arn:aws:iam::1:role/sfn", definition: UNKNOWN });
        expect(summary(unread(inStack(machine, { definition: [taskDefinition] })))).toEqual([
            expect.objectContaining({ subject: { kind: "unread-in-preview", paths: ["definition"] } }),
        ]);
        // The same key computed from a resource of another type is a block nothing shows.
        expect(summary(unread(inStack(service, { taskDefinition: [bedrockGateway] })))).toEqual([
            expect.objectContaining({ subject: { kind: "unread-in-preview", paths: ["taskDefinition"] } }),
        ]);
    });

    it("gives way to what the resource was found to do", () => {
        // A function that calls GPT on Bedrock is blocked for that; its unknown block adds nothing.
        const fn = view("aws:lambda/function:Function", "bot", {
            environment: {
                variables: { OPENAI_BASE_URL: "https://bedrock-runtime.us-east-1.amazonaws.com/openai/v1", OPENAI_MODEL: "gpt-4o" },
            },
            imageConfig: { command: UNKNOWN },
            loggingConfig: UNKNOWN,
        });
        const verdicts = inStack(fn, { loggingConfig: [bedrockGateway] });
        expect(verdicts.map((verdict) => verdict.subject.kind)).toEqual(["calls-model"]);
    });

    it("is reported by the stack phase once, and never for a resource the stack phase has no reason to read again", () => {
        const app = webApp(UNKNOWN);
        const known = webApp({ appSettings: [{ name: "OPENAI_BASE_URL", value: "https://acme.openai.azure.com/openai/v1" }] });
        const nodes = [node(bedrockGateway), node(app, { siteConfig: [bedrockGateway] }), node({ ...known, urn: `${known.urn}-2` })];
        const verdicts = stackPhase(nodes, stackOf(nodes), defaultSettings);
        expect(verdicts.map((verdict) => [verdict.resource.urn, verdict.subject.kind])).toEqual([[app.urn, "unread-in-preview"]]);
    });

    it("never makes a backend count as serving or calling off Azure: an OpenAI-style route in front of it is not blocked for it", () => {
        const app = webApp(UNKNOWN);
        const int = view("aws:apigatewayv2/integration:Integration", "int", { integrationUri: UNKNOWN, apiId: "a" });
        const route = view("aws:apigatewayv2/route:Route", "route", { routeKey: "POST /v1/chat/completions", apiId: "a", target: UNKNOWN });
        const nodes = [
            node(bedrockGateway),
            node(app, { siteConfig: [bedrockGateway] }),
            node(int, { integrationUri: [app] }),
            node(route, { target: [int] }),
        ];
        const verdicts = stackPhase(nodes, stackOf(nodes), defaultSettings);
        expect(verdicts.map((verdict) => `${verdict.resource.name} ${verdict.subject.kind}`)).toEqual(["chat unread-in-preview"]);
    });

    it("is reported at advisory level whatever the config sets, and its message says what could not be read and what will judge it", () => {
        const [verdict] = inStack(webApp(UNKNOWN), { siteConfig: [bedrockGateway] });
        const reports: Array<{ message: string; enforcementLevel?: string }> = [];
        reportVerdict(verdict, defaultSettings, ((report: { message: string; enforcementLevel?: string }) =>
            reports.push(report)) as unknown as ReportViolation);
        expect(reports.map((report) => report.enforcementLevel)).toEqual(["advisory"]);
        const message = messageOf(verdict, { evaluation: "preview" });
        expect(message).toContain('azure-native:web:WebApp "chat": could not be read: siteConfig is unknown as a whole');
        expect(message).toContain("Evidence: siteConfig = (unknown during preview).");
        expect(message).toContain("`pulumi up` analyzes the resource again with its inputs resolved");
    });
});
