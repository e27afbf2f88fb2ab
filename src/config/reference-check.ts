import type { SourceConfig } from '../generated/source.types.js';

/**
 * What `sources check` can know about a source's `${…}` references before it runs:
 * `${env:NAME}` resolves against the environment given; `${ssm:…}` and `${secret:…}` are
 * checked for form only (reading them needs the account's credentials); and a reference
 * is only allowed where a connector resolves one. Anywhere else it would be sent or
 * queried as the literal text, or, in a URL, fail as an invalid URL at run time.
 */
export interface ReferenceProblem {
  readonly sourceId: string;
  /** JSON pointer of the field, e.g. `/connection/baseUrl`. */
  readonly path: string;
  readonly zh: string;
  readonly en: string;
}

/** Which references a field resolves: `env` only (an address), or any (a secret). */
type Resolves = 'env' | 'any';

/** The fields the connectors resolve references in (http-json: baseUrl and the auth value; sql: host and password). */
const RESOLVED_FIELDS: Readonly<Record<SourceConfig['kind'], Readonly<Record<string, Resolves>>>> = {
  'http-json': { '/connection/baseUrl': 'env', '/connection/auth/token': 'any', '/connection/auth/value': 'any' },
  sql: { '/connection/host': 'any', '/connection/password': 'any' },
  'file-drop': {},
};

const PROVIDERS = ['env', 'ssm', 'secret'] as const;
type Provider = (typeof PROVIDERS)[number];

/** The form each provider's name must have: an environment variable name, an SSM parameter name, a Secrets Manager name or ARN with an optional `#field`. */
const NAME_FORM: Readonly<Record<Provider, RegExp>> = {
  env: /^[A-Za-z_][A-Za-z0-9_]*$/,
  ssm: /^\/?[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*$/,
  secret: /^[A-Za-z0-9/_+=.@:-]+(?:#[^#\s]+)?$/,
};

const NAME_FORM_TEXT: Readonly<Record<Provider, { zh: string; en: string }>> = {
  env: {
    zh: '环境变量名只能含字母、数字和下划线，且不以数字开头',
    en: 'an environment variable name is letters, digits and underscores, not starting with a digit',
  },
  ssm: { zh: 'SSM 参数名形如 /tongyuan/credit/password', en: 'an SSM parameter name looks like /tongyuan/credit/password' },
  secret: {
    zh: 'Secrets Manager 名称形如 tongyuan/permits-api 或 tongyuan/permits-api#token',
    en: 'a Secrets Manager name looks like tongyuan/permits-api or tongyuan/permits-api#token',
  },
};

/** Every string in a document with its JSON pointer. */
function stringsWithPaths(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsWithPaths(v, `${path}/${i}`));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => stringsWithPaths(v, `${path}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`));
  return [];
}

type Reference = { readonly text: string; readonly provider: Provider; readonly name: string } | { readonly text: string; readonly malformed: true };

/** Each `${…}` in `value`, parsed; one that is not `${env|ssm|secret:name}` is malformed. */
function referencesIn(value: string): Reference[] {
  const found: Reference[] = [];
  for (let at = value.indexOf('${'); at !== -1; at = value.indexOf('${', at + 2)) {
    const end = value.indexOf('}', at);
    const text = end === -1 ? value.slice(at) : value.slice(at, end + 1);
    const parsed = /^\$\{([a-z]+):(.*)\}$/.exec(text);
    const provider = parsed?.[1] as Provider | undefined;
    if (!parsed || !provider || !PROVIDERS.includes(provider)) found.push({ text, malformed: true });
    else found.push({ text, provider, name: parsed[2]! });
  }
  return found;
}

/** Whether a field that resolves nothing holds what is clearly meant as a reference (other `${` text there is left alone). */
const LOOKS_LIKE_REFERENCE = /\$\{(?:env|ssm|secret):/;

function problemsOf(
  path: string,
  value: string,
  resolves: Resolves | undefined,
  env: Readonly<Record<string, string | undefined>>,
): { zh: string; en: string }[] {
  if (resolves === undefined) {
    return LOOKS_LIKE_REFERENCE.test(value)
      ? [
          {
            zh: '此字段不解析 ${…} 引用，会被原样使用；引用只能写在地址或凭据字段',
            en: 'this field does not resolve ${…} references and would use the text as written; references belong in address or credential fields',
          },
        ]
      : [];
  }
  return referencesIn(value).flatMap((ref): { zh: string; en: string }[] => {
    if ('malformed' in ref) {
      return [
        {
          zh: `${ref.text} 不是有效引用，应为 \${env:名称}、\${ssm:/参数/路径} 或 \${secret:名称#字段}`,
          en: `${ref.text} is not a reference: write \${env:NAME}, \${ssm:/parameter/path} or \${secret:name#field}`,
        },
      ];
    }
    if (!NAME_FORM[ref.provider].test(ref.name)) {
      const form = NAME_FORM_TEXT[ref.provider];
      return [{ zh: `${ref.text} 名称无效：${form.zh}`, en: `${ref.text} has an invalid name: ${form.en}` }];
    }
    if (ref.provider !== 'env' && resolves === 'env') {
      return [
        {
          zh: `${ref.text}：此字段不是密钥字段，只解析 \${env:…}；地址不应存放在密钥库中`,
          en: `${ref.text}: this field cannot hold a secret and resolves only \${env:…}; ${ref.provider} references belong in credential fields`,
        },
      ];
    }
    if (ref.provider === 'env' && (env[ref.name] === undefined || env[ref.name] === '')) {
      return [{ zh: `环境变量 ${ref.name} 未设置`, en: `environment variable ${ref.name} is not set` }];
    }
    return [];
  });
}

/** An API's base URL as the connector builds it; when its references resolve, it must be a URL. */
function urlProblems(source: SourceConfig, env: Readonly<Record<string, string | undefined>>): { zh: string; en: string }[] {
  if (source.kind !== 'http-json') return [];
  const resolved = source.connection.baseUrl.replace(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => env[name] ?? '');
  if (resolved.includes('${') || URL.canParse(source.connection.path, resolved)) return [];
  return [{ zh: `解析后的地址 "${resolved}" 不是有效 URL`, en: `resolves to "${resolved}", which is not a URL` }];
}

/** Every reference problem of one valid source, each naming the source and field. */
export function referenceProblems(source: SourceConfig, env: Readonly<Record<string, string | undefined>>): ReferenceProblem[] {
  const resolved = RESOLVED_FIELDS[source.kind];
  const problems = stringsWithPaths(source).flatMap(([path, value]) =>
    problemsOf(path, value, Object.hasOwn(resolved, path) ? resolved[path] : undefined, env).map((p) => ({ sourceId: source.id, path, ...p })),
  );
  // Only once the references themselves are right does the address they make say anything.
  if (problems.length > 0) return problems;
  return urlProblems(source, env).map((p) => ({ sourceId: source.id, path: '/connection/baseUrl', ...p }));
}

/** One problem as the CLI prints it: `/path: 中文 / English`. */
export const describeReferenceProblem = (p: ReferenceProblem): string => `${p.path}: ${p.zh} / ${p.en}`;
