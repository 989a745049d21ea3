import { checkDivisionCode, checkResidentId, checkUscc, parseImplementationCode } from '@zwfw/catalog';

const uscc = checkUscc('11430400M54DRXAH81'); // 统一社会信用代码
if (!uscc.valid) console.log(uscc.issues.map((issue) => issue.message.zh));
checkResidentId('430404199001011237').valid; // 公民身份号码 (check character, date, division)
checkDivisionCode('430421').valid; // 衡阳县
const parts = parseImplementationCode('114304006XNYXARA873000104001000'); // 实施编码; throws on a bad code
console.log(parts.uscc, parts.level, parts.basicCode); // implementing body, exercise level, 基本编码
