/**
 * The fields of a record schema that hold free text, where a person's name, number or
 * address can hide: strings that no format, pattern, enum or const constrains. A schema
 * may say so outright with `x-free-text` (true or false), which wins over the inference.
 */
export function freeTextFields(schema: Readonly<Record<string, unknown>>): readonly string[] {
  const properties = (schema.properties ?? {}) as Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  return Object.entries(properties)
    .filter(([, property]) => {
      const declared = property['x-free-text'];
      if (typeof declared === 'boolean') return declared;
      return isFreeString(property) || (property.type === 'array' && isFreeString((property.items ?? {}) as Readonly<Record<string, unknown>>));
    })
    .map(([field]) => field);
}

function isFreeString(property: Readonly<Record<string, unknown>>): boolean {
  return property.type === 'string' && !['format', 'pattern', 'enum', 'const'].some((keyword) => keyword in property);
}
