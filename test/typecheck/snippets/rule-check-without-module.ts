// expect-error: TS2345 (checkOf without the module's type accepts no name)
// names: "checkIpPool"
import { checkOf } from '../../../src/rules/rule';

checkOf('checkIpPool');
