/**
 * A query module's functions `(connection, ...args)` bound to one connection as a topic's methods
 * `(...args) => Promise`: what lets an engine's store be the spread of its query modules. Every
 * function a topic module exports becomes a method, so a topic module exports its queries only
 * (helpers stay unexported; writes other modules share live in `presenceWrites.ts` and the like).
 */

/** The module's functions whose first parameter is the connection, bound to it; other exports dropped. */
export type BoundQueries<C, M> = {
  [K in keyof M as M[K] extends (connection: C, ...args: never[]) => unknown ? K : never]: M[K] extends (
    connection: C,
    ...args: infer A
  ) => infer R
    ? (...args: A) => Promise<Awaited<R>>
    : never;
};

/** Binds every function `module` exports to `connection`; a synchronous one answers through a promise (its throw a rejection). */
export function bindQueries<C, M extends object>(connection: C, module: M): BoundQueries<C, M> {
  const bound: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const [name, query] of Object.entries(module)) {
    if (typeof query !== 'function') continue;
    bound[name] = async (...args: unknown[]) =>
      (query as (connection: C, ...rest: unknown[]) => unknown)(connection, ...args);
  }
  return bound as BoundQueries<C, M>;
}
