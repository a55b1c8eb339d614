/** The console's account names: a safe alphabet, so no two names read the same in the audit. */
import { describe, expect, it } from 'vitest';
import { UserNameSchema } from '../../shared/console';

describe('UserNameSchema', () => {
  it('takes ASCII letters, digits, . _ - and compares without case', () => {
    expect(UserNameSchema.parse(' Lan.Tracer_2-b ')).toBe('lan.tracer_2-b');
  });

  it('refuses look-alikes and every other character', () => {
    for (const name of ['tr\u0430cer1', 'lan tracer', 'nguyễn', 'ａdmin', 'x', 'a'.repeat(41), 'ad\u200bmin', 'İt'])
      expect(UserNameSchema.safeParse(name).success, name).toBe(false);
  });
});
