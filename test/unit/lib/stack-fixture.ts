import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { resources } from '../../../src/infra/resources.js';
import { TongyuanStack, type TongyuanStackProps } from '../../../lib/tongyuan-stack.js';

/** Shared by the stack-*.test.ts files: the stack built from the real model, bundling off. */

/** A synth takes a few seconds alone and several times that on a busy machine. */
export const SYNTH_TIMEOUT_MS = 60_000;

export const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** The feature flags of cdk.json, so tests synthesize what `cdk synth` does. */
function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(repositoryRoot, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

/** A NodejsFunction needs its entry at construct time even when bundling is skipped. */
export function assertHandlerEntriesExist(): void {
  const missing = resources.functions.filter((fn) => !existsSync(join(repositoryRoot, fn.entry))).map((fn) => fn.entry);
  if (missing.length > 0) throw new Error(`the stack cannot be constructed until these handler entries exist: ${missing.join(', ')}`);
}

/** A fresh app; `aws:cdk:bundling-stacks: []` skips esbuild so tests neither compile handlers nor wait for it. */
export function newTestApp(): App {
  return new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
}

export interface SynthesizedStack {
  readonly app: App;
  readonly stack: TongyuanStack;
  readonly template: Template;
  /** The template's Resources section, for checks across resources. */
  readonly cfn: Record<string, CfnResource>;
}

export interface CfnResource {
  readonly Type: string;
  readonly Properties: Record<string, unknown>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

export function synthesizeStack(props?: TongyuanStackProps): SynthesizedStack {
  assertHandlerEntriesExist();
  const app = newTestApp();
  const stack = new TongyuanStack(app, 'Tongyuan', props);
  const template = Template.fromStack(stack);
  const cfn = (template.toJSON() as { Resources: Record<string, CfnResource> }).Resources;
  return { app, stack, template, cfn };
}

export function logicalId(construct: IConstruct): string {
  return Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
}

export const getAtt = (construct: IConstruct, attribute: string) => ({ 'Fn::GetAtt': [logicalId(construct), attribute] });
export const ref = (construct: IConstruct) => ({ Ref: logicalId(construct) });
