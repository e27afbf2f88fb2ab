/**
 * HTML built from trusted markup and escaped values: every interpolated value of `html`
 * is escaped unless it is itself built by `html`, so a dataset title can never open a tag.
 */
export class SafeHtml {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text or attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

type Interpolation = SafeHtml | string | number | readonly SafeHtml[];

const render = (value: Interpolation): string => {
  if (value instanceof SafeHtml) return value.markup;
  if (Array.isArray(value)) return (value as readonly SafeHtml[]).map((v) => v.markup).join('');
  return escapeHtml(String(value));
};

/** Tagged template: `html\`<p>${title}</p>\`` escapes `title`. */
export function html(strings: TemplateStringsArray, ...values: readonly Interpolation[]): SafeHtml {
  return new SafeHtml(strings.reduce((out, part, i) => out + part + (i < values.length ? render(values[i]!) : ''), ''));
}
