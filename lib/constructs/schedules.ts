import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionDef, FunctionTrigger } from '../../src/infra/resources.js';
import type { SchedulePlan } from '../../src/infra/source-schedules.js';
import { lookup, pascalId } from './model-ids.js';

/** Invocation retries when Lambda throttles or is briefly unavailable. */
const INVOKE_RETRY_ATTEMPTS = 3;
/** Scheduler accepts 1 minute to 24 hours. */
const MAX_EVENT_AGE_LIMIT_MINUTES = 24 * 60;

export interface SchedulesProps {
  readonly functions: readonly FunctionDef[];
  /** Deployed functions by model id; a scheduled one carries a dead-letter queue. */
  readonly deployed: ReadonlyMap<string, IFunction & { readonly deadLetterQueue?: IQueue }>;
  /** Splits a scheduled function into events at their own rates (ingest: one per source schedule); the local runtime uses the same plan. */
  readonly plan: SchedulePlan;
}

/** One EventBridge Scheduler schedule per `schedule` trigger, or per event the plan makes of it. */
export class Schedules extends Construct {
  /** The role each schedule assumes to invoke its function, by function id. */
  readonly roles: ReadonlyMap<string, Role>;

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    const roles = new Map<string, Role>();
    for (const def of props.functions) {
      const fn = lookup(props.deployed, 'function', def.id);
      for (const [index, trigger] of def.triggers.entries()) {
        if (trigger.kind !== 'schedule') continue;
        const planned = props.plan(def, trigger.everyMinutes);
        // One role per scheduled function instead of the target's stack-wide one, so its
        // grants are reviewable here; only this account's schedules may assume it.
        const role =
          roles.get(def.id) ??
          new Role(this, `${pascalId(def.id)}Invoker`, {
            assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
              conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
            }),
          });
        roles.set(def.id, role);
        for (const { event, everyMinutes } of planned) {
          // The first schedule keeps the id it had before plans existed, so deployed ones are updated, not replaced.
          const scheduleId = everyMinutes === trigger.everyMinutes ? `${pascalId(def.id)}${index}` : `${pascalId(def.id)}${index}Every${everyMinutes}m`;
          const sourceIds = (event as { sourceIds?: readonly string[] }).sourceIds;
          const when = trigger.dailyAtChinaTime ? `daily at ${trigger.dailyAtChinaTime} China time` : `every ${everyMinutes} minutes`;
          new Schedule(this, scheduleId, {
            description: `Runs ${def.id} ${when}${sourceIds ? ` for ${sourceIds.join(', ')}` : ''}`.slice(0, 512),
            schedule: expressionOf(trigger, everyMinutes),
            target: new LambdaInvoke(fn, {
              role,
              input: ScheduleTargetInput.fromObject(event),
              retryAttempts: INVOKE_RETRY_ATTEMPTS,
              // A run that could not start before the next tick is superseded by it.
              maxEventAge: Duration.minutes(Math.min(everyMinutes, MAX_EVENT_AGE_LIMIT_MINUTES)),
              // The function's own asynchronous-failure queue: every lost run ends up in one place.
              deadLetterQueue: fn.deadLetterQueue,
            }),
          });
        }
      }
    }
    this.roles = roles;
  }
}

/** A daily trigger runs at its China wall-clock time; any other at its rate. */
function expressionOf(trigger: Extract<FunctionTrigger, { kind: 'schedule' }>, everyMinutes: number): ScheduleExpression {
  if (!trigger.dailyAtChinaTime) return ScheduleExpression.rate(Duration.minutes(everyMinutes));
  const [hour, minute] = trigger.dailyAtChinaTime.split(':').map(Number);
  return ScheduleExpression.cron({ minute: String(minute), hour: String(hour), timeZone: TimeZone.ASIA_SHANGHAI });
}
