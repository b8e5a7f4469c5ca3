/**
 * Refinement for resources that serve or call models by nature: which field
 * holds the model (Bedrock, SageMaker, Vertex AI, OCI Generative AI), and
 * whether inference runs on the resource ("serves") or the resource calls a
 * model its cloud serves ("calls"). These rows sharpen what the shape of the
 * inputs already shows; they never decide whether a resource is read.
 */
import type { Cloud } from "../clouds";
import { asRecord, fieldAt, isUnknown, stringOf, unwrap } from "../values";
import { ModelField, ModelService } from "./types";
import { rememberedBy } from "../memo";

/** Where a kind of model-serving resource keeps its model. */
interface ServiceRow {
    what: string;
    role: "serves" | "calls";
    servedBy?: string;
    servedByCloud?: Cloud;
    /** Paths of the model fields; `[]` steps into every element of a list. */
    paths: string[][];
}

const serves = (what: string, paths: string[][] = []): ServiceRow => ({ what, role: "serves", paths });
const callsBedrock = (what: string, paths: string[][]): ServiceRow => ({
    what,
    role: "calls",
    servedBy: "Amazon Bedrock",
    servedByCloud: "aws",
    paths,
});

const sageMakerModel = serves("SageMaker model", [
    ["primaryContainer", "modelDataUrl"],
    ["primaryContainer", "modelPackageName"],
    ["primaryContainer", "modelDataSource", "s3DataSource", "s3Uri"],
    ["containers", "[]", "modelDataUrl"],
]);

/** Model-serving and model-calling resources by type token; aws-native rows follow the CloudFormation schemas, camel-cased. */
export const modelServices: ReadonlyMap<string, ServiceRow> = new Map([
    ["aws:bedrock/provisionedModelThroughput:ProvisionedModelThroughput", serves("Bedrock provisioned throughput", [["modelArn"]])],
    ["aws:bedrock/inferenceProfile:InferenceProfile", serves("Bedrock inference profile", [["modelSource", "copyFrom"]])],
    ["aws-native:bedrock:ApplicationInferenceProfile", serves("Bedrock application inference profile", [["modelSource", "copyFrom"]])],
    ["aws:bedrock/agentAgent:AgentAgent", callsBedrock("Bedrock agent", [["foundationModel"]])],
    ["aws-native:bedrock:Agent", callsBedrock("Bedrock agent", [["foundationModel"]])],
    [
        "aws:bedrock/agentKnowledgeBase:AgentKnowledgeBase",
        callsBedrock("Bedrock knowledge base", [["knowledgeBaseConfiguration", "vectorKnowledgeBaseConfiguration", "embeddingModelArn"]]),
    ],
    [
        "aws-native:bedrock:KnowledgeBase",
        callsBedrock("Bedrock knowledge base", [["knowledgeBaseConfiguration", "vectorKnowledgeBaseConfiguration", "embeddingModelArn"]]),
    ],
    ["aws:sagemaker/model:Model", sageMakerModel],
    ["aws-native:sagemaker:Model", sageMakerModel],
    [
        "aws-native:sagemaker:InferenceComponent",
        serves("SageMaker inference component", [
            ["specification", "container", "artifactUrl"],
            ["specification", "modelName"],
        ]),
    ],
    ["aws:sagemaker/endpointConfiguration:EndpointConfiguration", serves("SageMaker endpoint configuration")],
    ["aws-native:sagemaker:EndpointConfig", serves("SageMaker endpoint configuration")],
    ["aws:sagemaker/endpoint:Endpoint", serves("SageMaker endpoint")],
    ["aws-native:sagemaker:Endpoint", serves("SageMaker endpoint")],
    [
        "gcp:vertex/aiEndpointWithModelGardenDeployment:AiEndpointWithModelGardenDeployment",
        serves("Vertex AI Model Garden deployment", [["publisherModelName"], ["huggingFaceModelId"]]),
    ],
    ["gcp:vertex/aiDeploymentResourcePool:AiDeploymentResourcePool", serves("Vertex AI deployment pool")],
    ["gcp:vertex/aiEndpoint:AiEndpoint", serves("Vertex AI endpoint")],
    ["oci:GenerativeAi/endpoint:Endpoint", serves("OCI Generative AI endpoint", [["modelId"]])],
    ["oci:GenerativeAi/dedicatedAiCluster:DedicatedAiCluster", serves("OCI Generative AI dedicated cluster")],
    [
        "oci:GenerativeAi/importedModel:ImportedModel",
        serves("OCI Generative AI imported model", [
            ["dataSource", "modelId"],
            ["dataSource", "accessUri"],
        ]),
    ],
]);

/** Bedrock resources that customise or evaluate models rather than serve or call them for an application. */
const bedrockTraining = /customModel|modelCustomization|customizationJob/i;

/** Field names that hold a Bedrock model id in Bedrock resources nobody listed (flows, prompts, guardrails …). */
const bedrockModelKeys = new Set(["modelId", "modelArn", "foundationModel", "modelIdentifier", "embeddingModelArn", "baseModelIdentifier"]);

/** The fields at a path, stepping into every element of a list at `[]`. */
function fieldsAt(props: Record<string, unknown>, path: readonly string[], property: string): ModelField[] {
    const split = path.indexOf("[]");
    if (split < 0) {
        const field = fieldAt(props, path);
        return field ? [{ path: field.path, value: stringOf(field), unknown: field.unknown, secret: field.secret, property }] : [];
    }
    const list = fieldAt(props, path.slice(0, split));
    if (!list || list.unknown || !Array.isArray(list.value)) {
        return [];
    }
    return list.value.slice(0, 100).flatMap((element, i) => {
        const { value, secret } = unwrap(element);
        const inner = fieldAt(value, path.slice(split + 1), `${list.path}[${i}]`);
        return inner
            ? [
                  {
                      path: inner.path,
                      value: stringOf(inner),
                      unknown: inner.unknown,
                      secret: inner.secret || secret || list.secret,
                      property,
                  },
              ]
            : [];
    });
}

/** Bedrock model fields anywhere in a Bedrock resource's inputs (bounded walk). */
function bedrockModelFields(props: Record<string, unknown>): ModelField[] {
    const found: ModelField[] = [];
    const queue: Array<{ value: unknown; path: string; property: string; secret: boolean }> = [
        { value: props, path: "", property: "", secret: false },
    ];
    for (let next = 0; next < queue.length && next < 100_000 && found.length < 1000; next++) {
        const item = queue[next];
        const value = item.value; // queued unwrapped: `secret` says whether a secret held it
        const record = asRecord(value);
        const elements = Array.isArray(value) ? value : undefined;
        for (const [key, child] of record ? Object.entries(record) : (elements ?? []).map((v, i) => [String(i), v] as const)) {
            const path = elements ? `${item.path}[${key}]` : item.path === "" ? key : `${item.path}.${key}`;
            const property = item.path === "" ? key : item.property;
            const inner = unwrap(child);
            if (record && bedrockModelKeys.has(key) && (typeof inner.value === "string" || isUnknown(inner.value))) {
                const unknown = isUnknown(inner.value);
                found.push({
                    path,
                    value: unknown ? undefined : (inner.value as string),
                    unknown,
                    secret: item.secret || inner.secret,
                    property,
                });
            } else if (typeof inner.value === "object" && inner.value !== null) {
                queue.push({ value: inner.value, path, property, secret: item.secret || inner.secret });
            }
        }
    }
    return found;
}

/** A Bedrock type of either AWS provider that no row lists, neither an agent runtime nor training; remembered per type. */
const isOtherBedrockType = rememberedBy((type: string): boolean => {
    const [pkg, module] = type.split(":");
    return (
        (pkg === "aws" || pkg === "aws-native") && /^bedrock/i.test(module ?? "") && !/agentcore/i.test(type) && !bedrockTraining.test(type)
    );
});

/** The model service a resource is, by its type: a listed row, or any other Bedrock resource that names a model. */
export function modelServiceOf(type: string, props: Record<string, unknown>): ModelService | undefined {
    const row = modelServices.get(type);
    if (row) {
        return {
            what: row.what,
            role: row.role,
            servedBy: row.servedBy,
            servedByCloud: row.servedByCloud,
            modelFields: row.paths.flatMap((path) => fieldsAt(props, path, path[0])),
        };
    }
    if (isOtherBedrockType(type)) {
        const modelFields = bedrockModelFields(props);
        return modelFields.length > 0
            ? { what: `Bedrock ${type.split(":").pop()}`, role: "calls", servedBy: "Amazon Bedrock", servedByCloud: "aws", modelFields }
            : undefined;
    }
    return undefined;
}
