/** What the route stage asks of publishing: release this dataset once its records are still. */
export interface PublishRequest {
  readonly kind: 'publish-dataset';
  readonly datasetId: string;
  readonly requestedAt: string;
}
