import { CITYWIDE_DISTRICT, FEED_VIEWS, dataSchemaUri, eventSource, eventType, type FeedEntity } from '../feeds.js';
import { dataSchemaName, schemaRef, type Schema } from './schemas.js';

/** The component key of an entity's action: `<feed>.<entity>.<action>`. */
export const messageKey = (e: FeedEntity, action: string): string => `${e.feed}.${e.entity}.${action}`;

/**
 * The message attributes every feed message carries (copied to the subscriber queue's message
 * attributes, raw delivery): what subscription filter policies match on.
 */
function attributesSchema(e: FeedEntity, action: string): Schema {
  return {
    type: 'object',
    description: 'SNS message attributes (String), delivered as SQS message attributes; subscription filter policies match on them.',
    required: ['type', 'entity', 'action', 'district', 'view'],
    properties: {
      type: { type: 'string', const: eventType(e.feed, e.entity, action), description: 'The CloudEvents type.' },
      entity: { type: 'string', const: e.entity },
      action: { type: 'string', const: action },
      district: { type: 'string', description: `The record’s district (区县), or ${CITYWIDE_DISTRICT} when it concerns the whole city.` },
      view: { type: 'string', enum: [...FEED_VIEWS], description: 'The view the data was rendered for; a subscription receives only its own.' },
    },
  };
}

function actionDescription(e: FeedEntity, action: string): string {
  if (!e.leavingActions.includes(action)) return `A ${e.entity} record was ${action}: \`data.record\` holds it as the subscriber’s view shows it.`;
  return (
    `A ${e.entity} record left public view (${action}): \`data\` carries its identity and \`reason\`` +
    (action === 'expired' ? ' and `publicUntil`, its last public day' : '') +
    ', not its content. Every subscriber of the entity receives it whatever its filter (statutory clocks run on it); ' +
    'remove the record from public view by the deadline and send a receipt.'
  );
}

/** One message: one action on one entity of one feed, named by its event type. */
export function feedMessage(e: FeedEntity, action: string): Schema {
  const type = eventType(e.feed, e.entity, action);
  return {
    name: type,
    title: `${e.entity} ${action}`,
    summary: `${e.recordType} ${action} on the ${e.feed} feed`,
    description: actionDescription(e, action),
    contentType: 'application/cloudevents+json',
    headers: attributesSchema(e, action),
    payload: {
      allOf: [
        schemaRef('FeedEvent'),
        {
          type: 'object',
          properties: {
            source: { type: 'string', const: eventSource(e.feed) },
            type: { type: 'string', const: type },
            dataschema: { type: 'string', const: dataSchemaUri(e.feed, e.entity) },
            data: schemaRef(dataSchemaName(e)),
          },
        },
      ],
    },
  };
}
