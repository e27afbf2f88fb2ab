/** Which canonical record types each feed carries. Feed ids are topic ids in src/infra/resources.ts. */
export const feedsByRecordType: Readonly<Record<string, readonly string[]>> = {
  'enforcement-decision': ['enforcement'],
};

export const EVENT_SOURCE_BASE = 'urn:tongyuan:shaoxing:ssot';
export const EVENT_TYPE_BASE = 'cn.gov.shaoxing.tongyuan';
