import { describe, expect, it } from 'vitest';
import { eventsPerFeed, routedVersions, streamProgress } from '../../../src/route/batch-progress.js';

type Feed = 'enforcement' | 'yrd' | 'gazette';
const published = (counts: Partial<Record<Feed, number>>) => new Map(Object.entries(counts) as [Feed, number][]);

describe('how far a stream batch was routed', () => {
  // Each decision goes out on the enforcement and the Yangtze-Delta feed; a document on the gazette.
  const decision: Feed[] = ['enforcement', 'yrd'];
  const document: Feed[] = ['gazette'];

  it('counts every version when each feed published all its events', () => {
    expect(routedVersions([decision, document, decision], published({ enforcement: 2, yrd: 2, gazette: 1 }))).toBe(3);
    expect(routedVersions([], published({}))).toBe(0);
  });

  it('stops at the first version one of whose feeds did not get its event out', () => {
    // The enforcement feed published its first two events; the Yangtze-Delta feed all three.
    expect(routedVersions([decision, decision, decision, decision], published({ enforcement: 2, yrd: 4 }))).toBe(2);
    // The other way round: the Yangtze-Delta feed is the one behind.
    expect(routedVersions([decision, decision, decision], published({ enforcement: 3, yrd: 1 }))).toBe(1);
  });

  it('holds back a later version that went out whole once an earlier one did not', () => {
    // The gazette document (third) went out, but the second decision did not: the retry starts at the second.
    expect(routedVersions([decision, decision, document], published({ enforcement: 1, yrd: 2, gazette: 1 }))).toBe(1);
  });

  it('counts a version that made no event as done once the ones before it are, and a failure before anything went out as none', () => {
    expect(routedVersions([[], decision, [], decision], published({ enforcement: 1, yrd: 1 }))).toBe(3);
    expect(routedVersions([decision, []], published({}))).toBe(0);
    expect(routedVersions([[], [], decision], published({}))).toBe(2);
  });

  it('needs every event of a version that makes two on one feed', () => {
    // An expiry and a change of one record on the same feed: one of them out is not enough.
    expect(routedVersions([['enforcement', 'enforcement'] as Feed[]], published({ enforcement: 1 }))).toBe(0);
  });

  it('splits each feed at the events of the finished versions', () => {
    const versions = [decision, document, decision, []];
    expect(eventsPerFeed(versions, 2)).toEqual(published({ enforcement: 1, yrd: 1, gazette: 1 }));
    expect(eventsPerFeed(versions, 0)).toEqual(new Map());
    expect(eventsPerFeed(versions, 4)).toEqual(published({ enforcement: 2, yrd: 2, gazette: 1 }));
  });

  it('maps the first unrouted version to its stream record, the records before it done', () => {
    // Five records; versions sit in records 0, 2 and 3 (1 and 4 carried no version).
    expect(streamProgress([0, 2, 3], 3, 5)).toEqual({ done: 5 });
    expect(streamProgress([0, 2, 3], 1, 5)).toEqual({ done: 2, retryFrom: 2 });
    expect(streamProgress([0, 2, 3], 0, 5)).toEqual({ done: 0, retryFrom: 0 });
    expect(streamProgress([1, 2], 0, 3)).toEqual({ done: 1, retryFrom: 1 });
  });
});
