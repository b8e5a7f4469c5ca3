/**
 * Where a resource of a Terraform plan or a Kubernetes manifest was declared, for reports: the
 * file, and the Terraform address or the manifest document.
 *
 * @example
 * const tf: SourceLocation = { file: "plan.json", address: "module.serving.kubernetes_deployment.vllm[0]" };
 * const doc: SourceLocation = { file: "all.yaml", document: 3, line: 41, source: "vllm/templates/deployment.yaml" };
 */
export interface SourceLocation {
    /** The file, as the user named it (or a file inside the folder the user named). */
    file: string;
    /** A Terraform resource's address. */
    address?: string;
    /** A manifest's document in its file, from 1. */
    document?: number;
    /** The line the document starts on, from 1. */
    line?: number;
    /** The template `helm template` rendered the document from (its `# Source:` comment). */
    source?: string;
}

/**
 * How a report names a location: the Terraform address in the plan file, or the manifest file and
 * document (and its Helm template).
 *
 * @example
 * describeLocation({ file: "all.yaml", document: 3, source: "vllm/templates/deployment.yaml" });
 * // "all.yaml (document 3, from vllm/templates/deployment.yaml)"
 */
export function describeLocation(location: SourceLocation): string {
    if (location.address !== undefined) {
        return `${location.address} in ${location.file}`;
    }
    const parts = [
        ...(location.document !== undefined ? [`document ${location.document}`] : []),
        ...(location.source !== undefined ? [`from ${location.source}`] : []),
    ];
    return parts.length > 0 ? `${location.file} (${parts.join(", ")})` : location.file;
}
