/**
 * Extractors for compute that runs a workload: containers, functions and
 * virtual machines. They return the settings each process is configured
 * with; whether those describe serving or a client is decided in assess.ts.
 */
import { userDataText } from "../scripts";
import { childOf, elementsOf, fieldAt, fieldOf, stringOf } from "../values";
import { containerScope, jsonProperty, settingsFromEnvList, settingsFromEnvMap, settingsFromScript } from "./settings";
import { emptyExtraction, Extractor, SettingScope } from "./types";

const k8sContainerKeys = { env: ["env"], argv: ["command", "args"], label: "name" };

function containersAt(props: Record<string, unknown>, keys: string[], property: string, containerKeys = k8sContainerKeys): SettingScope[] {
    const scopes: SettingScope[] = [];
    for (const listKey of ["containers", "initContainers"]) {
        const list = fieldAt(props, [...keys, listKey]);
        for (const container of elementsOf(list)) {
            scopes.push(containerScope(container, property, containerKeys));
        }
    }
    return scopes;
}

/** Kubernetes workloads: where the pod spec sits in each kind. */
function kubernetesWorkload(podSpecPath: string[]): Extractor {
    return (props) => ({ ...emptyExtraction(), scopes: containersAt(props, podSpecPath, podSpecPath[0] ?? "spec") });
}

/** ECS task definitions: `containerDefinitions` is a JSON string. */
const ecsTaskDefinition: Extractor = (props) => {
    const extraction = emptyExtraction();
    const definitions = jsonProperty(props, "containerDefinitions", extraction.unreadable);
    for (const container of elementsOf(definitions)) {
        extraction.scopes.push(
            containerScope(container, "containerDefinitions", { env: ["environment"], argv: ["entryPoint", "command"], label: "name" }),
        );
    }
    return extraction;
};

/** AWS Batch job definitions: `containerProperties` (and `ecsProperties`) are JSON strings. */
const batchJobDefinition: Extractor = (props) => {
    const extraction = emptyExtraction();
    const container = jsonProperty(props, "containerProperties", extraction.unreadable);
    if (container) {
        extraction.scopes.push(containerScope(container, "containerProperties", { env: ["environment"], argv: ["command"] }));
    }
    const ecs = jsonProperty(props, "ecsProperties", extraction.unreadable);
    for (const task of elementsOf(fieldAt(ecs?.value, ["taskProperties"], ecs?.path ?? "ecsProperties"))) {
        for (const c of elementsOf(childOf(task, "containers"))) {
            extraction.scopes.push(containerScope(c, "ecsProperties", { env: ["environment"], argv: ["command"], label: "name" }));
        }
    }
    return extraction;
};

/** aws-native ECS task definitions: container definitions are objects, not JSON text. */
const nativeEcsTaskDefinition: Extractor = (props) => ({
    ...emptyExtraction(),
    scopes: elementsOf(fieldOf(props, "containerDefinitions", "")).map((container) =>
        containerScope(container, "containerDefinitions", { env: ["environment"], argv: ["entryPoint", "command"], label: "name" }),
    ),
});

const lambdaFunction: Extractor = (props) => ({
    ...emptyExtraction(),
    scopes: [{ path: "environment.variables", settings: settingsFromEnvMap(fieldAt(props, ["environment", "variables"]), "environment") }],
});

const appRunnerService: Extractor = (props) => {
    const image = fieldAt(props, ["sourceConfiguration", "imageRepository", "imageConfiguration"]);
    const code = fieldAt(props, ["sourceConfiguration", "codeRepository", "codeConfiguration", "codeConfigurationValues"]);
    const scopes: SettingScope[] = [];
    for (const config of [image, code]) {
        if (!config) {
            continue;
        }
        const settings = settingsFromEnvMap(childOf(config, "runtimeEnvironmentVariables"), "sourceConfiguration");
        const start = childOf(config, "startCommand");
        const command = stringOf(start);
        if (start && command !== undefined) {
            settings.push(...settingsFromScript(command, start.path, "sourceConfiguration", start.secret));
        }
        scopes.push({ path: config.path, settings });
    }
    return { ...emptyExtraction(), scopes };
};

/** EC2 instances and launch templates: settings inside user data, plain or base64. */
function userDataOf(keys: string[]): Extractor {
    return (props) => {
        const extraction = emptyExtraction();
        for (const key of keys) {
            const field = fieldOf(props, key, "");
            if (!field) {
                continue;
            }
            if (field.unknown) {
                extraction.unreadable.push({ path: field.path, reason: "unknown during preview" });
                continue;
            }
            const raw = stringOf(field);
            if (raw === undefined) {
                continue;
            }
            const decoded = userDataText(raw);
            if (decoded.text === undefined) {
                extraction.unreadable.push({ path: field.path, reason: "user data is neither text nor base64-encoded text" });
                continue;
            }
            const path = decoded.encoding === "base64" ? `${field.path} (base64-decoded)` : field.path;
            extraction.scopes.push({ path, settings: settingsFromScript(decoded.text, path, key, field.secret) });
        }
        return extraction;
    };
}

const cloudRunV2Service: Extractor = (props) => ({
    ...emptyExtraction(),
    scopes: containersAt(props, ["template"], "template", { env: ["envs"], argv: ["commands", "args"], label: "name" }),
});

const cloudRunV2Job: Extractor = (props) => ({
    ...emptyExtraction(),
    scopes: containersAt(props, ["template", "template"], "template", { env: ["envs"], argv: ["commands", "args"], label: "name" }),
});

const cloudRunV1Service: Extractor = (props) => ({
    ...emptyExtraction(),
    scopes: containersAt(props, ["template", "spec"], "template", { env: ["envs"], argv: ["commands", "args"], label: "name" }),
});

const containerApp: Extractor = (props) => ({
    ...emptyExtraction(),
    scopes: containersAt(props, ["template"], "template", { env: ["env"], argv: ["command", "args"], label: "name" }),
});

const webApp: Extractor = (props) => ({
    ...emptyExtraction(),
    scopes: [
        { path: "siteConfig.appSettings", settings: settingsFromEnvList(fieldAt(props, ["siteConfig", "appSettings"]), "siteConfig") },
    ],
});

/** AgentCore runtimes keep sessions: stateful, so their settings only ever describe a client. */
const agentCoreRuntime: Extractor = (props) => ({
    ...emptyExtraction(),
    statefulRuntime: "Amazon Bedrock AgentCore runtime",
    scopes: [
        { path: "environmentVariables", settings: settingsFromEnvMap(fieldOf(props, "environmentVariables", ""), "environmentVariables") },
    ],
});

/** Workload extractors by type token. */
export const workloadExtractors: ReadonlyArray<[string, Extractor]> = [
    ["aws:ecs/taskDefinition:TaskDefinition", ecsTaskDefinition],
    ["aws:batch/jobDefinition:JobDefinition", batchJobDefinition],
    ["aws:lambda/function:Function", lambdaFunction],
    ["aws-native:lambda:Function", lambdaFunction],
    ["aws-native:ecs:TaskDefinition", nativeEcsTaskDefinition],
    ["aws:apprunner/service:Service", appRunnerService],
    ["aws:ec2/instance:Instance", userDataOf(["userData", "userDataBase64"])],
    ["aws:ec2/launchTemplate:LaunchTemplate", userDataOf(["userData"])],
    ["aws:ec2/spotInstanceRequest:SpotInstanceRequest", userDataOf(["userData", "userDataBase64"])],
    ["aws:bedrock/agentcoreAgentRuntime:AgentcoreAgentRuntime", agentCoreRuntime],
    ["gcp:cloudrunv2/service:Service", cloudRunV2Service],
    ["gcp:cloudrunv2/job:Job", cloudRunV2Job],
    ["gcp:cloudrun/service:Service", cloudRunV1Service],
    ["kubernetes:core/v1:Pod", kubernetesWorkload(["spec"])],
    ["kubernetes:apps/v1:Deployment", kubernetesWorkload(["spec", "template", "spec"])],
    ["kubernetes:apps/v1:StatefulSet", kubernetesWorkload(["spec", "template", "spec"])],
    ["kubernetes:apps/v1:DaemonSet", kubernetesWorkload(["spec", "template", "spec"])],
    ["kubernetes:apps/v1:ReplicaSet", kubernetesWorkload(["spec", "template", "spec"])],
    ["kubernetes:batch/v1:Job", kubernetesWorkload(["spec", "template", "spec"])],
    ["kubernetes:batch/v1:CronJob", kubernetesWorkload(["spec", "jobTemplate", "spec", "template", "spec"])],
    ["azure-native:app:ContainerApp", containerApp],
    ["azure-native:app:Job", containerApp],
    ["azure-native:web:WebApp", webApp],
];
