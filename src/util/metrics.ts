import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * Business metrics as CloudWatch EMF, one namespace for the whole service. The embedded
 * runtime turns them off (POWERTOOLS_METRICS_DISABLED) so its console stays readable.
 */
export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'tongyuan',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'tongyuan',
});
