/* global setTimeout, clearTimeout, setImmediate, __filename */
// A StrykerJS test runner ("inprocess") for `npm run mutate`: the specs of test/mutation-suite.ts run
// in one long-lived process, so a mutant costs a reload of the project's own modules and its tests,
// not a fresh Jest module registry that loads @pulumi/pulumi and @pulumi/policy again (~2 s each).
//
// Stryker compiles every mutant into the sandbox and picks the active one at runtime
// (`globalThis.__stryker__.activeMutant`). Before every run this runner drops every module of the
// sandbox that is not under node_modules from `require.cache` and requires the suite again with the
// mutant already active, as the jest runner does: the pack's module-level memo caches start empty,
// so nothing one mutant computed reaches the next. node_modules stay loaded; TypeScript is
// transpiled once per file content (ts-node, transpile-only) and the output kept in memory.
//
// The specs get the jest globals they use, with jest's semantics: describe, it/test (with a timeout,
// default 5 s), describe.each/it.each (jest-each itself: the same titles), beforeAll/afterAll (run
// around the selected tests of their block), beforeEach/afterEach, and `expect` from the `expect`
// package jest ships. Anything else (.skip, .only, .todo, done callbacks, `jest.*`) throws.
//
// Options (stryker.config.json, all optional): "inprocess": { "suite", "tsconfig", "setupFiles",
// "testTimeout", "skipUnselectedSpecs" }. With skipUnselectedSpecs a run loads only the spec files
// that hold one of its tests (~15 ms instead of ~200 ms: some specs do heavy work while they define
// their tests); off by default, since Jest loads them all and a spec left out can then neither fail
// to load under the mutant (a RuntimeError under Jest) nor leave state behind for the tests run.
// `npm run mutate:jest` (`stryker run --testRunner jest`) runs the same specs through Jest instead.
// `node scripts/stryker-inprocess-runner.js [times]` runs the suite in this process without Stryker,
// reloading it `times` times, and reports the tests and the cost of a reload.
"use strict";

const fs = require("fs");
const path = require("path");
const Module = require("module");
const { createRequire } = Module;
const { performance } = require("perf_hooks");
const { inspect } = require("util");
const { INSTRUMENTER_CONSTANTS } = require("@stryker-mutator/api/core");
const { commonTokens, declareClassPlugin, PluginKind, tokens } = require("@stryker-mutator/api/plugin");
const { determineHitLimitReached, DryRunStatus, TestStatus, toMutantRunResult } = require("@stryker-mutator/api/test-runner");

const DEFAULTS = {
    suite: "test/mutation-suite.ts",
    tsconfig: "test/tsconfig.json",
    setupFiles: ["test/mutate-setup.js"],
    // jest's default testTimeout: a test or hook whose promise settles later fails.
    testTimeout: 5000,
};

const unsupportedMessage = (what) =>
    `${what} is not supported by the in-process mutation runner (${path.relative(path.resolve(__dirname, ".."), __filename)}); ` +
    "run the spec under jest, or add it to the runner";

// ---------------------------------------------------------------------------------------------------
// The spec tree: what describe/it/hooks record while the suite loads.

function newBlock(name, parent) {
    return {
        kind: "block",
        name,
        parent,
        path: parent ? [...parent.path, name] : [],
        children: [],
        hooks: { beforeAll: [], beforeEach: [], afterEach: [], afterAll: [] },
    };
}

function hasTests(block) {
    return block.children.some((child) => child.kind === "test" || hasTests(child));
}

/** Where in `fileName` the test being defined is: the first frame of the stack in that file (0-based line). */
function positionIn(fileName) {
    for (const frame of (new Error().stack ?? "").split("\n").slice(1)) {
        const match = /\(?([^\s()]+):(\d+):(\d+)\)?$/.exec(frame.trim());
        if (match && match[1] === fileName) {
            return { line: Number(match[2]) - 1, column: Number(match[3]) };
        }
    }
    return undefined;
}

/**
 * Installs describe/it/test/hooks/expect as globals once per process; they add to `holder.tree`,
 * the tree of the load in progress.
 */
function installGlobals(holder, requireFromRoot) {
    const { expect } = requireFromRoot("expect");
    const { bind } = requireFromRoot("jest-each");

    const defining = (what) => {
        const tree = holder.tree;
        if (!tree || tree.started) {
            throw new Error(`${what}: tests and hooks must be defined synchronously while the suite loads, not inside a test or hook`);
        }
        return tree;
    };
    const checkName = (name, what) => {
        if (typeof name !== "string") {
            throw new Error(unsupportedMessage(`${what}() with a ${typeof name} name`));
        }
    };
    const checkFn = (fn, what) => {
        if (typeof fn !== "function") {
            throw new Error(`${what}: Invalid second argument, ${String(fn)}. It must be a callback function.`);
        }
    };
    const checkNoDone = (fn, what) => {
        if (fn.length > 0) {
            throw new Error(unsupportedMessage(`${what}() with a done callback`));
        }
    };

    function describe(name, fn) {
        checkName(name, "describe");
        checkFn(fn, "describe");
        const tree = defining("describe");
        const parent = tree.current;
        const block = newBlock(name, parent);
        parent.children.push(block);
        tree.current = block;
        try {
            const returned = fn();
            if (returned && typeof returned.then === "function") {
                throw new Error('Returning a Promise from "describe" is not supported. Tests must be defined synchronously.');
            } else if (returned !== undefined) {
                throw new Error('A "describe" callback must not return a value.');
            }
        } finally {
            tree.current = parent;
        }
        if (!hasTests(block)) {
            for (const [type, hooks] of Object.entries(block.hooks)) {
                if (hooks.length > 0) {
                    throw new Error(`Invalid: ${type}() may not be used in a describe block containing no tests ("${name}").`);
                }
            }
        }
    }

    function it(name, fn, timeout) {
        checkName(name, "it");
        checkFn(fn, "it");
        checkNoDone(fn, "it");
        if (timeout !== undefined && typeof timeout !== "number") {
            throw new Error(unsupportedMessage(`it() with a ${typeof timeout} timeout`));
        }
        const tree = defining("it");
        const parent = tree.current;
        const fullName = [...parent.path, name].join(" ");
        const fileName = tree.currentSpec;
        const startPosition = tree.captureLocations && fileName ? positionIn(fileName) : undefined;
        parent.children.push({ kind: "test", name, fullName, fn, timeout, parent, fileName, startPosition });
    }

    const hook = (type) =>
        function (fn, timeout) {
            checkFn(fn, type);
            checkNoDone(fn, type);
            defining(type).current.hooks[type].push({ type, fn, timeout });
        };

    describe.each = bind(describe, false);
    it.each = bind(it);
    for (const member of ["skip", "only", "todo", "concurrent", "failing"]) {
        Object.defineProperty(it, member, { get: () => raise(`it.${member} / test.${member}`) });
    }
    for (const member of ["skip", "only"]) {
        Object.defineProperty(describe, member, { get: () => raise(`describe.${member}`) });
    }
    const jest = new Proxy(
        {},
        {
            get: (_target, key) => (typeof key === "symbol" ? undefined : raise(`jest.${key}`)),
        },
    );

    Object.assign(globalThis, {
        describe,
        it,
        test: it,
        beforeAll: hook("beforeAll"),
        beforeEach: hook("beforeEach"),
        afterEach: hook("afterEach"),
        afterAll: hook("afterAll"),
        expect,
        jest,
    });
    return expect;
}

function raise(what) {
    throw new Error(unsupportedMessage(what));
}

// ---------------------------------------------------------------------------------------------------
// Running a tree: jest-circus's order and rules, with Stryker's test filter.

function failureOf(error) {
    if (error instanceof Error) {
        return error.stack || `${error.name}: ${error.message}`;
    }
    return `thrown: ${inspect(error)}`;
}

/** Calls a test or hook as jest-circus does: a returned promise is awaited up to `timeout` ms. */
function callWithTimeout(fn, timeout, isHook) {
    let timer;
    return new Promise((resolve, reject) => {
        timer = setTimeout(() => {
            reject(new Error(`Exceeded timeout of ${timeout} ms for a ${isHook ? "hook" : "test"}.`));
        }, timeout);
        let returned;
        try {
            returned = fn.call({});
        } catch (error) {
            reject(error);
            return;
        }
        if (returned && typeof returned.then === "function") {
            returned.then(() => resolve(), reject);
        } else if (!isHook && returned !== undefined) {
            reject(new Error(`test functions can only return Promise or undefined. Returned value: ${inspect(returned, { depth: 3 })}`));
        } else {
            resolve();
        }
    }).then(
        () => {
            clearTimeout(timer);
            return undefined;
        },
        (error) => {
            clearTimeout(timer);
            return { error };
        },
    );
}

class TreeRun {
    /**
     * @param tree the loaded spec tree
     * @param options filter: Set of full names to run (all when undefined); bail: stop after the first
     *   failed test; testTimeout; expect; onTestStart/onTestEnd(test)
     */
    constructor(tree, options) {
        this.tree = tree;
        this.options = options;
        this.results = [];
        this.runErrors = [];
        this.current = undefined; // { test, errors } while a test runs
        this.bailed = false;
        this.selectedBlocks = new Map();
    }

    selected(test) {
        return !this.options.filter || this.options.filter.has(test.fullName);
    }

    hasSelected(block) {
        let has = this.selectedBlocks.get(block);
        if (has === undefined) {
            has = block.children.some((child) => (child.kind === "block" ? this.hasSelected(child) : this.selected(child)));
            this.selectedBlocks.set(block, has);
        }
        return has;
    }

    async run() {
        const listeners = this.catchStrayErrors();
        try {
            await this.runBlock(this.tree.root, []);
            // One turn of the event loop, for rejections that were left unhandled late in the run.
            await new Promise((resolve) => setImmediate(resolve));
        } finally {
            listeners.restore();
        }
        return { tests: this.results, errors: this.runErrors };
    }

    /** As jest-circus: an error thrown or rejected outside the test code fails the running test, else the run. */
    catchStrayErrors() {
        const events = ["uncaughtException", "unhandledRejection", "rejectionHandled"];
        const saved = events.map((event) => [event, process.rawListeners(event)]);
        for (const event of events) {
            process.removeAllListeners(event);
        }
        const pending = new Map();
        const onError = (error) => (this.current ? this.current.errors.push(error) : this.runErrors.push(error));
        const onUnhandled = (reason, promise) => {
            pending.set(promise, this.current);
            onError(reason);
        };
        const onHandled = (promise) => {
            if (pending.has(promise)) {
                const owner = pending.get(promise);
                pending.delete(promise);
                const errors = owner ? owner.errors : this.runErrors;
                errors.pop();
            }
        };
        process.on("uncaughtException", onError);
        process.on("unhandledRejection", onUnhandled);
        process.on("rejectionHandled", onHandled);
        return {
            restore: () => {
                process.removeListener("uncaughtException", onError);
                process.removeListener("unhandledRejection", onUnhandled);
                process.removeListener("rejectionHandled", onHandled);
                for (const [event, listeners] of saved) {
                    for (const listener of listeners) {
                        process.on(event, listener);
                    }
                }
            },
        };
    }

    async runBlock(block, inheritedErrors) {
        if (!this.hasSelected(block)) {
            return;
        }
        const errors = [...inheritedErrors];
        // beforeAll: before the first selected test of the block; a failure fails each of its tests.
        for (const hook of block.hooks.beforeAll) {
            const failed = await callWithTimeout(hook.fn, hook.timeout ?? this.options.testTimeout, true);
            if (failed) {
                errors.push(failed.error);
            }
        }
        for (const child of block.children) {
            if (this.bailed) {
                break;
            }
            if (child.kind === "block") {
                await this.runBlock(child, errors);
            } else if (this.selected(child)) {
                await this.runTest(child, errors);
            }
        }
        // afterAll: after the last; jest makes a failure an error of the whole run.
        for (const hook of block.hooks.afterAll) {
            const failed = await callWithTimeout(hook.fn, hook.timeout ?? this.options.testTimeout, true);
            if (failed) {
                this.runErrors.push(failed.error);
            }
        }
    }

    async runTest(test, inheritedErrors) {
        const { expect, testTimeout, onTestStart, onTestEnd } = this.options;
        const current = { test, errors: [...inheritedErrors] };
        const { errors } = current;
        this.current = current;
        onTestStart?.(test);
        expect.setState({
            assertionCalls: 0,
            currentTestName: test.fullName,
            expectedAssertionsNumber: null,
            isExpectingAssertions: false,
            suppressedErrors: [],
            testPath: test.fileName,
        });
        const began = performance.now();
        const beforeEach = [];
        const afterEach = [];
        for (let block = test.parent; block; block = block.parent) {
            beforeEach.unshift(...block.hooks.beforeEach);
            afterEach.push(...block.hooks.afterEach);
        }
        for (const hook of beforeEach) {
            if (errors.length > 0) {
                break;
            }
            const failed = await callWithTimeout(hook.fn, hook.timeout ?? testTimeout, true);
            if (failed) {
                errors.push(failed.error);
            }
        }
        if (errors.length === 0) {
            const failed = await callWithTimeout(test.fn, test.timeout ?? testTimeout, false);
            if (failed) {
                errors.push(failed.error);
            }
        }
        for (const hook of afterEach) {
            const failed = await callWithTimeout(hook.fn, hook.timeout ?? testTimeout, true);
            if (failed) {
                errors.push(failed.error);
            }
        }
        for (const { error } of expect.extractExpectedAssertionsErrors()) {
            errors.push(error);
        }
        const timeSpentMs = Math.round(performance.now() - began);
        onTestEnd?.(test);
        this.current = undefined;
        const result = {
            id: test.fullName,
            name: test.fullName,
            timeSpentMs,
            ...(test.fileName ? { fileName: test.fileName, startPosition: test.startPosition } : {}),
        };
        if (errors.length > 0) {
            this.results.push({ ...result, status: TestStatus.Failed, failureMessage: errors.map(failureOf).join(", ") });
            this.bailed = this.options.bail;
        } else {
            this.results.push({ ...result, status: TestStatus.Success });
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// Loading the suite.

/** ts-node, transpile-only, over `tsconfig`; each file's output kept for as long as its source is unchanged. */
function registerTypeScript(requireFromRoot, tsconfig) {
    const service = requireFromRoot("ts-node").register({ project: tsconfig, transpileOnly: true });
    const compile = service.compile.bind(service);
    const outputs = new Map();
    service.compile = (code, fileName, lineOffset) => {
        const cached = outputs.get(fileName);
        if (cached && cached.code === code) {
            return cached.output;
        }
        const output = compile(code, fileName, lineOffset);
        outputs.set(fileName, { code, output });
        return output;
    };
    return service;
}

/** Each test's spec file, by the test's full name. */
function specsOfTests(block, specs = new Map()) {
    for (const child of block.children) {
        if (child.kind === "block") {
            specsOfTests(child, specs);
        } else if (child.fileName) {
            specs.set(child.fullName, child.fileName);
        }
    }
    return specs;
}

class SuiteLoader {
    constructor(rootDir, options) {
        this.rootDir = fs.realpathSync(rootDir);
        this.suite = path.resolve(this.rootDir, options.suite);
        this.setupFiles = options.setupFiles.map((file) => path.resolve(this.rootDir, file));
        this.holder = { tree: undefined };
        const requireFromRoot = createRequire(path.join(this.rootDir, "package.json"));
        registerTypeScript(requireFromRoot, path.resolve(this.rootDir, options.tsconfig));
        this.expect = installGlobals(this.holder, requireFromRoot);
        this.watchSpecImports();
    }

    /**
     * While the suite loads, notes which of its imports (a spec) is loading, so each test knows its
     * spec file; and leaves out the specs a load does not want (`tree.specs`).
     */
    watchSpecImports() {
        const { holder, suite } = this;
        const load = Module._load;
        Module._load = function (request, parent, isMain) {
            const tree = holder.tree;
            if (!tree || tree.started || parent?.filename !== suite) {
                return load.apply(this, arguments);
            }
            const spec = Module._resolveFilename(request, parent, isMain);
            if (tree.specs && !tree.specs.has(spec)) {
                return {};
            }
            const outer = tree.currentSpec;
            tree.currentSpec = spec;
            try {
                return load.apply(this, arguments);
            } finally {
                tree.currentSpec = outer;
            }
        };
    }

    /** Drops the project's modules (the sandbox's files outside node_modules) from the module cache. */
    purge() {
        const prefix = this.rootDir + path.sep;
        const nodeModules = `${path.sep}node_modules${path.sep}`;
        for (const file of Object.keys(require.cache)) {
            if (file.startsWith(prefix) && !file.includes(nodeModules) && file !== __filename) {
                delete require.cache[file];
            }
        }
    }

    /**
     * A fresh load of the setup files and the suite (of only the spec files in `specs`, when given);
     * throws what the suite throws while it loads.
     */
    load({ captureLocations, specs }) {
        this.purge();
        const root = newBlock("", undefined);
        const tree = { root, current: root, started: false, captureLocations, specs, currentSpec: undefined };
        this.holder.tree = tree;
        try {
            // A throwaway parent module, so no module of ours keeps each generation as a child.
            const requireFresh = createRequire(path.join(this.rootDir, "__inprocess-runner__.js"));
            for (const file of this.setupFiles) {
                requireFresh(file);
            }
            requireFresh(this.suite);
        } finally {
            tree.started = true;
        }
        return tree;
    }
}

// ---------------------------------------------------------------------------------------------------
// The Stryker plugin.

class InProcessTestRunner {
    static inject = tokens(commonTokens.logger, commonTokens.options);

    constructor(log, options) {
        this.log = log;
        this.options = { ...DEFAULTS, ...(options.inprocess ?? {}) };
        this.loader = undefined;
        /** Each test's spec file, as the last load of every spec found them. */
        this.specOf = new Map();
    }

    capabilities() {
        // Every run reloads the project's modules, with the mutant active while they load.
        return { reloadEnvironment: true };
    }

    async init() {
        // As the jest runner: no colours in failure messages, and the NODE_ENV tests expect.
        process.env.FORCE_COLOR = "0";
        process.env.NODE_ENV = "test";
        this.loader = new SuiteLoader(process.cwd(), this.options);
        const ns = INSTRUMENTER_CONSTANTS.NAMESPACE;
        // The instrumented modules each keep the object they find here when they load: keep one.
        this.context = globalThis[ns] ?? (globalThis[ns] = {});
    }

    async dryRun({ coverageAnalysis }) {
        const context = this.context;
        this.resetContext();
        context.mutantCoverage = { static: {}, perTest: {} };
        const perTest = coverageAnalysis === "perTest";
        const run = await this.loadAndRun({
            captureLocations: true,
            bail: false,
            onTestStart: perTest ? (test) => (context.currentTestId = test.fullName) : undefined,
            onTestEnd: perTest ? () => (context.currentTestId = undefined) : undefined,
        });
        if (run.status !== DryRunStatus.Complete) {
            return run;
        }
        return { ...run, mutantCoverage: coverageAnalysis === "off" ? undefined : context.mutantCoverage };
    }

    async mutantRun({ activeMutant, testFilter, disableBail, hitLimit }) {
        const context = this.context;
        this.resetContext();
        // Active while the suite loads, as under the jest runner (which sets the variable before Jest loads the files).
        context.activeMutant = activeMutant.id;
        process.env[INSTRUMENTER_CONSTANTS.ACTIVE_MUTANT_ENV_VARIABLE] = activeMutant.id;
        context.hitLimit = hitLimit;
        context.hitCount = hitLimit ? 0 : undefined;
        try {
            const run = await this.loadAndRun({
                captureLocations: false,
                filter: testFilter ? new Set(testFilter) : undefined,
                specs: this.options.skipUnselectedSpecs ? this.specsOf(testFilter) : undefined,
                bail: !disableBail,
            });
            const timeout = determineHitLimitReached(context.hitCount, context.hitLimit);
            return toMutantRunResult(timeout ?? run, disableBail);
        } finally {
            delete process.env[INSTRUMENTER_CONSTANTS.ACTIVE_MUTANT_ENV_VARIABLE];
            this.resetContext();
        }
    }

    /** The spec files that hold the tests of `testFilter`, or undefined (all) when one is not known. */
    specsOf(testFilter) {
        if (!testFilter) {
            return undefined;
        }
        const specs = new Set();
        for (const id of testFilter) {
            const spec = this.specOf.get(id);
            if (!spec) {
                return undefined;
            }
            specs.add(spec);
        }
        return specs;
    }

    async dispose() {
        this.loader?.purge();
    }

    resetContext() {
        const context = this.context;
        // Set to undefined, not deleted: the instrumented code reads these on every mutant it reaches.
        context.activeMutant = undefined;
        context.currentTestId = undefined;
        context.hitCount = undefined;
        context.hitLimit = undefined;
        context.mutantCoverage = undefined;
    }

    async loadAndRun({ captureLocations, filter, specs, bail, onTestStart, onTestEnd }) {
        const began = performance.now();
        let tree;
        try {
            tree = this.loader.load({ captureLocations, specs });
            if (!specs) {
                this.specOf = specsOfTests(tree.root);
            }
        } catch (error) {
            return { status: DryRunStatus.Error, errorMessage: `${this.options.suite} failed to load: ${failureOf(error)}` };
        }
        const loaded = performance.now();
        this.lastLoadMs = loaded - began;
        const run = await new TreeRun(tree, {
            filter,
            bail,
            testTimeout: this.options.testTimeout,
            expect: this.loader.expect,
            onTestStart,
            onTestEnd,
        }).run();
        this.log.debug(
            "Loaded %s in %d ms, ran %d tests in %d ms",
            this.options.suite,
            Math.round(loaded - began),
            run.tests.length,
            Math.round(performance.now() - loaded),
        );
        if (run.errors.length > 0) {
            return { status: DryRunStatus.Error, errorMessage: run.errors.map(failureOf).join(", ") };
        }
        return { status: DryRunStatus.Complete, tests: run.tests };
    }
}

module.exports.strykerPlugins = [declareClassPlugin(PluginKind.TestRunner, "inprocess", InProcessTestRunner)];
module.exports.strykerValidationSchema = {
    $schema: "http://json-schema.org/draft-07/schema#",
    type: "object",
    properties: {
        inprocess: {
            description: "Options of the in-process test runner (scripts/stryker-inprocess-runner.js)",
            type: "object",
            default: {},
            properties: {
                suite: { type: "string", description: "The spec file that imports the specs to run" },
                tsconfig: { type: "string", description: "The tsconfig ts-node transpiles the specs with" },
                setupFiles: { type: "array", items: { type: "string" }, description: "Required before the suite, at every load" },
                testTimeout: { type: "number", description: "Milliseconds a test or hook may take (jest's testTimeout)" },
                skipUnselectedSpecs: {
                    type: "boolean",
                    description:
                        "Load only the spec files that hold a test the mutant runs, not the whole suite as Jest does: faster, " +
                        "but a spec left out cannot fail to load under the mutant, nor leave state that the tests run see",
                },
            },
            additionalProperties: false,
        },
    },
};

// `node scripts/stryker-inprocess-runner.js [times]`: the suite in this process, without Stryker.
if (require.main === module) {
    const times = Number(process.argv[2] ?? 1);
    const log = { debug: () => {} };
    const runner = new InProcessTestRunner(log, {});
    (async () => {
        await runner.init();
        const loads = [];
        let last;
        for (let i = 0; i < times; i++) {
            last = await runner.dryRun({ coverageAnalysis: "off" });
            loads.push(runner.lastLoadMs);
        }
        if (last.status !== DryRunStatus.Complete) {
            console.error(last.errorMessage);
            process.exitCode = 1;
            return;
        }
        const failed = last.tests.filter((t) => t.status === TestStatus.Failed);
        for (const test of failed) {
            console.error(`FAIL ${test.name}\n${test.failureMessage}\n`);
        }
        const ms = (list) => Math.round(list.reduce((a, b) => a + b, 0) / list.length);
        console.log(`${last.tests.length} tests, ${failed.length} failed; a reload of the suite took ${ms(loads)} ms on average`);
        console.log(`(first ${Math.round(loads[0])} ms, then ${loads.length > 1 ? ms(loads.slice(1)) : "-"} ms)`);
        process.exitCode = failed.length > 0 ? 1 : 0;
    })();
}
