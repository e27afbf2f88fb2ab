import { BatchExecuteStatementCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** One PartiQL statement with its parameters (plain values: the document client marshals them). */
export interface WriteStatement {
  readonly Statement: string;
  readonly Parameters: unknown[];
}

/** BatchExecuteStatement takes at most 25 statements. */
const STATEMENTS_PER_CALL = 25;

/** A PartiQL identifier: double-quoted, so attribute names that are reserved words still work. */
const identifier = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * An INSERT of one item. Unlike a plain put it never overwrites: an item already under the key
 * fails the statement with `DuplicateItem`, as a put conditional on `attribute_not_exists(pk)` does.
 */
export function insertStatement(table: string, item: Readonly<Record<string, unknown>>): WriteStatement {
  const entries = Object.entries(item).filter(([, value]) => value !== undefined);
  return {
    Statement: `INSERT INTO ${identifier(table)} VALUE {${entries.map(([name]) => `'${name.replace(/'/g, "''")}': ?`).join(', ')}}`,
    Parameters: entries.map(([, value]) => value),
  };
}

/** Adds `amount` to a number attribute of an item that has it (an absent item or attribute fails the statement). */
export function incrementStatement(table: string, key: { readonly pk: string; readonly sk: string }, attribute: string, amount: number): WriteStatement {
  const name = identifier(attribute);
  return {
    Statement: `UPDATE ${identifier(table)} SET ${name} = ${name} + ? WHERE "pk" = ? AND "sk" = ?`,
    Parameters: [amount, key.pk, key.sk],
  };
}

/**
 * Runs write statements, 25 per BatchExecuteStatement call (each statement applies on its own,
 * not as a transaction). Returns, per statement in order, the error code DynamoDB gave it, or
 * undefined when it applied: the caller decides what a failed statement means.
 */
export async function executeStatements(doc: DynamoDBDocumentClient, statements: readonly WriteStatement[]): Promise<(string | undefined)[]> {
  const codes: (string | undefined)[] = [];
  for (let start = 0; start < statements.length; start += STATEMENTS_PER_CALL) {
    const chunk = statements.slice(start, start + STATEMENTS_PER_CALL);
    const out = await doc.send(new BatchExecuteStatementCommand({ Statements: chunk.map((s) => ({ Statement: s.Statement, Parameters: s.Parameters })) }));
    for (const [i] of chunk.entries()) {
      const error = out.Responses?.[i]?.Error;
      codes.push(error ? (error.Code ?? 'Unknown') : undefined);
    }
  }
  return codes;
}
