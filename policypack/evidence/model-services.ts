/**
 * Extractors for resources that serve models by nature: Amazon Bedrock,
 * SageMaker and Vertex AI. The model they serve is a field of the resource
 * (an id, an ARN, a container setting); assess.ts decides what it names.
 */
import type { Cloud } from "../clouds";
import { childOf, elementsOf, fieldAt, fieldOf, stringOf } from "../values";
import { containerScope } from "./settings";
import { emptyExtraction, Extraction, Extractor, ModelField } from "./types";

function modelFieldsAt(props: Record<string, unknown>, paths: string[][]): ModelField[] {
    const fields: ModelField[] = [];
    for (const path of paths) {
        const field = fieldAt(props, path);
        if (field) {
            fields.push({ path: field.path, value: stringOf(field), unknown: field.unknown, secret: field.secret, property: path[0] });
        }
    }
    return fields;
}

/** A resource that serves the model named at one of `paths`. */
function serves(what: string, paths: string[][]): Extractor {
    return (props) => ({ ...emptyExtraction(), service: { what, role: "serves", modelFields: modelFieldsAt(props, paths) } });
}

/** A resource that calls a model its own cloud serves (a Bedrock agent's foundation model). */
function callsServedModel(what: string, servedBy: string, servedByCloud: Cloud, paths: string[][]): Extractor {
    return (props) => ({
        ...emptyExtraction(),
        service: { what, role: "calls", servedBy, servedByCloud, modelFields: modelFieldsAt(props, paths) },
    });
}

/** SageMaker models: the container settings and model data say what is served. */
const sageMakerModel: Extractor = (props) => {
    const extraction: Extraction = {
        ...emptyExtraction(),
        service: {
            what: "SageMaker model",
            role: "serves",
            modelFields: modelFieldsAt(props, [
                ["primaryContainer", "modelDataUrl"],
                ["primaryContainer", "modelPackageName"],
                ["primaryContainer", "modelDataSource", "s3DataSource", "s3Uri"],
            ]),
        },
    };
    const primary = fieldOf(props, "primaryContainer", "");
    if (primary && !primary.unknown) {
        extraction.scopes.push(containerScope(primary, "primaryContainer", { env: ["environment"], argv: [] }));
    }
    for (const container of elementsOf(fieldOf(props, "containers", ""))) {
        extraction.scopes.push(containerScope(container, "containers", { env: ["environment"], argv: [] }));
        const data = childOf(container, "modelDataUrl");
        if (data) {
            extraction.service?.modelFields.push({
                path: data.path,
                value: stringOf(data),
                unknown: data.unknown,
                secret: data.secret,
                property: "containers",
            });
        }
    }
    return extraction;
};

/** SageMaker inference components (aws-native): one container with its settings and artifact. */
const sageMakerInferenceComponent: Extractor = (props) => {
    const container = fieldAt(props, ["specification", "container"]);
    const extraction: Extraction = {
        ...emptyExtraction(),
        service: {
            what: "SageMaker inference component",
            role: "serves",
            modelFields: modelFieldsAt(props, [
                ["specification", "container", "artifactUrl"],
                ["specification", "modelName"],
            ]),
        },
    };
    if (container && !container.unknown) {
        extraction.scopes.push(containerScope(container, "specification", { env: ["environment"], argv: [] }));
    }
    return extraction;
};

/** Model-serving extractors by type token. */
export const modelServiceExtractors: ReadonlyArray<[string, Extractor]> = [
    ["aws:bedrock/provisionedModelThroughput:ProvisionedModelThroughput", serves("Bedrock provisioned throughput", [["modelArn"]])],
    ["aws:bedrock/inferenceProfile:InferenceProfile", serves("Bedrock inference profile", [["modelSource", "copyFrom"]])],
    ["aws:bedrock/agentAgent:AgentAgent", callsServedModel("Bedrock agent", "Amazon Bedrock", "aws", [["foundationModel"]])],
    ["aws:sagemaker/model:Model", sageMakerModel],
    // aws-native follows the CloudFormation schemas, camel-cased.
    ["aws-native:bedrock:ApplicationInferenceProfile", serves("Bedrock application inference profile", [["modelSource", "copyFrom"]])],
    ["aws-native:sagemaker:InferenceComponent", sageMakerInferenceComponent],
    ["aws:sagemaker/endpointConfiguration:EndpointConfiguration", serves("SageMaker endpoint configuration", [])],
    [
        "gcp:vertex/aiEndpointWithModelGardenDeployment:AiEndpointWithModelGardenDeployment",
        serves("Vertex AI Model Garden deployment", [["publisherModelName"], ["huggingFaceModelId"]]),
    ],
    ["gcp:vertex/aiDeploymentResourcePool:AiDeploymentResourcePool", serves("Vertex AI deployment pool", [])],
];
