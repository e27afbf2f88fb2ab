import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One structured JSON logger per process. Level from POWERTOOLS_LOG_LEVEL
 * (the embedded runtime lowers it to WARN unless TONGYUAN_LOG_LEVEL says otherwise).
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'tongyuan' });
