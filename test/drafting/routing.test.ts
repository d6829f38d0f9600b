import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { DictionaryError } from '../../src/analysis/lexicon/errors.js';
import { DEFAULT_DICTIONARIES_DIR } from '../../src/analysis/lexicon/load.js';
import { LexiconFileSchema } from '../../src/analysis/lexicon/schema.js';
import { parseYaml, readYamlSource } from '../../src/analysis/lexicon/yaml-file.js';
import type { ToneResult } from '../../src/analysis/tone-schema.js';
import { createBusinessCalendar } from '../../src/drafting/calendar.js';
import { parseRoutingConfig, route, RoutingResult, type RoutingInput } from '../../src/drafting/routing.js';

const config = parseRoutingConfig(readYamlSource(join(DEFAULT_DICTIONARIES_DIR, 'routing.yaml'), 'routing.yaml'));
const calendar = createBusinessCalendar(config.calendar);

/** A Thursday morning in Japan time. */
const THURSDAY_0930 = new Date('2026-11-26T09:30:00+09:00');

function tone(level: RoutingInput['level'], urgency = 0, evidence: RoutingInput['evidence'] = []): RoutingInput {
  return { level, urgency, evidence };
}

function parseError(text: string): DictionaryError {
  try {
    parseRoutingConfig({ name: 'routing.yaml', text });
  } catch (err) {
    if (err instanceof DictionaryError) return err;
    throw err;
  }
  throw new Error('expected a DictionaryError');
}

describe('dictionaries/routing.yaml', () => {
  it('sets the SLAs of the support manual', () => {
    expect(config.levels.furious.sla).toEqual({ businessHours: 1 });
    expect(config.levels.angry.sla).toEqual({ businessHours: 4 });
    expect(config.levels.concerned.sla).toEqual({ businessDays: 1 });
    expect(config.levels.calm.sla).toEqual({ businessDays: 2 });
  });

  it('escalates on categories and entry ids that exist in tone/', () => {
    const toneDir = join(DEFAULT_DICTIONARIES_DIR, 'tone');
    const files = readdirSync(toneDir)
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => parseYaml(readYamlSource(join(toneDir, name), `tone/${name}`), LexiconFileSchema));
    const ids = files.flatMap((file) => file.entries.map((entry) => entry.id));
    const prefixes = config.escalation.entryIds.flatMap((rule) => rule.prefixes);
    expect(prefixes.filter((prefix) => !ids.some((id) => id.startsWith(prefix)))).toEqual([]);
    const categories = new Set(files.map((file) => file.category));
    expect(Object.keys(config.escalation.categories).filter((category) => !categories.has(category))).toEqual([]);
  });

  it('keeps weekdays 9:00–18:00 and closes 12/29–1/3', () => {
    expect(config.calendar.businessHours).toEqual({ start: '09:00', end: '18:00' });
    expect(calendar.dayOffReason(new Date('2026-12-30T12:00:00+09:00'))).toBe('年末年始');
  });
});

describe('parseRoutingConfig', () => {
  const valid = readYamlSource(join(DEFAULT_DICTIONARIES_DIR, 'routing.yaml'), 'routing.yaml').text;

  it('names the line of a misspelt field', () => {
    const text = valid.replace('urgentPriority: P1', 'urgentPriorty: P1');
    const error = parseError(text);
    expect(error.line).toBe(text.split('\n').findIndex((l) => l.includes('urgentPriorty')) + 1);
    expect(error.problem).toBe('/levels/angry/urgentPriorty: unknown field "urgentPriorty" (a typo?)');
  });

  it('names the line of business hours that end before they start', () => {
    const text = valid.replace('start: "09:00"', 'start: "19:00"');
    const error = parseError(text);
    const line = text.split('\n').findIndex((l) => l.includes('end: "18:00"')) + 1;
    expect(error.line).toBe(line);
    expect(error.problem).toBe('/calendar/businessHours/end: end 18:00 must be after start 19:00');
  });

  it('rejects an SLA with an unknown unit', () => {
    expect(parseError(valid.replace('sla: { businessHours: 1 }', 'sla: { hours: 1 }')).file).toBe('routing.yaml');
  });
});

describe('route: priority', () => {
  it.each([
    ['furious', 0, 'P1'],
    ['angry', config.urgentAt - 1, 'P2'],
    ['angry', config.urgentAt, 'P1'],
    ['concerned', config.urgentAt - 1, 'P3'],
    ['concerned', config.urgentAt, 'P2'],
    ['calm', 0, 'P4'],
    ['calm', 100, 'P4'],
  ] as const)('%s with urgency %i → %s', (level, urgency, priority) => {
    expect(route(tone(level, urgency), THURSDAY_0930, calendar, config).priority).toBe(priority);
  });
});

describe('route: escalate', () => {
  const legal = { category: 'escalation', entryId: 'esc.bengoshi', text: '弁護士' };
  const consumer = { category: 'escalation', entryId: 'esc.shouhisha-center', text: '消費者センター' };
  const sns = { category: 'escalation', entryId: 'esc.kakusan', text: '拡散' };
  const anger = { category: 'anger', entryId: 'anger.fuzakeru', text: 'ふざけるな' };

  it.each([
    ['a calm question', tone('calm'), []],
    ['an angry mail without escalation words', tone('angry', 40, [anger]), []],
    ['a furious mail', tone('furious', 50, [anger]), ['強い怒り（furious）と判定されました。責任者が対応してください。']],
    [
      'a threat to go public',
      tone('angry', 40, [sns]),
      ['上席・外部への相談をほのめかす表現「拡散」があります。責任者が対応してください。'],
    ],
    [
      'a lawyer, explained once, not again as a generic threat',
      tone('angry', 40, [legal]),
      ['警察・法的手段への言及「弁護士」があります。法務と連携し、責任者が対応してください。'],
    ],
    [
      'the consumer centre',
      tone('concerned', 20, [consumer]),
      ['消費者センター・行政などの公的機関への言及「消費者センター」があります。責任者が対応してください。'],
    ],
    [
      'several reasons, level first',
      tone('furious', 80, [sns, legal, consumer, legal]),
      [
        '強い怒り（furious）と判定されました。責任者が対応してください。',
        '警察・法的手段への言及「弁護士」があります。法務と連携し、責任者が対応してください。',
        '消費者センター・行政などの公的機関への言及「消費者センター」があります。責任者が対応してください。',
        '上席・外部への相談をほのめかす表現「拡散」があります。責任者が対応してください。',
      ],
    ],
  ])('%s', (_, input, reasons) => {
    const routing = route(input, THURSDAY_0930, calendar, config);
    expect(routing.escalateReasons).toEqual(reasons);
    expect(routing.escalate).toBe(reasons.length > 0);
  });
});

describe('route: replyBy', () => {
  it.each([
    ['furious', '2026-11-26T09:30:00+09:00', '2026-11-26T10:30:00+09:00', '11月26日（木）10:30まで'],
    ['angry', '2026-11-26T09:30:00+09:00', '2026-11-26T13:30:00+09:00', '11月26日（木）13:30まで'],
    ['concerned', '2026-11-26T09:30:00+09:00', '2026-11-27T18:00:00+09:00', '11月27日（金）18:00まで'],
    ['calm', '2026-11-26T09:30:00+09:00', '2026-11-30T18:00:00+09:00', '11月30日（月）18:00まで'],
    ['furious', '2026-11-26T17:30:00+09:00', '2026-11-27T09:30:00+09:00', '11月27日（金）9:30まで'],
    ['angry', '2026-11-28T11:00:00+09:00', '2026-11-30T13:00:00+09:00', '11月30日（月）13:00まで'],
    ['angry', '2026-05-01T16:00:00+09:00', '2026-05-07T11:00:00+09:00', '5月7日（木）11:00まで'],
    ['concerned', '2026-09-18T10:00:00+09:00', '2026-09-24T18:00:00+09:00', '9月24日（木）18:00まで'],
    ['angry', '2026-12-28T16:00:00+09:00', '2027-01-04T11:00:00+09:00', '1月4日（月）11:00まで'],
    ['calm', '2026-12-28T10:00:00+09:00', '2027-01-05T18:00:00+09:00', '1月5日（火）18:00まで'],
  ] as const)('%s received %s → %s', (level, receivedAt, replyBy, replyByLabel) => {
    const routing = route(tone(level), new Date(receivedAt), calendar, config);
    expect(routing.replyBy).toBe(replyBy);
    expect(routing.replyByLabel).toBe(replyByLabel);
  });

  it('reports the SLA it used', () => {
    expect(route(tone('angry'), THURSDAY_0930, calendar, config).sla).toEqual({ level: 'angry', businessHours: 4 });
    expect(route(tone('calm'), THURSDAY_0930, calendar, config).sla).toEqual({ level: 'calm', businessDays: 2 });
  });

  it('gives the same deadline for the same instant written in UTC', () => {
    // 08:30 UTC is 17:30 in Tokyo: half an hour today, three and a half tomorrow.
    const fromUtc = route(tone('angry'), new Date('2026-11-26T08:30:00Z'), calendar, config);
    expect(fromUtc.replyBy).toBe('2026-11-27T12:30:00+09:00');
  });
});

describe('route: result', () => {
  it('takes a full tone result and answers in the documented schema', () => {
    const full: ToneResult = {
      level: 'angry',
      anger: 58,
      urgency: 64,
      politeButAnnoyed: true,
      reasons: [],
      evidence: [
        {
          entryId: 'esc.bengoshi',
          category: 'escalation',
          field: 'body',
          text: '弁護士',
          start: 10,
          end: 13,
          weight: 40,
          multiplier: 1,
          contribution: 40,
        },
      ],
      notCounted: [],
      dictionaryVersion: 'sha256:0000000000000000',
    };
    const routing = route(full, THURSDAY_0930, calendar, config);
    expect(Compile(RoutingResult).Check(routing)).toBe(true);
    expect(routing).toMatchObject({ priority: 'P1', escalate: true });
  });
});
