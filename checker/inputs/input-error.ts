/** An input the checker cannot read (missing, not JSON, not a Pulumi plan): the CLI exits 2 with its message. */
export class InputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "InputError";
    }
}
