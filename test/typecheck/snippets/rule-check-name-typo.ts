// expect-error: TS2345 (a rule definition's check must name a function its module exports)
// names: "checkIpPoolTypo"
import type * as PoolChecks from '../../../src/rules/ip-pool';
import { checkOf } from '../../../src/rules/rule';

checkOf<typeof PoolChecks>('checkIpPoolTypo');
