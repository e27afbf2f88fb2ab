/**
 * The API process's one DuckDB: an in-memory instance whose few connections are reused by
 * every query (a connection runs one statement at a time, so a small pool lets requests
 * overlap). DuckDB may read and write only the records cache; its configuration is then locked.
 */
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';

export interface EngineOptions {
  /** The records cache: the only directory DuckDB may touch. */
  readonly cacheDir: string;
  /** Connections kept open (default 4). */
  readonly connections?: number;
  /** DuckDB's memory budget (default 256MB: the API function also holds Node and a response). */
  readonly memoryLimit?: string;
}

const sqlText = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** Values as DuckDB binds them: whole numbers as BIGINT, text as VARCHAR. */
const bound = (values: readonly (string | number)[]): DuckDBValue[] => values.map((v) => (typeof v === 'number' ? BigInt(v) : v));

export class DuckDbEngine {
  private readonly idle: DuckDBConnection[] = [];
  private readonly waiting: ((connection: DuckDBConnection) => void)[] = [];

  private constructor(
    private readonly instance: DuckDBInstance,
    connections: readonly DuckDBConnection[],
  ) {
    this.idle.push(...connections);
  }

  static async open(options: EngineOptions): Promise<DuckDbEngine> {
    const instance = await DuckDBInstance.create(':memory:', {
      memory_limit: options.memoryLimit ?? '256MB',
      temp_directory: `${options.cacheDir}/.duckdb-spill`,
    });
    const setup = await instance.connect();
    // Dates and instants come back as UTC text, whatever the host's zone.
    await setup.run(`SET TimeZone = 'UTC'`);
    await setup.run(`SET allowed_directories = [${sqlText(options.cacheDir)}]`);
    await setup.run('SET enable_external_access = false');
    await setup.run('SET lock_configuration = true');
    const connections = [setup];
    for (let i = 1; i < (options.connections ?? 4); i++) connections.push(await instance.connect());
    return new DuckDbEngine(instance, connections);
  }

  /** Runs `work` on a connection of the pool, waiting for one to be free. */
  async use<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const connection = this.idle.pop() ?? (await new Promise<DuckDBConnection>((resolve) => this.waiting.push(resolve)));
    try {
      return await work(connection);
    } finally {
      const next = this.waiting.shift();
      if (next) next(connection);
      else this.idle.push(connection);
    }
  }

  /** A statement's rows as JSON-able objects (DuckDB's JSON forms: big numbers and decimals as text). */
  async rows(sql: string, params: readonly (string | number)[] = []): Promise<Record<string, unknown>[]> {
    return this.use(async (connection) => {
      const statement = await connection.prepare(sql);
      try {
        if (params.length > 0) statement.bind(bound(params));
        return (await statement.runAndReadAll()).getRowObjectsJson();
      } finally {
        statement.destroySync();
      }
    });
  }

  /** A statement without parameters (DDL, COPY) whose text holds only our own names and paths. */
  async run(sql: string): Promise<void> {
    await this.use((connection) => connection.run(sql).then(() => undefined));
  }

  close(): void {
    for (const connection of this.idle) connection.closeSync();
    this.instance.closeSync();
  }
}

export const sqlPath = sqlText;
