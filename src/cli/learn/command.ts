/** `ondo learn report|suggest|apply`: the team's corrections become an agreement report and measured dictionary entries. */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { summarizeAgreement } from '../../feedback/agreement.js';
import { readCorrections } from './corrections.js';
import { formatAgreementText, renderAgreementHtml } from './report.js';

export const LEARN_USAGE = `  ondo learn report [--from feedback.jsonl] [--tenant name] [--html report.html] [--json]
      How often agents agree with ondo's level, per dictionary version: confusion matrix, polite-but-annoyed
      and scenario agreement, the corrections that disagree most. Reads Redis (REDIS_URL, QUEUE_PREFIX) or an export.`;

export async function learnCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      from: { type: 'string' },
      tenant: { type: 'string' },
      html: { type: 'string' },
      json: { type: 'boolean' },
      top: { type: 'string' },
    },
  });
  const source = { from: values.from, tenant: values.tenant };
  switch (sub) {
    case 'report': {
      const report = summarizeAgreement(await readCorrections(source), { disagreements: Number(values.top ?? 20) || 20 });
      if (values.html) {
        writeFileSync(values.html, renderAgreementHtml(report, { generatedAt: new Date(), source: values.from ?? `Redis, tenant ${values.tenant ?? 'default'}` }));
        console.error(`wrote ${values.html}`);
      }
      console.log(values.json ? JSON.stringify(report, null, 2) : formatAgreementText(report));
      return 0;
    }
    default:
      console.error(`ondo learn: ${sub === undefined ? 'give report, suggest or apply' : `unknown subcommand ${sub}`}\nusage:\n${LEARN_USAGE}`);
      return 2;
  }
}
