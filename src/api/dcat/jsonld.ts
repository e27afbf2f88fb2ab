import { NS, RDF_TYPE } from './vocabulary.js';
import { blankUses, isBlankId, type GraphNode, type Term } from './rdf-graph.js';

/** A JSON-LD node object or value, as written. */
type JsonLdValue = string | { readonly [key: string]: JsonLdValue | readonly JsonLdValue[] };

/** A JSON-LD document: an inline @context of prefixes and the graph. */
export interface JsonLdDocument {
  readonly '@context': Readonly<Record<string, string>>;
  readonly '@graph': readonly JsonLdValue[];
}

const SIMPLE_LOCAL = /^[A-Za-z_][\w.-]*$/;

/** `dcat:Dataset` for an IRI in a known namespace, the IRI itself otherwise. */
function compact(value: string): string {
  for (const [prefix, namespace] of Object.entries(NS))
    if (value.startsWith(namespace) && SIMPLE_LOCAL.test(value.slice(namespace.length))) return `${prefix}:${value.slice(namespace.length)}`;
  return value;
}

/**
 * The graph as JSON-LD with an inline @context (no remote context to fetch, so a harvester
 * expands it offline). Keys are compact IRIs (`dct:title`); a blank node used once (a contact
 * point, a publisher, a checksum) is embedded where it is used, the rest are top-level nodes.
 */
export function toJsonLd(nodes: readonly GraphNode[]): JsonLdDocument {
  const uses = blankUses(nodes);
  const embedded = new Map(nodes.filter((n) => isBlankId(n.id) && uses.get(n.id) === 1).map((n) => [n.id, n]));

  const valueOf = (term: Term): JsonLdValue => {
    if (term.kind === 'iri') return { '@id': term.value };
    if (term.kind === 'blank') {
      const inner = embedded.get(term.id);
      return inner ? nodeObject(inner, false) : { '@id': term.id };
    }
    if (term.language) return { '@value': term.value, '@language': term.language };
    if (term.datatype) return { '@value': term.value, '@type': compact(term.datatype) };
    return term.value;
  };

  const nodeObject = (node: GraphNode, withId: boolean): JsonLdValue => {
    const object: Record<string, JsonLdValue | JsonLdValue[]> = withId ? { '@id': node.id } : {};
    if (node.types.length > 0) object['@type'] = node.types.length === 1 ? compact(node.types[0]!) : node.types.map(compact);
    const grouped = new Map<string, JsonLdValue[]>();
    for (const [predicate, term] of node.properties) {
      if (predicate === RDF_TYPE) throw new Error('types are given with type(), not as rdf:type properties');
      const key = compact(predicate);
      grouped.set(key, [...(grouped.get(key) ?? []), valueOf(term)]);
    }
    for (const [key, values] of grouped) object[key] = values.length === 1 ? values[0]! : values;
    return object;
  };

  return {
    '@context': { ...NS },
    '@graph': nodes.filter((n) => !embedded.has(n.id)).map((n) => nodeObject(n, true)),
  };
}
