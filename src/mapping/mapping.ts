/**
 * A mapping from one source's items to candidate records of a canonical type. It
 * translates and never judges: what it cannot translate it passes on, and the validator
 * reports it at the target field, which `sourceFieldOf` names in the source's terms.
 */
export interface MappingDefinition {
  readonly id: string;
  /** Bumped with every change, and recorded with what the mapping rejected, so a replay after a fix is traceable. */
  readonly version: number;
  map(raw: Readonly<Record<string, unknown>>): unknown;
  /** The source field behind a target JSON pointer (`/penaltyTypes/1` → `cf_cflb`), if the mapping knows it. */
  sourceFieldOf(targetPath: string): string | undefined;
}

export const mappingLabel = (mapping: Pick<MappingDefinition, 'id' | 'version'>): string => `${mapping.id}@${mapping.version}`;
