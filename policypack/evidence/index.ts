/**
 * The table from type token to extractor. Supporting a new resource type is
 * adding a row to one of the family tables.
 */
import { modelServiceExtractors } from "./model-services";
import { surfaceExtractors } from "./routes-and-dns";
import { emptyExtraction, Extraction, Extractor } from "./types";
import { workloadExtractors } from "./workloads";

const extractors = new Map<string, Extractor>([...modelServiceExtractors, ...workloadExtractors, ...surfaceExtractors]);

/** The resource types the pack reads beyond tags and labels. */
export const supportedTypes: readonly string[] = [...extractors.keys()];

/**
 * Everything the pack can read off a resource's raw props. A type without an
 * extractor yields nothing here (its tags are still read). An extractor that
 * throws on hostile input is reported as unreadable rather than crashing.
 */
export function extract(type: string, props: Record<string, unknown>): Extraction {
    const extractor = extractors.get(type);
    if (!extractor) {
        return emptyExtraction();
    }
    try {
        return extractor(props);
    } catch (error) {
        const extraction = emptyExtraction();
        extraction.unreadable.push({ path: "(resource)", reason: `could not be read: ${(error as Error).message.slice(0, 120)}` });
        return extraction;
    }
}
