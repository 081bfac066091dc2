import type { ModuleLoader } from '../bundled-modules.js';
import { endpointModules } from '../modules.js';
import type { AnyEndpoint } from './endpoint.js';

/** Every endpoint the server has, by name; a declaration is loaded when it is first asked for. */
export interface EndpointCatalog {
  /** The names of every endpoint, sorted. */
  readonly names: readonly string[];
  has(name: string): boolean;
  /** The declaration of `name`, or undefined when there is no such endpoint. */
  get(name: string): Promise<AnyEndpoint | undefined>;
}

/**
 * The endpoint declarations under api/endpoints. A file's path is its endpoint's name
 * (endpoints/notes/create.ts declares `notes/create`), so adding an endpoint is adding a file.
 * Only the names are read at start-up: importing the ~250 endpoint modules (and what only they
 * use) was ~40 % of the start-up CPU and ~13 MB of idle memory, and most processes never serve
 * most endpoints. A declaration is imported on its first call and kept.
 */
export class EndpointRegistry implements EndpointCatalog {
  readonly names: readonly string[];
  readonly #modules: ReadonlyMap<string, ModuleLoader>;
  readonly #loading = new Map<string, Promise<AnyEndpoint>>();
  readonly #loaded = new Map<string, AnyEndpoint>();

  /** `modules`: the endpoint modules by name (src/api/endpoints listed, or the bundle's list). */
  constructor(modules: ReadonlyMap<string, ModuleLoader> = endpointModules()) {
    this.#modules = modules;
    this.names = [...modules.keys()].sort();
  }

  has(name: string): boolean {
    return this.#modules.has(name);
  }

  /** The declaration when it is already loaded (the common case), without waiting. */
  loaded(name: string): AnyEndpoint | undefined {
    return this.#loaded.get(name);
  }

  get(name: string): Promise<AnyEndpoint | undefined> {
    const load = this.#modules.get(name);
    if (load === undefined) return Promise.resolve(undefined);
    let loading = this.#loading.get(name);
    if (!loading) {
      loading = this.#import(name, load);
      this.#loading.set(name, loading);
      // A failed import is retried on the next call instead of failing forever.
      loading.catch(() => this.#loading.delete(name));
    }
    return loading;
  }

  /** Every declaration, imported one at a time (all at once left ~30 MB of loading state behind). */
  async loadAll(): Promise<AnyEndpoint[]> {
    const endpoints: AnyEndpoint[] = [];
    for (const name of this.names) endpoints.push((await this.get(name))!);
    return endpoints;
  }

  async #import(name: string, load: ModuleLoader): Promise<AnyEndpoint> {
    const mod = (await load()) as { default?: AnyEndpoint };
    const ep = mod.default;
    if (!ep || ep.name !== name) throw new Error(`api/endpoints/${name} must default-export the endpoint "${name}"`);
    this.#loaded.set(name, ep);
    return ep;
  }
}

/** Loads every endpoint declaration (the OpenAPI document and the conformance checks need them all). */
export function loadEndpoints(): Promise<AnyEndpoint[]> {
  return new EndpointRegistry().loadAll();
}
