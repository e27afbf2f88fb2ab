/**
 * A source item that cannot be turned into a candidate record at all, as opposed to a
 * candidate the validator rejects. Names the source field so a steward can find it.
 */
export class MappingError extends Error {
  override readonly name = 'MappingError';
  readonly sourceField: string;

  constructor(sourceField: string, message: string) {
    super(`source field ${sourceField}: ${message}`);
    this.sourceField = sourceField;
  }
}
