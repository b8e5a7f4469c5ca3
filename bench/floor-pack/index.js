// The benchmark's floor: as many policies as the real pack (four), each with a validateResource
// and a validateStack that do nothing, so each request pays exactly the SDK's and the protocol's
// cost (the SDK deserializes every resource once per policy) and nothing else. Plain JavaScript:
// nothing to compile. `@pulumi/policy` resolves to the repository's node_modules.
"use strict";
const { PolicyPack } = require("@pulumi/policy");

const doNothing = () => undefined;

/** A mandatory policy that validates every resource and the stack, and never reports. */
function doNothingPolicy(name) {
    return {
        name,
        description: `Does nothing (${name}).`,
        enforcementLevel: "mandatory",
        validateResource: doNothing,
        validateStack: doNothing,
    };
}

new PolicyPack("do-nothing", {
    policies: ["floor-1", "floor-2", "floor-3", "floor-4"].map(doNothingPolicy),
});
