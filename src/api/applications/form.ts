/**
 * An application posted as an HTML form (application/x-www-form-urlencoded), turned into the
 * JSON body's shape: `applicant.name`, `period.from`, … become nested members; `fields` may be
 * repeated or comma-separated. Unknown names are kept, so the schema names them as not accepted.
 */
export function applicationFromForm(form: URLSearchParams): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const name of new Set(form.keys())) {
    const values = form.getAll(name);
    if (name === 'fields' || name === 'fields[]') {
      body.fields = values
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter((v) => v !== '');
      continue;
    }
    const value = values.length === 1 ? values[0] : values;
    const dot = name.indexOf('.');
    if (dot < 0) {
      body[name] = value;
      continue;
    }
    const [outer, inner] = [name.slice(0, dot), name.slice(dot + 1)];
    const nested = typeof body[outer] === 'object' && body[outer] !== null ? (body[outer] as Record<string, unknown>) : {};
    nested[inner] = value;
    body[outer] = nested;
  }
  return body;
}
