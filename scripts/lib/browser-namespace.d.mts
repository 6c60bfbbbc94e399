export interface NamespacePlan {
  name: string;
  hostInterface: string;
  browserInterface: string;
  hostAddress: string;
  browserAddress: string;
}
export function namespacePlan(pid: number): NamespacePlan;
export interface BrowserNamespace {
  name: string;
  hostAddress: string;
  launcher: string;
}
export function createBrowserNamespace(options: {
  dataDir: string;
  chromium: string;
}): { namespace: BrowserNamespace; reason: null } | { namespace: null; reason: string };
export function removeBrowserNamespace(name: string): void;
