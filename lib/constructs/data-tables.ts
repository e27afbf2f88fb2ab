import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption, type Attribute } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { KeyAttribute, TableDef } from '../../src/infra/resources.js';
import { pascalId } from './model-ids.js';

const attribute = (key: KeyAttribute): Attribute => ({
  name: key.name,
  type: key.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER,
});

const STREAM_VIEW: Record<NonNullable<TableDef['stream']>, StreamViewType> = {
  NEW_IMAGE: StreamViewType.NEW_IMAGE,
  NEW_AND_OLD_IMAGES: StreamViewType.NEW_AND_OLD_IMAGES,
};

export interface DataTablesProps {
  readonly tables: readonly TableDef[];
}

/** Every DynamoDB table of the model: on-demand, encrypted, recoverable, kept on stack deletion. */
export class DataTables extends Construct {
  /** Tables by model id. */
  readonly tables: ReadonlyMap<string, Table>;

  constructor(scope: Construct, id: string, props: DataTablesProps) {
    super(scope, id);
    const tables = new Map<string, Table>();
    for (const def of props.tables) {
      const table = new Table(this, pascalId(def.id), {
        partitionKey: attribute(def.partitionKey),
        sortKey: def.sortKey && attribute(def.sortKey),
        billingMode: BillingMode.PAY_PER_REQUEST,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        encryption: TableEncryption.AWS_MANAGED,
        stream: def.stream && STREAM_VIEW[def.stream],
        timeToLiveAttribute: def.timeToLiveAttribute,
        // The records table is the single source of truth: a key-schema change must
        // not silently replace it, and a stack deletion must not take it along.
        deletionProtection: true,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      for (const index of def.globalIndexes ?? []) {
        table.addGlobalSecondaryIndex({
          indexName: index.name,
          partitionKey: attribute(index.partitionKey),
          sortKey: index.sortKey && attribute(index.sortKey),
          projectionType: ProjectionType.ALL,
        });
      }
      tables.set(def.id, table);
    }
    this.tables = tables;
  }
}
