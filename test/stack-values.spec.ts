/**
 * Values held in stores of the stack, read where a setting points: SSM parameters and Secrets
 * Manager secrets (by name, by ARN with its region and JSON key, or by dependency), S3 objects, GCP
 * Secret Manager and Azure Key Vault secrets. Each value says where it came from and whether it is
 * secret, as the message shows it.
 */
import { ResourceView } from "../policypack/resource";
import { awsStoreValues, namedSecretValues, s3ObjectContents } from "../policypack/stack";
import { node, secret, stackOf, UNKNOWN, view } from "./support/views";

const reader = view("aws:ecs/taskDefinition:TaskDefinition", "reader", {});
const shown = (values: Array<{ value: string; where: string; secret: boolean }>) =>
    values.map((v) => `${v.where} = ${v.value}${v.secret ? " (secret)" : ""}`);

/** A stack of `resources` plus the reader, whose `property` depends on `sources`. */
function stackWith(resources: ResourceView[], sources: ResourceView[] = [], property = "containerDefinitions") {
    return stackOf([...resources.map((r) => node(r)), node(reader, { [property]: sources })]);
}

describe("SSM parameters and Secrets Manager secrets", () => {
    const parameter = (name: string, props: Record<string, unknown>) =>
        view("aws:ssm/parameter:Parameter", name.replace(/\//g, "_"), { name, ...props });
    const secretOf = (name: string) => view("aws:secretsmanager/secret:Secret", name, { name });
    const version = (secretName: string, secretString: unknown) =>
        view("aws:secretsmanager/secretVersion:SecretVersion", `${secretName}-v`, { secretString });

    it("reads a parameter by name (a leading slash on a name without one too), and says when it is a SecureString", () => {
        const stack = stackWith([
            parameter("/chat/model", { type: "String", insecureValue: "gpt-4o" }),
            parameter("/chat/key", { type: "SecureString", value: "sk" }),
        ]);
        expect(shown(awsStoreValues("/chat/model", reader, "p", stack))).toEqual(['SSM parameter "/chat/model" = gpt-4o']);
        const flat = stackWith([parameter("model", { insecureValue: "o3" })]);
        expect(shown(awsStoreValues("/model", reader, "p", flat))).toEqual(['SSM parameter "model" = o3']);
        expect(shown(awsStoreValues("/chat/key", reader, "p", stack))).toEqual(['SSM parameter "/chat/key" = sk (secret)']);
        expect(shown(awsStoreValues("arn:aws:ssm:us-east-1:123456789012:parameter/chat/model", reader, "p", stack))).toEqual([
            'SSM parameter "/chat/model" = gpt-4o',
        ]);
        expect(awsStoreValues("/missing", reader, "p", stack)).toEqual([]);
        expect(awsStoreValues(undefined, reader, "p", stack)).toEqual([]);
    });

    it("reads a secret's versions, each JSON key or the one the ARN names, all as secret", () => {
        const s = secretOf("chat");
        const v = version("chat", JSON.stringify({ MODEL: "gpt-4o", PORT: 8000, URL: "https://x" }));
        const stack = stackOf([node(s), node(v, { secretId: [s] }), node(reader)]);
        expect(shown(awsStoreValues("chat", reader, "p", stack))).toEqual([
            'Secrets Manager secret "chat" key MODEL = gpt-4o (secret)',
            'Secrets Manager secret "chat" key URL = https://x (secret)',
        ]);
        expect(
            shown(awsStoreValues("arn:aws:secretsmanager:us-east-1:123456789012:secret:chat-AbC123:MODEL::", reader, "p", stack)),
        ).toEqual(['Secrets Manager secret "chat" key MODEL = gpt-4o (secret)']);
        const plain = secretOf("plain");
        const plainVersion = version("plain", "gpt-4.1");
        const second = stackOf([node(plain), node(plainVersion, { secretId: [plain] }), node(reader)]);
        expect(shown(awsStoreValues("plain", reader, "p", second))).toEqual(['Secrets Manager secret "plain" = gpt-4.1 (secret)']);
        const list = secretOf("list");
        const listVersion = version("list", JSON.stringify(["gpt-4o"]));
        expect(
            shown(awsStoreValues("list", reader, "p", stackOf([node(list), node(listVersion, { secretId: [list] }), node(reader)]))),
        ).toEqual(['Secrets Manager secret "list" = ["gpt-4o"] (secret)']);
        const unknown = version("chat", UNKNOWN);
        expect(awsStoreValues("chat", reader, "p", stackOf([node(s), node(unknown, { secretId: [s] }), node(reader)]))).toEqual([]);
    });

    it("reads the parameter of the region an ARN names", () => {
        const provider = (region: string) => ({
            urn: `urn:pulumi:dev::demo::pulumi:providers:aws::${region}`,
            type: "pulumi:providers:aws",
            name: region,
            props: { region },
        });
        const east = view("aws:ssm/parameter:Parameter", "east", { name: "/m", insecureValue: "gpt-4o" }, provider("us-east-1"));
        const west = view("aws:ssm/parameter:Parameter", "west", { name: "/m", insecureValue: "llama" }, provider("us-west-2"));
        const stack = stackWith([east, west]);
        expect(shown(awsStoreValues("arn:aws:ssm:us-west-2:1:parameter/m", reader, "p", stack))).toEqual(['SSM parameter "/m" = llama']);
    });

    it("reads the stores a property depends on when the reference is unknown", () => {
        const p = parameter("/x", { insecureValue: "o3" });
        expect(shown(awsStoreValues(undefined, reader, "containerDefinitions", stackWith([p], [p])))).toEqual(['SSM parameter "/x" = o3']);
        const bucket = view("aws:s3/bucket:Bucket", "b", {});
        expect(awsStoreValues(undefined, reader, "containerDefinitions", stackWith([bucket], [bucket]))).toEqual([]);
    });

    it("reads an aws-native secret's own secretString, by name and by dependency", () => {
        const native = view("aws-native:secretsmanager:Secret", "s", { name: "chat", secretString: '{"MODEL":"gpt-4o"}' });
        expect(shown(awsStoreValues("chat", reader, "p", stackWith([native])))).toEqual([
            'Secrets Manager secret "chat" key MODEL = gpt-4o (secret)',
        ]);
        expect(shown(awsStoreValues(undefined, reader, "containerDefinitions", stackWith([native], [native])))).toEqual([
            'Secrets Manager secret "chat" key MODEL = gpt-4o (secret)',
        ]);
    });
});

describe("S3 objects", () => {
    const object = (key: string, content: unknown) =>
        view("aws:s3/bucketObjectv2:BucketObjectv2", key.replace(/\//g, "_"), { bucket: "b", key, content });

    it("reads the content of the object an ARN names, or those the property depends on", () => {
        const env = object("env/chat.env", "MODEL=gpt-4o\n");
        const sealed = object("env/sealed.env", secret("MODEL=o3\n"));
        const stack = stackWith([env, sealed], [sealed]);
        expect(shown(s3ObjectContents("arn:aws:s3:::b/env/chat.env", reader, "p", stack))).toEqual([
            'S3 object "env/chat.env" = MODEL=gpt-4o\n',
        ]);
        expect(shown(s3ObjectContents(undefined, reader, "containerDefinitions", stack))).toEqual([
            'S3 object "env/sealed.env" = MODEL=o3\n (secret)',
        ]);
        expect(s3ObjectContents("arn:aws:s3:::b/env/none.env", reader, "p", stackWith([env]))).toEqual([]);
        expect(s3ObjectContents("s3://b/env/chat.env", reader, "p", stackWith([env]))).toEqual([]);
        expect(s3ObjectContents("arn:aws:s3:::b/x", reader, "p", stackWith([object("x", UNKNOWN)]))).toEqual([]);
    });
});

describe("secrets named in a secret manager", () => {
    it("reads GCP Secret Manager versions by secret id", () => {
        const s = view("gcp:secretmanager/secret:Secret", "model", { secretId: "chat-model" });
        const v = view("gcp:secretmanager/secretVersion:SecretVersion", "model-v1", { secretData: "gpt-4o" });
        const stack = stackOf([node(s), node(v, { secret: [s] }), node(reader)]);
        expect(shown(namedSecretValues("chat-model", reader, "p", stack))).toEqual([
            'Secret Manager secret "chat-model" = gpt-4o (secret)',
        ]);
        expect(namedSecretValues("other", reader, "p", stack)).toEqual([]);
    });

    it("reads Azure Key Vault secrets of both providers by name", () => {
        const native = view("azure-native:keyvault:Secret", "n", { secretName: "model", properties: { value: "gpt-4o" } });
        const classic = view("azure:keyvault/secret:Secret", "c", { name: "fallback", value: "o3-mini" });
        const stack = stackWith([native, classic]);
        expect(shown(namedSecretValues("model", reader, "p", stack))).toEqual(['Key Vault secret "model" = gpt-4o (secret)']);
        expect(shown(namedSecretValues("fallback", reader, "p", stack))).toEqual(['Key Vault secret "c" = o3-mini (secret)']);
        const unknownValue = view("azure-native:keyvault:Secret", "u", { secretName: "u", properties: { value: UNKNOWN } });
        expect(namedSecretValues("u", reader, "p", stackWith([unknownValue]))).toEqual([]);
    });

    it("reads the secrets a property depends on when the name is unknown, and Kubernetes and AWS secrets by name", () => {
        const native = view("azure-native:keyvault:Secret", "n", { secretName: "model", properties: { value: "gpt-4o" } });
        expect(shown(namedSecretValues(undefined, reader, "containerDefinitions", stackWith([native], [native])))).toEqual([
            'Key Vault secret "model" = gpt-4o (secret)',
        ]);
        const parameter = view("aws:ssm/parameter:Parameter", "p", { name: "model", insecureValue: "gpt-4o" });
        expect(shown(namedSecretValues("model", reader, "p", stackWith([parameter])))).toEqual(['SSM parameter "model" = gpt-4o']);
    });
});
