/**
 * Resources that serve or call models by nature (Bedrock, SageMaker, Vertex AI, OCI Generative AI):
 * which field holds the model, whether inference runs on the resource or it calls a model its cloud
 * serves, and Bedrock resources nobody listed, found by the fields that name a model.
 */
import { modelServiceOf } from "../policypack/evidence/model-services";
import { secret, UNKNOWN } from "./support/views";

const fieldsOf = (type: string, props: Record<string, unknown>) =>
    modelServiceOf(type, props)?.modelFields.map(
        (f) => `${f.path} = ${f.unknown ? "(unknown)" : f.value}${f.secret ? " [secret]" : ""} (${f.property})`,
    );

describe("listed model services", () => {
    it("a SageMaker model serves the model of every container", () => {
        const service = modelServiceOf("aws:sagemaker/model:Model", {
            primaryContainer: { modelDataUrl: "s3://weights/gpt-4o/model.tar.gz" },
            containers: [{ modelDataUrl: "s3://weights/a.tar.gz" }, { image: "x" }, { modelDataUrl: secret("s3://weights/b.tar.gz") }],
        });
        expect(service).toMatchObject({ what: "SageMaker model", role: "serves" });
        expect(service?.servedBy).toBeUndefined();
        expect(
            fieldsOf("aws:sagemaker/model:Model", {
                primaryContainer: { modelDataSource: { s3DataSource: { s3Uri: "s3://w/gpt-4o/" } } },
                containers: [{ modelDataUrl: "s3://weights/a.tar.gz" }, { image: "x" }, { modelDataUrl: secret("s3://weights/b.tar.gz") }],
            }),
        ).toEqual([
            "primaryContainer.modelDataSource.s3DataSource.s3Uri = s3://w/gpt-4o/ (primaryContainer)",
            "containers[0].modelDataUrl = s3://weights/a.tar.gz (containers)",
            "containers[2].modelDataUrl = s3://weights/b.tar.gz [secret] (containers)",
        ]);
    });

    it("reads a container list that is secret as secret, and one unknown during preview as nothing", () => {
        expect(fieldsOf("aws-native:sagemaker:Model", { containers: secret([{ modelDataUrl: "s3://w/x" }]) })).toEqual([
            "containers[0].modelDataUrl = s3://w/x [secret] (containers)",
        ]);
        expect(fieldsOf("aws:sagemaker/model:Model", { containers: UNKNOWN })).toEqual([]);
        expect(fieldsOf("aws:sagemaker/model:Model", { containers: "not a list" })).toEqual([]);
    });

    it("reads at most 100 containers", () => {
        const containers = Array.from({ length: 150 }, (_, i) => ({ modelDataUrl: `s3://w/${i}` }));
        expect(fieldsOf("aws:sagemaker/model:Model", { containers })).toHaveLength(100);
    });

    it("a Bedrock agent calls its foundation model on Bedrock", () => {
        expect(modelServiceOf("aws:bedrock/agentAgent:AgentAgent", { foundationModel: "openai.gpt-oss-120b-1:0" })).toEqual({
            what: "Bedrock agent",
            role: "calls",
            servedBy: "Amazon Bedrock",
            servedByCloud: "aws",
            modelFields: [
                { path: "foundationModel", value: "openai.gpt-oss-120b-1:0", unknown: false, secret: false, property: "foundationModel" },
            ],
        });
        expect(fieldsOf("aws-native:bedrock:Agent", { foundationModel: UNKNOWN })).toEqual([
            "foundationModel = (unknown) (foundationModel)",
        ]);
    });

    it.each([
        [
            "aws:bedrock/provisionedModelThroughput:ProvisionedModelThroughput",
            { modelArn: "arn:aws:bedrock:us-east-1::foundation-model/x" },
            "modelArn",
        ],
        ["aws:bedrock/inferenceProfile:InferenceProfile", { modelSource: { copyFrom: "arn:x" } }, "modelSource.copyFrom"],
        ["oci:GenerativeAi/endpoint:Endpoint", { modelId: "ocid1.model.x" }, "modelId"],
        ["oci:GenerativeAi/importedModel:ImportedModel", { dataSource: { modelId: "gpt-4o" } }, "dataSource.modelId"],
        [
            "gcp:vertex/aiEndpointWithModelGardenDeployment:AiEndpointWithModelGardenDeployment",
            { huggingFaceModelId: "openai/gpt-oss-20b" },
            "huggingFaceModelId",
        ],
        ["aws-native:sagemaker:InferenceComponent", { specification: { modelName: "chat" } }, "specification.modelName"],
    ])("%s serves the model at %s", (type, props, path) => {
        const service = modelServiceOf(type, props);
        expect(service?.role).toBe("serves");
        expect(service?.modelFields.map((f) => f.path)).toEqual([path]);
    });

    it("an endpoint with no model field is still a model service", () => {
        expect(modelServiceOf("aws:sagemaker/endpoint:Endpoint", { name: "x" })).toMatchObject({
            what: "SageMaker endpoint",
            role: "serves",
            modelFields: [],
        });
        expect(modelServiceOf("gcp:vertex/aiEndpoint:AiEndpoint", {})).toMatchObject({ what: "Vertex AI endpoint", modelFields: [] });
    });
});

describe("Bedrock resources nobody listed", () => {
    it("call the models their fields name, at any depth, on Bedrock", () => {
        const flow = modelServiceOf("aws:bedrock/flow:Flow", {
            definition: {
                nodes: [
                    { name: "in", type: "Input" },
                    { name: "ask", configuration: { prompt: { sourceConfiguration: { inline: { modelId: "openai.gpt-oss-20b-1:0" } } } } },
                    { name: "embed", configuration: secret({ embeddingModelArn: "arn:aws:bedrock:::foundation-model/amazon.titan" }) },
                ],
            },
            tags: { modelId: 3 },
        });
        expect(flow).toMatchObject({ what: "Bedrock Flow", role: "calls", servedBy: "Amazon Bedrock", servedByCloud: "aws" });
        expect(flow?.modelFields.map((f) => `${f.path} (${f.property})${f.secret ? " [secret]" : ""}`).sort()).toEqual([
            "definition.nodes[1].configuration.prompt.sourceConfiguration.inline.modelId (definition)",
            "definition.nodes[2].configuration.embeddingModelArn (definition) [secret]",
        ]);
    });

    it("name an unknown model as unknown", () => {
        expect(fieldsOf("aws-native:bedrock:Prompt", { variants: [{ modelId: UNKNOWN }] })).toEqual([
            "variants[0].modelId = (unknown) (variants)",
        ]);
    });

    it("are not model services without a model field, nor when they train models or are AgentCore runtimes", () => {
        expect(modelServiceOf("aws:bedrock/guardrail:Guardrail", { name: "g" })).toBeUndefined();
        expect(modelServiceOf("aws:bedrock/customModel:CustomModel", { baseModelIdentifier: "openai.gpt-oss-20b-1:0" })).toBeUndefined();
        expect(modelServiceOf("aws-native:bedrock:ModelCustomizationJob", { baseModelIdentifier: "x" })).toBeUndefined();
        expect(modelServiceOf("aws:bedrock/agentcoreAgentRuntime:AgentcoreAgentRuntime", { modelId: "x" })).toBeUndefined();
        expect(modelServiceOf("aws:s3/bucket:Bucket", { modelId: "gpt-4o" })).toBeUndefined();
        expect(modelServiceOf("gcp:bedrockish/thing:Thing", { modelId: "gpt-4o" })).toBeUndefined();
    });
});
