import type { CliCommand } from '../command.js';
import { calendarCheckCommand } from './calendar.js';
import { complianceReportCommand } from './compliance.js';
import { datasetsListCommand, datasetsPublishCommand, datasetsReleasesCommand } from './datasets.js';
import { exportSgsCommand } from './export.js';
import { feedsCommands } from './feeds.js';
import { feedsRotateKeyCommand } from './feeds-keys.js';
import { grantsCommands } from './grants.js';
import { inboxCommands } from './inbox.js';
import { subscribersCommands } from './subscribers.js';
import { qualityCommand } from './quality.js';
import { queuesRedriveCommand } from './queues.js';
import { queryCommand } from './query.js';
import { quarantineListCommand, quarantineReplayCommand, quarantineReportCommand, quarantineShowCommand } from './quarantine.js';
import { recordsShowCommand } from './records.js';
import { sourcesCheckCommand, sourcesListCommand } from './sources.js';
import { subscribeCommand } from './subscribe.js';
import { syncCommand } from './sync.js';
import { upCommand } from './up.js';

/** Every subcommand; the longest matching path wins. */
export const commands: readonly CliCommand[] = [
  upCommand,
  sourcesListCommand,
  sourcesCheckCommand,
  syncCommand,
  quarantineListCommand,
  quarantineShowCommand,
  quarantineReplayCommand,
  quarantineReportCommand,
  ...inboxCommands,
  recordsShowCommand,
  calendarCheckCommand,
  complianceReportCommand,
  exportSgsCommand,
  qualityCommand,
  datasetsListCommand,
  datasetsReleasesCommand,
  datasetsPublishCommand,
  queryCommand,
  queuesRedriveCommand,
  ...grantsCommands,
  ...subscribersCommands,
  subscribeCommand,
  ...feedsCommands,
  feedsRotateKeyCommand,
];
