/**
 * A small RDF graph model: the catalog is described once as nodes with typed properties, and the
 * JSON-LD and Turtle writers serialise the same nodes, so the two answers always say the same.
 */

/** An RDF term in object position. */
export type Term =
  | { readonly kind: 'iri'; readonly value: string }
  | { readonly kind: 'blank'; readonly id: string }
  | { readonly kind: 'literal'; readonly value: string; readonly language?: string; readonly datatype?: string };

/** A subject with its types and its predicate–object pairs, in the order they were added. */
export interface GraphNode {
  /** An absolute IRI, or `_:<label>` for a blank node. */
  readonly id: string;
  readonly types: readonly string[];
  readonly properties: readonly (readonly [predicate: string, object: Term])[];
}

export const iri = (value: string): Term => ({ kind: 'iri', value });
export const text = (value: string, language?: string): Term => ({ kind: 'literal', value, ...(language ? { language } : {}) });
export const typed = (value: string, datatype: string): Term => ({ kind: 'literal', value, datatype });
export const isBlankId = (id: string): boolean => id.startsWith('_:');

/** The object that refers to a node: its IRI, or its blank-node label. */
export const refTo = (id: string): Term => (isBlankId(id) ? { kind: 'blank', id } : iri(id));

/** A node being described: add types and properties, skipping absent values. */
export class NodeBuilder {
  private readonly typeList: string[] = [];
  private readonly props: [string, Term][] = [];

  constructor(readonly id: string) {}

  /** The term that points at this node from another. */
  get ref(): Term {
    return refTo(this.id);
  }

  type(...types: readonly string[]): this {
    this.typeList.push(...types);
    return this;
  }

  add(predicate: string, ...objects: readonly (Term | undefined)[]): this {
    for (const object of objects) if (object !== undefined) this.props.push([predicate, object]);
    return this;
  }

  build(): GraphNode {
    return { id: this.id, types: [...this.typeList], properties: [...this.props] };
  }
}

/** Collects nodes and hands out blank-node labels unique within the graph. */
export class GraphBuilder {
  private readonly nodes: NodeBuilder[] = [];
  private blanks = 0;

  node(id: string): NodeBuilder {
    const node = new NodeBuilder(id);
    this.nodes.push(node);
    return node;
  }

  blank(): NodeBuilder {
    return this.node(`_:b${this.blanks++}`);
  }

  build(): readonly GraphNode[] {
    return this.nodes.map((n) => n.build());
  }
}

/** How often each blank node is used as an object: one that is used once can be written inline. */
export function blankUses(nodes: readonly GraphNode[]): ReadonlyMap<string, number> {
  const uses = new Map<string, number>();
  for (const node of nodes) for (const [, object] of node.properties) if (object.kind === 'blank') uses.set(object.id, (uses.get(object.id) ?? 0) + 1);
  return uses;
}
