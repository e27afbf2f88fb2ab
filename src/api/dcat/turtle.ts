import { DataFactory, Writer, type BlankTriple } from 'n3';
import type { Quad_Object } from 'n3';
import { NS, RDF_TYPE } from './vocabulary.js';
import { blankUses, isBlankId, type GraphNode, type Term } from './rdf-graph.js';

/**
 * The graph as Turtle through n3's Writer, with the same prefixes as the JSON-LD context and
 * the same blank nodes embedded (`[ … ]`), so the two documents carry the same triples.
 */
export function toTurtle(nodes: readonly GraphNode[]): Promise<string> {
  const writer = new Writer({ format: 'text/turtle', prefixes: { ...NS } });
  const uses = blankUses(nodes);
  const embedded = new Map(nodes.filter((n) => isBlankId(n.id) && uses.get(n.id) === 1).map((n) => [n.id, n]));

  const triplesOf = (node: GraphNode): BlankTriple[] => [
    ...node.types.map((type) => ({ predicate: DataFactory.namedNode(RDF_TYPE), object: DataFactory.namedNode(type) })),
    ...node.properties.map(([predicate, term]) => ({ predicate: DataFactory.namedNode(predicate), object: objectOf(term) })),
  ];
  const objectOf = (term: Term): Quad_Object => {
    if (term.kind === 'iri') return DataFactory.namedNode(term.value);
    if (term.kind === 'blank') {
      const inner = embedded.get(term.id);
      return inner ? writer.blank(triplesOf(inner)) : DataFactory.blankNode(term.id.slice(2));
    }
    return DataFactory.literal(term.value, term.language ?? (term.datatype ? DataFactory.namedNode(term.datatype) : undefined));
  };

  for (const node of nodes) {
    if (embedded.has(node.id)) continue;
    const subject = isBlankId(node.id) ? DataFactory.blankNode(node.id.slice(2)) : DataFactory.namedNode(node.id);
    for (const { predicate, object } of triplesOf(node)) writer.addQuad(subject, predicate, object);
  }
  return new Promise((resolve, reject) => writer.end((error: Error | null, result: string) => (error ? reject(error) : resolve(result))));
}
