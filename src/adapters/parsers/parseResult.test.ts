import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { zh } from '../../i18n/zh';
import { LIMIT_FAILURES, PARSE_FAILURES } from './parseResult';

describe('parse failures', () => {
  it('each has its own message, in English and Chinese, as do the queue’s own reasons', () => {
    for (const reason of [...PARSE_FAILURES, 'too-large', 'unreadable', 'parser-crashed']) {
      expect(en.ingest.errors, reason).toHaveProperty([reason]);
      expect(zh.ingest.errors, reason).toHaveProperty([reason]);
    }
  });

  it('each refusal at a resource limit has its own message too, naming the limit', () => {
    for (const reason of LIMIT_FAILURES) {
      expect(en.limits[reason], reason).toContain('{{detail}}');
      expect(zh.limits[reason], reason).toContain('{{detail}}');
    }
  });
});
