/** SARIF 2.1.0 validation against the schema Microsoft's SARIF team ships (draft-04). */
import AjvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import * as fs from "fs";

let validate: ((log: unknown) => boolean) & { errors?: unknown } = Object.assign(() => false);
let compiled = false;

/** The schema errors of `log`; empty when it is valid SARIF 2.1.0. */
export function sarifErrors(log: unknown): unknown[] {
    if (!compiled) {
        const schema = JSON.parse(
            fs.readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"),
        ) as object;
        // The schema has a pattern that is not a valid unicode regex.
        const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
        addFormats(ajv); // the schema checks "uri" and "date-time" values
        validate = ajv.compile(schema);
        compiled = true;
    }
    return validate(log) ? [] : ((validate.errors as unknown[] | null | undefined) ?? ["invalid"]);
}
