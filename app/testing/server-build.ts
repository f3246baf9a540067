// A Remix server build made of the route modules a test serves, without a
// compiler: a root route, the given routes under it, and an entry module.
import type { ServerBuild } from "@remix-run/node";

export type ServerRouteModule = ServerBuild["routes"][string]["module"];
type EntryModule = ServerBuild["entry"]["module"];

export function testServerBuild(
  routes: Record<string, { path: string; module: unknown }>,
  entry: Partial<EntryModule> & Pick<EntryModule, "default">,
): ServerBuild {
  const manifest: ServerBuild["routes"] = {
    root: { id: "root", path: "", module: { default: () => null } as unknown as ServerRouteModule },
  };
  for (const [id, route] of Object.entries(routes)) {
    manifest[id] = { id, parentId: "root", path: route.path, module: route.module as ServerRouteModule };
  }
  return {
    mode: "production",
    entry: { module: entry as EntryModule },
    routes: manifest,
    assets: { entry: { imports: [], module: "" }, routes: {}, url: "", version: "test" },
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    future: {} as ServerBuild["future"],
    isSpaMode: false,
  } as ServerBuild;
}
