// The specs `npm run mutate` runs against each mutant, loaded as one test file.
//
// For every mutant, Stryker reruns the tests that cover it through Jest, and Jest loads each test
// file of the run into a fresh module registry, running its top level even when a name filter skips
// all its tests. Loading the pack with @pulumi/policy and @pulumi/pulumi costs a few hundred
// milliseconds per file, so fifteen files made each mutant cost ~5 s before any test ran. Loaded from
// here they share one registry and each mutant pays for one load. `npm test` runs the same specs as
// files of their own (this file's name does not match its `*.spec.ts`).
//
// Only specs that exercise the pack in this process belong here: a mutant lives in the test process,
// and the gRPC and CLI specs run the built pack in another one.
import "./assess.spec";
import "./calls-rule.spec";
import "./calls-rule-stack.spec";
import "./client-surfaces.spec";
import "./decode.spec";
import "./decode-formats.spec";
import "./endpoints.spec";
import "./endpoints-tables.spec";
import "./endpoint-hosts.spec";
import "./engines-and-clouds.spec";
import "./evidence-by-shape.spec";
import "./inputs-walk.spec";
import "./inputs-helpers.spec";
import "./examples-in-process.spec";
import "./facts.spec";
import "./resource-facts.spec";
import "./exemptions.spec";
import "./first-party.spec";
import "./host.spec";
import "./kubeconfig.spec";
import "./kubeconfig-reading.spec";
import "./model-services.spec";
import "./memo.spec";
import "./models.spec";
import "./model-names.spec";
import "./policies.spec";
import "./pack-settings.spec";
import "./pack-wiring.spec";
import "./redaction.spec";
import "./redaction-cases.spec";
import "./render.spec";
import "./evidence-and-docs.spec";
import "./routes-and-dns.spec";
import "./route-backends.spec";
import "./scripts.spec";
import "./script-reading.spec";
import "./sdk-patches.spec";
import "./settings-and-exemptions.spec";
import "./settings-parse.spec";
import "./setting-roles.spec";
import "./sdk-policy.spec";
import "./stack-index.spec";
import "./stack-graph.spec";
import "./stack-phase.spec";
import "./stateless-serving.spec";
import "./stack-stores.spec";
import "./stack-values.spec";
import "./tags.spec";
import "./tag-reading.spec";
import "./values.spec";
import "./value-lookups.spec";
import "./hardening/bounds.spec";
import "./hardening/evasion.spec";
import "./hardening/load.spec";
import "./hardening/malformed-input.spec";
import "./hardening/secrets.spec";
