/** Where each policy's documentation lives: its section of the README. */
export const readmeUrl = "https://github.com/openai-azure-hosting/policy-pack/blob/main/README.md";

/** The URL of a README section, by its heading anchor. */
export function docsUrl(anchor: string): string {
    return `${readmeUrl}#${anchor}`;
}
