/**
 * CKAN's Action API envelope, as ckan/views/api.py answers it (CKAN 2.10 and 2.11 alike):
 * `{ help, success: true, result }`, or `{ help, success: false, error: { __type, … } }` with
 * the status CKAN gives each kind of error — a Validation Error is 409 there, not 400.
 */

/** The JSON CKAN serves (`application/json;charset=utf-8`), spelled as the API's other routes spell it. */
export const CKAN_JSON = 'application/json; charset=utf-8';

/** A refusal an action raises; the route turns it into CKAN's error envelope. */
export abstract class CkanError extends Error {
  abstract readonly status: 400 | 403 | 404 | 409;
  abstract readonly type: string;
  /** The `error` object of the envelope, without `__type`. */
  abstract detail(): Readonly<Record<string, unknown>>;
}

/** `Validation Error` (409): each bad parameter with its messages, as CKAN's schema validation reports them. */
export class CkanValidationError extends CkanError {
  readonly status = 409;
  readonly type = 'Validation Error';
  constructor(readonly fields: Readonly<Record<string, readonly string[]>>) {
    super(
      Object.entries(fields)
        .map(([name, messages]) => `${name}: ${messages.join('; ')}`)
        .join(', '),
    );
  }
  /** One parameter, one message. */
  static of(parameter: string, message: string): CkanValidationError {
    return new CkanValidationError({ [parameter]: [message] });
  }
  detail() {
    return this.fields;
  }
}

/** `Not Found Error` (404), message prefixed as CKAN does ("Not found: …"). */
export class CkanNotFound extends CkanError {
  readonly status = 404;
  readonly type = 'Not Found Error';
  detail() {
    return { message: this.message ? `Not found: ${this.message}` : 'Not found' };
  }
}

/** `Authorization Error` (403), message prefixed as CKAN does ("Access denied: …"). */
export class CkanAuthorizationError extends CkanError {
  readonly status = 403;
  readonly type = 'Authorization Error';
  detail() {
    return { message: this.message ? `Access denied: ${this.message}` : 'Access denied' };
  }
}

/** `Search Query Error` (400): package_search's bad parameters, bad `fq` or bad `sort`. */
export class CkanSearchQueryError extends CkanError {
  readonly status = 400;
  readonly type = 'Search Query Error';
  detail() {
    return { message: `Search Query is invalid: ${this.message}` };
  }
}

/** The `help` of every envelope: the URL of the action's documentation (help_show), on the public base URL. */
export function helpUrl(base: string, action: string): string {
  return `${base}/api/3/action/help_show?name=${encodeURIComponent(action)}`;
}

export function successBody(help: string, result: unknown) {
  return { help, success: true as const, result };
}

export function errorBody(help: string, error: CkanError) {
  return { help, success: false as const, error: { __type: error.type, ...error.detail() } };
}

/** CKAN answers a request it cannot even dispatch (unknown action, unreadable JSON) with a bare JSON string and 400. */
export function badRequestBody(message: string): string {
  return `Bad request - ${message}`;
}
