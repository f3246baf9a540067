// A Remix server build made of the route modules a test serves, without a
// compiler: a root route, the given routes under it, and an entry module. The
// assets manifest names the same routes, so the real entry.server can render
// them (with a `root` that renders an <Outlet />, and <Scripts /> for the data).
import type { ServerBuild } from "@remix-run/node";

export type ServerRouteModule = ServerBuild["routes"][string]["module"];
type EntryModule = ServerBuild["entry"]["module"];

export function testServerBuild(
  routes: Record<string, { path: string; module: unknown }>,
  entry: Partial<EntryModule> & Pick<EntryModule, "default">,
  { root = { default: () => null } }: { root?: unknown } = {},
): ServerBuild {
  const manifest: ServerBuild["routes"] = {
    root: { id: "root", path: "", module: root as ServerRouteModule },
  };
  const asset = (id: string, path: string, parentId: string | undefined, module: ServerRouteModule) => ({
    id,
    path,
    parentId,
    module: `/build/${id}.js`,
    imports: [],
    hasAction: typeof module.action === "function",
    hasLoader: typeof module.loader === "function",
    hasClientAction: false,
    hasClientLoader: false,
    hasErrorBoundary: typeof module.ErrorBoundary === "function",
  });
  const assetRoutes: Record<string, ReturnType<typeof asset>> = { root: asset("root", "", undefined, root as ServerRouteModule) };
  for (const [id, route] of Object.entries(routes)) {
    manifest[id] = { id, parentId: "root", path: route.path, module: route.module as ServerRouteModule };
    assetRoutes[id] = asset(id, route.path, "root", route.module as ServerRouteModule);
  }
  return {
    mode: "production",
    entry: { module: entry as EntryModule },
    routes: manifest,
    assets: { entry: { imports: [], module: "" }, routes: assetRoutes, url: "", version: "test" },
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    future: {} as ServerBuild["future"],
    isSpaMode: false,
  } as ServerBuild;
}
