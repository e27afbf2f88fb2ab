/**
 * The fields of a record schema that hold free text, where a person's name, number or
 * address can hide: strings that no format, pattern, enum or const constrains. A schema
 * may say so outright with `x-free-text` (true or false), which wins over the inference. A
 * list or an object field (a licence with its name and number) counts when it holds one.
 */
export function freeTextFields(schema: Readonly<Record<string, unknown>>): readonly string[] {
  const properties = (schema.properties ?? {}) as Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  return Object.entries(properties)
    .filter(([, property]) => {
      const declared = property['x-free-text'];
      if (typeof declared === 'boolean') return declared;
      return holdsFreeText(property);
    })
    .map(([field]) => field);
}

/** A free string, or a list or an object (e.g. a licence: name and number) with one inside. */
function holdsFreeText(property: Readonly<Record<string, unknown>>): boolean {
  if (property['x-free-text'] === false) return false;
  if (property['x-free-text'] === true || isFreeString(property)) return true;
  if (property.type === 'array') return holdsFreeText((property.items ?? {}) as Readonly<Record<string, unknown>>);
  const nested = (property.properties ?? {}) as Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  return Object.values(nested).some(holdsFreeText);
}

function isFreeString(property: Readonly<Record<string, unknown>>): boolean {
  return property.type === 'string' && !['format', 'pattern', 'enum', 'const'].some((keyword) => keyword in property);
}
