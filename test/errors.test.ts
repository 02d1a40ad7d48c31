import { MacvlanErrors } from '../src';
import { MacvlanError } from '../src/errors';

describe('MacvlanError', () => {
  test('message, fields and details', () => {
    const e = new MacvlanError({ ruleId: 'MV026', constructPath: 'app/fabric', field: 'vlans[0].id', message: 'VLAN id 0 is outside 1-4094', fix: 'use an id from 1 to 4094' });
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(MacvlanError);
    expect(e.message).toBe('[app/fabric] MV026 vlans[0].id: VLAN id 0 is outside 1-4094. Fix: use an id from 1 to 4094.');
    expect(MacvlanErrors.isMacvlanError(e)).toBe(true);
    expect(MacvlanErrors.details(e)).toEqual({
      message: e.message,
      problem: 'VLAN id 0 is outside 1-4094',
      fix: 'use an id from 1 to 4094',
      ruleId: 'MV026',
      constructPath: 'app/fabric',
      field: 'vlans[0].id',
    });
  });

  test('without location or rule', () => {
    const e = new MacvlanError({ message: 'subnet must be a string, got 5.', fix: 'pass "10.0.0.0/24".' });
    expect(e.message).toBe('subnet must be a string, got 5. Fix: pass "10.0.0.0/24".');
    expect(e.ruleId).toBeUndefined();
  });

  test('other values are not ours', () => {
    for (const v of [new Error('x'), null, undefined, 'MacvlanError', { ruleId: 'MV001' }]) {
      expect(MacvlanErrors.isMacvlanError(v)).toBe(false);
      expect(MacvlanErrors.details(v)).toBeUndefined();
    }
  });
});
