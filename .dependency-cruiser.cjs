// The layering, checked by `npm run lint`:
//   routes → web (route helpers) → caller → handlers → services (commands) → models → utils
//   jobs → services;  components and domain are browser code;  nothing imports upward.
// Tests, test worlds and factories may reach any layer (they build the world they test).
const TESTS = "(\\.test\\.tsx?$|^app/testing/|-world\\.ts$|^app/trpc/routers/.*/contact-test-world\\.ts$)";
const layer = (name) => `^app/${name}/`;
const upward = (from, to, comment) => ({
  name: `no-upward-from-${from.name}`,
  comment,
  severity: "error",
  from: { path: from.path, pathNot: TESTS },
  to: { path: to },
});

module.exports = {
  forbidden: [
    upward({ name: "utils", path: layer("utils") }, "^app/(models|services|providers|trpc|web|components|routes)/|^jobs/", "utils/ is the bottom layer: it knows no domain code."),
    upward({ name: "domain", path: layer("domain") }, "^app/(models|services|providers|trpc|web|components|routes)/|^jobs/", "domain/ holds browser-safe definitions shared by every layer; it depends on nothing above utils."),
    upward({ name: "models", path: layer("models") }, "^app/(services|providers|trpc|web|components|routes)/|^jobs/", "models/ are Prisma reads and writes; rules live in services/."),
    {
      ...upward({ name: "providers", path: layer("providers") }, "^app/(services|trpc|web|components|routes)/|^jobs/", "providers/ wrap vendors; they are called by services, never the other way (the live-event bus excepted: a sandbox announces what it recorded)."),
      to: { path: "^app/(services|trpc|web|components|routes)/|^jobs/", pathNot: "^app/services/live-events\\.server\\.ts$" },
    },
    upward({ name: "services", path: layer("services") }, "^app/(trpc|web|components|routes)/|^jobs/", "services/ (commands and side effects) are shared by handlers, jobs and workflow steps; they never call up into the tRPC layer or the web."),
    upward({ name: "trpc", path: layer("trpc") }, "^app/(web|components|routes)/|^jobs/", "The tRPC layer answers routes; it does not import them."),
    upward({ name: "jobs", path: "^jobs/" }, "^app/(trpc|web|components|routes)/", "Jobs call services and models, not procedures."),
    upward({ name: "web", path: layer("web") }, "^app/routes/", "web/ holds route helpers (form actions, URL params, answer pages); routes import them, not the other way."),
    {
      name: "no-routes-from-components",
      comment: "Routes are entry points; components receive their data as props (or read a loader's type).",
      severity: "error",
      from: { path: layer("components"), pathNot: `${TESTS}|^app/components/use-app-data\\.ts$` },
      to: { path: layer("routes") },
    },
    {
      name: "no-server-code-in-the-browser",
      comment: "Components and domain definitions are bundled for the browser: no .server module (types are fine).",
      severity: "error",
      from: { path: "^app/(components|domain)/", pathNot: TESTS },
      to: { path: "\\.server\\.tsx?$", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "no-circular-layers",
      comment: "A cycle between two modules usually means one of them belongs in a lower layer.",
      severity: "error",
      from: { pathNot: TESTS },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(app/generated|build|public/build|node_modules)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"], extensions: [".ts", ".tsx", ".js", ".d.ts"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
