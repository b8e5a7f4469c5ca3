// `check <manifests>` as a user runs it: the built CLI in a child process, on `helm template`,
// `kustomize build` and `kubectl get` output, placed by --cluster-cloud, --kubeconfig and
// --kube-context, or by nothing (the ambient cluster, whose cloud is unknown).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Verdict } from "../harness/analyzer-client";
import { compareVerdicts, describeDiff, ExpectedVerdict, matches } from "../harness/expected";
import { requireBuiltCli, Run, runCli as run, SharedRuns } from "./support/checker-cli";
import { sarifErrors } from "./support/sarif";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "checker-manifests-"));
const minutes = 60_000;
const manifest = (name: string) => path.join("test", "fixtures", "manifests", name);
const kubeconfig = (name: string) => path.join("test", "fixtures", "kubeconfigs", name);

interface JsonReport {
    input: { kind: string; path: string };
    resourceCount: number;
    verdicts: Array<Verdict & { details?: Record<string, unknown>; location?: Record<string, unknown> }>;
}

const report = (r: Run) => JSON.parse(r.stdout) as JsonReport;

const vllm = (cloud: string): ExpectedVerdict => ({
    resource: "inference/chat-vllm",
    type: "kubernetes:apps/v1:Deployment",
    policy: "stateless-openai-api-on-azure",
    level: "mandatory",
    restsOn: { cloud, model: "gpt-4.1", evidence: ["spec.template.spec.containers[0].args[3]"] },
});

/** Each run, the exit code it must give and every verdict it must give (nothing else). */
const cases: Array<{ name: string; args: string[]; exit: number; verdicts: ExpectedVerdict[] }> = [
    { name: "helm template, no cluster given", args: [manifest("helm-template-vllm.yaml")], exit: 1, verdicts: [vllm("unknown")] },
    {
        name: "helm template on an EKS cluster (--cluster-cloud aws)",
        args: [manifest("helm-template-vllm.yaml"), "--cluster-cloud", "aws"],
        exit: 1,
        verdicts: [vllm("aws")],
    },
    {
        name: "helm template on an AKS cluster (--cluster-cloud azure)",
        args: [manifest("helm-template-vllm.yaml"), "--cluster-cloud", "azure"],
        exit: 0,
        verdicts: [],
    },
    {
        name: "helm template, --kubeconfig of an EKS cluster",
        args: [manifest("helm-template-vllm.yaml"), "--kubeconfig", kubeconfig("eks.yaml")],
        exit: 1,
        verdicts: [vllm("aws")],
    },
    {
        name: "helm template, --kubeconfig with two clusters and --kube-context of the AKS one",
        args: [manifest("helm-template-vllm.yaml"), "--kubeconfig", kubeconfig("aks-and-eks.yaml"), "--kube-context", "aks-inference-prod"],
        exit: 0,
        verdicts: [],
    },
    {
        name: "kustomize build of a client of Bedrock's OpenAI endpoint, on AKS",
        args: [manifest("kustomize-build-bedrock-client.yaml"), "--cluster-cloud", "azure"],
        exit: 1,
        verdicts: [
            {
                resource: "crm/draft-reply",
                type: "kubernetes:apps/v1:Deployment",
                policy: "openai-calls-hosted-on-azure",
                level: "mandatory",
                restsOn: { model: "gpt-5", endpoint: "bedrock-runtime.us-west-2.amazonaws.com" },
            },
        ],
    },
    {
        name: "kustomize build of a client of Azure OpenAI, on EKS",
        args: [manifest("kustomize-build-azure-client.yaml"), "--cluster-cloud", "aws"],
        exit: 0,
        verdicts: [],
    },
    {
        name: "kubectl get -o yaml (a List) of Frontier, on GKE",
        args: [manifest("kubectl-get-frontier-list.yaml"), "--cluster-cloud", "gcp"],
        exit: 1,
        verdicts: [
            {
                resource: "frontier/frontier-api",
                type: "kubernetes:apps/v1:Deployment",
                policy: "first-party-products-on-azure",
                level: "mandatory",
                restsOn: { cloud: "gcp", product: "frontier", evidence: ["metadata.labels.openai.com/product"] },
            },
        ],
    },
    {
        name: "kubectl get -o yaml (a List) of Frontier, on AKS",
        args: [manifest("kubectl-get-frontier-list.yaml"), "--cluster-cloud", "azure"],
        exit: 0,
        verdicts: [],
    },
    {
        name: "a DeploymentList from the API as JSON, serving gpt-oss on EKS",
        args: [manifest("deployments-raw-api.json"), "--cluster-cloud", "aws"],
        exit: 0,
        verdicts: [],
    },
    {
        name: "a folder of manifests serving gpt-oss on EKS",
        args: [manifest("gpt-oss-folder"), "--cluster-cloud", "aws"],
        exit: 0,
        verdicts: [],
    },
];

const sarifFile = path.join(scratch, "helm.sarif");
const runs = new SharedRuns();
const result = (key: string): Run => runs.get(key);

beforeAll(async () => {
    requireBuiltCli();
    await runs.start({
        ...Object.fromEntries(cases.map((c) => [c.name, () => run(["check", ...c.args, "--format", "json"])])),
        sarif: () =>
            run(["check", manifest("helm-template-vllm.yaml"), "--cluster-cloud", "aws", "--format", "sarif", "--output", sarifFile]),
    });
}, 5 * minutes);

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("check <manifests>: a block and an allow case per rule", () => {
    for (const c of cases) {
        it(`${c.name}: exit ${c.exit}`, () => {
            const r = result(c.name);
            expect(r.code).toBe(c.exit);
            const json = report(r);
            expect(json.input.kind).toBe("manifests");
            const diff = compareVerdicts(
                json.verdicts.map((v) => ({ ...v, data: v.details })),
                c.verdicts,
            );
            expect(matches(diff) ? "" : describeDiff(diff)).toBe("");
        });
    }

    it("says where the cluster came from: --cluster-cloud's cluster, the kubeconfig's server, or nothing (ambient)", () => {
        const where = (name: string) => report(result(name)).verdicts[0]?.details?.["where"];
        expect(where("helm template on an EKS cluster (--cluster-cloud aws)")).toBe(
            'AWS (cluster of provider "cluster-cloud": kubeconfig comes from aws:eks/cluster:Cluster "--cluster-cloud aws" in this stack)',
        );
        expect(where("helm template, --kubeconfig of an EKS cluster")).toBe(
            'AWS (cluster of provider "kubeconfig": kubeconfig server https://5E1D0CEXAMPLEA591B746AFC5AB30262.gr7.us-west-2.eks.amazonaws.com)',
        );
        expect(where("helm template, no cluster given")).toContain('provider "ambient" (it has no kubeconfig and uses the ambient one)');
        expect(result("helm template, no cluster given").stderr).toMatch(/^warning: no --kubeconfig, --kube-context or --cluster-cloud/);
    });

    it("never prints the kubeconfig's credentials or a Secret's data", () => {
        const token = "KUBECONFIG0TOKEN0must0never0be0printed";
        expect(fs.readFileSync(kubeconfig("aks-and-eks.yaml"), "utf8")).toContain(token);
        const key = "sk-proj-MANIFEST0SECRET0must0never0be0printed";
        for (const r of runs.all()) {
            for (const text of [r.stdout, r.stderr]) {
                expect(text).not.toContain(token);
                expect(text).not.toContain(key);
                expect(text).not.toContain(Buffer.from(key).toString("base64"));
            }
        }
    });

    it("expands Lists, typed lists and folders, and skips documents that are not Kubernetes objects", () => {
        // Stack, provider, synthesized cluster, then the objects: a Deployment and a Service each.
        expect(report(result("kubectl get -o yaml (a List) of Frontier, on GKE")).resourceCount).toBe(5);
        expect(report(result("a DeploymentList from the API as JSON, serving gpt-oss on EKS")).resourceCount).toBe(4);
        const folder = result("a folder of manifests serving gpt-oss on EKS");
        expect(report(folder).resourceCount).toBe(5);
        expect(folder.stderr).toContain(
            "gpt-oss-folder/values.yaml document 1 has no apiVersion and kind: not a Kubernetes object, skipped",
        );
    });

    it("locates each finding at its file and document, with the template helm rendered it from", () => {
        const v = report(result("helm template on an EKS cluster (--cluster-cloud aws)")).verdicts[0];
        expect(v?.location).toEqual({
            file: manifest("helm-template-vllm.yaml"),
            document: 4,
            line: 55,
            source: "vllm/templates/deployment.yaml",
        });
        const item = report(result("kubectl get -o yaml (a List) of Frontier, on GKE")).verdicts[0];
        expect(item?.location).toMatchObject({ file: manifest("kubectl-get-frontier-list.yaml"), document: 1, line: 3 });

        expect(result("sarif").code).toBe(1);
        const log = JSON.parse(fs.readFileSync(sarifFile, "utf8")) as {
            runs: Array<{
                results: Array<{
                    locations: Array<{
                        physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
                        logicalLocations: Array<{ name: string }>;
                        message?: { text: string };
                    }>;
                }>;
            }>;
        };
        expect(sarifErrors(log)).toEqual([]);
        const location = log.runs[0]?.results[0]?.locations[0];
        expect(location?.physicalLocation).toEqual({
            artifactLocation: { uri: "test/fixtures/manifests/helm-template-vllm.yaml" },
            region: { startLine: 55 },
        });
        expect(location?.logicalLocations[0]?.name).toBe("inference/chat-vllm");
        expect(location?.message?.text).toBe(
            "test/fixtures/manifests/helm-template-vllm.yaml (document 4, from vllm/templates/deployment.yaml)",
        );
    });
});

describe("what the checker refuses about manifests and where they run, exit 2 with one line", () => {
    const folder = (name: string, files: Record<string, string>) => {
        const dir = path.join(scratch, name);
        fs.mkdirSync(dir, { recursive: true });
        for (const [file, text] of Object.entries(files)) {
            fs.writeFileSync(path.join(dir, file), text);
        }
        return dir;
    };
    const helm = manifest("helm-template-vllm.yaml");
    const cases: Array<[string, () => string[], RegExp, Record<string, string>?]> = [
        [
            "an unknown --cluster-cloud",
            () => [helm, "--cluster-cloud", "mars"],
            /--cluster-cloud must be one of aws, azure, gcp, .*; got "mars"/,
        ],
        [
            "--cluster-cloud with --kubeconfig",
            () => [helm, "--cluster-cloud", "aws", "--kubeconfig", kubeconfig("eks.yaml")],
            /--cluster-cloud and --kubeconfig\/--kube-context both say where the manifests run: give one of them/,
        ],
        ["a missing --kubeconfig", () => [helm, "--kubeconfig", "nope.yaml"], /--kubeconfig nope\.yaml: no such file/],
        [
            "a --kubeconfig that is not one",
            () => [helm, "--kubeconfig", manifest("gpt-oss-folder/service.yaml")],
            /--kubeconfig .*service\.yaml is not a kubeconfig: it has no "clusters" and "contexts" lists/,
        ],
        [
            "a --kube-context the kubeconfig lacks",
            () => [helm, "--kubeconfig", kubeconfig("eks.yaml"), "--kube-context", "prod"],
            /--kube-context prod: .*eks\.yaml has no such context; its contexts are arn:aws:eks:us-west-2:123456789012:cluster\/inference-prod-usw2/,
        ],
        [
            "a kubeconfig of two clusters without --kube-context",
            () => [helm, "--kubeconfig", kubeconfig("aks-and-eks.yaml")],
            /aks-and-eks\.yaml has 2 contexts and no current-context: choose one with --kube-context/,
        ],
        [
            "--kube-context with no kubeconfig to find it in",
            () => [helm, "--kube-context", "prod"],
            /--kube-context prod: no kubeconfig to find it in \(give --kubeconfig <file>, or set KUBECONFIG\)/,
            { KUBECONFIG: path.join(scratch, "none"), HOME: scratch },
        ],
        [
            "a kustomization folder",
            () => [folder("overlay", { "kustomization.yaml": "resources:\n  - ../base\n" })],
            /overlay is a kustomization, not rendered manifests: run `kustomize build .*overlay > all\.yaml`/,
        ],
        [
            "a Helm chart folder",
            () => [folder("chart", { "Chart.yaml": "apiVersion: v2\nname: vllm\nversion: 0.4.2\n" })],
            /chart is a Helm chart, not rendered manifests: run `helm template <release> .*chart > all\.yaml`/,
        ],
        [
            "a Pulumi project file",
            () => ["examples/eks-vllm-gpt-inference/Pulumi.yaml"],
            /is a Pulumi project or stack file: give the program's folder/,
        ],
        [
            "YAML that does not parse",
            () => [path.join(folder("broken", { "broken.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n" }), "broken.yaml")],
            /broken\.yaml(:\d+)?: document 1 is not valid YAML/,
        ],
        [
            "YAML without a Kubernetes object",
            () => [path.join(folder("values", { "values.yaml": "replicaCount: 2\n" }), "values.yaml")],
            /values\.yaml has no Kubernetes objects: expected manifests/,
        ],
    ];
    const refusals = new SharedRuns();
    beforeAll(
        () =>
            refusals.start(
                Object.fromEntries(cases.map(([what, args, , env]) => [what, () => run(["check", ...args()], env ? { env } : {})])),
            ),
        minutes,
    );

    for (const [what, , message] of cases) {
        it(what, () => {
            const r = refusals.get(what);
            expect(r.code).toBe(2);
            expect(r.stdout).toBe("");
            expect(
                r.stderr
                    .trim()
                    .split("\n")
                    .filter((line) => !line.startsWith("warning:")),
            ).toHaveLength(1);
            expect(r.stderr).toMatch(message);
        });
    }
});
