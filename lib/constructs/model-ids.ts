/** `subscriber-demo-enforcement` → `SubscriberDemoEnforcement`, for readable construct ids and logical ids. */
export function pascalId(modelId: string): string {
  return modelId
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/**
 * Resolves a model reference to its construct. `validateResources` has already
 * checked every reference, so a miss here is a wiring bug in lib/, not a model typo.
 */
export function lookup<T>(constructs: ReadonlyMap<string, T>, kind: string, id: string): T {
  const found = constructs.get(id);
  if (found === undefined) throw new Error(`no ${kind} "${id}" was created from the resource model`);
  return found;
}
